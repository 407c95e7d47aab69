"""The township window: its own tabs instead of the office's, each over several offices' rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget
from python_calamine import CalamineWorkbook
from sqlalchemy import text

from govdesk.domain.permissions import Actor, Role
from govdesk.services import township_duplicates as dups
from govdesk.store.database import Database
from govdesk.ui import dialog_driver
from govdesk.ui.main_window import MainWindow
from govdesk.ui.township.duplicates import SettleDialog
from tests.services.township_world import A_CODE, B_CODE, SHARED_ID, open_world


@pytest.fixture
def world(tmp_path: Path):
    w, db = open_world(tmp_path / "township.db")
    yield w, db
    db.close()


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    return window


def test_a_township_database_shows_the_township_tabs(shell, qtbot, world):
    _, db = world
    window = _window(qtbot, db)
    assert window.tab_keys() == [
        "township_offices",
        "township_residents",
        "township_grids",
        "township_cases",
        "township_hours",
        "township_duplicates",
        "township_figures",
        "township_reference",
    ]
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "各单位",
        "各社区居民",
        "网格",
        "调解案件",
        "志愿时长",
        "跨社区重复登记",
        "统计报表",
        "下发参考数据",
    ]
    offices = tabs.widget(0)
    assert offices.objectName() == "townshipOfficesTab"
    assert offices.offices_model.column("单位代码") == [A_CODE, B_CODE]
    assert offices.offices_model.column("在册居民") == ["3", "2"]
    assert offices.log_model.column("结果") == ["已拒绝", "已导入"]
    assert offices.conflict_label.text() == "待处理冲突：0 条"
    assert not offices.conflict_button.isEnabled()


def test_a_role_sees_only_its_township_tabs(shell, qtbot, world):
    _, db = world
    db.actor = Actor("vol", Role.VOLUNTEERS)
    window = _window(qtbot, db)
    assert "township_cases" not in window.tab_keys()
    assert "township_grids" not in window.tab_keys()
    assert "township_hours" in window.tab_keys()


def test_residents_tab_filters_by_office_and_searches(shell, qtbot, world):
    w, db = world
    window = _window(qtbot, db)
    window.show_tab("township_residents")
    tab = window.tabs.currentWidget()
    model = tab.model
    assert model.rowCount() == 5
    assert model.headerData(0, Qt.Orientation.Horizontal) == "所属单位"
    tab.offices.choose(w.b)
    assert model.rowCount() == 2
    offices = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert offices == {"和平村村民委员会"}
    assert tab.count_label.text() == "在册 2 人"
    ids = [model.data(model.index(r, model.columns.index("id_number"))) for r in range(2)]
    assert all("*" in i for i in ids)
    tab.offices.choose(None)
    tab.search.setText("王")
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    names = {model.data(model.index(r, model.columns.index("name"))) for r in range(2)}
    assert names == {"王芳"}


def test_grids_cases_and_hours_tabs(shell, qtbot, world):
    w, db = world
    window = _window(qtbot, db)
    window.show_tab("township_grids")
    grids = window.tabs.currentWidget()
    assert grids.model.column("网格名称") == ["第一网格", "　1号楼", "一组网格"]
    grids.offices.choose(w.b)
    assert grids.model.column("所属单位") == ["和平村村民委员会"]
    window.show_tab("township_cases")
    cases = window.tabs.currentWidget()
    assert len(cases.model.rows) == 4
    assert cases.summary.text() == "案件 4 件"
    cases.offices.choose(w.a)
    assert cases.model.column("状态") == ["调解中", "调解不成", "调解成功"]
    window.show_tab("township_hours")
    hours = window.tabs.currentWidget()
    assert hours.model.column("确认时长（小时）") == ["3.0", "1.5"]
    assert hours.summary.text() == "志愿者 2 人，确认服务时长 4.5 小时"


def test_settling_a_duplicate_through_its_dialog(shell, qtbot, world):
    _, db = world
    window = _window(qtbot, db)
    window.show_tab("township_duplicates")
    tab = window.tabs.currentWidget()
    assert tab.summary.text() == "同一身份证号在两个单位同时在册：1 人，其中待处理 1 人"
    shown = tab.model.column("公民身份号码")
    assert shown == [dups.duplicates(db)[0].shown_id] and SHARED_ID not in shown

    def fill(dialog: SettleDialog) -> None:
        dialog.keep.setCurrentIndex(dialog.keep.findData(B_CODE))
        dialog.note.setPlainText("已迁入和平村，请幸福社区办理迁出")
        dialog.save()

    with dialog_driver.driven(fill):
        tab.settle_selected()
    assert tab.model.column("处理结果") == ["保留：和平村村民委员会"]
    assert tab.model.column("处理意见") == ["已迁入和平村，请幸福社区办理迁出"]
    assert tab.summary.text().endswith("其中待处理 0 人")
    (found,) = dups.duplicates(db)
    assert found.keep_office == B_CODE


def test_revealing_a_duplicates_number_is_audited(shell, qtbot, world):
    _, db = world
    window = _window(qtbot, db)
    window.show_tab("township_duplicates")
    tab = window.tabs.currentWidget()
    assert not tab.reveal_button.isHidden()
    assert tab.reveal_selected() == SHARED_ID
    assert tab.model.column("公民身份号码") == [SHARED_ID]
    with db.connect() as conn:
        fields = (
            conn.execute(text("SELECT detail FROM audit_log WHERE action = 'reveal'"))
            .scalars()
            .all()
        )
    assert fields == ['{"field": "id_number"}']
    tab.refresh()
    assert "*" in tab.model.column("公民身份号码")[0]
    db.actor = Actor("vol", Role.VOLUNTEERS)  # may not reveal: no button at all
    window2 = _window(qtbot, db)
    window2.show_tab("township_duplicates")
    assert window2.tabs.currentWidget().reveal_button.isHidden()


def test_the_settle_dialog_keeps_its_error_and_stays_open(shell, qtbot, world):
    _, db = world
    (found,) = dups.duplicates(db)
    dialog = SettleDialog(db, found)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # neither an office nor a note
    assert dialog.isVisible() and dialog.error is not None
    assert "请选择保留登记的单位" in str(dialog.error)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cross_office_review")).scalar() == 0


def test_figures_tab_shows_totals_and_exports_the_workbook(shell, qtbot, world, tmp_path):
    _, db = world
    window = _window(qtbot, db)
    tab = window.tabs.widget(window.tab_keys().index("township_figures"))
    assert tab.stale  # counted when first shown, not when the window is built
    window.show_tab("township_figures")
    window.show()
    qtbot.waitUntil(lambda: not tab.stale)
    tab.year.setCurrentIndex(tab.year.findData(2026))
    types = tab.models["人员类型"]
    assert types.column("单位") == ["幸福社区居民委员会", "和平村村民委员会", "合计"]
    assert types.column("合计") == ["3", "2", "5"]
    mediation = tab.models["人民调解"]
    assert mediation.column("调处率") == ["66.7%", "100.0%", "75.0%"]
    out = tmp_path / "figures.xlsx"
    tab.export_to(out)
    qtbot.waitUntil(lambda: tab.last_export == out, timeout=10_000)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["人员类型", "关爱对象", "人民调解", "志愿服务时长"]


def test_open_conflicts_are_counted_on_the_offices_tab(shell, qtbot, world):
    w, db = world
    with db.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO record_conflict (table_name, record_id, office_id, instance, version, "
                "updated_at, row, history, source, found_at, resolved_by) VALUES ('resident', "
                "(SELECT id FROM resident WHERE office_id = :a LIMIT 1), :a, 'laptop', 7, '', "
                "'{}', '[]', 'x.gdx', '2026-11-27 00:00:00', '')"
            ),
            {"a": w.a},
        )
    window = _window(qtbot, db)
    tab = window.tabs.widget(0)
    assert "待处理冲突：1 条" in tab.conflict_label.text()
    assert not tab.conflict_button.isHidden()
    db.actor = Actor("viewer", Role.VIEWER)  # may see the count, not merge
    viewer_tab = _window(qtbot, db).tabs.widget(0)
    assert "待处理冲突：1 条" in viewer_tab.conflict_label.text()
    assert viewer_tab.conflict_button.isHidden()


def test_the_demo_conflict_opens_in_the_exchange_conflicts_dialog(shell, qtbot, tmp_path):
    from govdesk.exchange.demo_township import make_township_demo

    made = make_township_demo(tmp_path / "township.db", 1, residents=20, seed=5)
    db = Database.open(made.path)
    db.actor = Actor("admin", Role.ADMIN)
    try:
        window = _window(qtbot, db)
        tab = window.tabs.widget(0)
        assert "待处理冲突：1 条" in tab.conflict_label.text()
        assert tab.conflict_button.isEnabled()
        seen: list[int] = []

        def look(dialog) -> None:  # noqa: ANN001 - the exchange menu's ConflictsDialog
            assert dialog.objectName() == "conflictsDialog"
            seen.append(dialog.list.rowCount())
            dialog.reject()

        with dialog_driver.driven(look):
            tab.conflict_button.click()
        assert seen == [1]
        assert "待处理冲突：1 条" in tab.conflict_label.text()  # nothing merged
    finally:
        db.close()
