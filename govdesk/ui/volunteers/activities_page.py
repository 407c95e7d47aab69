"""The 活动 page: a week's or month's activities, their sign-ups, check-in/out and hours."""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import volunteers as rules
from govdesk.domain.messages import DomainError
from govdesk.domain.volunteers import list_text
from govdesk.store.database import Database
from govdesk.ui.ops import error_text, show_error
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.common import ask, hours_text, local_time, run_dialog


class _Withdrawn(Exception):
    """Rolls a trial sign-up back so the coordinator can be asked about its warnings."""

    def __init__(self, warnings: list):
        super().__init__("withdrawn")
        self.warnings = warnings


def sign_up_asking(
    parent: QWidget | None, db: Database, activity_id: str, volunteer_id: str
) -> bool:
    """Sign up; when the services warn (a clash, a missing skill, the headcount reached) the
    coordinator sees the warnings and chooses to go on. Nothing is stored when they do not."""
    from govdesk.services import volunteer_activities

    now = common.now_utc()
    try:
        with db.session() as s:
            result = volunteer_activities.sign_up(
                s, activity_id=activity_id, volunteer_id=volunteer_id, now=now
            )
            if result.warnings:
                raise _Withdrawn(result.warnings)
        return True
    except _Withdrawn as trial:
        text = "\n".join(f"· {w.message}" for w in trial.warnings)
        question = QCoreApplication.translate(
            "Volunteers", "报名提醒：\n%1\n\n仍要报名吗？"
        ).replace("%1", text)
        if not ask(parent, QCoreApplication.translate("Volunteers", "报名"), question):
            return False
    with db.session() as s:
        volunteer_activities.sign_up(s, activity_id=activity_id, volunteer_id=volunteer_id, now=now)
    return True


def period_of(day: dt.date, span: str) -> tuple[dt.date, dt.date]:
    """The week (Monday–Sunday) or the month holding `day`."""
    if span == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    monday = common.monday_of(day)
    return monday, monday + dt.timedelta(days=6)


