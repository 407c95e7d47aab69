"""岗位名称设置 in the grids tab: renamed roles in the staff list and the post dialogs, a
switched-off role left out of the choosers, messages beside the box, admin only; F2 and Del."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from govdesk.domain.permissions import Role
from govdesk.services import grid_staff
from govdesk.ui.grids import grid_dialogs
from govdesk.ui.grids.role_dialog import RoleLabelsDialog
from tests.ui.test_grids_staff import _names, _tab, world  # noqa: F401 - the fixture


def test_rename_and_switch_off_roles_through_the_dialog(qtbot, db, world):  # noqa: F811
    tab = _tab(qtbot, db)
    assert tab.select_grid(world["first"])
    assert _names(tab) == [("王网格", "专职网格员")]
    assert tab.roles_action is not None and tab.roles_action in tab.toolbar.actions()

    def fill(dialog):
        assert isinstance(dialog, RoleLabelsDialog)
        assert dialog.edits["full_time"].text() == "专职网格员"
        dialog.edits["full_time"].setText("专职社工网格员")
        dialog.uses["police_assistant"].setChecked(False)
        assert dialog.save()

    with grid_dialogs.driven(fill):
        assert tab.edit_role_labels()
    assert _names(tab) == [("王网格", "专职社工网格员")]
    assert grid_staff.role_labels(db)["full_time"] == "专职社工网格员"

    # The post dialog offers the new name and no longer the switched-off role.
    offered: list[tuple[str, str]] = []

    def look(dialog):
        box = dialog.role_box
        offered.extend((box.itemData(i), box.itemText(i)) for i in range(box.count()))
        dialog.reject()

    tab.staff.selectRow(0)
    with grid_dialogs.driven(look):
        assert not tab.staff_action("appoint")
    assert ("full_time", "专职社工网格员") in offered
    assert "police_assistant" not in [code for code, _ in offered]
    assert len(offered) == 7


def test_bad_label_shows_beside_its_box_and_stores_nothing(qtbot, db, world):  # noqa: F811
    tab = _tab(qtbot, db)
    seen: dict[str, str] = {}

    def fill(dialog):
        dialog.edits["mediator"].setText("网格长")
        dialog.edits["building_leader"].setText("楼长")
        assert not dialog.save()
        problem = dialog.problems["mediator"]
        seen["mediator"] = problem.text()
        seen["visible"] = str(problem.isVisible())
        seen["other"] = dialog.problems["building_leader"].text()
        seen["focus"] = dialog.focusWidget().objectName() if dialog.focusWidget() else ""
        # Esc cancels.
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        seen["result"] = str(dialog.result())

    with grid_dialogs.driven(fill):
        assert not tab.edit_role_labels()
    assert seen["mediator"] == "岗位名称“网格长”与另一个岗位重复"
    assert seen["visible"] == "True"
    assert seen["other"] == ""
    assert seen["focus"] == "roleLabels_mediator"
    assert seen["result"] == str(QDialog.DialogCode.Rejected.value)
    assert grid_staff.role_labels(db)["building_leader"] == "楼栋长"
    assert db.meta("grid.role_labels") is None


def test_enter_saves(qtbot, db, world):  # noqa: F811
    tab = _tab(qtbot, db)

    def fill(dialog):
        edit = dialog.edits["safety_steward"]
        edit.setFocus()
        edit.setText("平安员")
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    with grid_dialogs.driven(fill):
        assert tab.edit_role_labels()
    assert grid_staff.role_labels(db)["safety_steward"] == "平安员"


def test_only_the_administrator_has_the_dialog(qtbot, db, world):  # noqa: F811
    tab = _tab(qtbot, db, Role.GRID)
    assert tab.roles_action is None
    assert not tab.edit_role_labels()


def test_f2_renames_and_del_retires_the_chosen_grid(qtbot, db, world):  # noqa: F811
    tab = _tab(qtbot, db)
    assert tab.select_grid(world["second"])
    with qtbot.waitActive(tab):
        tab.activateWindow()
    tab.tree.setFocus()
    assert tab.tree.hasFocus()
    opened: list[str] = []

    def look(dialog):
        opened.append(dialog.objectName())
        dialog.reject()

    with grid_dialogs.driven(look):
        qtbot.keyClick(tab.tree, Qt.Key.Key_F2)
        qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert opened == ["renameGridDialog", "retireGridDialog"]
