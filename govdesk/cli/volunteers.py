"""`govdesk volunteers hours|list|orders|columns`: volunteer work from the command line.

Signed in as --user (cli.open_db), through the same services as the 志愿服务 tab: the list
and the orders need the volunteer view permission, the export too (ID numbers and phones in
full only with IDENTITY_REVEAL), the column choice the settings permission.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path

from govdesk.cli import bilingual, open_db
from govdesk.domain import volunteers as rules
from govdesk.services import volunteer_export, volunteer_orders
from govdesk.services.residents_export import escape
from govdesk.services.volunteer_list import VolunteerFilter, VolunteerList

PAGE = 1000


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("volunteers", help="volunteers: hours export, the list, open orders")
    actions = p.add_subparsers(dest="volunteers_command", metavar="ACTION", required=True)

    hours = actions.add_parser(
        "hours",
        parents=[common],
        help="export confirmed service hours to .xlsx or .csv (for the volunteer platform)",
    )
    hours.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD")
    hours.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    hours.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    hours.add_argument(
        "--columns",
        metavar="CODE,CODE",
        help="these columns in this order (default: the office's choice; see `columns`)",
    )
    hours.set_defaults(func=run_hours)

    lst = actions.add_parser(
        "list", parents=[common], help="volunteers with confirmed hours and stars, as CSV"
    )
    lst.add_argument("--search", default="", help="name, pinyin, number, phone or ID tail")
    lst.add_argument("--status", help="active, paused, left (default: all)")
    lst.add_argument(
        "--sort", choices=sorted(("number", "name", "hours", "joined")), default="number"
    )
    lst.add_argument("--desc", action="store_true", help="largest first")
    lst.set_defaults(func=run_list)

    orders = actions.add_parser(
        "orders", parents=[common], help="the open service orders with their age, as CSV"
    )
    orders.add_argument("--all", action="store_true", help="every order, done and cancelled too")
    orders.set_defaults(func=run_orders)

    cols = actions.add_parser(
        "columns",
        parents=[common],
        help="the export's column catalogue and the office's choice; --set changes it",
    )
    cols.add_argument("--set", metavar="CODE,CODE", help="save this ordered choice (administrator)")
    cols.set_defaults(func=run_columns)


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def run_hours(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        written = volunteer_export.export_hours(
            db, start=args.start, end=args.end, out=args.out, columns=_codes(args.columns)
        )
    finally:
        db.close()
    print(
        bilingual(
            f"已导出 {written} 条时长记录：{args.out}", f"Exported {written} lines: {args.out}"
        )
    )
    return 0


LIST_HEADER = [
    "编号",
    "姓名",
    "性别",
    "状态",
    "技能",
    "所属队伍",
    "服务时长（小时）",
    "星级",
    "双报到",
]


def run_list(args: argparse.Namespace) -> int:
    status = rules.VOLUNTEER_STATUS.parse(args.status) if args.status else None
    filt = VolunteerFilter(text=args.search, status=status or args.status)
    db = open_db(args)
    try:
        listing = VolunteerList(db)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(LIST_HEADER)
        after = None
        while True:
            page = listing.page(filt, sort=args.sort, descending=args.desc, after=after, limit=PAGE)
            if not page:
                break
            rows = listing.rows([volunteer_id for _, volunteer_id in page])
            for _, volunteer_id in page:
                r = rows[volunteer_id]
                writer.writerow(
                    [
                        r["number"],
                        escape(r["name"]),
                        r["sex_label"],
                        r["status_label"],
                        escape(r["skill_labels"]),
                        escape(r["teams"]),
                        r["hours"],
                        rules.stars_text(r["stars"], full=False),
                        "是" if r["dual_report"] else "",
                    ]
                )
            after = page[-1]
    finally:
        db.close()
    return 0


ORDER_HEADER = ["编号", "状态", "点单人", "服务需求", "技能", "期望时间", "地点", "志愿者", "天数"]


def run_orders(args: argparse.Namespace) -> int:
    from govdesk.services.volunteers import skill_settings

    now = dt.datetime.now(dt.UTC)
    db = open_db(args)
    try:
        rows = (
            volunteer_orders.orders(db, now=now)
            if args.all
            else volunteer_orders.open_orders(db, now)
        )
        skills = skill_settings(db)
    finally:
        db.close()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(ORDER_HEADER)
    for row in rows:
        o = row.order
        wanted = " ".join(
            x for x in (o.wanted_on.isoformat() if o.wanted_on else "", o.wanted_time) if x
        )
        writer.writerow(
            [
                o.number,
                rules.ORDER_STATES.zh(o.state),
                escape(o.requester),
                escape(o.need),
                skills.zh(o.skill),
                escape(wanted),
                escape(o.place),
                escape(row.volunteer_name),
                row.age_days,
            ]
        )
    return 0


def run_columns(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.set is not None:
            with db.session() as session:
                volunteer_export.set_export_columns(session, _codes(args.set) or [])
        chosen = volunteer_export.export_columns(db)
    finally:
        db.close()
    for column in volunteer_export.EXPORT_COLUMNS:
        mark = f"{chosen.index(column.code) + 1:>2}" if column.code in chosen else " -"
        print(f"{mark}  {column.code:<14} {column.zh}")
    return 0
