"""Grid events (网格事件): report, dispatch, handle, close or return; photos; to a mediation case.

Every step goes through the one transitions table (domain/grid_events.py) and refuses a step it
does not allow. Numbers (2026-0001) come from a per-year meta counter in the same transaction
as the event: a rolled-back report gives its number back, a committed one is never reused.

Permissions: reading needs GRID_VIEW, every change GRID_EDIT; turning an event into a mediation
case needs MEDIATION_EDIT as well (mediation checks it).

Returning and reporting again: `return_event` keeps the department and dates it was dispatched
with (the assessment ledger still counts the dispatch); `report_again` clears the dispatch,
handling and return, so the event starts over under its own number (the audit trail keeps the
history).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from sqlalchemy import Connection, text
from sqlmodel import Session, col, func, select

from govdesk.domain import grid_events as rules
from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.grid_events import EventState
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    AttachmentContent,
    Grid,
    GridEvent,
    GridEventPhoto,
    GridStaff,
    MediationAttachment,
    MediationCase,
    Place,
)
from govdesk.domain.permissions import Permission
from govdesk.services import authz, mediation
from govdesk.services.grids import grid_of_place
from govdesk.services.mediation_attachments import (
    MAX_ATTACHMENT_BYTES,
    _read_source,
    _too_big,
    media_type_of,
)
from govdesk.services.office import current_office
from govdesk.store import audit_log, errors
from govdesk.store.counters import next_in_sequence
from govdesk.store.database import Database
from govdesk.store.errors import StorageError

messages.register(
    {
        "event.bad_transition": (
            "事件处于“{state}”状态，不能{action}",
            "The event is '{state}': it cannot be {action}",
        ),
        "event.unknown_category": (
            "“{value}”不是有效的事件类别",
            "'{value}' is not an event category",
        ),
        "event.date_order": (
            "{later}不能早于{earlier}",
            "{later} cannot be before {earlier}",
        ),
        "event.not_image": (
            "文件“{name}”不是图片（JPEG、PNG、TIFF、GIF、WebP），事件只能附照片",
            "The file '{name}' is not an image (JPEG, PNG, TIFF, GIF, WebP); "
            "events take photos only",
        ),
        "event.already_case": (
            "该事件已转为调解案件",
            "This event has already been turned into a mediation case",
        ),
        "event.not_editable": (
            "事件处于“{state}”状态，上报内容不能再修改",
            "The event is '{state}': its report can no longer be changed",
        ),
        "event.closed_case": (
            "已办结的事件不能再转为调解案件",
            "A closed event cannot be turned into a mediation case",
        ),
    }
)

# What each step does, for the refusal message (Chinese, English).
_ACTIONS: dict[EventState, tuple[str, str]] = {
    EventState.REPORTED: ("重新上报", "reported again"),
    EventState.DISPATCHED: ("交办", "dispatched"),
    EventState.HANDLED: ("登记办理", "handled"),
    EventState.CLOSED: ("办结", "closed"),
    EventState.RETURNED: ("退回", "returned"),
}

# Field names for messages a clerk reads (Chinese, English).
_LABELS: dict[str, tuple[str, str]] = {
    "reported_at": ("上报日期", "The report date"),
    "dispatched_on": ("交办日期", "The dispatch date"),
    "due_on": ("办理期限", "The deadline"),
    "handled_on": ("办理日期", "The handling date"),
    "closed_on": ("办结日期", "The closing date"),
    "returned_on": ("退回日期", "The return date"),
    "registered_on": ("登记日期", "The registration date"),
    "description": ("事件描述", "The description"),
    "department": ("交办部门", "The department"),
    "feedback": ("办理反馈", "The feedback"),
    "returned_reason": ("退回理由", "The reason for returning"),
}


def _label(field: str) -> str:
    zh, en = _LABELS.get(field, (field, field))
    return en if messages.language() == "en" else zh


def _required(field: str) -> Issue:
    return Issue(field, "required", {"field": _label(field)})


@dataclass(frozen=True)
class EventRow:
    """An event as the lists and ledgers show it."""

    id: str
    number: str
    state: str
    state_label: str
    category: str
    category_label: str
    description: str
    location: str
    grid_id: str | None
    grid_name: str
    place_id: str | None
    reported_at: dt.datetime
    reporter: str
    department: str | None
    dispatched_on: dt.date | None
    due_on: dt.date | None
    handled_on: dt.date | None
    feedback: str | None
    closed_on: dt.date | None
    returned_on: dt.date | None
    returned_reason: str | None
    mediation_case_id: str | None
    photos: int
    overdue: bool


# -- checks --------------------------------------------------------------------------------------


def _edit(session: Session) -> None:
    authz.require(session, Permission.GRID_EDIT)


def get_event(session: Session, event_id: str) -> GridEvent:
    authz.require(session, Permission.GRID_VIEW)
    event = session.get(GridEvent, event_id)
    if event is None:
        raise DomainError(Issue("event", "not_found"))
    return event


def _check(event: GridEvent, target: EventState) -> None:
    """Refuses a step the transitions table does not allow.

    Every step checks everything before it changes the event (`_move` last): a caller that
    catches the refusal inside its session then commits nothing half done."""
    if not rules.can_move(event.state, target):
        zh, en = _ACTIONS[target]
        action = en if messages.language() == "en" else zh
        state = rules.EVENT_STATES.label(event.state)
        raise DomainError(
            Issue("state", "event.bad_transition", {"state": state, "action": action})
        )


def _move(event: GridEvent, target: EventState) -> None:
    _check(event, target)
    event.state = target


def _not_before(
    issues: list[Issue], later_field: str, later: dt.date, earlier_field: str, earlier: dt.date
) -> None:
    if later < earlier:
        issues.append(
            Issue(
                later_field,
                "event.date_order",
                {"later": _label(later_field), "earlier": _label(earlier_field)},
            )
        )


def _reported_on(event: GridEvent) -> dt.date:
    return rules.local_day(event.reported_at)


def _next_number(session: Session, year: int) -> str:
    return rules.format_event_number(year, next_in_sequence(session, rules.seq_meta_key(year)))


# -- the life cycle ------------------------------------------------------------------------------


def report_event(
    session: Session,
    *,
    category: str,
    description: str,
    reported_at: dt.datetime,
    reporter: str = "",
    reporter_staff_id: str | None = None,
    grid_id: str | None = None,
    place_id: str | None = None,
    location: str = "",
) -> GridEvent:
    """上报: a new event with the next number of its year.

    Without `grid_id` the event takes the grid of its place on the day it was reported.
    `reported_at` is stored in UTC; a time without a zone is taken as the PC's local time."""
    _edit(session)
    reported_at = reported_at.astimezone(dt.UTC)
    issues: list[Issue] = []
    category_code = rules.EVENT_CATEGORIES.parse(category)
    if category_code is None:
        issues.append(Issue("category", "event.unknown_category", {"value": category or ""}))
    if not description.strip():
        issues.append(_required("description"))
    if grid_id is not None and session.get(Grid, grid_id) is None:
        issues.append(Issue("grid", "not_found"))
    if place_id is not None and session.get(Place, place_id) is None:
        issues.append(Issue("place", "not_found"))
    staff = None
    if reporter_staff_id is not None:
        staff = session.get(GridStaff, reporter_staff_id)
        if staff is None:
            issues.append(Issue("reporter_staff", "not_found"))
    if issues:
        raise DomainError(issues)
    assert category_code is not None
    if grid_id is None and place_id is not None:
        grid = grid_of_place(session, place_id, rules.local_day(reported_at))
        grid_id = grid.id if grid is not None else None
    event = GridEvent(
        office_id=current_office(session).id,
        number=_next_number(session, rules.local_day(reported_at).year),
        state=EventState.REPORTED,
        category=category_code,
        description=description.strip(),
        location=location.strip(),
        grid_id=grid_id,
        place_id=place_id,
        reported_at=reported_at,
        reporter=reporter.strip() or (staff.name if staff is not None else ""),
        reporter_staff_id=reporter_staff_id,
    )
    session.add(event)
    session.flush()
    return event


