"""Undoable assignments of places to grids: undo and redo are new writes through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from govdesk.services import grids
from govdesk.store.database import Database
from govdesk.ui.stored_command import StoredCommand


def assign_now(db: Database, *, place_ids: Sequence[str], grid_id: str, on: dt.date) -> Any:
    """Assign the places in one transaction; raises DomainError, returns what undo needs."""
    with db.session() as s:
        return grids.assign_places(s, place_ids=list(place_ids), grid_id=grid_id, on=on)


class AssignCommand(StoredCommand):
    """An assignment already stored when it is pushed (refusals reach the clerk first).

    Undo hands the service's own result back to `undo_assignment`, which ends the new
    assignments and restores the ones they ended; redo assigns again.
    """

    def __init__(
        self,
        db: Database,
        *,
        place_ids: Sequence[str],
        grid_id: str,
        on: dt.date,
        result: Any,
        text: str,
        on_change: Callable[[], None],
        parent_widget: QWidget | None = None,
    ):
        super().__init__(db, text, parent_widget)
        self.place_ids = list(place_ids)
        self.grid_id = grid_id
        self.on = on
        self.result = result
        self.on_change = on_change

    def apply(self, session: Any) -> None:
        self.result = grids.assign_places(
            session, place_ids=self.place_ids, grid_id=self.grid_id, on=self.on
        )

    def revert(self, session: Any) -> None:
        grids.undo_assignment(session, self.result)

    def changed(self) -> None:
        self.on_change()


def assign_text(count: int, grid_name: str) -> str:
    """撤销 / 重做 menu text: "划入网格 幸福里第一网格（3处）"."""
    return (
        QCoreApplication.translate("GridCommands", "划入网格 %1（%2处）")
        .replace("%1", grid_name)
        .replace("%2", str(count))
    )
