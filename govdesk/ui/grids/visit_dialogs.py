"""Dialogs of the visits page: 登记走访 (record a visit) and 完成跟进 (a follow-up done)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget
from sqlmodel import Session

from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.visits import VISIT_KINDS
from govdesk.services import registry, visits
from govdesk.store.database import Database
from govdesk.ui.grids.grid_dialogs import GridDialog
from govdesk.ui.mediation.dialog_base import pydate, required


class RecordVisitDialog(GridDialog):
    """登记走访: the household by 户号 (filled in from the due list), day, worker, kind, notes."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        *,
        household_number: str = "",
        workers: list[tuple[str, str]],
        staff_id: str | None = None,
        today: dt.date,
    ):
        super().__init__(db, parent, name="recordVisit")
        self.setWindowTitle(self.tr("登记走访"))
        self.visit_id: str | None = None
        self.household = self.line("Household", self.tr("户号"), household_number)
        self.visited_on = self.date_edit("Date", self.tr("走访日期"), today)
        self.worker = QComboBox(self)
        self.worker.addItem(self.tr("（不指定）"), None)
        for sid, name in workers:
            self.worker.addItem(name, sid)
        if staff_id is not None and (i := self.worker.findData(staff_id)) >= 0:
            self.worker.setCurrentIndex(i)
        self.form.addRow(self.tr("走访人"), self._named(self.worker, "Worker"))
        self.kind = self.combo("Kind", self.tr("走访方式"), VISIT_KINDS, "routine")
        self.notes = self.text_box("Notes", self.tr("走访情况"))
        self.follow_up = QCheckBox(self.tr("需要跟进"), self)
        self.form.addRow("", self._named(self.follow_up, "FollowUp"))
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("户号"), self.household.text())

    def apply(self, session: Session) -> None:
        number = self.household.text().strip()
        household = registry.find_household(session, household_number=number)
        if household is None:
            raise DomainError(Issue("household", "not_found"))
        visit = visits.record_visit(
            session,
            household_id=household.id,
            visited_on=pydate(self.visited_on),
            staff_id=self.worker.currentData(),
            kind=self.kind.currentData(),
            notes=self.notes.toPlainText(),
            follow_up_needed=self.follow_up.isChecked(),
        )
        self.visit_id = visit.id


class FollowUpDialog(GridDialog):
    """完成跟进: the follow-up a visit asked for is done, on a day, with a note."""

    def __init__(
        self, db: Database, parent: QWidget | None, *, visit: visits.VisitView, today: dt.date
    ):
        super().__init__(db, parent, name="followUp")
        self.setWindowTitle(self.tr("完成跟进"))
        self.visit_id = visit.id
        self.info(
            "Visit",
            self.tr("走访"),
            f"{visit.household_number} {visit.address}（{visit.visited_on.isoformat()}）",
        )
        self.info("Notes", self.tr("走访情况"), visit.notes)
        self.done_on = self.date_edit("Date", self.tr("跟进日期"), today)
        self.note = self.text_box("Note", self.tr("跟进情况"))
        self.finish()

    def apply(self, session: Session) -> None:
        visits.complete_follow_up(
            session, self.visit_id, on=pydate(self.done_on), note=self.note.toPlainText()
        )
