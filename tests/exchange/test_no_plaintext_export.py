"""A real export of a demo office: no name, ID number or phone of its people appears in the file's bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.export import export_package, record_tables
from govdesk.exchange.package import read_package
from govdesk.services.demo import create_demo
from govdesk.store.database import Database
from tests.exchange.conftest import OFFICE_CODE, make_side

# Columns that hold a person's name, ID number or phone, wherever they are.
PERSONAL = ("name", "id_number", "phone")
# Tables whose `name` is not a person's: the office itself and the care categories.
NOT_PEOPLE = {"office", "care_category", "volunteer_team", "grid", "place", "volunteer_activity"}


def _personal_values(db: Database) -> set[str]:
    values: set[str] = set()
    with db.connect() as conn:
        for table in record_tables():
            if table in NOT_PEOPLE:
                continue
            columns = [row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})").all()]
            for column in columns:
                if not any(column == p or column.endswith("_" + p) for p in PERSONAL):
                    continue
                for (value,) in conn.exec_driver_sql(
                    f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"
                ):
                    if isinstance(value, str) and len(value.encode("utf-8")) >= 6:
                        values.add(value)
    return values


def test_a_demo_office_export_shows_nobody(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    create_demo(path, residents=150, division_code=OFFICE_CODE, today=dt.date(2026, 11, 27))
    db = Database.open(path)
    db.actor = Actor("admin", Role.ADMIN)
    township = make_side(tmp_path / "township.db", "和平街道办事处", "110105001000", "township")
    try:
        with db.session() as s:
            keys.trust(s, township.card)
        with township.db.session() as s:
            keys.trust(s, keys.read_key_file(keys.public_key_file(db), name="office.json"))
        stick = tmp_path / "stick"
        stick.mkdir()
        result = export_package(db, stick, full=True)
        people = _personal_values(db)
        # The demo has residents, mediation parties and volunteers: names, ID numbers, phones.
        assert len(people) > 300
        data = result.path.read_bytes()
        shown = sorted(v for v in people if v.encode("utf-8") in data)
        assert shown == []
        # The township reads them all back: the values were in the package, sealed.
        opened = read_package(result.path, keyring=keys.keyring(township.db), own=township.own)
        plain = b"".join(opened.members.values())
        assert all(v.encode("utf-8") in plain for v in people)
    finally:
        db.close()
        township.db.close()
