"""What every page of the volunteer tab shares: running dialogs, asking, times and hours text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store.database import Database
from govdesk.ui.dialog_driver import driven, run_dialog  # noqa: F401 - the tab's own names
from govdesk.ui.mediation.dialog_base import MediationDialog

CONTEXT = "Volunteers"

_answer: Callable[[str], bool] | None = None


class VolunteerDialog(MediationDialog):
    """Mediation's dialog frame as it is: a form, an inline message, 确定/取消, one transaction."""


@contextmanager
def answering(answer: Callable[[str], bool]) -> Iterator[list[str]]:
    """Within the block each yes/no question is answered by `answer(text)`; the questions
    asked are collected in the list yielded."""
    global _answer
    asked: list[str] = []
    before = _answer

    def record(text: str) -> bool:
        asked.append(text)
        return answer(text)

    _answer = record
    try:
        yield asked
    finally:
        _answer = before


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question (answered by the test's `answering` hook when one is set)."""
    if _answer is not None:
        return _answer(text)
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def may_edit(db: Database) -> bool:
    return authz.can(db, Permission.VOLUNTEER_EDIT) and not getattr(db, "read_only", False)


def may_manage(db: Database) -> bool:
    return authz.can(db, Permission.SETTINGS_MANAGE) and not getattr(db, "read_only", False)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def hours_text(minutes: int | None) -> str:
    """750 → 12.5 小时, as the domain words it (cut, never rounded up)."""
    from govdesk.domain import volunteers as rules

    return "" if minutes is None else rules.format_hours(minutes)


def local_time(at: dt.datetime | None) -> str:
    """An aware UTC time as the office's wall clock: 2026-11-20 08:05."""
    if at is None:
        return ""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.isoweekday() - 1)


def time_span(start: dt.time, end: dt.time) -> str:
    return f"{start.strftime('%H:%M')}–{end.strftime('%H:%M')}"


def fit_tree_columns(tree, samples: list[str | list[str]], stretch: int | None = None) -> None:
    """Column widths from the widest usual content (so they follow the font size), one
    column taking the rest of the room. A column's sample may be a list, e.g. every label
    of a code list in the interface language (English state names are the wider ones)."""
    from PySide6.QtWidgets import QHeaderView

    fm = tree.fontMetrics()
    header = tree.header()
    header.setStretchLastSection(stretch is None)
    for i, sample in enumerate(samples):
        texts = [sample] if isinstance(sample, str) else list(sample)
        texts.append(tree.headerItem().text(i))
        width = max(fm.horizontalAdvance(t) for t in texts) + 20
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(i, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