def dispatch_event(
    session: Session, event_id: str, *, department: str, dispatched_on: dt.date, due_on: dt.date
) -> GridEvent:
    """交办: to a department, with the deadline it is assessed against."""
    _edit(session)
    event = get_event(session, event_id)
    issues: list[Issue] = []
    if not department.strip():
        issues.append(_required("department"))
    _not_before(issues, "dispatched_on", dispatched_on, "reported_at", _reported_on(event))
    _not_before(issues, "due_on", due_on, "dispatched_on", dispatched_on)
    _check(event, EventState.DISPATCHED)
    if issues:
        raise DomainError(issues)
    _move(event, EventState.DISPATCHED)
    event.department = department.strip()
    event.dispatched_on = dispatched_on
    event.due_on = due_on
    session.add(event)
    session.flush()
    return event


def handle_event(
    session: Session, event_id: str, *, handled_on: dt.date, feedback: str
) -> GridEvent:
    """办理: the department's feedback on what it did."""
    _edit(session)
    event = get_event(session, event_id)
    issues: list[Issue] = []
    if not feedback.strip():
        issues.append(_required("feedback"))
    _check(event, EventState.HANDLED)
    assert event.dispatched_on is not None
    _not_before(issues, "handled_on", handled_on, "dispatched_on", event.dispatched_on)
    if issues:
        raise DomainError(issues)
    _move(event, EventState.HANDLED)
    event.handled_on = handled_on
    event.feedback = feedback.strip()
    session.add(event)
    session.flush()
    return event


