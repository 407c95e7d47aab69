"""Volunteer activities and sign-ups: plan, change, cancel, finish; sign up with warnings.

An activity is held on one day between two wall-clock times of the office (`held_on`,
`start_time`, `end_time`; end after start, so nothing runs past midnight). Sign-ups are never
deleted: a cancelled sign-up keeps its row and may be renewed, because the table allows one
sign-up per volunteer and activity.

Signing up refuses only what cannot be right (a paused or departed volunteer, a cancelled or
finished activity, the same volunteer twice). What a coordinator may knowingly accept is a
warning returned with the sign-up and kept on it (`warnings`: codes joined by ","):
  clash  the volunteer is signed up for another activity that day at an overlapping time
         (touching times, 9–11 and 11–12, are no clash);
  skill  the activity wants a skill the volunteer does not have;
  full   the headcount was already reached (headcount 0 means any number).

Reading needs VOLUNTEER_VIEW, every change VOLUNTEER_EDIT. Changes are on the audit trail
through the session's flush hook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, func, select
from sqlmodel import Session

from govdesk.domain import messages
from govdesk.domain import volunteers as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    HourEntry,
    Volunteer,
    VolunteerActivity,
    VolunteerSignup,
    VolunteerTeam,
    table_of,
)
from govdesk.domain.permissions import Permission
from govdesk.services import authz, volunteers
from govdesk.services.office import current_office
from govdesk.store.database import Database

messages.register(
    {
        "volunteer_activity.title": ("活动名称不能为空", "The activity needs a title"),
        "volunteer_activity.times": (
            "结束时间（{end}）应晚于开始时间（{start}）",
            "The end time ({end}) must be after the start time ({start})",
        ),
        "volunteer_activity.headcount": (
            "所需人数应为0至{high}（0表示不限）",
            "The headcount must be 0 to {high} (0 means any number)",
        ),
        "volunteer_activity.skill": (
            "“{value}”不是技能列表中的技能",
            "'{value}' is not a skill of the skills list",
        ),
        "volunteer_activity.team": (
            "志愿服务队不存在或已解散",
            "The team does not exist or was dissolved",
        ),
        "volunteer_activity.state": (
            "活动状态为“{state}”，不能{action}",
            "The activity is '{state}': it cannot be {action}",
        ),
        "volunteer_activity.has_hours": (
            "活动已有签到或服务时长记录，不能取消",
            "Volunteers have checked in or hours were recorded: the activity cannot be cancelled",
        ),
        "volunteer_activity.unknown_field": (
            "活动没有“{field}”这一项",
            "An activity has no field '{field}'",
        ),
        "volunteer_signup.inactive": (
            "{name}的状态是“{status}”，不能报名",
            "{name} is '{status}' and cannot sign up",
        ),
        "volunteer_signup.twice": (
            "{name}已经报名了这个活动",
            "{name} has already signed up for this activity",
        ),
        "volunteer_signup.clash": (
            "与同一天的“{title}”（{start}–{end}）时间冲突",
            "Clashes with '{title}' ({start}–{end}) the same day",
        ),
        "volunteer_signup.skill": (
            "{name}没有活动需要的技能：{skills}",
            "{name} lacks a skill the activity wants: {skills}",
        ),
        "volunteer_signup.full": (
            "报名人数已满（需要{headcount}人，已报名{count}人）",
            "The headcount is reached ({count} signed up for {headcount})",
        ),
        "volunteer_signup.not_absent": (
            "报名状态是“{state}”，不能记为缺席",
            "The sign-up is '{state}' and cannot be marked absent",
        ),
        "volunteer_signup.not_cancellable": (
            "报名状态是“{state}”，不能取消报名",
            "The sign-up is '{state}' and cannot be cancelled",
        ),
    }
)

MAX_HEADCOUNT = 9999
# Sign-up states in which the volunteer still takes part (or took part).
TAKING_PART = ("signed_up", "checked_in", "checked_out")
# The fields `update_activity` may change.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "held_on",
        "start_time",
        "end_time",
        "place",
        "headcount",
        "skills",
        "team_id",
        "project",
        "organiser",
        "note",
    }
)

_ACTIONS = {
    "update": ("修改", "changed"),
    "cancel": ("取消", "cancelled"),
    "finish": ("结束", "finished"),
    "sign_up": ("报名", "signed up for"),
    "check_in": ("签到", "checked in to"),
    "hours": ("录入时长", "given hours"),
}


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if messages.language() == "en" else pair[0]


def activity_state_label(state: str) -> str:
    return rules.ACTIVITY_STATES.label(state)


def signup_state_label(state: str) -> str:
    return rules.SIGNUP_STATES.label(state)


def refuse_state(activity: VolunteerActivity, action: str) -> DomainError:
    """The refusal for a step the activity's state does not allow."""
    return DomainError(
        Issue(
            "state",
            "volunteer_activity.state",
            {"state": activity_state_label(activity.state), "action": _pick(_ACTIONS[action])},
        )
    )


