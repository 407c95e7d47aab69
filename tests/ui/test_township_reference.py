"""下发参考数据: the township edits its care categories and the settings it sends down."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from govdesk.domain import grids as grid_rules
from govdesk.domain.permissions import Actor, Role
from govdesk.services import care_categories as cats
from govdesk.services import grid_codes, grid_staff, mediation, office_settings
from govdesk.store.database import Database
from govdesk.ui import dialog_driver
from govdesk.ui.main_window import MainWindow
from govdesk.ui.township.reference import CategoryDialog, TownshipReferenceTab
from tests.ui.exchange_helpers import make_township

ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def township(tmp_path: Path) -> Database:
    db = make_township(tmp_path / "township.db")
    yield db
    db.close()


def _tab(qtbot, db: Database) -> TownshipReferenceTab:
    tab = TownshipReferenceTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def _select(tab: TownshipReferenceTab, code: str) -> None:
    tab.table.selectRow(tab.model.keys.index(code))


def test_the_window_shows_the_tab_to_the_administrator_only(shell, qtbot, township):
    window = MainWindow(township, remember=False)
    qtbot.addWidget(window)
    assert window.tab_keys()[-1] == "township_reference"
    assert window.tabs.tabText(window.tabs.count() - 1) == "下发参考数据"
    assert window.tabs.widget(window.tabs.count() - 1).objectName() == "townshipReferenceTab"
    township.actor = Actor("viewer", Role.VIEWER)
    other = MainWindow(township, remember=False)
    qtbot.addWidget(other)
    assert "township_reference" not in other.tab_keys()


def test_the_list_is_the_townships_own_in_order(qtbot, township):
    tab = _tab(qtbot, township)
    assert tab.model.column("代码")[:2] == ["subsistence", "extreme_poverty"]
    assert tab.model.column("名称")[0] == "低保户"
    assert tab.model.column("敏感").count("✓") == 4
    assert "下发数据包" in tab.findChild(QWidget, "townshipReferenceIntro").text()
    assert not tab.up_button.isEnabled() and tab.down_button.isEnabled()


def test_f2_opens_the_edit_dialog_and_saves_names(qtbot, township):
    tab = _tab(qtbot, township)
    _select(tab, "subsistence")
    seen: list[str] = []

    def fill(dialog):
        assert isinstance(dialog, CategoryDialog)
        seen.append(dialog.windowTitle())
        assert dialog.name_zh.text() == "低保户"
        dialog.name_zh.setText("")
        assert not dialog.save()  # the service's message stays in the dialog
        seen.append(dialog.error.text())
        dialog.name_zh.setText("最低生活保障对象")
        dialog.name_en.setText("Minimum living allowance")
        assert dialog.save()

    with dialog_driver.driven(fill):
        tab.table.setFocus()
        qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    assert seen == ["修改关爱类别", "类别名称不能为空"]
    assert tab.model.column("名称")[0] == "最低生活保障对象"
    assert tab.model.column("英文名称")[0] == "Minimum living allowance"
    assert cats.categories(township)[0].name_zh == "最低生活保障对象"
    assert tab.selected().code == "subsistence"


def test_double_click_edits_and_cancel_changes_nothing(qtbot, township):
    tab = _tab(qtbot, township)
    _select(tab, "veteran")
    opened: list[str] = []

    def cancel(dialog):
        opened.append(dialog.category.code)
        dialog.name_zh.setText("改了又取消")
        dialog.reject()

    with dialog_driver.driven(cancel):
        index = tab.model.index(tab.model.keys.index("veteran"), 2)
        tab.table.doubleClicked.emit(index)
    assert opened == ["veteran"]
    assert "改了又取消" not in tab.model.column("名称")


def test_add_a_category(qtbot, township):
    tab = _tab(qtbot, township)

    def fill(dialog):
        assert dialog.windowTitle() == "新增关爱类别"
        dialog.code.setText("Flood")
        dialog.name_zh.setText("受灾群众")
        assert not dialog.save()
        assert "类别代码“Flood”不可用" in dialog.error.text()
        dialog.code.setText("flood_victim")
        dialog.name_en.setText("Flood victim")
        assert dialog.save()

    with dialog_driver.driven(fill):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.column("代码")[-1] == "flood_victim"
    assert tab.model.column("名称")[-1] == "受灾群众"
    assert tab.selected().code == "flood_victim"
    assert cats.categories(township)[-1] == cats.Category(
        "flood_victim", "受灾群众", "Flood victim", False, True, 10
    )


def test_move_up_and_down_and_switch_off(qtbot, township):
    tab = _tab(qtbot, township)
    _select(tab, "veteran")
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert tab.model.column("代码")[4:6] == ["veteran", "left_behind_child"]
    assert tab.selected().code == "veteran"
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.column("代码")[4:6] == ["left_behind_child", "veteran"]
    assert tab.active_box.isChecked()
    qtbot.mouseClick(tab.active_box, Qt.MouseButton.LeftButton)
    assert not [c for c in cats.categories(township) if c.code == "veteran"][0].active
    assert tab.model.column("启用")[5] == ""
    assert not tab.active_box.isChecked()


def test_settings_buttons_open_the_office_dialogs_on_a_township_database(qtbot, township):
    tab = _tab(qtbot, township)
    assert "未设置，不下发" in tab.settings_label.text()

    def width(dialog):
        dialog.width_box.setCurrentIndex(grid_rules.NUMBER_WIDTHS.index(3))
        assert dialog.save()

    with dialog_driver.driven(width):
        assert tab.open_numbering()
    assert grid_codes.number_width(township) == 3

    def roles(dialog):
        dialog.edits["grid_leader"].setText("片区长")
        assert dialog.save()

    with dialog_driver.driven(roles):
        assert tab.open_roles()
    assert grid_staff.role_settings(township).label("grid_leader") == "片区长"

    def months(dialog):
        # The case-number prefix is the township's own and not sent: hidden here.
        assert dialog.prefix.isHidden()
        assert dialog.windowTitle() == "调解期限设置"
        dialog.months.setValue(2)
        assert dialog.save()

    with dialog_driver.driven(months):
        assert tab.open_months()
    assert mediation.handling_months(township) == 2
    for key in (
        grid_rules.NUMBER_WIDTH_KEY,
        grid_rules.ROLE_LABELS_KEY,
        mediation.HANDLING_MONTHS_KEY,
    ):
        assert office_settings.stored(township, key) is not None
    text = tab.settings_label.text()
    assert "网格编号位数：3 位" in text and "片区长" in text and "调解期限：2 个月" in text
    assert "未设置" not in text


def test_a_role_without_settings_gets_no_editing(qtbot, township):
    township.actor = Actor("clerk", Role.CLERK)
    tab = _tab(qtbot, township)
    assert tab.add_button.isHidden() and tab.numbering_button.isHidden()
    assert "drug_user" not in tab.model.column("代码")
    _select(tab, "veteran")
    with dialog_driver.driven(lambda d: pytest.fail("no dialog for a clerk")):
        tab.edit_selected()
        tab.add()
        assert not tab.open_months()
