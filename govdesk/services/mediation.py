"""People's mediation cases: register, accept with a number, sessions, outcome, follow-up, archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from govdesk.domain import codes, messages
from govdesk.domain import mediation as rules
from govdesk.domain.mediation import CaseState, Deadline
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    MediationCase,
    MediationFollowUp,
    MediationParty,
    MediationSession,
    Meta,
    Resident,
)
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office
from govdesk.store.database import Database

messages.register(
    {
        "mediation.bad_transition": (
            "案件处于“{state}”状态，不能{action}",
            "The case is '{state}': it cannot be {action}",
        ),
        "mediation.unknown_code": (
            "“{value}”不是有效的{field}",
            "'{value}' is not a valid {field}",
        ),
        "mediation.no_party": ("至少需要一名当事人", "At least one party is needed"),
        "mediation.party_name": ("当事人姓名不能为空", "A party's name is required"),
        "mediation.no_volume": (
            "案件没有编号，请填写卷号",
            "The case has no number: give the volume number",
        ),
        "mediation.date_order": (
            "{field}不能早于登记日期",
            "{field} cannot be before the registration date",
        ),
    }
)

PREFIX_KEY = "mediation_number_prefix"

# What each service does, for the refusal message (Chinese, English).
_ACTIONS: dict[CaseState, tuple[str, str]] = {
    CaseState.ACCEPTED: ("受理", "accepted"),
    CaseState.DECLINED: ("不予受理", "declined"),
    CaseState.INVESTIGATING: ("记录调查", "investigated"),
    CaseState.MEDIATING: ("记录调解", "mediated"),
    CaseState.SETTLED: ("登记调解成功", "settled"),
    CaseState.FAILED: ("登记调解不成", "marked as failed"),
    CaseState.TERMINATED: ("终止", "terminated"),
    CaseState.PERFORMING: ("登记履行", "put into performance"),
    CaseState.ARCHIVED: ("归档", "archived"),
}


@dataclass
class PartyInput:
    """A party as the clerk gives it: a resident's id, or an outside person's details."""

    role: str = "applicant"
    resident_id: str | None = None
    name: str = ""
    sex: str | None = None
    ethnicity: str | None = None
    age: int | None = None
    birth_date: dt.date | None = None
    occupation: str | None = None
    phone: str | None = None
    address: str | None = None
    id_number: str | None = None


# -- checks ------------------------------------------------------------------------------------


def _edit(session: Session) -> None:
    authz.require(session, Permission.MEDIATION_EDIT)


def _code(issues: list[Issue], field: str, value: str | None, codes_: codes.CodeList) -> str:
    code = codes_.parse(value)
    if code is None:
        issues.append(
            Issue(field, "mediation.unknown_code", {"value": value or "", "field": field})
        )
        return ""
    return code


def _move(case: MediationCase, target: CaseState) -> None:
    """Refuses a step the life-cycle table does not allow."""
    if not rules.can_move(case.state, target):
        zh, en = _ACTIONS[target]
        action = en if messages.language() == "en" else zh
        state = rules.CASE_STATES.label(case.state)
        raise DomainError(
            Issue("state", "mediation.bad_transition", {"state": state, "action": action})
        )
    case.state = target


def _not_before(case: MediationCase, field: str, day: dt.date) -> None:
    if day < case.registered_on:
        raise DomainError(Issue(field, "mediation.date_order", {"field": field}))


def get_case(session: Session, case_id: str) -> MediationCase:
    authz.require(session, Permission.MEDIATION_VIEW)
    case = session.get(MediationCase, case_id)
    if case is None:
        raise DomainError(Issue("case", "not_found"))
    return case


def _age(birth: dt.date | None, on: dt.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _party(session: Session, data: PartyInput, registered_on: dt.date) -> MediationParty:
    role = rules.PARTY_ROLES.parse(data.role)
    if role is None:
        raise DomainError(
            Issue("role", "mediation.unknown_code", {"value": data.role, "field": "role"})
        )
    if data.resident_id:
        person = session.get(Resident, data.resident_id)
        if person is None:
            raise DomainError(Issue("resident_id", "not_found"))
        # A snapshot: the documents show the person as they were when the case began.
        return MediationParty(
            office_id="",
            case_id="",
            role=role,
            resident_id=person.id,
            name=person.name,
            sex=person.sex,
            ethnicity=person.ethnicity,
            birth_date=person.birth_date,
            age=_age(person.birth_date, registered_on),
            occupation=data.occupation or person.occupation,
            phone=data.phone or person.phone,
            address=data.address or person.current_address or person.registered_address,
            id_number=person.id_number,
        )
    name = (data.name or "").strip()
    if not name:
        raise DomainError(Issue("name", "mediation.party_name"))
    return MediationParty(
        office_id="",
        case_id="",
        role=role,
        name=name,
        sex=codes.SEX.parse(data.sex) if data.sex else None,
        ethnicity=data.ethnicity,
        birth_date=data.birth_date,
        age=data.age if data.age is not None else _age(data.birth_date, registered_on),
        occupation=data.occupation,
        phone=data.phone,
        address=data.address,
        id_number=data.id_number,
    )


# -- the life cycle ----------------------------------------------------------------------------


def register_case(
    session: Session,
    *,
    dispute_type: str,
    source: str,
    summary: str,
    parties: list[PartyInput],
    registered_on: dt.date,
    risk: str = "ordinary",
    request: str = "",
    registered_by: str = "",
) -> MediationCase:
    """登记: a new case with its parties; it has no number until it is accepted."""
    _edit(session)
    issues: list[Issue] = []
    type_code = _code(issues, "dispute_type", dispute_type, rules.DISPUTE_TYPES)
    source_code = _code(issues, "source", source, rules.CASE_SOURCES)
    risk_code = _code(issues, "risk", risk, rules.RISK_GRADES)
    if not summary.strip():
        issues.append(Issue("summary", "required", {"field": "纠纷简要情况"}))
    if not parties:
        issues.append(Issue("parties", "mediation.no_party"))
    if issues:
        raise DomainError(issues)
    office_id = current_office(session).id
    case = MediationCase(
        office_id=office_id,
        dispute_type=type_code,
        source=source_code,
        risk=risk_code,
        summary=summary.strip(),
        request=request.strip(),
        registered_on=registered_on,
        registered_by=registered_by,
    )
    made = [_party(session, p, registered_on) for p in parties]
    session.add(case)
    for order, party in enumerate(made):
        party.office_id = office_id
        party.case_id = case.id
        party.sort_order = order
        session.add(party)
    session.flush()
    return case


def number_prefix(session: Session) -> str:
    row = session.get(Meta, PREFIX_KEY)
    return row.value if row else ""


def set_number_prefix(session: Session, prefix: str) -> None:
    """The X of （2026）X人调字第12号, usually the office's short name."""
    authz.require(session, Permission.SETTINGS_MANAGE)
    row = session.get(Meta, PREFIX_KEY)
    if row is None:
        session.add(Meta(key=PREFIX_KEY, value=prefix.strip()))
    else:
        row.value = prefix.strip()


