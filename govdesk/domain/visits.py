"""Visits (走访 / 民情日志): the kinds of visit and the rule that says when one is due.

A household is due for a visit when one of its residents is in a care category that has a
visit rule (the shortest interval of its categories wins) and its last visit is `interval`
days old or older, or it was never visited. Never-visited households come first on the due
list, then the others by how many days they are overdue.
"""

from __future__ import annotations

import datetime as dt

from govdesk.domain.codes import Code, CodeList

VISIT_KINDS = CodeList(
    "visit_kind",
    [
        Code("routine", "日常走访", "Routine visit"),
        Code("care", "关爱走访", "Care visit"),
        Code("follow_up", "回访", "Follow-up visit"),
        Code("investigation", "排查走访", "Screening visit"),
        Code("phone", "电话联系", "Phone call"),
        Code("other", "其他", "Other"),
    ],
    {
        "走访": "routine",
        "入户走访": "routine",
        "关爱": "care",
        "排查": "investigation",
        "电话": "phone",
    },
)

# An interval outside these bounds is a typing mistake (0 days, or more than a year).
INTERVAL_RANGE = (1, 366)

# The name shown for a sensitive category to users without CARE_SENSITIVE (Chinese, English).
HIDDEN_CARE_LABEL = ("重点关爱", "Special care")


def next_due(last_visited_on: dt.date | None, interval_days: int) -> dt.date | None:
    """The day the next visit is due; None when the household was never visited (due now)."""
    if last_visited_on is None:
        return None
    return last_visited_on + dt.timedelta(days=interval_days)


def days_overdue(last_visited_on: dt.date | None, interval_days: int, today: dt.date) -> int | None:
    """Days past the due day (0 = due today); negative when not yet due; None when never
    visited."""
    due = next_due(last_visited_on, interval_days)
    if due is None:
        return None
    return (today - due).days


def is_due(last_visited_on: dt.date | None, interval_days: int, today: dt.date) -> bool:
    overdue = days_overdue(last_visited_on, interval_days, today)
    return overdue is None or overdue >= 0
