"""修改户信息 in the residents tab: the dialog, its refusals, the list and the undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from govdesk.domain.models import Household
from govdesk.domain.permissions import Actor, Role
from govdesk.services import grids, places, registry
from govdesk.ui.residents.household_dialog import HouseholdDialog
from govdesk.ui.residents.household_tools import EditHouseholdDialog
from govdesk.ui.residents.view import ResidentsTab
from tests.ui.residents_helpers import make_id, type_text

OLD_HOME = "幸福里小区3号楼2单元301室"
NEW_HOME = "和平家园1号楼3单元502室"


def _world(db) -> dict[str, str]:
    """Two households; 幸福里小区3号楼 in 第一网格 and 和平家园1号楼 in 第二网格 since January."""
    ids: dict[str, str] = {}
    with db.session() as s:
        for number, address, people in (
            ("H100", OLD_HOME, (("王建国", "head", 11), ("李秀英", "spouse", 22))),
            ("H200", NEW_HOME, (("赵大山", "head", 33),)),
        ):
            hh = registry.create_household(s, household_number=number, address=address)
            ids[number] = hh.id
            for name, relation, seq in people:
                ids[name] = registry.create_person(
                    s,
                    data={
                        "name": name,
                        "id_number": make_id("19700101", seq),
                        "relation_to_head": relation,
                        "current_address": address,
                    },
                    household_id=hh.id,
                ).person.id
    with db.session() as s:
        places.link_households(s)
        day = dt.date(2026, 1, 1)
        for name, building in (("第一网格", "幸福里小区3号楼"), ("第二网格", "和平家园1号楼")):
            grid = grids.create_grid(s, name=name)
            place = places.find_place(s, building)
            grids.assign_places(s, place_ids=[place.id], grid_id=grid.id, on=day)
            ids[name] = grid.id
    return ids


def _tab(qtbot, db) -> ResidentsTab:
    tab = ResidentsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _row_of(tab: ResidentsTab, name: str) -> int:
    col = tab.model.columns.index("name")
    return next(r for r in range(tab.model.rowCount()) if tab.model.index(r, col).data() == name)


def _address_of(tab: ResidentsTab, name: str) -> str:
    m = tab.model
    return m.data(m.index(_row_of(tab, name), m.columns.index("current_address")))


def _household(db, household_id: str) -> tuple:
    with db.session() as s:
        hh = s.get(Household, household_id)
        return hh.household_number, hh.household_type, hh.address, hh.place_id


def test_editing_the_address_in_the_tab_moves_the_household_and_shows_in_the_list(qtbot, db):
    ids = _world(db)
    tab = _tab(qtbot, db)
    assert _address_of(tab, "王建国") == OLD_HOME
    tab.table.selectRow(_row_of(tab, "王建国"))
    assert tab.edit_household_action is not None
    assert tab.edit_household_action in tab.menu_actions()["edit"]
    tab.edit_household_action.trigger()
    dlg = tab.active_dialog
    assert isinstance(dlg, EditHouseholdDialog)
    qtbot.waitExposed(dlg)
    address = dlg.findChild(QLineEdit, "field_address")
    assert address.text() == OLD_HOME
    address.clear()
    type_text(qtbot, address, NEW_HOME)
    assert "和平家园1号楼" in dlg.place_hint.text()
    qtbot.keyClick(address, Qt.Key.Key_Return)  # Enter = 保存
    assert dlg.result() == EditHouseholdDialog.DialogCode.Accepted
    # The list shows the members' new 现住址 at once; the household is in 第二网格 now.
    assert _address_of(tab, "王建国") == NEW_HOME
    assert _address_of(tab, "李秀英") == NEW_HOME
    with db.session() as s:
        grid = grids.grid_of_household(s, ids["H100"], dt.date.today())
        assert grid is not None and grid.id == ids["第二网格"]
    # Ctrl+Z in the tab puts the old address, building and grid back.
    tab.undo_stack.undo()
    assert _address_of(tab, "王建国") == OLD_HOME
    with db.session() as s:
        assert grids.grid_of_household(s, ids["H100"], dt.date.today()).id == ids["第一网格"]
    assert _household(db, ids["H100"])[2] == OLD_HOME


def test_bad_input_shows_beside_its_field_and_stores_nothing(qtbot, db):
    ids = _world(db)
    before = _household(db, ids["H100"])
    dlg = EditHouseholdDialog(db, ids["H100"])
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    number = dlg.findChild(QLineEdit, "field_household_number")
    number.setText("H200")  # taken by the other household
    dlg.set_value("address", NEW_HOME)
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert dlg.isVisible() and dlg.saved is None
    assert "H200 已被使用" in dlg.message_for("household_number")
    assert dlg.message_for("address") == ""
    assert _household(db, ids["H100"]) == before
    number.setText("")
    dlg.accept()
    assert "户号不能为空" in dlg.message_for("household_number")
    assert _household(db, ids["H100"]) == before
    # Fixed, the message goes and the save goes through.
    number.setText("H101")
    dlg.findChild(QComboBox, "field_household_type").setCurrentIndex(1)
    dlg.accept()
    assert dlg.message_for("household_number") == ""
    assert dlg.saved is not None and dlg.saved.new["household_number"] == "H101"
    assert _household(db, ids["H100"])[:3] == ("H101", "collective", NEW_HOME)


def test_escape_cancels_without_storing(qtbot, db):
    ids = _world(db)
    before = _household(db, ids["H100"])
    dlg = EditHouseholdDialog(db, ids["H100"])
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    address = dlg.findChild(QLineEdit, "field_address")
    address.setText("建设路7号")
    assert "未划分" in dlg.place_hint.text()
    qtbot.keyClick(address, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and dlg.saved is None
    assert _household(db, ids["H100"]) == before


def test_the_household_view_edits_with_f2_and_shows_building_and_grid(qtbot, db):
    ids = _world(db)
    changed: list[str] = []
    view = HouseholdDialog(db, ids["王建国"], on_change=changed.append)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    assert view.place_label.text() == "幸福里小区3号楼，第一网格"
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    dlg = view.edit_dialog_open
    assert isinstance(dlg, EditHouseholdDialog) and dlg.isVisible()
    dlg.set_value("address", "建设路7号")  # names no building
    dlg.follow.setChecked(False)
    dlg.accept()
    assert view.address_label.text() == "建设路7号"
    assert "未划分" in view.place_label.text()
    assert changed  # the tab hears of it
    with db.session() as s:
        members = registry.household_members(s, household_id=ids["H100"])
        assert {m.current_address for m in members} == {OLD_HOME}  # asked to stay


def test_roles_that_may_not_edit_get_no_edit_action(qtbot, db):
    ids = _world(db)
    db.actor = Actor("viewer", Role.VIEWER)
    tab = _tab(qtbot, db)
    assert tab.edit_household_action is None
    assert "修改户信息…" not in {a.text() for a in tab.menu_actions()["edit"]}
    view = HouseholdDialog(db, ids["王建国"])
    qtbot.addWidget(view)
    assert "edit" not in view.buttons and view.edit_household() is None
    # A viewer still sees where the household lives.
    assert view.place_label.text() == "幸福里小区3号楼，第一网格"


def test_an_edit_from_the_household_view_is_undone_and_redone(qtbot, db):
    ids = _world(db)
    ahead = "新兴小区2号楼1单元101室"
    with db.session() as s:  # 李秀英 already lives at the new address
        registry.update_person(s, person_id=ids["李秀英"], changes={"current_address": ahead})
    stack = QUndoStack()
    view = HouseholdDialog(db, ids["王建国"], undo_stack=stack)
    qtbot.addWidget(view)
    dlg = view.edit_household()
    dlg.set_value("address", "新兴小区2号楼1单元101室")
    dlg.accept()
    assert stack.count() == 1 and stack.undoText() == "修改户信息 H100"
    assert view.place_label.text() == "新兴小区2号楼，未划入网格"
    with db.session() as s:
        new_place = s.get(Household, ids["H100"]).place_id
    stack.undo()
    assert view.address_label.text() == OLD_HOME
    assert view.place_label.text() == "幸福里小区3号楼，第一网格"
    with db.session() as s:
        homes = {
            m.name: m.current_address
            for m in registry.household_members(s, household_id=ids["H100"])
        }
    # The member who followed goes back; the one who was there already stays.
    assert homes == {"王建国": OLD_HOME, "李秀英": ahead}
    stack.redo()
    assert _household(db, ids["H100"])[2:] == ("新兴小区2号楼1单元101室", new_place)
