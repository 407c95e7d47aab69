"""Hostile packages through the township's import: each refused, no record changed, the refusal audited."""

from __future__ import annotations

import json
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from govdesk.domain.audit import AuditAction
from govdesk.exchange import keys, package
from govdesk.exchange.apply import ImportReport, import_package
from govdesk.exchange.export import export_package, record_tables
from govdesk.exchange.package import (
    PREFIX_SIZE,
    SIGNATURE_SIZE,
    Deflated,
    read_package,
    write_package,
)
from govdesk.services import registry
from govdesk.store import migrate
from tests.exchange.conftest import OFFICE_CODE, Side, make_side

# The tables whose rows an import may change: every record table and the merge's own.
MERGE_TABLES = ("record_history", "record_tombstone", "record_conflict", "exchange_ack")

DAMAGED = "这个数据包已损坏或被改动过"
TRUNCATED = "这个数据包不完整（可能拔出U盘时还没写完），请重新导出"
NOT_PACKAGE = "不是 govdesk 数据包"
UNKNOWN_SIGNER = "发送方的密钥未被信任，请先核对指纹并导入对方的公钥"
WRONG_RECIPIENT = "这个数据包不是发给本单位的"


@dataclass
class World:
    office: Side
    township: Side
    good: Path  # a package the township has already applied
    stick: Path


def _trust_each_other(office: Side, township: Side) -> None:
    with office.db.session() as s:
        keys.trust(s, township.card)
    with township.db.session() as s:
        keys.trust(s, office.card)


def _register(side: Side, names: list[tuple[str, str]]) -> list[str]:
    with side.db.session() as s:
        hh = registry.create_household(s, household_number="H0001", address="幸福里小区3号楼")
        return [
            registry.create_person(
                s,
                data={
                    "name": name,
                    "sex": "female",
                    "relation_to_head": rel,
                    "phone": "13912345678",
                },
                household_id=hh.id,
            ).person.id
            for name, rel in names
        ]


@pytest.fixture
def world(office_side: Side, township: Side, tmp_path: Path) -> World:
    _trust_each_other(office_side, township)
    _register(office_side, [("欧阳秀英", "head"), ("司马建国", "spouse")])
    stick = tmp_path / "stick"
    stick.mkdir()
    good = export_package(office_side.db, stick).path
    report = import_package(township.db, good)
    assert report.outcome == "applied" and report.new > 0
    return World(office_side, township, good, stick)


def _dump(side: Side) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table an import writes, in a fixed order."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with side.db.connect() as conn:
        for table in [*record_tables(), *MERGE_TABLES]:
            rows = conn.exec_driver_sql(f"SELECT * FROM {table}").all()
            dump[table] = sorted((tuple(r) for r in rows), key=repr)
    return dump


def _refusals(side: Side) -> list[tuple[str, dict[str, Any]]]:
    with side.db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT record_id, detail FROM audit_log WHERE action = ? ORDER BY seq",
            (AuditAction.PACKAGE_REFUSED.value,),
        ).all()
    return [(str(r[0]), json.loads(r[1])) for r in rows]


def _refused(world: World, path: Path) -> ImportReport:
    """Import `path` into the township: refused, no table changed, one audit entry saying why."""
    before = _dump(world.township)
    audited = len(_refusals(world.township))
    report = import_package(world.township.db, path)
    assert report.outcome == "refused", (path.name, report.outcome)
    assert report.reason
    assert report.new == report.updated == report.conflicts == 0
    assert _dump(world.township) == before, path.name
    entries = _refusals(world.township)
    assert len(entries) == audited + 1
    record_id, detail = entries[-1]
    assert record_id == path.name
    assert detail["outcome"] == "refused" and detail["reason"] == report.reason
    return report


def _variant(world: World, data: bytes, name: str) -> Path:
    target = world.stick / name
    target.write_bytes(data)
    return target


def _resign(world: World, raw: bytes, change: Any) -> bytes:
    """`raw` with its manifest changed by `change(manifest)` and signed again with the
    office's own key: a package the office could really have made."""
    fields = list(package._PREFIX.unpack(raw[:PREFIX_SIZE]))
    manifest_len = fields[5]
    manifest = json.loads(raw[PREFIX_SIZE : PREFIX_SIZE + manifest_len])
    change(manifest)
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    fields[5] = len(text)
    prefix = package._PREFIX.pack(*fields)
    signature = world.office.own.sign_private.sign(prefix + text)
    return prefix + text + signature + raw[PREFIX_SIZE + manifest_len + SIGNATURE_SIZE :]


def _members(world: World) -> tuple[dict[str, Any], dict[str, bytes]]:
    opened = read_package(
        world.good, keyring=keys.keyring(world.township.db), own=world.township.own
    )
    return opened.manifest, dict(opened.members)


