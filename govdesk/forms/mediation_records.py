"""Turns a mediation case's records into the plain data its forms print (masked as allowed).

Party phones (and ID numbers) are printed in full only for a role with both PRINT_FULL and
MEDIATION_PARTIES; addresses and what the parties said (statements, investigation notes)
only with MEDIATION_PARTIES. Code values are printed as their Chinese labels whatever the
interface language, because the forms are the 司法部 Chinese formats.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from sqlmodel import Session, select

from govdesk.domain import codes
from govdesk.domain import mediation as rules
from govdesk.domain.masking import mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    MediationCase,
    MediationFollowUp,
    MediationSession,
    Meta,
)
from govdesk.domain.permissions import Permission
from govdesk.forms.flowables import format_date
from govdesk.forms.mediation_catalog import ITEM_FORMS
from govdesk.forms.mediation_data import MediationCaseData, PartyData, StatementData
from govdesk.services import authz, mediation
from govdesk.services.mediation import PartyView
from govdesk.services.mediation_attachments import ChecklistRow, case_file_checklist
from govdesk.services.office import current_office

# An office may name its committee differently from "<office>人民调解委员会" (a joint
# committee of several villages, say); this meta key holds that name when set.
COMMITTEE_NAME_KEY = "mediation_committee_name"
COMMITTEE_SUFFIX = "人民调解委员会"
# The office's own organ is named for the community or village, not for the committee.
_ORGAN_SUFFIXES = ("居民委员会", "村民委员会", "居委会", "村委会")

# The sessions have no field for it: the rights notice is read out at every session.
RIGHTS_EXPLAINED = (
    "已向当事人告知人民调解的性质、原则和效力，以及当事人在调解活动中享有的权利和承担的义务。"
)
HIDDEN = "（当事人陈述不予显示：当前账户无查看当事人信息的权限）"


_SPLIT_NAMES = re.compile(r"[、,，;；]+")
# Terms typed as "一、…" or "1. …": the form numbers them itself.
_TERM_MARK = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+|\d+|[（(][一二三四五六七八九十\d]+[)）])\s*[、.．:：]?\s*"
)


# "一、…；二、…" on one line: a new term starts after a 、-numbered mark that follows a stop.
_FIRST_TERM = re.compile(r"^\s*一\s*、")
_INLINE_TERM = re.compile(r"(?<=[；;。])\s*(?=[二三四五六七八九十]+、)")


def names(text: str | None) -> list[str]:
    """Mediators or participants typed as one text, split on 、 and commas."""
    return [n.strip() for n in _SPLIT_NAMES.split(text or "") if n.strip()]


def agreement_terms(text: str | None) -> list[str]:
    """The agreement's terms, one per line, without any numbering the clerk typed. Terms
    typed on one line ("一、…；二、…") are split at their numbers."""
    terms = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = _INLINE_TERM.split(line) if _FIRST_TERM.match(line) else [line]
        for part in parts:
            part = part.strip()
            if part:
                terms.append(_TERM_MARK.sub("", part, count=1) or part)
    return terms


def committee_name(session: Session) -> str:
    row = session.get(Meta, COMMITTEE_NAME_KEY)
    if row is not None and row.value.strip():
        return row.value.strip()
    name = current_office(session).name.strip()
    for suffix in _ORGAN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return name if name.endswith(COMMITTEE_SUFFIX) else name + COMMITTEE_SUFFIX


def local_time(moment: dt.datetime | None) -> dt.datetime | None:
    """Stored times are UTC (SQLite may hand them back naive); the form shows local time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def local_date(moment: dt.datetime | None) -> dt.date | None:
    local = local_time(moment)
    return local.date() if local else None


def _clock(moment: dt.datetime | None) -> dt.time | None:
    local = local_time(moment)
    return local.time().replace(second=0, microsecond=0, tzinfo=None) if local else None


def _ethnicity(value: str | None) -> str:
    if not value:
        return ""
    return codes.ETHNICITY.zh(codes.ETHNICITY.parse(value) or value)


