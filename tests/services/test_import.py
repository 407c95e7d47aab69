"""Resident import from messy real-world spreadsheets that the tests write themselves."""

from __future__ import annotations

import csv
import datetime as dt
import threading
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import openpyxl
import pytest
from sqlalchemy import text
from stdnum.cn import ric

from govdesk.domain.messages import DomainError
from govdesk.services import registry
from govdesk.services.office import current_office
from govdesk.services.progress import Cancelled
from govdesk.services.residents_import import (
    Problem,
    plan_import,
    preview,
    run_import,
    write_report,
)

TITLE = "幸福社区居民花名册"


def make_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


ID_A = make_id("11010519800101001")  # male, 1980-01-01
ID_B = make_id("11010519850215002")  # female, 1985-02-15
ID_C = make_id("11010519900307003")  # male, 1990-03-07
ID_D = make_id("11010520010911004")  # female, 2001-09-11
ID_E = make_id("11010519700520005")
ID_F = make_id("11010519650101006")
ID_H = make_id("11010519880606008")  # female, 1988-06-06
ID_I = make_id("11010519921111009")
ID_J = make_id("11010519600303011")
ID_OLD15 = "110105750808007"  # 15 digits; becomes 110105197508080078
ID_Z = "11010519491231002X"  # female, 1949-12-31


def write_xlsx(path: Path, rows: list[list[object]], *, merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]], *, title_span: int = 0) -> Path:
    """A real OpenDocument spreadsheet, written by hand: openpyxl cannot write .ods."""

    def cell(value: object, span: int = 0) -> str:
        extra = f' table:number-columns-spanned="{span}"' if span else ""
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"{extra}>'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
            )
        if isinstance(value, float | int):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value!r}"{extra}>'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"{extra}>'
            f"<text:p>{xml_escape(str(value))}</text:p></table:table-cell>"
        )

    body = []
    for index, row in enumerate(rows):
        if index == 0 and title_span:
            cells = cell(row[0], title_span) + "<table:covered-table-cell/>" * (title_span - 1)
        else:
            cells = "".join(cell(v) for v in row)
        body.append(f"<table:table-row>{cells}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="花名册">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        # The mimetype entry must come first and be stored uncompressed.
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def residents(db) -> dict[str, dict]:
    """Stored residents by name, straight from the table."""
    with db.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.*, h.household_number AS hh_number, h.address AS hh_address, "
                "h.household_type AS hh_type FROM resident r "
                "LEFT JOIN household h ON h.id = r.household_id ORDER BY r.rowid"
            )
        )
        return {row.name: dict(row._mapping) for row in rows}


def care_of(db, person_id: str) -> list[str]:
    with db.session() as s:
        return sorted(c.category_code for c in registry.person_care(s, person_id=person_id))


MESSY_HEADER = [
    "序号",
    "姓名",
    "性别",
    "民族",
    "身份证号",
    "出生日期",
    "户号",
    "与户主关系",
    "现居住地址",
    "手机号",
    "关爱类别",
    "备注",
]


