"""户信息表: a household from a real database, one page or continued, read back with pypdf."""

from __future__ import annotations

import datetime as dt

from govdesk.forms import household_form, registry_print
from govdesk.services import registry
from tests.forms.conftest import make_id, page_fonts, page_text, read_pdf


def test_small_household_on_one_page(db, tmp_path, make_household):
    household_id = make_household(3)
    out = registry_print.household_pdf(db, household_id, tmp_path / "hh.pdf")

    reader = read_pdf(out)
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    for expected in [
        "户信息表",
        "幸福社区居民委员会（110105001001）",
        "户号：110105001001-0023",
        "家庭户",
        "北京市朝阳区幸福社区3号楼2单元101室",
        "13800138000",
        "王建国",
        "李秀英",
        "张伟",
        make_id(dt.date(1950, 3, 7), 11),
        make_id(dt.date(1956, 3, 7), 13),
        "1953年03月07日",
        "序号",
        "与户主关系",
        "公民身份号码",
        "人员类别",
        "户主签名（按指印）",
        "登记人",
        "（盖章）",
        "本户确认以上信息真实准确。",
    ]:
        assert expected in text, expected
    assert "第1页" not in text  # one-page forms carry no page numbers
    for base_font, embedded in page_fonts(reader.pages[0]):
        assert "WenQuanYi" in base_font and embedded


def test_member_rows_head_first_with_blank_rows(db, make_household):
    household_id = make_household(3)
    with db.session() as s:
        data = registry_print.household_data(s, household_id=household_id)
    assert data.head_name == "王建国"
    chunks = household_form.page_chunks(data.members)
    assert len(chunks) == 1
    texts = household_form.member_grid(data, chunks[0]).texts()
    assert texts[0] == [
        "序号",
        "姓名",
        "与户主\n关系",
        "性别",
        "民族",
        "出生日期",
        "公民身份号码",
        "人员类别",
        "备注",
    ]
    assert texts[1] == [
        "1",
        "王建国",
        "户主",
        "男",
        "汉族",
        "1950年03月07日",
        make_id(dt.date(1950, 3, 7), 11),
        "户籍人口",
        "",
    ]
    assert [row[2] for row in texts[2:4]] == ["配偶", "子"]
    # Room to add members by hand: the list is ruled to its full length, at least 8 rows.
    assert household_form.MIN_ROWS >= 8 and len(texts) == 1 + household_form.MIN_ROWS
    assert all(cell == "" for row in texts[4:] for cell in row)
    head = household_form.head_grid(data).texts()
    assert head[0] == ["户号", "110105001001-0023", "户别", "家庭户", "户主姓名", "王建国"]


def test_head_is_printed_first_even_when_registered_last(db, tmp_path):
    with db.session() as s:
        hh = registry.create_household(s, household_number="0100")
        for name, relation, seq in [("赵女", "女", 22), ("赵子", "子", 21), ("赵父", "户主", 11)]:
            registry.create_person(
                s,
                data={
                    "name": name,
                    "id_number": make_id(dt.date(1980, 1, 1), seq),
                    "relation_to_head": relation,
                },
                household_id=hh.id,
            )
        data = registry_print.household_data(s, household_id=hh.id)
    assert [m.name for m in data.members] == ["赵父", "赵子", "赵女"]


def test_big_household_continues_with_the_header_repeated(db, tmp_path, make_household):
    household_id = make_household(14)
    out = registry_print.household_pdf(db, household_id, tmp_path / "big.pdf")

    reader = read_pdf(out)
    assert len(reader.pages) == 2
    first, second = (page_text(p) for p in reader.pages)
    for text in (first, second):
        assert "户信息表" in text
        assert "幸福社区居民委员会（110105001001）" in text
        assert "户号：110105001001-0023" in text
        assert "公民身份号码" in text  # the member headings too
    assert "户信息表（续）" in second and "户信息表（续）" not in first
    assert "第1页共2页" in first and "第2页共2页" in second
    assert "王建国" in first and "（下页续）" in first
    # Members 13 and 14 (in printed order) go over; the signatures close the last page only.
    with db.session() as s:
        members = registry_print.household_data(s, household_id=household_id).members
    assert len(members) == 14
    for m in members[:12]:
        assert m.id_number in first and m.id_number not in second
    for m in members[12:]:
        assert m.id_number in second and m.id_number not in first
    assert "户主签名（按指印）" in second and "户主签名" not in first
    for page in reader.pages:
        for base_font, embedded in page_fonts(page):
            assert "WenQuanYi" in base_font and embedded


def test_narrow_column_sets_a_longer_value_smaller_instead_of_wrapping():
    data = household_form.HouseholdFormData(
        "幸福社区居民委员会",
        "110105001001",
        "0001",
        members=[household_form.MemberRow("阿卜杜热合曼·买买提江", "head", ethnicity="05")],
    )
    grid = household_form.member_grid(data, household_form.page_chunks(data.members)[0])
    table = grid.table()
    assert grid.texts()[1][4] == "维吾尔族"
    assert table._cellvalues[1][4] == "维吾尔族"  # one line, drawn as a plain string
    assert 8 <= table._cellStyles[1][4].fontsize < 10.5
    # A name far too long for its column still wraps inside the box rather than shrinking away.
    assert not isinstance(table._cellvalues[1][1], str)


def test_masked_numbers_when_asked(db, tmp_path, make_household):
    household_id = make_household(2)
    out = registry_print.household_pdf(db, household_id, tmp_path / "m.pdf", mask_id=True)
    text = page_text(read_pdf(out).pages[0])
    full = make_id(dt.date(1950, 3, 7), 11)
    assert full not in text
    assert f"{full[:6]}********{full[-4:]}" in text
