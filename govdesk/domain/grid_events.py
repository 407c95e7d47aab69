"""Grid events (网格事件, "吹哨报到"): categories, states, the one transitions table, on-time rules.

Life cycle (DOMAIN.md): 上报 reported → 交办 dispatched (to a department, with a deadline) →
办理 handled (with feedback) → 办结/销号 closed. An event may be 退回 returned (with a reason)
from reported, dispatched or handled; a returned event may be reported again (→ reported).

On time and overdue (docs/grid-events.md):
- An event counts as closed on time when it was closed on or before its deadline (`due_on`).
- It is overdue on `today` while dispatched or handled and `today` is after `due_on`, and
  stays overdue for good once it was closed after `due_on`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from govdesk.domain.codes import Code, CodeList

# Offices extend the list in settings later; codes are stable.
EVENT_CATEGORIES = CodeList(
    "grid_event_category",
    [
        Code("dispute", "矛盾纠纷", "Dispute"),
        Code("safety_hazard", "安全隐患", "Safety hazard"),
        Code("fire", "消防隐患", "Fire hazard"),
        Code("public_order", "社会治安", "Public order"),
        Code("sanitation", "环境卫生", "Sanitation"),
        Code("public_facilities", "市政设施", "Public facilities"),
        Code("illegal_construction", "违章搭建", "Illegal construction"),
        Code("property", "物业管理", "Property management"),
        Code("livelihood", "民生服务", "Livelihood services"),
        Code("other", "其他", "Other"),
    ],
    {
        "纠纷": "dispute",
        "矛盾": "dispute",
        "安全": "safety_hazard",
        "消防": "fire",
        "治安": "public_order",
    },
)


class EventState(StrEnum):
    REPORTED = "reported"  # 上报
    DISPATCHED = "dispatched"  # 交办
    HANDLED = "handled"  # 办理
    CLOSED = "closed"  # 办结/销号
    RETURNED = "returned"  # 退回


E = EventState

EVENT_STATES = CodeList(
    "grid_event_state",
    [
        Code(E.REPORTED, "已上报", "Reported"),
        Code(E.DISPATCHED, "已交办", "Dispatched"),
        Code(E.HANDLED, "已办理", "Handled"),
        Code(E.CLOSED, "已办结", "Closed"),
        Code(E.RETURNED, "已退回", "Returned"),
    ],
    {
        "上报": E.REPORTED,
        "交办": E.DISPATCHED,
        "办理": E.HANDLED,
        "办结": E.CLOSED,
        "销号": E.CLOSED,
        "退回": E.RETURNED,
    },
)

# The one table: which state may follow which.
TRANSITIONS: dict[EventState, frozenset[EventState]] = {
    E.REPORTED: frozenset({E.DISPATCHED, E.RETURNED}),
    E.DISPATCHED: frozenset({E.HANDLED, E.RETURNED}),
    E.HANDLED: frozenset({E.CLOSED, E.RETURNED}),
    E.RETURNED: frozenset({E.REPORTED}),
    E.CLOSED: frozenset(),
}

# States in which the department is still working against its deadline.
OPEN_DISPATCHED = frozenset({E.DISPATCHED, E.HANDLED})


def can_move(current: str, target: str) -> bool:
    try:
        return EventState(target) in TRANSITIONS[EventState(current)]
    except ValueError:
        return False


def format_event_number(year: int, seq: int) -> str:
    """2026-0001: the year, then the year's sequence (four digits, more when needed)."""
    return f"{year}-{seq:04d}"


def seq_meta_key(year: int) -> str:
    """The meta key of the year's event counter: numbers are never reused."""
    return f"grid_event_seq:{year}"


def local_day(at: dt.datetime) -> dt.date:
    """The office's calendar day of a stored time (stored in UTC; naive values read back
    from SQLite are UTC): an event reported at 07:00 on 1 January in Beijing belongs to
    that day and year, not to 31 December."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().date()


def closed_on_time(due_on: dt.date | None, closed_on: dt.date | None) -> bool | None:
    """True when closed on or before the deadline, False when after; None when the event
    is not closed or had no deadline (never dispatched): it does not enter the rate."""
    if closed_on is None or due_on is None:
        return None
    return closed_on <= due_on


def is_overdue(
    state: str, due_on: dt.date | None, closed_on: dt.date | None, today: dt.date
) -> bool:
    """Dispatched or handled past the deadline, or closed after it."""
    if due_on is None:
        return False
    if state in OPEN_DISPATCHED:
        return today > due_on
    if state == E.CLOSED:
        return closed_on is not None and closed_on > due_on
    return False


def on_time_rate(closed: int, on_time: int) -> float | None:
    """Closed on time ÷ closed; None when nothing was closed (no rate, not 0 %)."""
    if closed <= 0:
        return None
    return on_time / closed
