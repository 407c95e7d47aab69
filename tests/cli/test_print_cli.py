"""`govdesk print resident|household`: real database file in, real PDF out."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from govdesk.cli import main
from govdesk.services import registry
from tests.forms.conftest import make_id

ID = make_id(dt.date(1975, 8, 20), 31)


def register(db) -> None:
    with db.session() as s:
        hh = registry.create_household(s, household_number="0042", address="幸福社区2号楼")
        registry.create_person(
            s,
            data={"name": "孙立平", "id_number": ID, "relation_to_head": "户主"},
            household_id=hh.id,
        )
        registry.create_person(
            s,
            data={
                "name": "周小红",
                "id_number": make_id(dt.date(1978, 2, 1), 42),
                "relation_to_head": "配偶",
            },
            household_id=hh.id,
        )


def text_of(path) -> str:
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    return "".join(reader.pages[0].extract_text().split())


def test_print_resident_by_id_number(db, admin, db_path, tmp_path, capsys):
    register(db)
    out = tmp_path / "resident.pdf"
    # Typed with stray spaces, as it often is.
    rc = main(
        [
            "print",
            "resident",
            "--db",
            str(db_path),
            "--user",
            "admin",
            "--id-number",
            f" {ID} ",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = text_of(out)
    assert "居民信息登记表" in text and "孙立平" in text and ID in text


def test_print_resident_by_record_id(db, admin, db_path, tmp_path):
    register(db)
    with db.session() as s:
        person_id = registry.find_by_id_number(s, id_number=ID).id
    out = tmp_path / "r.pdf"
    # --db before the subcommand works as well as after it.
    rc = main(
        [
            "--db",
            str(db_path),
            "--user",
            "admin",
            "print",
            "resident",
            "--person-id",
            person_id,
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    assert "孙立平" in text_of(out)


def test_print_household(db, admin, db_path, tmp_path):
    register(db)
    out = tmp_path / "household.pdf"
    rc = main(
        [
            "print",
            "household",
            "--db",
            str(db_path),
            "--user",
            "admin",
            "--household-number",
            "0042",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    text = text_of(out)
    assert "户信息表" in text and "0042" in text
    assert text.index("孙立平") < text.index("周小红")  # head first


def test_unknown_person_or_household_is_a_clear_error(db, admin, db_path, tmp_path, capsys):
    register(db)
    out = tmp_path / "none.pdf"
    rc = main(
        [
            "print",
            "resident",
            "--db",
            str(db_path),
            "--user",
            "admin",
            "--id-number",
            make_id(dt.date(2000, 1, 1), 1),
            "--out",
            str(out),
        ]
    )
    assert rc == 2
    assert "找不到该记录" in capsys.readouterr().err
    rc = main(
        [
            "print",
            "household",
            "--db",
            str(db_path),
            "--user",
            "admin",
            "--household-number",
            "9999",
            "--out",
            str(out),
        ]
    )
    assert rc == 2
    assert not out.exists()
