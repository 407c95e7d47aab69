"""Weekly duty rosters (排班表): recurring shifts, who takes them, the week view, and the
week's activities made from them.

A shift (DutyShift) recurs every week on one ISO weekday (1 = Monday) from `start_on` up to
the day before `end_on` (end exclusive; None: still running). An assignment (DutyAssignment)
puts a volunteer on a shift over a span of days, end exclusive too, so a roster of any past
week can be read back as it was.

`schedule_week` turns a week of the roster into activities (one per shift and day, with
`duty_id` naming the shift) and signs the assigned volunteers up, so check-in, check-out and
hours work as for any activity. It never makes the same shift and day twice.

Reading needs VOLUNTEER_VIEW, every change VOLUNTEER_EDIT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from govdesk.domain import messages
from govdesk.domain import volunteers as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    DutyAssignment,
    DutyShift,
    Volunteer,
    VolunteerActivity,
    VolunteerSignup,
    VolunteerTeam,
    table_of,
    utcnow,
)
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office
from govdesk.services.volunteer_activities import (
    clock,
    create_activity,
    reading,
    sign_up,
)
from govdesk.store.database import Database

messages.register(
    {
        "duty_roster.title": ("值班名称不能为空", "The shift needs a title"),
        "duty_roster.duty": ("值班类别不能为空", "The shift needs a kind of duty"),
        "duty_roster.weekday": (
            "星期应为1（周一）至7（周日）",
            "The weekday must be 1 (Monday) to 7 (Sunday)",
        ),
        "duty_roster.times": (
            "结束时间（{end}）应晚于开始时间（{start}）",
            "The end time ({end}) must be after the start time ({start})",
        ),
        "duty_roster.headcount": (
            "每班人数应为0至{high}（0表示不限）",
            "The headcount must be 0 to {high} (0 means any number)",
        ),
        "duty_roster.dates": (
            "结束日期不能早于开始日期（{start}）",
            "The end date cannot be before the start date ({start})",
        ),
        "duty_roster.ended": (
            "该班次已于{on}停止",
            "The shift ended on {on}",
        ),
        "duty_roster.not_running": (
            "该班次在{on}没有安排（{start}起{end}）",
            "The shift does not run on {on} (from {start}{end})",
        ),
        "duty_roster.inactive": (
            "{name}不是在册的志愿者（状态：{status}）",
            "{name} is not an active volunteer (status: {status})",
        ),
        "duty_roster.twice": (
            "{name}已在这个班次中（自{start}起）",
            "{name} is already on this shift (from {start})",
        ),
        "duty_roster.assignment_ended": (
            "这项排班已于{on}结束",
            "This assignment already ended on {on}",
        ),
        "duty_roster.team": (
            "志愿服务队不存在或已解散",
            "The team does not exist or was dissolved",
        ),
    }
)

MAX_HEADCOUNT = 999


def duty_label(duty: str) -> str:
    """The kind of duty in words: the domain's list when it knows the code, else as typed."""
    return rules.DUTY_KINDS.label(duty)


def _duty_code(duty: str) -> str:
    """A known kind of duty by its code (its label typed is accepted), free text otherwise."""
    text = (duty or "").strip()
    return rules.DUTY_KINDS.parse(text) or text


def _edit(session: Session) -> None:
    authz.require(session, Permission.VOLUNTEER_EDIT)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def runs_on(start_on: dt.date, end_on: dt.date | None, day: dt.date) -> bool:
    """Whether a span from `start_on` to `end_on` (exclusive; None = open) covers `day`."""
    return start_on <= day and (end_on is None or day < end_on)


def get_shift(session: Session, shift_id: str) -> DutyShift:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    shift = session.get(DutyShift, shift_id)
    if shift is None:
        raise DomainError(Issue("shift", "not_found"))
    return shift