def close_event(session: Session, event_id: str, *, closed_on: dt.date) -> GridEvent:
    """办结/销号: the office checked the handling and closes the event."""
    _edit(session)
    event = get_event(session, event_id)
    _check(event, EventState.CLOSED)
    assert event.handled_on is not None
    issues: list[Issue] = []
    _not_before(issues, "closed_on", closed_on, "handled_on", event.handled_on)
    if issues:
        raise DomainError(issues)
    _move(event, EventState.CLOSED)
    event.closed_on = closed_on
    session.add(event)
    session.flush()
    return event


def return_event(
    session: Session, event_id: str, *, returned_on: dt.date, reason: str
) -> GridEvent:
    """退回: not for this office or department, or the handling was not accepted."""
    _edit(session)
    event = get_event(session, event_id)
    issues: list[Issue] = []
    if not reason.strip():
        issues.append(_required("returned_reason"))
    _not_before(issues, "returned_on", returned_on, "reported_at", _reported_on(event))
    _check(event, EventState.RETURNED)
    if issues:
        raise DomainError(issues)
    _move(event, EventState.RETURNED)
    event.returned_on = returned_on
    event.returned_reason = reason.strip()
    session.add(event)
    session.flush()
    return event


def report_again(session: Session, event_id: str, *, description: str | None = None) -> GridEvent:
    """A returned event reported again (→ reported), its description corrected if given."""
    _edit(session)
    event = get_event(session, event_id)
    if description is not None and not description.strip():
        raise DomainError(_required("description"))
    _move(event, EventState.REPORTED)
    if description is not None:
        event.description = description.strip()
    event.department = None
    event.dispatched_on = None
    event.due_on = None
    event.handled_on = None
    event.feedback = None
    event.returned_on = None
    event.returned_reason = None
    session.add(event)
    session.flush()
    return event


# States in which the report itself may still be corrected: nobody has been given it yet.
EDITABLE_STATES = frozenset({EventState.REPORTED, EventState.RETURNED})
_KEEP: object = object()


def update_event(
    session: Session,
    event_id: str,
    *,
    category: str | None = None,
    description: str | None = None,
    location: str | None = None,
    reporter: str | None = None,
    grid_id: str | None | object = _KEEP,
    place_id: str | None | object = _KEEP,
) -> GridEvent:
    """Corrects the report (category, description, place, grid …) while the event is reported
    or returned; what is not given stays. A new place without a grid brings its grid of the
    report day."""
    _edit(session)
    event = get_event(session, event_id)
    if event.state not in EDITABLE_STATES:
        state = rules.EVENT_STATES.label(event.state)
        raise DomainError(Issue("state", "event.not_editable", {"state": state}))
    issues: list[Issue] = []
    category_code = None
    if category is not None:
        category_code = rules.EVENT_CATEGORIES.parse(category)
        if category_code is None:
            issues.append(Issue("category", "event.unknown_category", {"value": category}))
    if description is not None and not description.strip():
        issues.append(_required("description"))
    if isinstance(grid_id, str) and session.get(Grid, grid_id) is None:
        issues.append(Issue("grid", "not_found"))
    if isinstance(place_id, str) and session.get(Place, place_id) is None:
        issues.append(Issue("place", "not_found"))
    if issues:
        raise DomainError(issues)
    if category_code is not None:
        event.category = category_code
    if description is not None:
        event.description = description.strip()
    if location is not None:
        event.location = location.strip()
    if reporter is not None:
        event.reporter = reporter.strip()
    if place_id is not _KEEP:
        event.place_id = place_id if isinstance(place_id, str) else None
        if grid_id is _KEEP and event.place_id is not None:
            grid = grid_of_place(session, event.place_id, _reported_on(event))
            event.grid_id = grid.id if grid is not None else event.grid_id
    if grid_id is not _KEEP:
        event.grid_id = grid_id if isinstance(grid_id, str) else None
    session.add(event)
    session.flush()
    return event