def clock(t: dt.time) -> str:
    return t.strftime("%H:%M")


def split_codes(value: str | None) -> list[str]:
    return rules.split_codes(value)


# -- reading helpers shared by the volunteer services ------------------------------------------


@contextlib.contextmanager
def reading(source: Session | Database, permission: Permission) -> Iterator[Connection]:
    """A connection to read with, after checking `permission`: a session's own connection,
    flushed first so the read sees the session's changes, or a new read connection."""
    authz.require(source, permission)
    if isinstance(source, Session):
        source.flush()
        yield source.connection()
    else:
        with source.connect() as conn:
            yield conn


def username(session: Session) -> str:
    try:
        return authz.actor_of(session).username
    except authz.PermissionDenied:
        return ""


def activity_lines(h: Table, volunteer_id: Any, activity_id: Any, held_on: Any) -> tuple:
    """The condition for a volunteer's hour lines of an activity, shaped for the index
    (volunteer_id, state, served_on, …): hour_entry has no index on activity_id, and a line
    of an activity is never dated before the activity (service lines are dated on its day;
    an adjustment not before the line it corrects), so the index narrows to a few lines."""
    return (
        h.c.volunteer_id == volunteer_id,
        h.c.state.in_(("pending", "confirmed")),
        h.c.served_on >= held_on,
        h.c.activity_id == activity_id,
    )


def volunteers_with_hours(conn: Connection, activity_id: str) -> set[str]:
    """The volunteers who have an hour line for the activity, read through its sign-ups
    (every activity line is written for a sign-up)."""
    s = table_of(VolunteerSignup)
    a = table_of(VolunteerActivity)
    h = table_of(HourEntry)
    rows = conn.execute(
        select(h.c.volunteer_id)
        .distinct()
        .select_from(s)
        .join(a, a.c.id == s.c.activity_id)
        .join(h, and_(*activity_lines(h, s.c.volunteer_id, s.c.activity_id, a.c.held_on)))
        .where(s.c.activity_id == activity_id)
    )
    return {r[0] for r in rows}


def get_activity(session: Session, activity_id: str) -> VolunteerActivity:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    activity = session.get(VolunteerActivity, activity_id)
    if activity is None:
        raise DomainError(Issue("activity", "not_found"))
    return activity


def get_signup(session: Session, signup_id: str) -> VolunteerSignup:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    signup = session.get(VolunteerSignup, signup_id)
    if signup is None:
        raise DomainError(Issue("signup", "not_found"))
    return signup


def _volunteer(session: Session, volunteer_id: str) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer", "not_found"))
    return volunteer


# -- activities --------------------------------------------------------------------------------


def _skill_codes(
    session: Session,
    skills: Iterable[str] | str,
    issues: list[Issue],
    had: Iterable[str] = (),
) -> str:
    """Skill codes from codes or labels; a switched-off skill only when the activity had it."""
    values = split_codes(skills) if isinstance(skills, str) else list(skills)
    if not any(str(v).strip() for v in values):
        return ""
    settings = volunteers.skill_settings(session)
    known = settings.all_labels()
    found: list[str] = []
    for raw in values:
        value = str(raw).strip()
        if not value:
            continue
        code = settings.parse(value)
        if code is None or code not in known:
            issues.append(Issue("skills", "volunteer_activity.skill", {"value": value}))
        elif code in settings.disabled and code not in had:
            issues.append(
                Issue("skills", "volunteers.skill_disabled", {"skill": settings.label(code)})
            )
        elif code not in found:
            found.append(code)
    return rules.join_codes(found)


