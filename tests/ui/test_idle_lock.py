"""The idle lock: the window's content leaves the screen, the password brings it back, another user may sign in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from govdesk.domain.permissions import Role
from govdesk.services import accounts
from govdesk.store.database import Database
from govdesk.ui import idle_lock
from govdesk.ui.idle_lock import IdleLock, LockPanel
from govdesk.ui.login import LoginDialog
from govdesk.ui.main_window import MainWindow
from tests.ui.accounts_helpers import (
    ADMIN_PASSWORD,
    USER_PASSWORD,
    Clock,
    add_user,
    when_modal,
    with_admin,
)

FULL_ID = "11010519491231002X"


@pytest.fixture
def window(shell, qtbot, db: Database) -> MainWindow:
    with_admin(db)
    add_user(db, "clerk", Role.CLERK)
    db.actor = accounts.login(db, "clerk", USER_PASSWORD)
    w = MainWindow(db, remember=False)
    qtbot.addWidget(w)
    w.show()
    return w


def lock_of(window: MainWindow) -> IdleLock:
    lock = idle_lock.controller(window)
    assert lock is not None
    return lock


def session_locks(db: Database) -> list[tuple[str, str]]:
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT username, detail FROM audit_log WHERE action = 'session_locked' ORDER BY seq"
        )
        return [(r[0], r[1]) for r in rows]


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_locking_takes_the_content_off_the_screen(window: MainWindow, db: Database):
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert tabs is not None and tabs.isVisible()
    lock_of(window).lock_now()
    panel = window.centralWidget()
    assert isinstance(panel, LockPanel) and panel.objectName() == "lockPanel"
    # Removed from the window, not painted over.
    assert window.findChild(QTabWidget, "mainTabs") is None and not tabs.isVisible()
    assert not window.menuBar().isVisible() and not window.statusBar().isEnabled()
    assert not window.open_action.isEnabled() and window.quit_action.isEnabled()
    assert "当前用户：clerk（登记员）。" in panel.findChild(QLabel, "lockText").text()
    assert session_locks(db) == [("clerk", '{"reason": "manual"}')]


def test_the_password_unlocks_and_a_wrong_one_is_refused(window: MainWindow, db: Database):
    lock = lock_of(window)
    clock = Clock()
    lock.clock = clock
    tabs = window.centralWidget()
    lock.lock_now()
    panel = window.centralWidget()
    panel.password.setText("not-my-password")
    panel.unlock_button.click()
    assert lock.locked and window.centralWidget() is panel
    assert panel.message.text() == "密码不正确。连续输错 5 次账户将锁定。"
    assert panel.password.text() == ""
    clock.advance(5)
    panel.password.setText(USER_PASSWORD)
    panel.unlock_button.click()
    assert not lock.locked
    assert window.centralWidget() is tabs and tabs.isVisible()
    assert window.menuBar().isVisible() and window.open_action.isEnabled()
    assert window.statusBar().isEnabled()
    assert tabs.findChild(QWidget, "residentsTab") is not None


def test_enter_in_the_password_field_unlocks(window: MainWindow, qtbot):
    lock = lock_of(window)
    lock.lock_now()
    panel = window.centralWidget()
    qtbot.keyClicks(panel.password, USER_PASSWORD)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert not lock.locked


def test_the_idle_time_locks_and_input_restarts_the_count(window: MainWindow, qtbot):
    lock = lock_of(window)
    assert lock.interval_ms == accounts.DEFAULT_IDLE_MINUTES * 60_000 and lock.timer.isActive()
    lock.set_interval(0)  # 0 = never
    assert not lock.timer.isActive()
    lock.set_interval(3_600_000)
    lock.last_input -= 7200  # two hours without input …
    qtbot.keyClick(window.menuBar(), Qt.Key.Key_Shift)  # … until a key: any key or mouse input
    assert lock.idle_ms() < 60_000
    lock.timer.timeout.emit()  # the timer runs out: not idle long enough, so it waits on
    assert not lock.locked and lock.timer.isActive()
    lock.last_input -= 3601
    lock.timer.timeout.emit()
    assert lock.locked and isinstance(window.centralWidget(), LockPanel)
    assert not lock.timer.isActive()  # no timer runs while locked
    assert lock.unlock(USER_PASSWORD) is None
    assert lock.timer.isActive()


def test_the_timer_locks_by_itself(window: MainWindow, qtbot):
    lock = lock_of(window)
    lock.set_interval(30)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert isinstance(window.centralWidget(), LockPanel)


def test_an_open_dialog_is_emptied_while_locked(window: MainWindow, qtbot):
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    shown = QLabel(FULL_ID, dialog)
    QVBoxLayout(dialog).addWidget(shown)
    dialog.show()
    lock = lock_of(window)
    lock.lock_now()
    assert not shown.isVisible() and FULL_ID not in visible_texts(dialog)
    cover = dialog.findChild(LockPanel)
    assert cover is not None and cover.isVisible()
    cover.password.setText(USER_PASSWORD)  # typed into the dialog on top works too
    cover.unlock()
    assert not lock.locked and shown.isVisible()
    assert dialog.findChild(LockPanel) is None or not dialog.findChild(LockPanel).isVisible()


def test_another_user_signs_in_to_a_fresh_window(window: MainWindow, db: Database, qtbot):
    lock = lock_of(window)
    lock.lock_now()
    panel = window.centralWidget()

    def sign_in(dialog: LoginDialog) -> None:
        dialog.user_edit.setText("admin")
        dialog.password_edit.setText(ADMIN_PASSWORD)
        dialog.ok_button.click()

    when_modal(LoginDialog, sign_in)
    panel.switch_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())
    fresh = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert len(fresh) == 1 and fresh[0] is not window
    assert db.actor.username == "admin" and fresh[0].db is db
    assert fresh[0].findChild(QLabel, "statusUser").text() == "用户：admin（管理员）"
    assert fresh[0].tab_keys() == ["residents", "grids", "mediation", "volunteers"]
    with db.connect() as conn:
        trail = conn.exec_driver_sql(
            "SELECT username, action FROM audit_log WHERE action IN ('login', 'logout') "
            "ORDER BY seq DESC LIMIT 2"
        ).all()
    assert [tuple(r) for r in trail] == [("clerk", "logout"), ("admin", "login")]
    assert accounts.list_accounts(db)  # the database stayed open for the new window
    fresh[0].close()


def test_nobody_signed_in_has_nothing_to_lock(shell, qtbot, db: Database):
    # The conftest actor has no account (as govdesk's own, for screenshots): no lock, no menu.
    w = MainWindow(db, remember=False)
    qtbot.addWidget(w)
    assert idle_lock.controller(w) is None
    assert w.findChild(QLabel, "statusUser") is None


def test_a_closed_window_never_locks(window: MainWindow, qtbot):
    lock = lock_of(window)
    window.close()
    lock.set_interval(10)
    lock.lock_now()
    assert not lock.locked and not lock.timer.isActive()


def test_a_read_only_copy_locks_too(shell, qtbot, db: Database):
    # A second copy opened read-only cannot write the audit entry; the screen locks anyway.
    actor = with_admin(db)
    db.close()
    read_only = Database.open(db.path, read_only=True)
    read_only.actor = actor
    w = MainWindow(read_only, remember=False)
    qtbot.addWidget(w)
    w.show()
    lock = lock_of(w)
    lock.lock_now()
    assert lock.locked and isinstance(w.centralWidget(), LockPanel)
    w.close()
