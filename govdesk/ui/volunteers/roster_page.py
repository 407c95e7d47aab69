"""The 排班 page: a week of the duty roster (days across, shifts down, names in the cells)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain.messages import DomainError
from govdesk.domain.volunteers import list_text
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import pydate, required
from govdesk.ui.ops import error_text, show_error
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.activity_dialogs import _pytime, _qtime, team_choices
from govdesk.ui.volunteers.common import VolunteerDialog, run_dialog

SHORT_COLOUR = QColor("#ffe3a3")


class ShiftDialog(VolunteerDialog):
    """新增班次: a weekly duty on one weekday at fixed times, from a day on."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, monday: dt.date):
        super().__init__(db, parent, name="shift")
        from govdesk.domain import volunteers as rules

        self.setWindowTitle(self.tr("新增班次"))
        self.duty = self.combo("Duty", self.tr("类别："), rules.DUTY_KINDS)
        self.title = self.line(
            "Title", self.tr("班次名称："), placeholder=self.tr("如 晚间治安巡逻")
        )
        self.weekday = QComboBox(self)
        for i in range(1, 8):
            self.weekday.addItem(rules.weekday_label(i), i)
        self.form.addRow(self.tr("星期："), self._named(self.weekday, "Weekday"))
        self.start = QTimeEdit(_qtime(dt.time(19)), self)
        self.start.setDisplayFormat("HH:mm")
        self.form.addRow(self.tr("开始时间："), self._named(self.start, "Start"))
        self.end = QTimeEdit(_qtime(dt.time(21)), self)
        self.end.setDisplayFormat("HH:mm")
        self.form.addRow(self.tr("结束时间："), self._named(self.end, "End"))
        self.place = self.line("Place", self.tr("地点："))
        self.headcount = QSpinBox(self)
        self.headcount.setRange(0, 999)
        self.headcount.setValue(2)
        self.headcount.setSpecialValueText(self.tr("不限"))
        self.form.addRow(self.tr("每班人数："), self._named(self.headcount, "Headcount"))
        self.team = QComboBox(self)
        self.team.addItem(self.tr("（不限队伍）"), None)
        for tid, name in team_choices(db):
            self.team.addItem(name, tid)
        self.form.addRow(self.tr("志愿服务队："), self._named(self.team, "Team"))
        self.start_on = self.date_edit("StartOn", self.tr("开始日期："), monday, latest_today=False)
        self.finish(460)

    def check(self) -> list[str]:
        return required(self.tr("班次名称"), self.title.text())

    def apply(self, session: Session) -> None:
        from govdesk.services import duty_roster

        duty_roster.add_shift(
            session,
            duty=self.duty.currentData(),
            title=self.title.text().strip(),
            weekday=self.weekday.currentData(),
            start_time=_pytime(self.start),
            end_time=_pytime(self.end),
            start_on=pydate(self.start_on),
            place=self.place.text().strip(),
            headcount=self.headcount.value(),
            team_id=self.team.currentData(),
        )


