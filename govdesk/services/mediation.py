"""People's mediation cases: register, accept with a number, sessions, outcome, follow-up, archive.

Every function takes a Session from `db.session()` and checks the signed-in user's permission.
Reading parties and sessions for display goes through `party_views` / `session_views`: plain
dataclasses in which the parties' ID numbers and phones are masked, and addresses, birth dates
and statements left blank, unless the user has MEDIATION_PARTIES (never ORM objects with
masked values, which autoflush would write back).

Deadlines: `deadlines(source, case, today)` uses the office's handling period
(`handling_months(source)`, meta key `mediation_handling_months`, default one month); for
many cases read `handling_months(db)` once and call `domain.mediation.case_deadlines`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from govdesk.domain import codes, messages
from govdesk.domain import mediation as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import mask_id_number, mask_phone
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
from govdesk.services import authz, office_settings
from govdesk.services.office import current_office
from govdesk.store import audit_log
from govdesk.store.counters import next_in_sequence
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
        "mediation.handling_months": (
            "调解期限应为{low}至{high}个月",
            "The handling period must be {low} to {high} months",
        ),
        "mediation.no_event": (
            "缺少网格事件编号",
            "The grid event's id is missing",
        ),
        "mediation.not_editable": (
            "案件处于“{state}”状态，登记信息不能再修改",
            "The case is '{state}': its registration can no longer be changed",
        ),
        "mediation.no_applicant": ("至少需要一名申请人", "At least one applicant is needed"),
        "mediation.unknown_party": (
            "当事人不属于该案件",
            "That party does not belong to this case",
        ),
        "mediation.performance_empty": (
            "请填写履行情况或履行完毕日期",
            "Give how the agreement is performed or the date it was fully performed",
        ),
        "mediation.no_agreement": (
            "案件没有书面调解协议，不能申请司法确认",
            "The case has no written agreement: court confirmation cannot be applied for",
        ),
        "mediation.before_agreement": (
            "{field}不能早于协议日期",
            "{field} cannot be before the agreement date",
        ),
    }
)

PREFIX_KEY = "mediation_number_prefix"
HANDLING_MONTHS_KEY = "mediation_handling_months"
HANDLING_MONTHS_RANGE = (1, 12)
# States in which the registration (type, source, summary, parties) may still be corrected.
EDITABLE_STATES = frozenset({CaseState.REGISTERED, CaseState.ACCEPTED})
# Registration fields by their Chinese names, for messages.
_FIELD_ZH = {"summary": "纠纷简要情况", "event_id": "网格事件编号"}

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
    # An existing party of the case, for update_registration; None for a new one.
    party_id: str | None = None


@dataclass(frozen=True)
class PartyView:
    """A party as the signed-in user may see it: `full` False means the ID number and phone
    are masked and the address and birth date blank (no MEDIATION_PARTIES)."""

    id: str
    case_id: str
    role: str
    role_label: str
    resident_id: str | None
    name: str
    sex: str | None
    sex_label: str
    ethnicity: str | None
    age: int | None
    birth_date: dt.date | None
    occupation: str | None
    phone: str | None
    address: str | None
    id_number: str | None
    sort_order: int
    full: bool


@dataclass(frozen=True)
class SessionView:
    """An investigation or session; `statements` is blank unless `full` (MEDIATION_PARTIES)."""

    id: str
    case_id: str
    kind: str
    kind_label: str
    held_at: dt.datetime
    place: str
    subject: str
    participants: str
    mediators: str
    recorder: str
    statements: str
    facts: str
    result: str
    full: bool


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


# Date fields by name, for messages a clerk reads (Chinese, English).
_DATE_LABELS: dict[str, tuple[str, str]] = {
    "accepted_on": ("受理日期", "The acceptance date"),
    "declined_on": ("不予受理日期", "The date of refusal"),
    "agreement_on": ("协议日期", "The agreement date"),
    "closed_on": ("结案日期", "The closing date"),
    "performed_on": ("履行完毕日期", "The date of performance"),
    "confirmation_applied_on": ("申请司法确认日期", "The date of application to the court"),
    "visited_on": ("回访日期", "The visit date"),
    "archived_on": ("立卷日期", "The filing date"),
}


def _date_label(field: str) -> str:
    zh, en = _DATE_LABELS.get(field, (field, field))
    return en if messages.language() == "en" else zh


def _not_before(case: MediationCase, field: str, day: dt.date) -> None:
    if day < case.registered_on:
        raise DomainError(Issue(field, "mediation.date_order", {"field": _date_label(field)}))


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
    applied_on: dt.date | None = None,
    source_ref: str | None = None,
) -> MediationCase:
    """登记: a new case with its parties; it has no number until it is accepted.

    `applied_on` is the date on the 申请书 (None when nobody applied in writing);
    `source_ref` names what the case came from (a grid event's id)."""
    _edit(session)
    issues: list[Issue] = []
    type_code = _code(issues, "dispute_type", dispute_type, rules.DISPUTE_TYPES)
    source_code = _code(issues, "source", source, rules.CASE_SOURCES)
    risk_code = _code(issues, "risk", risk, rules.RISK_GRADES)
    if not summary.strip():
        issues.append(Issue("summary", "required", {"field": _FIELD_ZH["summary"]}))
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
        applied_on=applied_on,
        source_ref=(source_ref or "").strip() or None,
    )
    made = [_party(session, p, registered_on) for p in parties]
    session.add(case)
    for order, party in enumerate(made):
        party.office_id = office_id
        party.case_id = case.id
        party.sort_order = order
        session.add(party)
    case.party_names = _party_names(made)
    session.flush()
    return case