def messy_rows() -> list[list[object]]:
    """Rows 3.. of the messy register; each comment says what the row tests."""
    return [
        # 3: a good head of household, Excel date, phone as a number, two care labels
        [
            1,
            "张三",
            "男",
            "汉族",
            ID_A,
            dt.date(1980, 1, 1),
            "H1",
            "户主",
            "幸福路1号",
            13800138000,
            "低保户、残疾人",
            None,
        ],
        # 4: full-width digits and a lowercase x, date typed as 1949/12/31, 民族 "汉"
        [
            2,
            "李四",
            "女",
            "汉",
            "１１０１０５１９４９１２３１００２x",
            "1949/12/31",
            "H1",
            "母亲",
            "幸福路1号",
            None,
            None,
            None,
        ],
        # 5: an ID that Excel turned into a number
        [3, "王五", "女", "汉族", 1.10105198502150e17, None, None, None, None, None, None, None],
        # 6: the same damage, as text
        [4, "赵六", "男", "汉族", "1.10105E+17", None, None, None, None, None, None, None],
        # 7: an impossible date
        [5, "钱七", "男", "汉族", None, "1990年2月30日", None, None, None, None, None, None],
        # 8: a wrong check character
        [6, "孙八", "女", "汉族", ID_D[:-1] + "1", None, None, None, None, None, None, None],
        # 9: the ID of row 3 again
        [7, "周九", "男", "汉族", ID_A, None, None, None, None, None, None, None],
        # 10: an ID already in the database
        [8, "吴十", "男", "汉族", ID_E, None, None, None, None, None, None, None],
        # 11: a second head for H1
        [9, "郑十二", "女", "汉族", ID_F, None, "H1", "户主", None, None, None, None],
        # 12: completely empty: skipped without a word
        [],
        # 13: a daughter in H1, date as 1988年6月6日
        [
            11,
            "冯十三",
            "女",
            "汉族",
            ID_H,
            "1988年6月6日",
            "H1",
            "女",
            "幸福路1号",
            None,
            None,
            None,
        ],
        # 14: a son in H2, which has no head
        [12, "陈十四", "男", "汉族", ID_I, None, "H2", "子", "和平街2号", None, None, None],
        # 15: one known and one unknown care label
        [13, "褚十五", "男", "汉族", ID_J, None, None, None, None, None, "低保户、困难户", None],
        # 16: a formula escaped by our own export
        [14, "卫十六", "男", "汉族", None, None, None, None, None, None, None, "'=SUM(A1:A2)"],
        # 17: an old 15-digit number
        [15, "蒋十七", "男", "汉族", ID_OLD15, None, None, None, None, None, None, None],
        # 18: a typed birth date that disagrees with the ID
        [16, "沈十八", "女", "汉族", ID_B, "1985-02-16", None, None, None, None, None, None],
        # 19: same name and birth date as row 3, without an ID
        [17, "张三", "男", "汉族", None, dt.date(1980, 1, 1), None, None, None, None, None, None],
    ]


@pytest.fixture
def messy_xlsx(tmp_path: Path) -> Path:
    rows = [[TITLE], MESSY_HEADER, *messy_rows()]
    return write_xlsx(tmp_path / "花名册.xlsx", rows, merge="A1:L1")


@pytest.fixture
def db_with_wu(db):
    with db.session() as s:
        registry.create_person(s, data={"name": "吴十一", "id_number": ID_E})
    return db


EXPECTED_PROBLEMS = [
    Problem(
        5,
        "公民身份号码",
        "身份证号被Excel当成了数字，末尾几位已经丢失（1.1010519850215e+17）。请把该列设为文本后重新录入，不能自动修复",
    ),
    Problem(
        6,
        "公民身份号码",
        "身份证号被Excel当成了数字，末尾几位已经丢失（1.10105E+17）。请把该列设为文本后重新录入，不能自动修复",
    ),
    Problem(7, "出生日期", "无法识别的日期：1990年2月30日"),
    Problem(8, "公民身份号码", "校验位应为 3，实际为 1"),
    Problem(9, "公民身份号码", "与本文件第3行的公民身份号码重复"),
    Problem(10, "公民身份号码", "公民身份号码已登记：吴十一（在册）"),
    Problem(11, "与户主关系", "户号H1在本文件第3行已有户主张三，一户只能有一名户主"),
    Problem(14, "与户主关系", "户号H2没有户主，请补充“与户主关系”为户主的成员", True),
    Problem(
        15,
        "关爱类别",
        "“困难户”不是已有的关爱类别，已忽略该项（可在关爱类别设置中添加后再补录）",
        True,
    ),
    Problem(17, "公民身份号码", "15位旧号码已升位为 110105197508080078", True),
    Problem(18, "出生日期", "出生日期 1985-02-16 与身份证号中的 1985-02-15 不一致", True),
    Problem(19, "姓名", "与本文件第3行同名同出生日期（张三），请确认不是重复登记", True),
]


