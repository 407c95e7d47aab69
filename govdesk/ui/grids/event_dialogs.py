"""Dialogs of the events page: 上报, 交办, 办理反馈, 办结, 退回, 重新上报, 转为调解案件, 导出台账."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget
from sqlmodel import Session

from govdesk.domain.grid_events import EVENT_CATEGORIES
from govdesk.domain.mediation import DISPUTE_TYPES
from govdesk.services import grid_events, mediation
from govdesk.services.grid_events import EventRow
from govdesk.store.database import Database
from govdesk.ui.grids.grid_dialogs import GridChoice, GridDialog
from govdesk.ui.mediation.dialog_base import pydate, required, signed_in_name


class EventDialog(GridDialog):
    """A step on one event: the event's number and description shown on top."""

    def __init__(self, db: Database, parent: QWidget | None, *, name: str, event: EventRow):
        super().__init__(db, parent, name=name)
        self.row = event  # not `event`: that name is QWidget.event()
        self.info("Number", self.tr("事件编号"), f"{event.number}（{event.state_label}）")
        self.info("Description", self.tr("事件描述"), event.description)

    def reported_on(self) -> dt.date:
        return self.row.reported_at.astimezone().date()


class ReportEventDialog(GridDialog):
    """上报事件: category, description, where, who reported it and when, in which grid."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        choices: list[GridChoice],
        grid_id: str | None,
    ):
        super().__init__(db, parent, name="reportEvent")
        self.setWindowTitle(self.tr("上报事件"))
        self.number = ""
        self.category = self.combo("Category", self.tr("事件类别"), EVENT_CATEGORIES, "other")
        self.description = self.text_box("Description", self.tr("事件描述"))
        self.location = self.line("Location", self.tr("发生地点"))
        self.reporter = self.line("Reporter", self.tr("上报人"), signed_in_name(db))
        self.reported_at = self.datetime_edit("ReportedAt", self.tr("上报时间"))
        self.grid = self.text_combo("Grid", self.tr("所属网格"), [])
        self.grid.addItem(self.tr("（不指定）"), None)
        for choice in choices:
            self.grid.addItem(choice.label(), choice.id)
        if grid_id is not None and (i := self.grid.findData(grid_id)) >= 0:
            self.grid.setCurrentIndex(i)
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("事件描述"), self.description.toPlainText())

    def apply(self, session: Session) -> None:
        when: dt.datetime = self.reported_at.dateTime().toPython()  # type: ignore[assignment]
        event = grid_events.report_event(
            session,
            category=self.category.currentData(),
            description=self.description.toPlainText(),
            reported_at=when.astimezone(),
            reporter=self.reporter.text(),
            grid_id=self.grid.currentData(),
            location=self.location.text(),
        )
        self.number = event.number
        self.select_after = event.id


class DispatchDialog(EventDialog):
    """交办: to a department, with a deadline."""

    def __init__(self, db: Database, parent: QWidget | None, *, event: EventRow, today: dt.date):
        super().__init__(db, parent, name="dispatchEvent", event=event)
        self.setWindowTitle(self.tr("交办"))
        self.department = self.line(
            "Department", self.tr("承办部门"), placeholder=self.tr("如：城管中队、物业公司")
        )
        self.dispatched_on = self.date_edit(
            "Date", self.tr("交办日期"), today, earliest=self.reported_on()
        )
        self.due_on = self.date_edit(
            "Due", self.tr("办理期限"), today + dt.timedelta(days=7), latest_today=False
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("承办部门"), self.department.text())

    def apply(self, session: Session) -> None:
        grid_events.dispatch_event(
            session,
            self.row.id,
            department=self.department.text(),
            dispatched_on=pydate(self.dispatched_on),
            due_on=pydate(self.due_on),
        )


class HandleDialog(EventDialog):
    """办理反馈: what the department did."""

    def __init__(self, db: Database, parent: QWidget | None, *, event: EventRow, today: dt.date):
        super().__init__(db, parent, name="handleEvent", event=event)
        self.setWindowTitle(self.tr("办理反馈"))
        self.info("Department", self.tr("承办部门"), event.department or "")
        self.handled_on = self.date_edit(
            "Date", self.tr("办理日期"), today, earliest=event.dispatched_on
        )
        self.feedback = self.text_box("Feedback", self.tr("办理结果"))
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("办理结果"), self.feedback.toPlainText())

    def apply(self, session: Session) -> None:
        grid_events.handle_event(
            session,
            self.row.id,
            handled_on=pydate(self.handled_on),
            feedback=self.feedback.toPlainText(),
        )


class CloseDialog(EventDialog):
    """办结/销号 on a day."""

    def __init__(self, db: Database, parent: QWidget | None, *, event: EventRow, today: dt.date):
        super().__init__(db, parent, name="closeEvent", event=event)
        self.setWindowTitle(self.tr("办结"))
        self.info("Feedback", self.tr("办理结果"), event.feedback or "")
        self.info("Due", self.tr("办理期限"), event.due_on.isoformat() if event.due_on else "")
        self.closed_on = self.date_edit(
            "Date", self.tr("办结日期"), today, earliest=event.handled_on
        )
        self.finish()

    def apply(self, session: Session) -> None:
        grid_events.close_event(session, self.row.id, closed_on=pydate(self.closed_on))


class ReturnDialog(EventDialog):
    """退回, with the reason."""

    def __init__(self, db: Database, parent: QWidget | None, *, event: EventRow, today: dt.date):
        super().__init__(db, parent, name="returnEvent", event=event)
        self.setWindowTitle(self.tr("退回"))
        self.returned_on = self.date_edit(
            "Date", self.tr("退回日期"), today, earliest=self.reported_on()
        )
        self.reason = self.text_box("Reason", self.tr("退回原因"))
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("退回原因"), self.reason.toPlainText())

    def apply(self, session: Session) -> None:
        grid_events.return_event(
            session,
            self.row.id,
            returned_on=pydate(self.returned_on),
            reason=self.reason.toPlainText(),
        )


class ReportAgainDialog(EventDialog):
    """重新上报 a returned event, its description corrected."""

    def __init__(self, db: Database, parent: QWidget | None, *, event: EventRow):
        super().__init__(db, parent, name="reportAgain", event=event)
        self.setWindowTitle(self.tr("重新上报"))
        self.info("Reason", self.tr("退回原因"), event.returned_reason or "")
        self.description = self.text_box(
            "NewDescription", self.tr("补充后的描述"), event.description
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("补充后的描述"), self.description.toPlainText())

    def apply(self, session: Session) -> None:
        grid_events.report_again(session, self.row.id, description=self.description.toPlainText())


class ToMediationDialog(EventDialog):
    """转为调解案件: dispute type and the two sides; the new case's number is kept."""

    def __init__(self, db: Database, parent: QWidget | None, *, event: EventRow, today: dt.date):
        super().__init__(db, parent, name="eventToCase", event=event)
        self.setWindowTitle(self.tr("转为调解案件"))
        self.case_id: str | None = None
        self.case_number = ""
        self.dispute_type = self.combo("DisputeType", self.tr("纠纷类型"), DISPUTE_TYPES)
        self.applicant = self.line("Applicant", self.tr("申请人"))
        self.applicant_phone = self.line("ApplicantPhone", self.tr("申请人电话"))
        self.respondent = self.line(
            "Respondent", self.tr("被申请人"), placeholder=self.tr("没有可不填")
        )
        self.registered_on = self.date_edit(
            "Date", self.tr("登记日期"), today, earliest=self.reported_on()
        )
        self.summary = self.text_box("Summary", self.tr("纠纷简要情况"), event.description)
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("申请人"), self.applicant.text())

    def apply(self, session: Session) -> None:
        parties = [
            mediation.PartyInput(
                role="applicant",
                name=self.applicant.text().strip(),
                phone=self.applicant_phone.text().strip() or None,
            )
        ]
        if self.respondent.text().strip():
            parties.append(
                mediation.PartyInput(role="respondent", name=self.respondent.text().strip())
            )
        case = grid_events.event_to_mediation(
            session,
            self.row.id,
            dispute_type=self.dispute_type.currentData(),
            parties=parties,
            registered_on=pydate(self.registered_on),
            summary=self.summary.toPlainText(),
            registered_by=signed_in_name(self.db),
        )
        self.case_id = case.id
        self.case_number = case.number or ""


