"""Demo databases: deterministic, valid, one head per household, and never over real data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from govdesk.cli import main
from govdesk.domain import idnumber
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.domain.validation import clean_person, errors, person_fields
from govdesk.services import demo, office
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database

# Stamped per run (time, database instance, office uuid): everything else must repeat.
PROVENANCE = {"office_id", "created_at", "updated_at", "version_instance"}


def rows(path: Path, table: str) -> list[dict]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        out = [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY rowid")]
    finally:
        con.close()
    return [{k: v for k, v in r.items() if k not in PROVENANCE} for r in out]


def scalar(path: Path, sql: str, *params):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.create_demo(path, residents=1500, seed=7)
    return path


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    demo.create_demo(a, residents=400, seed=3)
    demo.create_demo(b, residents=400, seed=3)
    demo.create_demo(c, residents=400, seed=4)
    for table in ("household", "resident", "resident_care", "resident_status_change"):
        assert rows(a, table) == rows(b, table), table
    ra, rc = rows(a, "resident"), rows(c, "resident")
    assert len(ra) == len(rc) == 400
    assert [r["id"] for r in ra] != [r["id"] for r in rc]
    assert [r["id_number"] for r in ra] != [r["id_number"] for r in rc]


def test_exact_count_and_demo_mark(demo_db: Path) -> None:
    assert scalar(demo_db, "SELECT count(*) FROM resident") == 1500
    assert scalar(demo_db, "SELECT value FROM meta WHERE key = 'demo'") == "1"
    assert demo.probe(demo_db) == "demo"
    db = Database.open(demo_db)
    try:
        with db.session() as s:
            assert office.current_office(s).name == "幸福社区居民委员会"
            assert office.current_office(s).division_code == "110105001001"
    finally:
        db.close()


def test_every_id_number_valid_unique_and_consistent(demo_db: Path) -> None:
    people = rows(demo_db, "resident")
    numbers = [p["id_number"] for p in people if p["id_number"]]
    assert len(numbers) == len(set(numbers))
    # Only foreigners carry no Chinese ID number.
    assert all(p["id_number"] or p["person_type"] == "foreign" for p in people)
    for p in people:
        if not p["id_number"]:
            assert p["passport_no"] and p["nationality"]
            continue
        result = idnumber.check(p["id_number"], today=demo.REFERENCE_DATE)
        assert result.ok, (p["id_number"], [i.message for i in result.issues])
        assert result.issues == [], p["id_number"]  # not even an unknown-area warning
        assert result.birth_date.isoformat() == p["birth_date"]
        assert result.sex == p["sex"]
        assert p["id_number_rev"] == p["id_number"][::-1]


def test_one_head_per_household_and_plausible_sizes(demo_db: Path) -> None:
    heads = dict(
        sqlite3.connect(demo_db).execute(
            "SELECT h.id, (SELECT count(*) FROM resident r WHERE r.household_id = h.id "
            "AND r.relation_to_head = 'head') FROM household h"
        )
    )
    assert heads and set(heads.values()) == {1}
    sizes = (
        sqlite3.connect(demo_db)
        .execute("SELECT count(*) FROM resident GROUP BY household_id")
        .fetchall()
    )
    assert max(s for (s,) in sizes) <= 6
    assert scalar(demo_db, "SELECT count(*) FROM resident WHERE household_id IS NULL") == 0
    relations = {
        r for (r,) in sqlite3.connect(demo_db).execute("SELECT relation_to_head FROM resident")
    }
    assert {"head", "spouse", "son", "daughter", "parent", "grandchild"} <= relations


def test_rows_pass_the_registry_validation(demo_db: Path) -> None:
    fields = set(person_fields())
    for person in rows(demo_db, "resident")[:400]:
        raw = {k: v for k, v in person.items() if k in fields}
        values, issues = clean_person(raw, today=demo.REFERENCE_DATE)
        assert errors(issues) == [], (person["name"], [i.message for i in issues])
        assert values["name"] == person["name"]
        assert person["name_pinyin"] or person["person_type"] == "foreign"


def test_people_types_statuses_and_care_look_like_a_community(demo_db: Path) -> None:
    people = rows(demo_db, "resident")
    types = {t: sum(p["person_type"] == t for p in people) for t in demo_types()}
    assert types["registered"] > len(people) / 2
    assert types["floating"] > 0 and types["foreign"] > 0
    floating = [p for p in people if p["person_type"] == "floating"]
    assert all(p["arrival_date"] and p["arrival_reason"] and p["landlord"] for p in floating)
    assert any(p["residence_permit_no"] for p in floating)
    phones = [p["phone"] for p in people if p["phone"]]
    assert phones and all(len(x) == 11 and x.isdigit() and x[0] == "1" for x in phones)
    assert any(
        "单元" in p["current_address"] and p["current_address"].endswith("室") for p in people
    )
    assert any("村民小组" in p["current_address"] for p in people)
    changes = rows(demo_db, "resident_status_change")
    assert changes
    by_id = {p["id"]: p for p in people}
    for change in changes:
        person = by_id[change["resident_id"]]
        assert person["status"] == change["new_status"] != "on_register"
        assert person["status_date"] == change["date"] and person["relation_to_head"] != "head"
    care = rows(demo_db, "resident_care")
    codes = {c["category_code"] for c in care}
    assert {"elderly_alone", "disabled"} <= codes
    known = {c for (c,) in sqlite3.connect(demo_db).execute("SELECT code FROM care_category")}
    assert codes <= known
    assert all(c["grade"] for c in care if c["category_code"] == "disabled")


def demo_types() -> list[str]:
    return ["registered", "resident", "floating", "foreign"]


def test_versions_are_consecutive_after_the_setup_rows(demo_db: Path) -> None:
    versions = sorted(
        v
        for table in ("office", "care_category", "place", "household", "resident", "resident_care")
        for (v,) in sqlite3.connect(demo_db).execute(f"SELECT version FROM {table}")
    )
    versions += [
        v for (v,) in sqlite3.connect(demo_db).execute("SELECT version FROM resident_status_change")
    ]
    # The demo's mediation cases and grids come after the residents, through the services:
    # their changes take new versions, so theirs are unique and later but not consecutive.
    mediation = [
        v
        for table in (
            "mediation_case",
            "mediation_party",
            "mediation_session",
            "mediation_follow_up",
            "mediation_attachment",
            "screening_report",
            "grid",
            "grid_assignment",
            "grid_staff",
            "grid_post",
            "visit_rule",
            "visit",
            "grid_event",
            "grid_event_photo",
            "volunteer",
            "volunteer_team",
            "volunteer_team_member",
            "volunteer_activity",
            "volunteer_signup",
            "duty_shift",
            "duty_assignment",
            "hour_entry",
            "service_order",
            "star_review",
        )
        for (v,) in sqlite3.connect(demo_db).execute(f"SELECT version FROM {table}")
    ]
    versions.sort()
    assert versions == list(range(1, len(versions) + 1))
    counter = scalar(demo_db, "SELECT value FROM meta WHERE key = 'version_counter'")
    assert len(set(mediation)) == len(mediation)
    assert min(mediation) > len(versions) and int(counter) == max(mediation)


def test_search_finds_demo_people_by_name_pinyin_id_phone_and_address(demo_db: Path) -> None:
    db = Database.open(demo_db)
    db.actor = Actor("viewer", Role.VIEWER)  # searching needs only RESIDENT_VIEW
    try:
        listing = ResidentList(db)
        person = rows(demo_db, "resident")[10]
        queries = [
            person["name"],
            person["name_initials"],
            person["id_number"][-4:],
            person["current_address"][-8:],
        ]
        for q in queries:
            found = listing.page(ResidentFilter(text=q, status=None), limit=5000)
            rowids = {rowid for _, rowid in found}
            assert (
                scalar(demo_db, "SELECT rowid FROM resident WHERE id = ?", person["id"]) in rowids
            ), q
        # The address index holds every row again once the demo is written.
        fragment = person["current_address"][:5]
        like = scalar(
            demo_db,
            "SELECT count(*) FROM resident WHERE current_address LIKE ? OR registered_address LIKE ?",
            f"%{fragment}%",
            f"%{fragment}%",
        )
        fts = scalar(
            demo_db,
            "SELECT count(*) FROM resident_address_fts WHERE resident_address_fts MATCH ?",
            f'"{fragment}"',
        )
        assert like == fts > 0
        assert (
            scalar(demo_db, "SELECT count(*) FROM sqlite_master WHERE name = 'resident_address_ai'")
            == 1
        )
    finally:
        db.close()


def test_schema_is_that_of_a_new_office_database(demo_db: Path, db: Database) -> None:
    """The bulk load drops indexes and the address trigger; all must be back, unchanged."""
    query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    con = sqlite3.connect(demo_db)
    try:
        demo_schema = con.execute(query).fetchall()
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    with db.connect() as conn:
        fresh = [tuple(r) for r in conn.exec_driver_sql(query)]
    assert demo_schema == fresh
    assert any(name == "ux_resident_one_head" for _, name, _, _ in demo_schema)


def test_refuses_a_real_database_and_leaves_its_bytes(db: Database, db_path: Path) -> None:
    db.close()
    before = db_path.read_bytes()
    siblings = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(DomainError) as exc:
        demo.create_demo(db_path, residents=50)
    assert exc.value.issues[0].key == "db.not_demo"
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == siblings


def test_replaces_an_existing_demo_database(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    first = demo.create_demo(path, residents=120, seed=1)
    second = demo.create_demo(path, residents=80, seed=2)
    assert not first.replaced and second.replaced
    assert scalar(path, "SELECT count(*) FROM resident") == 80


def test_bad_division_code_keeps_the_old_demo(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    demo.create_demo(path, residents=40, seed=1)
    before = path.read_bytes()
    with pytest.raises(DomainError) as exc:
        demo.create_demo(path, residents=40, division_code="1101")
    assert exc.value.issues[0].key == "office.division"
    assert path.read_bytes() == before


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.db"
    assert main(["demo", "--db", str(path), "--residents", "60", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "60" in out and str(path) in out
    assert scalar(path, "SELECT count(*) FROM resident") == 60
    assert main(["demo", "--db", str(path), "--residents", "30"]) == 0
    assert "已替换" in capsys.readouterr().out

    real = tmp_path / "real.db"
    office.init_database(real, name="前进村村民委员会", division_code="110105002001").close()
    before = real.read_bytes()
    assert main(["demo", "--db", str(real)]) == 2
    assert "正式数据库" in capsys.readouterr().err
    assert real.read_bytes() == before

    text = tmp_path / "notes.txt"
    text.write_text("居民名单", encoding="utf-8")
    assert main(["demo", "--db", str(text)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert text.read_text(encoding="utf-8") == "居民名单"

    assert main(["demo", "--residents", "10"]) == 2


def test_the_place_tally_counted_at_the_end_agrees_with_the_register(demo_db: Path) -> None:
    from govdesk.store import place_tally

    db = Database.open(demo_db)
    try:
        with db.connect() as conn:
            kept = place_tally.read(conn)
            assert place_tally.differences(conn) == {}
            triggers = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'place_tally_%'"
            ).scalar()
    finally:
        db.close()
    assert triggers == 9  # set back after the bulk insert
    assert sum(h for h, _, _ in kept.values()) > 300