def _next_seq(session: Session, year: int) -> int:
    # Same transaction as the case: a rolled-back acceptance gives its number back, a
    # committed one never hands it out again (declined cases never take one).
    key = rules.seq_meta_key(year)
    row = session.get(Meta, key)
    seq = (int(row.value) if row else 0) + 1
    if row is None:
        session.add(Meta(key=key, value=str(seq)))
    else:
        row.value = str(seq)
    return seq


def accept_case(
    session: Session, case_id: str, *, accepted_on: dt.date, mediators: str = ""
) -> MediationCase:
    """受理: the case gets its number （year）X人调字第N号 and the one-month deadline starts."""
    _edit(session)
    case = get_case(session, case_id)
    _move(case, CaseState.ACCEPTED)
    _not_before(case, "accepted_on", accepted_on)
    case.accepted_on = accepted_on
    case.mediators = mediators.strip()
    case.year = accepted_on.year
    case.seq = _next_seq(session, accepted_on.year)
    case.number = rules.format_case_number(case.year, case.seq, number_prefix(session))
    session.flush()
    return case


def decline_case(
    session: Session, case_id: str, *, reason: str, declined_on: dt.date
) -> MediationCase:
    """不予受理, with the reason told to the applicant."""
    _edit(session)
    if not reason.strip():
        raise DomainError(Issue("declined_reason", "required", {"field": "不予受理理由"}))
    case = get_case(session, case_id)
    _move(case, CaseState.DECLINED)
    _not_before(case, "declined_on", declined_on)
    case.declined_reason = reason.strip()
    case.closed_on = declined_on
    session.flush()
    return case


