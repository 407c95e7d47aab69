"""The 走访 page of the grid tab: the due list of a grid, recording a visit, a follow-up done."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_staff, grids, registry, visits
from govdesk.ui.grids import grid_dialogs
from govdesk.ui.grids.visits_view import OVERDUE_BACKGROUND, VisitsPanel
from tests.services.grid_world import linked_world

D1 = dt.date(2026, 1, 1)


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


@pytest.fixture
def world(db):
    """第一网格 holds 幸福里3号楼 (H0001, H0002); both heads live alone (rule: every 30 days).
    H0001 was last visited 40 days ago (10 days overdue), H0002 never."""
    places = linked_world(db)
    with db.session() as s:
        first = grids.create_grid(s, name="第一网格")
        other = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["幸福里小区3号楼"]], grid_id=first.id, on=D1)
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=other.id, on=D1)
        worker = grid_staff.add_staff(s, name="王网格", phone="13812345678")
        grid_staff.add_post(s, staff_id=worker.id, grid_id=first.id, role="full_time", start_on=D1)
        visits.set_visit_rule(s, category_code="elderly_alone", interval_days=30)
        for number in ("H0001", "H0002", "H0004"):
            hh = registry.find_household(s, household_number=number)
            head = registry.household_head(s, household_id=hh.id)
            registry.set_care_categories(s, person_id=head.id, category_codes=["elderly_alone"])
        h1 = registry.find_household(s, household_number="H0001")
        visits.record_visit(
            s, household_id=h1.id, visited_on=_today() - dt.timedelta(days=40), staff_id=worker.id
        )
    return {"first": first.id, "other": other.id, "worker": worker.id}


def _panel(qtbot, db, world, role: Role | None = None) -> VisitsPanel:
    if role is not None:
        db.actor = Actor(role.value, role)
    panel = VisitsPanel(db)
    qtbot.addWidget(panel)
    panel.set_grid(world["first"], _today())
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_due_list_of_grid_with_overdue_highlighted(qtbot, db, world):
    panel = _panel(qtbot, db, world)
    # Never visited first, then by how overdue; H0004 is in the other grid.
    assert panel.due_numbers() == ["H0002", "H0001"]
    table = panel.due_table
    assert table.objectName() == "gridDueVisits"
    assert table.item(1, 6).text() == "10"
    assert table.item(1, 0).background().color() == OVERDUE_BACKGROUND
    assert table.item(0, 6).text() == "从未走访"
    # The whole community shows the other grid's household too.
    panel.set_grid(None, _today())
    assert sorted(panel.due_numbers()) == ["H0001", "H0002", "H0004"]


def test_worker_filter(qtbot, db, world):
    panel = _panel(qtbot, db, world)
    panel.set_grid(None, _today())
    index = panel.worker.findData(world["worker"])
    assert index > 0
    panel.worker.setCurrentIndex(index)
    assert sorted(panel.due_numbers()) == ["H0001", "H0002"]


def test_recorded_visit_leaves_due_list_and_follow_up_done(qtbot, db, world):
    panel = _panel(qtbot, db, world)
    assert panel.select_due("H0002")

    def fill(dialog):
        assert dialog.household.text() == "H0002"
        dialog.worker.setCurrentIndex(dialog.worker.findData(world["worker"]))
        dialog.notes.setPlainText("老人腿脚不便，需联系社区医生")
        dialog.follow_up.setChecked(True)
        assert dialog.save()

    with grid_dialogs.driven(fill):
        assert panel.record_visit()
    assert panel.due_numbers() == ["H0001"]
    with db.session() as s:
        hh = registry.find_household(s, household_number="H0002")
        (visit,) = visits.visits(s, hh.id)
        assert visit.staff_id == world["worker"]
        assert visit.grid_id == world["first"]
        assert visit.follow_up_needed
    assert panel.follow_table.rowCount() == 1
    assert panel.follow_table.item(0, 0).text() == "H0002"
    assert not panel.follow_button.isEnabled()
    panel.follow_table.selectRow(0)
    assert panel.follow_button.isEnabled()

    def done(dialog):
        dialog.note.setPlainText("已联系社区医生上门")
        assert dialog.save()

    with grid_dialogs.driven(done):
        assert panel.complete_follow_up()
    assert panel.follow_table.rowCount() == 0
    with db.session() as s:
        (visit,) = visits.visits(s, hh.id)
        assert visit.follow_up_done_on == _today()
        assert visit.follow_up_note == "已联系社区医生上门"


def test_unknown_household_number_stays_in_dialog(qtbot, db, world):
    panel = _panel(qtbot, db, world)
    seen = {}

    def fill(dialog):
        dialog.household.setText("H9999")
        seen["saved"] = dialog.save()
        seen["error"] = dialog.error.text()

    with grid_dialogs.driven(fill):
        assert not panel.record_visit()
    assert seen["saved"] is False
    assert seen["error"]
    assert panel.due_numbers() == ["H0002", "H0001"]


def test_viewer_sees_due_list_without_edit_buttons(qtbot, db, world):
    panel = _panel(qtbot, db, world, Role.VIEWER)
    assert panel.due_numbers() == ["H0002", "H0001"]
    assert not panel.record_button.isVisible()
    assert not panel.record_visit()
