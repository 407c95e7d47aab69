"""The grid-event transitions table, numbers, on-time and overdue rules; visit due rules."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain import grid_events as rules
from govdesk.domain import visits
from govdesk.domain.grid_events import EventState as E

D = dt.date


def test_every_state_has_a_row_and_only_the_documented_steps():
    assert set(rules.TRANSITIONS) == set(E)
    allowed = {(a, b) for a, targets in rules.TRANSITIONS.items() for b in targets}
    assert allowed == {
        (E.REPORTED, E.DISPATCHED),
        (E.REPORTED, E.RETURNED),
        (E.DISPATCHED, E.HANDLED),
        (E.DISPATCHED, E.RETURNED),
        (E.HANDLED, E.CLOSED),
        (E.HANDLED, E.RETURNED),
        (E.RETURNED, E.REPORTED),
    }
    assert not rules.can_move("closed", "returned")
    assert not rules.can_move("reported", "closed")
    assert not rules.can_move("nonsense", "reported")


def test_state_labels_and_aliases():
    assert rules.EVENT_STATES.parse("销号") == E.CLOSED
    assert rules.EVENT_STATES.parse("交办") == E.DISPATCHED
    assert rules.EVENT_STATES.zh(E.RETURNED) == "已退回"
    assert rules.EVENT_CATEGORIES.parse("矛盾纠纷") == "dispute"


def test_numbers_are_year_and_four_digits():
    assert rules.format_event_number(2026, 1) == "2026-0001"
    assert rules.format_event_number(2026, 12345) == "2026-12345"
    assert rules.seq_meta_key(2026) == "grid_event_seq:2026"


@pytest.mark.parametrize(
    ("due", "closed", "expected"),
    [
        (D(2026, 3, 10), D(2026, 3, 9), True),
        (D(2026, 3, 10), D(2026, 3, 10), True),  # the deadline day itself is on time
        (D(2026, 3, 10), D(2026, 3, 11), False),
        (D(2026, 3, 10), None, None),
        (None, D(2026, 3, 11), None),
    ],
)
def test_closed_on_time(due, closed, expected):
    assert rules.closed_on_time(due, closed) is expected


def test_overdue_rule():
    due = D(2026, 3, 10)
    assert not rules.is_overdue(E.DISPATCHED, due, None, D(2026, 3, 10))
    assert rules.is_overdue(E.DISPATCHED, due, None, D(2026, 3, 11))
    assert rules.is_overdue(E.HANDLED, due, None, D(2026, 3, 11))
    assert rules.is_overdue(E.CLOSED, due, D(2026, 3, 11), D(2026, 3, 11))
    assert not rules.is_overdue(E.CLOSED, due, D(2026, 3, 10), D(2026, 9, 1))
    assert not rules.is_overdue(E.RETURNED, due, None, D(2026, 9, 1))
    assert not rules.is_overdue(E.REPORTED, None, None, D(2026, 9, 1))


def test_on_time_rate():
    assert rules.on_time_rate(0, 0) is None
    assert rules.on_time_rate(4, 3) == 0.75


def test_local_day_reads_naive_values_as_utc():
    aware = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    assert rules.local_day(aware) == aware.astimezone().date()
    assert rules.local_day(aware.replace(tzinfo=None)) == aware.astimezone().date()


def test_visit_due_rule():
    today = D(2026, 3, 10)
    assert visits.is_due(None, 7, today)
    assert visits.days_overdue(None, 7, today) is None
    assert visits.days_overdue(D(2026, 3, 3), 7, today) == 0
    assert visits.is_due(D(2026, 3, 3), 7, today)
    assert not visits.is_due(D(2026, 3, 4), 7, today)
    assert visits.next_due(D(2026, 3, 4), 7) == D(2026, 3, 11)
    assert visits.VISIT_KINDS.parse("入户走访") == "routine"
