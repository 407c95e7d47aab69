"""Hostile packages: every damaged, truncated, foreign, crafted or oversized file is refused."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govdesk.exchange import keys, package
from govdesk.exchange.keys import OwnKeys
from govdesk.exchange.limits import Limits
from govdesk.exchange.package import (
    PREFIX_SIZE,
    SIGNATURE_SIZE,
    PackageRefused,
    read_package,
    seal_package,
    write_package,
)
from tests.exchange.conftest import Side, base_manifest, make_side

MEMBERS = {
    "resident.jsonl": "".join(
        json.dumps({"name": f"居民{i}", "id_number": f"1101051980010{i:05d}"}, ensure_ascii=False)
        + "\n"
        for i in range(300)
    ).encode(),
    "household.jsonl": b'{"household_number": "H0001"}\n' * 40,
}


@pytest.fixture
def good(office_side: Side, township: Side, tmp_path: Path) -> Path:
    return write_package(
        tmp_path / "stick",
        manifest=base_manifest(office_side),
        members=MEMBERS,
        signer=office_side.own,
        recipient=township.card,
    )


def _refusal(path: Path, office_side: Side, township: Side, **kw: Any) -> PackageRefused:
    with pytest.raises(PackageRefused) as err:
        read_package(path, keyring=[office_side.card], own=township.own, **kw)
    return err.value


def _variant(good: Path, data: bytes, name: str = "variant.gdx") -> Path:
    target = good.parent / name
    target.write_bytes(data)
    return target


def test_the_good_package_reads(good: Path, office_side: Side, township: Side) -> None:
    assert read_package(good, keyring=[office_side.card], own=township.own).members == MEMBERS


def test_bit_flips_anywhere_are_refused(good: Path, office_side: Side, township: Side) -> None:
    raw = good.read_bytes()
    manifest_len = package._PREFIX.unpack(raw[:PREFIX_SIZE])[5]
    signature_at = PREFIX_SIZE + manifest_len
    offsets = set(range(0, len(raw), 97))
    offsets |= set(range(PREFIX_SIZE))  # every byte of the prefix
    offsets |= set(range(signature_at, signature_at + SIGNATURE_SIZE, 7))  # the signature
    offsets |= {signature_at + SIGNATURE_SIZE, len(raw) - 1, len(raw) - 20}  # members
    reasons: dict[str, int] = {}
    for offset in sorted(offsets):
        for bit in (0, 7):
            flipped = bytearray(raw)
            flipped[offset] ^= 1 << bit
            target = _variant(good, bytes(flipped))
            err = _refusal(target, office_side, township)
            assert err.message, offset
            reasons[err.reason_key] = reasons.get(err.reason_key, 0) + 1
    # Most flips land in the manifest or a member and are caught by a signature or a hash.
    assert reasons["damaged"] > len(offsets)
    assert set(reasons) <= {
        "damaged",
        "not_package",
        "newer_format",
        "truncated",
        "unknown_signer",
        "own_package",
        "wrong_recipient",
    }


def test_truncation_at_many_offsets_is_refused(
    good: Path, office_side: Side, township: Side
) -> None:
    raw = good.read_bytes()
    cuts = sorted(
        set(range(0, len(raw), 61)) | {1, 7, 8, 9, PREFIX_SIZE - 1, PREFIX_SIZE, len(raw) - 1}
    )
    for cut in cuts:
        err = _refusal(_variant(good, raw[:cut]), office_side, township)
        expected = "not_package" if cut < len(package.MAGIC) else "truncated"
        assert err.reason_key == expected, cut
    err = _refusal(_variant(good, raw[: len(raw) // 2]), office_side, township)
    assert str(err) == "这个数据包不完整（可能拔出U盘时还没写完），请重新导出"


def test_appended_bytes_are_refused(good: Path, office_side: Side, township: Side) -> None:
    err = _refusal(_variant(good, good.read_bytes() + b"\x00"), office_side, township)
    assert err.reason_key == "damaged"


def test_not_a_package(good: Path, office_side: Side, township: Side) -> None:
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("../../evil.txt", "x")
    for data in (b"", b"hello", zipped.getvalue(), b"SQLite format 3\x00" + b"\x00" * 200):
        err = _refusal(_variant(good, data), office_side, township)
        assert err.reason_key == "not_package"
        assert "不是 govdesk 数据包" in str(err)


def test_newer_format_asks_for_an_upgrade(good: Path, office_side: Side, township: Side) -> None:
    raw = bytearray(good.read_bytes())
    raw[8:10] = (package.FORMAT_VERSION + 1).to_bytes(2, "big")
    err = _refusal(_variant(good, bytes(raw)), office_side, township)
    assert err.reason_key == "newer_format" and "请先升级" in str(err)


def test_unknown_signer(good: Path, township: Side) -> None:
    with pytest.raises(PackageRefused) as err:
        read_package(good, keyring=[], own=township.own)
    assert err.value.reason_key == "unknown_signer"
    assert str(err.value) == "发送方的密钥未被信任，请先核对指纹并导入对方的公钥"


def test_revoked_signer_is_unknown(good: Path, office_side: Side, township: Side) -> None:
    with township.db.session() as s:
        keys.trust(s, office_side.card)
    assert read_package(good, keyring=keys.keyring(township.db), own=township.own).members
    with township.db.session() as s:
        keys.revoke(s, office_side.own.fingerprint)
    with pytest.raises(PackageRefused) as err:
        read_package(good, keyring=keys.keyring(township.db), own=township.own)
    assert err.value.reason_key == "unknown_signer"


def test_impostor_with_the_same_office_code(
    good: Path, office_side: Side, township: Side, tmp_path: Path
) -> None:
    # A package signed by other keys under the trusted office's name and fingerprint.
    impostor = make_side(tmp_path / "impostor.db", "幸福社区居民委员会", "110105001001")
    try:
        raw = bytearray(good.read_bytes())
        fields = package._PREFIX.unpack(bytes(raw[:PREFIX_SIZE]))
        head = bytes(raw[: PREFIX_SIZE + fields[5]])
        raw[PREFIX_SIZE + fields[5] : PREFIX_SIZE + fields[5] + SIGNATURE_SIZE] = (
            impostor.own.sign_private.sign(head)
        )
        err = _refusal(_variant(good, bytes(raw)), office_side, township)
        assert err.reason_key == "damaged" and err.where == "signature"
        assert "（签名不符）" in str(err)
    finally:
        impostor.db.close()


def test_own_package_is_refused(office_side: Side, township: Side, tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "own",
        manifest=base_manifest(township),
        members=MEMBERS,
        signer=township.own,
        recipient=office_side.card,
    )
    with pytest.raises(PackageRefused) as err:
        read_package(path, keyring=[office_side.card], own=township.own)
    assert err.value.reason_key == "own_package"


def test_wrong_recipient(good: Path, office_side: Side, tmp_path: Path) -> None:
    other = make_side(tmp_path / "other.db", "另一个街道", "110105002000", "township")
    try:
        with pytest.raises(PackageRefused) as err:
            read_package(good, keyring=[office_side.card], own=other.own)
        assert err.value.reason_key == "wrong_recipient"
        assert str(err.value) == "这个数据包不是发给本单位的"
    finally:
        other.db.close()


def _forged(good: Path, signer: OwnKeys, edit: Callable[[dict, bytes], bytes | None]) -> bytes:
    """The good package with its manifest (and members) edited and signed again by the
    sender's own key: a trusted office whose PC was taken over, or a buggy sender."""
    raw = good.read_bytes()
    fields = package._PREFIX.unpack(raw[:PREFIX_SIZE])
    manifest_len = fields[5]
    manifest = json.loads(raw[PREFIX_SIZE : PREFIX_SIZE + manifest_len])
    members = raw[PREFIX_SIZE + manifest_len + SIGNATURE_SIZE :]
    members = edit(manifest, members) or members
    text = json.dumps(manifest, ensure_ascii=False).encode()
    prefix = package._PREFIX.pack(*fields[:5], len(text), len(members))
    return prefix + text + signer.sign_private.sign(prefix + text) + members


