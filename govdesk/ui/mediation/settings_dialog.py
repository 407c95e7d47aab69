"""调解设置: the case-number prefix (the X of （2026）X人调字第12号) and the handling period."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QSpinBox, QWidget
from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.services import mediation
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import MediationDialog


class SettingsDialog(MediationDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="settings")
        self.setWindowTitle(self.tr("调解设置"))
        with db.session() as s:
            prefix = mediation.number_prefix(s)
            months = mediation.handling_months(s)
        self.prefix = self.line(
            "Prefix", self.tr("案号前缀："), prefix, self.tr("如：幸福（本委员会简称）")
        )
        low, high = mediation.HANDLING_MONTHS_RANGE
        self.months = QSpinBox(self)
        self.months.setRange(low, high)
        self.months.setValue(months)
        self.months.setSuffix(self.tr(" 个月"))
        self.form.addRow(
            self.tr("调解期限（自受理起）："), self._named(self.months, "HandlingMonths")
        )
        self.preview = self.info("Preview", self.tr("案号示例："), "")
        self.prefix.textChanged.connect(self._preview)
        self._preview()
        self.info(
            "Note",
            "",
            self.tr("已编号的案件不受影响；案号按年度连续编排，不会重复使用。"),
        )
        self.finish(460)

    def _preview(self) -> None:
        year = dt.date.today().year
        self.preview.setText(rules.format_case_number(year, 1, self.prefix.text().strip()))

    def apply(self, session: Session) -> None:
        mediation.set_number_prefix(session, self.prefix.text())
        mediation.set_handling_months(session, self.months.value())