def _party_names(made: list[MediationParty]) -> str:
    return "、".join(p.name for p in sorted(made, key=lambda p: p.sort_order))


def register_from_grid_event(
    session: Session,
    *,
    event_id: str,
    dispute_type: str,
    summary: str,
    parties: list[PartyInput],
    registered_on: dt.date,
    risk: str = "ordinary",
    request: str = "",
    registered_by: str = "",
) -> MediationCase:
    """A case from a grid event (网格事件) about a dispute: source grid_event, the event's id
    kept in `source_ref`. The grid module calls this; the event itself is not checked here."""
    if not (event_id or "").strip():
        raise DomainError(Issue("event_id", "mediation.no_event"))
    return register_case(
        session,
        dispute_type=dispute_type,
        source="grid_event",
        summary=summary,
        parties=parties,
        registered_on=registered_on,
        risk=risk,
        request=request,
        registered_by=registered_by,
        source_ref=event_id,
    )


_KEEP: object = object()


def update_registration(
    session: Session,
    case_id: str,
    *,
    dispute_type: str,
    source: str,
    risk: str,
    summary: str,
    request: str,
    parties: list[PartyInput],
    applied_on: dt.date | None | object = _KEEP,
) -> MediationCase:
    """Corrects the registration while the case is registered or accepted.

    `parties` is the whole new list, in order: an entry with `party_id` updates that party
    (a resident's details are copied again from the register), one without adds a party, and
    a party left out is removed. `applied_on` is kept unless given."""
    _edit(session)
    case = get_case(session, case_id)
    if case.state not in EDITABLE_STATES:
        state = rules.CASE_STATES.label(case.state)
        raise DomainError(Issue("state", "mediation.not_editable", {"state": state}))
    issues: list[Issue] = []
    type_code = _code(issues, "dispute_type", dispute_type, rules.DISPUTE_TYPES)
    source_code = _code(issues, "source", source, rules.CASE_SOURCES)
    risk_code = _code(issues, "risk", risk, rules.RISK_GRADES)
    if not summary.strip():
        issues.append(Issue("summary", "required", {"field": _FIELD_ZH["summary"]}))
    if not parties:
        issues.append(Issue("parties", "mediation.no_party"))
    if issues:
        raise DomainError(issues)
    existing = {p.id: p for p in parties_of(session, case_id)}
    kept: list[MediationParty] = []
    for order, data in enumerate(parties):
        made = _party(session, data, case.registered_on)
        if data.party_id:
            party = existing.pop(data.party_id, None)
            if party is None:
                raise DomainError(Issue("party_id", "mediation.unknown_party"))
            for field in _PARTY_FIELDS:
                value = getattr(made, field)
                if getattr(party, field) != value:
                    setattr(party, field, value)
        else:
            party = made
            party.office_id = case.office_id
            party.case_id = case.id
            session.add(party)
        if party.sort_order != order:
            party.sort_order = order
        kept.append(party)
    for gone in existing.values():
        # A deletion is not caught by the trail's flush hook: say it here.
        audit_log.append(
            session.connection(),
            username=audit_log.session_actor(session).username,
            action=AuditAction.UPDATE,
            record_type=MediationParty.__tablename__,
            record_id=gone.id,
            detail={"removed": [gone.name, None]},
        )
        session.delete(gone)
    case.dispute_type = type_code
    case.source = source_code
    case.risk = risk_code
    case.summary = summary.strip()
    case.request = request.strip()
    if applied_on is not _KEEP:
        case.applied_on = applied_on  # type: ignore[assignment]
    names = _party_names(kept)
    if case.party_names != names:
        case.party_names = names
    session.flush()
    return case


