"""群众点单 → 社区派单 → 志愿者接单: service orders, their one state table, and volunteer suggestions.

A resident's request is recorded (`request`), the office picks a volunteer from
`suggestions` and dispatches it, the volunteer accepts, and the order is done (its minutes
become a PENDING line of the hours ledger, confirmed later like any other) or cancelled.
Every step is checked against TRANSITIONS; a refused step is a DomainError and changes
nothing. Writes need VOLUNTEER_EDIT, reads VOLUNTEER_VIEW; the ORM audit records each change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session, col, select

from govdesk.domain import messages
from govdesk.domain import volunteers as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import Resident, ServiceOrder, Volunteer
from govdesk.domain.permissions import Permission
from govdesk.domain.validation import clean_person
from govdesk.services import authz
from govdesk.services import grids as grid_service
from govdesk.services.office import current_office
from govdesk.services.volunteer_hours import add_pending
from govdesk.services.volunteers import skill_settings
from govdesk.store.counters import next_in_sequence
from govdesk.store.database import Database

messages.register(
    {
        "orders.field.requester": ("点单人", "requester"),
        "orders.field.need": ("服务需求", "need"),
        "orders.field.reason": ("取消原因", "reason"),
        "orders.no_order": ("找不到该点单", "No such service order"),
        "orders.no_volunteer": ("找不到该志愿者", "No such volunteer"),
        "orders.no_resident": ("找不到该居民", "No such resident"),
        "orders.step_refused": (
            "点单{number}当前为“{state}”，不能{step}",
            "Order {number} is '{state}': it cannot be {step}",
        ),
        "orders.volunteer_inactive": (
            "志愿者{name}当前不是在岗状态，不能派单",
            "{name} is not an active volunteer and cannot be dispatched",
        ),
        "orders.minutes": (
            "服务时长应为 1 至 1440 分钟，实际为 {minutes}",
            "The service time must be 1 to 1440 minutes, not {minutes}",
        ),
        "orders.unknown_skill": ("未知的技能“{skill}”", "Unknown skill '{skill}'"),
        "orders.step.dispatch": ("派单", "dispatched"),
        "orders.step.accept": ("接单", "accepted"),
        "orders.step.done": ("办结", "done"),
        "orders.step.cancel": ("取消", "cancelled"),
        "orders.reason.skill": ("具备所需技能：{skill}", "has the skill: {skill}"),
        "orders.reason.no_skill": ("缺少所需技能：{skill}", "lacks the skill: {skill}"),
        "orders.reason.day": ("{day}有空", "free on {day}"),
        "orders.reason.not_day": ("{day}通常没空", "not usually free on {day}"),
        "orders.reason.time": ("{time}有空", "free in the {time}"),
        "orders.reason.not_time": ("{time}通常没空", "not usually free in the {time}"),
        "orders.reason.grid": ("同一网格", "same grid"),
        "orders.reason.open": ("手上还有 {count} 单未办结", "{count} open orders in hand"),
        "orders.reason.free": ("手上没有未办结的点单", "no open orders in hand"),
    }
)

REQUESTED, DISPATCHED, ACCEPTED = rules.REQUESTED, rules.DISPATCHED, rules.ACCEPTED
DONE, CANCELLED = rules.DONE, rules.CANCELLED
OPEN_STATES = (REQUESTED, DISPATCHED, ACCEPTED)

# The one table of the life cycle: step -> (the states it may start from, the state it ends in).
# A dispatched order may be dispatched again (another volunteer) until it is accepted.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "dispatch": (frozenset({REQUESTED, DISPATCHED}), DISPATCHED),
    "accept": (frozenset({DISPATCHED}), ACCEPTED),
    "done": (frozenset({ACCEPTED}), DONE),
    "cancel": (frozenset({REQUESTED, DISPATCHED, ACCEPTED}), CANCELLED),
}

MAX_MINUTES = 24 * 60
NUMBER_KEY = "volunteer.order_number.{year}"

# The scoring of `suggestions` (docs/volunteer-orders.md explains it to the office).
SCORE_SKILL = 40  # has the skill the order needs
SCORE_DAY = 20  # says they are free on that weekday
SCORE_TIME = 15  # says they are free at that time of day
SCORE_UNSTATED = 5  # has not said when they are free: maybe
SCORE_GRID = 20  # lives (or serves) in the order's grid
PENALTY_OPEN = 8  # for each dispatched or accepted order already in hand
PENALTY_NOT_FREE = 10  # said they are not free that weekday, or at that time of day


def state_label(state: str) -> str:
    return rules.ORDER_STATES.label(state)


def local_day(at: dt.datetime) -> dt.date:
    """The office's calendar day of a stored UTC time (naive values read back are UTC)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().date()