def _check(
    session: Session,
    *,
    title: str,
    start_time: dt.time,
    end_time: dt.time,
    headcount: int,
    skills: Iterable[str] | str,
    team_id: str | None,
    had_skills: Iterable[str] = (),
) -> str:
    """Validates an activity's fields; returns the skill codes joined by ","."""
    issues: list[Issue] = []
    if not (title or "").strip():
        issues.append(Issue("title", "volunteer_activity.title"))
    if end_time <= start_time:
        issues.append(
            Issue(
                "end_time",
                "volunteer_activity.times",
                {"start": clock(start_time), "end": clock(end_time)},
            )
        )
    if not 0 <= headcount <= MAX_HEADCOUNT:
        issues.append(Issue("headcount", "volunteer_activity.headcount", {"high": MAX_HEADCOUNT}))
    codes = _skill_codes(session, skills, issues, had_skills)
    if team_id is not None:
        team = session.get(VolunteerTeam, team_id)
        if team is None or team.dissolved_on is not None:
            issues.append(Issue("team_id", "volunteer_activity.team"))
    if issues:
        raise DomainError(issues)
    return codes


def create_activity(
    session: Session,
    *,
    title: str,
    held_on: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str = "",
    headcount: int = 0,
    skills: Iterable[str] | str = (),
    team_id: str | None = None,
    project: str = "",
    organiser: str = "",
    note: str = "",
    duty_id: str | None = None,
) -> VolunteerActivity:
    """A planned activity. `skills` are codes or labels of the office's skills list."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    codes = _check(
        session,
        title=title,
        start_time=start_time,
        end_time=end_time,
        headcount=headcount,
        skills=skills,
        team_id=team_id,
    )
    activity = VolunteerActivity(
        office_id=current_office(session).id,
        title=title.strip(),
        project=project.strip(),
        team_id=team_id,
        held_on=held_on,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        headcount=headcount,
        skills=codes,
        organiser=organiser.strip(),
        duty_id=duty_id,
        note=note.strip(),
    )
    session.add(activity)
    session.flush()
    return activity


def update_activity(session: Session, activity_id: str, **changes: object) -> VolunteerActivity:
    """Changes the given fields of a planned activity (names as in EDITABLE_FIELDS)."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    unknown = sorted(set(changes) - EDITABLE_FIELDS)
    if unknown:
        raise DomainError(
            [Issue(f, "volunteer_activity.unknown_field", {"field": f}) for f in unknown]
        )
    activity = get_activity(session, activity_id)
    if activity.state != "planned":
        raise refuse_state(activity, "update")
    merged: dict[str, object] = {f: getattr(activity, f) for f in EDITABLE_FIELDS}
    merged.update(changes)
    codes = _check(
        session,
        title=str(merged["title"]),
        start_time=merged["start_time"],  # type: ignore[arg-type]
        end_time=merged["end_time"],  # type: ignore[arg-type]
        headcount=int(merged["headcount"]),  # type: ignore[call-overload]
        skills=merged["skills"],  # type: ignore[arg-type]
        team_id=merged["team_id"],  # type: ignore[arg-type]
        had_skills=split_codes(activity.skills),
    )
    merged["skills"] = codes
    for field in ("title", "place", "project", "organiser", "note"):
        merged[field] = str(merged[field]).strip()
    for field, value in merged.items():
        if getattr(activity, field) != value:
            setattr(activity, field, value)
    session.flush()
    return activity


def _signup_rows(session: Session, activity_id: str) -> list[VolunteerSignup]:
    s = table_of(VolunteerSignup)
    ids = session.connection().execute(select(s.c.id).where(s.c.activity_id == activity_id))
    return [session.get_one(VolunteerSignup, r[0]) for r in ids]


def cancel_activity(session: Session, activity_id: str) -> VolunteerActivity:
    """Cancels a planned activity; its sign-ups become cancelled (kept, not removed).
    Refused once anyone checked in or hours were recorded for it."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    activity = get_activity(session, activity_id)
    if activity.state != "planned":
        raise refuse_state(activity, "cancel")
    signups = _signup_rows(session, activity_id)
    lines = volunteers_with_hours(session.connection(), activity_id)
    if lines or any(s.state in ("checked_in", "checked_out") for s in signups):
        raise DomainError(Issue("state", "volunteer_activity.has_hours"))
    activity.state = "cancelled"
    for signup in signups:
        if signup.state == "signed_up":
            signup.state = "cancelled"
    session.flush()
    return activity


def finish_activity(session: Session, activity_id: str) -> VolunteerActivity:
    """Marks a planned activity done; those signed up who never checked in become absent."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    activity = get_activity(session, activity_id)
    if activity.state != "planned":
        raise refuse_state(activity, "finish")
    with_hours = volunteers_with_hours(session.connection(), activity_id)
    for signup in _signup_rows(session, activity_id):
        if signup.state == "signed_up" and signup.volunteer_id not in with_hours:
            signup.state = "absent"
    activity.state = "done"
    session.flush()
    return activity


