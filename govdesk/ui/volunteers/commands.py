"""Undoable edits of a volunteer's details: undo and redo are new writes through the services."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from govdesk.services import volunteers
from govdesk.store.database import Database
from govdesk.ui.stored_command import StoredCommand


class EditVolunteerCommand(StoredCommand):
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
        super().__init__(db, text, parent_widget)
        self.volunteer_id = volunteer_id
        self.before = dict(before)
        self.after = dict(after)
        self.on_change = on_change

    def apply(self, session: Any) -> None:
        volunteers.update_volunteer(session, self.volunteer_id, self.after)

    def revert(self, session: Any) -> None:
        # A skill switched off since refuses it: the clerk is told, nothing changes.
        volunteers.update_volunteer(session, self.volunteer_id, self.before)

    def changed(self) -> None:
        self.on_change()


def edit_text(number: str, name: str) -> str:
    """撤销 / 重做 menu text: "修改志愿者 V0007 王秀兰"."""
    return QCoreApplication.translate("VolunteerCommands", "修改志愿者 %1").replace(
        "%1", f"{number} {name}"
    )
