"""The backup menu in a real window: actions by role, backing up on a worker, the passphrase,
the daily automatic backup, restoring in the window and from the damaged-file dialog."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QPushButton

from govdesk.domain.permissions import Actor, Role
from govdesk.services import backups, registry
from govdesk.store import backup_file
from govdesk.store.database import Database
from govdesk.ui import app as app_module
from govdesk.ui import settings
from govdesk.ui.errors import DatabaseErrorDialog
from govdesk.ui.login import LoginDialog
from govdesk.ui.main_window import MainWindow
from tests.ui.accounts_helpers import ADMIN_PASSWORD, when_modal, with_admin

PASSPHRASE = "春眠不觉晓 处处闻啼鸟"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    # The cost is stored in each key record; the real one takes a second per key on purpose.
    monkeypatch.setattr(backup_file, "SCRYPT_N", 2**12)


@pytest.fixture
def shell(qapp, tmp_path: Path):
    settings.use_settings_folder(tmp_path / "settings")
    return app_module.create_app(lang="zh_CN")


def window_for(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    return window


def action(window: MainWindow, name: str) -> QAction | None:
    return window.findChild(QAction, name)


def add_person(db: Database, name: str) -> None:
    with db.session() as s:
        registry.create_person(s, data={"name": name})


def names(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return sorted(r[0] for r in con.execute("SELECT name FROM resident"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, {"backupNowAction", "restoreBackupAction", "backupPassphraseAction"}),
        (Role.CLERK, {"backupNowAction"}),
        (Role.GRID, set()),
        (Role.VIEWER, set()),
    ],
)
def test_actions_follow_the_role(shell, qtbot, db, role, expected):
    db.actor = Actor("someone", role)
    window = window_for(qtbot, db)
    names_present = {
        n
        for n in ("backupNowAction", "restoreBackupAction", "backupPassphraseAction")
        if action(window, n) is not None
    }
    assert names_present == expected
    if "backupNowAction" in expected:
        assert action(window, "backupNowAction") in window.file_menu.actions()
    if "backupPassphraseAction" in expected:
        assert action(window, "backupPassphraseAction") in window.tools_menu.actions()


def test_status_bar_says_backups_are_plain_until_a_passphrase_is_set(shell, qtbot, db):
    window = window_for(qtbot, db)
    label = window.findChild(QLabel, "backupStatus")
    assert label is not None and not label.isHidden()
    assert "备份未加密" in label.text() and "<a " in label.text()  # a link for the admin
    op = window.backup_menu.apply_passphrase(PASSPHRASE)
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert op.error is None and backups.has_backup_key(db)
    assert label.isHidden()
    assert "备份口令已设置" in window.statusBar().currentMessage()


def test_clerk_sees_the_warning_without_a_link(shell, qtbot, db):
    db.actor = Actor("clerk", Role.CLERK)
    window = window_for(qtbot, db)
    label = window.findChild(QLabel, "backupStatus")
    assert label.text() == "备份未加密，请管理员设置备份口令"


def test_backup_now_runs_on_a_worker_and_reports(shell, qtbot, db, tmp_path):
    backups.set_backup_passphrase(db, PASSPHRASE)
    add_person(db, "王芳")
    window = window_for(qtbot, db)
    out = tmp_path / "stick" / "office.gdbak"
    op = window.backup_menu.backup_now(out)
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert op.error is None and op.result == out
    assert backup_file.read_header(out).counts["resident"] == 1
    assert str(out) in window.statusBar().currentMessage()


def test_daily_backup_runs_quietly_once(shell, qtbot, db):
    window = window_for(qtbot, db)
    menu = window.backup_menu
    assert menu.start_daily_backup() is True
    qtbot.waitUntil(lambda: not menu.daily_running, timeout=20000)
    made = menu.daily_result
    assert isinstance(made, Path) and made.parent == db.path.parent / "backups"
    assert "-daily" in made.name
    assert "已自动备份" in window.statusBar().currentMessage()
    assert menu.start_daily_backup() is False  # done for today


def test_passphrase_dialog_checks_its_fields(shell, qtbot):
    from govdesk.ui.backup_dialogs import PassphraseDialog

    dialog = PassphraseDialog(has_key=True)
    qtbot.addWidget(dialog)
    dialog.new_edit.setText("short")
    dialog.repeat_edit.setText("short")
    dialog.accept()
    assert dialog.result() == 0 and "至少要有 10 个字符" in dialog.problem.text()
    dialog.new_edit.setText(PASSPHRASE)
    dialog.repeat_edit.setText(PASSPHRASE + "x")
    dialog.accept()
    assert "不一致" in dialog.problem.text()
    dialog.repeat_edit.setText(PASSPHRASE)
    dialog.accept()
    assert "当前口令" in dialog.problem.text()
    dialog.new_key_check.setChecked(True)
    dialog.accept()
    assert dialog.result() == 1 and dialog.new_key and dialog.old_passphrase() is None


def _sign_in_as_admin(dialog: LoginDialog) -> None:
    from PySide6.QtWidgets import QLineEdit

    dialog.findChild(QLineEdit, "loginUser").setText("admin")
    dialog.findChild(QLineEdit, "loginPassword").setText(ADMIN_PASSWORD)
    dialog.findChild(QPushButton, "loginButton").click()


def test_restore_in_the_window_reopens_the_restored_file(shell, qtbot, db, tmp_path):
    with_admin(db)
    backups.set_backup_passphrase(db, PASSPHRASE)
    add_person(db, "王芳")
    out = backups.make_backup(db, tmp_path / "b.gdbak")
    add_person(db, "李娜")  # after the backup
    window = window_for(qtbot, db)
    when_modal(LoginDialog, _sign_in_as_admin)
    op = window.backup_menu.restore(out, PASSPHRASE)
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert op.error is None
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert names(db.path) == ["王芳"]
    [aside] = list(tmp_path.glob("office-replaced-*.db"))
    assert names(aside) == ["李娜", "王芳"]
    new = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w is not window and w.isVisible()
    ]
    assert len(new) == 1 and new[0].db.path == db.path and new[0].db.actor.username == "admin"
    assert "已从备份恢复" in new[0].statusBar().currentMessage()
    new[0].close()


def test_wrong_passphrase_in_the_window_changes_nothing(shell, qtbot, db, tmp_path):
    backups.set_backup_passphrase(db, PASSPHRASE)
    out = backups.make_backup(db, tmp_path / "b.gdbak")
    window = window_for(qtbot, db)
    op = window.backup_menu.restore(out, "not the passphrase")
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert op.error is not None and "备份口令不正确" in str(op.error)
    boxes = [b for b in window.findChildren(QMessageBox, "notifyBox") if b.isVisible()]
    assert any("备份口令不正确" in b.text() for b in boxes)
    assert list(tmp_path.glob("office-replaced-*")) == []
    with db.connect() as conn:  # the window's database is still open and usable
        assert conn.exec_driver_sql("SELECT count(*) FROM office").scalar_one() == 1


def test_damaged_file_dialog_restores_the_newest_backup(shell, qtbot, db, tmp_path):
    backups.set_backup_passphrase(db, PASSPHRASE)
    add_person(db, "王芳")
    made = backups.make_backup(db)
    db.close()
    damaged = db.path.read_bytes()[:8192]  # cut short: the header says otherwise
    db.path.write_bytes(damaged)
    seen: list[str] = []

    def choose_restore(box: DatabaseErrorDialog) -> None:
        seen.append(box.informativeText())
        assert box.backup is not None and box.backup.path == made
        when_modal(QInputDialog, type_passphrase)
        box.restore_button.click()

    def type_passphrase(dialog: QInputDialog) -> None:
        dialog.setTextValue(PASSPHRASE)
        dialog.accept()

    when_modal(DatabaseErrorDialog, choose_restore)
    opened = app_module.open_database(db.path)
    assert opened is not None
    try:
        assert names(db.path) == ["王芳"]
        assert "最近的备份制作于" in seen[0]
        [aside] = list(tmp_path.glob("office-replaced-*.db"))
        assert aside.read_bytes() == damaged  # kept aside, never overwritten
    finally:
        opened.close()


def test_damaged_file_dialog_without_backups_offers_none(shell, qtbot, tmp_path):
    bad = tmp_path / "office.db"
    bad.write_bytes(b"not a database at all" * 100)
    box = DatabaseErrorDialog(bad, "损坏")
    qtbot.addWidget(box)
    assert box.backup is None and box.restore_button is None
    assert box.findChild(QPushButton, "restoreBackupButton") is None