_PARTY_FIELDS = (
    "role",
    "resident_id",
    "name",
    "sex",
    "ethnicity",
    "birth_date",
    "age",
    "occupation",
    "phone",
    "address",
    "id_number",
)


def number_prefix(session: Session) -> str:
    row = session.get(Meta, PREFIX_KEY)
    return row.value if row else ""


def handling_months(source: Session | Database) -> int:
    """The office's handling period in months (one month unless set)."""
    if isinstance(source, Database):
        value = source.meta(HANDLING_MONTHS_KEY)
    else:
        row = source.get(Meta, HANDLING_MONTHS_KEY)
        value = row.value if row else None
    try:
        return int(value) if value else rules.HANDLING_MONTHS
    except ValueError:
        return rules.HANDLING_MONTHS


def set_handling_months(session: Session, months: int) -> None:
    """The handling period counted from acceptance (《人民调解工作若干规定》: one month)."""
    authz.require(session, Permission.SETTINGS_MANAGE)
    low, high = HANDLING_MONTHS_RANGE
    if not isinstance(months, int) or not low <= months <= high:
        raise DomainError(
            Issue("handling_months", "mediation.handling_months", {"low": low, "high": high})
        )
    row = session.get(Meta, HANDLING_MONTHS_KEY)
    shown = row.value if row is not None else str(rules.HANDLING_MONTHS)
    if shown == str(months):
        # Unchanged (the default counts as what was shown): nothing stored, so a
        # township that only looked does not start sending the period down.
        return
    office_settings.store(
        session,
        authz.actor_of(session),
        HANDLING_MONTHS_KEY,
        str(months),
        {"handling_months": [row.value if row is not None else None, months]},
    )


def set_number_prefix(session: Session, prefix: str) -> None:
    """The X of （2026）X人调字第12号, usually the office's short name."""
    authz.require(session, Permission.SETTINGS_MANAGE)
    row = session.get(Meta, PREFIX_KEY)
    if row is None:
        session.add(Meta(key=PREFIX_KEY, value=prefix.strip()))
    else:
        row.value = prefix.strip()


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
    case.seq = next_in_sequence(session, rules.seq_meta_key(accepted_on.year))
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
    case.outcome = CaseState.DECLINED
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
    issues: list[Issue] = []
    kind_code = _code(issues, "kind", kind, rules.SESSION_KINDS)
    if issues:
        raise DomainError(issues)
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
    case.outcome = CaseState.SETTLED
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
    case.outcome = target
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


def record_performance(
    session: Session, case_id: str, *, performed_on: dt.date | None, note: str
) -> MediationCase:
    """履行情况: how the agreement is carried out and, once done, the date it was fully
    performed. Allowed while settled or performing; a settled case moves to performing."""
    _edit(session)
    note = (note or "").strip()
    if performed_on is None and not note:
        raise DomainError(Issue("performance_note", "mediation.performance_empty"))
    case = get_case(session, case_id)
    if case.state != CaseState.PERFORMING:
        _move(case, CaseState.PERFORMING)  # from settled; any other state is refused
    if performed_on is not None:
        _not_before(case, "performed_on", performed_on)
    case.performed_on = performed_on
    case.performance_note = note
    session.flush()
    return case