def add_shift(
    session: Session,
    *,
    duty: str,
    title: str,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    start_on: dt.date,
    place: str = "",
    headcount: int = 1,
    team_id: str | None = None,
    end_on: dt.date | None = None,
) -> DutyShift:
    """A weekly shift: `duty` a DUTY_KINDS code or label (or free text), `weekday` 1–7."""
    _edit(session)
    issues: list[Issue] = []
    duty_code = _duty_code(duty)
    if not duty_code:
        issues.append(Issue("duty", "duty_roster.duty"))
    if not (title or "").strip():
        issues.append(Issue("title", "duty_roster.title"))
    if not (isinstance(weekday, int) and 1 <= weekday <= 7):
        issues.append(Issue("weekday", "duty_roster.weekday"))
    if end_time <= start_time:
        issues.append(
            Issue(
                "end_time",
                "duty_roster.times",
                {"start": clock(start_time), "end": clock(end_time)},
            )
        )
    if not 0 <= headcount <= MAX_HEADCOUNT:
        issues.append(Issue("headcount", "duty_roster.headcount", {"high": MAX_HEADCOUNT}))
    if end_on is not None and end_on < start_on:
        issues.append(Issue("end_on", "duty_roster.dates", {"start": start_on.isoformat()}))
    if team_id is not None:
        team = session.get(VolunteerTeam, team_id)
        if team is None or team.dissolved_on is not None:
            issues.append(Issue("team_id", "duty_roster.team"))
    if issues:
        raise DomainError(issues)
    shift = DutyShift(
        office_id=current_office(session).id,
        duty=duty_code,
        title=title.strip(),
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        headcount=headcount,
        team_id=team_id,
        start_on=start_on,
        end_on=end_on,
    )
    session.add(shift)
    session.flush()
    return shift


def _assignments_of(session: Session, shift_id: str) -> list[DutyAssignment]:
    d = table_of(DutyAssignment)
    ids = session.connection().execute(select(d.c.id).where(d.c.shift_id == shift_id))
    return [session.get_one(DutyAssignment, r[0]) for r in ids]


def end_shift(session: Session, shift_id: str, *, on: dt.date) -> DutyShift:
    """Stops a shift from `on` (the first day it no longer runs); its assignments end too."""
    _edit(session)
    shift = get_shift(session, shift_id)
    if shift.end_on is not None and shift.end_on <= on:
        raise DomainError(Issue("end_on", "duty_roster.ended", {"on": shift.end_on.isoformat()}))
    if on < shift.start_on:
        raise DomainError(
            Issue("end_on", "duty_roster.dates", {"start": shift.start_on.isoformat()})
        )
    shift.end_on = on
    for assignment in _assignments_of(session, shift_id):
        if assignment.end_on is None or assignment.end_on > on:
            # An assignment that had not begun by then ends as it starts: an empty span.
            assignment.end_on = max(on, assignment.start_on)
    session.flush()
    return shift


def assign(
    session: Session, *, shift_id: str, volunteer_id: str, start_on: dt.date
) -> DutyAssignment:
    """Puts an active volunteer on a shift from `start_on` on (within the shift's span)."""
    _edit(session)
    shift = get_shift(session, shift_id)
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer", "not_found"))
    if volunteer.status != "active":
        raise DomainError(
            Issue(
                "volunteer",
                "duty_roster.inactive",
                {"name": volunteer.name, "status": rules.VOLUNTEER_STATUS.label(volunteer.status)},
            )
        )
    if not runs_on(shift.start_on, shift.end_on, start_on):
        end = "" if shift.end_on is None else f"，{shift.end_on.isoformat()}停止"
        if messages.language() == "en" and shift.end_on is not None:
            end = f", until {shift.end_on.isoformat()}"
        raise DomainError(
            Issue(
                "start_on",
                "duty_roster.not_running",
                {"on": start_on.isoformat(), "start": shift.start_on.isoformat(), "end": end},
            )
        )
    for other in _assignments_of(session, shift_id):
        if other.volunteer_id != volunteer_id:
            continue
        # Spans overlap unless one ends before (or as) the other starts.
        ends_before = other.end_on is not None and other.end_on <= start_on
        if not ends_before and (other.end_on is None or other.end_on > other.start_on):
            raise DomainError(
                Issue(
                    "volunteer",
                    "duty_roster.twice",
                    {"name": volunteer.name, "start": other.start_on.isoformat()},
                )
            )
    assignment = DutyAssignment(
        office_id=shift.office_id,
        shift_id=shift_id,
        volunteer_id=volunteer_id,
        start_on=start_on,
        end_on=shift.end_on,
    )
    session.add(assignment)
    session.flush()
    return assignment


def unassign(session: Session, assignment_id: str, *, on: dt.date) -> DutyAssignment:
    """Takes the volunteer off the shift from `on` (the first day they no longer serve)."""
    _edit(session)
    assignment = session.get(DutyAssignment, assignment_id)
    if assignment is None:
        raise DomainError(Issue("assignment", "not_found"))
    if assignment.end_on is not None and assignment.end_on <= on:
        raise DomainError(
            Issue("end_on", "duty_roster.assignment_ended", {"on": assignment.end_on.isoformat()})
        )
    assignment.end_on = max(on, assignment.start_on)
    session.flush()
    return assignment


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShiftInfo:
    id: str
    duty: str
    title: str
    weekday: int
    start_time: dt.time
    end_time: dt.time
    place: str
    headcount: int
    team_id: str | None
    team_name: str
    start_on: dt.date
    end_on: dt.date | None

    @property
    def duty_label(self) -> str:
        return duty_label(self.duty)

    @property
    def times(self) -> str:
        return f"{clock(self.start_time)}–{clock(self.end_time)}"