def test_plan_finds_the_header_under_a_merged_title(messy_xlsx):
    plan = plan_import(messy_xlsx)
    assert plan.header_row == 1
    assert plan.first_row_number == 3
    assert plan.headings[:3] == ["序号", "姓名", "性别"]
    assert plan.mapping == {
        1: "name",
        2: "sex",
        3: "ethnicity",
        4: "id_number",
        5: "birth_date",
        6: "household_number",
        7: "relation_to_head",
        8: "current_address",
        9: "phone",
        10: "care_categories",
        11: "notes",
    }
    assert plan.rows[0][1] == "张三"


def test_messy_register_every_good_row_in_every_bad_row_reported(db_with_wu, messy_xlsx):
    db = db_with_wu
    report = run_import(db, plan_import(messy_xlsx))
    assert report.problems == EXPECTED_PROBLEMS
    assert (report.imported, report.rejected, report.households_created) == (9, 7, 2)

    people = residents(db)
    assert set(people) == {
        "吴十一",
        "张三",
        "李四",
        "冯十三",
        "陈十四",
        "褚十五",
        "卫十六",
        "蒋十七",
        "沈十八",
    }
    zhang = people["张三"]  # the second 张三 (row 19) has no ID; the dict keeps the last
    with db.connect() as conn:
        head = (
            conn.execute(text("SELECT * FROM resident WHERE id_number = :i"), {"i": ID_A})
            .one()
            ._mapping
        )
    assert (head["sex"], head["birth_date"], head["phone"]) == ("male", "1980-01-01", "13800138000")
    assert (head["relation_to_head"], head["current_address"]) == ("head", "幸福路1号")
    assert (head["name_pinyin"], head["name_initials"]) == ("zhangsan", "zs")
    assert head["id_number_rev"] == ID_A[::-1] and head["phone_rev"] == "00083100831"
    assert care_of(db, head["id"]) == ["disabled", "subsistence"]
    assert zhang["id_number"] is None and zhang["birth_date"] == "1980-01-01"

    li = people["李四"]
    assert (li["id_number"], li["birth_date"], li["sex"]) == (ID_Z, "1949-12-31", "female")
    assert (li["relation_to_head"], li["ethnicity"], li["hh_number"]) == ("parent", "01", "H1")
    assert li["household_id"] == head["household_id"] == people["冯十三"]["household_id"]
    assert (li["hh_address"], li["hh_type"]) == ("幸福路1号", "family")
    assert people["冯十三"]["birth_date"] == "1988-06-06"
    assert people["陈十四"]["hh_number"] == "H2" and people["陈十四"]["hh_address"] == "和平街2号"
    assert care_of(db, people["褚十五"]["id"]) == ["subsistence"]
    assert people["卫十六"]["notes"] == "=SUM(A1:A2)"
    jiang = people["蒋十七"]
    assert (jiang["id_number"], jiang["id_converted"]) == ("110105197508080078", 1)
    assert (
        people["沈十八"]["birth_date"] == "1985-02-16"
    )  # the clerk's date is kept, with a warning
    assert all(p["status"] == "on_register" for p in people.values())


