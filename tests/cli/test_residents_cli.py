"""`govdesk residents import|export` with real files: output, report and exit codes."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from stdnum.cn import ric

from govdesk.cli import main
from govdesk.services import office
from tests.cli.conftest import add_admin

# Every command here reads or writes residents, so each signs in as admin.
pytestmark = pytest.mark.usefixtures("password")


def make_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


ID_A = make_id("11010519800101001")
ID_B = make_id("11010519850215002")
ID_C = make_id("11010519900307003")


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def new_db(tmp_path: Path, name: str = "office.db") -> Path:
    path = tmp_path / name
    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    add_admin(db)
    db.close()
    return path


def test_import_of_a_clean_file_exits_0(tmp_path, capsys):
    db = new_db(tmp_path)
    path = write_xlsx(
        tmp_path / "ok.xlsx",
        [
            ["姓名", "身份证号", "户号", "与户主关系"],
            ["张三", ID_A, "1", "户主"],
            ["李四", ID_B, "1", "妻"],
        ],
    )
    assert main(["residents", "import", str(path), "--db", str(db), "--user", "admin"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["导入2人，拒绝0行，新建1户", "imported 2, rejected 0"]


def test_import_with_rejected_rows_exits_1_and_writes_the_report(tmp_path, capsys):
    db = new_db(tmp_path)
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["居民花名册"],
            ["姓名", "公民身份号码"],
            ["张三", ID_A],
            ["李四", ID_A],
            ["王五", 1.10105199003070e17],
            ["赵六", ID_C],
        ],
    )
    report = tmp_path / "problems.csv"
    code = main(
        [
            "residents",
            "import",
            str(path),
            "--db",
            str(db),
            "--user",
            "admin",
            "--report",
            str(report),
        ]
    )
    assert code == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "第4行 公民身份号码 [拒绝] 与本文件第3行的公民身份号码重复"
    assert out[1].startswith("第5行 公民身份号码 [拒绝] 身份证号被Excel当成了数字")
    assert out[-1] == "imported 2, rejected 2"
    rows = list(csv.reader(report.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["row", "field", "reason"]
    assert rows[1] == ["4", "公民身份号码", "与本文件第3行的公民身份号码重复"]
    assert rows[2][:2] == ["5", "公民身份号码"] and "Excel" in rows[2][2]
    assert len(rows) == 3


def test_a_file_that_cannot_be_used_exits_2_with_a_message(tmp_path, capsys):
    db = new_db(tmp_path)
    path = write_xlsx(tmp_path / "nohead.xlsx", [["备忘"], ["明天开会"]])
    assert main(["residents", "import", str(path), "--db", str(db), "--user", "admin"]) == 2
    captured = capsys.readouterr()
    assert "找不到表头" in captured.err and captured.out == ""

    broken = tmp_path / "broken.xls"
    broken.write_bytes(b"\x00\x01garbage")
    assert (
        main(
            ["residents", "import", str(broken), "--db", str(db), "--user", "admin", "--lang", "en"]
        )
        == 2
    )
    assert "Cannot read" in capsys.readouterr().err


def test_a_missing_database_is_refused_before_anything_happens(tmp_path, capsys):
    path = write_xlsx(tmp_path / "ok.xlsx", [["姓名"], ["张三"]])
    assert main(["residents", "import", str(path), "--db", str(tmp_path / "none.db")]) == 2
    assert "none.db" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_export_then_import_through_the_command_line(tmp_path, capsys):
    db = new_db(tmp_path)
    path = tmp_path / "in.csv"
    path.write_text(f"姓名,身份证号,备注\n张三,{ID_A},=1+1\n李四,{ID_B},\n", encoding="utf-8")
    assert main(["residents", "import", str(path), "--db", str(db), "--user", "admin"]) == 0
    capsys.readouterr()
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        assert (
            main(
                [
                    "--lang",
                    "en",
                    "residents",
                    "export",
                    "--db",
                    str(db),
                    "--user",
                    "admin",
                    "--out",
                    str(out),
                    "--lang",
                    "en",
                ]
            )
            == 0
        )
        assert capsys.readouterr().out.strip() == f"exported 2: {out}"
        fresh = new_db(tmp_path, f"fresh{suffix}.db")
        assert (
            main(
                [
                    "residents",
                    "import",
                    str(out),
                    "--db",
                    str(fresh),
                    "--user",
                    "admin",
                    "--lang",
                    "en",
                ]
            )
            == 0
        )
        assert capsys.readouterr().out.splitlines()[-1] == "imported 2, rejected 0"
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[1].startswith("张三,男,,") and text[1].endswith(",,'=1+1")