def _office_manifest(world: World, manifest: dict[str, Any], sequence: int) -> dict[str, Any]:
    """The caller's part of a manifest like the export's (write_package adds the rest)."""
    keep = ("source_office", "source_instance", "full", "since", "content", "counts", "marks")
    made = {k: manifest[k] for k in keep if k in manifest}
    made["sequence"] = sequence
    return made


def test_a_good_package_again_changes_nothing_and_says_so(world: World) -> None:
    before = _dump(world.township)
    again = import_package(world.township.db, world.good)
    assert again.outcome == "nothing_new"
    copy = world.stick / "renamed-copy.gdx"
    shutil.copy(world.good, copy)
    assert import_package(world.township.db, copy).outcome == "nothing_new"
    assert _dump(world.township) == before


def test_bit_flips_are_refused_and_change_nothing(world: World) -> None:
    raw = world.good.read_bytes()
    manifest_len = package._PREFIX.unpack(raw[:PREFIX_SIZE])[5]
    signature_at = PREFIX_SIZE + manifest_len
    members_at = signature_at + SIGNATURE_SIZE
    offsets = {0, 8, 10, 12, 24, 36, 40, 44, PREFIX_SIZE - 1}  # each field of the prefix
    offsets |= set(range(PREFIX_SIZE, signature_at, max(1, manifest_len // 8)))
    offsets |= {signature_at, signature_at + 31, members_at - 1}
    offsets |= set(range(members_at, len(raw), max(1, (len(raw) - members_at) // 12)))
    offsets |= {len(raw) - 1}
    allowed = (DAMAGED, TRUNCATED, NOT_PACKAGE, UNKNOWN_SIGNER, WRONG_RECIPIENT, "更新版本")
    damaged = 0
    for offset in sorted(offsets):
        flipped = bytearray(raw)
        flipped[offset] ^= 0x10
        report = _refused(world, _variant(world, bytes(flipped), f"flip-{offset}.gdx"))
        assert any(text in report.reason for text in allowed), (offset, report.reason)
        damaged += DAMAGED in report.reason
    # Flips in the manifest, the signature and the members all read as damage.
    assert damaged >= len(offsets) // 2


def test_truncations_are_refused_and_change_nothing(world: World) -> None:
    raw = world.good.read_bytes()
    manifest_len = package._PREFIX.unpack(raw[:PREFIX_SIZE])[5]
    members_at = PREFIX_SIZE + manifest_len + SIGNATURE_SIZE
    cuts = {0, 1, 7, 8, PREFIX_SIZE - 1, PREFIX_SIZE, PREFIX_SIZE + manifest_len // 2}
    cuts |= {members_at - 1, members_at, len(raw) - 1}
    cuts |= set(range(members_at, len(raw), max(1, (len(raw) - members_at) // 10)))
    for cut in sorted(cuts):
        report = _refused(world, _variant(world, raw[:cut], f"cut-{cut}.gdx"))
        expected = NOT_PACKAGE if cut < len(package.MAGIC) else TRUNCATED
        assert expected in report.reason, (cut, report.reason)


@pytest.mark.parametrize(
    "bad_name", ["../resident.json", "/etc/passwd", "sub/resident.json", "..\\x.json", ".hidden"]
)
def test_a_member_with_a_path_is_refused(world: World, bad_name: str) -> None:
    def rename(manifest: dict[str, Any]) -> None:
        manifest["members"][0]["name"] = bad_name

    data = _resign(world, world.good.read_bytes(), rename)
    report = _refused(world, _variant(world, data, "path-member.gdx"))
    assert "名称不合规" in report.reason


def test_a_repeated_member_name_is_refused(world: World) -> None:
    def repeat(manifest: dict[str, Any]) -> None:
        manifest["members"][1]["name"] = manifest["members"][0]["name"].upper()

    report = _refused(
        world, _variant(world, _resign(world, world.good.read_bytes(), repeat), "twice.gdx")
    )
    assert "名称不合规" in report.reason


def test_a_compression_bomb_is_refused_before_it_expands(world: World) -> None:
    manifest, _ = _members(world)
    huge = 64 << 20
    blob = zlib.compress(b"\x00" * huge, 9)
    # Declared honestly: the ratio alone gives it away, before anything is inflated.
    honest = write_package(
        world.stick,
        manifest=_office_manifest(world, manifest, 7),
        members={},
        compressed={"resident.json": Deflated(huge, blob)},
        signer=world.office.own,
        recipient=world.township.card,
    )
    report = _refused(world, honest)
    assert "解压后过大" in report.reason
    # Declared small: inflating stops one byte past the declared size.
    lying = write_package(
        world.stick,
        manifest=_office_manifest(world, manifest, 8),
        members={},
        compressed={"resident.json": Deflated(1000, blob)},
        signer=world.office.own,
        recipient=world.township.card,
    )
    report = _refused(world, lying)
    assert "解压后过大" in report.reason


def test_a_package_signed_with_an_unknown_key_is_refused(world: World, tmp_path: Path) -> None:
    stranger = make_side(tmp_path / "stranger.db", "陌生社区居民委员会", OFFICE_CODE)
    try:
        manifest, members = _members(world)
        made = write_package(
            world.stick,
            manifest=_office_manifest(world, manifest, 9),
            members=members,
            signer=stranger.own,
            recipient=world.township.card,
        )
        report = _refused(world, made)
        assert report.reason == UNKNOWN_SIGNER
    finally:
        stranger.db.close()


def test_a_package_sealed_for_another_township_is_refused(world: World, tmp_path: Path) -> None:
    other = make_side(tmp_path / "other.db", "另一街道办事处", "110105002000", "township")
    try:
        manifest, members = _members(world)
        made = write_package(
            world.stick,
            manifest=_office_manifest(world, manifest, 10),
            members=members,
            signer=world.office.own,
            recipient=other.card,
        )
        report = _refused(world, made)
        assert report.reason == WRONG_RECIPIENT
    finally:
        other.db.close()


def test_a_package_claiming_another_office_is_refused(world: World) -> None:
    manifest, members = _members(world)
    claimed = _office_manifest(world, manifest, 11)
    claimed["source_office"] = "110105001009"
    made = write_package(
        world.stick,
        manifest=claimed,
        members=members,
        signer=world.office.own,
        recipient=world.township.card,
    )
    report = _refused(world, made)
    assert "自称来自" in report.reason and OFFICE_CODE in report.reason


def test_a_row_of_another_office_refuses_the_whole_package(world: World) -> None:
    manifest, members = _members(world)
    document = json.loads(members["resident.json"])
    columns = document["columns"]
    at_office, at_phone = columns.index("office_id"), columns.index("phone")
    # A real change the township would take, and beside it a row of someone else's office.
    document["rows"][0][at_phone] = "13700000000"
    document["rows"][0][columns.index("version")] += 1000
    document["rows"][1][at_office] = "0f0f0f0f-0000-4000-8000-000000000000"
    members["resident.json"] = json.dumps(document, ensure_ascii=False).encode("utf-8")
    made = write_package(
        world.stick,
        manifest=_office_manifest(world, manifest, 12),
        members=members,
        signer=world.office.own,
        recipient=world.township.card,
    )
    report = _refused(world, made)
    assert "不属于" in report.reason and "没有导入任何记录" in report.reason


def test_a_malformed_member_is_refused(world: World) -> None:
    manifest, members = _members(world)
    members["resident.json"] = members["resident.json"][:-7]
    made = write_package(
        world.stick,
        manifest=_office_manifest(world, manifest, 13),
        members=members,
        signer=world.office.own,
        recipient=world.township.card,
    )
    report = _refused(world, made)
    assert "内容不合规" in report.reason


def test_an_older_package_after_a_newer_one_changes_nothing(world: World) -> None:
    # The office edits and sends a newer package; the township takes it, then gets the
    # first one (already applied, but under another name) and an older copy again.
    with world.office.db.connect() as conn:
        first_id = conn.exec_driver_sql("SELECT id FROM resident ORDER BY name LIMIT 1").scalar()
    with world.office.db.session() as s:
        registry.update_person(s, person_id=first_id, changes={"phone": "13600001111"})
    newer = export_package(world.office.db, world.stick).path
    applied = import_package(world.township.db, newer)
    assert applied.outcome == "applied" and applied.updated >= 1
    before = _dump(world.township)
    older = world.stick / "older-copy.gdx"
    shutil.copy(world.good, older)
    report = import_package(world.township.db, older)
    assert report.outcome == "nothing_new"
    assert _dump(world.township) == before
    with world.township.db.connect() as conn:
        phone = conn.exec_driver_sql(
            "SELECT phone FROM resident WHERE id = ?", (first_id,)
        ).scalar()
    assert phone == "13600001111"


def test_a_package_from_another_data_schema_is_refused(world: World) -> None:
    def older(manifest: dict[str, Any]) -> None:
        manifest["schema"] = "0012"  # before the per-office keys: other tables and columns

    data = _resign(world, world.good.read_bytes(), older)
    report = _refused(world, _variant(world, data, "older-schema.gdx"))
    assert "数据结构 0012" in report.reason and migrate.data_revision() in report.reason


def test_an_index_only_migration_apart_still_exchanges(world: World) -> None:
    # The package names the tables and columns its records have, not the head revision.
    assert _members(world)[0]["schema"] == migrate.data_revision()
    for rev, before in migrate.INDEX_ONLY.items():
        assert migrate.data_revision(rev) == migrate.data_revision(before)

    def marked_with_head(manifest: dict[str, Any]) -> None:
        manifest["schema"] = migrate.head_revision()  # as a file one index migration ahead

    data = _resign(world, world.good.read_bytes(), marked_with_head)
    report = import_package(world.township.db, _variant(world, data, "head-marked.gdx"))
    assert report.outcome == "nothing_new", report.reason  # read and compared, not refused
