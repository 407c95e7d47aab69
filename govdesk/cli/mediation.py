"""`govdesk mediation list|stats`: the case list as CSV and the statistics as xlsx, as the tab shows them.

Signed in as --user (cli.open_db): both need the mediation view permission. The list comes
from the tab's own CaseList and shows the parties' names only, which every role that sees
cases may see.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path

from govdesk.cli import bilingual, open_db
from govdesk.domain import mediation as rules
from govdesk.domain.mediation import DeadlineKind
from govdesk.domain.messages import DomainError, Issue
from govdesk.services import mediation_stats
from govdesk.services.mediation_list import CaseList
from govdesk.services.residents_export import escape

HEADER = (
    "案号",
    "状态",
    "纠纷类型",
    "风险等级",
    "当事人",
    "登记日期",
    "受理日期",
    "期限",
    "期限类型",
)
_DEADLINE_KINDS = {
    DeadlineKind.HANDLING: "调解期限",
    DeadlineKind.CONFIRMATION: "司法确认申请期限",
}
OVERDUE = "已逾期"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("mediation", help="mediation cases: list them, export statistics")
    actions = p.add_subparsers(dest="mediation_command", metavar="ACTION", required=True)

    ls = actions.add_parser("list", parents=[common], help="the cases as CSV on stdout")
    ls.add_argument(
        "--status", metavar="S", help="only cases in this state (code or 中文, e.g. 调解中)"
    )
    ls.add_argument(
        "--due-within",
        metavar="N",
        type=int,
        help="only cases with a deadline within N days (overdue ones too)",
    )
    ls.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    ls.set_defaults(func=run_list)

    st = actions.add_parser("stats", parents=[common], help="monthly statistics to an xlsx file")
    st.add_argument("--year", type=int, required=True)
    st.add_argument("--month", type=int, help="one month (1-12); the whole year when left out")
    st.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    st.set_defaults(func=run_stats)


def _state(value: str | None) -> str | None:
    if value is None:
        return None
    code = rules.CASE_STATES.parse(value)
    if code is None:
        raise DomainError(
            Issue("status", "mediation.unknown_code", {"value": value, "field": "状态/status"})
        )
    return code


def _deadline_cells(due: rules.Deadline | None) -> list[str]:
    if due is None:
        return ["", ""]
    text = due.due.isoformat() + (f" {OVERDUE}" if due.overdue else "")
    return [text, _DEADLINE_KINDS[due.kind]]


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def run_list(args: argparse.Namespace) -> int:
    state = _state(args.status)
    today = args.today or dt.date.today()
    db = open_db(args)
    try:
        rows = CaseList(db).rows(state=state, today=today)
    finally:
        db.close()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        # The nearest deadline passes first, so it alone decides "within N days".
        if args.due_within is not None and (
            row.deadline is None or row.deadline.days_left > args.due_within
        ):
            continue
        writer.writerow(
            [
                escape(row.number or ""),
                rules.CASE_STATES.zh(row.state),
                rules.DISPUTE_TYPES.zh(row.dispute_type),
                rules.RISK_GRADES.zh(row.risk),
                escape(row.party_names),
                _date(row.registered_on),
                _date(row.accepted_on),
                *_deadline_cells(row.deadline),
            ]
        )
    return 0


def run_stats(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        out = mediation_stats.export_stats_xlsx(db, year=args.year, month=args.month, out=args.out)
        with db.session() as s:
            figures = mediation_stats.monthly_stats(s, args.year, args.month)
    finally:
        db.close()
    when = bilingual(
        f"{args.year}年{args.month}月" if args.month else f"{args.year}年",
        f"{args.year}-{args.month:02d}" if args.month else str(args.year),
    )
    rates = (
        mediation_stats.rate_text(figures.handling_rate),
        mediation_stats.rate_text(figures.success_rate),
    )
    print(
        bilingual(
            f"{when}：受理{figures.accepted}件，调解成功{figures.settled}件，"
            f"调解不成{figures.failed}件，终止{figures.terminated}件；"
            f"调处率{rates[0]}，调解成功率{rates[1]}",
            f"{when}: accepted {figures.accepted}, settled {figures.settled}, "
            f"failed {figures.failed}, terminated {figures.terminated}; "
            f"handling rate {rates[0]}, success rate {rates[1]}",
        )
    )
    print(bilingual(f"已导出：{out}", f"exported: {out}"))
    return 0
