"""The service-hours ledger: check-in and check-out, hours for a whole activity, confirmation,
adjusting entries, and the ledger read back.

A line (HourEntry) is written PENDING: a check-out, hours entered for an activity, or a
finished service order. Pending lines may still be removed (`remove_pending`) and entered
again. Confirming (`confirm`) is the one change a line ever gets: from then on the database
refuses to change or remove it (triggers of migration 0009), and its minutes count in the
volunteer's total (volunteer_tally, kept by triggers). A mistake in a confirmed line is
corrected by an adjusting line (`adjust`): kind "adjustment", confirmed at once, plus or
minus minutes, a reason, and the line it corrects (`adjusts_id`); the ledger shows both.

Times: check-in and check-out are aware datetimes, or naive ones in the computer's local time
(stored in UTC either way); a line's `served_on` is
the day the activity was held. Minutes between check-in and check-out are whole minutes,
rounded down.

Reading needs VOLUNTEER_VIEW, every change VOLUNTEER_EDIT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from govdesk.domain import messages
from govdesk.domain import volunteers as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    HourEntry,
    ServiceOrder,
    Volunteer,
    VolunteerActivity,
    VolunteerSignup,
    table_of,
    utcnow,
)
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.volunteer_activities import (
    TAKING_PART,
    _aware,
    activity_lines,
    get_activity,
    get_signup,
    reading,
    refuse_state,
    signup_state_label,
    username,
    volunteers_with_hours,
)
from govdesk.store import audit_log
from govdesk.store.database import Database

messages.register(
    {
        "volunteer_hours.check_in_state": (
            "报名状态是“{state}”，不能签到",
            "The sign-up is '{state}': it cannot be checked in",
        ),
        "volunteer_hours.check_out_state": (
            "报名状态是“{state}”，不能签退（须先签到）",
            "The sign-up is '{state}': it cannot be checked out (check in first)",
        ),
        "volunteer_hours.out_before_in": (
            "签退时间（{out}）应晚于签到时间（{at}）至少一分钟",
            "The check-out ({out}) must be at least a minute after the check-in ({at})",
        ),
        "volunteer_hours.too_long": (
            "一次服务时长不能超过{hours}小时（{minutes}分钟）",
            "One service cannot last more than {hours} hours ({minutes} minutes)",
        ),
        "volunteer_hours.minutes": (
            "服务时长应为1至{high}分钟",
            "The service time must be 1 to {high} minutes",
        ),
        "volunteer_hours.has_line": (
            "{name}在这次活动已有时长记录",
            "{name} already has hours recorded for this activity",
        ),
        "volunteer_hours.not_signed_up": (
            "{name}没有报名这次活动",
            "{name} has not signed up for this activity",
        ),
        "volunteer_hours.confirmed": (
            "已确认的服务时长不能修改或删除，请添加调整记录",
            "Confirmed hours are never changed or removed: add an adjusting entry",
        ),
        "volunteer_hours.reason": (
            "调整记录必须写明原因",
            "An adjusting entry needs a reason",
        ),
        "volunteer_hours.zero": (
            "调整的分钟数不能为0",
            "An adjustment cannot be zero minutes",
        ),
        "volunteer_hours.adjusts_other": (
            "被调整的记录不属于该志愿者",
            "The entry being adjusted belongs to another volunteer",
        ),
        "volunteer_hours.adjusts_pending": (
            "只能调整已确认的记录；未确认的记录可以删除后重新录入",
            "Only confirmed entries are adjusted; an unconfirmed entry can be removed and entered again",
        ),
        "volunteer_hours.below_zero": (
            "调整后时长将为负数（现有{minutes}分钟）",
            "The adjustment would leave a negative time ({minutes} minutes now)",
        ),
        "volunteer_hours.adjust_before": (
            "调整记录的日期不能早于被调整的记录（{on}）",
            "An adjusting entry cannot be dated before the entry it corrects ({on})",
        ),
        "volunteer_hours.before_activity": (
            "服务日期不能早于活动日期（{on}）",
            "The day served cannot be before the activity's day ({on})",
        ),
        "volunteer_hours.period": (
            "开始日期不能晚于结束日期",
            "The start date cannot be after the end date",
        ),
    }
)

# A single check-in to check-out longer than this is a forgotten check-out, not a service.
MAX_MINUTES = 24 * 60
# Adjusting lines are bounded too, so a typo of extra digits is refused.
MAX_ADJUST_MINUTES = 1500 * 60


def _edit(session: Session) -> None:
    authz.require(session, Permission.VOLUNTEER_EDIT)


def _utc(at: dt.datetime) -> dt.datetime:
    # A naive time is the office's wall clock (what a clerk types), as astimezone() reads it.
    return at.astimezone(dt.UTC)


def _shown(at: dt.datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _name(session: Session, volunteer_id: str) -> str:
    volunteer = session.get(Volunteer, volunteer_id)
    return volunteer.name if volunteer else volunteer_id


def lines_for(session: Session, activity: VolunteerActivity, volunteer_id: str) -> list[HourEntry]:
    """The hour lines already recorded for a volunteer at an activity (any state)."""
    h = table_of(HourEntry)
    ids = session.connection().execute(
        select(h.c.id).where(*activity_lines(h, volunteer_id, activity.id, activity.held_on))
    )
    return [session.get_one(HourEntry, r[0]) for r in ids]


def add_pending(
    session: Session,
    *,
    volunteer_id: str,
    served_on: dt.date,
    minutes: int,
    activity_id: str | None = None,
    order_id: str | None = None,
) -> HourEntry:
    """A pending service line (for a check-out, an activity or a finished order)."""
    _edit(session)
    if not 1 <= minutes <= MAX_MINUTES:
        raise DomainError(Issue("minutes", "volunteer_hours.minutes", {"high": MAX_MINUTES}))
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer", "not_found"))
    if order_id is not None and session.get(ServiceOrder, order_id) is None:
        raise DomainError(Issue("order", "not_found"))
    if activity_id is not None:
        activity = session.get(VolunteerActivity, activity_id)
        if activity is None:
            raise DomainError(Issue("activity", "not_found"))
        # Lines of an activity are found from its day on (activity_lines).
        if served_on < activity.held_on:
            raise DomainError(
                Issue(
                    "served_on",
                    "volunteer_hours.before_activity",
                    {"on": activity.held_on.isoformat()},
                )
            )
    entry = HourEntry(
        office_id=volunteer.office_id,
        volunteer_id=volunteer_id,
        served_on=served_on,
        minutes=minutes,
        kind="service",
        activity_id=activity_id,
        order_id=order_id,
        state="pending",
        recorded_by=username(session),
    )
    session.add(entry)
    session.flush()
    return entry


# -- check-in and check-out --------------------------------------------------------------------


def check_in(session: Session, signup_id: str, at: dt.datetime) -> VolunteerSignup:
    """签到 at `at` (aware, or naive local time). A volunteer marked absent may still be
    checked in: the register of who came may be late."""
    _edit(session)
    signup = get_signup(session, signup_id)
    activity = get_activity(session, signup.activity_id)
    if activity.state == "cancelled":
        raise refuse_state(activity, "check_in")
    if signup.state not in ("signed_up", "absent"):
        raise DomainError(
            Issue(
                "state",
                "volunteer_hours.check_in_state",
                {"state": signup_state_label(signup.state)},
            )
        )
    if lines_for(session, activity, signup.volunteer_id):
        name = _name(session, signup.volunteer_id)
        raise DomainError(Issue("signup", "volunteer_hours.has_line", {"name": name}))
    signup.state = "checked_in"
    signup.check_in_at = _utc(at)
    session.flush()
    return signup


def check_out(session: Session, signup_id: str, at: dt.datetime) -> HourEntry:
    """签退 at `at` (aware, or naive local time): a pending line of the whole minutes since
    check-in, served on the activity's day."""
    _edit(session)
    signup = get_signup(session, signup_id)
    if signup.state != "checked_in" or signup.check_in_at is None:
        raise DomainError(
            Issue(
                "state",
                "volunteer_hours.check_out_state",
                {"state": signup_state_label(signup.state)},
            )
        )
    start = _aware(signup.check_in_at)
    assert start is not None
    out = _utc(at)
    minutes = int((out - start).total_seconds() // 60)
    if minutes < 1:
        raise DomainError(
            Issue(
                "check_out_at",
                "volunteer_hours.out_before_in",
                {"out": _shown(out), "at": _shown(start)},
            )
        )
    if minutes > MAX_MINUTES:
        raise DomainError(
            Issue(
                "check_out_at",
                "volunteer_hours.too_long",
                {"hours": MAX_MINUTES // 60, "minutes": minutes},
            )
        )
    activity = get_activity(session, signup.activity_id)
    signup.state = "checked_out"
    signup.check_out_at = out
    return add_pending(
        session,
        volunteer_id=signup.volunteer_id,
        served_on=activity.held_on,
        minutes=minutes,
        activity_id=activity.id,
    )


def record_hours(
    session: Session,
    *,
    activity_id: str,
    minutes: int,
    volunteer_ids: Iterable[str] | None = None,
) -> list[HourEntry]:
    """Hours for the whole activity: one pending line of `minutes` for each volunteer taking
    part (or each of `volunteer_ids`, who must have signed up) who has no line there yet."""
    _edit(session)
    activity = get_activity(session, activity_id)
    if activity.state == "cancelled":
        raise refuse_state(activity, "hours")
    if not 1 <= minutes <= MAX_MINUTES:
        raise DomainError(Issue("minutes", "volunteer_hours.minutes", {"high": MAX_MINUTES}))
    s = table_of(VolunteerSignup)
    rows = session.connection().execute(
        select(s.c.volunteer_id, s.c.state).where(s.c.activity_id == activity_id)
    )
    states = {volunteer_id: state for volunteer_id, state in rows}
    if volunteer_ids is None:
        chosen = [v for v, state in states.items() if state in TAKING_PART]
    else:
        chosen = list(dict.fromkeys(volunteer_ids))
        # Hours for someone marked absent are allowed: the register of who came may be late.
        refused = [v for v in chosen if states.get(v) not in (*TAKING_PART, "absent")]
        if refused:
            raise DomainError(
                [
                    Issue("volunteer", "volunteer_hours.not_signed_up", {"name": _name(session, v)})
                    for v in refused
                ]
            )
    have = volunteers_with_hours(session.connection(), activity_id)
    made: list[HourEntry] = []
    volunteers = {v: session.get_one(Volunteer, v) for v in chosen if v not in have}
    for volunteer in sorted(volunteers.values(), key=lambda v: v.number):
        made.append(
            add_pending(
                session,
                volunteer_id=volunteer.id,
                served_on=activity.held_on,
                minutes=minutes,
                activity_id=activity.id,
            )
        )
    return made


# -- the ledger's one state change, corrections and removal -------------------------------------


def get_entry(session: Session, entry_id: str) -> HourEntry:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    entry = session.get(HourEntry, entry_id)
    if entry is None:
        raise DomainError(Issue("entry", "not_found"))
    return entry


def _refuse_confirmed() -> DomainError:
    return DomainError(Issue("state", "volunteer_hours.confirmed"))


def confirm(
    session: Session,
    entry_ids: Iterable[str],
    *,
    by: str | None = None,
    now: dt.datetime | None = None,
) -> list[HourEntry]:
    """Confirms pending lines (`by`: who confirmed, the signed-in user by default). Lines
    already confirmed are left as they are; returns the lines confirmed now."""
    _edit(session)
    when = now or utcnow()
    who = (by if by is not None else username(session)).strip()
    done: list[HourEntry] = []
    for entry_id in dict.fromkeys(entry_ids):
        entry = get_entry(session, entry_id)
        if entry.state == "confirmed":
            continue
        entry.state = "confirmed"
        entry.confirmed_at = when
        entry.confirmed_by = who
        done.append(entry)
    try:
        session.flush()
    except IntegrityError as exc:  # the triggers' last word, should a check above miss
        if "confirmed hours are never" in str(exc):
            raise _refuse_confirmed() from exc
        raise
    return done


def remove_pending(session: Session, entry_id: str) -> None:
    """Removes a line not yet confirmed (entered by mistake); confirmed lines are refused.
    A sign-up checked out for it goes back to checked in, so it can be checked out again."""
    _edit(session)
    entry = get_entry(session, entry_id)
    if entry.state == "confirmed":
        raise _refuse_confirmed()
    if entry.activity_id is not None:
        s = table_of(VolunteerSignup)
        signup_id = (
            session.connection()
            .execute(
                select(s.c.id).where(
                    s.c.activity_id == entry.activity_id, s.c.volunteer_id == entry.volunteer_id
                )
            )
            .scalar_one_or_none()
        )
        signup = session.get(VolunteerSignup, signup_id) if signup_id else None
        if signup is not None and signup.state == "checked_out":
            signup.state = "checked_in"
            signup.check_out_at = None
    # A deletion is not caught by the trail's flush hook: say it here.
    audit_log.append(
        session.connection(),
        username=audit_log.session_actor(session).username,
        action=AuditAction.UPDATE,
        record_type=HourEntry.__tablename__,
        record_id=entry.id,
        detail={
            "removed": [
                f"{entry.served_on.isoformat()} {entry.minutes} min (volunteer {entry.volunteer_id})",
                None,
            ]
        },
    )
    session.delete(entry)
    try:
        session.flush()
    except IntegrityError as exc:
        if "confirmed hours are never" in str(exc):
            raise _refuse_confirmed() from exc
        raise


def _net(session: Session, entry: HourEntry) -> int:
    """The minutes of a confirmed line with the adjustments made to it so far."""
    h = table_of(HourEntry)
    extra = (
        session.connection()
        .execute(
            select(func.coalesce(func.sum(h.c.minutes), 0)).where(
                # The volunteer's index finds their lines; adjusts_id has none of its own.
                h.c.volunteer_id == entry.volunteer_id,
                h.c.adjusts_id == entry.id,
            )
        )
        .scalar_one()
    )
    return entry.minutes + int(extra)


def _tally(session: Session, volunteer_id: str) -> int:
    row = (
        session.connection()
        .exec_driver_sql(
            "SELECT minutes FROM volunteer_tally WHERE volunteer_id = ?", (volunteer_id,)
        )
        .one_or_none()
    )
    return int(row[0]) if row else 0


def adjust(
    session: Session,
    *,
    volunteer_id: str,
    minutes: int,
    reason: str,
    served_on: dt.date,
    adjusts_id: str | None = None,
    now: dt.datetime | None = None,
) -> HourEntry:
    """调整: a confirmed adjusting line of ± `minutes` with a reason, correcting `adjusts_id`
    (a confirmed line of the same volunteer) or the volunteer's hours in general. Neither
    the corrected line nor the volunteer's total may go below zero."""
    _edit(session)
    issues: list[Issue] = []
    if not (reason or "").strip():
        issues.append(Issue("reason", "volunteer_hours.reason"))
    if minutes == 0:
        issues.append(Issue("minutes", "volunteer_hours.zero"))
    elif abs(minutes) > MAX_ADJUST_MINUTES:
        issues.append(Issue("minutes", "volunteer_hours.minutes", {"high": MAX_ADJUST_MINUTES}))
    if issues:
        raise DomainError(issues)
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer", "not_found"))
    activity_id = order_id = None
    if adjusts_id is not None:
        target = get_entry(session, adjusts_id)
        if target.volunteer_id != volunteer_id:
            raise DomainError(Issue("adjusts_id", "volunteer_hours.adjusts_other"))
        if target.state != "confirmed":
            raise DomainError(Issue("adjusts_id", "volunteer_hours.adjusts_pending"))
        if served_on < target.served_on:
            raise DomainError(
                Issue(
                    "served_on",
                    "volunteer_hours.adjust_before",
                    {"on": target.served_on.isoformat()},
                )
            )
        net = _net(session, target)
        if net + minutes < 0:
            raise DomainError(Issue("minutes", "volunteer_hours.below_zero", {"minutes": net}))
        activity_id, order_id = target.activity_id, target.order_id
    total = _tally(session, volunteer_id)
    if total + minutes < 0:
        raise DomainError(Issue("minutes", "volunteer_hours.below_zero", {"minutes": total}))
    who = username(session)
    entry = HourEntry(
        office_id=volunteer.office_id,
        volunteer_id=volunteer_id,
        served_on=served_on,
        minutes=minutes,
        kind="adjustment",
        activity_id=activity_id,
        order_id=order_id,
        adjusts_id=adjusts_id,
        reason=reason.strip(),
        state="confirmed",
        recorded_by=who,
        confirmed_at=now or utcnow(),
        confirmed_by=who,
    )
    session.add(entry)
    session.flush()
    return entry


# -- reading -----------------------------------------------------------------------------------


def kind_label(kind: str) -> str:
    return rules.HOUR_KINDS.label(kind)


def entry_state_label(state: str) -> str:
    return rules.HOUR_STATES.label(state)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One line of a volunteer's ledger as shown. `adjusting` is True for an adjusting line
    placed right under the line it corrects; `net_minutes` is a line's minutes with its
    adjustments (the line's own minutes for an adjusting line)."""

    id: str
    volunteer_id: str
    served_on: dt.date
    minutes: int
    kind: str
    state: str
    activity_id: str | None
    activity_title: str
    order_id: str | None
    order_number: str
    adjusts_id: str | None
    reason: str
    recorded_by: str
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    confirmed_by: str
    adjusting: bool
    net_minutes: int

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def state_label(self) -> str:
        return entry_state_label(self.state)

    @property
    def what(self) -> str:
        """The activity's title, the order's number, or the reason of an adjustment."""
        if self.kind == "adjustment":
            return self.reason
        return self.activity_title or self.order_number


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise DomainError(Issue("start", "volunteer_hours.period"))


def _ledger_query():  # noqa: ANN202 - a select
    h = table_of(HourEntry)
    a = table_of(VolunteerActivity)
    o = table_of(ServiceOrder)
    query = (
        select(h, a.c.title.label("activity_title"), o.c.number.label("order_number"))
        .outerjoin(a, a.c.id == h.c.activity_id)
        .outerjoin(o, o.c.id == h.c.order_id)
    )
    return query, h


def ledger(
    source: Session | Database,
    volunteer_id: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[LedgerLine]:
    """A volunteer's lines served from `start` to `end` (included; None = open), oldest first,
    each adjusting line right after the line it adjusts (after the earlier adjustments of
    it). An adjustment whose line falls outside the period is shown in its own date order."""
    _check_period(start, end)
    query, h = _ledger_query()
    query = query.where(h.c.volunteer_id == volunteer_id)
    if start is not None:
        query = query.where(h.c.served_on >= start)
    if end is not None:
        query = query.where(h.c.served_on <= end)
    query = query.order_by(h.c.served_on, h.c.created_at, h.c.id)
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        rows = [r._mapping for r in conn.execute(query)]
    present = {m["id"] for m in rows}
    children: dict[str, list] = {}
    for m in rows:
        if m["adjusts_id"] in present:
            children.setdefault(m["adjusts_id"], []).append(m)
    net: dict[str, int] = {}
    for m in rows:
        net[m["id"]] = m["minutes"] + sum(c["minutes"] for c in children.get(m["id"], []))
    out: list[LedgerLine] = []

    def place(m, adjusting: bool) -> None:  # noqa: ANN001 - a row mapping
        out.append(_line(m, adjusting, net[m["id"]] if not adjusting else m["minutes"]))
        for child in children.get(m["id"], []):
            place(child, True)

    for m in rows:
        if m["adjusts_id"] not in present:
            place(m, False)
    return out


def _line(m, adjusting: bool, net_minutes: int) -> LedgerLine:  # noqa: ANN001
    return LedgerLine(
        id=m["id"],
        volunteer_id=m["volunteer_id"],
        served_on=m["served_on"],
        minutes=m["minutes"],
        kind=m["kind"],
        state=m["state"],
        activity_id=m["activity_id"],
        activity_title=m["activity_title"] or "",
        order_id=m["order_id"],
        order_number=m["order_number"] or "",
        adjusts_id=m["adjusts_id"],
        reason=m["reason"],
        recorded_by=m["recorded_by"],
        created_at=_aware(m["created_at"]),  # type: ignore[arg-type]
        confirmed_at=_aware(m["confirmed_at"]),
        confirmed_by=m["confirmed_by"],
        adjusting=adjusting,
        net_minutes=net_minutes,
    )


def pending(
    source: Session | Database,
    *,
    activity_id: str | None = None,
    volunteer_id: str | None = None,
) -> list[LedgerLine]:
    """Lines waiting to be confirmed, oldest first (of an activity or a volunteer if given)."""
    query, h = _ledger_query()
    query = query.where(h.c.state == "pending")
    if activity_id is not None:
        s = table_of(VolunteerSignup)
        signed = select(s.c.volunteer_id).where(s.c.activity_id == activity_id)
        query = query.where(h.c.activity_id == activity_id, h.c.volunteer_id.in_(signed))
    if volunteer_id is not None:
        query = query.where(h.c.volunteer_id == volunteer_id)
    if activity_id is None and volunteer_id is None:
        # One probe of (volunteer_id, state) per volunteer instead of reading every line.
        v = table_of(Volunteer)
        query = query.where(h.c.volunteer_id.in_(select(v.c.id)))
    query = query.order_by(h.c.served_on, h.c.created_at, h.c.id)
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        return [_line(r._mapping, False, r._mapping["minutes"]) for r in conn.execute(query)]


@dataclass(frozen=True, slots=True)
class HoursRow:
    """A confirmed line with its volunteer, for exports (ID number and phone unmasked: the
    exporter masks them unless the user may see them)."""

    entry_id: str
    volunteer_id: str
    number: str
    name: str
    sex: str | None
    id_number: str | None
    phone: str | None
    served_on: dt.date
    minutes: int
    kind: str
    activity_id: str | None
    activity: str
    project: str
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    order_number: str
    adjusts_id: str | None
    reason: str
    recorded_by: str
    confirmed_at: dt.datetime | None
    confirmed_by: str


def iter_hours_rows(
    source: Session | Database,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[HoursRow]:
    """Every confirmed line served from `start` to `end` (included; None = open), by
    volunteer number, day and entry, read as they are written out (memory stays flat with a
    million lines). A resident volunteer's ID number and phone come from the register."""
    # Refusals come at the call, not at the first row read.
    _check_period(start, end)
    authz.require(source, Permission.VOLUNTEER_VIEW)
    return _hours_rows(source, start, end)


def _hours_rows(
    source: Session | Database, start: dt.date | None, end: dt.date | None
) -> Iterator[HoursRow]:
    from govdesk.domain.models import Resident

    h = table_of(HourEntry)
    v = table_of(Volunteer)
    a = table_of(VolunteerActivity)
    o = table_of(ServiceOrder)
    r = table_of(Resident)
    query = (
        select(
            h.c.id,
            h.c.volunteer_id,
            v.c.number,
            v.c.name,
            v.c.sex,
            func.coalesce(v.c.id_number, r.c.id_number).label("id_number"),
            func.coalesce(v.c.phone, r.c.phone).label("phone"),
            h.c.served_on,
            h.c.minutes,
            h.c.kind,
            h.c.activity_id,
            a.c.title,
            a.c.project,
            a.c.start_time,
            a.c.end_time,
            a.c.place,
            o.c.number.label("order_number"),
            h.c.adjusts_id,
            h.c.reason,
            h.c.recorded_by,
            h.c.confirmed_at,
            h.c.confirmed_by,
        )
        .join(v, v.c.id == h.c.volunteer_id)
        .outerjoin(r, r.c.id == v.c.resident_id)
        .outerjoin(a, a.c.id == h.c.activity_id)
        .outerjoin(o, o.c.id == h.c.order_id)
        .where(h.c.state == "confirmed")
    )
    if start is not None:
        query = query.where(h.c.served_on >= start)
    if end is not None:
        query = query.where(h.c.served_on <= end)
    query = query.order_by(v.c.number, h.c.served_on, h.c.created_at, h.c.id)
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        for row in conn.execute(query.execution_options(yield_per=2000)):
            yield HoursRow(
                entry_id=row[0],
                volunteer_id=row[1],
                number=row[2],
                name=row[3],
                sex=row[4],
                id_number=row[5],
                phone=row[6],
                served_on=row[7],
                minutes=row[8],
                kind=row[9],
                activity_id=row[10],
                activity=row[11] or "",
                project=row[12] or "",
                start_time=row[13],
                end_time=row[14],
                place=row[15] or "",
                order_number=row[16] or "",
                adjusts_id=row[17],
                reason=row[18],
                recorded_by=row[19],
                confirmed_at=_aware(row[20]),
                confirmed_by=row[21],
            )


def hours_rows(
    source: Session | Database,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[HoursRow]:
    """`iter_hours_rows` as a list."""
    return list(iter_hours_rows(source, start=start, end=end))


@dataclass(frozen=True)
class LedgerTotals:
    """Sums of a volunteer's lines over a period: confirmed (services and adjustments) and
    pending minutes."""

    confirmed: int
    service: int  # confirmed service lines alone
    adjustments: int  # the confirmed adjusting lines' sum (may be negative)
    pending: int


def ledger_totals(lines: Iterable[LedgerLine]) -> LedgerTotals:
    """Totals of ledger lines already read (`ledger`), for a panel that shows both."""
    service = adjustments = waiting = 0
    for line in lines:
        if line.state != "confirmed":
            waiting += line.minutes
        elif line.kind == "adjustment":
            adjustments += line.minutes
        else:
            service += line.minutes
    return LedgerTotals(service + adjustments, service, adjustments, waiting)
