"""Dialogs for a grid's staff: add a person with a post, appoint a post, end a post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain.messages import DomainError
from govdesk.services import grid_staff
from govdesk.store.database import Database
from govdesk.ui.grids.grid_dialogs import GridDialog
from govdesk.ui.mediation.dialog_base import pydate, required
from govdesk.ui.ops import error_text
from govdesk.ui.resident_matches import find_residents


@dataclass(frozen=True)
class StaffChoice:
    """A staff member as the 任命岗位 picker lists them."""

    id: str
    name: str


def role_combo(dialog: GridDialog) -> QComboBox:
    """The roles the office uses, by the office's names (岗位名称设置)."""
    box = QComboBox(dialog)
    for code, label in grid_staff.role_choices(dialog.db):
        box.addItem(label, code)
    box.setObjectName(f"{dialog.name}Role")
    dialog.form.addRow(dialog.tr("岗位"), box)
    return box


class AddStaffDialog(GridDialog):
    """添加人员: a resident found by name, initials or ID number, or a person from outside
    (name and phone), who takes a post in the chosen grid from the start date."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        grid_id: str,
        grid_name: str,
        today: dt.date,
    ):
        super().__init__(db, parent, name="addStaff")
        self.setWindowTitle(self.tr("添加网格人员"))
        self.grid_id = grid_id
        self.staff_id: str | None = None
        self.info("Grid", self.tr("网格"), grid_name)
        self.from_register = QRadioButton(self.tr("登记在册的居民"), self)
        self.from_register.setObjectName("addStaffFromRegister")
        self.from_outside = QRadioButton(self.tr("外来人员（不在本社区登记）"), self)
        self.from_outside.setObjectName("addStaffFromOutside")
        self.from_register.setChecked(True)
        self.form.addRow(self.tr("人员来源"), self.from_register)
        self.form.addRow("", self.from_outside)
        self.search = self.line(
            "Search", self.tr("查找居民"), placeholder=self.tr("姓名、拼音首字母或身份证号")
        )
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("addStaffResults")
        self.results.setMinimumHeight(110)
        self.form.addRow("", self.results)
        self.enter_areas.append(self.search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.name_edit = self.line("Name", self.tr("姓名"))
        self.phone_edit = self.line(
            "Phone", self.tr("联系电话"), placeholder=self.tr("选居民时留空则用登记的电话")
        )
        self.role_box = role_combo(self)
        self.start_edit = self.date_edit("Start", self.tr("任职起始"), today, latest_today=False)
        self.from_register.toggled.connect(lambda _on: self._sources())
        self._sources()
        self.finish()

    def _sources(self) -> None:
        register = self.from_register.isChecked()
        self.search.setEnabled(register)
        self.results.setEnabled(register)
        self.name_edit.setEnabled(not register)

    def run_search(self) -> None:
        """Residents on the register matching the search (ID numbers masked as listed)."""
        self.timer.stop()
        self.results.clear()
        if not self.search.text().strip():
            return
        try:
            found = find_residents(self.db, self.search.text())
        except DomainError as exc:
            self.error.setText(error_text(exc))
            return
        for match in found:
            item = QListWidgetItem(match.label(with_sex=False))
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.error.setText(self.tr("没有找到匹配的居民，可改选“外来人员”直接填写。"))

    def resident_id(self) -> str | None:
        if not self.from_register.isChecked():
            return None
        item = self.results.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def check(self) -> list[str]:
        if self.from_register.isChecked():
            return [] if self.resident_id() else [self.tr("请先查找并选中一位居民。")]
        return required(self.tr("姓名"), self.name_edit.text())

    def apply(self, session: Session) -> None:
        phone = self.phone_edit.text().strip() or None
        staff = grid_staff.add_staff(
            session,
            name="" if self.from_register.isChecked() else self.name_edit.text().strip(),
            phone=phone,
            resident_id=self.resident_id(),
        )
        grid_staff.add_post(
            session,
            staff_id=staff.id,
            grid_id=self.grid_id,
            role=self.role_box.currentData(),
            start_on=pydate(self.start_edit),
        )
        self.staff_id = staff.id
        self.select_after = self.grid_id


class AppointDialog(GridDialog):
    """任命岗位: someone already on the staff takes a (further) post in the chosen grid."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        grid_id: str,
        grid_name: str,
        staff: Sequence[StaffChoice],
        today: dt.date,
        current_staff_id: str | None = None,
    ):
        super().__init__(db, parent, name="appointPost")
        self.setWindowTitle(self.tr("任命岗位"))
        self.grid_id = grid_id
        self.info("Grid", self.tr("网格"), grid_name)
        self.staff_box = QComboBox(self)
        self.staff_box.setObjectName("appointPostStaff")
        for choice in staff:
            self.staff_box.addItem(choice.name, choice.id)
        if current_staff_id is not None and (i := self.staff_box.findData(current_staff_id)) >= 0:
            self.staff_box.setCurrentIndex(i)
        self.form.addRow(self.tr("人员"), self.staff_box)
        self.role_box = role_combo(self)
        self.start_edit = self.date_edit("Start", self.tr("任职起始"), today, latest_today=False)
        self.finish()

    def check(self) -> list[str]:
        if self.staff_box.currentData() is None:
            return [self.tr("还没有网格人员，请先用“添加人员”登记。")]
        return []

    def apply(self, session: Session) -> None:
        grid_staff.add_post(
            session,
            staff_id=self.staff_box.currentData(),
            grid_id=self.grid_id,
            role=self.role_box.currentData(),
            start_on=pydate(self.start_edit),
        )
        self.select_after = self.grid_id


class EndPostDialog(GridDialog):
    """结束任职: the post no longer holds from the chosen day (its last day is the day before)."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        post_id: str,
        text: str,
        start_on: dt.date,
        today: dt.date,
    ):
        super().__init__(db, parent, name="endPost")
        self.setWindowTitle(self.tr("结束任职"))
        self.post_id = post_id
        self.info("Post", self.tr("任职"), text)
        self.end_edit = self.date_edit(
            "On", self.tr("从此日起不再任职"), max(today, start_on), latest_today=False
        )
        self.end_edit.setToolTip(self.tr("所选日期当天起不再任职，前一天是最后一天"))
        self.finish()

    def apply(self, session: Session) -> None:
        grid_staff.end_post(session, self.post_id, on=pydate(self.end_edit))


__all__ = ["AddStaffDialog", "AppointDialog", "EndPostDialog", "StaffChoice"]
