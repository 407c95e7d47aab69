"""`govdesk print FORM --case 案号` for the mediation forms and the whole case file."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govdesk.cli import main
from govdesk.forms.mediation_catalog import FORMS, TITLES
from govdesk.services import mediation as med
from tests.forms.conftest import page_text, read_pdf
from tests.forms.test_mediation_print import register, settled_case


def number_of(db, case_id: str) -> str:
    with db.session() as s:
        return med.get_case(s, case_id).number


def run(db_path, *args: str) -> int:
    return main(["print", *args, "--db", str(db_path), "--user", "admin"])


@pytest.mark.parametrize("form", FORMS)
def test_print_each_form_by_case_number(db, admin, db_path, tmp_path, capsys, form):
    case_id = settled_case(db)
    number = number_of(db, case_id)
    out = tmp_path / f"{form}.pdf"
    assert run(db_path, form, "--case", number, "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    pages = [page_text(p) for p in read_pdf(out).pages]
    assert TITLES[form] in pages[0] and number in pages[0]


def test_item_picks_one_session(db, admin, db_path, tmp_path, capsys):
    case_id = settled_case(db)
    # Typed with ASCII brackets, as on most keyboards.
    typed = number_of(db, case_id).replace("（", "(").replace("）", ")")
    out = tmp_path / "s.pdf"
    assert run(db_path, "session", "--case", typed, "--item", "2", "--out", str(out)) == 0
    whole = "".join(page_text(p) for p in read_pdf(out).pages)
    assert "12日双方达成协议。" in whole and "10日双方达成协议。" not in whole


def test_item_out_of_range_is_a_clear_error(db, admin, db_path, tmp_path, capsys):
    case_id = settled_case(db)
    out = tmp_path / "s.pdf"
    rc = run(
        db_path, "follow-up", "--case", number_of(db, case_id), "--item", "3", "--out", str(out)
    )
    assert rc == 2
    assert "没有第 3 份记录：该案件共有 1 份" in capsys.readouterr().err
    assert not out.exists()


def test_unknown_case_number(db, admin, db_path, tmp_path, capsys):
    out = tmp_path / "c.pdf"
    assert run(db_path, "cover", "--case", "（2026）人调字第404号", "--out", str(out)) == 2
    assert capsys.readouterr().err.strip()
    assert not out.exists()


def test_casefile_one_and_several(db, admin, db_path, tmp_path, capsys):
    first = settled_case(db)
    second = register(db, summary="楼上漏水。")
    with db.session() as s:
        med.accept_case(s, second, accepted_on=dt.date(2026, 3, 4))
    one = tmp_path / "one.pdf"
    assert run(db_path, "casefile", "--case", number_of(db, first), "--out", str(one)) == 0
    pages = [page_text(p) for p in read_pdf(one).pages]
    assert pages[0].startswith("人民调解卷宗") and pages[-1].startswith("卷内备考表")
    both = tmp_path / "both.pdf"
    args = ["casefile", "--case", number_of(db, first), "--case", number_of(db, second)]
    assert run(db_path, *args, "--out", str(both)) == 0
    assert len(read_pdf(both).pages) > len(pages)
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT record_id, detail FROM audit_log WHERE action = 'print' ORDER BY seq"
        ).all()
    assert [r[0] for r in rows] == [first, first, second]
    assert all(json.loads(r[1])["form"] == "casefile" for r in rows)
