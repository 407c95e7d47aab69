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
        DueLine(
            address="幸福里小区6号楼",
            head_name="赵静",
            last_visited_on=None,
            overdue_days=None,
        ),
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
        "共3户待走访，其中从未走访1户、逾期1户",
        "幸福里小区3号楼2单元301室",
        "户号：110105001001-0007",
        "139****0001",
        "独居老人",
        "每7天一访",
        "2026年11月02日",
        "17天",
        gf.NEVER,
        gf.SOON,
        "今日到期",
        "网格员（签名）",
    ]:
        assert expected in text, expected
    assert text.index("王建国") < text.index("李秀英")
    rows = gf.worksheet_grid(data).texts()
    assert len(rows) == 1 + len(lines) + gf.SPARE_ROWS
    # One grid only: no grid named in the rows.
    assert rows[1][1] == "幸福里小区3号楼2单元301室\n户号：110105001001-0007"
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


# -- from a real database through the grid services ----------------------------------------

D = dt.date
PRINT_DAY = D(2026, 3, 10)


def grid_office(db) -> dict[str, str]:
    """Two grids (one with a sub-grid), staff in several roles, households with care
    categories and visit rules; returns the ids the tests name."""
    from govdesk.services import grid_staff, grids, places, registry, visits

    ids: dict[str, str] = {}
    with db.session() as s:
        compound = places.add_place(s, kind="compound", name="幸福里小区")
        b1 = places.add_place(s, kind="building", name="1号楼", parent_id=compound.id)
        b2 = places.add_place(s, kind="building", name="2号楼", parent_id=compound.id)
        b3 = places.add_place(s, kind="building", name="3号楼", parent_id=compound.id)
        east = grids.create_grid(s, name="东区网格", area="幸福里小区1号楼、3号楼")
        west = grids.create_grid(s, name="西区网格", area="幸福里小区2号楼")
        sub = grids.create_grid(s, name="三号楼微网格", parent_id=east.id, area="3号楼")
        old = grids.create_grid(s, name="旧网格")
        for place, grid in ((b1, east), (b2, west), (b3, sub)):
            grids.assign_places(s, place_ids=[place.id], grid_id=grid.id, on=D(2026, 1, 1))
        grids.retire_grid(s, old.id, on=D(2026, 2, 1))
        wang = grid_staff.add_staff(s, name="王网格", phone="13812345678")
        li = grid_staff.add_staff(s, name="李组长", phone="13900001111")
        zhao = grid_staff.add_staff(s, name="赵兼职", phone="13700002222")
        grid_staff.add_post(
            s, staff_id=li.id, grid_id=east.id, role="grid_leader", start_on=D(2026, 1, 1)
        )
        grid_staff.add_post(
            s, staff_id=wang.id, grid_id=east.id, role="full_time", start_on=D(2026, 1, 1)
        )
        # One person in two grids.
        grid_staff.add_post(
            s, staff_id=wang.id, grid_id=west.id, role="mediator", start_on=D(2026, 1, 1)
        )
        ended = grid_staff.add_post(
            s, staff_id=zhao.id, grid_id=west.id, role="part_time", start_on=D(2026, 1, 1)
        )
        grid_staff.end_post(s, ended.id, on=D(2026, 3, 1))

        def household(number, address, place, care, phone):
            hh = registry.create_household(s, household_number=number, address=address)
            hh.place_id = place.id
            s.add(hh)
            head = registry.create_person(
                s,
                data={"name": f"户主{number}", "relation_to_head": "head", "phone": phone},
                household_id=hh.id,
            ).person
            registry.set_care_categories(
                s, person_id=head.id, category_codes=care, today=D(2026, 1, 1)
            )
            return hh.id

        alone = household("H1", "幸福里小区1号楼1单元101室", b1, ["elderly_alone"], "13611112222")
        household("H2", "幸福里小区3号楼1单元101室", b3, ["community_correction"], "13633334444")
        household("H3", "幸福里小区2号楼1单元101室", b2, ["elderly_alone"], None)
        visits.set_visit_rule(s, category_code="elderly_alone", interval_days=7)
        visits.set_visit_rule(s, category_code="community_correction", interval_days=30)
        visits.record_visit(s, household_id=alone, visited_on=D(2026, 2, 20), staff_id=wang.id)
        ids.update(east=east.id, west=west.id, sub=sub.id, old=old.id, wang=wang.id, zhao=zhao.id)
    return ids


def audit_entries(db) -> list[tuple[str, str | None, dict]]:
    import json

    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT record_type, record_id, detail FROM audit_log WHERE action = 'print' ORDER BY seq"
        ).all()
    return [(t, i, json.loads(d)) for t, i, d in rows]