class ActivitiesPage(QWidget):
    """Activities on the left, the chosen one's sign-ups on the right; buttons act on them."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteerActivitiesPage")
        self.db = db
        self.may_edit = common.may_edit(db)

        self.span = QComboBox(self)
        self.span.setObjectName("activitySpan")
        self.span.addItem(self.tr("按周"), "week")
        self.span.addItem(self.tr("按月"), "month")
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setObjectName("activityDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.previous = QPushButton(self.tr("上一期"), self)
        self.previous.setObjectName("activityPrevious")
        self.next = QPushButton(self.tr("下一期"), self)
        self.next.setObjectName("activityNext")
        self.range_label = QLabel(self)
        self.range_label.setObjectName("activityRange")
        self.span.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(+1))

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.span, self.previous, self.day, self.next, self.range_label):
            bar.addWidget(w)
        bar.addStretch(1)
        # Two rows of five: the page stays narrow enough for a small window.
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        more = QHBoxLayout()
        more.setContentsMargins(0, 0, 0, 0)
        if self.may_edit:
            for key, text in (
                ("new", self.tr("新建活动")),
                ("sign_up", self.tr("报名")),
                ("cancel_signup", self.tr("取消报名")),
                ("check_in", self.tr("签到")),
                ("check_out", self.tr("签退")),
                ("record_hours", self.tr("录入时长")),
                ("confirm", self.tr("确认时长")),
                ("edit", self.tr("修改活动")),
                ("finish", self.tr("结束活动")),
                ("cancel", self.tr("取消活动")),
            ):
                button = QPushButton(text, self)
                button.setObjectName(f"activity_{key}")
                button.setAutoDefault(False)
                button.clicked.connect(lambda _c=False, k=key: self.run(k))
                (actions if len(self.buttons) < 5 else more).addWidget(button)
                self.buttons[key] = button
        actions.addStretch(1)
        more.addStretch(1)

        self.list = QTreeWidget(self)
        self.list.setObjectName("activityList")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("日期"),
                self.tr("时间"),
                self.tr("活动"),
                self.tr("地点"),
                self.tr("人数"),
                self.tr("状态"),
            ]
        )
        common.fit_tree_columns(
            self.list,
            [
                "0000-00-00",
                "00:00–00:00",
                "探访独居老人活动",
                "社区活动室",
                "00/00",
                [c.label for c in rules.ACTIVITY_STATES],
            ],
            stretch=2,
        )
        self.list.currentItemChanged.connect(lambda *_a: self.show_signups())
        self.signups = QTreeWidget(self)
        self.signups.setObjectName("signupList")
        self.signups.setRootIsDecorated(False)
        self.signups.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.signups.setHeaderLabels(
            [
                self.tr("编号"),
                self.tr("姓名"),
                self.tr("状态"),
                self.tr("签到"),
                self.tr("签退"),
                self.tr("时长"),
                self.tr("提醒"),
            ]
        )
        common.fit_tree_columns(
            self.signups,
            [
                "V00000",
                "欧阳秀英",
                [c.label for c in rules.SIGNUP_STATES],
                "00:00",
                "00:00",
                "12.5 小时（待确认）",
                "时间冲突",
            ],
        )
        self.signups.currentItemChanged.connect(lambda *_a: self._enable())
        self.message = QLabel(self)
        self.message.setObjectName("activityMessage")
        self.message.setWordWrap(True)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.signup_title = QLabel(self.tr("报名名单"), right)
        rl.addWidget(self.signup_title)
        rl.addWidget(self.signups, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("activitySplitter")
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addLayout(more)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.views: dict[str, object] = {}
        self.refresh()

    # -- reading ----------------------------------------------------------------------------
    def period(self) -> tuple[dt.date, dt.date]:
        return period_of(self.day.date().toPython(), self.span.currentData())  # type: ignore[arg-type]

    def step(self, direction: int) -> None:
        start, end = self.period()
        day = end + dt.timedelta(days=1) if direction > 0 else start - dt.timedelta(days=1)
        self.day.setDate(QDate(day.year, day.month, day.day))

    def set_day(self, day: dt.date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def refresh(self, select: str | None = None) -> None:
        from govdesk.services import volunteer_activities

        keep = select or self.current_activity_id()
        start, end = self.period()
        self.range_label.setText(f"{start.isoformat()} — {end.isoformat()}")
        rows = volunteer_activities.activities(self.db, start=start, end=end)
        self.list.blockSignals(True)
        self.list.clear()
        self.views = {}
        chosen = None
        for a in rows:
            count = f"{a.signed_up}/{a.headcount}" if a.headcount else str(a.signed_up)
            item = QTreeWidgetItem(
                [a.held_on.isoformat(), a.times, a.title, a.place, count, a.state_label]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, a.id)
            if a.team_name or a.project:
                item.setToolTip(2, "　".join(p for p in (a.project, a.team_name) if p))
            self.list.addTopLevelItem(item)
            self.views[a.id] = a
            if a.id == keep:
                chosen = item
        if chosen is None and self.list.topLevelItemCount():
            chosen = self.list.topLevelItem(0)
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self.list.blockSignals(False)
        self.show_signups()

    def current_activity_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def current_signup_ids(self) -> list[str]:
        items = self.signups.selectedItems() or (
            [self.signups.currentItem()] if self.signups.currentItem() else []
        )
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in items]

    def show_signups(self, select: str | None = None) -> None:
        from govdesk.services import volunteer_activities

        self.signups.clear()
        activity_id = self.current_activity_id()
        if activity_id is None:
            self.signup_title.setText(self.tr("报名名单"))
            self._enable()
            return
        view = self.views.get(activity_id)
        if view is not None:
            self.signup_title.setText(
                self.tr("报名名单：%1").replace(
                    "%1", f"{view.title}（{view.held_on} {view.times}）"
                )
            )
        for su in volunteer_activities.signups(self.db, activity_id):
            minutes = hours_text(su.minutes) if su.minutes is not None else ""
            if su.hours_state == "pending":
                minutes += self.tr("（待确认）")
            item = QTreeWidgetItem(
                [
                    su.volunteer_number,
                    su.volunteer_name,
                    su.state_label,
                    local_time(su.check_in_at)[-5:] if su.check_in_at else "",
                    local_time(su.check_out_at)[-5:] if su.check_out_at else "",
                    minutes,
                    list_text(self._warning_label(w) for w in su.warnings),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, su.id)
            item.setData(1, Qt.ItemDataRole.UserRole, su.volunteer_id)
            self.signups.addTopLevelItem(item)
            if su.id == select:
                self.signups.setCurrentItem(item)
        if self.signups.currentItem() is None and self.signups.topLevelItemCount():
            self.signups.setCurrentItem(self.signups.topLevelItem(0))
        self._enable()

    def _warning_label(self, code: str) -> str:
        return {
            "clash": self.tr("时间冲突"),
            "skill": self.tr("缺少技能"),
            "full": self.tr("超出人数"),
        }.get(code, code)

    def _enable(self) -> None:
        view = self.views.get(self.current_activity_id() or "")
        planned = view is not None and view.state == "planned"
        has_signup = self.signups.currentItem() is not None
        states = {
            "new": True,
            "sign_up": planned,
            "cancel_signup": has_signup,
            "check_in": has_signup and view is not None and view.state != "cancelled",
            "check_out": has_signup and view is not None and view.state != "cancelled",
            "record_hours": view is not None and view.state != "cancelled",
            "confirm": view is not None,
            "edit": planned,
            "finish": planned,
            "cancel": planned,
        }
        for key, button in self.buttons.items():
            button.setEnabled(states.get(key, True))

    # -- acting -----------------------------------------------------------------------------
    def run(self, key: str) -> bool:
        """One of the page's buttons; True when something was stored."""
        self.message.clear()
        try:
            changed = getattr(self, f"do_{key}")()
        except DomainError as exc:
            show_error(self, self.buttons[key].text() if key in self.buttons else "", exc)
            self.message.setText(error_text(exc))
            return False
        if changed:
            self.changed.emit()
        return bool(changed)

    def do_new(self) -> bool:
        from govdesk.ui.volunteers.activity_dialogs import ActivityDialog

        dialog = ActivityDialog(self.db, self, day=self.day.date().toPython())  # type: ignore[arg-type]
        if not run_dialog(dialog):
            return False
        new_id = dialog.new_id
        self.refresh(select=new_id)
        return True

    def do_sign_up(self) -> bool:
        from govdesk.ui.volunteers.picker import PickVolunteerDialog

        activity_id = self.current_activity_id()
        if activity_id is None:
            return False
        chosen: list[str] = []
        dialog = PickVolunteerDialog(
            self.db,
            self,
            name="signUp",
            title=self.tr("报名"),
            on_pick=lambda _s, vid: chosen.append(vid),
        )
        if not run_dialog(dialog) or not chosen:
            return False
        if not sign_up_asking(self, self.db, activity_id, chosen[0]):
            return False
        self.refresh(select=activity_id)
        return True

    def do_cancel_signup(self) -> bool:
        from govdesk.services import volunteer_activities

        ids = self.current_signup_ids()
        if not ids or not ask(self, self.tr("取消报名"), self.tr("取消所选志愿者的报名吗？")):
            return False
        with self.db.session() as s:
            for sid in ids:
                volunteer_activities.cancel_signup(s, sid)
        self.refresh()
        return True

    def _clock(self, kind: str) -> bool:
        """签到 / 签退 of the selected sign-ups (several arrive or leave together)."""
        from govdesk.ui.volunteers.activity_dialogs import ClockDialog

        items = self.signups.selectedItems() or (
            [self.signups.currentItem()] if self.signups.currentItem() else []
        )
        if not items:
            return False
        ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in items]
        who = list_text(i.text(1) for i in items)
        if not run_dialog(ClockDialog(self.db, ids, kind, who, self)):
            return False
        self.refresh()
        self.show_signups(select=ids[0])
        return True

    def do_check_in(self) -> bool:
        return self._clock("in")

    def do_check_out(self) -> bool:
        return self._clock("out")

    def do_record_hours(self) -> bool:
        from govdesk.ui.volunteers.activity_dialogs import RecordHoursDialog

        activity_id = self.current_activity_id()
        view = self.views.get(activity_id or "")
        if view is None:
            return False
        if not run_dialog(RecordHoursDialog(self.db, view.id, view.title, self)):
            return False
        self.refresh()
        return True

    def do_confirm(self) -> bool:
        from govdesk.services import volunteer_hours
        from govdesk.ui.mediation.dialog_base import signed_in_name

        activity_id = self.current_activity_id()
        if activity_id is None:
            return False
        pending = volunteer_hours.pending(self.db, activity_id=activity_id)
        if not pending:
            self.message.setText(self.tr("这个活动没有待确认的时长。"))
            return False
        total = sum(e.minutes for e in pending)
        question = (
            self.tr("确认%1条时长记录（共 %2）？确认后不能修改，只能另行调整。")
            .replace("%1", str(len(pending)))
            .replace("%2", hours_text(total))
        )
        if not ask(self, self.tr("确认时长"), question):
            return False
        with self.db.session() as s:
            volunteer_hours.confirm(s, [e.id for e in pending], by=signed_in_name(self.db))
        self.refresh()
        return True

    def do_edit(self) -> bool:
        from govdesk.ui.volunteers.activity_dialogs import ActivityDialog

        activity_id = self.current_activity_id()
        if activity_id is None:
            return False
        if not run_dialog(ActivityDialog(self.db, self, activity_id=activity_id)):
            return False
        self.refresh(select=activity_id)
        return True

    def do_finish(self) -> bool:
        from govdesk.services import volunteer_activities

        view = self.views.get(self.current_activity_id() or "")
        if view is None:
            return False
        question = self.tr("活动“%1”已经结束？结束后不能再报名。").replace("%1", view.title)
        if not ask(self, self.tr("结束活动"), question):
            return False
        with self.db.session() as s:
            volunteer_activities.finish_activity(s, view.id)
        self.refresh(select=view.id)
        return True

    def do_cancel(self) -> bool:
        from govdesk.services import volunteer_activities

        view = self.views.get(self.current_activity_id() or "")
        if view is None:
            return False
        if not ask(
            self, self.tr("取消活动"), self.tr("取消活动“%1”吗？").replace("%1", view.title)
        ):
            return False
        with self.db.session() as s:
            volunteer_activities.cancel_activity(s, view.id)
        self.refresh()
        return True
