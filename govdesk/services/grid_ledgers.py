"""The three grid-event ledgers: 问题清单, 交办清单, 考核清单, as rows and as one xlsx workbook.

- 问题清单 (problems): every event reported in the period.
- 交办清单 (dispatches): every event dispatched in the period, with department, deadline, state.
- 考核清单 (assessment): per department, of the events dispatched to it in the period: how many
  were dispatched, closed, closed on time (on or before the deadline), closed late, still open
  past the deadline on `as_of`, and the on-time rate = closed on time ÷ closed (empty when
  nothing was closed). docs/grid-events.md states the rule.

The period is `start`..`end`, both days included. Overdue is judged on `as_of` (default `end`):
a ledger of last month printed today says what was overdue at the end of last month.
Needs GRID_VIEW; the export is audited (AuditAction.EXPORT).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlmodel import Session

from govdesk.domain import grid_events as rules
from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.codes import Code, CodeList
from govdesk.domain.grid_events import EventState
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.grid_events import EventRow, query_events
from govdesk.services.residents_export import escape
from govdesk.store.database import Database

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

messages.register(
    {
        "ledger.unknown": ("“{value}”不是网格事件台账", "'{value}' is not a grid-event ledger"),
        "ledger.period": (
            "台账的结束日期不能早于开始日期",
            "The ledger's end date cannot be before its start date",
        ),
    }
)

PROBLEMS = "problems"
DISPATCHES = "dispatches"
ASSESSMENT = "assessment"

LEDGERS = CodeList(
    "grid_ledger",
    [
        Code(PROBLEMS, "问题清单", "Problems"),
        Code(DISPATCHES, "交办清单", "Dispatches"),
        Code(ASSESSMENT, "考核清单", "Assessment"),
    ],
)

_HEADINGS: dict[str, tuple[str, ...]] = {
    PROBLEMS: (
        "事件编号",
        "上报时间",
        "事件类别",
        "事件描述",
        "发生地点",
        "所属网格",
        "上报人",
        "状态",
        "交办部门",
        "办结日期",
        "是否超期",
    ),
    DISPATCHES: (
        "事件编号",
        "事件类别",
        "事件描述",
        "所属网格",
        "交办部门",
        "交办日期",
        "办理期限",
        "办理日期",
        "办理反馈",
        "办结日期",
        "状态",
        "是否超期",
    ),
    ASSESSMENT: (
        "交办部门",
        "交办件数",
        "办结件数",
        "按期办结",
        "超期办结",
        "未办结已超期",
        "按期办结率",
    ),
}


@dataclass(frozen=True)
class DepartmentScore:
    """One line of the 考核清单."""

    department: str
    dispatched: int
    closed: int
    closed_on_time: int
    closed_late: int
    open_overdue: int

    @property
    def on_time_rate(self) -> float | None:
        return rules.on_time_rate(self.closed, self.closed_on_time)


@dataclass(frozen=True)
class LedgerTable:
    ledger: str
    title: str  # 问题清单（2026-03-01至2026-03-31）
    headings: tuple[str, ...]
    rows: list[list[object]]  # str, int, date, datetime, float (a rate) or None
    overdue: list[bool]  # per row: highlight it (empty for the assessment)


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _local(at: dt.datetime) -> dt.datetime:
    """The office's wall-clock time, without a zone (spreadsheets keep none)."""
    return at.astimezone().replace(tzinfo=None, microsecond=0)


def _problem_row(e: EventRow) -> list[object]:
    return [
        e.number,
        _local(e.reported_at),
        e.category_label,
        e.description,
        e.location,
        e.grid_name,
        e.reporter,
        e.state_label,
        e.department or "",
        e.closed_on,
        _yes(e.overdue),
    ]


def _dispatch_row(e: EventRow) -> list[object]:
    return [
        e.number,
        e.category_label,
        e.description,
        e.grid_name,
        e.department or "",
        e.dispatched_on,
        e.due_on,
        e.handled_on,
        e.feedback or "",
        e.closed_on,
        e.state_label,
        _yes(e.overdue),
    ]


def department_scores(dispatched: list[EventRow]) -> list[DepartmentScore]:
    """The 考核清单 figures from the events dispatched in the period (their `overdue` flags
    already judged on the ledger's day), departments in the order of their first dispatch."""
    tally: dict[str, list[int]] = {}
    for e in dispatched:
        counts = tally.setdefault(e.department or "", [0, 0, 0, 0, 0])
        counts[0] += 1
        if e.state == EventState.CLOSED:
            counts[1] += 1
            if rules.closed_on_time(e.due_on, e.closed_on):
                counts[2] += 1
            else:
                counts[3] += 1
        elif e.state in rules.OPEN_DISPATCHED and e.overdue:
            counts[4] += 1
    return [DepartmentScore(d, *c) for d, c in tally.items()]


def _check(ledger: str, start: dt.date, end: dt.date) -> str:
    code = LEDGERS.parse(ledger)
    if code is None:
        raise DomainError(Issue("ledger", "ledger.unknown", {"value": ledger}))
    if end < start:
        raise DomainError(Issue("end", "ledger.period"))
    return code