@dataclass(frozen=True, slots=True)
class ActivityView:
    """An activity as the lists show it, with how many take part."""

    id: str
    title: str
    project: str
    team_id: str | None
    team_name: str
    held_on: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str
    headcount: int
    skills: tuple[str, ...]
    organiser: str
    duty_id: str | None
    state: str
    note: str
    signed_up: int  # sign-ups still taking part (not cancelled, not absent)

    @property
    def state_label(self) -> str:
        return activity_state_label(self.state)

    @property
    def times(self) -> str:
        return f"{clock(self.start_time)}–{clock(self.end_time)}"

    @property
    def full(self) -> bool:
        return self.headcount > 0 and self.signed_up >= self.headcount


def activities(
    source: Session | Database,
    *,
    start: dt.date,
    end: dt.date,
    state: str | None = None,
    team_id: str | None = None,
) -> list[ActivityView]:
    """Activities held from `start` to `end` (both included), by day and start time."""
    a = table_of(VolunteerActivity)
    t = table_of(VolunteerTeam)
    s = table_of(VolunteerSignup)
    taking_part = (
        select(func.count())
        .select_from(s)
        .where(s.c.activity_id == a.c.id, s.c.state.in_(TAKING_PART))
        .scalar_subquery()
    )
    query = (
        select(a, t.c.name.label("team_name"), taking_part.label("signed_up"))
        .outerjoin(t, t.c.id == a.c.team_id)
        .where(a.c.held_on >= start, a.c.held_on <= end)
        .order_by(a.c.held_on, a.c.start_time, a.c.title)
    )
    if state is not None:
        query = query.where(a.c.state == state)
    if team_id is not None:
        query = query.where(a.c.team_id == team_id)
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        rows = conn.execute(query).all()
    return [_activity_view(r) for r in rows]


def activity_view(source: Session | Database, activity_id: str) -> ActivityView:
    a = table_of(VolunteerActivity)
    t = table_of(VolunteerTeam)
    s = table_of(VolunteerSignup)
    taking_part = (
        select(func.count())
        .select_from(s)
        .where(s.c.activity_id == a.c.id, s.c.state.in_(TAKING_PART))
        .scalar_subquery()
    )
    query = (
        select(a, t.c.name.label("team_name"), taking_part.label("signed_up"))
        .outerjoin(t, t.c.id == a.c.team_id)
        .where(a.c.id == activity_id)
    )
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        row = conn.execute(query).one_or_none()
    if row is None:
        raise DomainError(Issue("activity", "not_found"))
    return _activity_view(row)


def _activity_view(r) -> ActivityView:  # noqa: ANN001 - a result row
    m = r._mapping
    return ActivityView(
        id=m["id"],
        title=m["title"],
        project=m["project"],
        team_id=m["team_id"],
        team_name=m["team_name"] or "",
        held_on=m["held_on"],
        start_time=m["start_time"],
        end_time=m["end_time"],
        place=m["place"],
        headcount=m["headcount"],
        skills=tuple(split_codes(m["skills"])),
        organiser=m["organiser"],
        duty_id=m["duty_id"],
        state=m["state"],
        note=m["note"],
        signed_up=m["signed_up"],
    )


# -- sign-ups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignupResult:
    """A sign-up and what the coordinator was warned about (Issue.warning is True)."""

    signup: VolunteerSignup
    warnings: list[Issue]


