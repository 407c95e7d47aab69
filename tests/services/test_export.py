"""Resident export: the import's headings, escaped formulas, text IDs, and a lossless round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading

import openpyxl
import pytest
from sqlalchemy import text
from sqlmodel import select
from stdnum.cn import ric

from govdesk.domain.columns import REGISTER_COLUMNS
from govdesk.domain.messages import DomainError
from govdesk.domain.models import PersonFields, Resident
from govdesk.services import office, registry
from govdesk.services.progress import Cancelled
from govdesk.services.residents_export import export_residents
from govdesk.services.residents_import import plan_import, run_import


def make_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


HEADINGS = [c.zh for c in REGISTER_COLUMNS]
ID_HEAD = make_id("11010519800101001")
ID_WIFE = make_id("11010519850215002")
ID_SON = make_id("11010520100307003")
ID_MOVED = make_id("11010519700520005")


def fill(db) -> None:
    """A register with every field used, including values a spreadsheet could mistake."""
    with db.session() as s:
        hh = registry.create_household(s, household_number="0012", address="幸福路1号")
        registry.create_person(
            s,
            data={
                "name": '=HYPERLINK("http://x")',
                "id_number": ID_HEAD,
                "ethnicity": "回族",
                "phone": "+8613800138000",
                "political_status": "中共党员",
                "education": "大学本科",
                "marital_status": "已婚",
                "occupation": "-教师",
                "registered_address": "北京市朝阳区幸福路1号",
                "current_address": "幸福路1号",
                "relation_to_head": "户主",
                "notes": "@备注 含,逗号\n和换行",
            },
            household_id=hh.id,
            care_codes=["disabled", "subsistence"],
        )
        registry.create_person(
            s,
            data={
                "name": "李娜",
                "id_number": ID_WIFE,
                "relation_to_head": "配偶",
                "person_type": "流动人口",
                "residence_permit_no": "110105202600012345",
                "arrival_date": "2020-05-04",
                "arrival_reason": "务工",
                "landlord": "王房东",
                "current_address": "幸福路1号",
            },
            household_id=hh.id,
        )
        registry.create_person(
            s,
            data={
                "name": "张小明",
                "id_number": ID_SON,
                "relation_to_head": "子",
                "phone": "0101234567",
            },
            household_id=hh.id,
            care_codes=["left_behind_child"],
        )
        registry.create_person(
            s,
            data={
                "name": "John Smith",
                "sex": "男",
                "birth_date": "1975-06-30",
                "person_type": "境外人员",
                "nationality": "英国",
                "passport_no": "123456789",
            },
        )
        moved = registry.create_person(s, data={"name": "迁走的人", "id_number": ID_MOVED}).person
        registry.change_status(
            s,
            person_id=moved.id,
            new_status="moved_out",
            date=dt.date(2026, 1, 5),
            reason="迁往外省",
        )


def snapshot(db) -> dict[str, dict]:
    """Everything a person has that the register shows, keyed by name."""
    out = {}
    with db.session() as s:
        for p in s.exec(select(Resident).where(Resident.status == "on_register")):
            values = {k: getattr(p, k) for k in PersonFields.model_fields}
            hh = registry.get_household(s, household_id=p.household_id) if p.household_id else None
            values["household_number"] = hh.household_number if hh else None
            values["household_type"] = hh.household_type if hh else None
            values["care"] = sorted(
                c.category_code for c in registry.person_care(s, person_id=p.id)
            )
            out[p.name] = values
    return out


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_imports_back_unchanged(db, tmp_path, suffix):
    fill(db)
    out = tmp_path / f"花名册{suffix}"
    assert export_residents(db, out) == 4
    fresh = office.init_database(tmp_path / "fresh.db", name="新社区", division_code="110105001002")
    fresh.actor = db.actor
    try:
        report = run_import(fresh, plan_import(out))
        assert (report.imported, report.rejected, report.households_created) == (4, 0, 1)
        assert report.problems == []
        before, after = snapshot(db), snapshot(fresh)
    finally:
        fresh.close()
    assert (
        set(after)
        == set(before)
        == {
            '=HYPERLINK("http://x")',
            "李娜",
            "张小明",
            "John Smith",
        }
    )
    for name, values in before.items():
        for key, value in values.items():
            assert after[name][key] == value, (name, key)
    assert before['=HYPERLINK("http://x")']["care"] == ["disabled", "subsistence"]
    assert before["李娜"]["arrival_date"] == dt.date(2020, 5, 4)


def test_xlsx_has_the_import_headings_text_ids_and_escaped_formulas(db, tmp_path):
    fill(db)
    out = tmp_path / "register.xlsx"
    export_residents(db, out)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    col = {h: i for i, h in enumerate(HEADINGS)}
    head = rows[1]
    assert head[col["姓名"]] == '\'=HYPERLINK("http://x")'
    assert head[col["联系电话"]] == "'+8613800138000"
    assert head[col["职业"]] == "'-教师"
    assert head[col["备注"]] == "'@备注 含,逗号\n和换行"
    assert head[col["公民身份号码"]] == ID_HEAD
    assert head[col["民族"]] == "回族" and head[col["与户主关系"]] == "户主"
    assert head[col["户号"]] == "0012" and head[col["户别"]] == "家庭户"
    assert head[col["关爱类别"]] == "低保户、残疾人"  # in the category list's order
    assert head[col["出生日期"]] == dt.datetime(1980, 1, 1)
    id_cell = ws.cell(row=2, column=col["公民身份号码"] + 1)
    assert (id_cell.data_type, id_cell.number_format) == ("s", "@")
    phone_cell = ws.cell(row=4, column=col["联系电话"] + 1)
    assert (phone_cell.value, phone_cell.number_format) == ("0101234567", "@")
    # no cell is a formula
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    names = [r[col["姓名"]] for r in rows[1:]]
    assert "迁走的人" not in names and len(names) == 4


def test_csv_is_utf8_with_bom_and_escaped(db, tmp_path):
    fill(db)
    out = tmp_path / "register.csv"
    assert export_residents(db, out) == 4
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADINGS
    col = {h: i for i, h in enumerate(HEADINGS)}
    assert rows[1][col["姓名"]] == '\'=HYPERLINK("http://x")'
    assert rows[1][col["出生日期"]] == "1980-01-01"
    assert rows[1][col["备注"]] == "'@备注 含,逗号\n和换行"
    assert rows[2][col["人员类别"]] == "流动人口" and rows[2][col["来本地日期"]] == "2020-05-04"
    assert rows[4][col["国籍"]] == "英国" and rows[4][col["户号"]] == ""


def test_cancelled_export_leaves_no_file(db, tmp_path):
    with db.session() as s:
        for i in range(2100):
            registry.create_person(s, data={"name": f"居民{i}"})
    out = tmp_path / "big.xlsx"
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        cancel.set()

    with pytest.raises(Cancelled):
        export_residents(db, out, progress=progress, cancel=cancel)
    assert seen == [1000]
    assert list(tmp_path.glob("big.xlsx*")) == []


def test_progress_reaches_the_total(db, tmp_path):
    with db.session() as s:
        for i in range(1500):
            registry.create_person(s, data={"name": f"居民{i}"})
    calls: list[tuple[int, int]] = []
    assert (
        export_residents(db, tmp_path / "r.csv", progress=lambda d, t: calls.append((d, t))) == 1500
    )
    assert calls == [(1000, 1500), (1500, 1500)]


def test_unknown_suffix_is_refused(db, tmp_path):
    with pytest.raises(DomainError) as err:
        export_residents(db, tmp_path / "register.pdf")
    assert err.value.issues[0].key == "file.format"


def test_export_of_an_empty_register_has_the_headings(db, tmp_path):
    out = tmp_path / "empty.csv"
    assert export_residents(db, out) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [",".join(HEADINGS)]
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM resident")).scalar() == 0