@dataclass(frozen=True, slots=True)
class RosterVolunteer:
    assignment_id: str
    volunteer_id: str
    number: str
    name: str
    phone: str | None  # unmasked: the view masks it unless the user may see it
    start_on: dt.date
    end_on: dt.date | None
    status: str  # the volunteer's status now: schedule_week signs up only active ones


@dataclass(frozen=True)
class ShiftView:
    """A shift on one day with the volunteers on it that day, and the activity made for it."""

    shift: ShiftInfo
    day: dt.date
    volunteers: list[RosterVolunteer]
    activity_id: str | None  # made by schedule_week, None before

    @property
    def short(self) -> int:
        """How many more volunteers the shift needs that day (0 when enough)."""
        if not self.shift.headcount:
            return 0
        return max(0, self.shift.headcount - len(self.volunteers))


@dataclass(frozen=True)
class Week:
    """Seven days from `monday`; `days[0]` is Monday's shifts by start time."""

    monday: dt.date
    days: list[list[ShiftView]] = field(default_factory=list)

    def dates(self) -> list[dt.date]:
        return [self.monday + dt.timedelta(days=i) for i in range(7)]

    def shifts(self) -> list[ShiftInfo]:
        """The distinct shifts running some day of the week, by weekday and start time."""
        seen: dict[str, ShiftInfo] = {}
        for day in self.days:
            for view in day:
                seen.setdefault(view.shift.id, view.shift)
        return list(seen.values())


def _shift_info(m) -> ShiftInfo:  # noqa: ANN001 - a row mapping
    return ShiftInfo(
        id=m["id"],
        duty=m["duty"],
        title=m["title"],
        weekday=m["weekday"],
        start_time=m["start_time"],
        end_time=m["end_time"],
        place=m["place"],
        headcount=m["headcount"],
        team_id=m["team_id"],
        team_name=m["team_name"] or "",
        start_on=m["start_on"],
        end_on=m["end_on"],
    )


def shifts(source: Session | Database, *, on: dt.date | None = None) -> list[ShiftInfo]:
    """Every shift (or those running on `on`), by weekday and start time."""
    t = table_of(DutyShift)
    team = table_of(VolunteerTeam)
    query = (
        select(t, team.c.name.label("team_name"))
        .outerjoin(team, team.c.id == t.c.team_id)
        .order_by(t.c.weekday, t.c.start_time, t.c.title)
    )
    if on is not None:
        query = query.where(t.c.start_on <= on, or_(t.c.end_on.is_(None), t.c.end_on > on))
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        return [_shift_info(r._mapping) for r in conn.execute(query)]


def assignments(source: Session | Database, shift_id: str) -> list[RosterVolunteer]:
    """Everyone ever assigned to a shift, by start day and number."""
    d = table_of(DutyAssignment)
    v = table_of(Volunteer)
    query = (
        select(
            d.c.id,
            d.c.volunteer_id,
            v.c.number,
            v.c.name,
            v.c.phone,
            d.c.start_on,
            d.c.end_on,
            v.c.status,
        )
        .join(v, v.c.id == d.c.volunteer_id)
        .where(d.c.shift_id == shift_id)
        .order_by(d.c.start_on, v.c.number)
    )
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        return [RosterVolunteer(*r) for r in conn.execute(query)]


