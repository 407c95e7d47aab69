"""Monthly mediation statistics (accepted, settled, failed, by type and source, 调处率, 调解成功率) and their xlsx export.

Each figure counts the cases whose step fell within the period, by that step's own date
(docs/mediation.md): accepted by the acceptance date, settled by the agreement date, failed
and terminated by the closing date. Handled (调处) = settled + failed + terminated.
调处率 = handled ÷ accepted and 调解成功率 = settled ÷ handled, exactly as DOMAIN.md defines them;
a rate is None when its divisor is 0.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, or_, select

from govdesk.domain import mediation as rules
from govdesk.domain import messages
from govdesk.domain.mediation import CaseState
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import MediationCase
from govdesk.domain.permissions import Permission
from govdesk.services import authz, spreadsheet
from govdesk.store.database import Database

messages.register(
    {
        "stats.month": ("月份应为1至12", "The month must be 1 to 12"),
        "stats.year": ("年份应为1949至2200", "The year must be 1949 to 2200"),
    }
)

SETTLED, FAILED, TERMINATED = CaseState.SETTLED, CaseState.FAILED, CaseState.TERMINATED
_OUTCOMES = (SETTLED, FAILED, TERMINATED)


@dataclass
class GroupStats:
    """The figures of one dispute type or case source (or of everything)."""

    code: str
    label: str
    accepted: int = 0
    settled: int = 0
    settled_written: int = 0
    settled_oral: int = 0
    failed: int = 0
    terminated: int = 0

    @property
    def handled(self) -> int:
        return self.settled + self.failed + self.terminated

    @property
    def handling_rate(self) -> float | None:
        """调处率 = handled ÷ accepted."""
        return self.handled / self.accepted if self.accepted else None

    @property
    def success_rate(self) -> float | None:
        """调解成功率 = settled ÷ handled."""
        return self.settled / self.handled if self.handled else None


@dataclass
class CaseStats:
    year: int
    month: int | None  # None: the whole year
    start: dt.date
    end: dt.date
    total: GroupStats
    by_type: list[GroupStats] = field(default_factory=list)  # every dispute type, in list order
    by_source: list[GroupStats] = field(default_factory=list)

    # The usual names, for readers of the total.
    @property
    def accepted(self) -> int:
        return self.total.accepted

    @property
    def settled(self) -> int:
        return self.total.settled

    @property
    def failed(self) -> int:
        return self.total.failed

    @property
    def terminated(self) -> int:
        return self.total.terminated

    @property
    def handled(self) -> int:
        return self.total.handled

    @property
    def handling_rate(self) -> float | None:
        return self.total.handling_rate

    @property
    def success_rate(self) -> float | None:
        return self.total.success_rate


def rate_text(rate: float | None) -> str:
    """96.2% (one decimal), or — when there is nothing to divide by."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def period(year: int, month: int | None) -> tuple[dt.date, dt.date]:
    if not 1949 <= year <= 2200:
        raise DomainError(Issue("year", "stats.year"))
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not 1 <= month <= 12:
        raise DomainError(Issue("month", "stats.month"))
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _outcome(case: MediationCase) -> str | None:
    return case.outcome if case.outcome in _OUTCOMES else None