def test_imported_rows_carry_provenance_like_the_orm(db, messy_xlsx):
    with db.session() as s:
        made = registry.create_person(s, data={"name": "对照", "birth_date": "1970-01-01"}).person
        office_id = current_office(s).id
    run_import(db, plan_import(messy_xlsx))
    with db.connect() as conn:
        ref = conn.execute(
            text("SELECT created_at, birth_date, id_converted FROM resident WHERE id = :i"),
            {"i": made.id},
        ).one()
        rows = conn.execute(text("SELECT * FROM resident WHERE id != :i"), {"i": made.id}).all()
        hh = conn.execute(text("SELECT * FROM household")).all()
        care = conn.execute(text("SELECT * FROM resident_care")).all()
        counter = int(
            conn.execute(text("SELECT value FROM meta WHERE key='version_counter'")).scalar()
        )
    records = [r._mapping for r in (*rows, *hh, *care)]
    assert len(rows) == 10 and len(hh) == 2 and len(care) == 3
    versions = [r["version"] for r in records]
    assert len(set(versions)) == len(versions) and min(versions) > made.version
    assert max(versions) == counter
    for r in records:
        assert r["office_id"] == office_id
        assert r["version_instance"] == db.instance_id
        assert len(r["id"]) == 36
        # stored in the same text format as the ORM stores it
        assert len(r["created_at"]) == len(ref.created_at) and r["created_at"][10] == " "
        assert r["updated_at"] == r["created_at"]
    assert {r._mapping["status"] for r in rows} == {"on_register"}
    assert len(rows[0]._mapping["birth_date"] or "") in (0, len(ref.birth_date))
    # the address search index knows the new rows, and its trigger is back in place
    with db.connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM resident_address_fts WHERE resident_address_fts MATCH '\"幸福路\"'"
            )
        ).scalar()
        trigger = conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'resident_address_ai'")
        ).scalar()
    assert (found, trigger) == (3, 1)
    with db.session() as s:
        registry.create_person(s, data={"name": "后来", "current_address": "幸福路9号"})
    with db.connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM resident_address_fts WHERE resident_address_fts MATCH '\"幸福路\"'"
            )
        ).scalar()
    assert found == 4


def test_the_imported_head_is_the_households_one_head(db, messy_xlsx):
    run_import(db, plan_import(messy_xlsx))
    with db.session() as s:
        hh = registry.find_household(s, household_number="H1")
        head = registry.household_head(s, household_id=hh.id)
        members = registry.household_members(s, household_id=hh.id)
    assert head.name == "张三"
    assert sorted(m.name for m in members) == sorted(["张三", "李四", "冯十三"])


def test_preview_checks_rows_and_stores_nothing(db_with_wu, messy_xlsx):
    checks = preview(db_with_wu, plan_import(messy_xlsx), limit=5)
    assert [c.row_number for c in checks] == [3, 4, 5, 6, 7]
    assert [c.ok for c in checks] == [True, True, False, False, False]
    assert checks[0].values["name"] == "张三" and checks[0].values["care_categories"] == [
        "subsistence",
        "disabled",
    ]
    assert checks[2].issues[0].key == "id.excel"
    assert set(residents(db_with_wu)) == {"吴十一"}


def test_households_join_existing_ones_and_respect_their_head(db, tmp_path):
    with db.session() as s:
        hh = registry.create_household(s, household_number="H9", address="老街9号")
        registry.create_person(
            s, data={"name": "老户主", "relation_to_head": "head"}, household_id=hh.id
        )
    path = write_xlsx(
        tmp_path / "h.xlsx",
        [
            ["姓名", "公民身份号码", "户号", "与户主关系", "户别"],
            ["新户主", ID_A, "H9", "户主", None],
            ["新成员", ID_B, "H9", "配偶", None],
            ["集体户成员", ID_C, "J1", "户主", "集体户"],
            ["坏户别", ID_D, "J2", "户主", "大杂院"],
        ],
    )
    report = run_import(db, plan_import(path))
    assert report.problems == [
        Problem(2, "与户主关系", "户号H9已有户主老户主，一户只能有一名户主"),
        Problem(5, "户别", "“大杂院”不是有效的户别"),
    ]
    assert (report.imported, report.rejected, report.households_created) == (2, 2, 1)
    people = residents(db)
    assert people["新成员"]["household_id"] == hh.id
    assert (people["集体户成员"]["hh_type"], people["集体户成员"]["hh_address"]) == (
        "collective",
        "",
    )


