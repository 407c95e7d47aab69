"""The audit log viewer: the menu entry only for administrators, entries, filters, export, check."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox
from python_calamine import CalamineWorkbook

from govdesk.domain.audit import AuditAction
from govdesk.domain.permissions import Actor, Permission, Role
from govdesk.services import registry
from govdesk.store.database import Database
from govdesk.ui import audit_viewer, settings
from govdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path):
    settings.use_settings_folder(tmp_path / "settings")


def fill(db: Database) -> str:
    db.audit(AuditAction.LOGIN)
    with db.session() as s:
        person = registry.create_person(s, data={"name": "张三", "phone": "13800138000"}).person
    with db.session() as s:
        registry.update_person(s, person_id=person.id, changes={"name": "张珊"})
    db.actor = Actor("clerk", Role.CLERK)
    db.audit(AuditAction.LOGIN)
    db.audit(
        AuditAction.REVEAL, record_type="resident", record_id=person.id, detail={"field": "phone"}
    )
    db.actor = Actor("admin", Role.ADMIN)
    return person.id


def open_viewer(qtbot, db: Database) -> audit_viewer.AuditLogDialog:
    dialog = audit_viewer.AuditLogDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def column(dialog: audit_viewer.AuditLogDialog, col: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_the_menu_entry_opens_the_viewer_for_an_administrator(qtbot, db):
    fill(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "auditLogAction")
    assert action is not None and action.text() == "审计日志(&L)…"
    assert action in window.tools_menu.actions()
    action.trigger()
    dialog = window.findChild(QDialog, "auditLogDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() >= 5
    dialog.close()


@pytest.mark.parametrize("role", [r for r in Role if not Actor("x", r).can(Permission.AUDIT_VIEW)])
def test_the_menu_entry_is_absent_without_the_permission(qtbot, db, role):
    db.actor = Actor("someone", role)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.findChild(QAction, "auditLogAction") is None
    assert all("审计" not in a.text() for a in window.tools_menu.actions())


def test_the_viewer_shows_entries_newest_first_with_readable_details(qtbot, db):
    person = fill(db)
    dialog = open_viewer(qtbot, db)
    assert dialog.model.headerData(6, Qt.Orientation.Horizontal) == "详情"
    actions = column(dialog, 3)
    assert actions[:2] == ["查看完整信息", "登录"]
    assert "新建" in actions and "修改" in actions
    assert column(dialog, 2)[:2] == ["clerk", "clerk"]
    change = actions.index("修改")
    assert column(dialog, 6)[change] == "姓名：张三 → 张珊"
    assert column(dialog, 5)[change] == person[:8] + "…"
    dialog.table.selectRow(change)
    text = dialog.detail.toPlainText()
    assert person in text and "姓名：张三 → 张珊" in text and "哈希：" in text
    assert dialog.count_label.text() == f"显示 {dialog.model.rowCount()} 条"


def test_the_filters_narrow_the_entries(qtbot, db):
    person = fill(db)
    dialog = open_viewer(qtbot, db)
    everything = dialog.model.rowCount()

    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("clerk"))
    assert set(column(dialog, 2)) == {"clerk"} and dialog.model.rowCount() == 2

    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("login"))
    assert column(dialog, 3) == ["登录"]

    dialog.user_combo.setCurrentIndex(0)
    dialog.action_combo.setCurrentIndex(0)
    assert dialog.model.rowCount() == everything

    qtbot.keyClicks(dialog.record_edit, person[:8])
    qtbot.keyClick(dialog.record_edit, Qt.Key.Key_Return)
    assert column(dialog, 3) == ["查看完整信息", "修改", "新建"]
    dialog.record_edit.setText("张珊")  # QTest types ASCII only
    qtbot.keyClick(dialog.record_edit, Qt.Key.Key_Return)
    assert column(dialog, 3) == ["修改"]
    dialog.record_edit.clear()
    dialog.apply_filters()

    dialog.date_check.setChecked(True)
    assert dialog.model.rowCount() == everything  # the last 30 days
    yesterday = QDate.currentDate().addDays(-1)
    dialog.date_to.setDate(yesterday)
    dialog.date_from.setDate(yesterday.addDays(-7))
    assert dialog.model.rowCount() == 0
    assert dialog.filters()["date_to"] == dt.date.today() - dt.timedelta(days=1)


def test_the_table_pages_lazily(qtbot, db):
    for _ in range(audit_viewer.PAGE_SIZE + 50):
        db.audit(AuditAction.PRINT, detail={"rows": 1})
    dialog = open_viewer(qtbot, db)
    model = dialog.model
    assert model.rowCount() == audit_viewer.PAGE_SIZE
    assert model.canFetchMore()
    assert "向下滚动" in dialog.count_label.text()
    newest = int(column(dialog, 0)[0])
    model.fetchMore()
    assert [int(s) for s in column(dialog, 0)] == list(range(newest, 0, -1))
    assert not model.canFetchMore()


def test_export_from_the_viewer_writes_what_the_filters_show(qtbot, db, tmp_path):
    fill(db)
    dialog = open_viewer(qtbot, db)
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("clerk"))
    op = dialog.export_to(tmp_path / "clerk")
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    out = tmp_path / "clerk.xlsx"
    assert dialog.last_export == (out, 2)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("审计日志").to_python()
    assert rows[0] == ["序号", "时间", "用户", "操作", "记录类型", "记录", "详情", "哈希"]
    assert [r[3] for r in rows[1:]] == ["登录", "查看完整信息"]
    # The viewer refreshed: the export is now on the trail (by admin, so not in the filter).
    dialog.user_combo.setCurrentIndex(0)
    assert column(dialog, 3)[0] == "导出"


def test_the_check_runs_on_a_worker_and_shows_the_result(qtbot, db):
    fill(db)
    dialog = open_viewer(qtbot, db)
    op = dialog.run_verify()
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    assert dialog.last_verify is not None and dialog.last_verify.ok
    assert dialog.verify_label.text().startswith("审计日志完整：")
    assert dialog.verify_button.isEnabled()
    boxes = [b for b in dialog.findChildren(QMessageBox, "notifyBox") if b.isVisible()]
    assert dialog.last_verify.anchor in boxes[-1].text()
    boxes[-1].close()

    con = sqlite3.connect(db.path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET username = 'x' WHERE seq = 2")
    con.commit()
    con.close()
    op = dialog.run_verify()
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    assert dialog.last_verify is not None and not dialog.last_verify.ok
    assert dialog.last_verify.first_bad_seq == 2
    assert dialog.verify_label.text().startswith("第2条（")
    selected = dialog.table.selectionModel().selectedRows()
    assert [dialog.model.entry(i.row()).seq for i in selected] == [2]
    assert dialog.detail.toPlainText().startswith("第2条  ")


def test_a_read_only_file_offers_the_check_but_no_export(qtbot, db):
    fill(db)
    db.close()
    ro = Database.open(db.path, read_only=True)
    ro.actor = Actor("admin", Role.ADMIN)
    try:
        dialog = open_viewer(qtbot, ro)
        assert dialog.model.rowCount() >= 5
        assert not dialog.export_button.isVisible()
        assert dialog.verify_button.isVisible()
        dialog.close()
    finally:
        ro.close()
