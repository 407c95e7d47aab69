"""A change made in one tab reaches the figures another tab shows: the grid tab's 未划分."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from govdesk.services import registry
from govdesk.ui.main_window import MainWindow
from tests.ui.test_household_edit import _world


def _tab_text(window: MainWindow, key: str) -> str:
    return window.tabs.tabText(window.tab_keys().index(key))


def test_a_household_moved_in_the_register_shows_in_the_grid_tab_title(qtbot, db):
    ids = _world(db)  # both buildings in a grid: nothing unassigned
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    window.show()
    assert window.show_tab("residents")
    assert _tab_text(window, "grids") == "网格管理"
    residents = window.findChild(QWidget, "residentsTab")
    assert residents is not None
    # The household moves to an address that names a building in no grid; the grid tab
    # has never been shown.
    with db.session() as s:
        registry.update_household(
            s, household_id=ids["H100"], changes={"address": "建设路5号院2号楼1单元101室"}
        )
    residents.data_changed()
    qtbot.waitUntil(lambda: _tab_text(window, "grids") == "网格管理 (未划分 1)", timeout=3000)
    window.show_tab("grids")
    grids_tab = window.findChild(QWidget, "gridsTab")
    assert grids_tab.tree_model.unassigned().households == 1