def signup_warnings(
    session: Session, activity: VolunteerActivity, volunteer: Volunteer
) -> list[Issue]:
    """What signing `volunteer` up for `activity` would be warned about (see the module text)."""
    a = table_of(VolunteerActivity)
    s = table_of(VolunteerSignup)
    conn = session.connection()
    warnings: list[Issue] = []
    same_day = conn.execute(
        select(a.c.title, a.c.held_on, a.c.start_time, a.c.end_time)
        .join(s, s.c.activity_id == a.c.id)
        .where(
            s.c.volunteer_id == volunteer.id,
            s.c.state.in_(TAKING_PART),
            a.c.held_on == activity.held_on,
            a.c.state != "cancelled",
            a.c.id != activity.id,
        )
        .order_by(a.c.start_time)
    ).all()
    for title, day, start, end in same_day:
        if rules.clashes(activity, (day, start, end)):
            warnings.append(
                Issue(
                    "clash",
                    "volunteer_signup.clash",
                    {"title": title, "start": clock(start), "end": clock(end)},
                    warning=True,
                )
            )
    missing = rules.missing_skills(activity.skills, volunteer.skills)
    if missing:
        labels = volunteers.skill_labels(session, missing)
        warnings.append(
            Issue(
                "skill",
                "volunteer_signup.skill",
                {"name": volunteer.name, "skills": "、".join(labels)},
                warning=True,
            )
        )
    if activity.headcount:
        count = conn.execute(
            select(func.count())
            .select_from(s)
            .where(
                s.c.activity_id == activity.id,
                s.c.state.in_(TAKING_PART),
                s.c.volunteer_id != volunteer.id,
            )
        ).scalar_one()
        if count >= activity.headcount:
            warnings.append(
                Issue(
                    "full",
                    "volunteer_signup.full",
                    {"headcount": activity.headcount, "count": count},
                    warning=True,
                )
            )
    return warnings


def sign_up(
    session: Session, *, activity_id: str, volunteer_id: str, now: dt.datetime
) -> SignupResult:
    """Signs an active volunteer up for a planned activity; warnings never block it."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    activity = get_activity(session, activity_id)
    if activity.state != "planned":
        raise refuse_state(activity, "sign_up")
    volunteer = _volunteer(session, volunteer_id)
    if volunteer.status != "active":
        raise DomainError(
            Issue(
                "volunteer",
                "volunteer_signup.inactive",
                {"name": volunteer.name, "status": rules.VOLUNTEER_STATUS.label(volunteer.status)},
            )
        )
    s = table_of(VolunteerSignup)
    existing_id = (
        session.connection()
        .execute(
            select(s.c.id).where(s.c.activity_id == activity_id, s.c.volunteer_id == volunteer_id)
        )
        .scalar_one_or_none()
    )
    existing = session.get(VolunteerSignup, existing_id) if existing_id else None
    if existing is not None and existing.state != "cancelled":
        raise DomainError(Issue("volunteer", "volunteer_signup.twice", {"name": volunteer.name}))
    warnings = signup_warnings(session, activity, volunteer)
    codes = ",".join(w.field for w in warnings if w.field in ("clash", "skill", "full"))
    # Several clashes give one code: the record says what kind, the message says with what.
    codes = ",".join(dict.fromkeys(split_codes(codes)))
    if existing is not None:
        # One row per volunteer and activity: a renewed sign-up reuses the cancelled one.
        existing.state = "signed_up"
        existing.signed_up_at = now
        existing.warnings = codes
        signup = existing
    else:
        signup = VolunteerSignup(
            office_id=activity.office_id,
            activity_id=activity_id,
            volunteer_id=volunteer_id,
            signed_up_at=now,
            warnings=codes,
        )
        session.add(signup)
    session.flush()
    return SignupResult(signup, warnings)


def cancel_signup(session: Session, signup_id: str) -> VolunteerSignup:
    """Withdraws a sign-up that has not been checked in; the row stays, cancelled."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    signup = get_signup(session, signup_id)
    if signup.state not in ("signed_up", "absent"):
        raise DomainError(
            Issue(
                "state",
                "volunteer_signup.not_cancellable",
                {"state": signup_state_label(signup.state)},
            )
        )
    signup.state = "cancelled"
    session.flush()
    return signup


def mark_absent(session: Session, signup_id: str) -> VolunteerSignup:
    """缺席: a volunteer signed up who did not come (they may still be checked in later)."""
    authz.require(session, Permission.VOLUNTEER_EDIT)
    signup = get_signup(session, signup_id)
    if signup.state != "signed_up":
        raise DomainError(
            Issue(
                "state",
                "volunteer_signup.not_absent",
                {"state": signup_state_label(signup.state)},
            )
        )
    signup.state = "absent"
    session.flush()
    return signup


