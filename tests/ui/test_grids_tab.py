"""The 网格管理 tab: counts in the tree, assignment by dialog and by drag and drop, undo, roles."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton, QTableView, QTableWidget, QTreeView

from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_staff, grids, places, registry
from govdesk.ui.grids import grid_dialogs
from govdesk.ui.grids.tree_model import PLACE_MIME, UNASSIGNED, decode_places
from govdesk.ui.grids.view import GridsTab
from govdesk.ui.main_window import MainWindow
from tests.services.grid_world import ADDRESSES, linked_world, make_households

D1 = dt.date(2026, 1, 1)


# care categories count from the day they were set: today
def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


PHONE = "13812345678"


@pytest.fixture
def world(db):
    """Grids 第一网格 (with sub-grid 一号片) and 第二网格; 幸福里3号楼 in 一号片, 和平家园1号楼
    in 第二网格 since D1; 幸福里12号楼, the two village houses and 建设路5号 in no grid."""
    places = linked_world(db)
    with db.session() as s:
        first = grids.create_grid(s, name="第一网格", area="幸福里小区")
        sub = grids.create_grid(s, name="一号片", parent_id=first.id)
        second = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["幸福里小区3号楼"]], grid_id=sub.id, on=D1)
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=second.id, on=D1)
        worker = grid_staff.add_staff(s, name="王网格", phone=PHONE)
        grid_staff.add_post(s, staff_id=worker.id, grid_id=sub.id, role="full_time", start_on=D1)
        grid_staff.add_post(s, staff_id=worker.id, grid_id=second.id, role="part_time", start_on=D1)
        leader = grid_staff.add_staff(s, name="赵组长", phone="13900001111")
        grid_staff.add_post(
            s, staff_id=leader.id, grid_id=first.id, role="grid_leader", start_on=D1
        )
        # One resident of 幸福里3号楼 lives alone and is visited (独居/空巢老人 is not sensitive).
        someone = registry.find_household(s, household_number="H0001")
        head = registry.household_head(s, household_id=someone.id)
        registry.set_care_categories(s, person_id=head.id, category_codes=["elderly_alone"])
    ids = {"first": first.id, "sub": sub.id, "second": second.id}
    return {"places": places, "grids": ids}


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


def _line(tab: GridsTab, name: str) -> dict[str, str]:
    """The cells of the tree line called `name`, by heading."""
    model = tab.tree_model
    for row in model.rows():
        if row.name == name:
            headings = [
                model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())
            ]
            return {h: model.data(model.index_of(row, i)) for i, h in enumerate(headings)}
    raise AssertionError(f"no line {name!r}")


def _choose(tab: GridsTab, name: str) -> None:
    row = next(r for r in tab.tree_model.rows() if r.name == name)
    tab.tree.setCurrentIndex(tab.tree_model.index_of(row))


def _places(tab: GridsTab) -> list[str]:
    return [p.name for p in tab.places_model.place_rows()]


def test_the_tree_shows_the_community_grids_sub_grids_and_the_unassigned_bucket(qtbot, db, world):
    tab = _tab(qtbot, db)
    tree = tab.findChild(QTreeView, "gridTree")
    assert tree is tab.tree
    model = tab.tree_model
    headings = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(6)]
    assert headings == ["网格", "编码", "户数", "人数", "重点关爱", "网格员"]
    community = model.community()
    assert community is not None and community.name == "幸福社区居民委员会"
    assert [r.name for r in community.children] == ["第一网格", "第二网格", "未划分"]
    assert [r.name for r in community.children[0].children] == ["一号片"]
    # 7 households of 2 residents: 2 in 一号片 (rolled up into 第一网格), 1 in 第二网格.
    assert _line(tab, "第一网格") == {
        "网格": "第一网格",
        "编码": "11010500100101",
        "户数": "2",
        "人数": "4",
        "重点关爱": "1",
        "网格员": "2",
    }
    assert _line(tab, "一号片")["编码"] == "1101050010010101"
    assert _line(tab, "第二网格")["户数"] == "1"
    assert _line(tab, "第二网格")["网格员"] == "1"
    # 幸福里12号楼, two village houses and 建设路5号 (no building in its address).
    assert _line(tab, "未划分")["户数"] == "4"
    assert _line(tab, "未划分")["人数"] == "8"
    assert _line(tab, "幸福社区居民委员会")["户数"] == "7"
    assert tab.title() == "网格管理 (未划分 4)"
    assert tree.isExpanded(model.index_of(community.children[0]))


def test_a_grid_lists_its_places_and_its_staff_with_masked_phones(qtbot, db, world):
    tab = _tab(qtbot, db)
    _choose(tab, "一号片")
    assert tab.findChild(QTableView, "gridPlaces") is tab.places
    assert _places(tab) == ["幸福里小区3号楼"]
    assert tab.places_model.data(tab.places_model.index(0, 1)) == "楼栋"
    assert tab.places_model.data(tab.places_model.index(0, 2)) == "2"
    staff = tab.findChild(QTableWidget, "gridStaff")
    cells = [[staff.item(r, c).text() for c in range(4)] for r in range(staff.rowCount())]
    assert cells == [["王网格", "专职网格员", "138****5678", "2026-01-01"]]
    assert tab.places_title.text() == "一号片 的楼栋和房屋：1 处"

    _choose(tab, "未划分")
    assert _places(tab) == [
        "前进村第一村民小组12号",
        "前进村第一村民小组15号",
        "幸福里小区12号楼",
    ]
    # 建设路5号 names no building: its household is counted but has no place to assign.
    assert tab.places_title.text() == (
        "未划分的楼栋和房屋：3 处；另有 1 户的地址对应不到楼栋或门牌号"
    )
    assert staff.isHidden()


def test_assigning_through_the_dialog_recounts_and_undo_restores(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_unassigned()
    building = world["places"]["幸福里小区12号楼"]
    tab.select_places([building])
    button = tab.findChild(QPushButton, "gridsAssignButton")
    assert button.isEnabled()

    seen = {}

    def choose_second(dialog):
        seen["places"] = dialog.findChild(type(dialog.error), "assignPlacesPlaces").text()
        box = dialog.grid_box
        box.setCurrentIndex(box.findData(world["grids"]["second"]))
        assert dialog.save()

    with grid_dialogs.driven(choose_second):
        assert tab.assign_selected()
    assert seen["places"] == "幸福里小区12号楼"
    assert _line(tab, "第二网格")["户数"] == "2"
    assert _line(tab, "未划分")["户数"] == "3"
    assert tab.title() == "网格管理 (未划分 3)"
    assert tab.undo_stack.count() == 1
    assert tab.undo_stack.undoText() == "划入网格 第二网格（1处）"
    with db.session() as s:
        assert grids.grid_of_place(s, building, _today()).id == world["grids"]["second"]

    tab.undo_stack.undo()
    assert _line(tab, "第二网格")["户数"] == "1"
    assert _line(tab, "未划分")["户数"] == "4"
    with db.session() as s:
        assert grids.grid_of_place(s, building, _today()) is None
    tab.undo_stack.redo()
    assert _line(tab, "第二网格")["户数"] == "2"


def _drag(tab: GridsTab, place_ids: list[str]) -> QMimeData:
    """What the places list hands to a drag of these rows."""
    tab.select_places(place_ids)
    indexes = tab.places.selectionModel().selectedIndexes()
    data = tab.places_model.mimeData(indexes)
    assert sorted(decode_places(data)) == sorted(place_ids)
    return data


def test_dropping_a_place_onto_another_grid_moves_it_and_the_window_undoes_it(
    shell, qtbot, db, world
):
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    assert window.show_tab("grids")
    tab = window.findChild(GridsTab, "gridsTab")
    tab.set_today(_today())
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.currentIndex()) == tab.title())
    assert window.tabs.tabText(window.tabs.currentIndex()) == "网格管理 (未划分 4)"

    _choose(tab, "一号片")
    data = _drag(tab, [world["places"]["幸福里小区3号楼"]])
    model = tab.tree_model
    target = model.find_grid(world["grids"]["second"])
    assert model.flags(target) & Qt.ItemFlag.ItemIsDropEnabled
    # Between two lines is not a grid: refused.
    assert not model.canDropMimeData(data, Qt.DropAction.CopyAction, 0, 0, target)
    assert model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    qtbot.waitUntil(lambda: tab.undo_stack.count() == 1)
    assert _line(tab, "第二网格")["户数"] == "3"
    assert _line(tab, "一号片")["户数"] == "0"
    assert _line(tab, "第一网格")["户数"] == "0"
    assert tab.current_row().name == "一号片"  # the chosen line stays chosen

    undo = window.findChild(QAction, "undoAction")
    assert undo.isEnabled()
    undo.trigger()
    assert _line(tab, "第二网格")["户数"] == "1"
    assert _line(tab, "一号片")["户数"] == "2"
    window.findChild(QAction, "redoAction").trigger()
    assert _line(tab, "一号片")["户数"] == "0"
    window.close()


def test_a_drop_onto_the_bucket_or_the_community_is_refused(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_unassigned()
    data = _drag(tab, [world["places"]["幸福里小区12号楼"]])
    model = tab.tree_model
    for index in (model.find_kind(UNASSIGNED), model.index_of(model.community())):
        assert not model.flags(index) & Qt.ItemFlag.ItemIsDropEnabled
        assert not model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, index)
    empty = QMimeData()
    empty.setData("text/plain", b"x")
    assert not model.dropMimeData(
        empty, Qt.DropAction.CopyAction, -1, -1, model.find_grid(world["grids"]["first"])
    )
    assert model.mimeTypes() == [PLACE_MIME]
    assert tab.undo_stack.count() == 0


def test_create_rename_split_merge_and_retire_through_their_dialogs(qtbot, db, world):
    tab = _tab(qtbot, db)
    names = {
        a.objectName()
        for a in tab.findChildren(QAction)
        if a.objectName().startswith("gridsAction_")
    }
    assert names == {f"gridsAction_{k}" for k in ("create", "rename", "split", "merge", "retire")}

    def create(dialog):
        dialog.name_edit.setText("第三网格")
        dialog.area_edit.setPlainText("前进村")
        assert dialog.save()

    tab.tree.setCurrentIndex(tab.tree_model.index_of(tab.tree_model.community()))
    with grid_dialogs.driven(create):
        assert tab.run_action("create")
    assert _line(tab, "第三网格")["编码"] == "11010500100103"
    assert tab.current_row().name == "第三网格"

    def rename(dialog):
        assert dialog.name_edit.text() == "第三网格"
        dialog.name_edit.setText("前进村网格")
        assert dialog.save()

    with grid_dialogs.driven(rename):
        assert tab.run_action("rename")
    assert _line(tab, "前进村网格")["编码"] == "11010500100103"

    # Split 第二网格: its one building goes to a new sibling.
    assert tab.select_grid(world["grids"]["second"])

    def split(dialog):
        dialog.name_edit.setText("第四网格")
        dialog.places_list.item(0).setCheckState(Qt.CheckState.Checked)
        assert dialog.save()

    with grid_dialogs.driven(split):
        assert tab.run_action("split")
    assert _line(tab, "第四网格")["户数"] == "1"
    assert _line(tab, "第二网格")["户数"] == "0"

    # Merge 第四网格 into 前进村网格, then retire the empty 第二网格 with its staff moved.
    def merge(dialog):
        box = dialog.target_box
        box.setCurrentIndex(box.findText("前进村网格", Qt.MatchFlag.MatchContains))
        assert dialog.save()

    assert tab.current_row().name == "第四网格"
    with grid_dialogs.driven(merge):
        assert tab.run_action("merge")
    assert "第四网格" not in [r.name for r in tab.tree_model.rows()]
    assert _line(tab, "前进村网格")["户数"] == "1"

    assert tab.select_grid(world["grids"]["second"])
    refusal = {}

    def retire_without_moving(dialog):
        assert not dialog.save()  # the worker's post is still there
        refusal["text"] = dialog.error.text()

    with grid_dialogs.driven(retire_without_moving):
        assert not tab.run_action("retire")
    assert "第二网格" in refusal["text"]

    def retire(dialog):
        box = dialog.move_box
        box.setCurrentIndex(box.findText("前进村网格", Qt.MatchFlag.MatchContains))
        assert dialog.save()

    with grid_dialogs.driven(retire):
        assert tab.run_action("retire")
    assert "第二网格" not in [r.name for r in tab.tree_model.rows()]
    assert _line(tab, "前进村网格")["网格员"] == "1"
    tab.show_retired.setChecked(True)
    retired = _line(tab, "第二网格")
    assert (retired["网格"], retired["户数"]) == ("第二网格（已撤销）", "0")
    index = tab.tree_model.find_grid(world["grids"]["second"])
    assert not tab.tree_model.flags(index) & Qt.ItemFlag.ItemIsDropEnabled


def test_a_past_day_shows_that_days_grids_and_takes_no_changes(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.date_edit.setDate(D1 - dt.timedelta(days=1))
    assert _line(tab, "第一网格")["户数"] == "0"
    assert _line(tab, "未划分")["户数"] == "7"
    assert not tab.tree_model.accept_drops
    assert not tab.edit_actions["create"].isEnabled()
    assert "只能在今天" in tab.hint.text()
    tab.date_edit.setDate(_today())
    assert _line(tab, "第一网格")["户数"] == "2"
    assert tab.edit_actions["create"].isEnabled()


def test_a_viewer_sees_the_counts_but_no_edit_actions_and_no_care_column(qtbot, db, world):
    tab = _tab(qtbot, db, Role.VIEWER)
    assert not [a for a in tab.findChildren(QAction) if a.objectName().startswith("gridsAction_")]
    assert not tab.assign_button.isVisible()
    model = tab.tree_model
    headings = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headings == ["网格", "编码", "户数", "人数", "网格员"]
    assert _line(tab, "第一网格")["户数"] == "2"
    target = model.find_grid(world["grids"]["second"])
    assert not model.flags(target) & Qt.ItemFlag.ItemIsDropEnabled
    tab.select_unassigned()
    tab.select_places([world["places"]["幸福里小区12号楼"]])
    data = tab.places_model.mimeData(tab.places.selectionModel().selectedIndexes())
    assert not model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    assert not tab.assign_selected()
    assert not tab.run_action("create")
    assert tab.undo_stack.count() == 0
    _choose(tab, "一号片")
    assert tab.staff.item(0, 2).text() == "138****5678"


def test_a_grid_worker_sees_care_counts_and_may_edit(qtbot, db, world):
    tab = _tab(qtbot, db, Role.GRID)
    assert _line(tab, "一号片")["重点关爱"] == "1"
    assert "create" in tab.edit_actions
    QApplication.processEvents()


def _send_drop(tree: QTreeView, data: QMimeData, index) -> bool:
    """Drag enter, move and drop events over the middle of `index`, as the mouse sends them;
    True when the view accepted the drop."""
    viewport = tree.viewport()
    point = QPointF(tree.visualRect(index).center())
    buttons, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point.toPoint(), action, data, buttons, none)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(point.toPoint(), action, data, buttons, none)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(point, action, data, buttons, none)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_drop_events_on_the_tree_view_assign_the_dragged_places(qtbot, db, world):
    tab = _tab(qtbot, db)
    tab.select_unassigned()
    building = world["places"]["幸福里小区12号楼"]
    data = _drag(tab, [building])
    unassigned = tab.tree_model.find_kind(UNASSIGNED)
    assert not _send_drop(tab.tree, data, unassigned)  # not onto the bucket itself
    target = tab.tree_model.find_grid(world["grids"]["first"])
    assert _send_drop(tab.tree, data, target)
    qtbot.waitUntil(lambda: tab.undo_stack.count() == 1)
    assert _line(tab, "第一网格")["户数"] == "3"
    assert _line(tab, "未划分")["户数"] == "3"
    assert tab.title() == "网格管理 (未划分 3)"
    with db.session() as s:
        assert grids.grid_of_place(s, building, _today()).id == world["grids"]["first"]
    tab.undo_stack.undo()
    assert _line(tab, "未划分")["户数"] == "4"


def test_coming_back_to_the_tab_counts_households_registered_meanwhile(qtbot, db, world):
    tab = _tab(qtbot, db)
    assert _line(tab, "第二网格")["户数"] == "1"
    tab.hide()
    with db.session() as s:
        address = "和平家园1号楼2单元301室"
        hh = registry.create_household(s, household_number="H0100", address=address)
        for n, relation in enumerate(("head", "spouse", "son")):
            data = {"name": f"新居民{n}", "relation_to_head": relation, "current_address": address}
            registry.create_person(s, data=data, household_id=hh.id)
        places.link_households(s)
    assert _line(tab, "第二网格")["户数"] == "1"
    tab.show()
    assert _line(tab, "第二网格")["户数"] == "2"
    assert _line(tab, "第二网格")["人数"] == "5"


def test_the_title_counts_empty_buildings_once_every_household_has_a_grid(qtbot, db):
    make_households(db, ADDRESSES[:-1])  # every address names a building or house
    with db.session() as s:
        places.link_households(s)
        homes = [p.id for p in places.places(s) if p.kind != "compound"]
        for compound in places.places(s, kind="compound"):
            homes += [p.id for p in places.places(s, compound.id)]
        grid = grids.create_grid(s, name="第一网格")
        grids.assign_places(s, place_ids=homes, grid_id=grid.id, on=D1)
    tab = _tab(qtbot, db)
    assert _line(tab, "未划分")["户数"] == "0"
    assert tab.title() == "网格管理"
    with db.session() as s:
        compound = places.find_place(s, "幸福里小区")
        places.add_place(s, kind="building", name="9号楼", parent_id=compound.id)
    tab.reload()
    assert _line(tab, "未划分")["户数"] == "0"
    assert tab.title() == "网格管理 (未划分 1 处)"
    tab.select_unassigned()
    assert _places(tab) == ["幸福里小区9号楼"]


def test_a_narrow_window_still_shows_whole_grid_names(qtbot, db, world):
    with db.session() as s:
        grids.create_grid(
            s, name="幸福里小区东片第三综合治理网格", parent_id=world["grids"]["first"]
        )
    tab = GridsTab(db)
    qtbot.addWidget(tab)
    tab.set_today(_today())
    tab.resize(1100, 600)
    tab.show()
    qtbot.waitExposed(tab)

    def fitted() -> bool:
        # Whole names, or as much as the pages on the right can give (a larger font left
        # by an earlier test may need more than a 1,100 px tab has).
        right = tab.splitter.sizes()[1]
        whole = tab.tree.header().sectionSize(0) >= tab.name_width()
        return whole or right <= tab.pages.minimumSizeHint().width()

    qtbot.waitUntil(fitted)
    index = tab.tree_model.find_grid(world["grids"]["first"])
    tip = tab.tree_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("第一网格（110105001001")


def test_an_empty_follow_up_list_keeps_readable_columns(qtbot, db, world):
    from govdesk.ui.grids.visits_view import FOLLOW_UP_SAMPLES

    tab = _tab(qtbot, db)
    tab.pages.setCurrentWidget(tab.visits_panel)
    table = tab.visits_panel.follow_table
    qtbot.waitUntil(lambda: table.isVisible())
    assert table.rowCount() == 0
    fm = table.fontMetrics()
    address = table.horizontalHeader().sectionSize(1)
    assert address >= fm.horizontalAdvance(FOLLOW_UP_SAMPLES[1])
