"""划入网格…: the chosen places go to one grid from a date, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from govdesk.services import grids
from govdesk.store.database import Database
from govdesk.ui.grids.grid_dialogs import GridChoice, GridDialog, PlaceChoice, grid_combo
from govdesk.ui.mediation.dialog_base import pydate

# More names than this are summed up: the dialog stays on a 768-pixel screen.
LISTED_PLACES = 12


class AssignDialog(GridDialog):
    """The places are named, the grid and the start date chosen; `result` feeds undo."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        places: Sequence[PlaceChoice],
        choices: Sequence[GridChoice],
        today: dt.date,
        current_grid_id: str | None = None,
    ):
        super().__init__(db, parent, name="assignPlaces")
        self.setWindowTitle(self.tr("划入网格"))
        self.place_ids = [p.id for p in places]
        self.result_: Any = None
        names = [p.name for p in places[:LISTED_PLACES]]
        listed = "、".join(names)
        if len(places) > LISTED_PLACES:
            listed += self.tr(" 等 %1 处").replace("%1", str(len(places)))
        self.info("Places", self.tr("楼栋/房屋"), listed)
        self.grid_box = grid_combo(
            self,
            "Grid",
            self.tr("划入网格"),
            [c for c in choices if c.id != current_grid_id],
        )
        self.on_edit = self.date_edit("On", self.tr("起始日期"), today, latest_today=False)
        self.info(
            "Note",
            "",
            self.tr("户和居民随楼栋划转；起始日期之前的月份仍按原网格统计。"),
        )
        self.finish()

    def grid_id(self) -> str | None:
        return self.grid_box.currentData()

    def on(self) -> dt.date:
        return pydate(self.on_edit)

    def check(self) -> list[str]:
        if not self.place_ids:
            return [self.tr("请选择要划入的楼栋或房屋")]
        return [] if self.grid_id() else [self.tr("请选择网格")]

    def apply(self, session: Session) -> None:
        grid_id = self.grid_id()
        assert grid_id is not None  # check() made sure
        self.result_ = grids.assign_places(
            session, place_ids=self.place_ids, grid_id=grid_id, on=self.on()
        )
