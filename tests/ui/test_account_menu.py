"""The 账户 menu follows the role table: 用户管理 exists only for roles that manage accounts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from govdesk.domain.permissions import ROLE_PERMISSIONS, Permission, Role
from govdesk.services import accounts
from govdesk.store.database import Database
from govdesk.ui import idle_lock
from govdesk.ui.accounts_dialog import AccountsDialog
from govdesk.ui.main_window import MainWindow
from govdesk.ui.password_dialog import ChangePasswordDialog
from tests.ui.accounts_helpers import USER_PASSWORD, add_user, when_modal, with_admin


def window_for(qtbot, db: Database, role: Role) -> MainWindow:
    if db.actor is None or db.actor.user_id is None:
        with_admin(db)
    username = role.value if role != Role.ADMIN else "admin2"
    add_user(db, username, role)
    db.actor = accounts.login(db, username, USER_PASSWORD)
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    return window


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.account_menu.actions() if not a.isSeparator()]


def test_the_administrator_has_user_management(shell, qtbot, db: Database):
    window = window_for(qtbot, db, Role.ADMIN)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["账户(&U)", "帮助(&H)"]
    assert menu_texts(window) == ["修改密码(&P)…", "锁定(&L)", "用户管理(&M)…"]
    lock = window.findChild(QAction, "lockAction")
    assert lock.shortcut().toString() == "Ctrl+L"
    assert window.findChild(QLabel, "statusUser").text() == "用户：admin2（管理员）"


@pytest.mark.parametrize(
    "role", [r for r in Role if Permission.ACCOUNTS_MANAGE not in ROLE_PERMISSIONS[r]]
)
def test_other_roles_have_no_user_management_at_all(shell, qtbot, db: Database, role: Role):
    window = window_for(qtbot, db, role)
    assert window.findChild(QAction, "manageUsersAction") is None  # absent, not disabled
    assert menu_texts(window) == ["修改密码(&P)…", "锁定(&L)"]
    assert window.findChild(QLabel, "statusUser").text().startswith(f"用户：{role.value}（")


def test_the_lock_action_locks(shell, qtbot, db: Database):
    window = window_for(qtbot, db, Role.CLERK)
    window.show()
    window.findChild(QAction, "lockAction").trigger()
    assert idle_lock.controller(window).locked


def test_the_menu_opens_the_dialogs(shell, qtbot, db: Database):
    window = window_for(qtbot, db, Role.ADMIN)
    seen: list[str] = []

    def look(dialog) -> None:
        seen.append(dialog.objectName())
        dialog.reject()

    when_modal(ChangePasswordDialog, look)
    window.findChild(QAction, "changePasswordAction").trigger()
    when_modal(AccountsDialog, look)
    window.findChild(QAction, "manageUsersAction").trigger()
    assert seen == ["changePasswordDialog", "accountsDialog"]