# -- photos --------------------------------------------------------------------------------------


def add_event_photo(
    session: Session,
    event_id: str,
    *,
    path: Path | None = None,
    data: bytes | None = None,
    file_name: str = "",
    added_on: dt.date,
) -> GridEventPhoto:
    """A photo of the event, from `path` or `data`: images only, the bytes kept once per
    SHA-256 (shared with mediation attachments)."""
    _edit(session)
    event = get_event(session, event_id)
    content, name = _read_source(Path(path) if path is not None else None, data, file_name)
    name = PureWindowsPath(name.strip()).name if name.strip() else ""
    if not content:
        raise DomainError(Issue("file", "attachment.empty", {"name": name}))
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise _too_big(name, len(content))
    media_type = media_type_of(content)
    if media_type is None or not media_type.startswith("image/"):
        raise DomainError(Issue("file", "event.not_image", {"name": name}))
    digest = hashlib.sha256(content).hexdigest()
    if session.get(AttachmentContent, digest) is None:
        session.add(AttachmentContent(sha256=digest, data=content))
    photo = GridEventPhoto(
        office_id=event.office_id,
        event_id=event.id,
        file_name=name,
        media_type=media_type,
        size=len(content),
        sha256=digest,
        added_on=added_on,
    )
    session.add(photo)
    session.flush()
    return photo


def event_photos(session: Session, event_id: str) -> list[GridEventPhoto]:
    authz.require(session, Permission.GRID_VIEW)
    return list(
        session.exec(
            select(GridEventPhoto)
            .where(GridEventPhoto.event_id == event_id)
            .order_by(col(GridEventPhoto.added_on), col(GridEventPhoto.created_at))
        )
    )


def read_event_photo(session: Session, photo_id: str) -> bytes:
    """The photo's bytes, checked against its SHA-256; damaged or lost bytes are a
    StorageError (kind CORRUPT) naming the file."""
    authz.require(session, Permission.GRID_VIEW)
    photo = session.get(GridEventPhoto, photo_id)
    if photo is None:
        raise DomainError(Issue("photo", "not_found"))
    content = session.get(AttachmentContent, photo.sha256)
    if content is None:
        raise StorageError(
            Issue("photo", "attachment.missing", {"name": photo.file_name}), errors.CORRUPT
        )
    data = bytes(content.data)
    if hashlib.sha256(data).hexdigest() != photo.sha256:
        raise StorageError(
            Issue("photo", "attachment.damaged", {"name": photo.file_name}), errors.CORRUPT
        )
    return data


def remove_event_photo(session: Session, photo_id: str) -> None:
    """Removes a photo added by mistake; its bytes go too when nothing else has the digest
    (a mediation attachment may share them)."""
    _edit(session)
    photo = session.get(GridEventPhoto, photo_id)
    if photo is None:
        raise DomainError(Issue("photo", "not_found"))
    digest = photo.sha256
    # Deletions escape the trail's flush hook: write the entry here.
    audit_log.append(
        session.connection(),
        username=audit_log.session_actor(session).username,
        action=AuditAction.UPDATE,
        record_type=GridEventPhoto.__tablename__,
        record_id=photo.id,
        detail={"removed": [photo.file_name, None], "event_id": photo.event_id, "sha256": digest},
    )
    session.delete(photo)
    session.flush()
    used = session.exec(
        select(func.count()).select_from(GridEventPhoto).where(GridEventPhoto.sha256 == digest)
    ).one()
    used += session.exec(
        select(func.count())
        .select_from(MediationAttachment)
        .where(MediationAttachment.sha256 == digest)
    ).one()
    if not used:
        content = session.get(AttachmentContent, digest)
        if content is not None:
            session.delete(content)
            session.flush()


# -- to mediation --------------------------------------------------------------------------------