class LedgerExportDialog(GridDialog):
    """导出台账: the period and the file; the panel writes it in the background."""

    def __init__(self, db: Database, parent: QWidget | None, *, today: dt.date):
        super().__init__(db, parent, name="exportLedgers")
        self.setWindowTitle(self.tr("导出台账"))
        first = today.replace(day=1)
        self.start = self.date_edit("Start", self.tr("起始日期"), first)
        self.end = self.date_edit("End", self.tr("截止日期"), today)
        self.path = QLineEdit(self)
        self.path.setText(f"网格事件台账（{first.isoformat()}至{today.isoformat()}）.xlsx")
        browse = QPushButton(self.tr("选择…"), self)
        browse.setObjectName("exportLedgersBrowse")
        browse.clicked.connect(lambda _c=False: self._browse())
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._named(self.path, "Path"), 1)
        box.addWidget(browse)
        self.form.addRow(self.tr("保存到"), row)
        self.finish()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出台账"), self.path.text(), self.tr("Excel 文件 (*.xlsx)")
        )
        if name:
            self.path.setText(name)

    def check(self) -> list[str]:
        problems = required(self.tr("保存到"), self.path.text())
        if pydate(self.end) < pydate(self.start):
            problems.append(self.tr("截止日期不能早于起始日期"))
        return problems

    def apply(self, session: Session) -> None:
        """Nothing is written here: the file is made on a worker thread once this closes."""