def _party(p: PartyView, *, full: bool, details: bool) -> PartyData:
    # party_views already masks for a role without MEDIATION_PARTIES; PRINT_FULL is ours.
    phone = p.phone or ""
    if not full:
        phone = str(mask_field("phone", phone) or "")
    return PartyData(
        name=p.name,
        role=rules.PARTY_ROLES.zh(p.role),
        sex=codes.SEX.zh(p.sex) if p.sex else "",
        ethnicity=_ethnicity(p.ethnicity),
        age=p.age,
        occupation=p.occupation or "",
        phone=phone,
        address=(p.address or "") if details else "",
    )


def print_rights(session: Session, full: bool) -> tuple[bool, bool]:
    """(full numbers, party details) the acting user may print; `full` only narrows it."""
    details = authz.can(session, Permission.MEDIATION_PARTIES)
    allowed = details and authz.can(session, Permission.PRINT_FULL)
    return full and allowed, details


def _base(session: Session, case: MediationCase, *, full: bool) -> MediationCaseData:
    full, details = print_rights(session, full)
    parties = mediation.party_views(session, case.id)
    return MediationCaseData(
        committee_name=committee_name(session),
        case_number=case.number or "",
        qr_value="" if case.number else case.id,
        parties=[_party(p, full=full, details=details) for p in parties],
        dispute_type=rules.DISPUTE_TYPES.zh(case.dispute_type),
        source=rules.CASE_SOURCES.zh(case.source),
        summary=case.summary or "",
        request=case.request or "",
        applied_on=case.applied_on,
        registered_on=case.registered_on,
        accepted_on=case.accepted_on,
        registrar=case.registered_by or "",
        mediators=names(case.mediators),
        rights_explained=RIGHTS_EXPLAINED,
        agreement_facts=case.agreement_facts or "",
        agreement_terms=agreement_terms(case.agreement_terms),
        performance_manner=case.performance_manner or "",
        performance_place=case.performance_place or "",
        performance_deadline=case.performance_deadline or "",
        agreement_date=case.agreement_on,
        volume=case.archive_volume or "",
        started_on=case.accepted_on or case.registered_on,
        ended_on=case.closed_on,
        filed_by=case.archived_by or "",
        filed_on=case.archived_on,
        retention=case.retention or "",
        checked_by=case.checked_by or "",
        file_notes="\n".join([*outcome_notes(case), case.file_notes or ""]).strip(),
    )


def outcome_notes(case: MediationCase) -> list[str]:
    """What the record says about how the case ended that no other form of the file prints:
    the back cover's 情况说明 opens with it."""
    lines = []
    if case.state == "declined" and case.declined_reason:
        lines.append(f"本案不予受理，理由：{case.declined_reason}")
    if case.outcome_reason:
        label = {"failed": "调解不成", "terminated": "终止调解"}.get(case.outcome or "", "结案")
        lines.append(f"{label}，原因：{case.outcome_reason}")
    if case.performance_note or case.performed_on:
        done = f"（{format_date(case.performed_on)}履行完毕）" if case.performed_on else ""
        lines.append(f"履行情况：{case.performance_note or ''}{done}")
    if case.confirmation_applied_on:
        court = f"向{case.confirmation_court}" if case.confirmation_court else ""
        result = f"，结果：{case.confirmation_result}" if case.confirmation_result else ""
        applied = format_date(case.confirmation_applied_on)
        lines.append(f"司法确认：{applied}{court}申请{result}。")
    return lines


def _statements(record: MediationSession, details: bool) -> list[StatementData]:
    if not record.statements.strip():
        return []
    if not details:
        return [StatementData("当事人", HIDDEN)]
    return [
        StatementData(speaker or "当事人", words)
        for speaker, words in rules.split_statements(record.statements)
    ]


def with_session(
    data: MediationCaseData, record: MediationSession, details: bool
) -> MediationCaseData:
    """The case data with one mediation session's record filled in (调解记录)."""
    return replace(
        data,
        session_date=local_date(record.held_at),
        session_time=_clock(record.held_at),
        session_place=record.place,
        session_cause=record.subject,
        participants=names(record.participants),
        mediators=names(record.mediators) or data.mediators,
        recorder=record.recorder,
        statements=_statements(record, details),
        facts=record.facts,
        result=record.result,
    )