def test_gbk_csv_with_title_rows_and_dates_in_three_formats(db, tmp_path):
    lines = [
        ["幸福社区2026年居民花名册", "", "", "", ""],
        ["", "", "", "", ""],
        ["姓名", "公民身份号码", "出生日期", "人员类别", "现住址"],
        ["张三", ID_A, "1980/1/1", "户籍", "幸福路1号"],
        ["李四", ID_B, "1985年2月15日", "流动人口", "幸福路2号"],
        ["王五", ID_C, "1990-03-07", "常住人口", "幸福路3号"],
        ["赵六", "", "１９９２年１１月１１日", "", ""],
    ]
    path = tmp_path / "excel-gbk.csv"
    with path.open("w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows(lines)
    assert path.read_bytes()[:2] != b"\xef\xbb"
    plan = plan_import(path)
    assert (plan.header_row, plan.first_row_number) == (2, 4)
    report = run_import(db, plan)
    assert (report.imported, report.rejected, report.problems) == (4, 0, [])
    people = residents(db)
    assert [people[n]["birth_date"] for n in ("张三", "李四", "王五", "赵六")] == [
        "1980-01-01",
        "1985-02-15",
        "1990-03-07",
        "1992-11-11",
    ]
    assert [people[n]["person_type"] for n in ("张三", "李四", "王五", "赵六")] == [
        "registered",
        "floating",
        "resident",
        "registered",
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(db, tmp_path, encoding):
    path = tmp_path / "r.csv"
    path.write_bytes(f"姓名,身份证号\n𠀀张,{ID_A}\n欧阳娜娜,{ID_B}\n".encode(encoding))
    report = run_import(db, plan_import(path))
    assert (report.imported, report.rejected) == (2, 0)
    assert set(residents(db)) == {"𠀀张", "欧阳娜娜"}


def test_real_xls_file_with_a_merged_title(db, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    ws.write_merge(0, 0, 0, 3, TITLE)
    for c, heading in enumerate(["姓名", "性别", "身份证号码", "出生日期"]):
        ws.write(2, c, heading)  # header on row 3, a blank row 2 above it
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write(3, 0, "张三")
    ws.write(3, 2, ID_A)
    ws.write(3, 3, dt.date(1980, 1, 1), date_style)
    ws.write(4, 0, "李四")
    ws.write(4, 2, 110105198502150025)  # stored by Excel as a number
    path = tmp_path / "old.xls"
    wb.save(str(path))
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE2 compound file, as Excel 97 writes
    plan = plan_import(path)
    assert (plan.header_row, plan.first_row_number) == (2, 4)
    report = run_import(db, plan)
    assert (report.imported, report.rejected) == (1, 1)
    assert [(p.row, p.field) for p in report.problems] == [(5, "公民身份号码")]
    assert "Excel" in report.problems[0].reason
    assert residents(db)["张三"]["birth_date"] == "1980-01-01"


def test_real_ods_file_with_a_merged_title(db, tmp_path):
    path = write_ods(
        tmp_path / "register.ods",
        [
            [TITLE, "", "", ""],
            ["姓名", "身份证号", "出生日期", "联系电话"],
            ["张三", ID_A, dt.date(1980, 1, 1), 13800138000],
            ["李四", "11010519850215002", None, None],
        ],
        title_span=4,
    )
    plan = plan_import(path)
    assert (plan.header_row, plan.first_row_number) == (1, 3)
    report = run_import(db, plan)
    assert report.problems == [
        Problem(4, "公民身份号码", "公民身份号码应为18位（或旧的15位），实际为17位")
    ]
    people = residents(db)
    assert (people["张三"]["birth_date"], people["张三"]["phone"]) == ("1980-01-01", "13800138000")


def test_custom_mapping_replaces_the_automatic_one(db, tmp_path):
    path = write_xlsx(
        tmp_path / "m.xlsx",
        [["姓名", "号码", "手机号"], ["张三", ID_A, "13800138000"]],
    )
    plan = plan_import(path)
    assert plan.mapping == {0: "name", 2: "phone"}
    plan = plan_import(path, mapping={0: "name", 1: "id_number"})
    assert plan.mapping == {0: "name", 1: "id_number"}
    run_import(db, plan)
    person = residents(db)["张三"]
    assert (person["id_number"], person["phone"]) == (ID_A, None)


def test_files_that_cannot_be_used_say_why(tmp_path):
    garbage = tmp_path / "broken.xlsx"
    garbage.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(DomainError) as err:
        plan_import(garbage)
    assert err.value.issues[0].key == "file.unreadable"
    assert "broken.xlsx" in str(err.value)

    no_header = write_xlsx(tmp_path / "nh.xlsx", [["a", "b"], [1, 2]])
    with pytest.raises(DomainError) as err:
        plan_import(no_header)
    assert err.value.issues[0].key == "file.no_header"

    no_name = write_xlsx(tmp_path / "nn.xlsx", [["身份证号", "性别"], [ID_A, "男"]])
    with pytest.raises(DomainError) as err:
        plan_import(no_name)
    assert err.value.issues[0].key == "file.no_name_column"
    assert str(err.value) == "表中没有“姓名”列"

    with pytest.raises(DomainError) as err:
        plan_import(tmp_path / "missing.csv")
    assert err.value.issues[0].key == "file.unreadable"

    other = tmp_path / "names.docx"
    other.write_bytes(b"whatever")
    with pytest.raises(DomainError) as err:
        plan_import(other)
    assert err.value.issues[0].key == "file.format"


def big_file(tmp_path: Path, n: int) -> Path:
    rows: list[list[object]] = [["姓名", "身份证号", "现住址"]]
    for i in range(n):
        rows.append(
            [f"居民{i}", make_id(f"110105198001{(i % 28) + 1:02d}{i % 1000:03d}"), f"幸福路{i}号"]
        )
    # the same ID body repeats after 28,000 rows only, so every row here is distinct
    return write_xlsx(tmp_path / "big.xlsx", rows)


def test_progress_is_reported_and_ends_at_the_total(db, tmp_path):
    calls: list[tuple[int, int]] = []
    report = run_import(
        db, plan_import(big_file(tmp_path, 2500)), progress=lambda d, t: calls.append((d, t))
    )
    assert report.imported == 2500
    assert calls[-1] == (2500, 2500)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) >= 5


def test_cancel_rolls_everything_back(db, tmp_path):
    plan = plan_import(big_file(tmp_path, 2500))
    cancel = threading.Event()
    with db.connect() as conn:
        counter_before = conn.execute(
            text("SELECT value FROM meta WHERE key='version_counter'")
        ).scalar()

    def progress(done: int, total: int) -> None:
        if done > total // 2:  # cancel while storing, after some rows went in
            cancel.set()

    with pytest.raises(Cancelled):
        run_import(db, plan, progress=progress, cancel=cancel)
    with db.connect() as conn:
        counts = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM resident), (SELECT count(*) FROM household), "
                "(SELECT count(*) FROM resident_care), "
                "(SELECT value FROM meta WHERE key='version_counter'), "
                "(SELECT count(*) FROM sqlite_master WHERE name = 'resident_address_ai')"
            )
        ).one()
    assert tuple(counts) == (0, 0, 0, counter_before, 1)
    # and the same plan still imports afterwards
    assert run_import(db, plan).imported == 2500


