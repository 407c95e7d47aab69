"""Dispute screening (矛盾纠纷排查): weekly, ten-day and monthly reports, zero reports, missing rounds.

Every round is filed, a 零报告 when nothing was found. Periods come from
domain.mediation.screening_period (weeks run Monday to Sunday; 旬 are 1–10, 11–20, 21–end).
Filing needs MEDIATION_EDIT, reading MEDIATION_VIEW.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from govdesk.domain import mediation as rules
from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import ScreeningReport
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office

messages.register(
    {
        "screening.not_period_start": (
            "{date} 不是{round}排查周期的第一天（应为 {start}）",
            "{date} is not the first day of a {round} screening period (that is {start})",
        ),
        "screening.zero_with_findings": (
            "零报告不能有排查出的纠纷或排查情况",
            "A zero report has no disputes found and no findings",
        ),
        "screening.no_findings": (
            "排查出纠纷时请填写排查情况",
            "Describe the findings when disputes were found",
        ),
        "screening.no_disputes": (
            "非零报告应至少排查出1件纠纷；没有发现纠纷请选择零报告",
            "A report that is not a zero report finds at least one dispute; "
            "choose a zero report when nothing was found",
        ),
        "screening.negative": (
            "排查出的纠纷数不能为负数",
            "The number of disputes found cannot be negative",
        ),
        "screening.early": (
            "上报日期不能早于排查周期开始（{start}）",
            "The report cannot be dated before its period begins ({start})",
        ),
        "screening.duplicate": (
            "{round}排查 {start} 至 {end} 已于 {reported_on} 上报，不能重复上报",
            "The {round} screening of {start} to {end} was already filed on {reported_on}",
        ),
    }
)

# How a period stands, for the screening list.
FILED = "filed"
ZERO = "zero"  # filed as a 零报告
MISSING = "missing"  # ended without a report
RUNNING = "running"  # not ended yet, no report so far


@dataclass(frozen=True)
class RoundStatus:
    round: str
    period_start: dt.date
    period_end: dt.date
    status: str  # FILED, ZERO, MISSING or RUNNING
    report_id: str | None


def _round_code(value: str) -> str:
    code = rules.SCREENING_ROUNDS.parse(value)
    if code is None:
        raise DomainError(
            Issue("round", "mediation.unknown_code", {"value": value or "", "field": "round"})
        )
    return code


def file_report(
    session: Session,
    *,
    round: str,
    period_start: dt.date,
    zero_report: bool,
    disputes_found: int = 0,
    findings: str = "",
    measures: str = "",
    reported_on: dt.date,
    reporter: str = "",
) -> ScreeningReport:
    """Files one round's report; a second report for the same round and period is refused.
    `reporter` defaults to the signed-in user."""
    actor = authz.require(session, Permission.MEDIATION_EDIT)
    code = _round_code(round)
    start, end = rules.screening_period(code, period_start)
    label = rules.SCREENING_ROUNDS.label(code)
    issues: list[Issue] = []
    findings, measures = findings.strip(), measures.strip()
    if start != period_start:
        issues.append(
            Issue(
                "period_start",
                "screening.not_period_start",
                {"date": period_start.isoformat(), "round": label, "start": start.isoformat()},
            )
        )
    if disputes_found < 0:
        issues.append(Issue("disputes_found", "screening.negative"))
    elif zero_report:
        if disputes_found or findings:
            issues.append(Issue("findings", "screening.zero_with_findings"))
    else:
        if disputes_found < 1:
            issues.append(Issue("disputes_found", "screening.no_disputes"))
        if not findings:
            issues.append(Issue("findings", "screening.no_findings"))
    if reported_on < start:
        issues.append(Issue("reported_on", "screening.early", {"start": start.isoformat()}))
    if issues:
        raise DomainError(issues)
    office_id = current_office(session).id
    earlier = session.exec(
        select(ScreeningReport).where(
            ScreeningReport.office_id == office_id,
            ScreeningReport.round == code,
            ScreeningReport.period_start == start,
        )
    ).first()
    if earlier is not None:
        raise DomainError(
            Issue(
                "period_start",
                "screening.duplicate",
                {
                    "round": label,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "reported_on": earlier.reported_on.isoformat(),
                },
            )
        )
    report = ScreeningReport(
        office_id=office_id,
        round=code,
        period_start=start,
        period_end=end,
        zero_report=zero_report,
        disputes_found=disputes_found,
        findings=findings,
        measures=measures,
        reported_on=reported_on,
        reporter=reporter.strip() or actor.username,
    )
    session.add(report)
    session.flush()
    return report


def reports(
    session: Session, *, round: str | None = None, year: int | None = None
) -> list[ScreeningReport]:
    """Filed reports, newest period first; `year` keeps the periods that begin in it."""
    authz.require(session, Permission.MEDIATION_VIEW)
    query = select(ScreeningReport)
    if round is not None:
        query = query.where(ScreeningReport.round == _round_code(round))
    if year is not None:
        query = query.where(
            col(ScreeningReport.period_start) >= dt.date(year, 1, 1),
            col(ScreeningReport.period_start) <= dt.date(year, 12, 31),
        )
    query = query.order_by(col(ScreeningReport.period_start).desc(), col(ScreeningReport.round))
    return list(session.exec(query))


def round_statuses(
    session: Session, round: str, start: dt.date, end: dt.date, today: dt.date
) -> list[RoundStatus]:
    """Each period of the round overlapping start..end, oldest first, with its report or
    whether it is missing (ended before `today`) or still running."""
    authz.require(session, Permission.MEDIATION_VIEW)
    code = _round_code(round)
    periods = rules.screening_periods(code, start, end)
    if not periods:
        return []
    filed = {
        r.period_start: r
        for r in session.exec(
            select(ScreeningReport).where(
                ScreeningReport.round == code,
                col(ScreeningReport.period_start) >= periods[0][0],
                col(ScreeningReport.period_start) <= periods[-1][0],
            )
        )
    }
    out = []
    for p_start, p_end in periods:
        report = filed.get(p_start)
        if report is not None:
            status = ZERO if report.zero_report else FILED
        elif p_end < today:
            status = MISSING
        else:
            status = RUNNING
        out.append(RoundStatus(code, p_start, p_end, status, report.id if report else None))
    return out


def missing_rounds(
    session: Session, round: str, start: dt.date, end: dt.date, today: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The periods overlapping start..end that ended before `today` with no report."""
    return [
        (r.period_start, r.period_end)
        for r in round_statuses(session, round, start, end, today)
        if r.status == MISSING
    ]