def record_session(
    session: Session,
    case_id: str,
    *,
    held_at: dt.datetime,
    kind: str = "mediation",
    place: str = "",
    subject: str = "",
    participants: str = "",
    mediators: str = "",
    recorder: str = "",
    statements: str = "",
    facts: str = "",
    result: str = "",
) -> MediationSession:
    """调查记录 or 调解记录; the case moves to investigating or mediating."""
    _edit(session)
    kind_code = rules.SESSION_KINDS.parse(kind)
    if kind_code is None:
        raise DomainError(Issue("kind", "mediation.unknown_code", {"value": kind, "field": "kind"}))
    case = get_case(session, case_id)
    target = CaseState.INVESTIGATING if kind_code == "investigation" else CaseState.MEDIATING
    _move(case, target)
    record = MediationSession(
        office_id=case.office_id,
        case_id=case.id,
        kind=kind_code,
        held_at=held_at,
        place=place,
        subject=subject,
        participants=participants,
        mediators=mediators,
        recorder=recorder,
        statements=statements,
        facts=facts,
        result=result,
    )
    session.add(record)
    session.flush()
    return record


def settle_case(
    session: Session,
    case_id: str,
    *,
    agreement_on: dt.date,
    agreement_kind: str,
    agreement_terms: str,
    agreement_facts: str = "",
    performance_manner: str = "",
    performance_place: str = "",
    performance_deadline: str = "",
) -> MediationCase:
    """调解成功: the written or oral agreement; the 30-day 司法确认 deadline starts."""
    _edit(session)
    issues: list[Issue] = []
    kind_code = _code(issues, "agreement_kind", agreement_kind, rules.AGREEMENT_KINDS)
    if not agreement_terms.strip():
        issues.append(Issue("agreement_terms", "required", {"field": "协议内容"}))
    if issues:
        raise DomainError(issues)
    case = get_case(session, case_id)
    _move(case, CaseState.SETTLED)
    _not_before(case, "agreement_on", agreement_on)
    case.closed_on = case.agreement_on = agreement_on
    case.agreement_kind = kind_code
    case.agreement_terms = agreement_terms.strip()
    case.agreement_facts = agreement_facts.strip()
    case.performance_manner = performance_manner.strip()
    case.performance_place = performance_place.strip()
    case.performance_deadline = performance_deadline.strip()
    session.flush()
    return case


def _close(
    session: Session, case_id: str, target: CaseState, reason: str, closed_on: dt.date
) -> MediationCase:
    _edit(session)
    if not reason.strip():
        raise DomainError(Issue("outcome_reason", "required", {"field": "原因"}))
    case = get_case(session, case_id)
    _move(case, target)
    _not_before(case, "closed_on", closed_on)
    case.outcome_reason = reason.strip()
    case.closed_on = closed_on
    session.flush()
    return case


def fail_case(session: Session, case_id: str, *, reason: str, closed_on: dt.date) -> MediationCase:
    """调解不成: the parties are told about litigation or arbitration (the reason says so)."""
    return _close(session, case_id, CaseState.FAILED, reason, closed_on)


def terminate_case(
    session: Session, case_id: str, *, reason: str, closed_on: dt.date
) -> MediationCase:
    """终止 (a party withdraws, sues, the dispute is gone ...)."""
    return _close(session, case_id, CaseState.TERMINATED, reason, closed_on)


def begin_performance(session: Session, case_id: str) -> MediationCase:
    """履行: the settled agreement is being carried out."""
    _edit(session)
    case = get_case(session, case_id)
    _move(case, CaseState.PERFORMING)
    session.flush()
    return case


