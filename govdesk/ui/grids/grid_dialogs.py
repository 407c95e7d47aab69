"""Dialogs that change the grid tree: create, rename, retire, merge and split a grid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget
from sqlmodel import Session

from govdesk.services import grids
from govdesk.store.database import Database
from govdesk.ui.dialog_driver import driven, run_dialog  # noqa: F401 - the tab's own names
from govdesk.ui.mediation.dialog_base import MediationDialog, pydate, required


class GridDialog(MediationDialog):
    """Mediation's dialog frame (form, inline message, 确定/取消, one transaction) as it is,
    plus the grid the tree shows chosen once the dialog saved."""

    select_after: str | None = None


@dataclass(frozen=True)
class GridChoice:
    """A grid as the pickers list it: indented by depth, with its code."""

    id: str
    name: str
    code: str
    depth: int

    def label(self) -> str:
        return "\u3000" * self.depth + f"{self.name}（{self.code}）"


@dataclass(frozen=True)
class PlaceChoice:
    id: str
    name: str


def grid_combo(
    dialog: GridDialog,
    suffix: str,
    label: str,
    choices: Sequence[GridChoice],
    *,
    blank: str | None = None,
    current: str | None = None,
) -> QComboBox:
    box = QComboBox(dialog)
    if blank is not None:
        box.addItem(blank, None)
    for choice in choices:
        box.addItem(choice.label(), choice.id)
    if current is not None and (i := box.findData(current)) >= 0:
        box.setCurrentIndex(i)
    box.setObjectName(f"{dialog.name}{suffix}")
    dialog.form.addRow(label, box)
    return box


class CreateGridDialog(GridDialog):
    """新建网格: name, parent (the community by default), number (next free when blank), area."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        choices: Sequence[GridChoice],
        parent_id: str | None = None,
    ):
        super().__init__(db, parent, name="createGrid")
        self.setWindowTitle(self.tr("新建网格"))
        self.grid_id: str | None = None
        self.name_edit = self.line(
            "Name", self.tr("网格名称"), placeholder=self.tr("如 幸福里第一网格")
        )
        self.parent_box = grid_combo(
            self,
            "Parent",
            self.tr("上级"),
            choices,
            blank=self.tr("（社区，顶级网格）"),
            current=parent_id,
        )
        self.number_edit = self.line(
            "Number", self.tr("编号"), placeholder=self.tr("留空则自动取下一个编号")
        )
        self.area_edit = self.text_box(
            "Area", self.tr("范围"), placeholder=self.tr("四至范围或包含的楼栋"), lines=2
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("网格名称"), self.name_edit.text())

    def apply(self, session: Session) -> None:
        number = self.number_edit.text().strip() or None
        grid = grids.create_grid(
            session,
            name=self.name_edit.text().strip(),
            number=number,
            parent_id=self.parent_box.currentData(),
            area=self.area_edit.toPlainText().strip(),
        )
        self.grid_id = self.select_after = grid.id


class RenameGridDialog(GridDialog):
    """重命名: the grid's name and the area printed on the roster."""

    def __init__(self, db: Database, parent: QWidget | None, *, grid_id: str, name: str, area: str):
        super().__init__(db, parent, name="renameGrid")
        self.setWindowTitle(self.tr("重命名网格"))
        self.grid_id = self.select_after = grid_id
        self.name_edit = self.line("Name", self.tr("网格名称"), name)
        self.area_edit = self.text_box("Area", self.tr("范围"), area, lines=2)
        self.old_area = area
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("网格名称"), self.name_edit.text())

    def apply(self, session: Session) -> None:
        area = self.area_edit.toPlainText().strip()
        grids.rename_grid(
            session,
            self.grid_id,
            name=self.name_edit.text().strip(),
            area=area if area != self.old_area else None,
        )


class RetireGridDialog(GridDialog):
    """撤销网格: from a date; its places and posts move to another grid or it is refused."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        grid_id: str,
        name: str,
        choices: Sequence[GridChoice],
        today: dt.date,
    ):
        super().__init__(db, parent, name="retireGrid")
        self.setWindowTitle(self.tr("撤销网格"))
        self.grid_id = grid_id
        self.info("Grid", self.tr("网格"), name)
        self.on_edit = self.date_edit("On", self.tr("撤销日期"), today, latest_today=False)
        self.move_box = grid_combo(
            self,
            "MoveTo",
            self.tr("移交给"),
            [c for c in choices if c.id != grid_id],
            blank=self.tr("（不移交：网格已没有楼栋和人员）"),
        )
        self.info(
            "Note",
            "",
            self.tr("撤销的网格保留历史，不会删除；此前月份的统计仍按原网格计算。"),
        )
        self.finish()

    def apply(self, session: Session) -> None:
        self.select_after = self.move_box.currentData()
        grids.retire_grid(session, self.grid_id, on=pydate(self.on_edit), move_to=self.select_after)


class MergeGridDialog(GridDialog):
    """合并: this grid's places and posts go to the target from a date; this grid is retired."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        grid_id: str,
        name: str,
        choices: Sequence[GridChoice],
        today: dt.date,
    ):
        super().__init__(db, parent, name="mergeGrid")
        self.setWindowTitle(self.tr("合并网格"))
        self.grid_id = grid_id
        self.info("Source", self.tr("并出网格"), name)
        self.target_box = grid_combo(
            self, "Target", self.tr("并入网格"), [c for c in choices if c.id != grid_id]
        )
        self.on_edit = self.date_edit("On", self.tr("合并日期"), today, latest_today=False)
        self.finish()

    def check(self) -> list[str]:
        return [] if self.target_box.currentData() else [self.tr("请选择并入的网格")]

    def apply(self, session: Session) -> None:
        self.select_after = self.target_box.currentData()
        grids.merge_grids(
            session, source_id=self.grid_id, target_id=self.select_after, on=pydate(self.on_edit)
        )


class SplitGridDialog(GridDialog):
    """拆分: a new sibling grid takes the ticked places from a date."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        grid_id: str,
        name: str,
        places: Sequence[PlaceChoice],
        ticked: Sequence[str] = (),
        today: dt.date,
    ):
        super().__init__(db, parent, name="splitGrid")
        self.setWindowTitle(self.tr("拆分网格"))
        self.grid_id = grid_id
        self.new_grid_id: str | None = None
        self.info("Source", self.tr("原网格"), name)
        self.name_edit = self.line("Name", self.tr("新网格名称"))
        self.places_list = QListWidget(self)
        self.places_list.setObjectName("splitGridPlaces")
        for place in places:
            item = QListWidgetItem(place.name, self.places_list)
            item.setData(Qt.ItemDataRole.UserRole, place.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if place.id in ticked else Qt.CheckState.Unchecked
            )
        self.form.addRow(self.tr("划给新网格"), self.places_list)
        self.on_edit = self.date_edit("On", self.tr("拆分日期"), today, latest_today=False)
        self.finish()

    def ticked_ids(self) -> list[str]:
        return [
            str(self.places_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.places_list.count())
            if self.places_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check(self) -> list[str]:
        problems = required(self.tr("新网格名称"), self.name_edit.text())
        if not self.ticked_ids():
            problems.append(self.tr("请勾选划给新网格的楼栋或房屋"))
        return problems

    def apply(self, session: Session) -> None:
        grid = grids.split_grid(
            session,
            self.grid_id,
            name=self.name_edit.text().strip(),
            place_ids=self.ticked_ids(),
            on=pydate(self.on_edit),
        )
        self.new_grid_id = self.select_after = grid.id
