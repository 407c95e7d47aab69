"""居民信息登记表: built from a real database, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from reportlab.platypus import Paragraph

from govdesk.forms import registry_print, resident_form
from govdesk.forms.resident_form import ResidentFormData
from govdesk.services import registry
from tests.forms.conftest import make_id, page_fonts, page_text, read_pdf

LONG_ADDRESS = (
    "河北省石家庄市长安区建设北大街道光华路社区和平里小区十二号楼三单元五零二室"
    "（原纺织厂家属院东侧第二排平房改建）"
)


def register_floating(db) -> str:
    with db.session() as s:
        hh = registry.create_household(s, household_number="0007", address="幸福社区5号楼")
        person = registry.create_person(
            s,
            data={
                "name": "欧阳娜娜",
                "id_number": make_id(dt.date(1990, 3, 7), 22),
                "ethnicity": "满族",
                "political_status": "共青团员",
                "education": "大专",
                "marital_status": "已婚",
                "occupation": "个体经营",
                "phone": "13912345678",
                "person_type": "流动人口",
                "registered_address": LONG_ADDRESS,
                "current_address": "北京市朝阳区幸福社区5号楼1单元302室",
                "residence_permit_no": "京居2020123456",
                "arrival_date": dt.date(2020, 5, 1),
                "arrival_reason": "务工",
                "landlord": "王大山",
                "relation_to_head": "户主",
                "notes": "夜班工作，白天上门",
            },
            household_id=hh.id,
            care_codes=["subsistence", "disabled"],
        ).person
    return person.id


def test_resident_pdf_from_the_register(db, tmp_path):
    person_id = register_floating(db)
    out = registry_print.resident_pdf(db, person_id, tmp_path / "person.pdf")

    reader = read_pdf(out)
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    for expected in [
        "居民信息登记表",
        "幸福社区居民委员会（110105001001）",
        f"登记日期：{dt.date.today():%Y年%m月%d日}",
        "欧阳娜娜",
        make_id(dt.date(1990, 3, 7), 22),  # full number: the person signs it
        "1990年03月07日",
        "满族",
        "共青团员",
        "大学专科",
        "流动人口",
        "户主",
        "0007",
        "京居2020123456",
        "2020年05月01日",
        "王大山",
        "低保户、残疾人",
        "夜班工作，白天上门",
        LONG_ADDRESS,  # wrapped over two lines, nothing lost
        "公民身份号码",
        "与户主关系",
        "现住址",
        "照片",
        "本人确认以上信息真实准确。",
        "本人签名（按指印）",
        "登记人",
        "（盖章）",
    ]:
        assert expected in text, expected


def test_cjk_font_is_embedded(db, tmp_path):
    out = registry_print.resident_pdf(db, register_floating(db), tmp_path / "person.pdf")
    fonts = page_fonts(read_pdf(out).pages[0])
    assert fonts
    for base_font, embedded in fonts:
        assert "WenQuanYi" in base_font
        assert embedded, base_font


def sample(**changes) -> ResidentFormData:
    data = ResidentFormData(
        office_name="幸福村村民委员会",
        division_code="130102200201",
        name="张建国",
        sex="male",
        ethnicity="01",
        birth_date=dt.date(1949, 12, 31),
        id_number="11010519491231002X",
        person_type="registered",
        residence_permit_no="京居0001",
        household_number="0001",
        relation_to_head="head",
        registered_address=LONG_ADDRESS,
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_grid_data_the_form_is_built_from():
    texts = resident_form.grid(sample()).texts()
    assert texts[0] == ["姓名", "张建国", "性别", "男", "民族", "汉族", "照片\n（二寸免冠）"]
    assert texts[1][:2] == ["出生日期", "1949年12月31日"]
    assert texts[2][:2] == ["公民身份号码", "11010519491231002X"]
    assert texts[4] == ["人员类别", "户籍人口", "户号", "0001", "与户主关系", "户主", ""]
    assert texts[5][:2] == ["户籍地址", LONG_ADDRESS]
    # Not a floating resident: the block stays ruled but empty even if a value is stored.
    assert texts[8] == ["居住证号码", "", "", "", "来本地日期", "", ""]
    # The photo box spans the first four rows; nothing else is placed under it.
    assert [t[6] for t in texts[1:4]] == ["", "", ""]


def test_masked_id_and_floating_details():
    texts = resident_form.grid(
        sample(mask_id=True, person_type="floating", arrival_date=dt.date(2021, 1, 2))
    ).texts()
    assert texts[2][1] == "110105********002X"
    assert texts[8] == ["居住证号码", "京居0001", "", "", "来本地日期", "2021年01月02日", ""]


def test_long_address_wraps_inside_its_box():
    grid = resident_form.grid(sample())
    table = grid.table()
    cell = table._cellvalues[5][1]
    assert isinstance(cell, Paragraph)
    box_width = sum(resident_form.COLUMNS[1:]) - 2 * grid.pad_x
    cell.wrap(box_width, 1000)
    assert len(cell.blPara.lines) == 2
    assert min(line[0] for line in cell.blPara.lines) >= 0  # spare width: no line overflows
    assert table._rowHeights[5] >= 2 * cell.style.leading
    assert sum(table._colWidths) == sum(resident_form.COLUMNS)


def test_builds_into_a_stream_with_empty_fields():
    buf = io.BytesIO()
    resident_form.build(ResidentFormData("幸福社区居民委员会", "110105001001", "李四"), buf)
    reader = read_pdf(buf.getvalue())
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    assert "李四" in text and "登记日期：年月日" in text


def test_grid_refuses_a_row_that_leaves_a_gap():
    from govdesk.forms.flowables import FieldGrid, label, value

    with pytest.raises(ValueError, match="columns \\[2\\]"):
        FieldGrid([[label("姓名"), value("张三")]], [20, 30, 40])
    with pytest.raises(ValueError, match="runs off"):
        FieldGrid([[label("姓名"), value("张三", span=3)]], [20, 30, 40])