def test_forging_helper_makes_a_readable_package(
    good: Path, office_side: Side, township: Side
) -> None:
    # Guards the tests below: an unedited re-signed package still reads.
    data = _forged(good, office_side.own, lambda m, b: None)
    path = _variant(good, data)
    assert read_package(path, keyring=[office_side.card], own=township.own).members == MEMBERS


@pytest.mark.parametrize(
    "bad",
    [
        "../../etc/passwd",
        "..",
        "/etc/passwd",
        "C:\\Windows\\x",
        "a/b.jsonl",
        "a\\b.jsonl",
        "x\x00.jsonl",
        ".profile",
        "",
        12,
        None,
        "长名字",
    ],
)
def test_path_member_names_are_refused(
    good: Path, office_side: Side, township: Side, bad: object
) -> None:
    def rename(manifest: dict, _members: bytes) -> None:
        manifest["members"][0]["name"] = bad

    err = _refusal(_variant(good, _forged(good, office_side.own, rename)), office_side, township)
    assert err.reason_key == "bad_member"
    assert "名称不合规" in str(err)
    assert "\x00" not in str(err)


def test_duplicate_member_names_are_refused(good: Path, office_side: Side, township: Side) -> None:
    def duplicate(manifest: dict, _members: bytes) -> None:
        manifest["members"][1]["name"] = manifest["members"][0]["name"].upper()

    err = _refusal(_variant(good, _forged(good, office_side.own, duplicate)), office_side, township)
    assert err.reason_key == "bad_member"


