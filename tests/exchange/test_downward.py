"""Downward packages: the township's reference data, acknowledgements and merges reach an office."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from govdesk.domain import grids as grid_rules
from govdesk.domain import messages
from govdesk.domain.messages import DomainError
from govdesk.domain.models import CareCategory, Meta, Resident
from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import conflicts, downward, keys
from govdesk.exchange.apply import import_package
from govdesk.exchange.export import export_package
from govdesk.exchange.package import read_package, write_package
from govdesk.services import grid_codes, grid_staff, mediation, registry
from govdesk.services.office import current_office
from govdesk.store import file_identity
from govdesk.store.database import Database
from tests.exchange.conftest import OFFICE_CODE, laptop_copy, make_side, register, trust

ADMIN = Actor(username="admin", role=Role.ADMIN)


@pytest.fixture(autouse=True)
def office_pc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")
    messages.set_language("zh")


def folder(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.mkdir(exist_ok=True)
    return path


def categories(db: Database) -> dict[str, tuple]:
    with db.session() as s:
        own = current_office(s).id
        return {
            c.code: (c.name_zh, c.sensitive, c.active, c.sort_order)
            for c in s.exec(select(CareCategory).where(CareCategory.office_id == own))
        }


def township_sets_reference(db: Database) -> None:
    """The township renames one category, switches one off, adds one, and sets three settings."""
    with db.session() as s:
        own = current_office(s).id
        rows = {
            c.code: c for c in s.exec(select(CareCategory).where(CareCategory.office_id == own))
        }
        rows["subsistence"].name_zh = "最低生活保障对象"
        rows["veteran"].active = False
        s.add(rows["subsistence"])
        s.add(rows["veteran"])
        s.add(CareCategory(code="flood_victim", name_zh="受灾群众", sort_order=20, office_id=own))
        s.add(Meta(key=grid_rules.NUMBER_WIDTH_KEY, value="3"))
        s.add(Meta(key=mediation.HANDLING_MONTHS_KEY, value="2"))
        s.add(
            Meta(
                key=grid_rules.ROLE_LABELS_KEY,
                value=json.dumps({"labels": {"grid_leader": "片区长"}, "disabled": []}),
            )
        )


def test_reference_and_acknowledgements_go_down_and_the_next_upward_package_is_incremental(
    office_side, township, tmp_path
):
    trust(office_side, township)
    ids = register(office_side.db)
    first = export_package(office_side.db, folder(tmp_path, "up"))
    assert first.path and import_package(township.db, first.path).outcome == "applied"
    township_sets_reference(township.db)
    before = categories(office_side.db)
    with office_side.db.connect() as conn:
        audit_seq = conn.exec_driver_sql("SELECT max(seq) FROM audit_log").scalar()

    result = downward.export_downward_result(township.db, folder(tmp_path, "down"), OFFICE_CODE)
    assert result.path.name.startswith("110105001000-") and result.categories == 11
    assert result.settings == sorted(downward.SETTING_KEYS)
    assert result.acks == {office_side.db.instance_id: first.marks}
    assert result.counts == {}  # the township merged nothing of this office
    report = import_package(office_side.db, result.path)
    assert report.outcome == "applied" and report.kind == "reference", report.reason
    assert report.new == report.updated == report.conflicts == 0
    assert report.changes == [
        "乡镇已确认收到本单位报送的数据，下次报送只含此后的修改",
        "关爱类别“最低生活保障对象”的名称：低保户 → 最低生活保障对象",
        "关爱类别“退役军人”的启用：是 → 否",
        "新增关爱类别“受灾群众”（flood_victim）",
        "新网格编号位数：2 → 3",
        "调解办理期限（月）：1 → 2",
        f"网格人员角色“{grid_rules.STAFF_ROLES.label('grid_leader')}”的名称："
        f"{grid_rules.STAFF_ROLES.zh('grid_leader')} → 片区长",
    ]
    assert "受灾群众" in report.text()
    after = categories(office_side.db)
    assert after["subsistence"][0] == "最低生活保障对象" and after["veteran"][2] is False
    assert after["flood_victim"] == ("受灾群众", False, True, 20)
    assert {
        k: v for k, v in after.items() if k not in ("subsistence", "veteran", "flood_victim")
    } == {k: v for k, v in before.items() if k not in ("subsistence", "veteran")}
    with office_side.db.session() as s:
        assert grid_codes.number_width(s) == 3
        assert mediation.handling_months(s) == 2
        assert grid_staff.role_settings(s).label("grid_leader") == "片区长"
    assert downward.acks_for(office_side.db, office_side.db.instance_id) == first.marks
    with office_side.db.connect() as conn:
        audited = conn.exec_driver_sql(
            "SELECT action, record_type FROM audit_log WHERE record_type IN "
            "('care_category', 'settings') AND seq > ? ORDER BY seq",
            (audit_seq,),
        ).all()
    assert [tuple(a) for a in audited] == [
        ("create", "care_category"),
        ("update", "care_category"),
        ("update", "care_category"),
        ("update", "settings"),
        ("update", "settings"),
        ("update", "settings"),
    ]

    # The same file again, and the same content again: nothing changes, and it says so.
    assert import_package(office_side.db, result.path).outcome == "nothing_new"
    again = downward.export_downward(township.db, folder(tmp_path, "down"), OFFICE_CODE)
    repeat = import_package(office_side.db, again)
    assert repeat.outcome == "nothing_new" and repeat.changes == []
    assert categories(office_side.db) == after

    # The next upward package holds only what changed since the acknowledgement: the
    # township's categories as this office's edits, and the one person edited since.
    with office_side.db.session() as s:
        registry.update_person(s, person_id=ids["司马建国"], changes={"phone": "13800002222"})
    second = export_package(office_side.db, folder(tmp_path, "up"))
    package = read_package(second.path, keyring=keys.keyring(township.db), own=township.own)
    assert package.manifest["full"] is False
    assert package.manifest["since"] == first.marks
    assert second.counts == {"resident": 1, "care_category": 3}
    applied = import_package(township.db, second.path)
    assert applied.outcome == "applied" and applied.conflicts == 0
    assert applied.updated == 3 and applied.new == 1


def test_an_older_downward_package_does_not_undo_a_newer_one(office_side, township, tmp_path):
    trust(office_side, township)
    with township.db.session() as s:
        s.add(Meta(key=mediation.HANDLING_MONTHS_KEY, value="2"))
    older = downward.export_downward(township.db, folder(tmp_path, "a"), OFFICE_CODE)
    with township.db.session() as s:
        s.get(Meta, mediation.HANDLING_MONTHS_KEY).value = "3"
    newer = downward.export_downward(township.db, folder(tmp_path, "b"), OFFICE_CODE)
    assert import_package(office_side.db, newer).changes == ["调解办理期限（月）：1 → 3"]
    late = import_package(office_side.db, older)
    assert late.outcome == "nothing_new" and late.changes == []
    assert mediation.handling_months(office_side.db) == 3


def test_a_merge_made_at_the_township_goes_down_and_fast_forwards_the_office(
    office_side, township, tmp_path
):
    trust(office_side, township)
    ids = register(office_side.db)
    first = export_package(office_side.db, folder(tmp_path, "up"))
    import_package(township.db, first.path)
    # A person at the township settles this record: a new version of the township's
    # instance that supersedes the office's.
    with township.db.session() as s:
        person = s.get(Resident, ids["欧阳秀英"])
        office_version = (person.version_instance, person.version)
        person.phone = "13933334444"
        s.add(person)
    with township.db.connect() as conn:
        merged = conn.exec_driver_sql(
            "SELECT version_instance, version FROM resident WHERE id = ?", (ids["欧阳秀英"],)
        ).one()
    assert merged[0] == township.db.instance_id

    result = downward.export_downward_result(township.db, folder(tmp_path, "down"), OFFICE_CODE)
    assert result.counts == {"resident": 1}
    package = read_package(result.path, keyring=keys.keyring(office_side.db), own=office_side.own)
    document = json.loads(package.members["resident.json"])
    assert document["history"][ids["欧阳秀英"]] == [list(office_version)]
    report = import_package(office_side.db, result.path)
    assert report.outcome == "applied", report.reason
    assert report.updated == 1 and report.conflicts == 0
    with office_side.db.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT phone, version_instance, version FROM resident WHERE id = ?",
            (ids["欧阳秀英"],),
        ).one()
        other = conn.exec_driver_sql(
            "SELECT phone FROM resident WHERE id = ?", (ids["司马建国"],)
        ).scalar()
    assert tuple(row) == ("13933334444", *merged)
    assert other is None
    # Sent up again, the township knows it: nothing changes there.
    back = export_package(office_side.db, folder(tmp_path, "up"))
    again = import_package(township.db, back.path)
    assert again.conflicts == 0 and again.updated == 0


def test_first_contact_a_person_checks_the_township_key_once(office_side, township, tmp_path):
    # The township trusts the office's key file; the office has not met the township yet.
    with township.db.session() as s:
        keys.trust(s, office_side.card)
        s.add(Meta(key=grid_rules.NUMBER_WIDTH_KEY, value="3"))
    path = downward.export_downward(township.db, folder(tmp_path, "down"), OFFICE_CODE)
    refused = import_package(office_side.db, path)
    assert refused.outcome == "refused" and "未被信任" in refused.reason

    card = downward.peek_introduction(office_side.db, path)
    assert card is not None and card.fingerprint == township.card.fingerprint
    assert card.kind == "township" and card.office_name == "和平街道办事处"
    with pytest.raises(DomainError) as wrong:
        downward.introduce(office_side.db, path, "0000-0000-0000-0000-0000-0000")
    assert "不符" in wrong.value.issues[0].message
    assert keys.keyring(office_side.db) == []

    trusted = downward.introduce(office_side.db, path, card.fingerprint.lower())
    assert trusted == card and [c.fingerprint for c in keys.keyring(office_side.db)] == [
        card.fingerprint
    ]
    with office_side.db.connect() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM audit_log WHERE action = 'exchange_key_trusted'"
            ).scalar()
            == 1
        )
    # Known now: the package needs no introduction, and imports; trusting it again (a
    # script that always passes --trust) changes nothing.
    assert downward.peek_introduction(office_side.db, path) is None
    assert downward.introduce(office_side.db, path, card.fingerprint) == card
    assert import_package(office_side.db, path).outcome == "applied"
    assert grid_codes.number_width(office_side.db) == 3


def test_first_contact_offers_nothing_for_a_card_that_is_not_the_signers(
    office_side, township, tmp_path
):
    with township.db.session() as s:
        keys.trust(s, office_side.card)
    stranger = make_side(tmp_path / "other.db", "光明街道办事处", "110105002000", "township")
    # Signed by one township, carrying another's card: the card cannot vouch for it.
    manifest = {
        "source_office": "110105001000",
        "source_instance": township.db.instance_id,
        "sequence": 1,
        "full": True,
        "content": downward.CONTENT,
        "target_office": OFFICE_CODE,
        "signer_card": json.loads(keys.public_key_file(stranger.db)),
    }
    forged = write_package(
        folder(tmp_path, "down"),
        manifest=manifest,
        members={"reference.json": b"{}"},
        signer=township.own,
        recipient=office_side.card,
    )
    assert downward.peek_introduction(office_side.db, forged) is None
    # The honest package, but altered by one byte after its manifest: nothing offered.
    path = downward.export_downward(township.db, folder(tmp_path, "honest"), OFFICE_CODE)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    assert downward.peek_introduction(office_side.db, path) is None
    stranger.db.close()


def test_an_office_refuses_a_downward_package_not_addressed_to_it(office_side, township, tmp_path):
    trust(office_side, township)
    other = make_side(tmp_path / "other.db", "光明社区居民委员会", "110105001002")
    trust(other, township)
    register(office_side.db)
    import_package(township.db, export_package(office_side.db, folder(tmp_path, "up")).path)
    with township.db.session() as s:
        s.add(Meta(key=grid_rules.NUMBER_WIDTH_KEY, value="3"))
    path = downward.export_downward(township.db, folder(tmp_path, "down"), OFFICE_CODE)

    def dump(db: Database) -> list[tuple]:
        with db.connect() as conn:
            return [
                tuple(r)
                for table in ("care_category", "resident", "exchange_ack", "meta")
                for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1")
                if table != "meta" or r[0] != "audit_head"
            ]

    before = dump(other.db)
    report = import_package(other.db, path)
    assert report.outcome == "refused" and "不是发给本单位" in report.reason
    assert dump(other.db) == before
    assert downward.peek_introduction(other.db, path) is None
    # Sealed for the other office's key but saying it is for this one: refused by content.
    manifest = {
        "source_office": "110105001000",
        "source_instance": township.db.instance_id,
        "sequence": 99,
        "full": True,
        "content": downward.CONTENT,
        "target_office": OFFICE_CODE,
    }
    misdirected = write_package(
        folder(tmp_path, "odd"),
        manifest=manifest,
        members={"reference.json": b'{"format": 1}', "acks.json": b"{}"},
        signer=township.own,
        recipient=other.card,
    )
    report = import_package(other.db, misdirected)
    assert report.outcome == "refused" and OFFICE_CODE in report.reason, report.reason
    assert dump(other.db) == before
    other.db.close()


def test_a_malformed_reference_is_refused_whole(office_side, township, tmp_path):
    trust(office_side, township)
    manifest = {
        "source_office": "110105001000",
        "source_instance": township.db.instance_id,
        "sequence": 5,
        "full": True,
        "content": downward.CONTENT,
        "target_office": OFFICE_CODE,
    }
    reference = {
        "format": 1,
        "care_categories": [
            {
                "code": "subsistence",
                "name_zh": "改了名",
                "name_en": "",
                "sensitive": False,
                "active": True,
                "sort_order": 0,
            }
        ],
        "settings": {grid_rules.NUMBER_WIDTH_KEY: "7"},
    }
    bad = write_package(
        folder(tmp_path, "bad"),
        manifest=manifest,
        members={"reference.json": json.dumps(reference).encode(), "acks.json": b"{}"},
        signer=township.own,
        recipient=office_side.card,
    )
    before = categories(office_side.db)
    report = import_package(office_side.db, bad)
    assert report.outcome == "refused" and "grid.number_width" in report.reason
    assert categories(office_side.db) == before
    assert grid_codes.number_width(office_side.db) == 2


def test_only_a_township_sends_down_and_only_to_a_trusted_office(office_side, township, tmp_path):
    trust(office_side, township)
    with pytest.raises(DomainError) as not_township:
        downward.export_downward(office_side.db, tmp_path, "110105001000")
    assert "只有乡镇" in not_township.value.issues[0].message
    with pytest.raises(DomainError) as unknown:
        downward.export_downward(township.db, tmp_path, "110105009999")
    assert "110105009999" in unknown.value.issues[0].message
    assert list(tmp_path.glob("*.gdx")) == []


def test_a_conflict_merged_at_the_township_reaches_the_pc_and_the_laptop(
    office_side, township, tmp_path, monkeypatch
):
    trust(office_side, township)
    ids = register(office_side.db)
    pc, laptop = laptop_copy(office_side.db, tmp_path, monkeypatch)
    person = ids["欧阳秀英"]
    edits = {pc: {"phone": "13911110000"}, laptop: {"notes": "腿脚不便，上门走访"}}
    for db, changes in edits.items():
        with db.session() as s:
            registry.update_person(s, person_id=person, changes=changes)
        # Each to its own folder: the copy numbers its packages from the same sequence.
        up = folder(tmp_path, f"up-{db.instance_id[:8]}")
        report = import_package(township.db, export_package(db, up).path)
        assert report.outcome == "applied", report.reason
    [open_one] = conflicts.open_conflicts(township.db)
    detail = conflicts.conflict_detail(township.db, "resident", person)
    pick = {
        "phone": next(i for i, h in enumerate(detail.heads) if h.raw.get("phone") == "13911110000"),
        "notes": next(i for i, h in enumerate(detail.heads) if h.raw.get("notes")),
    }
    conflicts.resolve(township.db, "resident", person, pick)
    assert conflicts.open_conflicts(township.db) == []

    path = downward.export_downward(township.db, folder(tmp_path, "down"), OFFICE_CODE)
    rows = []
    for db in (pc, laptop):
        report = import_package(db, path)
        assert report.outcome == "applied" and report.conflicts == 0, report.reason
        assert report.per_table["resident"]["updated"] == 1
        with db.connect() as conn:
            rows.append(
                tuple(
                    conn.exec_driver_sql(
                        "SELECT phone, notes, version_instance, version FROM resident WHERE id = ?",
                        (person,),
                    ).one()
                )
            )
            assert conn.exec_driver_sql("SELECT count(*) FROM record_conflict").scalar() == 0
    assert rows[0] == rows[1]
    assert rows[0][:3] == ("13911110000", "腿脚不便，上门走访", township.db.instance_id)
    # Both send again: the township has it all, nothing conflicts any more.
    for db in (pc, laptop):
        up = folder(tmp_path, f"up-{db.instance_id[:8]}")
        again = import_package(township.db, export_package(db, up).path)
        assert again.conflicts == 0 and again.updated == 0 and again.new == 0
    assert conflicts.open_conflicts(township.db) == []
    pc.close()
    laptop.close()


def test_first_contact_through_the_command_line(
    office_side, township, tmp_path, monkeypatch, capsys
):
    from govdesk.cli import main
    from tests.cli.conftest import PASSWORD, add_admin

    for side in (office_side, township):
        add_admin(side.db)
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)
    monkeypatch.delenv("GOVDESK_NEW_PASSWORD", raising=False)
    with township.db.session() as s:
        keys.trust(s, office_side.card)
        s.add(Meta(key=grid_rules.NUMBER_WIDTH_KEY, value="3"))
    args = ["--user", "admin"]
    down = folder(tmp_path, "down")
    assert (
        main(["exchange", "export", "--db", str(township.db.path), "--to", str(down), *args]) == 0
    )
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == down and path.name.startswith("110105001000-")

    command = ["exchange", "import", str(path), "--db", str(office_side.db.path), *args]
    assert main(command) == 1
    assert "未被信任" in capsys.readouterr().err
    assert main([*command, "--trust", "0000-0000-0000-0000-0000-0000"]) == 2
    assert "不符" in capsys.readouterr().err
    assert keys.keyring(office_side.db) == []
    assert main([*command, "--trust", township.card.fingerprint]) == 0
    out = capsys.readouterr().out
    assert "已导入" in out and "新网格编号位数：2 → 3" in out
    assert [c.fingerprint for c in keys.keyring(office_side.db)] == [township.card.fingerprint]
    assert grid_codes.number_width(office_side.db) == 3


def test_a_township_clock_put_back_is_still_heard_but_an_old_package_is_not(
    office_side, township, tmp_path
):
    trust(office_side, township)

    def package(sequence: int, created_at: str, months: int) -> Path:
        reference = {"format": 1, "settings": {mediation.HANDLING_MONTHS_KEY: str(months)}}
        return write_package(
            folder(tmp_path, f"p{sequence}"),
            manifest={
                "source_office": "110105001000",
                "source_instance": township.db.instance_id,
                "sequence": sequence,
                "full": True,
                "content": downward.CONTENT,
                "target_office": OFFICE_CODE,
                "created_at": created_at,
            },
            members={"reference.json": json.dumps(reference).encode(), "acks.json": b"{}"},
            signer=township.own,
            recipient=office_side.card,
        )

    first = package(5, "2026-11-27T10:00:00+00:00", 2)
    clock_back = package(6, "2026-11-27T09:00:00+00:00", 3)
    stale = package(4, "2026-11-27T09:30:00+00:00", 4)
    assert import_package(office_side.db, first).changes == ["调解办理期限（月）：1 → 2"]
    assert import_package(office_side.db, clock_back).changes == ["调解办理期限（月）：2 → 3"]
    late = import_package(office_side.db, stale)
    assert late.outcome == "nothing_new" and late.changes == []
    assert mediation.handling_months(office_side.db) == 3


def test_a_watcher_can_tell_the_packages_sealed_for_this_database(office_side, township, tmp_path):
    trust(office_side, township)
    other = make_side(tmp_path / "other.db", "光明社区居民委员会", "110105001002")
    trust(other, township)
    down = folder(tmp_path, "shared")
    for_office = downward.export_downward(township.db, down, OFFICE_CODE)
    for_other = downward.export_downward(township.db, down, "110105001002")
    upward = export_package(office_side.db, down).path
    assert downward.addressed_here(office_side.db, for_office)
    assert not downward.addressed_here(office_side.db, for_other)
    assert downward.addressed_here(other.db, for_other)
    assert not downward.addressed_here(office_side.db, upward)  # its own, for the township
    assert downward.addressed_here(township.db, upward)
    text = tmp_path / "notes.gdx"
    text.write_text("not a package", encoding="utf-8")
    assert not downward.addressed_here(office_side.db, text)
    assert not downward.addressed_here(office_side.db, tmp_path / "gone.gdx")
    other.db.close()


def test_a_cancelled_downward_export_leaves_no_file_and_no_log(office_side, township, tmp_path):
    import threading

    from govdesk.services.progress import Cancelled

    trust(office_side, township)
    down = folder(tmp_path, "down")
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 3:
            cancel.set()

    with pytest.raises(Cancelled):
        downward.export_downward(township.db, down, OFFICE_CODE, progress=progress, cancel=cancel)
    assert list(down.iterdir()) == []
    with township.db.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM exchange_package").scalar() == 0
    # Progress only goes forward, and a full run reaches its end.
    steps: list[tuple[int, int]] = []
    downward.export_downward(
        township.db, down, OFFICE_CODE, progress=lambda d, t: steps.append((d, t))
    )
    done = [d for d, _ in steps]
    assert done == sorted(done) and steps[-1][0] == steps[-1][1]


def test_a_dispute_type_this_program_does_not_know_is_a_warning(office_side, township, tmp_path):
    trust(office_side, township)
    reference = {
        "format": 1,
        "dispute_types": [{"code": "neighbour", "zh": "邻里"}, {"code": "drone", "zh": "无人机"}],
    }
    path = write_package(
        folder(tmp_path, "newer"),
        manifest={
            "source_office": "110105001000",
            "source_instance": township.db.instance_id,
            "sequence": 1,
            "full": True,
            "content": downward.CONTENT,
            "target_office": OFFICE_CODE,
        },
        members={"reference.json": json.dumps(reference).encode(), "acks.json": b"{}"},
        signer=township.own,
        recipient=office_side.card,
    )
    report = import_package(office_side.db, path)
    assert report.outcome == "nothing_new" and report.changes == []
    assert report.warnings == ["乡镇使用的纠纷类型“无人机”（drone）本程序还不认识，请升级 govdesk"]
    assert "无人机" in report.text()
