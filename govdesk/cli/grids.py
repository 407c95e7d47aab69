"""`govdesk grids tree|assign|coverage|link|due|ledgers|staff|roles|numbering`: the grid work from the command line.

Signed in as --user (cli.open_db), through the same services as the 网格管理 tab: reading
needs the grid view permission, `assign`, `link` and the staff changes the grid edit permission.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path

from govdesk.cli import bilingual, open_db, terminal_progress
from govdesk.domain import grids as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.services import grid_codes, grid_ledgers, grid_staff, grids, places, visits
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
    link.add_argument(
        "--relink",
        action="store_true",
        help="also move households whose address now names another place (or none)",
    )
    link.set_defaults(func=run_link)

    due = actions.add_parser(
        "due", parents=[common], help="the households due for a visit, as CSV on stdout"
    )
    due.add_argument("--staff", metavar="NAME|ID", help="only the grids this worker serves")
    due.add_argument("--grid", metavar="CODE", help="only this grid and its sub-grids")
    due.add_argument("--today", type=dt.date.fromisoformat, help="the day (default: today)")
    due.set_defaults(func=run_due)

    ledgers = actions.add_parser(
        "ledgers", parents=[common], help="the three grid event ledgers as one .xlsx file"
    )
    ledgers.add_argument("--start", type=dt.date.fromisoformat, required=True)
    ledgers.add_argument("--end", type=dt.date.fromisoformat, required=True)
    ledgers.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    ledgers.set_defaults(func=run_ledgers)

    _register_staff(actions, common)

    roles = actions.add_parser(
        "roles",
        parents=[common],
        help="the office's names for the staff roles; rename or switch roles off (administrator)",
    )
    roles.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="CODE=LABEL",
        help="rename a role (repeatable), e.g. full_time=专职社工网格员; the built-in name resets it",
    )
    roles.add_argument(
        "--disable", action="append", default=[], metavar="CODE", help="switch a role off"
    )
    roles.add_argument(
        "--enable", action="append", default=[], metavar="CODE", help="switch a role on again"
    )
    roles.set_defaults(func=run_roles)

    numbering = actions.add_parser(
        "numbering",
        parents=[common],
        help="how many digits new grids' numbers take in their codes: 2 (01) or 3 (001)",
    )
    numbering.add_argument(
        "--width", type=int, choices=rules.NUMBER_WIDTHS, help="set it (administrator)"
    )
    numbering.set_defaults(func=run_numbering)


def _register_staff(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    staff = actions.add_parser("staff", help="grid staff and their posts")
    acts = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)

    lst = acts.add_parser("list", parents=[common], help="the posts holding on a day")
    lst.add_argument("--grid", metavar="CODE", help="only this grid")
    lst.add_argument("--on", type=dt.date.fromisoformat, help="the day (default: today)")
    lst.add_argument("--all", action="store_true", help="every post ever, ended ones too")
    lst.set_defaults(func=run_staff_list)

    add = acts.add_parser("add", parents=[common], help="add a staff member")
    add.add_argument("--name", default="", help="the name (taken from the register if empty)")
    add.add_argument("--phone", help="the phone number")
    add.add_argument("--resident", metavar="ID", help="the resident's id, when on the register")
    add.add_argument("--note", default="")
    add.set_defaults(func=run_staff_add)

    post = acts.add_parser("post", parents=[common], help="give a staff member a post in a grid")
    post.add_argument("--staff", required=True, metavar="NAME|ID")
    post.add_argument("--grid", required=True, metavar="CODE")
    post.add_argument(
        "--role", required=True, help="the role: its code (full_time) or label (专职网格员)"
    )
    post.add_argument("--on", type=dt.date.fromisoformat, help="from this day (default: today)")
    post.set_defaults(func=run_staff_post)

    end = acts.add_parser("end-post", parents=[common], help="end a post")
    end.add_argument("--post", required=True, metavar="ID", help="the post's id (see list)")
    end.add_argument(
        "--on", type=dt.date.fromisoformat, help="first day it no longer holds (default: today)"
    )
    end.set_defaults(func=run_staff_end)


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
            result = places.link_households(s, relink=args.relink, progress=terminal_progress())
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
    if args.relink:
        print(
            bilingual(
                f"地址已变的：改关联 {result.moved} 户，取消关联 {result.unlinked} 户",
                f"Addresses changed: {result.moved} households moved to another place, "
                f"{result.unlinked} unlinked",
            )
        )
    for address in result.unparsed_examples:
        print(f"{INDENT}{address or bilingual('（空）', '(empty)')}")
    return 0


ROLE_HEADINGS = ("岗位编码", "岗位名称", "内置名称", "状态")


def run_roles(args: argparse.Namespace) -> int:
    """Prints every role (code, the office's label, the built-in name, on/off) after applying
    --set/--disable/--enable in one change."""
    labels: dict[str, str] = {}
    for item in args.set:
        code, sep, label = item.partition("=")
        if not sep:
            return _fail(
                _CliError(
                    bilingual(
                        f"“{item}”应写成 编码=名称，例如 full_time=专职社工网格员",
                        f"'{item}' should read CODE=LABEL, e.g. full_time=专职社工网格员",
                    )
                )
            )
        labels[code.strip()] = label
    db = open_db(args)
    try:
        with db.session() as s:
            current = grid_staff.role_settings(s)
            if labels or args.disable or args.enable:
                enable = {c.strip() for c in args.enable}
                disabled = (set(current.disabled) | {c.strip() for c in args.disable}) - enable
                unknown = sorted(c for c in enable if c not in rules.STAFF_ROLES)
                if unknown:
                    raise DomainError(
                        [Issue(c, "grids.unknown_role", {"value": c}) for c in unknown]
                    )
                current = grid_staff.set_role_labels(s, labels, disabled)
    finally:
        db.close()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(ROLE_HEADINGS)
    on, off = bilingual("启用", "on"), bilingual("停用", "off")
    for c in rules.STAFF_ROLES:
        state = off if c.code in current.disabled else on
        writer.writerow([c.code, current.label(c.code), c.zh, state])
    return 0


def run_numbering(args: argparse.Namespace) -> int:
    """Prints the width of new grid numbers, after setting it with --width."""
    db = open_db(args)
    try:
        with db.session() as s:
            if args.width is not None:
                grid_codes.set_number_width(s, args.width)
            width = grid_codes.number_width(s)
    finally:
        db.close()
    print(width)
    return 0


class _CliError(Exception):
    """A command-line mistake the services do not know about (an ambiguous name)."""


def _grid_by_code(session, code: str):  # noqa: ANN001, ANN202
    grid = grids.find_grid(session, code)
    if grid is None:
        raise DomainError(Issue("grid", "grids.no_grid", {"grid": code}))
    return grid


def _staff_by_key(session, key: str):  # noqa: ANN001, ANN202
    """A staff member by id, else by exact name; two people of that name must be told apart."""
    key = key.strip()
    members = grid_staff.staff_members(session)
    for member in members:
        if member.id == key:
            return member
    named = [m for m in members if m.name == key]
    if not named:
        raise DomainError(Issue("staff", "grids.no_staff"))
    if len(named) > 1:
        ids = ", ".join(m.id for m in named)
        raise _CliError(
            bilingual(
                f"有 {len(named)} 名网格人员叫“{key}”，请用编号：{ids}",
                f"{len(named)} staff members are called '{key}': give the id: {ids}",
            )
        )
    return named[0]


def _fail(error: _CliError) -> int:
    print(str(error), file=sys.stderr)
    return 2


DUE_HEADINGS = (
    "户号",
    "地址",
    "户主",
    "网格",
    "关爱类别",
    "走访周期（天）",
    "上次走访",
    "应走访日期",
    "逾期天数",
)


def run_due(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    db = open_db(args)
    try:
        with db.session() as s:
            staff_id = _staff_by_key(s, args.staff).id if args.staff else None
            grid_id = _grid_by_code(s, args.grid).id if args.grid else None
            rows = visits.due_visits(s, today=today, staff_id=staff_id, grid_id=grid_id)
            codes = {g.id: g.code for g in grids.grids(s, include_retired=True)}
    except _CliError as error:
        return _fail(error)
    finally:
        db.close()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(DUE_HEADINGS)
    for row in rows:
        writer.writerow(
            [
                row.household_number,
                row.address,
                row.head_name,
                codes.get(row.grid_id or "", ""),
                "、".join(row.categories),
                row.interval_days,
                row.last_visited_on.isoformat() if row.last_visited_on else "",
                row.due_on.isoformat() if row.due_on else "",
                "" if row.days_overdue is None else row.days_overdue,
            ]
        )
    return 0


def run_ledgers(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        out = grid_ledgers.export_ledgers_xlsx(db, start=args.start, end=args.end, out=args.out)
    finally:
        db.close()
    print(bilingual(f"已导出台账：{out}", f"Ledgers written to {out}"))
    return 0


STAFF_HEADINGS = ("网格", "网格编码", "姓名", "岗位", "电话", "起始日期", "结束日期", "岗位编号")


def run_staff_list(args: argparse.Namespace) -> int:
    on = None if args.all else (args.on or dt.date.today())
    db = open_db(args)
    try:
        with db.session() as s:
            grid_id = _grid_by_code(s, args.grid).id if args.grid else None
            rows = grid_staff.post_views(s, grid_id, on)
    finally:
        db.close()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(STAFF_HEADINGS)
    for v in rows:
        writer.writerow(
            [
                v.grid_name,
                v.grid_code,
                v.name,
                v.role_label,
                v.phone,
                v.start_on.isoformat(),
                v.end_on.isoformat() if v.end_on else "",
                v.post_id,
            ]
        )
    return 0


def run_staff_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            staff = grid_staff.add_staff(
                s, name=args.name, phone=args.phone, resident_id=args.resident, note=args.note
            )
            name, staff_id = staff.name, staff.id
    finally:
        db.close()
    print(bilingual(f"已添加网格人员 {name}（编号 {staff_id}）", f"Added {name} (id {staff_id})"))
    return 0


def run_staff_post(args: argparse.Namespace) -> int:
    on = args.on or dt.date.today()
    db = open_db(args)
    try:
        with db.session() as s:
            staff = _staff_by_key(s, args.staff)
            grid = _grid_by_code(s, args.grid)
            post = grid_staff.add_post(
                s, staff_id=staff.id, grid_id=grid.id, role=args.role, start_on=on
            )
            role = grid_staff.role_settings(s).label(post.role)
            text_zh = (
                f"{staff.name} 自 {on.isoformat()} 起任 {grid.name} [{grid.code}] {role}"
                f"（岗位编号 {post.id}）"
            )
            text_en = (
                f"{staff.name} is {role} of {grid.name} [{grid.code}] from {on.isoformat()} "
                f"(post id {post.id})"
            )
    except _CliError as error:
        return _fail(error)
    finally:
        db.close()
    print(bilingual(text_zh, text_en))
    return 0


def run_staff_end(args: argparse.Namespace) -> int:
    on = args.on or dt.date.today()
    db = open_db(args)
    try:
        with db.session() as s:
            post = grid_staff.end_post(s, args.post, on=on)
            staff = grid_staff.get_staff(s, post.staff_id)
            name = staff.name
    finally:
        db.close()
    print(
        bilingual(
            f"{name} 的岗位自 {on.isoformat()} 起结束",
            f"{name}'s post no longer holds from {on.isoformat()}",
        )
    )
    return 0