def record_confirmation(
    session: Session,
    case_id: str,
    *,
    applied_on: dt.date,
    court: str = "",
    result: str = "",
) -> MediationCase:
    """司法确认: the parties applied to the court (the 30-day clock stops), and the court's
    answer once known. Needs a written agreement; allowed while settled or performing."""
    _edit(session)
    case = get_case(session, case_id)
    if case.state not in rules.FOLLOW_UP_STATES:
        state = rules.CASE_STATES.label(case.state)
        action = "申请司法确认" if messages.language() != "en" else "sent for court confirmation"
        raise DomainError(
            Issue("state", "mediation.bad_transition", {"state": state, "action": action})
        )
    if case.agreement_kind != "written" or case.agreement_on is None:
        raise DomainError(Issue("confirmation_applied_on", "mediation.no_agreement"))
    if applied_on < case.agreement_on:
        raise DomainError(
            Issue(
                "confirmation_applied_on",
                "mediation.before_agreement",
                {"field": _date_label("confirmation_applied_on")},
            )
        )
    case.confirmation_applied_on = applied_on
    case.confirmation_court = court.strip()
    case.confirmation_result = result.strip()
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
    file_notes: str = "",
    checked_by: str = "",
) -> MediationCase:
    """归档 into a 卷宗; the 卷号 is the case number unless given. `file_notes` is the
    卷宗情况说明, `checked_by` the 检查人 on the back cover."""
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
    case.file_notes = file_notes.strip() or None
    case.checked_by = checked_by.strip() or None
    session.flush()
    return case


# -- reading ---------------------------------------------------------------------------------


def parties_of(session: Session, case_id: str) -> list[MediationParty]:
    return list(
        session.exec(
            select(MediationParty)
            .where(MediationParty.case_id == case_id)
            .order_by(col(MediationParty.sort_order))
        )
    )


def parties(session: Session, case_id: str) -> list[MediationParty]:
    """The party records with full details: for MEDIATION_PARTIES (printing, editing)."""
    authz.require(session, Permission.MEDIATION_PARTIES)
    return parties_of(session, case_id)


def party_views(session: Session, case_id: str) -> list[PartyView]:
    """The parties for display, masked unless the user has MEDIATION_PARTIES."""
    authz.require(session, Permission.MEDIATION_VIEW)
    full = authz.can(session, Permission.MEDIATION_PARTIES)
    return [
        PartyView(
            id=p.id,
            case_id=p.case_id,
            role=p.role,
            role_label=rules.PARTY_ROLES.label(p.role),
            resident_id=p.resident_id,
            name=p.name,
            sex=p.sex,
            sex_label=codes.SEX.label(p.sex),
            ethnicity=p.ethnicity,
            age=p.age,
            birth_date=p.birth_date if full else None,
            occupation=p.occupation,
            phone=p.phone if full else mask_phone(p.phone),
            address=p.address if full else None,
            id_number=p.id_number if full else mask_id_number(p.id_number),
            sort_order=p.sort_order,
            full=full,
        )
        for p in parties_of(session, case_id)
    ]


def session_views(session: Session, case_id: str) -> list[SessionView]:
    """Investigations and sessions by time; statements blank without MEDIATION_PARTIES."""
    full = authz.can(session, Permission.MEDIATION_PARTIES)
    return [
        SessionView(
            id=r.id,
            case_id=r.case_id,
            kind=r.kind,
            kind_label=rules.SESSION_KINDS.label(r.kind),
            held_at=r.held_at,
            place=r.place,
            subject=r.subject,
            participants=r.participants,
            mediators=r.mediators,
            recorder=r.recorder,
            statements=r.statements if full else "",
            facts=r.facts,
            result=r.result,
            full=full,
        )
        for r in sessions(session, case_id)
    ]


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


def case_deadlines(case: MediationCase, today: dt.date, months: int) -> list[Deadline]:
    """The deadlines of a case with the handling period given (read it once for many)."""
    return rules.case_deadlines(
        case.state,
        case.accepted_on,
        case.agreement_on,
        case.agreement_kind,
        today,
        months=months,
        confirmation_applied_on=case.confirmation_applied_on,
    )


def deadlines(source: Session | Database, case: MediationCase, today: dt.date) -> list[Deadline]:
    """The handling and 司法确认 deadlines that still run for the case on `today`, nearest
    first, with the office's handling period."""
    return case_deadlines(case, today, handling_months(source))


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
        months = handling_months(s)
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
    return [
        c
        for c in cases
        if any(d.days_left <= due_within_days for d in case_deadlines(c, day, months))
    ]
