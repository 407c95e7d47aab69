"""Status changes (迁出/死亡/注销/恢复在册) with date and reason, and the person's status history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.messages import DomainError
from govdesk.services import registry
from govdesk.store.database import Database
from govdesk.ui.residents import commands
from govdesk.ui.residents.person_form import ERROR_COLOUR


class StatusDialog(QDialog):
    def __init__(
        self,
        db: Database,
        person_id: str,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        on_change: Callable[[str], None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self.db = db
        self.person_id = person_id
        self.undo_stack = undo_stack
        self.on_change = on_change or (lambda _pid: None)
        with db.session() as s:
            p = registry.get_person(s, person_id=person_id)
            self.name, self.old_status = p.name, p.status
            history = [
                (h.date, h.old_status, h.new_status, h.reason)
                for h in registry.status_history(s, person_id=person_id)
            ]
        self.setWindowTitle(self.tr("状态变更 - {name}").format(name=self.name))

        self.new_status = QComboBox(self)
        self.new_status.setObjectName("newStatus")
        for c in codes.RESIDENT_STATUS:
            if c.code != self.old_status:
                text = self.tr("恢复在册") if c.code == "on_register" else c.label
                self.new_status.addItem(text, c.code)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("statusDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate())
        self.reason = QLineEdit(self)
        self.reason.setObjectName("statusReason")
        self.reason.setPlaceholderText(self.tr("如：迁往外省、病故、重复登记"))
        self.error = QLabel(self)
        self.error.setObjectName("statusError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(
            self.tr("当前状态："), QLabel(codes.RESIDENT_STATUS.label(self.old_status), self)
        )
        form.addRow(self.tr("变更为："), self.new_status)
        form.addRow(self.tr("日期："), self.date)
        form.addRow(self.tr("原因："), self.reason)

        self.history = QTableWidget(len(history), 4, self)
        self.history.setObjectName("statusHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("原状态"), self.tr("新状态"), self.tr("原因")]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (d, old, new, reason) in enumerate(history):
            cells = [
                d.isoformat(),
                codes.RESIDENT_STATUS.label(old),
                codes.RESIDENT_STATUS.label(new),
                reason,
            ]
            for c, text in enumerate(cells):
                self.history.setItem(r, c, QTableWidgetItem(text))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("变更记录："), self))
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def save(self) -> bool:
        new_status = self.new_status.currentData()
        date: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        reason = self.reason.text()
        try:
            with self.db.session() as s:
                registry.change_status(
                    s, person_id=self.person_id, new_status=new_status, date=date, reason=reason
                )
        except DomainError as exc:
            self.error.setText("\n".join(i.message for i in exc.issues))
            return False
        if self.undo_stack is not None:
            self.undo_stack.push(
                commands.status_command(
                    self.db,
                    self.person_id,
                    name=self.name,
                    old_status=self.old_status,
                    new_status=new_status,
                    date=date,
                    reason=reason.strip(),
                    on_change=self.on_change,
                    parent_widget=self.parentWidget(),
                )
            )
        self.on_change(self.person_id)
        self.accept()
        return True
