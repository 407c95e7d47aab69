"""The grids tab's staff list: add a person with a post, appoint, end a post; printing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from PySide6.QtWidgets import QPushButton, QTableWidget

from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_staff, grids
from govdesk.ui.grids import grid_dialogs, printing
from govdesk.ui.grids.view import GridsTab
from govdesk.ui.ops import Operation
from tests.services.grid_world import linked_world

D1 = dt.date(2026, 1, 1)


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


@pytest.fixture
def world(db):
    """第一网格 (幸福里3号楼) with 王网格 full time since D1, and 第二网格 with nobody."""
    place_ids = linked_world(db)
    with db.session() as s:
        first = grids.create_grid(s, name="第一网格", area="幸福里小区")
        second = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[place_ids["幸福里小区3号楼"]], grid_id=first.id, on=D1)
        worker = grid_staff.add_staff(s, name="王网格", phone="13812345678")
        grid_staff.add_post(s, staff_id=worker.id, grid_id=first.id, role="full_time", start_on=D1)
    return {"first": first.id, "second": second.id, "worker": worker.id}


def _tab(qtbot, db, role: Role | None = None) -> GridsTab:
    if role is not None:
        db.actor = Actor(role.value, role)
    tab = GridsTab(db)
    qtbot.addWidget(tab)
    tab.set_today(_today())
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _names(tab: GridsTab) -> list[tuple[str, str]]:
    table = tab.findChild(QTableWidget, "gridStaff")
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def _select_staff(tab: GridsTab, name: str) -> None:
    for r, row in enumerate(tab.staff_rows):
        if row.name == name:
            tab.staff.selectRow(r)
            return
    raise AssertionError(name)


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_add_an_outside_person_with_a_post_lists_them(qtbot, db, world):
    tab = _tab(qtbot, db)
    assert tab.select_grid(world["second"])
    assert _names(tab) == []

    def fill(dialog):
        dialog.from_outside.setChecked(True)
        dialog.name_edit.setText("陈兼职")
        dialog.phone_edit.setText("13700001234")
        dialog.role_box.setCurrentIndex(dialog.role_box.findData("part_time"))
        assert dialog.save()

    with grid_dialogs.driven(fill):
        assert tab.staff_action("add")
    assert _names(tab) == [("陈兼职", "兼职网格员")]
    # The phone is masked in the list (no IDENTITY_REVEAL asked for).
    assert tab.staff.item(0, 2).text() != "13700001234"
    with db.session() as s:
        views = grid_staff.post_views(s, world["second"], _today())
    assert [(v.name, v.role, v.start_on) for v in views] == [("陈兼职", "part_time", _today())]


def test_add_a_resident_found_by_search(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_grid(world["second"])
    picked: list[str] = []

    def fill(dialog):
        dialog.search.setText("居民1")
        dialog.run_search()
        assert dialog.results.count() > 0
        picked.append(dialog.results.currentItem().text().split("　")[0])
        assert dialog.save()

    with grid_dialogs.driven(fill):
        assert tab.staff_action("add")
    assert _names(tab) == [(picked[0], "网格长")]
    with db.session() as s:
        (view,) = grid_staff.post_views(s, world["second"], _today())
        assert grid_staff.get_staff(s, view.staff_id).resident_id is not None


def test_appoint_an_existing_worker_in_a_second_grid_then_end_the_post(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_grid(world["second"])

    def appoint(dialog):
        dialog.staff_box.setCurrentIndex(dialog.staff_box.findData(world["worker"]))
        dialog.role_box.setCurrentIndex(dialog.role_box.findData("mediator"))
        assert dialog.save()

    with grid_dialogs.driven(appoint):
        assert tab.staff_action("appoint")
    assert _names(tab) == [("王网格", "调解员")]

    end_button = tab.findChild(QPushButton, "gridsEndPost")
    assert not end_button.isEnabled()  # no post chosen yet
    _select_staff(tab, "王网格")
    assert end_button.isEnabled()

    def end(dialog):
        assert dialog.save()  # from today: today is no longer a day of the post

    with grid_dialogs.driven(end):
        assert tab.staff_action("end")
    assert _names(tab) == []
    # The first grid's post is untouched.
    tab.select_grid(world["first"])
    assert _names(tab) == [("王网格", "专职网格员")]


def test_a_refused_date_keeps_the_dialog_open_with_the_message(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_grid(world["first"])
    _select_staff(tab, "王网格")
    messages: list[str] = []

    def end(dialog):
        dialog.end_edit.setDate(dialog.end_edit.date().addYears(-30))
        assert not dialog.save()
        messages.append(dialog.error.text())
        dialog.reject()

    with grid_dialogs.driven(end):
        assert not tab.staff_action("end")
    assert messages and messages[0]
    assert _names(tab) == [("王网格", "专职网格员")]


def test_a_viewer_sees_no_staff_buttons_but_may_print(qtbot, db, world):
    tab = _tab(qtbot, db, Role.VIEWER)
    tab.select_grid(world["first"])
    for name in ("gridsAddStaff", "gridsAppointPost", "gridsEndPost"):
        assert not tab.findChild(QPushButton, name).isVisible()
    assert not tab.staff_action("add")
    assert tab.print_menu is not None


def _printed(db) -> list[dict]:
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT detail FROM audit_log WHERE action = 'print' ORDER BY seq"
        ).all()
    return [json.loads(d) for (d,) in rows]


def _finish(qtbot, op) -> str:
    """The text of the PDF the operation made, read from its open preview (then closed)."""
    assert isinstance(op, Operation)
    qtbot.waitUntil(lambda: op.finished, timeout=60_000)
    assert op.error is None
    previews = [p for p in printing._open_previews if p.pdf == op.result]
    assert len(previews) == 1 and previews[0].dialog.isVisible()
    text = _pdf_text(op.result)
    folder = previews[0].pdf.parent
    previews[0].dialog.reject()
    qtbot.waitUntil(lambda: not folder.exists())  # the temporary PDF goes with the preview
    return text


def test_print_the_selected_grids_roster(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_grid(world["first"])
    text = _finish(qtbot, tab.print_form(printing.ROSTER_GRID))
    assert "网格员公示表" in text and "第一网格" in text and "王网格" in text
    assert "第二网格" not in text
    (entry,) = _printed(db)
    assert entry["form"] == "grid-roster" and entry["grid_ids"] == [world["first"]]


def test_print_every_grids_cards_and_a_worksheet(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_grid(world["first"])
    text = _finish(qtbot, tab.print_form(printing.CARDS_ALL))
    assert "第一网格" in text and "第二网格" in text
    assert tab.print_form(printing.WORKSHEET) is None  # nobody chosen
    _select_staff(tab, "王网格")
    text = _finish(qtbot, tab.print_form(printing.WORKSHEET))
    assert "走访任务单" in text and "王网格" in text
    assert [e["form"] for e in _printed(db)] == ["grid-card", "visit-worksheet"]
