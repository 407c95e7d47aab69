"""The 账户 menu (own password, lock, user administration), the signed-in user in the status bar, and the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from govdesk.domain.permissions import Permission, role_label
from govdesk.services import accounts
from govdesk.ui import idle_lock

if TYPE_CHECKING:
    from govdesk.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Only for a user with an account: govdesk's own actor (screenshots) has no password to
    change and nothing to unlock a locked window with."""
    actor = window.db.actor
    if actor is None or actor.user_id is None:
        return
    lock = idle_lock.IdleLock(window)

    menu = QMenu(QCoreApplication.translate("account_menu", "账户(&U)"), window)
    menu.setObjectName("accountMenu")
    change = QAction(QCoreApplication.translate("account_menu", "修改密码(&P)…"), window)
    change.setObjectName("changePasswordAction")
    change.triggered.connect(lambda: change_own_password(window))
    menu.addAction(change)
    lock_action = QAction(QCoreApplication.translate("account_menu", "锁定(&L)"), window)
    lock_action.setObjectName("lockAction")
    lock_action.setShortcut(QKeySequence("Ctrl+L"))
    lock_action.triggered.connect(lambda: lock.lock_now())
    menu.addAction(lock_action)
    # Absent, not disabled, for roles that may not manage accounts.
    if actor.can(Permission.ACCOUNTS_MANAGE):
        menu.addSeparator()
        manage = QAction(QCoreApplication.translate("account_menu", "用户管理(&M)…"), window)
        manage.setObjectName("manageUsersAction")
        manage.triggered.connect(lambda: manage_users(window))
        menu.addAction(manage)
    window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
    window.account_menu = menu

    label = QLabel(
        QCoreApplication.translate("account_menu", "用户：%1（%2）")
        .replace("%1", actor.username)
        .replace("%2", role_label(actor.role))
    )
    label.setObjectName("statusUser")
    label.setContentsMargins(6, 0, 6, 0)
    window.statusBar().addPermanentWidget(label)


def change_own_password(window: MainWindow) -> None:
    from govdesk.ui.password_dialog import ChangePasswordDialog

    ChangePasswordDialog(window.db, window).exec()


def manage_users(window: MainWindow) -> None:
    from govdesk.ui.accounts_dialog import AccountsDialog

    AccountsDialog(window.db, window).exec()
    # The administrator may have changed the idle time.
    lock = idle_lock.controller(window)
    if lock is not None:
        lock.use_minutes(accounts.idle_minutes(window.db))
