"""The 活动 page of the 志愿服务 tab: sign a volunteer up, check in and out, see the hours."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime

from govdesk.services import volunteer_activities, volunteer_hours, volunteers
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.activities_page import ActivitiesPage, sign_up_asking

DAY = dt.date.today()


def _volunteer(db, name, skills=""):
    with db.session() as s:
        return volunteers.add_volunteer(s, data={"name": name, "skills": skills}).id


def _activity(db, title, start=9, end=11, skills=(), day=DAY):
    with db.session() as s:
        return volunteer_activities.create_activity(
            s,
            title=title,
            held_on=day,
            start_time=dt.time(start),
            end_time=dt.time(end),
            place="社区广场",
            skills=skills,
        ).id


def _page(qtbot, db) -> ActivitiesPage:
    page = ActivitiesPage(db)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _row_texts(tree, column):
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def _local(day: dt.date, hour: int, minute: int = 0) -> QDateTime:
    return QDateTime(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def setup(db):
    return {
        "wang": _volunteer(db, "王芳", "cleaning"),
        "li": _volunteer(db, "李强"),
        "clean": _activity(db, "清扫楼道", skills=("cleaning",)),
        "visit": _activity(db, "探访独居老人", 10, 12),
    }


def test_sign_up_check_in_and_out_then_see_the_hours(qtbot, db, setup):
    page = _page(qtbot, db)
    assert _row_texts(page.list, 2) == ["清扫楼道", "探访独居老人"]
    page.list.setCurrentItem(page.list.topLevelItem(0))
    assert sign_up_asking(page, db, setup["clean"], setup["wang"]) is True
    page.refresh()
    assert _row_texts(page.signups, 1) == ["王芳"]
    assert _row_texts(page.signups, 2) == ["已报名"]
    assert page.list.topLevelItem(0).text(4) == "1"

    def clock(hour):
        def fill(dialog):
            dialog.when.setDateTime(_local(DAY, hour))
            dialog.save()

        return fill

    with common.driven(clock(9)):
        assert page.run("check_in") is True
    assert _row_texts(page.signups, 2) == ["已签到"]
    assert _row_texts(page.signups, 3) == ["09:00"]
    with common.driven(clock(11)):
        # 签退 two hours later: a pending line of 120 minutes.
        assert page.run("check_out") is True
    assert _row_texts(page.signups, 2) == ["已签退"]
    assert _row_texts(page.signups, 5) == ["2 小时（待确认）"]
    lines = volunteer_hours.ledger(db, setup["wang"])
    assert [(line.minutes, line.state) for line in lines] == [(120, "pending")]

    with common.answering(lambda _text: True) as asked:
        assert page.run("confirm") is True
    assert "2 小时" in asked[0]
    assert _row_texts(page.signups, 5) == ["2 小时"]
    lines = volunteer_hours.ledger(db, setup["wang"])
    assert [(line.minutes, line.state) for line in lines] == [(120, "confirmed")]


def test_check_out_before_check_in_is_refused_and_stores_nothing(qtbot, db, setup):
    page = _page(qtbot, db)
    sign_up_asking(page, db, setup["clean"], setup["wang"])
    page.refresh()

    def at(hour):
        def fill(dialog):
            dialog.when.setDateTime(_local(DAY, hour))
            dialog.save()

        return fill

    with common.driven(at(10)):
        page.run("check_in")
    shown = []

    def early(dialog):
        dialog.when.setDateTime(_local(DAY, 9))
        assert dialog.save() is False
        shown.append(dialog.error.text())

    with common.driven(early):
        assert page.run("check_out") is False
    assert shown and shown[0]
    assert volunteer_hours.ledger(db, setup["wang"]) == []
    assert _row_texts(page.signups, 2) == ["已签到"]


def test_a_clash_and_a_missing_skill_are_asked_about(qtbot, db, setup):
    page = _page(qtbot, db)
    with common.answering(lambda _t: False) as asked:
        # 李强 lacks the 环境清洁 the activity wants: asked, and "no" stores nothing.
        assert sign_up_asking(page, db, setup["clean"], setup["li"]) is False
        assert len(asked) == 1 and "环境清洁" in asked[0]
        assert volunteer_activities.signups(db, setup["clean"]) == []
        assert sign_up_asking(page, db, setup["visit"], setup["wang"]) is True
        assert len(asked) == 1  # nothing to warn about
        # 清扫楼道 09–11 clashes with 探访独居老人 10–12 the same day.
        assert sign_up_asking(page, db, setup["clean"], setup["wang"]) is False
    assert len(asked) == 2 and "探访独居老人" in asked[1] and "冲突" in asked[1]
    assert volunteer_activities.signups(db, setup["clean"]) == []
    with common.answering(lambda _t: True):
        assert sign_up_asking(page, db, setup["clean"], setup["wang"]) is True
    page.refresh(select=setup["clean"])
    assert _row_texts(page.signups, 1) == ["王芳"]
    assert _row_texts(page.signups, 6) == ["时间冲突"]


def test_record_hours_for_the_whole_activity(qtbot, db, setup):
    page = _page(qtbot, db)
    with common.answering(lambda _t: True):
        sign_up_asking(page, db, setup["visit"], setup["wang"])
        sign_up_asking(page, db, setup["visit"], setup["li"])
    page.refresh(select=setup["visit"])

    def bad(dialog):
        dialog.hours.setText("两个钟头")
        assert dialog.save() is False
        assert "无法识别" in dialog.error.text()

    with common.driven(bad):
        assert page.run("record_hours") is False
    assert volunteer_hours.pending(db, activity_id=setup["visit"]) == []

    def fill(dialog):
        dialog.hours.setText("1.5")
        dialog.save()

    with common.driven(fill):
        assert page.run("record_hours") is True
    assert sorted(_row_texts(page.signups, 5)) == ["1.5 小时（待确认）"] * 2


def test_a_pending_line_can_be_removed_a_confirmed_one_cannot(qtbot, db, setup):
    from govdesk.ui.volunteers.view import VolunteersTab

    with common.answering(lambda _t: True):
        sign_up_asking(None, db, setup["visit"], setup["wang"])
    with db.session() as s:
        volunteer_hours.record_hours(s, activity_id=setup["visit"], minutes=90)
    tab = VolunteersTab(db)
    qtbot.addWidget(tab)
    assert tab.panel.detail.name == "王芳"
    tab.panel.ledger.topLevelItem(0).setSelected(True)
    with common.answering(lambda _t: True):
        assert tab.run_action("remove_pending") is True
    assert volunteer_hours.ledger(db, setup["wang"]) == []
    # A confirmed line: the service refuses, the message shows, the line stays.
    with db.session() as s:
        volunteer_hours.record_hours(s, activity_id=setup["visit"], minutes=60)
    with db.session() as s:
        ids = [e.id for e in volunteer_hours.pending(s, activity_id=setup["visit"])]
        volunteer_hours.confirm(s, ids, by="admin")
    tab.list_page.refresh()
    tab.panel.ledger.topLevelItem(0).setSelected(True)
    with common.answering(lambda _t: True):
        assert tab.run_action("remove_pending") is False
    assert [line.minutes for line in volunteer_hours.ledger(db, setup["wang"])] == [60]


def test_edit_check_in_two_at_once_and_finish(qtbot, db, setup):
    page = _page(qtbot, db)
    page.refresh(select=setup["visit"])

    def bad_times(dialog):
        assert dialog.title.text() == "探访独居老人"
        dialog.end.setTime(dialog.start.time().addSecs(-3600))
        assert dialog.save() is False and dialog.error.text()
        dialog.title.setText("探访独居老人（第二批）")
        dialog.end.setTime(dialog.start.time().addSecs(3 * 3600))
        assert dialog.save() is True, dialog.error.text()

    with common.driven(bad_times):
        assert page.run("edit") is True
    view = volunteer_activities.activity_view(db, setup["visit"])
    assert view.title == "探访独居老人（第二批）" and view.end_time == dt.time(13)
    with common.answering(lambda _t: True):
        sign_up_asking(page, db, setup["visit"], setup["wang"])
        sign_up_asking(page, db, setup["visit"], setup["li"])
    page.refresh(select=setup["visit"])
    page.signups.selectAll()

    def at_ten(dialog):
        assert "王芳" in dialog.findChild(type(dialog.error), "checkInWho").text()
        dialog.when.setDateTime(_local(DAY, 10))
        dialog.save()

    with common.driven(at_ten):
        assert page.run("check_in") is True
    assert _row_texts(page.signups, 2) == ["已签到", "已签到"]
    assert _row_texts(page.signups, 3) == ["10:00", "10:00"]
    with common.answering(lambda _t: True):
        assert page.run("finish") is True
    assert page.list.currentItem().text(5) == "已完成"
    assert page.buttons["sign_up"].isEnabled() is False


def test_the_sign_up_button_picks_a_volunteer_and_asks_about_warnings(qtbot, db, setup):
    page = _page(qtbot, db)
    page.refresh(select=setup["clean"])

    def pick(dialog):
        assert dialog.choose("李强")
        dialog.save()

    with common.driven(pick), common.answering(lambda _t: False) as asked:
        assert page.run("sign_up") is False  # 李强 lacks 环境清洁; "no" stores nothing
    assert len(asked) == 1 and "环境清洁" in asked[0]
    assert _row_texts(page.signups, 1) == []
    with common.driven(pick), common.answering(lambda _t: True):
        assert page.run("sign_up") is True
    assert _row_texts(page.signups, 1) == ["李强"]
    assert _row_texts(page.signups, 6) == ["缺少技能"]