def _within(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _cases(session: Session, start: dt.date, end: dt.date) -> list[MediationCase]:
    return list(
        session.exec(
            select(MediationCase).where(
                or_(
                    col(MediationCase.accepted_on).between(start, end),
                    col(MediationCase.closed_on).between(start, end),
                    col(MediationCase.agreement_on).between(start, end),
                )
            )
        )
    )


def _count(
    cases: Iterable[MediationCase], start: dt.date, end: dt.date
) -> tuple[GroupStats, dict[str, GroupStats], dict[str, GroupStats]]:
    total = GroupStats("", "合计" if messages.language() != "en" else "Total")
    by_type = {c.code: GroupStats(c.code, c.label) for c in rules.DISPUTE_TYPES}
    by_source = {c.code: GroupStats(c.code, c.label) for c in rules.CASE_SOURCES}
    for case in cases:
        groups = [
            total,
            by_type.setdefault(case.dispute_type, GroupStats(case.dispute_type, case.dispute_type)),
            by_source.setdefault(case.source, GroupStats(case.source, case.source)),
        ]
        accepted = _within(case.accepted_on, start, end)
        outcome = _outcome(case)
        # A settled case is counted by its agreement date, the others by their closing date.
        closed_on = case.agreement_on if outcome == SETTLED else case.closed_on
        closed = outcome is not None and _within(closed_on, start, end)
        for g in groups:
            g.accepted += accepted
            if not closed:
                continue
            if outcome == SETTLED:
                g.settled += 1
                if case.agreement_kind == "oral":
                    g.settled_oral += 1
                else:
                    g.settled_written += 1
            elif outcome == FAILED:
                g.failed += 1
            elif outcome == TERMINATED:
                g.terminated += 1
    return total, by_type, by_source


def _stats(cases: list[MediationCase], year: int, month: int | None) -> CaseStats:
    start, end = period(year, month)
    total, by_type, by_source = _count(cases, start, end)
    return CaseStats(
        year, month, start, end, total, list(by_type.values()), list(by_source.values())
    )


def monthly_stats(session: Session, year: int, month: int | None = None) -> CaseStats:
    """The figures of one month, or of the whole year when `month` is None."""
    authz.require(session, Permission.MEDIATION_VIEW)
    cases = _cases(session, *period(year, month))
    return _stats(cases, year, month)


def year_stats(session: Session, year: int) -> tuple[CaseStats, list[CaseStats]]:
    """The year's figures and each month's, from one reading of the cases."""
    authz.require(session, Permission.MEDIATION_VIEW)
    cases = _cases(session, *period(year, None))
    months = [_stats(cases, year, m) for m in range(1, 13)]
    return _stats(cases, year, None), months


# -- xlsx ------------------------------------------------------------------------------------------

_HEADINGS = (
    "受理",
    "调解成功",
    "其中书面协议",
    "其中口头协议",
    "调解不成",
    "终止",
    "调处",
    "调处率",
    "调解成功率",
)


def _figures(g: GroupStats) -> list[object]:
    return [
        g.accepted,
        g.settled,
        g.settled_written,
        g.settled_oral,
        g.failed,
        g.terminated,
        g.handled,
        g.handling_rate,
        g.success_rate,
    ]


def export_stats_xlsx(db: Database, *, year: int, month: int | None = None, out: Path) -> Path:
    """Writes the statistics to `out`: sheet 汇总 (one row per month, then the period's
    total), 按纠纷类型 and 按案件来源 (the period's figures per type and source). Rates are
    numbers formatted as percentages, empty when there is nothing to divide by. The file
    appears only when complete."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    with db.session() as s:
        if month is None:
            whole, per_month = year_stats(s, year)
        else:
            whole = monthly_stats(s, year, month)
            per_month = [whole]
    bold = Font(bold=True)
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    label = f"{year}年{month}月" if month else f"{year}年"
    sheets = [
        (summary, "月份", [(f"{year}年{s.month}月", s.total) for s in per_month]),
        (wb.create_sheet("按纠纷类型"), "纠纷类型", [(g.label, g) for g in whole.by_type]),
        (wb.create_sheet("按案件来源"), "案件来源", [(g.label, g) for g in whole.by_source]),
    ]
    for ws, first, rows in sheets:
        ws.append([f"人民调解案件统计（{label}）"])
        ws["A1"].font = bold
        ws.append([first, *_HEADINGS])
        for cell in ws[2]:
            cell.font = bold
        for name, g in rows:
            ws.append([name, *_figures(g)])
        if ws is not summary or month is None:
            ws.append(["合计", *_figures(whole.total)])
            for cell in ws[ws.max_row]:
                cell.font = bold
        for row in ws.iter_rows(min_row=3, min_col=9, max_col=10):
            for cell in row:
                cell.number_format = "0.0%"
        ws.column_dimensions["A"].width = 14
        for index in range(2, len(_HEADINGS) + 2):
            ws.column_dimensions[get_column_letter(index)].width = 11
        ws.freeze_panes = "B3"
    return spreadsheet.save_workbook(wb, Path(out))