def test_roster_data_from_the_services(db):
    from govdesk.forms import grid_print

    grid_office(db)
    with db.session() as s:
        data = grid_print.roster_data(s, on=PRINT_DAY, full=True)
    assert [(g.name, g.depth) for g in data.grids] == [
        ("东区网格", 0),
        ("三号楼微网格", 1),
        ("西区网格", 0),
    ]
    east, sub, west = data.grids
    assert east.area == "幸福里小区1号楼、3号楼"
    assert east.code.startswith("110105001001")
    assert [(p.role, p.name, p.phone) for p in east.staff] == [
        ("网格长", "李组长", "13900001111"),
        ("专职网格员", "王网格", "13812345678"),
    ]
    assert sub.staff == []
    # The part-time post ended on 03-01: not on the 03-10 roster, but on one of February.
    assert [(p.role, p.name) for p in west.staff] == [("调解员", "王网格")]
    with db.session() as s:
        february = grid_print.roster_data(s, on=D(2026, 1, 15), full=False)
    names = [g.name for g in february.grids]
    assert "旧网格" in names  # retired on 02-01: still a grid in January
    west_then = next(g for g in february.grids if g.name == "西区网格")
    assert ("兼职网格员", "赵兼职", "137****2222") in [
        (p.role, p.name, p.phone) for p in west_then.staff
    ]
    # A subtree alone starts at the left.
    with db.session() as s:
        only = grid_print.roster_data(s, on=PRINT_DAY, grid_ids=[sub_id(s)], full=False)
    assert [(g.name, g.depth) for g in only.grids] == [("三号楼微网格", 0)]


def sub_id(session) -> str:
    from govdesk.services import grids

    return next(g.id for g in grids.grids(session) if g.name == "三号楼微网格")


def test_roster_print_masks_without_print_full_and_is_audited(db, tmp_path):
    from govdesk.domain.permissions import Actor, Role
    from govdesk.forms import grid_print

    grid_office(db)
    full = grid_print.print_roster(db, tmp_path / "full.pdf", on=PRINT_DAY)
    text = page_text(read_pdf(full).pages[0])
    assert "13812345678" in text and "13900001111" in text
    assert "幸福社区居民委员会" in text and "公示日期：2026年03月10日" in text

    db.actor = Actor(username="wang", role=Role.GRID)  # no PRINT_FULL
    masked = grid_print.print_roster(db, tmp_path / "masked.pdf", on=PRINT_DAY)
    text = page_text(read_pdf(masked).pages[0])
    assert "138****5678" in text and "13812345678" not in text

    entries = audit_entries(db)
    assert [(t, d["form"], d["masked"], d["posts"]) for t, _, d in entries] == [
        ("grid", "grid-roster", False, 3),
        ("grid", "grid-roster", True, 3),
    ]
    assert entries[0][2]["file"] == str(full) and entries[0][2]["title"] == "网格员公示表"
    assert not list(tmp_path.glob("*.part"))


def test_viewer_without_grid_view_is_refused(db, tmp_path):
    from govdesk.domain.permissions import Actor, PermissionDenied, Role
    from govdesk.forms import grid_print

    grid_office(db)
    db.actor = Actor(username="m", role=Role.MEDIATOR)
    import pytest

    with pytest.raises(PermissionDenied):
        grid_print.print_roster(db, tmp_path / "r.pdf", on=PRINT_DAY)
    assert not (tmp_path / "r.pdf").exists()
    assert audit_entries(db) == []


def test_cards_print_one_card_per_grid(db, tmp_path):
    from govdesk.forms import grid_print

    ids = grid_office(db)
    out = grid_print.print_cards(db, tmp_path / "cards.pdf", on=PRINT_DAY, grid_ids=[ids["east"]])
    reader = read_pdf(out)
    text = page_text(reader.pages[0])
    assert text.count("网格员联系卡") == 2  # 东区网格 and its sub-grid
    assert "东区网格" in text and "三号楼微网格" in text and "西区网格" not in text
    assert "13900001111" in text
    assert_embedded(reader)
    [(record_type, _, detail)] = audit_entries(db)
    assert record_type == "grid" and detail["form"] == "grid-card"
    assert detail["grid_ids"] == [ids["east"]] and detail["grids"] == 2


def test_worksheet_of_a_worker_sorted_by_how_overdue(db, tmp_path):
    from govdesk.domain.permissions import Actor, Role
    from govdesk.forms import grid_print

    ids = grid_office(db)
    with db.session() as s:
        data = grid_print.worksheet_data(s, staff_id=ids["wang"], today=PRINT_DAY, full=True)
    assert data.staff_name == "王网格"
    assert data.grids == ["东区网格", "西区网格"]
    # Never visited first (H2 in the sub-grid, H3 in 西区), then H1: visited 02-20, due
    # 02-27, 11 days overdue on 03-10.
    assert [(d.household_number, d.overdue_days) for d in data.lines] == [
        ("H2", None),
        ("H3", None),
        ("H1", 11),
    ]
    h1 = data.lines[-1]
    assert h1.phone == "13611112222" and h1.categories == "独居/空巢老人"
    assert h1.interval_days == 7 and h1.last_visited_on == D(2026, 2, 20)
    assert data.lines[0].categories == "社区矫正对象" and data.lines[0].grid_name == "三号楼微网格"
    # Households of several grids on one round: each row names its grid.
    assert (
        gf.worksheet_grid(data).texts()[1][1] == "幸福里小区3号楼1单元101室\n户号：H2　三号楼微网格"
    )

    db.actor = Actor(username="wang", role=Role.GRID)  # no PRINT_FULL
    out = grid_print.print_worksheet(db, tmp_path / "w.pdf", staff_id=ids["wang"], today=PRINT_DAY)
    text = page_text(read_pdf(out).pages[0])
    for expected in ["走访任务单", "网格员：王网格", "H1", "136****2222", "11天", "从未走访"]:
        assert expected in text, expected
    assert "13611112222" not in text
    [(record_type, record_id, detail)] = audit_entries(db)
    assert (record_type, record_id) == ("grid_staff", ids["wang"])
    assert detail["households"] == 3 and detail["form"] == "visit-worksheet"


