"""Dialogs of the 活动 page: 新建活动, 签到/签退 (a time, now by default), 录入时长, 调整."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QSpinBox, QTimeEdit, QWidget
from sqlmodel import Session

from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import pydate, qdate, required
from govdesk.ui.volunteers.common import VolunteerDialog
from govdesk.ui.volunteers.fields import CheckList


def team_choices(db: Database) -> list[tuple[str, str]]:
    """(id, name) of the teams not dissolved, for the choosers."""
    from govdesk.services import volunteer_teams

    with db.session() as s:
        return [(t.id, t.name) for t in volunteer_teams.teams(s)]


def _qtime(at: dt.time) -> QTime:
    return QTime(at.hour, at.minute)


def _pytime(edit: QTimeEdit) -> dt.time:
    t = edit.time()
    return dt.time(t.hour(), t.minute())


class ActivityDialog(VolunteerDialog):
    """新建活动: title, project or team, day and times, place, headcount, skills, organiser."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
        activity_id: str | None = None,
    ):
        super().__init__(db, parent, name="activity")
        from govdesk.services import volunteers

        self.activity_id = activity_id
        self.setWindowTitle(self.tr("修改活动") if activity_id else self.tr("新建活动"))
        self.new_id: str | None = None
        self.title = self.line("Title", self.tr("活动名称："))
        self.project = self.line("Project", self.tr("所属项目："))
        self.team = QComboBox(self)
        self.team.addItem(self.tr("（不限队伍）"), None)
        for tid, name in team_choices(db):
            self.team.addItem(name, tid)
        self.form.addRow(self.tr("志愿服务队："), self._named(self.team, "Team"))
        self.held_on = self.date_edit(
            "HeldOn", self.tr("活动日期："), day or dt.date.today(), latest_today=False
        )
        self.start = QTimeEdit(_qtime(dt.time(9)), self)
        self.start.setDisplayFormat("HH:mm")
        self.form.addRow(self.tr("开始时间："), self._named(self.start, "Start"))
        self.end = QTimeEdit(_qtime(dt.time(11)), self)
        self.end.setDisplayFormat("HH:mm")
        self.form.addRow(self.tr("结束时间："), self._named(self.end, "End"))
        self.place = self.line("Place", self.tr("地点："))
        self.headcount = QSpinBox(self)
        self.headcount.setRange(0, 9999)
        self.headcount.setSpecialValueText(self.tr("不限"))
        self.form.addRow(self.tr("所需人数："), self._named(self.headcount, "Headcount"))
        self.skills = CheckList(volunteers.skills(db), (), self)
        self.form.addRow(self.tr("所需技能："), self._named(self.skills, "Skills"))
        self.organiser = self.line("Organiser", self.tr("组织者："))
        self.note = self.text_box("Note", self.tr("备注："), lines=2)
        if activity_id is not None:
            self._fill(activity_id)
        self.finish(560)

    def _fill(self, activity_id: str) -> None:
        from govdesk.services import volunteer_activities

        a = volunteer_activities.activity_view(self.db, activity_id)
        self.title.setText(a.title)
        self.project.setText(a.project)
        if (i := self.team.findData(a.team_id)) >= 0:
            self.team.setCurrentIndex(i)
        self.held_on.setDate(qdate(a.held_on))
        self.start.setTime(_qtime(a.start_time))
        self.end.setTime(_qtime(a.end_time))
        self.place.setText(a.place)
        self.headcount.setValue(a.headcount)
        self.skills.set_checked(a.skills)
        self.organiser.setText(a.organiser)
        self.note.setPlainText(a.note)

    def check(self) -> list[str]:
        return required(self.tr("活动名称"), self.title.text())

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_activities

        values = dict(
            title=self.title.text().strip(),
            held_on=pydate(self.held_on),
            start_time=_pytime(self.start),
            end_time=_pytime(self.end),
            place=self.place.text().strip(),
            headcount=self.headcount.value(),
            skills=self.skills.checked(),
            team_id=self.team.currentData(),
            project=self.project.text().strip(),
            organiser=self.organiser.text().strip(),
            note=self.note.toPlainText().strip(),
        )
        if self.activity_id is not None:
            volunteer_activities.update_activity(session, self.activity_id, **values)
            return
        self.new_id = volunteer_activities.create_activity(session, **values).id


