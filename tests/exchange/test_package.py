"""The .gdx package: a round trip, no plaintext in the file, atomic writing, cancel and a killed writer."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from govdesk.exchange import package
from govdesk.exchange.package import PackageRefused, read_package, write_package
from govdesk.services.progress import Cancelled
from govdesk.store import migrate
from tests.exchange.conftest import OFFICE_CODE, Side, base_manifest

# What a register's members look like: names, ID numbers, phones, addresses.
PEOPLE = [
    ("张伟", "110105198001011234", "13812345678", "朝阳路12号院3单元"),
    ("李秀英", "11010519650315002X", "13987654321", "幸福里5号楼"),
    ("Wang Fang", "110105199912310018", "010-65001234", "和平街8号"),
]


def _members() -> dict[str, bytes]:
    lines = [
        json.dumps({"name": n, "id_number": i, "phone": p, "address": a}, ensure_ascii=False)
        for n, i, p, a in PEOPLE
    ]
    resident = ("\n".join(lines) + "\n").encode("utf-8")
    return {
        "resident.jsonl": resident,
        "household.jsonl": "朝阳路12号院\n".encode() * 50,
        "tombstones.jsonl": b"",
    }


def test_round_trip(office_side: Side, township: Side, tmp_path: Path) -> None:
    members = _members()
    folder = tmp_path / "stick"
    seen: list[tuple[int, int]] = []
    path = write_package(
        folder,
        manifest=base_manifest(office_side, 7),
        members=members,
        signer=office_side.own,
        recipient=township.card,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert path.parent == folder
    tag = office_side.db.instance_id[:4]
    assert path.name.startswith(f"{OFFICE_CODE}-") and path.name.endswith(f"-0007-{tag}.gdx")
    assert len(path.name) == len("110105001001-20261126-0007-3f2a.gdx")
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no temporary left
    assert seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)

    got = read_package(path, keyring=[office_side.card], own=township.own)
    assert got.members == members
    assert got.signer == office_side.card
    assert got.manifest["sequence"] == 7
    assert got.manifest["source_office"] == OFFICE_CODE
    assert got.manifest["source_instance"] == office_side.db.instance_id
    assert got.manifest["full"] is True
    assert got.manifest["marks"] == {office_side.db.instance_id: 42}
    assert got.manifest["counts"] == {"resident": 3}
    assert got.manifest["schema"] == migrate.data_revision()
    assert got.manifest["format"] == package.FORMAT_VERSION
    assert got.manifest["recipient"] == township.own.fingerprint
    listed = {m["name"]: m["size"] for m in got.manifest["members"]}
    assert listed == {name: len(data) for name, data in members.items()}
    assert got.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert got.size == path.stat().st_size


def test_large_member_spans_many_pieces(office_side: Side, township: Side, tmp_path: Path) -> None:
    # Random bytes do not deflate, so this member is sealed in several 1 MiB pieces.
    data = os.urandom(3 * package.PIECE + 12345)
    path = write_package(
        tmp_path,
        manifest=base_manifest(office_side),
        members={"blob.bin": data},
        signer=office_side.own,
        recipient=township.card,
    )
    assert path.stat().st_size > len(data)
    got = read_package(path, keyring=[office_side.card], own=township.own)
    assert got.members["blob.bin"] == data


def test_no_plaintext_in_the_file(office_side: Side, township: Side, tmp_path: Path) -> None:
    path = write_package(
        tmp_path,
        manifest=base_manifest(office_side),
        members=_members(),
        signer=office_side.own,
        recipient=township.card,
    )
    raw = path.read_bytes()
    needles = []
    for name, id_number, phone, address in PEOPLE:
        needles += [name, id_number, phone, address, id_number[-6:], phone[-4:] + phone[:3]]
    for needle in needles:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            try:
                blob = needle.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert blob not in raw, (needle, encoding)
    # Nor the members' text in any other readable form.
    assert b"id_number" not in raw and b"phone" not in raw and b"address" not in raw


def test_members_are_not_readable_by_another_township(
    office_side: Side, township: Side, tmp_path: Path
) -> None:
    from tests.exchange.conftest import make_side

    other = make_side(tmp_path / "other.db", "另一个街道", "110105002000", "township")
    try:
        path = write_package(
            tmp_path,
            manifest=base_manifest(office_side),
            members=_members(),
            signer=office_side.own,
            recipient=township.card,
        )
        with pytest.raises(PackageRefused) as err:
            read_package(path, keyring=[office_side.card], own=other.own)
        assert err.value.reason_key == "wrong_recipient"
        assert "不是发给本单位的" in str(err.value)
    finally:
        other.db.close()


def test_bad_member_names_are_refused_when_writing(
    office_side: Side, township: Side, tmp_path: Path
) -> None:
    for bad in ["../x", "a/b", "a\\b", "/abs", "C:x", "a\x00b", "", ".hidden", "a..b"]:
        with pytest.raises(ValueError):
            write_package(
                tmp_path,
                manifest=base_manifest(office_side),
                members={bad: b"x"},
                signer=office_side.own,
                recipient=township.card,
            )
    with pytest.raises(ValueError):
        write_package(
            tmp_path,
            manifest=base_manifest(office_side),
            members={"A.jsonl": b"x", "a.jsonl": b"y"},
            signer=office_side.own,
            recipient=township.card,
        )
    with pytest.raises(ValueError):
        write_package(
            tmp_path,
            manifest={**base_manifest(office_side), "members": []},
            members={"a.jsonl": b"x"},
            signer=office_side.own,
            recipient=township.card,
        )
    assert list(tmp_path.glob("*.gdx")) == []


def test_existing_package_is_not_overwritten(
    office_side: Side, township: Side, tmp_path: Path
) -> None:
    args = {
        "manifest": base_manifest(office_side),
        "members": _members(),
        "signer": office_side.own,
        "recipient": township.card,
    }
    first = write_package(tmp_path, **args)
    before = first.read_bytes()
    with pytest.raises(Exception, match="已有同名数据包"):
        write_package(tmp_path, **args)
    assert first.read_bytes() == before


def test_cancel_leaves_no_file(office_side: Side, township: Side, tmp_path: Path) -> None:
    cancel = threading.Event()
    folder = tmp_path / "out"
    folder.mkdir()
    during: list[list[str]] = []

    def progress(done: int, total: int) -> None:
        if done > total // 2 and not cancel.is_set():  # in the writing half
            during.append([p.name for p in folder.iterdir()])
            cancel.set()

    with pytest.raises(Cancelled):
        write_package(
            folder,
            manifest=base_manifest(office_side),
            members={"blob.bin": os.urandom(4 * package.PIECE)},
            signer=office_side.own,
            recipient=township.card,
            progress=progress,
            cancel=cancel,
        )
    # The temporary file was there when the cancel came, and is gone now.
    assert len(during) == 1 and len(during[0]) == 1 and during[0][0].endswith(".part")
    assert list(folder.iterdir()) == []


def test_cancel_before_writing_leaves_no_file(
    office_side: Side, township: Side, tmp_path: Path
) -> None:
    cancel = threading.Event()
    cancel.set()
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        write_package(
            folder,
            manifest=base_manifest(office_side),
            members=_members(),
            signer=office_side.own,
            recipient=township.card,
            cancel=cancel,
        )
    assert list(folder.iterdir()) == []


# The writer in a process of its own, killed with SIGKILL once it has written part of the
# file: what a stick pulled out (or a power cut) leaves behind.
_WRITER = r"""
import os, sys, time
from pathlib import Path
from govdesk.store.database import Database
from govdesk.exchange import keys, package

