"""The 排班 page (the week view, 排入本周) and the 点单 page (request, dispatch, accept, done)."""

from __future__ import annotations

import datetime as dt

from govdesk.services import duty_roster, volunteer_activities, volunteer_hours, volunteers
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.orders_page import OrdersPage
from govdesk.ui.volunteers.roster_page import RosterPage

MONDAY = common.monday_of(dt.date.today())


def _volunteer(db, name, **data):
    with db.session() as s:
        return volunteers.add_volunteer(s, data={"name": name, **data}).id


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_week_view_shows_shifts_across_the_days_and_schedules_them(qtbot, db):
    wang = _volunteer(db, "王芳")
    li = _volunteer(db, "李强")
    with db.session() as s:
        patrol = duty_roster.add_shift(
            s,
            duty="patrol",
            title="晚间巡逻",
            weekday=2,
            start_time=dt.time(19),
            end_time=dt.time(21),
            start_on=MONDAY,
            headcount=2,
        ).id
        visit = duty_roster.add_shift(
            s,
            duty="elderly_visit",
            title="探访老人",
            weekday=5,
            start_time=dt.time(9),
            end_time=dt.time(11),
            start_on=MONDAY,
            headcount=1,
        ).id
        duty_roster.assign(s, shift_id=patrol, volunteer_id=wang, start_on=MONDAY)
        duty_roster.assign(s, shift_id=patrol, volunteer_id=li, start_on=MONDAY)
    page = _show(qtbot, RosterPage(db))
    assert page.table.columnCount() == 7
    assert page.table.horizontalHeaderItem(0).text().startswith("周一")
    rows = [page.table.verticalHeaderItem(r).text() for r in range(page.table.rowCount())]
    assert rows == ["探访老人\n09:00–11:00", "晚间巡逻\n19:00–21:00"]
    assert page.cell_text(1, 1) == "王芳、李强"  # Tuesday
    assert page.cell_text(0, 4).startswith("（未安排）")  # Friday, nobody yet
    assert "缺1人" in page.cell_text(0, 4)
    assert page.cell_text(1, 2) == ""  # no patrol on Wednesday

    assert page.run("schedule") is True
    made = volunteer_activities.activities(db, start=MONDAY, end=MONDAY + dt.timedelta(days=6))
    assert sorted(a.title for a in made) == ["探访老人", "晚间巡逻"]
    assert "已排入" in page.cell_text(1, 1)
    # 排入本周 again makes nothing new.
    assert page.run("schedule") is False
    assert (
        len(volunteer_activities.activities(db, start=MONDAY, end=MONDAY + dt.timedelta(days=6)))
        == 2
    )
    _ = visit

    page.set_week(MONDAY + dt.timedelta(days=7))
    assert page.week_label.text().startswith((MONDAY + dt.timedelta(days=7)).isoformat())
    assert "已排入" not in page.cell_text(1, 1)
    page.previous.click()
    assert page.monday == MONDAY


def test_order_from_request_to_done_puts_hours_in_the_ledger(qtbot, db):
    wang = _volunteer(db, "王芳", skills="repairs")
    _volunteer(db, "李强")
    page = _show(qtbot, OrdersPage(db))
    assert page.list.topLevelItemCount() == 0

    def empty(dialog):
        assert dialog.save() is False
        assert "服务需求" in dialog.error.text()

    with common.driven(empty):
        assert page.run("request") is False

    def fill(dialog):
        dialog.requester.setText("赵大爷")
        dialog.need.setPlainText("修理水龙头")
        dialog.skill.setCurrentIndex(dialog.skill.findData("repairs"))
        dialog.place.setText("3号楼2单元")
        assert dialog.save() is True

    with common.driven(fill):
        assert page.run("request") is True
    item = page.list.topLevelItem(0)
    assert item.text(1) == "待派单" and item.text(3) == "赵大爷"
    assert item.text(2) == "0天"

    seen = []

    def pick(dialog):
        first = dialog.list.topLevelItem(0)
        seen.append((first.text(1), first.text(3)))
        dialog.save()

    with common.driven(pick):
        assert page.run("dispatch") is True
    assert seen[0][0] == "王芳" and "维修" in seen[0][1]
    assert page.list.topLevelItem(0).text(1) == "已派单"
    assert page.list.topLevelItem(0).text(7).endswith("王芳")

    with common.answering(lambda _t: True):
        assert page.run("accept") is True
    assert page.list.topLevelItem(0).text(1) == "已接单"

    def done(dialog):
        dialog.hours.setText("1小时30分")
        dialog.save()

    with common.driven(done):
        assert page.run("done") is True
    # A done order leaves the open ledger; its time is a pending line of the volunteer.
    assert page.list.topLevelItemCount() == 0
    lines = volunteer_hours.ledger(db, wang)
    assert [(line.minutes, line.state, line.order_number) for line in lines] == [
        (90, "pending", lines[0].order_number)
    ]
    page.which.setCurrentIndex(1)
    assert page.list.topLevelItem(0).text(1) == "已完成"


def test_assign_unassign_and_stop_a_shift_from_the_week_view(qtbot, db):
    _volunteer(db, "王芳")
    page = _show(qtbot, RosterPage(db))
    next_monday = MONDAY + dt.timedelta(days=7)
    page.set_week(next_monday)

    def shift(dialog):
        dialog.title.setText("")
        assert dialog.save() is False and "班次名称" in dialog.error.text()
        dialog.title.setText("晚间巡逻")
        dialog.weekday.setCurrentIndex(dialog.weekday.findData(3))  # Wednesday
        assert dialog.save() is True, dialog.error.text()

    with common.driven(shift):
        assert page.run("add_shift") is True
    assert page.table.rowCount() == 1
    assert page.run("assign") is False  # no cell chosen yet
    assert "选中" in page.message.text()
    page.table.setCurrentCell(0, 2)

    def pick(dialog):
        assert dialog.choose("王芳")
        dialog.save()

    with common.driven(pick):
        assert page.run("assign") is True
    assert page.cell_text(0, 2).startswith("王芳")

    def off(dialog):
        assert dialog.who.currentText().endswith("王芳")
        dialog.save()

    page.table.setCurrentCell(0, 2)
    with common.driven(off):
        assert page.run("unassign") is True
    assert page.cell_text(0, 2).startswith("（未安排）")

    page.table.setCurrentCell(0, 2)
    with common.driven(lambda dialog: dialog.save()):
        assert page.run("end_shift") is True
    assert page.table.rowCount() == 0
    page.set_week(MONDAY)
    assert page.table.rowCount() == 0 or "晚间巡逻" not in page.table.verticalHeaderItem(0).text()
