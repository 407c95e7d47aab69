"""`govdesk residents update`: scripted corrections through the registry services, on real files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from govdesk.cli import main
from govdesk.domain.permissions import Actor, Role
from govdesk.services import accounts, office, registry
from govdesk.store.database import Database
from tests.cli.conftest import PASSWORD, add_admin
from tests.ui.residents_helpers import make_id

pytestmark = pytest.mark.usefixtures("password")

ADMIN = Actor(username="admin", role=Role.ADMIN)
ZHANG_ID = make_id("19800101", 11)  # odd: male
LI_ID = make_id("19820202", 22)
PHONE = "13912345678"


@pytest.fixture
def office_db(tmp_path: Path) -> Path:
    """An office with 张伟 (phone, 低保户) and 李娜, and an administrator account."""
    path = tmp_path / "office.db"
    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    add_admin(db)
    db.actor = Actor(username="admin", role=Role.ADMIN)
    with db.session() as s:
        registry.create_person(
            s,
            data={"name": "张伟", "id_number": ZHANG_ID, "phone": PHONE, "occupation": "司机"},
            care_codes=["subsistence"],
        )
        registry.create_person(s, data={"name": "李娜", "id_number": LI_ID})
    db.close()
    return path


def update(path: Path, *sets: str, id_number: str = ZHANG_ID, user: str = "admin") -> int:
    argv = ["residents", "update", "--db", str(path), "--user", user, "--id-number", id_number]
    for s in sets:
        argv += ["--set", s]
    return main(argv)


def person(path: Path, id_number: str = ZHANG_ID) -> dict[str, object]:
    db = Database.open(path, read_only=True)
    try:
        with db.connect() as conn:
            row = conn.execute(
                text("SELECT * FROM resident WHERE id_number = :n"), {"n": id_number}
            ).one()
        return dict(row._mapping)
    finally:
        db.close()


def state(path: Path) -> tuple[object, ...]:
    """Everything a refused update must leave as it was."""
    db = Database.open(path, read_only=True)
    try:
        with db.connect() as conn:
            residents = conn.execute(text("SELECT * FROM resident ORDER BY id")).all()
            care = conn.execute(text("SELECT * FROM resident_care ORDER BY id")).all()
            counter = conn.execute(
                text("SELECT value FROM meta WHERE key = 'version_counter'")
            ).scalar_one()
            audited = conn.execute(
                text("SELECT count(*) FROM audit_log WHERE action IN ('update', 'create')")
            ).scalar_one()
        return (residents, care, counter, audited)
    finally:
        db.close()


def last_updates(path: Path) -> list[tuple[str, str, dict[str, object]]]:
    db = Database.open(path, read_only=True)
    try:
        with db.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT username, record_type, detail FROM audit_log "
                    "WHERE action = 'update' ORDER BY seq"
                )
            ).all()
        return [(r.username, r.record_type, json.loads(r.detail)) for r in rows]
    finally:
        db.close()


def test_english_field_name_changes_the_phone_and_says_so(office_db, capsys):
    assert update(office_db, "phone=13800001111") == 0
    out = capsys.readouterr().out.splitlines()
    # The administrator may reveal numbers: printed in full, and the old one counted a reveal.
    assert out == [f"张伟 {ZHANG_ID}", f"联系电话：{PHONE} → 13800001111"]
    stored = person(office_db)
    assert stored["phone"] == "13800001111" and stored["phone_rev"] == "11110000831"
    # The same audit trail as the window: who, what, the old and new value (masked there).
    username, record_type, detail = last_updates(office_db)[-1]
    assert (username, record_type) == ("admin", "resident")
    assert detail["phone"] == ["139****5678", "138****1111"]
    db = Database.open(office_db, read_only=True)
    with db.connect() as conn:
        reveals = conn.execute(
            text("SELECT detail FROM audit_log WHERE action = 'reveal'")
        ).scalars()
        assert [json.loads(d) for d in reveals] == [{"field": "phone"}]
    db.close()


def test_chinese_headings_code_labels_and_dates(office_db, capsys):
    code = update(
        office_db,
        "文化程度=大学本科",
        "婚姻状况=已婚",
        "来本地日期=2020年5月1日",
        "人员类别=流动人口",
        "职业=",
    )
    assert code == 0, capsys.readouterr().err
    stored = person(office_db)
    assert stored["education"] == "bachelor"
    assert stored["marital_status"] == "married"
    assert stored["arrival_date"] == dt.date(2020, 5, 1).isoformat()
    assert stored["person_type"] == "floating"
    assert stored["occupation"] is None
    out = capsys.readouterr().out
    assert "文化程度：（空） → 大学本科" in out
    assert "来本地日期：（空） → 2020-05-01" in out
    assert "职业：司机 → （空）" in out


def test_care_categories_are_set_by_their_names(office_db, capsys):
    assert update(office_db, "关爱类别=残疾人、低保户") == 0
    db = Database.open(office_db, read_only=True)
    db.actor = ADMIN
    with db.session() as s:
        person_id = registry.find_by_id_number(s, id_number=ZHANG_ID).id
        codes = sorted(c.category_code for c in registry.person_care(s, person_id=person_id))
    db.close()
    assert codes == ["disabled", "subsistence"]
    assert "关爱类别：低保户 → 低保户、残疾人" in capsys.readouterr().out


def test_same_values_again_change_nothing(office_db, capsys):
    before = state(office_db)
    assert update(office_db, f"联系电话={PHONE}", "occupation=司机") == 0
    assert capsys.readouterr().out.splitlines() == [f"张伟 {ZHANG_ID}", "没有变化"]
    assert state(office_db) == before


@pytest.mark.parametrize(
    ("sets", "reason"),
    [
        (["phone=12"], "联系电话"),  # a bad value, and nothing else stored with it
        (["occupation=教师", "phone=not-a-phone"], "联系电话"),
        (["favourite_colour=blue"], "没有名为“favourite_colour”的字段"),
        (["phone"], "字段=值"),
        (["户号=1002"], "属于户"),
        (["phone=13800001111", "联系电话=13800002222"], "给了两次"),
        (["关爱类别=火星人"], "火星人"),
        (["姓名="], "姓名"),
        ([f"id_number={LI_ID}"], "李娜"),  # another resident's number
    ],
)
def test_refusals_exit_2_with_the_reason_and_store_nothing(office_db, capsys, sets, reason):
    before = state(office_db)
    assert update(office_db, *sets) == 2
    err = capsys.readouterr().err
    assert reason in err
    assert state(office_db) == before


def test_a_warning_is_said_and_the_change_kept(office_db, capsys):
    # As in the form: a sex the ID number contradicts is stored, with the warning.
    assert update(office_db, "性别=女") == 0
    captured = capsys.readouterr()
    assert "性别：男 → 女" in captured.out
    assert "与身份证号" in captured.err and ZHANG_ID not in captured.err
    assert person(office_db)["sex"] == "female"


def test_unknown_id_number_exits_2_masked(office_db, capsys):
    before = state(office_db)
    missing = make_id("19990909", 99)
    assert update(office_db, "phone=13800001111", id_number=missing) == 2
    err = capsys.readouterr().err
    assert "找不到" in err and missing not in err and missing[:6] + "********" in err
    assert state(office_db) == before


def test_a_role_without_edit_rights_is_refused(office_db, capsys, monkeypatch):
    db = Database.open(office_db)
    accounts.sign_in(db, "admin", PASSWORD)
    accounts.create_account(db, username="viewer", role=Role.VIEWER, password="viewer-pass-1")
    db.close()
    monkeypatch.setenv("GOVDESK_PASSWORD", "viewer-pass-1")
    before = state(office_db)
    code = update(office_db, "phone=13800001111", user="viewer")
    assert code == 2
    assert capsys.readouterr().err.strip()
    assert person(office_db)["phone"] == PHONE
    assert state(office_db)[:3] == before[:3]


def test_english_output(office_db, capsys):
    assert (
        main(
            [
                "--lang",
                "en",
                "residents",
                "update",
                "--db",
                str(office_db),
                "--user",
                "admin",
                "--id-number",
                ZHANG_ID,
                "--set",
                "occupation=teacher",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines()[-1] == "Occupation: 司机 → teacher"
