"""Undoable edits of a volunteer's details: undo and redo are new writes through the services."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from govdesk.domain.messages import DomainError
from govdesk.services import volunteers
from govdesk.store.database import Database
from govdesk.ui.ops import error_text, notify


class EditVolunteerCommand(QUndoCommand):
    """A 修改 already stored when it is pushed; undo writes the earlier values back through
    `update_volunteer` (so its rules and the audit trail apply), redo the edited ones.

    Only the details dialog's edits are undoable: a status change ends team memberships,
    duty and sign-ups, which one more write could not give back.
    """

    def __init__(
        self,
        db: Database,
        volunteer_id: str,
        *,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        text: str,
        on_change: Callable[[], None],
        parent_widget: QWidget | None = None,
    ):
        super().__init__(text)
        self.db = db
        self.volunteer_id = volunteer_id
        self.before = dict(before)
        self.after = dict(after)
        self.on_change = on_change
        self.parent_widget = parent_widget
        self._stored = True

    def redo(self) -> None:
        if self._stored:
            self._stored = False  # the push itself: the dialog already saved it
            return
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)

    def _write(self, values: Mapping[str, Any]) -> None:
        try:
            with self.db.session() as s:
                volunteers.update_volunteer(s, self.volunteer_id, values)
        except DomainError as exc:
            # The details changed meanwhile in a way the rules no longer take (a skill
            # switched off since): the clerk is told, nothing changes.
            self.setObsolete(True)
            notify(
                self.parent_widget,
                QCoreApplication.translate("VolunteerCommands", "无法撤销/重做"),
                error_text(exc),
                warning=True,
            )
        self.on_change()


def edit_text(number: str, name: str) -> str:
    """撤销 / 重做 menu text: "修改志愿者 V0007 王秀兰"."""
    return QCoreApplication.translate("VolunteerCommands", "修改志愿者 %1").replace(
        "%1", f"{number} {name}"
    )
