"""The 事件 page of the grid tab: an event's life cycle through the dialogs, the mediation
case it becomes, buttons that follow the state and the role, the ledgers written."""

from __future__ import annotations

import datetime as dt

import pytest
from python_calamine import CalamineWorkbook

from govdesk.domain.grid_events import EventState
from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_events, grids, mediation
from govdesk.ui.grids import grid_dialogs
from govdesk.ui.grids.events_view import OVERDUE_BACKGROUND, EventsPanel
from govdesk.ui.grids.grid_dialogs import GridChoice


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


NOW = dt.datetime.now().astimezone()


@pytest.fixture
def grid_ids(db):
    with db.session() as s:
        first = grids.create_grid(s, name="第一网格")
        second = grids.create_grid(s, name="第二网格")
    return {"first": first.id, "second": second.id}


def _panel(qtbot, db, grid_ids, role: Role | None = None) -> EventsPanel:
    if role is not None:
        db.actor = Actor(role.value, role)
    panel = EventsPanel(db)
    qtbot.addWidget(panel)
    panel.grid_choices = [
        GridChoice(grid_ids["first"], "第一网格", "11010500100101", 0),
        GridChoice(grid_ids["second"], "第二网格", "11010500100102", 0),
    ]
    panel.set_grid(grid_ids["first"], _today())
    panel.resize(1000, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _enabled(panel) -> set[str]:
    return {k for k, b in panel.buttons.items() if b.isEnabled()}


def _step(panel, key, fill) -> None:
    def drive(dialog):
        fill(dialog)
        assert dialog.save(), dialog.error.text()

    with grid_dialogs.driven(drive):
        assert panel.run_step(key)


def test_report_dispatch_handle_close_through_dialogs(qtbot, db, grid_ids):
    panel = _panel(qtbot, db, grid_ids)
    assert panel.table.objectName() == "gridEvents"
    assert _enabled(panel) == {"report"}

    def report(d):
        d.category.setCurrentIndex(d.category.findData("sanitation"))
        d.description.setPlainText("3号楼门口垃圾堆放")
        d.location.setText("幸福里小区3号楼")
        assert d.grid.currentData() == grid_ids["first"]

    _step(panel, "report", report)
    assert panel.table.rowCount() == 1
    event = panel.selected()
    assert event is not None and event.state == EventState.REPORTED
    assert event.number == f"{_today().year}-0001"
    assert panel.table.item(0, 1).text() == "已上报"
    assert _enabled(panel) == {"report", "dispatch", "return", "mediation"}

    def dispatch(d):
        d.department.setText("城管中队")

    _step(panel, "dispatch", dispatch)
    assert panel.selected().state == EventState.DISPATCHED
    assert panel.table.item(0, 6).text() == "城管中队"
    assert _enabled(panel) == {"report", "handle", "return", "mediation"}

    _step(panel, "handle", lambda d: d.feedback.setPlainText("已清运"))
    assert panel.selected().state == EventState.HANDLED
    assert _enabled(panel) == {"report", "close", "return", "mediation"}

    _step(panel, "close", lambda d: None)
    row = panel.selected()
    assert row.state == EventState.CLOSED and row.closed_on == _today()
    assert _enabled(panel) == {"report"}
    assert panel.table.item(0, 1).text() == "已办结"
    # The other grid's list does not show it; the community's does.
    panel.set_grid(grid_ids["second"], _today())
    assert panel.table.rowCount() == 0
    panel.set_grid(None, _today())
    assert panel.table.rowCount() == 1


def test_return_and_report_again(qtbot, db, grid_ids):
    with db.session() as s:
        grid_events.report_event(
            s, category="other", description="路灯不亮", reported_at=NOW, grid_id=grid_ids["first"]
        )
    panel = _panel(qtbot, db, grid_ids)
    panel.table.selectRow(0)
    _step(panel, "return", lambda d: d.reason.setPlainText("请写明具体位置"))
    assert panel.selected().state == EventState.RETURNED
    assert _enabled(panel) == {"report", "again", "mediation"}
    _step(panel, "again", lambda d: d.description.setPlainText("幸福里小区3号楼东侧路灯不亮"))
    row = panel.selected()
    assert row.state == EventState.REPORTED
    assert row.description == "幸福里小区3号楼东侧路灯不亮"


def test_event_turned_into_case_shows_its_number(qtbot, db, grid_ids):
    with db.session() as s:
        grid_events.report_event(
            s,
            category="dispute",
            description="楼上漏水引发邻里纠纷",
            reported_at=NOW,
            grid_id=grid_ids["first"],
        )
    panel = _panel(qtbot, db, grid_ids)
    panel.table.selectRow(0)

    def fill(d):
        d.applicant.setText("张三")
        d.respondent.setText("李四")

    _step(panel, "mediation", fill)
    # A registered case has no number until it is accepted (受理).
    assert panel.last_case_number == ""
    assert panel.table.item(0, 8).text() == "（未受理）"
    assert "mediation" not in _enabled(panel)
    with db.session() as s:
        event = grid_events.get_event(s, panel.selected().id)
        case = mediation.get_case(s, event.mediation_case_id)
        assert case.summary == "楼上漏水引发邻里纠纷"
        assert [p.name for p in mediation.parties(s, case.id)] == ["张三", "李四"]
        accepted = mediation.accept_case(s, case.id, accepted_on=_today())
        number = accepted.number
    assert number
    panel.reload()
    assert panel.table.item(0, 8).text() == number


def test_overdue_rows_red_and_filters(qtbot, db, grid_ids):
    with db.session() as s:
        late = grid_events.report_event(
            s,
            category="other",
            description="井盖缺失",
            reported_at=NOW - dt.timedelta(days=20),
            grid_id=grid_ids["first"],
        )
        grid_events.dispatch_event(
            s,
            late.id,
            department="市政",
            dispatched_on=_today() - dt.timedelta(days=19),
            due_on=_today() - dt.timedelta(days=5),
        )
        grid_events.report_event(
            s, category="other", description="树枝挡路", reported_at=NOW, grid_id=grid_ids["first"]
        )
    panel = _panel(qtbot, db, grid_ids)
    assert panel.table.rowCount() == 2
    overdue_rows = [
        r for r in range(2) if panel.table.item(r, 0).background().color() == OVERDUE_BACKGROUND
    ]
    assert [panel.table.item(r, 3).text() for r in overdue_rows] == ["井盖缺失"]
    panel.overdue_only.setChecked(True)
    assert panel.table.rowCount() == 1
    panel.overdue_only.setChecked(False)
    panel.state_filter.setCurrentIndex(panel.state_filter.findData("reported"))
    assert [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())] == ["树枝挡路"]


