"""Dialogs of the 点单 page: 登记需求, 派单 (from the suggestion list), 完成 and 取消."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain import codes
from govdesk.domain.messages import DomainError
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import pydate, qdate, required
from govdesk.ui.ops import error_text
from govdesk.ui.volunteers.common import VolunteerDialog, now_utc


class RequestDialog(VolunteerDialog):
    """登记需求: who (a resident found by search, or a name typed), what, when and where."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="orderRequest")
        from govdesk.services import volunteers

        self.setWindowTitle(self.tr("登记需求"))
        self.new_id: str | None = None
        self.resident_id: str | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("orderRequestSearch")
        self.search.setPlaceholderText(self.tr("查找本社区居民：姓名、拼音首字母或身份证号"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("orderRequestResults")
        self.results.setMaximumHeight(self.fontMetrics().height() * 5)
        self.form.addRow(self.tr("居民："), self.search)
        self.form.addRow("", self.results)
        self.enter_areas.append(self.search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.results.currentItemChanged.connect(lambda *_a: self._picked())
        self.requester = self.line("Requester", self.tr("点单人："))
        self.phone = self.line("Phone", self.tr("联系电话："))
        self.need = self.text_box("Need", self.tr("服务需求："), lines=2)
        self.skill = QComboBox(self)
        self.skill.addItem(self.tr("（不限）"), "")
        for code, label in volunteers.skills(db).items():
            self.skill.addItem(label, code)
        self.form.addRow(self.tr("所需技能："), self._named(self.skill, "Skill"))
        when = QWidget(self)
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        self.has_day = QCheckBox(self.tr("日期"), when)
        self.has_day.setObjectName("orderRequestHasDay")
        self.wanted_on = QDateEdit(qdate(dt.date.today()), when)
        self.wanted_on.setObjectName("orderRequestWantedOn")
        self.wanted_on.setCalendarPopup(True)
        self.wanted_on.setDisplayFormat("yyyy-MM-dd")
        self.wanted_on.setEnabled(False)
        self.has_day.toggled.connect(self.wanted_on.setEnabled)
        self.wanted_time = QLineEdit(when)
        self.wanted_time.setObjectName("orderRequestWantedTime")
        self.wanted_time.setPlaceholderText(self.tr("上午、下午3点…"))
        row.addWidget(self.has_day)
        row.addWidget(self.wanted_on)
        row.addWidget(self.wanted_time, 1)
        self.form.addRow(self.tr("期望时间："), when)
        self.place = self.line("Place", self.tr("服务地点："))
        self.finish(560)

    def run_search(self) -> None:
        self.timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            return
        listing = ResidentList(self.db)
        try:
            page = listing.page(ResidentFilter(text=text), limit=20)
            rows = listing.rows([rowid for _k, rowid in page])
        except DomainError as exc:
            self.error.setText(error_text(exc))
            return
        for _key, rowid in page:
            r = rows.get(rowid)
            if r is None:
                continue
            parts = [r["name"], codes.SEX.label(r.get("sex")), r.get("current_address") or ""]
            item = QListWidgetItem("　".join(p for p in parts if p), self.results)
            item.setData(Qt.ItemDataRole.UserRole, (r["id"], r["name"]))

    def _picked(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.resident_id = None
            return
        self.resident_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.requester.setText(name)

    def check(self) -> list[str]:
        problems = [] if self.resident_id else required(self.tr("点单人"), self.requester.text())
        return problems + required(self.tr("服务需求"), self.need.toPlainText())

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_orders

        order = volunteer_orders.request(
            session,
            requester=self.requester.text().strip(),
            need=self.need.toPlainText().strip(),
            resident_id=self.resident_id,
            phone=self.phone.text().strip() or None,
            skill=self.skill.currentData() or "",
            wanted_on=pydate(self.wanted_on) if self.has_day.isChecked() else None,
            wanted_time=self.wanted_time.text().strip(),
            place=self.place.text().strip(),
            now=now_utc(),
        )
        self.new_id = order.id


class DispatchDialog(VolunteerDialog):
    """派单: the suggested volunteers, best first, with the reasons; the chosen one gets it."""

    def __init__(self, db: Database, order_id: str, shown: str, parent: QWidget | None = None):
        super().__init__(db, parent, name="dispatch")
        from govdesk.services import volunteer_orders

        self.order_id = order_id
        self.setWindowTitle(self.tr("推荐志愿者并派单"))
        self.info("Order", self.tr("点单："), shown)
        self.list = QTreeWidget(self)
        self.list.setObjectName("dispatchSuggestions")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [self.tr("编号"), self.tr("姓名"), self.tr("匹配度"), self.tr("推荐理由")]
        )
        self.list.setMinimumHeight(self.fontMetrics().height() * 10)
        self.form.addRow(self.list)
        for s in volunteer_orders.suggestions(db, order_id, on=dt.date.today()):
            v = s.volunteer
            item = QTreeWidgetItem([v.number, v.name, str(s.score), "；".join(s.reasons)])
            item.setData(0, Qt.ItemDataRole.UserRole, v.id)
            self.list.addTopLevelItem(item)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        for i in range(3):
            self.list.resizeColumnToContents(i)
        self.list.itemDoubleClicked.connect(lambda *_a: self.save())
        self.ok_button.setText(self.tr("派单"))
        self.finish(640)

    def picked(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def check(self) -> list[str]:
        return [] if self.picked() else [self.tr("请选中一位志愿者。")]

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_orders

        volunteer_orders.dispatch(session, self.order_id, self.picked(), now_utc())


class DoneDialog(VolunteerDialog):
    """完成: the time the service took (it goes to the hours ledger) and the requester's word."""

    def __init__(self, db: Database, order_id: str, shown: str, parent: QWidget | None = None):
        super().__init__(db, parent, name="orderDone")
        self.order_id = order_id
        self.setWindowTitle(self.tr("完成点单"))
        self.info("Order", self.tr("点单："), shown)
        self.hours = self.line(
            "Hours", self.tr("服务时长："), placeholder=self.tr("如 1.5 或 90分钟")
        )
        self.feedback = self.text_box("Feedback", self.tr("群众评价："), lines=2)
        self.finish(440)

    def minutes(self) -> int | None:
        from govdesk.domain import volunteers as rules

        return rules.parse_hours(self.hours.text())

    def check(self) -> list[str]:
        problems = required(self.tr("服务时长"), self.hours.text())
        minutes = self.minutes()
        if not problems and (minutes is None or minutes <= 0):
            problems.append(self.tr("无法识别的时长：%1").replace("%1", self.hours.text().strip()))
        return problems

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_orders

        volunteer_orders.done(
            session,
            self.order_id,
            minutes=self.minutes(),
            now=now_utc(),
            feedback=self.feedback.toPlainText().strip(),
        )


class CancelOrderDialog(VolunteerDialog):
    """取消: the reason is required."""

    def __init__(self, db: Database, order_id: str, shown: str, parent: QWidget | None = None):
        super().__init__(db, parent, name="orderCancel")
        self.order_id = order_id
        self.setWindowTitle(self.tr("取消点单"))
        self.info("Order", self.tr("点单："), shown)
        self.reason = self.text_box("Reason", self.tr("取消原因："), lines=2)
        self.finish(420)

    def check(self) -> list[str]:
        return required(self.tr("取消原因"), self.reason.toPlainText())

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_orders

        volunteer_orders.cancel(
            session, self.order_id, reason=self.reason.toPlainText().strip(), now=now_utc()
        )