@dataclass(frozen=True, slots=True)
class SignupView:
    """A sign-up with its volunteer and activity, and the hours recorded for it (if any)."""

    id: str
    activity_id: str
    activity_title: str
    held_on: dt.date
    start_time: dt.time
    end_time: dt.time
    volunteer_id: str
    volunteer_number: str
    volunteer_name: str
    state: str
    signed_up_at: dt.datetime
    check_in_at: dt.datetime | None  # aware UTC
    check_out_at: dt.datetime | None  # aware UTC
    warnings: tuple[str, ...]  # codes: clash, skill, full
    minutes: int | None  # minutes of the hour lines recorded for this activity, None if none
    hours_state: str  # "", "pending", "confirmed" (confirmed only when every line is)

    @property
    def state_label(self) -> str:
        return signup_state_label(self.state)


def _aware(at: dt.datetime | None) -> dt.datetime | None:
    # SQLite keeps the UTC wall time without its zone.
    if at is None or at.tzinfo is not None:
        return at
    return at.replace(tzinfo=dt.UTC)


def _signup_query():  # noqa: ANN202 - a select
    s = table_of(VolunteerSignup)
    a = table_of(VolunteerActivity)
    v = table_of(Volunteer)
    h = table_of(HourEntry)
    lines = activity_lines(h, s.c.volunteer_id, s.c.activity_id, a.c.held_on)
    minutes = select(func.sum(h.c.minutes)).where(*lines).scalar_subquery()
    pending = (
        select(func.count()).select_from(h).where(*lines, h.c.state == "pending").scalar_subquery()
    )
    query = (
        select(
            s,
            a.c.title,
            a.c.held_on,
            a.c.start_time,
            a.c.end_time,
            v.c.number,
            v.c.name,
            minutes.label("minutes"),
            pending.label("pending"),
        )
        .join(a, a.c.id == s.c.activity_id)
        .join(v, v.c.id == s.c.volunteer_id)
    )
    return query, s, a, v


def _signup_view(r) -> SignupView:  # noqa: ANN001 - a result row
    m = r._mapping
    minutes = m["minutes"]
    hours_state = "" if minutes is None else ("pending" if m["pending"] else "confirmed")
    return SignupView(
        id=m["id"],
        activity_id=m["activity_id"],
        activity_title=m["title"],
        held_on=m["held_on"],
        start_time=m["start_time"],
        end_time=m["end_time"],
        volunteer_id=m["volunteer_id"],
        volunteer_number=m["number"],
        volunteer_name=m["name"],
        state=m["state"],
        signed_up_at=_aware(m["signed_up_at"]),  # type: ignore[arg-type]
        check_in_at=_aware(m["check_in_at"]),
        check_out_at=_aware(m["check_out_at"]),
        warnings=tuple(split_codes(m["warnings"])),
        minutes=minutes,
        hours_state=hours_state,
    )


def signups(source: Session | Database, activity_id: str) -> list[SignupView]:
    """An activity's sign-ups (cancelled ones too), by volunteer number."""
    query, s, _a, v = _signup_query()
    query = query.where(s.c.activity_id == activity_id).order_by(v.c.number)
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        return [_signup_view(r) for r in conn.execute(query)]


def volunteer_signups(
    source: Session | Database,
    volunteer_id: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[SignupView]:
    """A volunteer's sign-ups, newest activity first; `start`/`end` bound the day (included)."""
    query, s, a, _v = _signup_query()
    query = query.where(s.c.volunteer_id == volunteer_id)
    if start is not None:
        query = query.where(a.c.held_on >= start)
    if end is not None:
        query = query.where(a.c.held_on <= end)
    query = query.order_by(a.c.held_on.desc(), a.c.start_time.desc())
    with reading(source, Permission.VOLUNTEER_VIEW) as conn:
        return [_signup_view(r) for r in conn.execute(query)]


def signup_of(session: Session, activity_id: str, volunteer_id: str) -> VolunteerSignup | None:
    """The sign-up row of a volunteer for an activity, in any state; None when never signed up."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    s = table_of(VolunteerSignup)
    found = (
        session.connection()
        .execute(
            select(s.c.id).where(s.c.activity_id == activity_id, s.c.volunteer_id == volunteer_id)
        )
        .scalar_one_or_none()
    )
    return session.get(VolunteerSignup, found) if found else None


def taking_part(session: Session, activity_id: str) -> Sequence[VolunteerSignup]:
    """Sign-ups of an activity still taking part (signed up, checked in or out)."""
    return [r for r in _signup_rows(session, activity_id) if r.state in TAKING_PART]
