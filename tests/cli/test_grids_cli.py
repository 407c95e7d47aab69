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
