"""Signing in before any data shows: success, refusals in words, the first administrator, a reset password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
)

from govdesk.domain.permissions import Role
from govdesk.services import accounts, office
from govdesk.store.database import Database
from govdesk.ui import login
from govdesk.ui.login import LoginDialog
from govdesk.ui.main_window import MainWindow
from govdesk.ui.password_dialog import ChangePasswordDialog
from tests.ui.accounts_helpers import (
    ADMIN_PASSWORD,
    USER_PASSWORD,
    Clock,
    add_user,
    when_modal,
    with_admin,
)


@pytest.fixture
def office_db(db: Database) -> Database:
    """An office with an administrator and a clerk; nobody signed in yet."""
    with_admin(db)
    add_user(db, "clerk", Role.CLERK)
    db.actor = None
    return db


def audit_actions(db: Database) -> list[tuple[str, str]]:
    with db.connect() as conn:
        rows = conn.exec_driver_sql("SELECT username, action FROM audit_log ORDER BY seq")
        return [(r[0], r[1]) for r in rows]


def type_in(dialog: LoginDialog, username: str, password: str) -> None:
    dialog.user_edit.setText(username)
    dialog.password_edit.setText(password)


def test_the_dialog_names_the_office_and_has_the_fields(shell, qtbot, office_db: Database):
    dialog = LoginDialog(office_db)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "loginDialog"
    assert dialog.findChild(QLabel, "loginOffice").text() == "幸福社区居民委员会"
    assert dialog.findChild(QLineEdit, "loginUser") is dialog.user_edit
    password = dialog.findChild(QLineEdit, "loginPassword")
    assert password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.findChild(QPushButton, "loginButton").text() == "登录"
    assert not dialog.creating


def test_signing_in_builds_the_tabs_for_the_role(shell, qtbot, office_db: Database):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    tabs = window.findChild(QTabWidget, "mainTabs")

    def sign_in(dialog: LoginDialog) -> None:
        assert tabs.count() == 0  # nothing of the office shows before someone signed in
        type_in(dialog, "clerk", USER_PASSWORD)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(LoginDialog, sign_in)
    actor = login.sign_in(office_db, parent=window)
    assert actor is not None and actor.username == "clerk" and actor.role == Role.CLERK
    assert office_db.actor == actor
    window.attach(office_db)
    assert window.tab_keys() == ["residents", "grids", "mediation", "volunteers"]
    assert ("clerk", "login") in audit_actions(office_db)


def test_a_wrong_password_says_so_and_builds_nothing(shell, qtbot, office_db: Database):
    dialog = LoginDialog(office_db)
    qtbot.addWidget(dialog)
    dialog.show()
    type_in(dialog, "clerk", "not-the-password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.result() != LoginDialog.DialogCode.Accepted
    assert dialog.message.isVisible()
    assert dialog.message.text() == (
        "用户名或密码不正确\n还可以再试 4 次，连续输错 5 次后账户将锁定 15 分钟。\n请 1 秒后再试。"
    )
    assert dialog.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.password_edit
    assert office_db.actor is None
    assert ("clerk", "login_failed") in audit_actions(office_db)


def test_the_wait_and_the_lock_are_shown(shell, qtbot, office_db: Database):
    clock = Clock()
    dialog = LoginDialog(office_db, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    type_in(dialog, "clerk", "wrong-1")
    dialog.accept()
    type_in(dialog, "clerk", "wrong-2")  # at once: the 1-second delay has not passed
    dialog.accept()
    assert dialog.message.text() == "尝试过于频繁，请在1秒后再试"
    seen = []
    for attempt in range(4):
        clock.advance(9)
        type_in(dialog, "clerk", f"wrong-{attempt}")
        dialog.accept()
        seen.append(dialog.message.text())
    assert seen[0].startswith("用户名或密码不正确\n还可以再试 3 次")
    assert "请 8 秒后再试" in seen[2]
    assert seen[3] == "登录失败次数过多，账户已锁定，请在15分钟后再试，或请管理员解锁"
    clock.advance(60)
    type_in(dialog, "clerk", USER_PASSWORD)  # even the right password waits out the lock
    dialog.accept()
    assert dialog.actor is None and "14分钟后再试" in dialog.message.text()


def test_enter_signs_in_and_escape_cancels(shell, qtbot, office_db: Database):
    dialog = LoginDialog(office_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN

    other = LoginDialog(office_db)
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClick(other.user_edit, Qt.Key.Key_Escape)
    assert other.result() == LoginDialog.DialogCode.Rejected and other.actor is None


def test_cancelling_signs_nobody_in(shell, qtbot, office_db: Database):
    when_modal(LoginDialog, lambda d: d.reject())
    assert login.sign_in(office_db) is None
    assert office_db.actor is None


def test_a_file_without_accounts_asks_for_the_administrator(shell, qtbot, db: Database):
    db.actor = None  # a file made before accounts existed, or by init without --admin
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.creating and dialog.windowTitle() == "新建管理员账户"
    assert dialog.findChild(QLineEdit, "loginPassword") is None
    assert dialog.findChild(QLabel, "adminPasswordRule").text().startswith("密码至少 8 个字符")
    dialog.user_edit.setText("wang")
    dialog.fields.first.setText("long-enough-1")
    dialog.fields.second.setText("long-enough-2")
    dialog.accept()
    assert dialog.message.text() == "两次输入的密码不一致"
    assert not accounts.has_accounts(db)
    dialog.fields.first.setText("short")
    dialog.fields.second.setText("short")
    dialog.accept()
    assert dialog.message.text() == "密码至少需要8个字符"
    assert dialog.fields.first.text() == "" and dialog.focusWidget() is dialog.fields.first
    assert not accounts.has_accounts(db)

    def create(d: LoginDialog) -> None:
        d.user_edit.setText("wang")
        d.name_edit.setText("王芳")
        d.fields.first.setText("long-enough-1")
        d.fields.second.setText("long-enough-1")
        d.ok_button.click()

    when_modal(LoginDialog, create)
    actor = login.sign_in(db)
    assert actor is not None and actor.username == "wang" and actor.role == Role.ADMIN
    assert db.actor == actor
    info = accounts.list_accounts(db)
    assert [(a.username, a.display_name, a.role) for a in info] == [("wang", "王芳", Role.ADMIN)]
    assert ("wang", "login") in audit_actions(db)
    db.actor = None
    assert accounts.login(db, "wang", "long-enough-1").username == "wang"


def test_a_reset_password_must_be_changed_right_after_signing_in(shell, qtbot, office_db: Database):
    office_db.actor = accounts.login(office_db, "admin", ADMIN_PASSWORD)
    add_user(office_db, "grid", Role.GRID, must_change=True)
    office_db.actor = None
    steps: list[str] = []

    def change(dialog: ChangePasswordDialog) -> None:
        steps.append(dialog.findChild(QLabel, "changePasswordReason").text())
        assert dialog.old_edit.isHidden()  # the password just typed is not asked again
        dialog.fields.first.setText(USER_PASSWORD)  # the same one is refused
        dialog.fields.second.setText(USER_PASSWORD)
        dialog.ok_button.click()
        steps.append(dialog.message.text())
        dialog.fields.first.setText("my-own-pass-9")
        dialog.fields.second.setText("my-own-pass-9")
        dialog.ok_button.click()

    def sign_in(dialog: LoginDialog) -> None:
        type_in(dialog, "grid", USER_PASSWORD)
        dialog.ok_button.click()
        when_modal(ChangePasswordDialog, change)

    when_modal(LoginDialog, sign_in)
    actor = login.sign_in(office_db)
    assert steps == [
        "管理员为您设置了临时密码。请先设置您自己的新密码，然后开始工作。",
        "新密码不能与当前密码相同",
    ]
    assert actor is not None and actor.username == "grid" and office_db.actor == actor
    assert accounts.account_info(office_db).must_change_password is False
    office_db.actor = None
    assert accounts.login(office_db, "grid", "my-own-pass-9").username == "grid"


def test_leaving_the_forced_change_signs_nobody_in(shell, qtbot, office_db: Database):
    office_db.actor = accounts.login(office_db, "admin", ADMIN_PASSWORD)
    add_user(office_db, "grid", Role.GRID, must_change=True)
    office_db.actor = None

    def sign_in(dialog: LoginDialog) -> None:
        type_in(dialog, "grid", USER_PASSWORD)
        dialog.ok_button.click()
        when_modal(ChangePasswordDialog, lambda d: d.reject())

    when_modal(LoginDialog, sign_in)
    assert login.sign_in(office_db) is None
    assert office_db.actor is None


def test_changing_ones_own_password_needs_the_current_one(shell, qtbot, office_db: Database):
    office_db.actor = accounts.login(office_db, "clerk", USER_PASSWORD)
    dialog = ChangePasswordDialog(office_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.old_edit.isVisible()
    dialog.old_edit.setText("not-my-password")
    dialog.fields.first.setText("a-new-password")
    dialog.fields.second.setText("a-new-password")
    dialog.accept()
    assert dialog.message.text() == "原密码不正确"
    assert dialog.old_edit.text() == "" and dialog.focusWidget() is dialog.old_edit
    dialog.old_edit.setText(USER_PASSWORD)
    dialog.fields.first.setText("a-new-password")
    dialog.fields.second.setText("a-new-password")
    dialog.accept()
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    office_db.actor = None
    assert accounts.login(office_db, "clerk", "a-new-password").username == "clerk"


def open_other(window: MainWindow, path: Path, answer_login) -> None:
    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()
        when_modal(LoginDialog, answer_login)

    when_modal(QFileDialog, choose)
    window.open_action.trigger()


def test_opening_another_file_signs_in_to_it(shell, qtbot, office_db: Database, tmp_path: Path):
    other_path = tmp_path / "other" / "石门村.db"
    other = office.init_database(other_path, name="石门村村民委员会", division_code="370112101203")
    accounts.create_first_admin(other, username="li", password="li-password-1")
    other.close()
    office_db.actor = accounts.login(office_db, "admin", ADMIN_PASSWORD)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()

    open_other(window, other_path, lambda d: d.reject())  # cancelled: this window stays
    assert window.isVisible() and window.db is office_db
    # (windows of earlier tests may linger unshown until Qt deletes them: count visible ones)
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert shown == [window]

    refusals: list[str] = []

    def answer(dialog: LoginDialog) -> None:
        assert dialog.findChild(QLabel, "loginOffice").text() == "石门村村民委员会"
        type_in(dialog, "admin", ADMIN_PASSWORD)  # this file's accounts, not the first one's
        dialog.ok_button.click()
        refusals.append(dialog.message.text().split("\n")[0])
        type_in(dialog, "li", "li-password-1")
        dialog.ok_button.click()

    open_other(window, other_path, answer)
    assert refusals == ["用户名或密码不正确"]
    opened = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert [w.windowTitle() for w in opened] == ["石门村村民委员会"]
    assert opened[0].db.actor.username == "li" and opened[0].tab_keys() == [
        "residents",
        "grids",
        "mediation",
        "volunteers",
    ]
    opened[0].close()


# run_window runs the event loop until the window closes and installs a process-wide
# excepthook, so it runs in a child process that answers the login dialog as a clerk would.
RUN_WINDOW = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from govdesk.ui import settings
settings.use_settings_folder(Path(sys.argv[2]))
from govdesk.ui.app import create_app, run_window
from govdesk.ui.login import LoginDialog
from govdesk.ui.main_window import MainWindow

answers = sys.argv[3].split(",")

def main_window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

def clerk():
    modal = QApplication.activeModalWidget()
    if isinstance(modal, LoginDialog):
        print("tabs while signing in:", main_window().tabs.count())
        answer = answers.pop(0)
        if answer == "cancel":
            modal.reject()
            return
        modal.user_edit.setText("clerk")
        modal.password_edit.setText(answer)
        modal.ok_button.click()
        if modal.isVisible():
            print("refused:", modal.message.text().splitlines()[0])
            QTimer.singleShot(1500, clerk)  # the next attempt waits out the 1-second delay
            return
    w = main_window()
    if w.isVisible() and w.counts_label.text():
        print("window:", w.windowTitle(), w.tab_keys(), w.db.actor.username)
        w.close()
        return
    QTimer.singleShot(50, clerk)

create_app()
QTimer.singleShot(50, clerk)
print("exit", run_window(Path(sys.argv[1]), None))
"""


def run_window_in_child(db_file: Path, tmp_path: Path, answers: list[str]) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_WINDOW,
            str(db_file),
            str(tmp_path / "child-settings"),
            ",".join(answers),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_govdesk_asks_who_is_working_then_builds_the_tabs(office_db: Database, tmp_path: Path):
    path = office_db.path
    office_db.close()
    out = run_window_in_child(path, tmp_path, ["wrong-password", USER_PASSWORD])
    lines = out.strip().splitlines()
    assert lines[0] == "tabs while signing in: 0"
    assert "refused: 用户名或密码不正确" in lines
    assert (
        "window: 幸福社区居民委员会 ['residents', 'grids', 'mediation', 'volunteers'] clerk"
        in lines
    )
    assert lines[-1] == "exit 0"


def test_cancelling_the_sign_in_quits_with_nothing_shown(office_db: Database, tmp_path: Path):
    path = office_db.path
    office_db.close()
    out = run_window_in_child(path, tmp_path, ["cancel"])
    assert out.strip().splitlines() == ["tabs while signing in: 0", "exit 1"]
