"""`govdesk volunteers …` and `govdesk print certificate|duty-roster|team-roster`: a real file in, files out."""

from __future__ import annotations

import csv
import datetime as dt
import io

from python_calamine import CalamineWorkbook

from govdesk.cli import main
from govdesk.domain.models import ServiceOrder
from govdesk.services.office import current_office
from tests.forms.conftest import page_text, read_pdf
from tests.forms.test_volunteer_forms import OUTSIDER_ID, audit_entries
from tests.forms.test_volunteer_forms import office as office  # noqa: F401 - the fixture


def run(db_path, *args: str) -> int:
    return main([*args, "--db", str(db_path), "--user", "admin"])


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_hours_export_to_xlsx_and_csv(db, admin, db_path, office, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "hours.xlsx"
    assert run(db_path, "volunteers", "hours", "--from", "2026-01-01", "--out", str(out)) == 0
    assert "已导出 3 条时长记录" in capsys.readouterr().out
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["志愿者编号", "姓名"]
    assert [r[0] for r in rows[1:]] == ["V0001"] * 3
    assert OUTSIDER_ID in rows[1]  # the administrator has IDENTITY_REVEAL
    plain = tmp_path / "hours.csv"
    rc = run(
        db_path,
        "volunteers",
        "hours",
        "--to",
        "2025-12-31",
        "--columns",
        "name,minutes",
        "--out",
        str(plain),
    )
    assert rc == 0
    assert csv_rows(plain.read_text("utf-8-sig")) == [
        ["姓名", "服务时长（分钟）"],
        ["王芳", str(100 * 60 - 150)],
    ]


def test_hours_export_refusals_exit_2(db, admin, db_path, tmp_path, capsys):
    rc = run(
        db_path, "volunteers", "hours", "--columns", "name,nope", "--out", str(tmp_path / "h.csv")
    )
    assert rc == 2
    assert "未知的导出列“nope”" in capsys.readouterr().err
    assert not (tmp_path / "h.csv").exists()


def test_list_shows_hours_and_stars(db, admin, db_path, office, capsys):  # noqa: F811
    assert run(db_path, "volunteers", "list", "--sort", "hours", "--desc") == 0
    rows = csv_rows(capsys.readouterr().out)
    assert rows[0][:2] == ["编号", "姓名"] and rows[0][6:8] == ["服务时长（小时）", "星级"]
    assert [(r[0], r[1], r[6], r[7]) for r in rows[1:]] == [
        ("V0001", "王芳", "100", "★"),
        ("V0002", "李秀英", "0", ""),
    ]
    assert rows[1][8] == "是"  # 双报到
    assert run(db_path, "volunteers", "list", "--search", "李") == 0
    assert [r[0] for r in csv_rows(capsys.readouterr().out)[1:]] == ["V0002"]


def test_orders_lists_the_open_ones_with_age(db, admin, db_path, office, capsys):  # noqa: F811
    with db.session() as s:
        s.add(
            ServiceOrder(
                office_id=current_office(s).id,
                number="2026-0002",
                requester="李大妈",
                need="代买药品",
                requested_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3),
            )
        )
    assert run(db_path, "volunteers", "orders") == 0
    rows = csv_rows(capsys.readouterr().out)
    assert rows[1:] == [["2026-0002", "待派单", "李大妈", "代买药品", "", "", "", "", "3"]]
    assert run(db_path, "volunteers", "orders", "--all") == 0
    assert [r[0] for r in csv_rows(capsys.readouterr().out)[1:]] == ["2026-0002", "2026-0001"]


def test_columns_lists_the_catalogue_and_saves_a_choice(db, admin, db_path, capsys):
    assert run(db_path, "volunteers", "columns", "--set", "name,hours") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["-", "number", "志愿者编号"]
    assert lines[1].split() == ["1", "name", "姓名"]
    assert any(line.split() == ["2", "hours", "服务时长（小时）"] for line in lines)


def test_print_certificate_by_number(db, admin, db_path, office, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "cert.pdf"
    rc = run(
        db_path,
        "print",
        "certificate",
        "--volunteer",
        "V0001",
        "--from",
        "2026-01-01",
        "--out",
        str(out),
    )
    assert rc == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = page_text(read_pdf(out).pages[0])
    assert "志愿服务证明" in text and "王芳" in text and OUTSIDER_ID in text
    masked = tmp_path / "masked.pdf"
    rc = run(
        db_path, "print", "certificate", "--volunteer", "王芳", "--masked", "--out", str(masked)
    )
    assert rc == 0
    assert OUTSIDER_ID not in page_text(read_pdf(masked).pages[0])
    assert [d["form"] for _, _, d in audit_entries(db)] == ["certificate", "certificate"]
    rc = run(
        db_path, "print", "certificate", "--volunteer", "V0404", "--out", str(tmp_path / "x.pdf")
    )
    assert rc == 2
    assert "找不到志愿者“V0404”" in capsys.readouterr().err


def test_print_duty_and_team_rosters(db, admin, db_path, office, tmp_path):  # noqa: F811
    duty = tmp_path / "duty.pdf"
    assert run(db_path, "print", "duty-roster", "--week", "2026-06-24", "--out", str(duty)) == 0
    text = page_text(read_pdf(duty).pages[0])
    assert "志愿服务排班表" in text and "2026年06月22日—2026年06月28日" in text
    team = tmp_path / "team.pdf"
    rc = run(db_path, "print", "team-roster", "--team", "红色先锋志愿服务队", "--out", str(team))
    assert rc == 0
    text = page_text(read_pdf(team).pages[0])
    assert "志愿服务队花名册" in text and "王芳（队长）" in text