def test_one_office_cannot_speak_for_another(good: Path, office_side: Side, township: Side) -> None:
    # A trusted office signs a package that claims to come from its neighbour.
    def claim(manifest: dict, _members: bytes) -> None:
        manifest["source_office"] = "110105001002"

    err = _refusal(_variant(good, _forged(good, office_side.own, claim)), office_side, township)
    assert err.reason_key == "foreign_source"
    assert "110105001002" in str(err) and "幸福社区居民委员会（110105001001）" in str(err)


def test_reordered_members_are_refused(good: Path, office_side: Side, township: Side) -> None:
    def swap(manifest: dict, _members: bytes) -> None:
        first, second = manifest["members"]
        manifest["members"] = [second, first]

    err = _refusal(_variant(good, _forged(good, office_side.own, swap)), office_side, township)
    assert err.reason_key == "damaged" and err.where == "household.jsonl"
    assert "（其中的“household.jsonl”）" in str(err)


@pytest.mark.parametrize(
    "text",
    [
        b"\xff not json",
        b"[" * 100_000,  # deeper than the parser's recursion
        b'{"format": 1}',
        b'{"format": 1, "members": {}}',
        b"[]",
    ],
)
def test_manifest_that_is_not_a_manifest_is_refused(
    good: Path, office_side: Side, township: Side, text: bytes
) -> None:
    raw = good.read_bytes()
    fields = package._PREFIX.unpack(raw[:PREFIX_SIZE])
    members = raw[PREFIX_SIZE + fields[5] + SIGNATURE_SIZE :]
    prefix = package._PREFIX.pack(*fields[:5], len(text), len(members))
    data = prefix + text + office_side.own.sign_private.sign(prefix + text) + members
    err = _refusal(_variant(good, data), office_side, township)
    assert err.reason_key == "damaged" and err.where == "manifest"
    assert "（内容清单）" in str(err)


def test_too_many_members(office_side: Side, township: Side, tmp_path: Path) -> None:
    path = write_package(
        tmp_path,
        manifest=base_manifest(office_side),
        members={f"part{i}.jsonl": b"x" for i in range(5)},
        signer=office_side.own,
        recipient=township.card,
    )
    err = _refusal(path, office_side, township, limits=Limits(max_members=4))
    assert err.reason_key == "too_many_members" and "5" in str(err)


def test_file_too_large_is_refused_before_reading(
    good: Path, office_side: Side, township: Side
) -> None:
    err = _refusal(good, office_side, township, limits=Limits(max_file=1000))
    assert err.reason_key == "too_large"


def test_member_too_large(good: Path, office_side: Side, township: Side) -> None:
    err = _refusal(good, office_side, township, limits=Limits(max_member=1000))
    assert err.reason_key == "bomb"


GIB = 1 << 30


