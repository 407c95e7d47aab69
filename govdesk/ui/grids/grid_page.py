"""A page of the grid tab that follows the chosen grid and day, read only when it is shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store.database import Database


class GridPage(QWidget):
    """Subclasses read their rows in `refresh()`."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.may_edit = authz.can(db, Permission.GRID_EDIT) and not db.read_only
        self.grid_id: str | None = None
        self.on = dt.date.today()
        self._stale = False

    def set_grid(self, grid_id: str | None, on: dt.date) -> None:
        """Follow the grid (with its sub-grids; None = the whole community) as of `on`."""
        self.grid_id = grid_id
        self.on = on
        # A page the clerk is not looking at is read when it is shown: choosing a grid in
        # the tree stays quick.
        self._stale = True
        if self.isVisible():
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def _refresh(self) -> None:
        self._stale = False
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