def test_duplicates_against_the_database_name_and_birth_date_warns(db, tmp_path):
    with db.session() as s:
        registry.create_person(s, data={"name": "李娜", "birth_date": "1980-05-01"})
    path = write_xlsx(tmp_path / "d.xlsx", [["姓名", "出生日期"], ["李娜", "1980年5月1日"]])
    report = run_import(db, plan_import(path))
    assert report.problems == [
        Problem(2, "姓名", "已有同名同出生日期的人员：李娜，请确认不是重复登记", True)
    ]
    assert report.imported == 1


def test_write_report_is_a_csv_excel_opens(tmp_path):
    from govdesk.services.residents_import import ImportReport

    report = ImportReport(
        imported=1,
        rejected=1,
        problems=[
            Problem(5, "公民身份号码", "校验位应为 3，实际为 1"),
            Problem(6, "与户主关系", "户号H2没有户主", True),
        ],
        households_created=0,
    )
    out = tmp_path / "report.csv"
    write_report(report, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(data.decode("utf-8-sig").splitlines())) == [
        ["row", "field", "reason"],
        ["5", "公民身份号码", "校验位应为 3，实际为 1"],
        ["6", "与户主关系", "提示：户号H2没有户主"],
    ]


def test_area_codes_younger_than_the_person_are_not_questioned(db, tmp_path):
    # 玄武区 has had 320102 since 1983; people born there earlier carry it all the same.
    old_nanjing = make_id("32010219600101001")
    unknown_area = make_id("99999919800101001")
    path = write_xlsx(
        tmp_path / "a.xlsx", [["姓名", "身份证号"], ["老南京", old_nanjing], ["新县", unknown_area]]
    )
    report = run_import(db, plan_import(path))
    assert report.imported == 2
    assert report.problems == [
        Problem(
            3,
            "公民身份号码",
            "地区码 999999 不在内置行政区划表中，请核对（新设县区可能尚未收录）",
            True,
        )
    ]