@pytest.fixture(scope="module")
def gigabyte_of_zeros() -> bytes:
    """1 GiB of zeros as one valid zlib stream of about 1 MB, without deflating a gigabyte.

    After a full flush deflate forgets what came before, so every further 4 MiB of zeros
    deflates to the same bytes: the stream is the first piece, that block repeated, and
    the end with the checksum of the whole gigabyte.
    """
    zeros = bytes(1 << 22)
    count = GIB // len(zeros)
    deflate = zlib.compressobj(6)
    first = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeated = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush(zlib.Z_FINISH)[:-4]
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(zeros, checksum)
    stream = first + repeated * (count - 1) + end + checksum.to_bytes(4, "big")
    # A real bomb: its start inflates to zeros, at more than 1000 to 1.
    probe = zlib.decompressobj()
    assert probe.decompress(stream, 1 << 24) == bytes(1 << 24)
    assert len(stream) * 1000 < GIB
    return stream


@pytest.mark.parametrize("declared", [GIB, 1 << 20])
def test_compression_bomb_is_refused_quickly_in_little_memory(
    office_side: Side, township: Side, tmp_path: Path, gigabyte_of_zeros: bytes, declared: int
) -> None:
    # Declared honestly (1 GiB from 1 MB: the ratio gives it away before decrypting), or
    # as 1 MiB (it passes the ratio; decompression stops one byte past the signed size).
    head, sealed = seal_package(
        base_manifest(office_side),
        {},
        signer=office_side.own,
        recipient=township.card,
        compressed={"bomb.bin": (declared, gigabyte_of_zeros)},
    )
    path = tmp_path / "bomb.gdx"
    path.write_bytes(head + b"".join(p for s in sealed for p in s.pieces))
    assert path.stat().st_size < 2 << 20
    tracemalloc.start()
    try:
        err = _refusal(path, office_side, township)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.reason_key == "bomb" and "bomb.bin" in str(err)
    assert peak < 32 << 20  # never the gigabyte


def test_every_refusal_has_an_english_sentence() -> None:
    from govdesk.domain import messages

    params = {
        "name": "x.gdx",
        "where": "manifest",
        "member": "a",
        "version": 2,
        "size": "2 GiB",
        "limit": "1 GiB",
        "count": 300,
        "error": "I/O error",
        "claimed": "110105001002",
        "office": "Office",
        "code": "110105001001",
        "theirs": "0012",
        "ours": "0013",
        "what": "rows",
        "content": "x",
        "own": "110105001001",
        "record": "Resident",
        "field": "ID number",
        "value": "110105********002X",
        "household": "H0001",
    }
    # The import's refusals are registered with it.
    import govdesk.exchange.apply  # noqa: F401
    import govdesk.exchange.downward  # noqa: F401

    keys_ = [k for k in messages._CATALOGUE if k.startswith("exchange.refused.")]
    assert len(keys_) >= 12
    messages.set_language("en")
    try:
        for key in keys_:
            err = PackageRefused(key.removeprefix("exchange.refused."), **params)
            assert str(err) and not any("\u4e00" <= ch <= "\u9fff" for ch in str(err)), key
    finally:
        messages.set_language("zh_CN")
    for key in keys_:
        err = PackageRefused(key.removeprefix("exchange.refused."), **params)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err)), key


def test_random_edits_are_refused(good: Path, office_side: Side, township: Side) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    raw = good.read_bytes()
    folder = good.parent

    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        edits=st.lists(
            st.tuples(st.integers(0, len(raw) - 1), st.integers(1, 255)),
            min_size=1,
            max_size=4,
            unique_by=lambda edit: edit[0],  # two edits of one byte could cancel out
        ),
        cut=st.one_of(st.none(), st.integers(0, len(raw) - 1)),
    )
    def edited(edits: list[tuple[int, int]], cut: int | None) -> None:
        data = bytearray(raw)
        for offset, xor in edits:
            data[offset] ^= xor
        if cut is not None:
            del data[cut:]
        target = folder / "edited.gdx"
        target.write_bytes(bytes(data))
        with pytest.raises(PackageRefused):
            read_package(target, keyring=[office_side.card], own=township.own)

    edited()