def add_follow_up(
    session: Session,
    case_id: str,
    *,
    visited_on: dt.date,
    visitor: str = "",
    reason: str = "",
    performance: str = "",
    satisfaction: str | None = None,
) -> MediationFollowUp:
    """回访 after a settled case; allowed while settled or performing."""
    _edit(session)
    case = get_case(session, case_id)
    if case.state not in rules.FOLLOW_UP_STATES:
        state = rules.CASE_STATES.label(case.state)
        action = "回访" if messages.language() != "en" else "visited"
        raise DomainError(
            Issue("state", "mediation.bad_transition", {"state": state, "action": action})
        )
    satisfaction_code = None
    if satisfaction:
        issues: list[Issue] = []
        satisfaction_code = _code(issues, "satisfaction", satisfaction, rules.SATISFACTION)
        if issues:
            raise DomainError(issues)
    _not_before(case, "visited_on", visited_on)
    visit = MediationFollowUp(
        office_id=case.office_id,
        case_id=case.id,
        visited_on=visited_on,
        visitor=visitor,
        reason=reason,
        performance=performance,
        satisfaction=satisfaction_code,
    )
    session.add(visit)
    session.flush()
    return visit


def archive_case(
    session: Session,
    case_id: str,
    *,
    archived_on: dt.date,
    archived_by: str,
    retention: str = "",
    volume: str | None = None,
) -> MediationCase:
    """归档 into a 卷宗; the 卷号 is the case number unless given."""
    _edit(session)
    case = get_case(session, case_id)
    volume = (volume or "").strip() or case.number
    if not volume:
        raise DomainError(Issue("archive_volume", "mediation.no_volume"))
    _move(case, CaseState.ARCHIVED)
    _not_before(case, "archived_on", archived_on)
    case.archive_volume = volume
    case.archived_by = archived_by.strip()
    case.archived_on = archived_on
    case.retention = retention.strip()
    session.flush()
    return case


# -- reading ---------------------------------------------------------------------------------


def parties(session: Session, case_id: str) -> list[MediationParty]:
    authz.require(session, Permission.MEDIATION_VIEW)
    return list(
        session.exec(
            select(MediationParty)
            .where(MediationParty.case_id == case_id)
            .order_by(col(MediationParty.sort_order))
        )
    )


def sessions(session: Session, case_id: str) -> list[MediationSession]:
    authz.require(session, Permission.MEDIATION_VIEW)
    return list(
        session.exec(
            select(MediationSession)
            .where(MediationSession.case_id == case_id)
            .order_by(col(MediationSession.held_at))
        )
    )


def follow_ups(session: Session, case_id: str) -> list[MediationFollowUp]:
    authz.require(session, Permission.MEDIATION_VIEW)
    return list(
        session.exec(
            select(MediationFollowUp)
            .where(MediationFollowUp.case_id == case_id)
            .order_by(col(MediationFollowUp.visited_on))
        )
    )


def deadlines(case: MediationCase, today: dt.date) -> list[Deadline]:
    """The handling and 司法确认 deadlines that still run for the case on `today`."""
    return rules.case_deadlines(
        case.state, case.accepted_on, case.agreement_on, case.agreement_kind, today
    )


def list_cases(
    db: Database,
    *,
    state: str | None = None,
    due_within_days: int | None = None,
    today: dt.date | None = None,
) -> list[MediationCase]:
    """Cases, newest registration first; `due_within_days` keeps those with a deadline that
    passes within that many days (or has passed)."""
    with db.session() as s:
        authz.require(s, Permission.MEDIATION_VIEW)
        query = select(MediationCase)
        if state is not None:
            query = query.where(MediationCase.state == state)
        query = query.order_by(
            col(MediationCase.registered_on).desc(), col(MediationCase.created_at).desc()
        )
        cases = list(s.exec(query))
    if due_within_days is None:
        return cases
    day = today or dt.date.today()
    return [c for c in cases if any(d.days_left <= due_within_days for d in deadlines(c, day))]
