"""登记志愿者, 修改 and 状态: a resident picked by search or a person from outside, and their details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain import codes
from govdesk.domain.messages import DomainError
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import pydate, required
from govdesk.ui.ops import error_text
from govdesk.ui.resident_matches import find_residents
from govdesk.ui.volunteers.common import VolunteerDialog
from govdesk.ui.volunteers.fields import CheckList, TimeBoxes, WeekdayBoxes, split_codes


def _time_labels() -> dict[str, str]:
    from govdesk.domain import volunteers as rules

    return {c.code: c.label for c in rules.AVAILABLE_TIMES}


def skill_labels(db: Database) -> dict[str, str]:
    from govdesk.services import volunteers

    return dict(volunteers.skills(db))


class DetailsDialog(VolunteerDialog):
    """The fields a volunteer has whoever they are: skills, availability, party and 双报到."""

    def add_details(self, values: dict[str, Any]) -> None:
        self.skills = CheckList(skill_labels(self.db), split_codes(values.get("skills")), self)
        self.form.addRow(self.tr("技能："), self._named(self.skills, "Skills"))
        self.days = WeekdayBoxes(values.get("available_days") or "", self)
        self.form.addRow(self.tr("可服务日："), self._named(self.days, "Days"))
        self.times = TimeBoxes(_time_labels(), values.get("available_times") or "", self)
        self.form.addRow(self.tr("可服务时段："), self._named(self.times, "Times"))
        self.party = QCheckBox(self.tr("中共党员"), self)
        self.party.setChecked(bool(values.get("party_member")))
        self.form.addRow("", self._named(self.party, "PartyMember"))
        self.dual = QCheckBox(self.tr("在职党员“双报到”"), self)
        self.dual.setChecked(bool(values.get("dual_report")))
        self.form.addRow("", self._named(self.dual, "DualReport"))
        self.work_unit = self.line("WorkUnit", self.tr("工作单位："), values.get("work_unit") or "")
        self.unit_org = self.line(
            "UnitPartyOrg", self.tr("单位党组织："), values.get("unit_party_org") or ""
        )
        self.reported_on = self.date_edit(
            "ReportedOn", self.tr("报到日期："), values.get("reported_on")
        )
        self.dual.toggled.connect(self._dual_changed)
        self._dual_changed(self.dual.isChecked())
        self.note = self.text_box("Note", self.tr("备注："), values.get("note") or "", lines=2)

    def _dual_changed(self, on: bool) -> None:
        for widget in (self.work_unit, self.unit_org, self.reported_on):
            widget.setEnabled(on)
        if on:
            self.party.setChecked(True)

    def detail_values(self) -> dict[str, Any]:
        dual = self.dual.isChecked()
        return {
            "skills": self.skills.codes(),
            "available_days": self.days.value(),
            "available_times": self.times.value(),
            "party_member": self.party.isChecked() or dual,
            "dual_report": dual,
            "work_unit": self.work_unit.text().strip() if dual else "",
            "unit_party_org": self.unit_org.text().strip() if dual else "",
            "reported_on": pydate(self.reported_on) if dual else None,
            "note": self.note.toPlainText().strip(),
        }

    def check_details(self) -> list[str]:
        if self.dual.isChecked():
            return required(self.tr("工作单位"), self.work_unit.text())
        return []


class RegisterDialog(DetailsDialog):
    """登记志愿者: 本社区居民 (found by name, initials or ID number) or 外来人员."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="volunteerRegister")
        self.setWindowTitle(self.tr("登记志愿者"))
        self.new_id: str | None = None
        self.resident_id: str | None = None

        self.who = QTabWidget(self)
        self.who.setObjectName("volunteerRegisterWho")
        resident_page = QWidget(self.who)
        self.search = QLineEdit(resident_page)
        self.search.setObjectName("volunteerRegisterSearch")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母或身份证号"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(resident_page)
        self.results.setObjectName("volunteerRegisterResults")
        self.results.setMinimumHeight(self.fontMetrics().height() * 5)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        rl = QVBoxLayout(resident_page)
        rl.addWidget(self.search)
        rl.addWidget(self.results, 1)
        self.enter_areas.append(self.search)

        outside_page = QWidget(self.who)
        of = QFormLayout(outside_page)
        self.name = QLineEdit(outside_page)
        self.name.setObjectName("volunteerRegisterName")
        self.sex = QComboBox(outside_page)
        self.sex.setObjectName("volunteerRegisterSex")
        self.sex.addItem(self.tr("（未填）"), None)
        for c in codes.SEX:
            self.sex.addItem(c.label, c.code)
        self.id_number = QLineEdit(outside_page)
        self.id_number.setObjectName("volunteerRegisterIdNumber")
        self.phone = QLineEdit(outside_page)
        self.phone.setObjectName("volunteerRegisterPhone")
        self.address = QLineEdit(outside_page)
        self.address.setObjectName("volunteerRegisterAddress")
        of.addRow(self.tr("姓名："), self.name)
        of.addRow(self.tr("性别："), self.sex)
        of.addRow(self.tr("身份证号："), self.id_number)
        of.addRow(self.tr("联系电话："), self.phone)
        of.addRow(self.tr("住址："), self.address)

        self.who.addTab(resident_page, self.tr("本社区居民"))
        self.who.addTab(outside_page, self.tr("外来人员"))
        self.form.addRow(self.who)
        self.joined_on = self.date_edit("JoinedOn", self.tr("加入日期："), dt.date.today())
        self.add_details({})
        self.finish(620)

    def run_search(self) -> None:
        """Residents on the register matching the typed text (ID numbers masked)."""
        self.timer.stop()
        self.results.clear()
        try:
            found = find_residents(self.db, self.search.text())
        except DomainError as exc:
            self.error.setText(error_text(exc))
            return
        for match in found:
            item = QListWidgetItem(match.label(), self.results)
            item.setData(Qt.ItemDataRole.UserRole, match.id)
        if self.results.count():
            self.results.setCurrentRow(0)

    def picked_resident(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def check(self) -> list[str]:
        problems = self.check_details()
        if self.who.currentIndex() == 0:
            self.timer.isActive() and self.run_search()
            if self.picked_resident() is None:
                problems.insert(0, self.tr("请先查找并选中一位居民，或在“外来人员”页填写。"))
        else:
            problems = required(self.tr("姓名"), self.name.text()) + problems
        return problems

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteers

        data = self.detail_values()
        data["joined_on"] = pydate(self.joined_on)
        resident_id = None
        if self.who.currentIndex() == 0:
            resident_id = self.picked_resident()
        else:
            data.update(
                name=self.name.text().strip(),
                sex=self.sex.currentData(),
                id_number=self.id_number.text().strip() or None,
                phone=self.phone.text().strip() or None,
                address=self.address.text().strip(),
            )
        volunteer = volunteers.add_volunteer(session, resident_id=resident_id, data=data)
        self.new_id = volunteer.id


class EditDialog(DetailsDialog):
    """修改: an outsider's own details and everyone's skills, availability and 双报到."""

    def __init__(self, db: Database, volunteer_id: str, parent: QWidget | None = None):
        super().__init__(db, parent, name="volunteerEdit")
        from govdesk.services import volunteers

        self.volunteer_id = volunteer_id
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self.number = self.shown_name = ""
        with db.session() as s:
            v = volunteers.get_volunteer(s, volunteer_id)
            values = v.model_dump()
        self.is_resident = bool(values.get("resident_id"))
        self.setWindowTitle(
            self.tr("修改志愿者 %1").replace("%1", f"{values['number']} {values['name']}")
        )
        if self.is_resident:
            self.info(
                "Who",
                self.tr("姓名："),
                self.tr("%1（本社区居民，信息随居民登记）").replace("%1", values["name"]),
            )
        else:
            self.name = self.line("Name", self.tr("姓名："), values.get("name") or "")
            self.phone = self.line("Phone", self.tr("联系电话："), values.get("phone") or "")
            self.address = self.line("Address", self.tr("住址："), values.get("address") or "")
        self.add_details(values)
        self.finish(600)

    def check(self) -> list[str]:
        problems = [] if self.is_resident else required(self.tr("姓名"), self.name.text())
        return problems + self.check_details()

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteers

        data = self.detail_values()
        if not self.is_resident:
            data.update(
                name=self.name.text().strip(),
                phone=self.phone.text().strip() or None,
                address=self.address.text().strip(),
            )
        stored = volunteers.get_volunteer(session, self.volunteer_id)
        # What undo writes back, and what redo writes again: the stored values, not the form's.
        self.before = {k: getattr(stored, k) for k in data}
        self.number, self.shown_name = stored.number, stored.name
        stored = volunteers.update_volunteer(session, self.volunteer_id, data)
        self.after = {k: getattr(stored, k) for k in data}


class StatusDialog(VolunteerDialog):
    """状态: 在册, 暂停 or 退出, from a day."""

    def __init__(self, db: Database, volunteer_id: str, parent: QWidget | None = None):
        super().__init__(db, parent, name="volunteerStatus")
        from govdesk.domain import volunteers as rules
        from govdesk.services import volunteers

        self.volunteer_id = volunteer_id
        with db.session() as s:
            v = volunteers.get_volunteer(s, volunteer_id)
            current, shown = v.status, f"{v.number} {v.name}"
        self.setWindowTitle(self.tr("志愿者状态"))
        self.info("Who", self.tr("志愿者："), shown)
        self.status = self.combo("Choice", self.tr("状态："), rules.VOLUNTEER_STATUS, current)
        self.on = self.date_edit("On", self.tr("日期："), dt.date.today())
        self.finish(380)

    def check(self) -> list[str]:
        return []

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteers

        volunteers.set_status(
            session, self.volunteer_id, self.status.currentData(), pydate(self.on)
        )
