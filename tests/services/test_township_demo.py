"""The township demo: office demos beside it, packages imported, one conflict, one duplicate;
and the `govdesk demo --township` / `township figures` commands on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import text

from govdesk.cli import main
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.demo_township import make_township_demo, office_division
from govdesk.services import accounts, township
from govdesk.services import township_duplicates as dups
from govdesk.store.database import Database

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("township-demo")
    return make_township_demo(folder / "township.db", 3, residents=40, seed=3, today=TODAY)


def _open(path: Path) -> Database:
    db = Database.open(path)
    db.actor = Actor("admin", Role.ADMIN)
    return db


def _on_register(path: Path) -> int:
    db = _open(path)
    try:
        with db.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM resident WHERE status = 'on_register'")
                ).scalar()
            )
    finally:
        db.close()


def test_every_package_is_applied_and_the_offices_are_known(made):
    assert [r.outcome for r in made.reports] == ["applied"] * 4  # three offices and the laptop
    assert [p.parent.name for p in made.packages] == ["packages"] * 3 + ["laptop-packages"]
    assert made.offices == [made.folder / f"{office_division(i)}.db" for i in range(3)]
    db = _open(made.path)
    try:
        assert township.is_township(db)
        found = township.offices(db)
        assert [o.division_code for o in found] == [office_division(i) for i in range(3)]
        assert [o.kind for o in found] == ["community", "community", "village"]  # 光明村
        # As each office has them (the second one also registered the person who moved).
        assert [o.residents for o in found] == [_on_register(p) for p in made.offices]
        assert found[1].residents > 0
        assert [o.packages for o in found] == [2, 1, 1]
        assert {k.office_code for k in keys.trusted(db)} == {office_division(i) for i in range(3)}
    finally:
        db.close()


def test_the_laptop_and_the_office_left_one_conflict(made):
    assert [r.conflicts for r in made.reports] == [0, 0, 0, 1]
    db = _open(made.path)
    try:
        assert township.open_conflict_count(db) == 1
        with db.connect() as conn:
            table, office = conn.execute(
                text(
                    "SELECT c.table_name, o.division_code FROM record_conflict c "
                    "JOIN office o ON o.id = c.office_id WHERE c.resolved_at IS NULL"
                )
            ).one()
        assert (table, office) == ("resident", "110105001001")
    finally:
        db.close()


def test_the_person_who_moved_is_a_cross_office_duplicate(made):
    db = _open(made.path)
    try:
        (d,) = dups.duplicates(db)
        assert {e.office_code for e in d.entries} == {"110105001001", "110105001002"}
        assert len({e.name for e in d.entries}) == 1
    finally:
        db.close()


def test_each_office_trusts_the_township_and_has_demo_accounts(made):
    for path in made.offices:
        db = _open(path)
        try:
            assert [k.kind for k in keys.trusted(db)] == ["township"]
        finally:
            db.close()
    assert "admin" in made.accounts


def test_a_real_database_is_never_replaced(tmp_path):
    real = tmp_path / "township.db"
    from govdesk.services.office import init_database

    init_database(
        real, name="朝阳门街道办事处", division_code="110105001000", kind="township"
    ).close()
    with pytest.raises(DomainError):
        make_township_demo(real, 1, residents=5)


def test_cli_figures_and_duplicates_on_the_demo(made, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVDESK_PASSWORD", accounts.DEMO_PASSWORD)
    out = tmp_path / "figures.xlsx"
    code = main(
        ["township", "figures", "--db", str(made.path), "--user", "admin", "--out", str(out)]
    )
    assert code == 0
    assert str(out) in capsys.readouterr().out
    book = CalamineWorkbook.from_path(str(out))
    rows = book.get_sheet_by_name("人员类型").to_python()
    assert [r[0] for r in rows[2:5]] == [office_division(i) for i in range(3)]
    assert rows[-1][1] == "合计"
    assert rows[-1][-1] == sum(_on_register(p) for p in made.offices)
    assert main(["township", "duplicates", "--db", str(made.path), "--user", "admin"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all("*" in line.split("\t")[0] for line in lines)
    # An office's own database has no township views.
    code = main(
        ["township", "figures", "--db", str(made.offices[0]), "--user", "admin", "--out", str(out)]
    )
    assert code == 2
    assert "不是乡镇（街道）数据库" in capsys.readouterr().err


def test_cli_demo_office_takes_the_division_code(tmp_path, capsys):
    path = tmp_path / "office.db"
    assert main(["demo", "--office", "110105002003", "--residents", "20", "--db", str(path)]) == 0
    db = _open(path)
    try:
        with db.connect() as conn:
            code = conn.execute(text("SELECT division_code FROM office")).scalar()
        assert code == "110105002003"
    finally:
        db.close()