def with_investigation(
    data: MediationCaseData, record: MediationSession, details: bool
) -> MediationCaseData:
    """The case data with one investigation filled in (调查记录)."""
    blocks = [f"{s}：{w}" if s else w for s, w in rules.split_statements(record.statements)]
    if record.facts.strip():
        blocks.append(f"经调查查明：{record.facts.strip()}")
    if record.result.strip():
        blocks.append(record.result.strip())
    text = "\n".join(blocks)
    return replace(
        data,
        investigated_on=local_date(record.held_at),
        investigation_time=_clock(record.held_at),
        investigation_place=record.place,
        investigators=names(record.mediators) or data.mediators,
        interviewee="、".join(names(record.participants)),
        recorder=record.recorder,
        investigation=text if details or not text else HIDDEN,
    )


def with_follow_up(data: MediationCaseData, visit: MediationFollowUp) -> MediationCaseData:
    """The case data with one follow-up visit filled in (回访记录)."""
    return replace(
        data,
        visited_on=visit.visited_on,
        visitor=visit.visitor,
        visit_reason=visit.reason,
        performance_status=visit.performance,
        satisfaction=rules.SATISFACTION.zh(visit.satisfaction) if visit.satisfaction else "",
    )


def items(session: Session, case_id: str, form: str) -> list[MediationSession | MediationFollowUp]:
    """The records an item form is printed for, oldest first (empty for other forms)."""
    if form == "follow-up":
        return list(mediation.follow_ups(session, case_id))
    if form in ("investigation", "session"):
        kind = "investigation" if form == "investigation" else "mediation"
        return [s for s in mediation.sessions(session, case_id) if s.kind == kind]
    return []


def _fill(
    data: MediationCaseData, record: MediationSession | MediationFollowUp, details: bool
) -> MediationCaseData:
    if isinstance(record, MediationFollowUp):
        return with_follow_up(data, record)
    if record.kind == "investigation":
        return with_investigation(data, record, details)
    return with_session(data, record, details)


def _find_item(
    session: Session, case_id: str, item_id: str
) -> MediationSession | MediationFollowUp:
    sitting = session.get(MediationSession, item_id)
    if sitting is not None and sitting.case_id == case_id:
        return sitting
    visit = session.get(MediationFollowUp, item_id)
    if visit is not None and visit.case_id == case_id:
        return visit
    raise DomainError(Issue("item", "not_found"))


def case_data(
    session: Session, case_id: str, *, full: bool, item_id: str | None = None
) -> MediationCaseData:
    """Everything the case's forms print. The session, investigation and follow-up fields hold
    the record `item_id` names (a session's or a visit's id), or else the latest of each."""
    case = mediation.get_case(session, case_id)
    data = _base(session, case, full=full)
    details = print_rights(session, full)[1]
    if item_id is not None:
        return _fill(data, _find_item(session, case_id, item_id), details)
    for form in ("investigation", "session", "follow-up"):
        records = items(session, case_id, form)
        if records:
            data = _fill(data, records[-1], details)
    return data


def form_data(
    session: Session, case_id: str, form: str, *, full: bool, item_id: str | None = None
) -> list[MediationCaseData]:
    """One MediationCaseData per copy of `form` to print: one per session, investigation or
    visit for those forms (all of them, oldest first, unless `item_id` picks one; one blank
    form when there is none yet), one for every other form."""
    if item_id is not None or form not in ITEM_FORMS:
        return [case_data(session, case_id, full=full, item_id=item_id)]
    case = mediation.get_case(session, case_id)
    data = _base(session, case, full=full)
    details = print_rights(session, full)[1]
    records = items(session, case_id, form)
    return [_fill(data, r, details) for r in records] or [data]


def find_case_id(session: Session, number_or_id: str) -> str:
    """The case whose 案号 is `number_or_id` (ASCII brackets accepted), or whose id it is."""
    authz.require(session, Permission.MEDIATION_VIEW)
    text = number_or_id.strip()
    number = text.replace("(", "（").replace(")", "）")
    found = session.exec(
        select(MediationCase.id).where(MediationCase.number.in_([text, number]))  # type: ignore[union-attr]
    ).first()
    if found is None and session.get(MediationCase, text) is not None:
        found = text
    if found is None:
        raise DomainError(Issue("case", "not_found"))
    return found


def checklist(session: Session, case_id: str) -> list[ChecklistRow]:
    """The 卷宗 checklist rows, in filing order (services.mediation_attachments)."""
    return case_file_checklist(session, case_id)
