"""Grid printouts from made-up data: roster, contact cards and visit worksheet, read back."""

from __future__ import annotations

import datetime as dt
import subprocess

from govdesk.forms import grid_forms as gf
from govdesk.forms.grid_data import (
    CardData,
    DueLine,
    GridEntry,
    RosterData,
    StaffLine,
    WorksheetData,
)
from tests.forms.conftest import page_fonts, page_text, read_pdf

OFFICE = "幸福社区居民委员会"
ROLES = ["网格长", "专职网格员", "兼职网格员", "楼栋长", "党员中心户", "平安管家"]
TODAY = dt.date(2026, 11, 26)


def staff(n: int, start: int = 0) -> list[StaffLine]:
    return [
        StaffLine(f"网格员{start + i:02d}", ROLES[i % len(ROLES)], f"138****{start + i:04d}")
        for i in range(n)
    ]


def grids(sizes: list[int]) -> list[GridEntry]:
    out, start = [], 0
    for i, n in enumerate(sizes, start=1):
        out.append(
            GridEntry(
                name=f"第{i}网格",
                code=f"110105001001{i:02d}",
                area=f"幸福里小区{i}号楼至{i + 2}号楼",
                staff=staff(n, start),
            )
        )
        start += n
    return out


def pdftotext(path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode()


def assert_embedded(reader) -> None:
    for page in reader.pages:
        fonts = page_fonts(page)
        assert fonts
        for base_font, embedded in fonts:
            assert "WenQuanYi" in base_font and embedded, base_font


def test_roster_small_on_one_page(tmp_path):
    data = RosterData(
        OFFICE,
        "110105001001",
        TODAY,
        grids([2, 0]),
        notice="如对网格服务有意见或建议，请与社区居委会联系。",
    )
    data.grids[1].depth = 1
    out = tmp_path / "roster.pdf"
    gf.build_roster(data, out)

    reader = read_pdf(out)
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    for expected in [
        "网格员公示表",
        f"填报单位：{OFFICE}（110105001001）",
        "公示日期：2026年11月26日",
        *gf.ROSTER_HEADINGS,
        "第1网格",
        "11010500100101",
        "幸福里小区1号楼至3号楼",
        "网格长",
        "网格员00",
        "138****0000",
        "专职网格员",
        "网格员01",
        "第2网格",
        gf.NO_STAFF,
        "如对网格服务有意见或建议",
        "（盖章）",
    ]:
        assert expected in text, expected
    assert "第1页" not in text
    assert_embedded(reader)
    # pdftotext (what a reader's copy and search see) finds the title and every heading too.
    plain = "".join(pdftotext(out).split())
    for heading in ["网格员公示表", *gf.ROSTER_HEADINGS]:
        assert heading in plain, heading


def test_roster_of_60_staff_repeats_its_header_on_the_next_page(tmp_path):
    data = RosterData(OFFICE, "110105001001", TODAY, grids([8] * 7 + [4]))
    assert sum(len(g.staff) for g in data.grids) == 60
    out = tmp_path / "roster.pdf"
    gf.build_roster(data, out)

    reader = read_pdf(out)
    assert len(reader.pages) >= 2
    texts = [page_text(p) for p in reader.pages]
    for number, text in enumerate(texts, start=1):
        for heading in gf.ROSTER_HEADINGS:
            assert heading in text, (number, heading)
        assert f"第{number}页共{len(texts)}页" in text
    assert "网格员公示表（续）" in texts[1]
    # Every post printed once, in order; a grid's posts stay on one page.
    everything = "".join(texts)
    positions = [everything.index(f"网格员{i:02d}138") for i in range(60)]
    assert positions == sorted(positions)
    for grid in data.grids:
        pages = {i for i, t in enumerate(texts) for s in grid.staff if f"{s.name}138" in t}
        assert len(pages) == 1, grid.name
    assert "（盖章）" in texts[-1]
    assert_embedded(reader)


def test_a_grid_bigger_than_a_page_is_cut_into_blocks(tmp_path):
    data = RosterData(OFFICE, "110105001001", TODAY, grids([40]))
    blocks = gf.roster_blocks(data)
    assert [len(b) for b in blocks] == [12, 12, 12, 4]
    out = tmp_path / "roster.pdf"
    gf.build_roster(data, out)
    everything = "".join(page_text(p) for p in read_pdf(out).pages)
    assert all(f"网格员{i:02d}" in everything for i in range(40))


def test_seal_is_not_left_alone_on_the_last_page(tmp_path):
    # Enough grids that the table alone just fills its pages; try a few sizes, since where
    # the page ends depends on the layout.
    page_counts = []
    for last in range(1, 9):
        data = RosterData(OFFICE, "", TODAY, grids([6, 6, 6, last]), notice="说明" * 20)
        out = tmp_path / f"roster{last}.pdf"
        gf.build_roster(data, out)
        texts = [page_text(p) for p in read_pdf(out).pages]
        assert "（盖章）" in texts[-1]
        # The last page holds at least one post besides the closing lines.
        assert "138****" in texts[-1], last
        page_counts.append(len(texts))
    # Some of them ran onto a second page: the rule was put to the test.
    assert 1 in page_counts and 2 in page_counts


def test_cards_four_to_a_page(tmp_path):
    data = CardData(OFFICE, grids([3, 2, 0, 1, 2]), on=TODAY)
    out = tmp_path / "cards.pdf"
    gf.build_cards(data, out)

    reader = read_pdf(out)
    assert len(reader.pages) == 2
    first, second = (page_text(p) for p in reader.pages)
    assert first.count("网格员联系卡") == 4 and second.count("网格员联系卡") == 1
    for expected in [
        OFFICE,
        "网格",
        "编码",
        "范围",
        "职务",
        "姓名",
        "联系电话",
        "第1网格",
        "11010500100101",
        "幸福里小区1号楼至3号楼",
        "网格员00",
        "138****0000",
        gf.NO_STAFF,
        "2026年11月26日更新",
        "沿虚线剪开",
    ]:
        assert expected in first, expected
    assert "第5网格" in second and "网格员07" in second
    assert_embedded(reader)


def test_a_big_grid_goes_on_over_a_second_card(tmp_path):
    per_card = gf.card_rows(gf.st.PAGE_SIZE[1] / gf.CARDS_PER_COLUMN)
    data = CardData(OFFICE, grids([per_card + 2]))
    cards = gf.card_pages(data, per_card)
    assert [(len(block), continued) for _, block, continued in cards] == [
        (per_card, False),
        (2, True),
    ]
    out = tmp_path / "cards.pdf"
    gf.build_cards(data, out)
    text = page_text(read_pdf(out).pages[0])
    assert "网格员联系卡（续）" in text
    assert f"网格员{per_card + 1:02d}" in text


def test_worksheet_lists_the_round_with_columns_to_write_in(tmp_path):
    lines = [
        DueLine(
            address="幸福里小区3号楼2单元301室",
            household_number="110105001001-0007",
            head_name="王建国",
            phone="139****0001",
            categories="独居老人",
            interval_days=7,
            last_visited_on=dt.date(2026, 11, 2),
            overdue_days=17,
        ),
        DueLine(address="幸福里小区5号楼1单元102室", head_name="李秀英", categories="重点关爱"),
    ]
    data = WorksheetData(OFFICE, "110105001001", "张伟", ["第1网格", "第2网格"], TODAY, lines)
    out = tmp_path / "worksheet.pdf"
    gf.build_worksheet(data, out)

    reader = read_pdf(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height  # landscape
    text = page_text(page)
    for expected in [
        "走访任务单",
        "任务日期：2026年11月26日",
        "网格员：张伟",
        "网格：第1网格、第2网格",
        *gf.WORKSHEET_HEADINGS,
        "共2户待走访，其中逾期1户",
        "幸福里小区3号楼2单元301室",
        "户号：110105001001-0007",
        "139****0001",
        "独居老人",
        "每7天一访",
        "2026年11月02日",
        "17天",
        gf.NEVER,
        "今日到期",
        "网格员（签名）",
    ]:
        assert expected in text, expected
    assert text.index("王建国") < text.index("李秀英")
    rows = gf.worksheet_grid(data).texts()
    assert len(rows) == 1 + len(lines) + gf.SPARE_ROWS
    # The last three columns are left for the pen.
    assert all(row[-3:] == ["", "", ""] for row in rows[1:])
    assert_embedded(reader)


def test_long_worksheet_repeats_its_header(tmp_path):
    lines = [
        DueLine(address=f"幸福里小区{i}号楼", head_name=f"户主{i:02d}", overdue_days=40 - i)
        for i in range(30)
    ]
    out = tmp_path / "worksheet.pdf"
    gf.build_worksheet(WorksheetData(OFFICE, staff_name="张伟", today=TODAY, lines=lines), out)
    texts = [page_text(p) for p in read_pdf(out).pages]
    assert len(texts) >= 2
    for text in texts:
        assert all(h in text for h in gf.WORKSHEET_HEADINGS)
    assert "走访任务单（续）" in texts[1]
    everything = "".join(texts)
    assert [everything.index(f"户主{i:02d}") for i in range(30)] == sorted(
        everything.index(f"户主{i:02d}") for i in range(30)
    )