def test_a_household_number_merged_down_its_members_reaches_every_member(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["户号", "姓名", "与户主关系", "身份证号"],
        ["0007", "张三", "户主", ID_A],
        [None, "李四", "配偶", ID_B],
        [None, "张小", "子", ID_C],
        ["0008", "王五", "户主", ID_H],
    ]:
        ws.append(row)
    ws.merge_cells("A2:A4")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    report = run_import(db, plan_import(path))
    assert (report.imported, report.households_created, report.problems) == (4, 2, [])
    people = residents(db)
    assert [people[n]["hh_number"] for n in ("张三", "李四", "张小", "王五")] == [
        "0007",
        "0007",
        "0007",
        "0008",
    ]


def test_a_clerk_cannot_put_anyone_into_a_sensitive_category_by_import(db, tmp_path):
    from govdesk.domain.permissions import Actor, Role

    rows = [
        ["姓名", "性别", "身份证号", "关爱类别"],
        ["郑一", "男", make_id("11010519800101001"), "低保户、社区矫正对象"],
    ]
    path = write_xlsx(tmp_path / "care.xlsx", rows)
    db.actor = Actor("clerk", Role.CLERK)
    report = run_import(db, plan_import(path))
    assert report.imported == 1
    person = residents(db)["郑一"]
    db.actor = Actor("admin", Role.ADMIN)
    assert care_of(db, person["id"]) == ["subsistence"]
    refused = [p for p in report.problems if p.field == "关爱类别" or "社区矫正" in p.reason]
    assert len(refused) == 1 and refused[0].warning and "无权" in refused[0].reason


def test_an_administrator_imports_sensitive_categories(db, tmp_path):
    rows = [
        ["姓名", "性别", "身份证号", "关爱类别"],
        ["郑二", "男", make_id("11010519800101003"), "低保户、社区矫正对象"],
    ]
    path = write_xlsx(tmp_path / "care.xlsx", rows)
    report = run_import(db, plan_import(path))
    assert report.imported == 1 and not report.problems
    assert care_of(db, residents(db)["郑二"]["id"]) == ["community_correction", "subsistence"]


def test_a_damaged_workbook_says_what_to_do_and_keeps_the_readers_words(tmp_path):
    garbage = tmp_path / "花名册.xlsx"
    garbage.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(DomainError) as err:
        plan_import(garbage)
    said = str(err.value)
    assert said.startswith(f"无法读取文件 {garbage}：文件可能已损坏")
    assert "另存为 .xlsx" in said and "（详情：" in said and "Zip" in said