def _utc(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(dt.UTC)


def _edit(session: Session) -> str:
    return authz.require(session, Permission.VOLUNTEER_EDIT).username


def get_order(session: Session, order_id: str) -> ServiceOrder:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    order = session.get(ServiceOrder, order_id)
    if order is None:
        raise DomainError(Issue("order", "orders.no_order"))
    return order


def find_order(session: Session, key: str) -> ServiceOrder:
    """An order by record id or by its number (2026-0001)."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    key = key.strip()
    order = (
        session.get(ServiceOrder, key)
        or session.exec(select(ServiceOrder).where(ServiceOrder.number == key)).first()
    )
    if order is None:
        raise DomainError(Issue("order", "orders.no_order"))
    return order


def request(
    session: Session,
    *,
    requester: str = "",
    need: str,
    resident_id: str | None = None,
    phone: str | None = None,
    skill: str = "",
    wanted_on: dt.date | None = None,
    wanted_time: str = "",
    place: str = "",
    grid_id: str | None = None,
    note: str = "",
    now: dt.datetime,
) -> ServiceOrder:
    """Record a request. For a resident the name, phone and place come from the register when
    not given, and the grid follows their household; the number (2026-0001) is taken in the
    same transaction, so a refused request uses none."""
    _edit(session)
    now = _utc(now)
    issues: list[Issue] = []
    requester, need = (requester or "").strip(), (need or "").strip()
    if resident_id is not None:
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise DomainError(Issue("resident_id", "orders.no_resident"))
        requester = requester or resident.name
        phone = phone if phone else resident.phone
        place = place.strip() or (resident.current_address or "")
        if grid_id is None and resident.household_id:
            grid = grid_service.grid_of_household(session, resident.household_id, local_day(now))
            grid_id = grid.id if grid is not None else None
    if not requester:
        field_name = messages.text("orders.field.requester")
        issues.append(Issue("requester", "required", {"field": field_name}))
    if not need:
        issues.append(Issue("need", "required", {"field": messages.text("orders.field.need")}))
    if phone:
        cleaned, phone_issues = clean_person({"phone": phone})
        issues += phone_issues
        phone = cleaned.get("phone")
    skill = (skill or "").strip()
    if skill:
        settings = skill_settings(session)
        code = skill if skill in settings.codes() else settings.parse(skill)
        if code is None or code in settings.disabled:
            issues.append(Issue("skill", "orders.unknown_skill", {"skill": skill}))
        skill = code or skill
    if issues:
        raise DomainError(issues)
    year = local_day(now).year
    number = f"{year}-{next_in_sequence(session, NUMBER_KEY.format(year=year)):04d}"
    order = ServiceOrder(
        office_id=current_office(session).id,
        number=number,
        resident_id=resident_id,
        requester=requester,
        phone=phone or None,
        need=need,
        skill=skill,
        wanted_on=wanted_on,
        wanted_time=(wanted_time or "").strip(),
        place=(place or "").strip(),
        grid_id=grid_id,
        requested_at=now,
        note=note.strip(),
    )
    session.add(order)
    session.flush()
    return order


def _step(session: Session, order_id: str, step: str) -> ServiceOrder:
    """The order when `step` may start from its state; DomainError otherwise."""
    _edit(session)
    order = session.get(ServiceOrder, order_id)
    if order is None:
        raise DomainError(Issue("order", "orders.no_order"))
    allowed, _to = TRANSITIONS[step]
    if order.state not in allowed:
        raise DomainError(
            Issue(
                "state",
                "orders.step_refused",
                {
                    "number": order.number,
                    "state": state_label(order.state),
                    "step": messages.text(f"orders.step.{step}"),
                },
            )
        )
    return order


def dispatch(session: Session, order_id: str, volunteer_id: str, now: dt.datetime) -> ServiceOrder:
    """派单: give the order to an active volunteer (again to another one, until accepted)."""
    order = _step(session, order_id, "dispatch")
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer", "orders.no_volunteer"))
    if volunteer.status != "active":
        raise DomainError(Issue("volunteer", "orders.volunteer_inactive", {"name": volunteer.name}))
    order.volunteer_id = volunteer.id
    order.dispatched_at = _utc(now)
    order.state = TRANSITIONS["dispatch"][1]
    session.add(order)
    session.flush()
    return order


def accept(session: Session, order_id: str, now: dt.datetime) -> ServiceOrder:
    """接单: the volunteer takes the order."""
    order = _step(session, order_id, "accept")
    order.accepted_at = _utc(now)
    order.state = TRANSITIONS["accept"][1]
    session.add(order)
    session.flush()
    return order


def done(
    session: Session, order_id: str, *, minutes: int, now: dt.datetime, feedback: str = ""
) -> ServiceOrder:
    """办结: the service was given; its minutes become a pending line of the hours ledger
    (served on the day it was done), confirmed later with the other hours."""
    order = _step(session, order_id, "done")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES:
        raise DomainError(Issue("minutes", "orders.minutes", {"minutes": minutes}))
    now = _utc(now)
    order.done_at = now
    order.minutes = minutes
    order.feedback = (feedback or "").strip()
    order.state = TRANSITIONS["done"][1]
    session.add(order)
    session.flush()
    assert order.volunteer_id is not None  # accepted orders always have one
    # The ledger's own helper: the line is checked and stamped like any other pending line.
    add_pending(
        session,
        volunteer_id=order.volunteer_id,
        served_on=local_day(now),
        minutes=minutes,
        order_id=order.id,
    )
    session.flush()
    return order


def cancel(session: Session, order_id: str, *, reason: str, now: dt.datetime) -> ServiceOrder:
    """取消, with the reason (required); a done order is never cancelled."""
    reason = (reason or "").strip()
    order = _step(session, order_id, "cancel")
    if not reason:
        raise DomainError(
            Issue("reason", "required", {"field": messages.text("orders.field.reason")})
        )
    order.cancelled_at = _utc(now)
    order.cancel_reason = reason
    order.state = TRANSITIONS["cancel"][1]
    session.add(order)
    session.flush()
    return order


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderRow:
    """One order as lists show it: the order, its age and who has it."""

    order: ServiceOrder
    age_days: int  # whole days since it was requested (office calendar)
    volunteer_name: str = ""
    volunteer_number: str = ""

    @property
    def state_label(self) -> str:
        return state_label(self.order.state)


def _rows(session: Session, orders: Sequence[ServiceOrder], today: dt.date) -> list[OrderRow]:
    ids = {o.volunteer_id for o in orders if o.volunteer_id}
    names: dict[str, tuple[str, str]] = {}
    if ids:
        for v in session.exec(select(Volunteer).where(col(Volunteer.id).in_(ids))):
            names[v.id] = (v.name, v.number)
    return [
        OrderRow(
            order=o,
            age_days=(today - local_day(o.requested_at)).days,
            volunteer_name=names.get(o.volunteer_id or "", ("", ""))[0],
            volunteer_number=names.get(o.volunteer_id or "", ("", ""))[1],
        )
        for o in orders
    ]


def open_orders(db: Database, now: dt.datetime) -> list[OrderRow]:
    """The ledger of open orders (requested, dispatched, accepted), oldest first, with age."""
    authz.require(db, Permission.VOLUNTEER_VIEW)
    with db.session() as session:
        orders = session.exec(
            select(ServiceOrder)
            .where(col(ServiceOrder.state).in_(OPEN_STATES))
            .order_by(col(ServiceOrder.requested_at), col(ServiceOrder.number))
        ).all()
        return _rows(session, orders, local_day(_utc(now)))


def orders(
    db: Database,
    *,
    now: dt.datetime,
    state: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[OrderRow]:
    """Every order (of `state`, requested from `start` to `end` inclusive), newest first."""
    authz.require(db, Permission.VOLUNTEER_VIEW)
    query = select(ServiceOrder)
    if state:
        query = query.where(ServiceOrder.state == state)
    if start is not None:
        first = dt.datetime.combine(start, dt.time()).astimezone(dt.UTC)
        query = query.where(ServiceOrder.requested_at >= first)
    if end is not None:
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time()).astimezone(dt.UTC)
        query = query.where(ServiceOrder.requested_at < after)
    query = query.order_by(col(ServiceOrder.requested_at).desc(), col(ServiceOrder.number).desc())
    with db.session() as session:
        return _rows(session, session.exec(query).all(), local_day(_utc(now)))


# -- suggestions ----------------------------------------------------------------------------


@dataclass
class Suggestion:
    """A volunteer who could take the order, with the score and the reasons behind it."""

    volunteer: Volunteer
    score: int
    reasons: list[str] = field(default_factory=list)
    open_orders: int = 0
    grid_id: str | None = None


_CLOCK = re.compile(r"(\d{1,2})\s*[:：点时]")


def wanted_period(wanted: str) -> str | None:
    """morning / afternoon / evening for what a clerk typed (上午, 下午3点, 19:00 …), or None."""
    wanted = (wanted or "").strip()
    if not wanted:
        return None
    for code, words in (
        ("morning", ("上午", "早上", "早晨", "清晨", "morning", "am")),
        ("afternoon", ("下午", "中午", "午后", "afternoon", "pm")),
        ("evening", ("晚上", "傍晚", "夜间", "晚间", "evening", "night")),
    ):
        if any(w in wanted.lower() for w in words):
            # "下午3点" is the afternoon, but "上午10:00前" is the morning: words first.
            return code
    m = _CLOCK.search(wanted)
    if m is None:
        return None
    hour = int(m.group(1))
    if 0 <= hour < 12:
        return "morning"
    if hour < 18:
        return "afternoon"
    if hour < 24:
        return "evening"
    return None


def _volunteer_grids(session: Session, on: dt.date) -> dict[str, str | None]:
    """Each active volunteer's grid on `on`: a resident's follows their household's building,
    an outsider's is the one stored. One query for all of them."""
    rows = session.connection().execute(
        text(
            "SELECT v.id, v.resident_id, v.grid_id, "
            "  (SELECT a.grid_id FROM resident r JOIN household h ON h.id = r.household_id "
            "     JOIN grid_assignment a ON a.place_id = h.place_id "
            "   WHERE r.id = v.resident_id AND a.start_on <= :on "
            "     AND (a.end_on IS NULL OR a.end_on > :on) LIMIT 1) "
            "FROM volunteer v WHERE v.status = 'active'"
        ),
        {"on": on.isoformat()},
    )
    return {r[0]: (r[3] if r[1] else r[2]) for r in rows}


def _open_counts(session: Session) -> dict[str, int]:
    rows = session.connection().execute(
        text(
            "SELECT volunteer_id, count(*) FROM service_order "
            "WHERE state IN ('dispatched', 'accepted') AND volunteer_id IS NOT NULL "
            "GROUP BY volunteer_id"
        )
    )
    return {r[0]: int(r[1]) for r in rows}


def score_volunteer(
    volunteer: Volunteer,
    *,
    skill: str,
    skill_label: str,
    weekday: int,
    period: str | None,
    same_grid: bool,
    open_count: int,
) -> tuple[int, list[str]]:
    """The score of one volunteer for one order and the reasons, in the order they count."""
    score, reasons = 0, []
    if skill:
        if skill in rules.split_codes(volunteer.skills):
            score += SCORE_SKILL
            reasons.append(messages.text("orders.reason.skill", skill=skill_label))
        else:
            reasons.append(messages.text("orders.reason.no_skill", skill=skill_label))
    day = rules.weekday_label(weekday)
    free_day = rules.is_available(volunteer.available_days, None, weekday=weekday)
    if free_day is None:
        score += SCORE_UNSTATED
    elif free_day:
        score += SCORE_DAY
        reasons.append(messages.text("orders.reason.day", day=day))
    else:
        score -= PENALTY_NOT_FREE
        reasons.append(messages.text("orders.reason.not_day", day=day))
    if period is not None:
        free_time = rules.is_available(None, volunteer.available_times, time_code=period)
        time_label = rules.AVAILABLE_TIMES.label(period).lower()  # "in the morning"
        if free_time is None:
            score += SCORE_UNSTATED
        elif free_time:
            score += SCORE_TIME
            reasons.append(messages.text("orders.reason.time", time=time_label))
        else:
            score -= PENALTY_NOT_FREE
            reasons.append(messages.text("orders.reason.not_time", time=time_label))
    if same_grid:
        score += SCORE_GRID
        reasons.append(messages.text("orders.reason.grid"))
    if open_count:
        score -= PENALTY_OPEN * open_count
        reasons.append(messages.text("orders.reason.open", count=open_count))
    else:
        reasons.append(messages.text("orders.reason.free"))
    return score, reasons


def suggestions(db: Database, order_id: str, *, on: dt.date, limit: int = 10) -> list[Suggestion]:
    """The active volunteers best placed to take the order, best first (ties: fewer open
    orders, then number). The day is the order's wanted day, else `on`."""
    authz.require(db, Permission.VOLUNTEER_VIEW)
    with db.session() as session:
        order = get_order(session, order_id)
        day = order.wanted_on or on
        period = wanted_period(order.wanted_time)
        skill_label = skill_settings(session).label(order.skill)
        grids = _volunteer_grids(session, day)
        counts = _open_counts(session)
        volunteers = session.exec(select(Volunteer).where(Volunteer.status == "active")).all()
        found = []
        for v in volunteers:
            score, reasons = score_volunteer(
                v,
                skill=order.skill,
                skill_label=skill_label,
                weekday=day.isoweekday(),
                period=period,
                same_grid=order.grid_id is not None and grids.get(v.id) == order.grid_id,
                open_count=counts.get(v.id, 0),
            )
            found.append(Suggestion(v, score, reasons, counts.get(v.id, 0), grids.get(v.id)))
    found.sort(key=lambda s: (-s.score, s.open_orders, s.volunteer.number))
    return found[:limit]


__all__ = [
    "OPEN_STATES",
    "TRANSITIONS",
    "OrderRow",
    "Suggestion",
    "accept",
    "cancel",
    "dispatch",
    "done",
    "find_order",
    "get_order",
    "open_orders",
    "orders",
    "request",
    "state_label",
    "suggestions",
    "wanted_period",
]
