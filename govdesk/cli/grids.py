"""`govdesk grids tree|assign|coverage|link`: the grid tree with counts, assigning a building, coverage.

Signed in as --user (cli.open_db), through the same services as the 网格管理 tab: reading
needs the grid view permission, `assign` and `link` the grid edit permission.
"""

from __future__ import annotations

import argparse
import datetime as dt

from govdesk.cli import bilingual, open_db, terminal_progress
from govdesk.domain import grids as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.services import grid_staff, grids, places
from govdesk.services.grid_tree import GridNode, GridTree
from govdesk.services.office import current_office

INDENT = "  "


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("grids", help="grids: the tree with counts, assignment, coverage")
    actions = p.add_subparsers(dest="grids_command", metavar="ACTION", required=True)

    tree = actions.add_parser("tree", parents=[common], help="the grid tree with counts")
    tree.add_argument("--on", type=dt.date.fromisoformat, help="the day (default: today)")
    tree.add_argument("--retired", action="store_true", help="also list retired grids")
    tree.set_defaults(func=run_tree)

    assign = actions.add_parser(
        "assign", parents=[common], help="assign a building (or compound, house) to a grid"
    )
    assign.add_argument(
        "--building", required=True, metavar="ID", help="the place's id or its address"
    )
    assign.add_argument("--grid", required=True, metavar="CODE", help="the grid's code (or id)")
    assign.add_argument("--on", type=dt.date.fromisoformat, help="from this day (default: today)")
    assign.set_defaults(func=run_assign)

    cov = actions.add_parser(
        "coverage",
        parents=[common],
        help="unassigned buildings and households, grids without a full-time worker "
        "(exit 1 when any)",
    )
    cov.add_argument("--on", type=dt.date.fromisoformat, help="the day (default: today)")
    cov.set_defaults(func=run_coverage)

    link = actions.add_parser(
        "link", parents=[common], help="link households to buildings and houses by address"
    )
    link.set_defaults(func=run_link)


def _counts(node: GridNode) -> str:
    parts = [
        bilingual(f"户数 {node.households}", f"households {node.households}"),
        bilingual(f"人数 {node.residents}", f"residents {node.residents}"),
    ]
    if node.care is not None:
        parts.append(bilingual(f"重点关爱 {node.care}", f"special care {node.care}"))
    if not node.unassigned:
        parts.append(bilingual(f"网格员 {node.staff}", f"staff {node.staff}"))
    return "  ".join(parts)


def tree_lines(nodes: list[GridNode], office_name: str) -> list[str]:
    """The community on the first line, then one indented line per grid, the unassigned last."""
    grid_nodes = [n for n in nodes if not n.unassigned]
    top = [n for n in grid_nodes if n.parent_id is None]
    u = nodes[-1]
    # The community's line: its top grids' totals (already rolled up) plus the unassigned.
    total = GridNode(
        id="",
        parent_id=None,
        code="",
        name=office_name,
        households=sum(n.households for n in top) + u.households,
        residents=sum(n.residents for n in top) + u.residents,
        care=None if u.care is None else sum(n.care or 0 for n in top) + u.care,
        staff=sum(n.staff for n in top),
    )
    lines = [f"{office_name}  {_counts(total)}"]
    for node in grid_nodes:
        retired = bilingual("（已撤销）", " (retired)") if node.retired else ""
        lines.append(
            f"{INDENT * (node.depth + 1)}{node.name}{retired} [{node.code}]  {_counts(node)}"
        )
    places_text = bilingual(f"楼栋/门牌 {u.places}", f"buildings/houses {u.places}")
    lines.append(f"{INDENT}{bilingual('未划分', 'Unassigned')}  {places_text}  {_counts(u)}")
    return lines


def run_tree(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        nodes = GridTree(db).load(args.on, include_retired=args.retired)
        with db.session() as s:
            office_name = current_office(s).name
    finally:
        db.close()
    for line in tree_lines(nodes, office_name):
        print(line)
    return 0


def run_assign(args: argparse.Namespace) -> int:
    on = args.on or dt.date.today()
    db = open_db(args)
    try:
        with db.session() as s:
            place = places.find_place(s, args.building)
            if place is None:
                raise DomainError(Issue("building", "grids.no_place"))
            grid = grids.find_grid(s, args.grid)
            if grid is None:
                raise DomainError(Issue("grid", "grids.no_grid", {"grid": args.grid}))
            result = grids.assign_places(s, place_ids=[place.id], grid_id=grid.id, on=on)
            address, name, code = place.address, grid.name, grid.code
    finally:
        db.close()
    if result.moved:
        print(
            bilingual(
                f"{address} 自 {on.isoformat()} 起划入 {name} [{code}]（{result.moved} 处场所）",
                f"{address} belongs to {name} [{code}] from {on.isoformat()} "
                f"({result.moved} places)",
            )
        )
    else:
        print(bilingual(f"{address} 已在 {name} [{code}]", f"{address} is already in {name}"))
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    on = args.on or dt.date.today()
    db = open_db(args)
    try:
        with db.session() as s:
            report = grid_staff.coverage(s, on)
            lacking = [(g.name, g.code) for g in report.grids_without_full_time]
    finally:
        db.close()
    print(
        bilingual(
            f"未划分网格的楼栋和门牌号：{len(report.unassigned_places)}",
            f"Buildings and houses in no grid: {len(report.unassigned_places)}",
        )
    )
    for place in report.unassigned_places:
        kind = rules.PLACE_KINDS.label(place.kind)
        print(
            f"{INDENT}{place.address}  {kind}  "
            + bilingual(f"{place.households} 户", f"{place.households} households")
        )
    print(
        bilingual(
            f"未划分网格的户：{report.unassigned_households}"
            f"（其中地址无法对应楼栋或门牌号的 {report.unlinked_households} 户）",
            f"Households in no grid: {report.unassigned_households} "
            f"({report.unlinked_households} of them with an address that names no building "
            "or house)",
        )
    )
    print(
        bilingual(
            f"没有专职网格员的网格：{len(lacking)}",
            f"Grids without a full-time worker: {len(lacking)}",
        )
    )
    for name, code in lacking:
        print(f"{INDENT}{name} [{code}]")
    return 0 if report.complete else 1


def run_link(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            result = places.link_households(s, progress=terminal_progress())
    finally:
        db.close()
    print(
        bilingual(
            f"新关联 {result.linked} 户，原已关联 {result.already} 户，"
            f"新建场所 {result.places_created} 处，地址无法识别 {result.unparsed} 户",
            f"Linked {result.linked} households ({result.already} already linked), "
            f"made {result.places_created} places; {result.unparsed} addresses not understood",
        )
    )
    for address in result.unparsed_examples:
        print(f"{INDENT}{address or bilingual('（空）', '(empty)')}")
    return 0