def test_viewer_sees_events_but_no_steps(qtbot, db, grid_ids):
    with db.session() as s:
        grid_events.report_event(
            s, category="other", description="路灯不亮", reported_at=NOW, grid_id=grid_ids["first"]
        )
    panel = _panel(qtbot, db, grid_ids, Role.VIEWER)
    panel.table.selectRow(0)
    assert panel.table.rowCount() == 1
    assert _enabled(panel) == set()
    assert not any(b.isVisible() for b in panel.buttons.values())
    assert not panel.run_step("dispatch")


def test_export_ledgers_in_background(qtbot, db, grid_ids, tmp_path):
    with db.session() as s:
        e = grid_events.report_event(
            s, category="other", description="路灯不亮", reported_at=NOW, grid_id=grid_ids["first"]
        )
        grid_events.dispatch_event(
            s,
            e.id,
            department="市政",
            dispatched_on=_today(),
            due_on=_today() + dt.timedelta(days=3),
        )
    panel = _panel(qtbot, db, grid_ids)
    out = tmp_path / "台账.xlsx"

    def fill(d):
        d.start.setDate(d.start.date().addDays(-(_today().day - 1)))
        d.path.setText(str(out))

    with grid_dialogs.driven(lambda d: (fill(d), d.save())):
        op = panel.export_ledgers()
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    assert op.error is None
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["问题清单", "交办清单", "考核清单"]
    problems = book.get_sheet_by_name("问题清单").to_python()
    assert any("路灯不亮" in str(cell) for row in problems for cell in row)


def test_grids_tab_pages_follow_the_chosen_grid(qtbot, db, grid_ids):
    from govdesk.ui.grids.view import GridsTab

    with db.session() as s:
        grid_events.report_event(
            s, category="other", description="路灯不亮", reported_at=NOW, grid_id=grid_ids["second"]
        )
    tab = GridsTab(db)
    qtbot.addWidget(tab)
    tab.set_today(_today())
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())] == [
        "楼栋和人员",
        "走访",
        "事件",
    ]
    assert tab.select_grid(grid_ids["first"])
    tab.pages.setCurrentWidget(tab.events_panel)
    assert tab.events_panel.table.rowCount() == 0
    assert tab.select_grid(grid_ids["second"])
    assert tab.events_panel.grid_id == grid_ids["second"]
    assert tab.events_panel.table.item(0, 3).text() == "路灯不亮"
    # 上报事件 offers the tree's grids.
    assert [c.id for c in tab.events_panel.grid_choices] == [grid_ids["first"], grid_ids["second"]]


def test_a_1366_px_window_shows_every_event_column_without_scrolling(qtbot, db, grid_ids):
    from govdesk.ui.grids.view import GridsTab

    words = "小区东门外的路灯连续三晚不亮，夜间老人出行不便，多位居民反映，请尽快安排检修"
    with db.session() as s:
        event = grid_events.report_event(
            s, category="other", description=words, reported_at=NOW, grid_id=grid_ids["first"]
        )
        grid_events.dispatch_event(
            s, event.id, department="街道城建科", dispatched_on=_today(), due_on=_today()
        )
    tab = GridsTab(db)
    qtbot.addWidget(tab)
    tab.set_today(_today())
    tab.resize(1346, 680)  # what a maximised window leaves the tab on a 1366×768 screen
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.select_grid(grid_ids["first"])
    tab.pages.setCurrentWidget(tab.events_panel)
    table = tab.events_panel.table

    def fits() -> bool:
        return table.horizontalHeader().length() <= table.viewport().width()

    qtbot.waitUntil(fits)
    assert not table.horizontalScrollBar().isVisible()
    # the description gave way, and says so; every other column kept its text's width
    header = table.horizontalHeader()
    description = table.item(0, 3)
    assert header.sectionSize(3) < table.fontMetrics().horizontalAdvance(words)
    assert description.toolTip() == words
    for c in (0, 1, 2, 4, 5, 6, 7):
        text = table.item(0, c).text()
        assert header.sectionSize(c) >= table.fontMetrics().horizontalAdvance(text), c
    # a wider window gives the description the room, not empty space at the right
    tab.resize(2400, 680)
    qtbot.waitUntil(lambda: header.sectionSize(3) > table.fontMetrics().horizontalAdvance(words))
    assert header.length() == table.viewport().width()