def event_to_mediation(
    session: Session,
    event_id: str,
    *,
    dispute_type: str,
    parties: list[mediation.PartyInput],
    registered_on: dt.date,
    summary: str | None = None,
    risk: str = "ordinary",
    registered_by: str = "",
) -> MediationCase:
    """A dispute event becomes a mediation case (source 网格事件); the case's source_ref names
    the event and the event keeps the case: linked both ways, once."""
    _edit(session)
    event = get_event(session, event_id)
    if event.mediation_case_id is not None:
        raise DomainError(Issue("event", "event.already_case"))
    if event.state == EventState.CLOSED:
        raise DomainError(Issue("event", "event.closed_case"))
    issues: list[Issue] = []
    _not_before(issues, "registered_on", registered_on, "reported_at", _reported_on(event))
    if issues:
        raise DomainError(issues)
    case = mediation.register_from_grid_event(
        session,
        event_id=event.id,
        dispute_type=dispute_type,
        summary=summary if summary is not None else event.description,
        parties=parties,
        registered_on=registered_on,
        risk=risk,
        registered_by=registered_by,
    )
    event.mediation_case_id = case.id
    session.add(event)
    session.flush()
    return case


def event_of_case(session: Session, case_id: str) -> GridEvent | None:
    """The event a mediation case was made from, if any (the link the other way)."""
    authz.require(session, Permission.GRID_VIEW)
    return session.exec(select(GridEvent).where(GridEvent.mediation_case_id == case_id)).first()


# -- lists ---------------------------------------------------------------------------------------

_LIST_QUERY = """
SELECT e.id, e.number, e.state, e.category, e.description, e.location, e.grid_id,
       g.name, e.place_id, e.reported_at, e.reporter, e.department, e.dispatched_on,
       e.due_on, e.handled_on, e.feedback, e.closed_on, e.returned_on, e.returned_reason,
       e.mediation_case_id,
       (SELECT COUNT(*) FROM grid_event_photo p WHERE p.event_id = e.id)
  FROM grid_event e LEFT JOIN grid g ON g.id = e.grid_id
"""


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: object) -> dt.datetime:
    """Stored times are UTC; SQLite gives them back without their zone."""
    at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def _row(r: tuple, today: dt.date) -> EventRow:
    state = str(r[2])
    due_on, closed_on = _date(r[13]), _date(r[16])
    return EventRow(
        id=r[0],
        number=r[1],
        state=state,
        state_label=rules.EVENT_STATES.label(state),
        category=r[3],
        category_label=rules.EVENT_CATEGORIES.label(r[3]),
        description=r[4],
        location=r[5] or "",
        grid_id=r[6],
        grid_name=r[7] or "",
        place_id=r[8],
        reported_at=_datetime(r[9]),
        reporter=r[10] or "",
        department=r[11],
        dispatched_on=_date(r[12]),
        due_on=due_on,
        handled_on=_date(r[14]),
        feedback=r[15],
        closed_on=closed_on,
        returned_on=_date(r[17]),
        returned_reason=r[18],
        mediation_case_id=r[19],
        photos=int(r[20]),
        overdue=rules.is_overdue(state, due_on, closed_on, today),
    )


def query_events(
    conn: Connection, *, where: str = "", params: dict | None = None, today: dt.date
) -> list[EventRow]:
    """Rows of the list query with an optional WHERE clause, newest number last."""
    sql = _LIST_QUERY + (f" WHERE {where}" if where else "") + " ORDER BY e.reported_at, e.number"
    rows = conn.execute(text(sql), params or {}).all()
    return [_row(tuple(r), today) for r in rows]


def events(
    db: Database,
    *,
    state: str | None = None,
    grid_id: str | None = None,
    overdue: bool | None = None,
    today: dt.date,
) -> list[EventRow]:
    """The events, oldest first; `grid_id` takes its sub-grids too; `overdue` True keeps only
    overdue events (False only the others) as of `today`."""
    authz.require(db, Permission.GRID_VIEW)
    clauses: list[str] = []
    params: dict[str, object] = {}
    if state is not None:
        code = rules.EVENT_STATES.parse(state)
        if code is None:
            raise DomainError(Issue("state", "code.invalid", {"raw": state, "field": "状态"}))
        clauses.append("e.state = :state")
        params["state"] = code
    if grid_id is not None:
        clauses.append(
            """e.grid_id IN (
                WITH RECURSIVE below(id) AS (
                    SELECT :grid UNION SELECT c.id FROM grid c JOIN below b ON c.parent_id = b.id
                ) SELECT id FROM below)"""
        )
        params["grid"] = grid_id
    with db.connect() as conn:
        rows = query_events(conn, where=" AND ".join(clauses), params=params, today=today)
    if overdue is not None:
        rows = [r for r in rows if r.overdue == overdue]
    return rows