class UnassignDialog(VolunteerDialog):
    """取消安排: one of the volunteers on the chosen shift leaves it from a day on."""

    def __init__(self, db: Database, view, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(db, parent, name="unassign")
        self.setWindowTitle(self.tr("取消安排"))
        self.info("Shift", self.tr("班次："), f"{view.shift.title} {view.shift.times}")
        self.who = QComboBox(self)
        for p in view.volunteers:
            self.who.addItem(f"{p.number} {p.name}", p.assignment_id)
        self.form.addRow(self.tr("志愿者："), self._named(self.who, "Who"))
        self.on = self.date_edit("On", self.tr("从此日起不再值班："), view.day, latest_today=False)
        self.finish(400)

    def check(self) -> list[str]:
        return [] if self.who.currentData() else [self.tr("这个班次当天没有安排人员。")]

    def apply(self, session: Session) -> None:
        from govdesk.services import duty_roster

        duty_roster.unassign(session, self.who.currentData(), on=pydate(self.on))


class EndShiftDialog(VolunteerDialog):
    """停止班次: the weekly duty no longer runs from a day on (its assignments end too)."""

    def __init__(self, db: Database, view, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(db, parent, name="endShift")
        self.shift_id = view.shift.id
        self.setWindowTitle(self.tr("停止班次"))
        self.info("Shift", self.tr("班次："), f"{view.shift.title} {view.shift.times}")
        self.on = self.date_edit("On", self.tr("从此日起停止："), view.day, latest_today=False)
        self.finish(400)

    def apply(self, session: Session) -> None:
        from govdesk.services import duty_roster

        duty_roster.end_shift(session, self.shift_id, on=pydate(self.on))


class RosterPage(QWidget):
    """One week: 上一周 / 本周 / 下一周, 新增班次, 安排人员, 排入本周, 打印."""

    changed = Signal()
    print_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteerRosterPage")
        self.db = db
        self.may_edit = common.may_edit(db)
        self.monday = common.monday_of(dt.date.today())
        self.cells: dict[tuple[int, int], object] = {}  # (row, column) -> ShiftView

        self.previous = QPushButton(self.tr("上一周"), self)
        self.previous.setObjectName("rosterPrevious")
        self.this_week = QPushButton(self.tr("本周"), self)
        self.this_week.setObjectName("rosterThisWeek")
        self.next = QPushButton(self.tr("下一周"), self)
        self.next.setObjectName("rosterNext")
        self.week_label = QLabel(self)
        self.week_label.setObjectName("rosterWeekLabel")
        self.previous.clicked.connect(lambda: self.set_week(self.monday - dt.timedelta(days=7)))
        self.next.clicked.connect(lambda: self.set_week(self.monday + dt.timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.set_week(dt.date.today()))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.previous, self.this_week, self.next, self.week_label):
            bar.addWidget(w)
        bar.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        # The actions on a row of their own: the page stays narrow enough for a small window.
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        keys = (
            [
                ("add_shift", self.tr("新增班次")),
                ("assign", self.tr("安排人员")),
                ("unassign", self.tr("取消安排")),
                ("end_shift", self.tr("停止班次")),
            ]
            if self.may_edit
            else []
        )
        if self.may_edit:
            keys.append(("schedule", self.tr("排入本周")))
        keys.append(("print", self.tr("打印排班表")))
        for key, text in keys:
            button = QPushButton(text, self)
            button.setObjectName(f"roster_{key}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=key: self.run(k))
            tools.addWidget(button)
            self.buttons[key] = button

        tools.addStretch(1)
        self.table = QTableWidget(self)
        self.table.setObjectName("dutyWeek")
        self.table.setColumnCount(7)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(self)
        self.message.setObjectName("rosterMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        super().resizeEvent(event)
        # Rows fit their names at the columns' real width, known only once laid out.
        self.table.resizeRowsToContents()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def set_week(self, day: dt.date) -> None:
        self.monday = common.monday_of(day)
        self.refresh()

    def refresh(self) -> None:
        from govdesk.services import duty_roster

        week = duty_roster.week(self.db, self.monday)
        sunday = self.monday + dt.timedelta(days=6)
        self.week_label.setText(f"{self.monday.isoformat()} — {sunday.isoformat()}")
        self.table.clear()
        self.cells = {}
        from govdesk.domain.volunteers import weekday_label

        for i, day in enumerate(week.dates()):
            self.table.setHorizontalHeaderItem(
                i, QTableWidgetItem(f"{weekday_label(i + 1)}\n{day.month}-{day.day:02d}")
            )
        # Rows: the shifts of the week by start time, each on its own weekday's column.
        shifts = sorted(week.shifts(), key=lambda s: (s.start_time, s.title, s.weekday))
        rows: list[tuple[dt.time, dt.time, str]] = []
        for s in shifts:
            key = (s.start_time, s.end_time, s.title)
            if key not in rows:
                rows.append(key)
        self.table.setRowCount(len(rows))
        for r, (start, end, title) in enumerate(rows):
            self.table.setVerticalHeaderItem(
                r, QTableWidgetItem(f"{title}\n{common.time_span(start, end)}")
            )
        for c, views in enumerate(week.days):
            for view in views:
                info = view.shift
                r = rows.index((info.start_time, info.end_time, info.title))
                names = list_text(p.name for p in view.volunteers)
                text = names or self.tr("（未安排）")
                if view.short:
                    text += "\n" + self.tr("缺%1人").replace("%1", str(view.short))
                if view.activity_id:
                    text += "\n" + self.tr("已排入")
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                item.setToolTip(f"{info.title} {info.times} {info.place}")
                if view.short:
                    item.setBackground(QBrush(SHORT_COLOUR))
                self.table.setItem(r, c, item)
                self.cells[(r, c)] = view
        self.table.resizeRowsToContents()

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def current_view(self):
        return self.cells.get((self.table.currentRow(), self.table.currentColumn()))

    def run(self, key: str) -> bool:
        self.message.clear()
        try:
            changed = getattr(self, f"do_{key}")()
        except DomainError as exc:
            show_error(self, self.buttons[key].text(), exc)
            self.message.setText(error_text(exc))
            return False
        if changed:
            self.changed.emit()
        return bool(changed)

    def do_add_shift(self) -> bool:
        if not run_dialog(ShiftDialog(self.db, self, monday=self.monday)):
            return False
        self.refresh()
        return True

    def do_assign(self) -> bool:
        from govdesk.services import duty_roster
        from govdesk.ui.volunteers.picker import PickVolunteerDialog

        view = self.current_view()
        if view is None:
            self.message.setText(self.tr("请先在排班表中选中一个班次。"))
            return False
        day = max(view.day, dt.date.today())

        def put(session: Session, volunteer_id: str) -> None:
            duty_roster.assign(
                session, shift_id=view.shift.id, volunteer_id=volunteer_id, start_on=day
            )

        title = self.tr("安排人员：%1").replace("%1", f"{view.shift.title} {view.shift.times}")
        if not run_dialog(
            PickVolunteerDialog(self.db, self, name="assign", title=title, on_pick=put)
        ):
            return False
        self.refresh()
        return True

    def _on_cell(self, cls) -> bool:  # noqa: ANN001
        view = self.current_view()
        if view is None:
            self.message.setText(self.tr("请先在排班表中选中一个班次。"))
            return False
        if not run_dialog(cls(self.db, view, self)):
            return False
        self.refresh()
        return True

    def do_unassign(self) -> bool:
        return self._on_cell(UnassignDialog)

    def do_end_shift(self) -> bool:
        return self._on_cell(EndShiftDialog)

    def do_schedule(self) -> bool:
        from govdesk.services import duty_roster

        with self.db.session() as s:
            made = duty_roster.schedule_week(s, self.monday, now=common.now_utc())
            count = len(made)
        self.refresh()
        if count:
            self.message.setText(self.tr("已排入本周活动 %1 个。").replace("%1", str(count)))
        else:
            self.message.setText(self.tr("本周的班次都已排入活动。"))
        return count > 0

    def do_print(self) -> bool:
        self.print_requested.emit()
        return False
