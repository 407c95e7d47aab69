"""星级评定: who has reached a new star level since the last review; 记录评定 stores the review."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget
from sqlmodel import Session

from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import pydate
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.common import VolunteerDialog, hours_text


class StarsDialog(VolunteerDialog):
    """The promotions list; 确定 (记录评定) records the review for them (VOLUNTEER_EDIT)."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="stars")
        from govdesk.domain import volunteers as rules
        from govdesk.services import volunteer_stars

        self.setWindowTitle(self.tr("星级评定"))
        self.promotions = volunteer_stars.promotions(db)
        self.list = QTreeWidget(self)
        self.list.setObjectName("starPromotions")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("编号"),
                self.tr("姓名"),
                self.tr("服务时长"),
                self.tr("原星级"),
                self.tr("新星级"),
            ]
        )
        self.list.setMinimumHeight(self.fontMetrics().height() * 10)
        for p in self.promotions:
            v = p.volunteer
            item = QTreeWidgetItem(
                [
                    getattr(v, "number", ""),
                    getattr(v, "name", ""),
                    hours_text(p.minutes),
                    rules.stars_text(p.old_level, full=False) or self.tr("无"),
                    rules.stars_text(p.new_level, full=False),
                ]
            )
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        for i in range(5):
            self.list.resizeColumnToContents(i)
        self.form.addRow(self.list)
        count = len(self.promotions)
        summary = (
            self.tr("自上次评定以来，共 %1 名志愿者达到新的星级。").replace("%1", str(count))
            if count
            else self.tr("自上次评定以来，没有志愿者达到新的星级。")
        )
        self.info("Summary", "", summary)
        self.on = self.date_edit("On", self.tr("评定日期："), dt.date.today())
        self.note = self.line("Note", self.tr("备注："))
        self.ok_button.setText(self.tr("记录评定"))
        if not count or not common.may_edit(db):
            self.ok_button.setEnabled(False)
        self.finish(560)

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_stars

        volunteer_stars.record_review(session, on=pydate(self.on), note=self.note.text().strip())
