"""Printing and exporting from the volunteer tab: 志愿服务证明, 排班表, 队伍花名册, 导出时长."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFileDialog, QMenu, QWidget
from sqlmodel import Session

from govdesk.store.database import Database
from govdesk.ui.grids.printing import open_preview, temp_pdf
from govdesk.ui.mediation.dialog_base import pydate
from govdesk.ui.ops import Operation, notify, run_with_progress
from govdesk.ui.volunteers.common import VolunteerDialog, run_dialog

if TYPE_CHECKING:
    from govdesk.ui.volunteers.view import VolunteersTab

CONTEXT = "VolunteerPrinting"
FORMS = (
    ("certificate", QT_TRANSLATE_NOOP("VolunteerPrinting", "志愿服务证明")),
    ("duty-roster", QT_TRANSLATE_NOOP("VolunteerPrinting", "排班表")),
    ("team-roster", QT_TRANSLATE_NOOP("VolunteerPrinting", "队伍花名册")),
)


def form_label(form: str) -> str:
    return QCoreApplication.translate(CONTEXT, dict(FORMS)[form])


class PrintMenu(QMenu):
    """The 打印 menu (volunteerPrintMenu); its actions are volunteerPrint_<form>."""

    def __init__(self, tab: VolunteersTab):
        super().__init__(tab)
        self.setObjectName("volunteerPrintMenu")
        self.actions_: dict[str, QAction] = {}
        for form, _label in FORMS:
            action = QAction(form_label(form) + "…", self)
            action.setObjectName(f"volunteerPrint_{form}")
            action.triggered.connect(lambda _c=False, f=form: tab.print_form(f))
            self.addAction(action)
            self.actions_[form] = action

    def show_volunteer(self, chosen: bool) -> None:
        """The certificate is of the volunteer selected in the list."""
        self.actions_["certificate"].setEnabled(chosen)


class PeriodDialog(VolunteerDialog):
    """A period (from the first of the year to today by default), and a team when asked."""

    def __init__(self, db: Database, parent: QWidget | None, *, title: str, teams: bool = False):
        super().__init__(db, parent, name="printPeriod")
        self.setWindowTitle(title)
        today = dt.date.today()
        self.team: QComboBox | None = None
        if teams:
            from govdesk.ui.volunteers.activity_dialogs import team_choices

            self.team = QComboBox(self)
            for tid, name in team_choices(db):
                self.team.addItem(name, tid)
            self.form.addRow(self.tr("队伍："), self._named(self.team, "Team"))
        else:
            self.start = self.date_edit(
                "Start", self.tr("起始日期："), today.replace(month=1, day=1)
            )
            self.end = self.date_edit("End", self.tr("截止日期："), today, latest_today=False)
        self.finish(360)

    def check(self) -> list[str]:
        if self.team is not None and self.team.currentData() is None:
            return [self.tr("还没有志愿服务队。")]
        if self.team is None and pydate(self.start) > pydate(self.end):
            return [self.tr("起始日期不能晚于截止日期。")]
        return []

    def apply(self, session: Session) -> None:
        """Nothing is stored: the choice is read after 确定."""
        self.changed = True

    def period(self) -> tuple[dt.date, dt.date]:
        return pydate(self.start), pydate(self.end)


def _run(tab: QWidget, title: str, form: str, make) -> Operation:  # noqa: ANN001
    out = temp_pdf(title)

    def work(progress, cancel) -> Path:  # noqa: ANN001 - the Operation's callables
        progress(0, 1)
        made = make(out)
        progress(1, 1)
        return Path(str(made or out))

    def done(pdf: object) -> None:
        tab.last_preview = open_preview(tab, Path(str(pdf)), title)

    return run_with_progress(
        tab,
        title,
        work,
        done,
        label=QCoreApplication.translate(CONTEXT, "正在生成%1…").replace("%1", form_label(form)),
    )


def preview(tab: VolunteersTab, form: str) -> Operation | None:
    """Ask what to print, make the PDF in the background, then show the print preview."""
    from govdesk.forms import volunteer_print

    db = tab.db
    if form == "certificate":
        detail = tab.panel.detail
        if detail is None:
            return None
        dialog = PeriodDialog(db, tab, title=form_label(form))
        if not run_dialog(dialog):
            return None
        start, end = dialog.period()
        title = f"{form_label(form)}-{detail.number}{detail.name}"
        return _run(
            tab,
            title,
            form,
            lambda out: volunteer_print.print_certificate(
                db, detail.id, start=start, end=end, out=out
            ),
        )
    if form == "duty-roster":
        monday = tab.roster.monday
        title = f"{form_label(form)}-{monday.isoformat()}"
        return _run(
            tab,
            title,
            form,
            lambda out: volunteer_print.print_duty_roster(db, out=out, week=monday),
        )
    dialog = PeriodDialog(db, tab, title=form_label(form), teams=True)
    if not run_dialog(dialog) or dialog.team is None:
        return None
    team_id, name = dialog.team.currentData(), dialog.team.currentText()
    title = f"{form_label(form)}-{name}"
    return _run(
        tab, title, form, lambda out: volunteer_print.print_team_roster(db, team_id, out=out)
    )


def export_hours(tab: VolunteersTab, out: Path | None = None) -> Operation | None:
    """导出时长: confirmed hours of a period to xlsx or csv (the office's columns)."""
    from govdesk.services import volunteer_export

    title = QCoreApplication.translate(CONTEXT, "导出时长")
    dialog = PeriodDialog(tab.db, tab, title=title)
    if not run_dialog(dialog):
        return None
    start, end = dialog.period()
    if out is None:
        name, _ = QFileDialog.getSaveFileName(
            tab,
            title,
            QCoreApplication.translate(CONTEXT, "志愿服务时长%1至%2.xlsx")
            .replace("%1", start.isoformat())
            .replace("%2", end.isoformat()),
            QCoreApplication.translate(CONTEXT, "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if not name:
            return None
        out = Path(name)
    target = out

    def work(progress, cancel):  # noqa: ANN001, ANN202 - the Operation's callables
        progress(0, 1)
        result = volunteer_export.export_hours(tab.db, start=start, end=end, out=target)
        progress(1, 1)
        return result

    def done(_result: object) -> None:
        notify(
            tab,
            title,
            QCoreApplication.translate(CONTEXT, "已导出到：\n%1").replace("%1", str(target)),
        )

    op = run_with_progress(tab, title, work, done)
    tab.last_operation = op
    return op