def test_worksheet_hides_sensitive_categories_without_care_sensitive(db):
    from govdesk.domain.permissions import Actor, Role
    from govdesk.forms import grid_print

    ids = grid_office(db)
    db.actor = Actor(username="v", role=Role.VIEWER)
    with db.session() as s:
        data = grid_print.worksheet_data(s, staff_id=ids["wang"], today=PRINT_DAY, full=False)
    categories = [d.categories for d in data.lines]
    assert "社区矫正对象" not in categories and "重点关爱" in categories


def test_worksheet_of_an_ended_post_is_empty(db):
    from govdesk.forms import grid_print

    ids = grid_office(db)
    with db.session() as s:
        data = grid_print.worksheet_data(s, staff_id=ids["zhao"], today=PRINT_DAY, full=True)
        assert data.lines == [] and data.grids == []
        assert grid_print.find_staff(s, "赵兼职").id == ids["zhao"]


def test_a_retired_grid_is_refused_by_name(db, tmp_path):
    import pytest

    from govdesk.domain.messages import DomainError
    from govdesk.forms import grid_print

    ids = grid_office(db)
    with pytest.raises(DomainError) as refused:
        grid_print.print_roster(db, tmp_path / "r.pdf", on=PRINT_DAY, grid_ids=[ids["old"]])
    assert refused.value.issues[0].key == "grid_print.retired"
    assert refused.value.issues[0].params == {"grid": "旧网格", "date": "2026-02-01"}
    assert not (tmp_path / "r.pdf").exists() and audit_entries(db) == []


def test_a_day_nobody_serves_prints_one_blank_worksheet_and_audits_it(db, tmp_path):
    from govdesk.forms import grid_print

    grid_office(db)
    out = grid_print.print_worksheets(db, tmp_path / "w.pdf", today=D(2025, 6, 1))
    [page] = read_pdf(out).pages
    assert "共0户待走访" in page_text(page)
    [(record_type, record_id, detail)] = audit_entries(db)
    assert (record_type, record_id, detail["batch"]) == ("grid_staff", None, 0)


def test_sub_grids_follow_their_parent_whatever_their_codes(db):
    from govdesk.forms import grid_print
    from govdesk.services import grids

    with db.session() as s:
        ten = grids.create_grid(s, name="十号网格", number=10)
        grids.create_grid(s, name="一百号网格", number=100)
        # Code 11010500100110 + 01 sorts after 110105001001100 as text.
        grids.create_grid(s, name="十号一分格", number=1, parent_id=ten.id)
    with db.session() as s:
        data = grid_print.roster_data(s, on=PRINT_DAY, full=False)
    assert [(g.name, g.depth) for g in data.grids] == [
        ("十号网格", 0),
        ("十号一分格", 1),
        ("一百号网格", 0),
    ]


def test_roster_and_cards_print_the_office_role_names(db, tmp_path):
    from govdesk.forms import grid_print
    from govdesk.services import grid_staff

    ids = grid_office(db)
    with db.session() as s:
        grid_staff.set_role_labels(
            s, {"full_time": "专职社工网格员", "grid_leader": "网格支部书记"}, set()
        )
    with db.session() as s:
        data = grid_print.roster_data(s, on=PRINT_DAY, full=False)
    east = data.grids[0]
    assert [(p.role, p.name) for p in east.staff] == [
        ("网格支部书记", "李组长"),
        ("专职社工网格员", "王网格"),
    ]
    roster = page_text(
        read_pdf(grid_print.print_roster(db, tmp_path / "r.pdf", on=PRINT_DAY)).pages[0]
    )
    assert "专职社工网格员" in roster and "网格支部书记" in roster
    assert "专职网格员" not in roster
    cards = grid_print.print_cards(db, tmp_path / "c.pdf", on=PRINT_DAY, grid_ids=[ids["east"]])
    text = page_text(read_pdf(cards).pages[0])
    assert "专职社工网格员" in text and "网格支部书记" in text


def test_the_roster_prints_chinese_role_names_whatever_the_interface_language(db):
    from govdesk.domain import messages
    from govdesk.forms import grid_print

    grid_office(db)
    messages.set_language("en")
    with db.session() as s:
        data = grid_print.roster_data(s, on=PRINT_DAY, full=False)
    assert [p.role for p in data.grids[0].staff] == ["网格长", "专职网格员"]
