"""Undo commands for changes already stored: each undo or redo is one more write through the services."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from govdesk.domain.messages import DomainError
from govdesk.store.database import Database
from govdesk.ui.ops import error_text, notify


class StoredCommand(QUndoCommand):
    """A change the dialog (or the drop) already stored when the command is pushed.

    Storing first lets a refusal reach the clerk before anything enters the stack; so the
    push's own redo does nothing. Later ones run `apply` or `revert` in a session of their
    own. One the rules refuse by then (the world moved on: the ID given to someone else,
    the places assigned again) tells the clerk, and nothing changes.
    """

    # Dropped from the stack when refused, so that it is not offered again; a subclass whose
    # refusal may pass (a household free again later) keeps it.
    drop_when_refused = True

    def __init__(self, db: Database, text: str, parent_widget: QWidget | None = None):
        super().__init__(text)
        self.db = db
        self.parent_widget = parent_widget
        self._pushed = True

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False  # only the push itself is skipped
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, write: Any) -> None:
        try:
            with self.db.session() as s:
                write(s)
        except DomainError as exc:
            if self.drop_when_refused:
                self.setObsolete(True)
            notify(
                self.parent_widget,
                QCoreApplication.translate("StoredCommand", "无法撤销/重做"),
                error_text(exc),
                warning=True,
            )
        self.changed()

    def apply(self, session: Any) -> None:
        raise NotImplementedError

    def revert(self, session: Any) -> None:
        raise NotImplementedError

    def changed(self) -> None:
        """After each undo or redo, refused or not: the views show the file as it is now."""