office = Database.open(Path(sys.argv[1]))
township = Database.open(Path(sys.argv[2]))
folder, marker = Path(sys.argv[3]), Path(sys.argv[4])
card = keys.read_key_file(keys.public_key_file(township))
own = keys.own_keys(office)
township.close()

def progress(done, total):
    if done > total * 3 // 4:  # well into writing the sealed pieces
        marker.write_text("writing")
        time.sleep(60)

package.write_package(
    folder,
    manifest={"source_office": "110105001001", "source_instance": office.instance_id,
              "sequence": 3, "full": True},
    members={"blob.bin": os.urandom(8 << 20)},
    signer=own, recipient=card, progress=progress,
)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_writer_leaves_nothing_importable(
    office_side: Side, township: Side, tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    marker = tmp_path / "marker"
    office_side.db.close()
    township.db.close()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _WRITER,
            str(office_side.db.path),
            str(township.db.path),
            str(folder),
            str(marker),
        ]
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, "the writer ended before it was killed"
            assert time.monotonic() < deadline, "the writer never reached the middle"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    left = list(folder.iterdir())
    assert [p for p in left if p.suffix == ".gdx"] == []
    # The temporary file is there, partly written, under a name no one would import.
    assert len(left) == 1 and left[0].name.startswith(".") and left[0].suffix == ".part"
    assert left[0].stat().st_size > 0
    # Renamed to look like a package, it is still refused as incomplete.
    renamed = left[0].rename(folder / "110105001001-20261126-0003.gdx")
    from govdesk.exchange import keys
    from govdesk.store.database import Database

    office = Database.open(office_side.db.path)
    town = Database.open(township.db.path)
    try:
        with pytest.raises(PackageRefused) as err:
            read_package(
                renamed,
                keyring=[keys.read_key_file(keys.public_key_file(office))],
                own=keys.own_keys(town),
            )
    finally:
        office.close()
        town.close()
    assert err.value.reason_key == "truncated"
    assert "不完整" in str(err.value)
