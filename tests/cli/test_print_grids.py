"""`govdesk print grid-roster|grid-card|visit-worksheet`: a real database file in, PDFs out."""

from __future__ import annotations

import pytest

from govdesk.cli import main
from tests.forms.conftest import page_text, read_pdf
from tests.forms.test_grid_forms import audit_entries, grid_office


def run(db_path, *args: str) -> int:
    return main(["print", *args, "--db", str(db_path), "--user", "admin"])


def texts(path) -> list[str]:
    return [page_text(p) for p in read_pdf(path).pages]


def code_of(db, name: str) -> str:
    from govdesk.services import grids

    with db.session() as s:
        return next(g.code for g in grids.grids(s) if g.name == name)


def test_roster_of_a_day(db, admin, db_path, tmp_path, capsys):
    grid_office(db)
    out = tmp_path / "roster.pdf"
    assert run(db_path, "grid-roster", "--on", "2026-03-10", "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    [text] = texts(out)
    assert "网格员公示表" in text and "公示日期：2026年03月10日" in text
    # The administrator may print phones in full; --masked masks them all the same.
    assert "13812345678" in text and "赵兼职" not in text
    masked = tmp_path / "masked.pdf"
    rc = run(db_path, "grid-roster", "--on", "2026-03-10", "--masked", "--out", str(masked))
    assert rc == 0
    [text] = texts(masked)
    assert "138****5678" in text and "13812345678" not in text
    assert [d["masked"] for _, _, d in audit_entries(db)] == [False, True]


def test_cards_of_one_grid_by_code(db, admin, db_path, tmp_path):
    grid_office(db)
    out = tmp_path / "cards.pdf"
    code = code_of(db, "西区网格")
    rc = run(db_path, "grid-card", "--grid", code, "--on", "2026-03-10", "--out", str(out))
    assert rc == 0
    [text] = texts(out)
    assert text.count("网格员联系卡") == 1
    assert "西区网格" in text and code in text and "东区网格" not in text


def test_worksheet_by_name(db, admin, db_path, tmp_path, capsys):
    grid_office(db)
    out = tmp_path / "round.pdf"
    rc = run(
        db_path, "visit-worksheet", "--staff", "王网格", "--today", "2026-03-10", "--out", str(out)
    )
    assert rc == 0
    [text] = texts(out)
    assert "走访任务单" in text and "网格员：王网格" in text
    assert text.index("户号：H2") < text.index("户号：H3") < text.index("户号：H1")
    [(record_type, _, detail)] = audit_entries(db)
    assert record_type == "grid_staff" and detail["households"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["visit-worksheet", "--staff", "无此人"], "找不到网格工作人员“无此人”"),
        (["grid-roster", "--grid", "999"], "找不到网格“999”"),
    ],
)
def test_unknown_staff_or_grid_is_a_clear_error(
    db, admin, db_path, tmp_path, capsys, args, message
):
    grid_office(db)
    out = tmp_path / "none.pdf"
    assert run(db_path, *args, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_bad_date_is_refused_by_the_parser(db, admin, db_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, "grid-roster", "--on", "10.3.2026", "--out", str(tmp_path / "x.pdf"))
    assert exit_info.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_worksheets_of_every_worker_in_one_pdf(db, admin, db_path, tmp_path):
    grid_office(db)
    out = tmp_path / "all.pdf"
    assert run(db_path, "visit-worksheet", "--all", "--today", "2026-03-10", "--out", str(out)) == 0
    # 王网格 is the only full-time or part-time worker on 03-10 (赵兼职's post ended 03-01;
    # 李组长 leads the grid): one worksheet.
    [text] = texts(out)
    assert "网格员：王网格" in text
    both = tmp_path / "both.pdf"
    rc = run(
        db_path,
        "visit-worksheet",
        "--staff",
        "王网格",
        "--staff",
        "赵兼职",
        "--today",
        "2026-03-10",
        "--out",
        str(both),
    )
    assert rc == 0
    pages = texts(both)
    assert len(pages) == 2
    assert "网格员：王网格" in pages[0] and "网格员：赵兼职" in pages[1]
    # Each worker's sheet is numbered over its own pages: one page each, so no numbers.
    assert all("第1页" not in p and "第2页" not in p for p in pages)
    entries = audit_entries(db)
    assert [(d["staff"], d["batch"]) for _, _, d in entries] == [
        ("王网格", 1),
        ("王网格", 2),
        ("赵兼职", 2),
    ]
