"""`govdesk grids tree|assign|coverage|link` on a real database, signed in as the administrator."""

from __future__ import annotations

import datetime as dt

from govdesk.cli import main
from govdesk.services import grid_staff, grids
from tests.services.grid_world import make_households

D1 = "2026-01-01"


def _run(db_path, capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(["grids", argv[0], "--db", str(db_path), "--user", "admin", *argv[1:]])
    return code, capsys.readouterr().out.splitlines()


def _staff(db_path, capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(["grids", "staff", argv[0], "--db", str(db_path), "--user", "admin", *argv[1:]])
    return code, capsys.readouterr().out.splitlines()


def _world(db, db_path, capsys):
    make_households(db)
    code, out = _run(db_path, capsys, "link")
    assert code == 0
    assert out[0] == "新关联 6 户，原已关联 0 户，新建场所 8 处，地址无法识别 1 户"
    assert out[1:] == ["  建设路5号"]
    with db.session() as s:
        top = grids.create_grid(s, name="第一网格")
        sub = grids.create_grid(s, name="东片", parent_id=top.id)
        staff = grid_staff.add_staff(s, name="王芳")
        grid_staff.add_post(
            s, staff_id=staff.id, grid_id=sub.id, role="full_time", start_on=dt.date(2026, 1, 1)
        )
    return top, sub


def test_link_assign_tree_and_coverage(db, db_path, admin, capsys):
    top, sub = _world(db, db_path, capsys)
    code, out = _run(
        db_path, capsys, "assign", "--building", "幸福里小区3号楼", "--grid", sub.code, "--on", D1
    )
    assert code == 0
    assert out == [f"幸福里小区3号楼 自 2026-01-01 起划入 东片 [{sub.code}]（1 处场所）"]

    code, out = _run(db_path, capsys, "tree", "--on", D1)
    assert code == 0
    assert out == [
        "幸福社区居民委员会  户数 7  人数 14  重点关爱 0  网格员 1",
        f"  第一网格 [{top.code}]  户数 2  人数 4  重点关爱 0  网格员 1",
        f"    东片 [{sub.code}]  户数 2  人数 4  重点关爱 0  网格员 1",
        "  未划分  楼栋/门牌 4  户数 5  人数 10  重点关爱 0",
    ]

    code, out = _run(db_path, capsys, "coverage", "--on", D1)
    assert code == 1
    assert out == [
        "未划分网格的楼栋和门牌号：4",
        "  前进村第一村民小组12号  门牌号  1 户",
        "  前进村第一村民小组15号  门牌号  1 户",
        "  和平家园1号楼  楼栋  1 户",
        "  幸福里小区12号楼  楼栋  1 户",
        "未划分网格的户：5（其中地址无法对应楼栋或门牌号的 1 户）",
        "没有专职网格员的网格：0",
    ]


def test_assign_by_place_id_and_an_unknown_grid(db, db_path, admin, capsys):
    _top, sub = _world(db, db_path, capsys)
    with db.connect() as conn:
        place_id = conn.exec_driver_sql(
            "SELECT id FROM place WHERE address = '和平家园1号楼'"
        ).scalar()
    code, out = _run(db_path, capsys, "assign", "--building", place_id, "--grid", sub.id)
    assert code == 0 and "和平家园1号楼" in out[0]
    code = main(
        [
            "grids",
            "assign",
            "--db",
            str(db_path),
            "--user",
            "admin",
            "--building",
            place_id,
            "--grid",
            "999",
        ]
    )
    assert code == 2
    assert "找不到网格“999”" in capsys.readouterr().err


def test_coverage_exits_0_when_everything_is_covered(db, db_path, admin, capsys):
    code, out = _run(db_path, capsys, "coverage")
    assert code == 0
    assert out[0] == "未划分网格的楼栋和门牌号：0"


def test_staff_add_post_list_and_end_post(db, db_path, admin, capsys):
    _top, sub = _world(db, db_path, capsys)
    code, out = _staff(db_path, capsys, "add", "--name", "李强", "--phone", "13912345678")
    assert code == 0 and out[0].startswith("已添加网格人员 李强（编号 ")
    code, out = _staff(
        db_path,
        capsys,
        "post",
        "--staff",
        "李强",
        "--grid",
        sub.code,
        "--role",
        "楼栋长",
        "--on",
        D1,
    )
    assert code == 0
    assert out[0].startswith(f"李强 自 2026-01-01 起任 东片 [{sub.code}] 楼栋长（岗位编号 ")
    post_id = out[0].rsplit(" ", 1)[1].rstrip("）")

    code, out = _staff(db_path, capsys, "list", "--grid", sub.code, "--on", D1)
    assert code == 0
    assert out[0] == "网格,网格编码,姓名,岗位,电话,起始日期,结束日期,岗位编号"
    rows = [line.split(",") for line in out[1:]]
    assert [(r[2], r[3]) for r in rows] == [("王芳", "专职网格员"), ("李强", "楼栋长")]
    li = rows[1]
    assert li[4] != "13912345678" and li[4].startswith("139")  # masked
    assert (li[5], li[6], li[7]) == (D1, "", post_id)

    code, out = _staff(db_path, capsys, "end-post", "--post", post_id, "--on", "2026-03-01")
    assert code == 0 and out == ["李强 的岗位自 2026-03-01 起结束"]
    code, out = _staff(db_path, capsys, "list", "--grid", sub.code, "--on", "2026-03-01")
    assert [line.split(",")[2] for line in out[1:]] == ["王芳"]
    code, out = _staff(db_path, capsys, "list", "--grid", sub.code, "--all")
    assert sorted(line.split(",")[6] for line in out[1:]) == ["", "2026-03-01"]


def test_staff_post_refuses_an_ambiguous_name(db, db_path, admin, capsys):
    _top, sub = _world(db, db_path, capsys)
    with db.session() as s:
        grid_staff.add_staff(s, name="王芳")
    code, out = _staff(
        db_path,
        capsys,
        "post",
        "--staff",
        "王芳",
        "--grid",
        sub.code,
        "--role",
        "full_time",
    )
    assert code == 2 and out == []


def test_due_lists_households_with_a_care_category_as_csv(db, db_path, admin, capsys):
    from govdesk.services import registry, visits

    top, sub = _world(db, db_path, capsys)
    _run(db_path, capsys, "assign", "--building", "幸福里小区3号楼", "--grid", sub.code, "--on", D1)
    with db.session() as s:
        hh = registry.find_household(s, household_number="H0001")
        head = registry.household_head(s, household_id=hh.id)
        registry.set_care_categories(
            s, person_id=head.id, category_codes=["elderly_alone"], today=dt.date(2026, 1, 1)
        )
        visits.set_visit_rule(s, category_code="elderly_alone", interval_days=7)
    code, out = _run(db_path, capsys, "due", "--grid", top.code, "--today", "2026-02-01")
    assert code == 0
    assert out[0] == "户号,地址,户主,网格,关爱类别,走访周期（天）,上次走访,应走访日期,逾期天数"
    assert len(out) == 2
    row = out[1].split(",")
    assert row[:2] == ["H0001", "幸福里小区3号楼2单元301室"]
    assert row[3] == sub.code and row[5] == "7"
    code, out = _run(db_path, capsys, "due", "--staff", "王芳", "--today", "2026-02-01")
    assert code == 0 and [line.split(",")[0] for line in out[1:]] == ["H0001"]


def test_ledgers_writes_the_three_sheets(db, db_path, admin, capsys, tmp_path):
    from python_calamine import CalamineWorkbook

    from govdesk.services import grid_events

    _world(db, db_path, capsys)
    with db.session() as s:
        grid_events.report_event(
            s,
            category="环境卫生",
            description="垃圾未清运",
            reported_at=dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC),
        )
    out_file = tmp_path / "台账.xlsx"
    code, out = _run(
        db_path,
        capsys,
        "ledgers",
        "--start",
        "2026-03-01",
        "--end",
        "2026-03-31",
        "--out",
        str(out_file),
    )
    assert code == 0 and out == [f"已导出台账：{out_file}"]
    wb = CalamineWorkbook.from_path(str(out_file))
    assert wb.sheet_names == ["问题清单", "交办清单", "考核清单"]
    problems = wb.get_sheet_by_name("问题清单").to_python()
    assert problems[2][2:4] == ["环境卫生", "垃圾未清运"]


def test_link_relink_moves_a_household_whose_address_changed(db, db_path, admin, capsys):
    from govdesk.domain.models import Household
    from govdesk.services import registry

    _world(db, db_path, capsys)
    with db.session() as s:
        hh = registry.find_household(s, household_number="H0001")
        hh.address = "幸福里小区9号楼1单元101室"
        s.add(hh)
        hid = hh.id
    code, out = _run(db_path, capsys, "link", "--relink")
    assert code == 0
    assert out[0] == "新关联 0 户，原已关联 5 户，新建场所 1 处，地址无法识别 1 户"
    assert out[1] == "地址已变的：改关联 1 户，取消关联 0 户"
    with db.session() as s:
        assert s.get(Household, hid).place_id is not None
    with db.connect() as conn:
        address = conn.exec_driver_sql(
            "SELECT p.address FROM place p JOIN household h ON h.place_id = p.id WHERE h.id = ?",
            (hid,),
        ).scalar()
    assert address == "幸福里小区9号楼"


def test_roles_rename_switch_off_and_refuse_bad_labels(db, db_path, admin, capsys):
    _top, sub = _world(db, db_path, capsys)
    code, out = _run(db_path, capsys, "roles")
    assert code == 0
    assert out[0] == "岗位编码,岗位名称,内置名称,状态"
    assert out[2] == "full_time,专职网格员,专职网格员,启用"
    assert len(out) == 9

    code, out = _run(
        db_path, capsys, "roles", "--set", "full_time=专职社工网格员", "--disable", "mediator"
    )
    assert code == 0
    assert out[2] == "full_time,专职社工网格员,专职网格员,启用"
    assert out[7] == "mediator,调解员,调解员,停用"
    # The staff list shows the new label; the old one still names the role when posting.
    code, out = _staff(db_path, capsys, "list", "--grid", sub.code, "--on", D1)
    assert [line.split(",")[3] for line in out[1:]] == ["专职社工网格员"]
    argv = ["post", "--staff", "王芳", "--grid", sub.code, "--role", "调解员"]
    code = main(["grids", "staff", argv[0], "--db", str(db_path), "--user", "admin", *argv[1:]])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "岗位“调解员”已停用" in captured.err

    code = main(
        ["grids", "roles", "--db", str(db_path), "--user", "admin"]
        + ["--enable", "mediator", "--set", "grid_leader="]
    )
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "岗位“网格长”的名称不能为空" in captured.err
    assert grid_staff.role_labels(db)["grid_leader"] == "网格长"
    code, out = _run(db_path, capsys, "roles", "--enable", "mediator")
    assert code == 0 and out[7] == "mediator,调解员,调解员,启用"
    code, out = _run(db_path, capsys, "roles", "--set", "full_time")
    assert code == 2 and out == []


def test_numbering_width_is_shown_and_set(db, db_path, admin, capsys):
    code, out = _run(db_path, capsys, "numbering")
    assert (code, out) == (0, ["2"])
    code, out = _run(db_path, capsys, "numbering", "--width", "3")
    assert (code, out) == (0, ["3"])
    with db.session() as s:
        made = grids.create_grid(s, name="第一网格")
    assert made.code.endswith("001")