class ClockDialog(VolunteerDialog):
    """签到 or 签退 of the chosen sign-ups at one time (now, editable): `kind` "in" or "out"."""

    def __init__(
        self,
        db: Database,
        signup_ids: list[str],
        kind: str,
        who: str,
        parent: QWidget | None = None,
        *,
        at: dt.datetime | None = None,
    ):
        super().__init__(db, parent, name=f"check{kind.capitalize()}")
        self.signup_ids = list(signup_ids)
        self.kind = kind
        self.setWindowTitle(self.tr("签到") if kind == "in" else self.tr("签退"))
        self.info("Who", self.tr("志愿者："), who)
        local = (at or dt.datetime.now(dt.UTC)).astimezone()
        self.when = QDateTimeEdit(
            QDateTime(local.replace(tzinfo=None, second=0, microsecond=0)), self
        )
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        label = self.tr("签到时间：") if kind == "in" else self.tr("签退时间：")
        self.form.addRow(label, self._named(self.when, "At"))
        self.finish(380)

    def at(self) -> dt.datetime:
        """The chosen wall-clock time as an aware UTC time."""
        local = self.when.dateTime().toPython()
        return local.astimezone().astimezone(dt.UTC)  # type: ignore[union-attr]

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_hours

        # Several volunteers arriving or leaving together: one time, one transaction.
        for signup_id in self.signup_ids:
            if self.kind == "in":
                volunteer_hours.check_in(session, signup_id, self.at())
            else:
                volunteer_hours.check_out(session, signup_id, self.at())


class RecordHoursDialog(VolunteerDialog):
    """录入时长: the same hours for every volunteer of the activity who has none yet."""

    def __init__(self, db: Database, activity_id: str, title: str, parent: QWidget | None = None):
        super().__init__(db, parent, name="recordHours")
        self.activity_id = activity_id
        self.setWindowTitle(self.tr("录入时长"))
        self.info("Activity", self.tr("活动："), title)
        self.hours = self.line(
            "Hours", self.tr("每人时长："), placeholder=self.tr("如 2.5 或 2小时30分")
        )
        self.finish(420)

    def minutes(self) -> int | None:
        from govdesk.domain import volunteers as rules

        return rules.parse_hours(self.hours.text())

    def check(self) -> list[str]:
        problems = required(self.tr("每人时长"), self.hours.text())
        minutes = self.minutes()
        if not problems and (minutes is None or minutes <= 0):
            problems.append(self.tr("无法识别的时长：%1").replace("%1", self.hours.text().strip()))
        return problems

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_hours

        volunteer_hours.record_hours(session, activity_id=self.activity_id, minutes=self.minutes())


class AdjustDialog(VolunteerDialog):
    """调整: a confirmed adjusting line (±) with a reason, beside the line it corrects."""

    def __init__(
        self,
        db: Database,
        volunteer_id: str,
        who: str,
        parent: QWidget | None = None,
        *,
        adjusts: tuple[str, str] | None = None,  # (entry id, what it says)
    ):
        super().__init__(db, parent, name="adjustHours")
        self.volunteer_id = volunteer_id
        self.adjusts_id = adjusts[0] if adjusts else None
        self.setWindowTitle(self.tr("调整时长"))
        self.info("Who", self.tr("志愿者："), who)
        if adjusts:
            self.info("Adjusts", self.tr("更正："), adjusts[1])
        self.hours = self.line(
            "Hours", self.tr("增减时长："), placeholder=self.tr("如 1.5 或 -0.5（减少）")
        )
        self.served_on = self.date_edit("ServedOn", self.tr("日期："), dt.date.today())
        self.reason = self.text_box("Reason", self.tr("原因："), lines=2)
        self.finish(440)

    def minutes(self) -> int | None:
        from govdesk.domain import volunteers as rules

        return rules.parse_hours(self.hours.text())

    def check(self) -> list[str]:
        problems = required(self.tr("增减时长"), self.hours.text())
        if not problems and not self.minutes():
            problems.append(self.tr("无法识别的时长：%1").replace("%1", self.hours.text().strip()))
        return problems + required(self.tr("原因"), self.reason.toPlainText())

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_hours

        volunteer_hours.adjust(
            session,
            volunteer_id=self.volunteer_id,
            minutes=self.minutes(),
            reason=self.reason.toPlainText().strip(),
            adjusts_id=self.adjusts_id,
            served_on=pydate(self.served_on),
        )