def _reported_in(conn: Connection, start: dt.date, end: dt.date, as_of: dt.date) -> list[EventRow]:
    # Stored times are UTC: widen the window by a day each side, then keep the office's days.
    rows = query_events(
        conn,
        where="e.reported_at >= :lo AND e.reported_at < :hi",
        params={
            "lo": (start - dt.timedelta(days=1)).isoformat(),
            "hi": (end + dt.timedelta(days=2)).isoformat(),
        },
        today=as_of,
    )
    return [e for e in rows if start <= rules.local_day(e.reported_at) <= end]


def _dispatched_in(
    conn: Connection, start: dt.date, end: dt.date, as_of: dt.date
) -> list[EventRow]:
    rows = query_events(
        conn,
        where="e.dispatched_on >= :lo AND e.dispatched_on <= :hi",
        params={"lo": start.isoformat(), "hi": end.isoformat()},
        today=as_of,
    )
    return sorted(rows, key=lambda e: (e.dispatched_on or start, e.number))


def _table(
    conn: Connection, ledger: str, start: dt.date, end: dt.date, as_of: dt.date
) -> LedgerTable:
    title = f"{LEDGERS.zh(ledger)}（{start.isoformat()}至{end.isoformat()}）"
    if ledger == PROBLEMS:
        found = _reported_in(conn, start, end, as_of)
        rows = [_problem_row(e) for e in found]
        flags = [e.overdue for e in found]
    elif ledger == DISPATCHES:
        found = _dispatched_in(conn, start, end, as_of)
        rows = [_dispatch_row(e) for e in found]
        flags = [e.overdue for e in found]
    else:
        scores = department_scores(_dispatched_in(conn, start, end, as_of))
        rows = [
            [
                s.department,
                s.dispatched,
                s.closed,
                s.closed_on_time,
                s.closed_late,
                s.open_overdue,
                s.on_time_rate,
            ]
            for s in scores
        ]
        total = DepartmentScore(
            "合计",
            sum(s.dispatched for s in scores),
            sum(s.closed for s in scores),
            sum(s.closed_on_time for s in scores),
            sum(s.closed_late for s in scores),
            sum(s.open_overdue for s in scores),
        )
        rows.append(
            [
                total.department,
                total.dispatched,
                total.closed,
                total.closed_on_time,
                total.closed_late,
                total.open_overdue,
                total.on_time_rate,
            ]
        )
        flags = []
    return LedgerTable(ledger, title, _HEADINGS[ledger], rows, flags)


def ledger_rows(
    session: Session,
    ledger: str,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None = None,
) -> LedgerTable:
    """One ledger for the period, `ledger` a LEDGERS code or its Chinese name."""
    authz.require(session, Permission.GRID_VIEW)
    code = _check(ledger, start, end)
    return _table(session.connection(), code, start, end, as_of or end)


# -- xlsx ----------------------------------------------------------------------------------------

_WIDTHS = {
    "事件编号": 11,
    "上报时间": 17,
    "事件描述": 36,
    "办理反馈": 30,
    "发生地点": 18,
    "交办部门": 16,
}
_RATE_COLUMN = "按期办结率"


def _write_sheet(ws: Worksheet, table: LedgerTable) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    overdue_fill = PatternFill("solid", start_color="FFF4CCCC", end_color="FFF4CCCC")
    ws.append([table.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(table.headings))
    for cell in ws[2]:
        cell.font = bold
    rate_col = table.headings.index(_RATE_COLUMN) if _RATE_COLUMN in table.headings else None
    for index, values in enumerate(table.rows):
        ws.append([escape(v) if isinstance(v, str) else v for v in values])
        row_cells = ws[ws.max_row]
        for cell, value in zip(row_cells, values, strict=False):
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and len(value) > 20:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if rate_col is not None:
            row_cells[rate_col].number_format = "0.0%"
        if index < len(table.overdue) and table.overdue[index]:
            for cell in row_cells:
                cell.fill = overdue_fill
    if table.ledger == ASSESSMENT and table.rows:
        for cell in ws[ws.max_row]:
            cell.font = bold
    for col_index, heading in enumerate(table.headings, start=1):
        width = _WIDTHS.get(heading, 12)
        ws.column_dimensions[get_column_letter(col_index)].width = width
    ws.freeze_panes = "B3"


def export_ledgers_xlsx(
    db: Database,
    *,
    start: dt.date,
    end: dt.date,
    out: Path,
    as_of: dt.date | None = None,
) -> Path:
    """Writes the three ledgers to `out`, one sheet each (问题清单, 交办清单, 考核清单); overdue
    events are filled red. The file appears only when complete, after the audit entry."""
    from openpyxl import Workbook

    authz.require(db, Permission.GRID_VIEW)
    for code in LEDGERS:
        _check(code.code, start, end)
    with db.connect() as conn:
        tables = [_table(conn, c.code, start, end, as_of or end) for c in LEDGERS]
    wb = Workbook()
    first = wb.active
    assert first is not None
    for index, table in enumerate(tables):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = LEDGERS.zh(table.ledger)
        _write_sheet(ws, table)
    out = Path(out)
    partial = out.with_name(out.name + ".part")
    try:
        wb.save(partial)
        db.audit(
            AuditAction.EXPORT,
            record_type="grid_event",
            detail={
                "file": str(out),
                "format": "xlsx",
                "ledgers": [LEDGERS.zh(t.ledger) for t in tables],
                "start": start.isoformat(),
                "end": end.isoformat(),
                "rows": {LEDGERS.zh(t.ledger): len(t.rows) for t in tables},
            },
        )
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out