def week(source: Session | Database, monday: dt.date) -> Week:
    """The roster of the week that holds `monday` (any day of it is taken to its Monday)."""
    monday = monday_of(monday)
    sunday = monday + dt.timedelta(days=6)
    t = table_of(DutyShift)
    team = table_of(VolunteerTeam)
    d = table_of(DutyAssignment)
    v = table_of(Volunteer)
    a = table_of(VolunteerActivity)
    running = and_(t.c.start_on <= sunday, or_(t.c.end_on.is_(None), t.c.end_on > monday))
    shift_query = (
        select(t, team.c.name.label("team_name"))
        .outerjoin(team, team.c.id == t.c.team_id)
        .where(running)
        .order_by(t.c.start_time, t.c.title)
    )
    people_query = (
        select(
            d.c.shift_id,
            d.c.id,
            d.c.volunteer_id,
            v.c.number,
            v.c.name,
            v.c.phone,
            d.c.start_on,
            d.c.end_on,
            v.c.status,
        )
        .join(v, v.c.id == d.c.volunteer_id)
        .join(t, t.c.id == d.c.shift_id)
        .where(running, d.c.start_on <= sunday, or_(d.c.end_on.is_(None), d.c.end_on > monday))
        .order_by(v.c.number)
    )
    made_query = select(a.c.duty_id, a.c.held_on, a.c.id).where(
        a.c.duty_id.is_not(None), a.c.held_on >= monday, a.c.held_on <= sunday
    )
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        infos = [_shift_info(r._mapping) for r in conn.execute(shift_query)]
        people: dict[str, list[RosterVolunteer]] = {}
        for r in conn.execute(people_query):
            people.setdefault(r[0], []).append(RosterVolunteer(*r[1:]))
        made = {(r[0], r[1]): r[2] for r in conn.execute(made_query)}
    days: list[list[ShiftView]] = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        views = [
            ShiftView(
                shift=info,
                day=day,
                volunteers=[
                    p for p in people.get(info.id, []) if runs_on(p.start_on, p.end_on, day)
                ],
                activity_id=made.get((info.id, day)),
            )
            for info in infos
            if info.weekday == offset + 1 and runs_on(info.start_on, info.end_on, day)
        ]
        days.append(views)
    return Week(monday=monday, days=days)


def schedule_week(
    session: Session, monday: dt.date, *, now: dt.datetime | None = None
) -> list[VolunteerActivity]:
    """排入本周: an activity for each shift and day of the week that has none yet, with the
    volunteers on the shift that day signed up (active ones; warnings are kept on the
    sign-ups). Returns the activities made now, by day and start time."""
    _edit(session)
    when = now or utcnow()
    roster = week(session, monday)
    made: list[VolunteerActivity] = []
    for views in roster.days:
        for view in views:
            if view.activity_id is not None:
                continue
            info = view.shift
            activity = create_activity(
                session,
                title=info.title,
                held_on=view.day,
                start_time=info.start_time,
                end_time=info.end_time,
                place=info.place,
                headcount=info.headcount,
                team_id=_live_team(session, info.team_id),
                project=duty_label(info.duty),
                duty_id=info.id,
            )
            for person in view.volunteers:
                if person.status != rules.ACTIVE:
                    continue
                sign_up(
                    session, activity_id=activity.id, volunteer_id=person.volunteer_id, now=when
                )
            made.append(activity)
    return made


def _live_team(session: Session, team_id: str | None) -> str | None:
    # A dissolved team no longer organises anything; the duty itself goes on.
    if team_id is None:
        return None
    team = session.get(VolunteerTeam, team_id)
    return team_id if team is not None and team.dissolved_on is None else None


@dataclass(frozen=True)
class Released:
    """What `release` did: sign-ups cancelled and duty assignments ended."""

    signups: int
    assignments: int


def release(session: Session, volunteer_id: str, *, on: dt.date) -> Released:
    """A volunteer who leaves (or pauses) from `on`: their duty assignments end that day, and
    their sign-ups for planned activities held on or after it are cancelled. What already
    happened (check-ins, hours) stays as it is."""
    _edit(session)
    if session.get(Volunteer, volunteer_id) is None:
        raise DomainError(Issue("volunteer", "not_found"))
    d = table_of(DutyAssignment)
    conn = session.connection()
    open_ids = conn.execute(
        select(d.c.id).where(
            d.c.volunteer_id == volunteer_id, or_(d.c.end_on.is_(None), d.c.end_on > on)
        )
    ).all()
    for (assignment_id,) in open_ids:
        assignment = session.get_one(DutyAssignment, assignment_id)
        assignment.end_on = max(on, assignment.start_on)
    s = table_of(VolunteerSignup)
    a = table_of(VolunteerActivity)
    signup_ids = conn.execute(
        select(s.c.id)
        .join(a, a.c.id == s.c.activity_id)
        .where(
            s.c.volunteer_id == volunteer_id,
            s.c.state == rules.SIGNED_UP,
            a.c.state == rules.PLANNED,
            a.c.held_on >= on,
        )
    ).all()
    for (signup_id,) in signup_ids:
        session.get_one(VolunteerSignup, signup_id).state = rules.CANCELLED
    session.flush()
    return Released(signups=len(signup_ids), assignments=len(open_ids))
