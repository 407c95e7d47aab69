"""排查报告: one weekly, ten-day or monthly round, with its findings or an explicit 零报告."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.services import mediation_screening
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import ERROR_COLOUR, MediationDialog, signed_in_name

# How far back the period list reaches: a missed round is still filed late.
LOOK_BACK_DAYS = 120


class ScreeningDialog(MediationDialog):
    """排查报告 for one round and period; periods already reported are not offered."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ):
        super().__init__(db, parent, name="screening")
        self.setWindowTitle(self.tr("排查报告"))
        self.today = today or dt.date.today()
        self.round = self.combo("Round", self.tr("排查周期："), rules.SCREENING_ROUNDS)
        self.period = QComboBox(self)
        self.form.addRow(self.tr("排查期间："), self._named(self.period, "Period"))
        self.zero = QCheckBox(self.tr("零报告（本期未排查出矛盾纠纷）"), self)
        self.zero.setObjectName("screeningZero")
        self.form.addRow("", self.zero)
        self.disputes = QSpinBox(self)
        self.disputes.setRange(0, 9999)
        self.disputes.setValue(1)
        self.form.addRow(self.tr("排查出纠纷（件）："), self._named(self.disputes, "Disputes"))
        self.findings = self.text_box("Findings", self.tr("排查情况："), lines=4)
        self.measures = self.text_box("Measures", self.tr("处置措施："), lines=3)
        self.reported_on = self.date_edit("ReportedOn", self.tr("报告日期："), self.today)
        self.reporter = self.line("Reporter", self.tr("报告人："), signed_in_name(db))
        self.history = QTableWidget(0, 2, self)
        self.history.setObjectName("screeningRounds")
        self.history.setHorizontalHeaderLabels([self.tr("排查期间"), self.tr("报告情况")])
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setMinimumWidth(300)
        self.columns.addWidget(self.history)
        self.round.currentIndexChanged.connect(self.fill_periods)
        self.zero.toggled.connect(self._zero_toggled)
        self.fill_periods()
        self.finish(900)

    def fill_periods(self) -> None:
        """The round's recent periods: all of them in the table with how each was reported
        (a missing one in red), the ones not yet reported in the choice. The newest missing
        one is chosen: the round that just ended is the usual one to file."""
        round_ = self.round.currentData()
        start = self.today - dt.timedelta(days=LOOK_BACK_DAYS)
        with self.db.session() as s:
            statuses = mediation_screening.round_statuses(s, round_, start, self.today, self.today)
        self.period.clear()
        self.history.setRowCount(0)
        newest_missing = -1
        for status in reversed(statuses):
            text = f"{status.period_start.isoformat()} — {status.period_end.isoformat()}"
            self._history_row(text, status.status)
            if status.status not in (mediation_screening.MISSING, mediation_screening.RUNNING):
                continue
            if status.status == mediation_screening.MISSING:
                text += self.tr("（未报）")
                if newest_missing < 0:
                    newest_missing = self.period.count()
            else:
                text += self.tr("（本期）")
            self.period.addItem(text, status.period_start)
        self.period.setCurrentIndex(max(newest_missing, 0) if self.period.count() else -1)

    def _history_row(self, period: str, status: str) -> None:
        labels = {
            mediation_screening.FILED: self.tr("已报告"),
            mediation_screening.ZERO: self.tr("零报告"),
            mediation_screening.MISSING: self.tr("未报（缺报）"),
            mediation_screening.RUNNING: self.tr("本期进行中"),
        }
        row = self.history.rowCount()
        self.history.insertRow(row)
        self.history.setItem(row, 0, QTableWidgetItem(period))
        item = QTableWidgetItem(labels.get(status, status))
        item.setData(Qt.ItemDataRole.UserRole, status)
        if status == mediation_screening.MISSING:
            item.setForeground(QBrush(QColor(ERROR_COLOUR)))
        self.history.setItem(row, 1, item)

    def _zero_toggled(self, zero: bool) -> None:
        for widget in (self.disputes, self.findings, self.measures):
            widget.setEnabled(not zero)
        if zero:
            self.disputes.setValue(0)
            self.findings.clear()
            self.measures.clear()
        elif self.disputes.value() == 0:
            self.disputes.setValue(1)

    def check(self) -> list[str]:
        if self.period.currentIndex() < 0:
            return [self.tr("近期各期均已报告，没有待报的排查期间。")]
        if not self.zero.isChecked() and not self.findings.toPlainText().strip():
            return [self.tr("请填写排查情况，或勾选“零报告”。")]
        return []

    def apply(self, session: Session) -> None:
        zero = self.zero.isChecked()
        mediation_screening.file_report(
            session,
            round=self.round.currentData(),
            period_start=self.period.currentData(),
            zero_report=zero,
            disputes_found=0 if zero else self.disputes.value(),
            findings="" if zero else self.findings.toPlainText().strip(),
            measures="" if zero else self.measures.toPlainText().strip(),
            reported_on=self.reported_on.date().toPython(),  # type: ignore[arg-type]
            reporter=self.reporter.text().strip(),
        )
