"""The administrator's user list: adding users, roles, deactivating, unlocking, resetting passwords, the idle time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.domain.models import utcnow
from govdesk.domain.permissions import Role, role_label
from govdesk.services import accounts
from govdesk.store.database import Database
from govdesk.ui.password_dialog import NewPasswordFields, error_label

NOTICE_STYLE = "color: #1b5e20;"


def local_time(value: dt.datetime | None) -> str:
    # Stored in UTC, shown in the office's local time.
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


def role_combo(current: Role | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("roleChoice")
    for role in Role:
        combo.addItem(role_label(role), role.value)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current.value))
    return combo


class _ServiceDialog(QDialog):
    """A small form whose OK calls one service function; a refusal stays on screen in words."""

    def __init__(self, title: str, name: str, parent: QWidget | None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = error_label(f"{name}Message")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.layout().activate()
        self.adjustSize()

    def attempt(self, call: Callable[[], object]) -> None:
        try:
            call()
        except DomainError as exc:
            self.show_problem(str(exc))
            return
        super().accept()


class AddUserDialog(_ServiceDialog):
    """A new colleague's account with a first password, which they replace at first sign-in."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(self.tr("添加用户"), "addUserDialog", parent)
        self.db = db
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.username.setPlaceholderText(self.tr("登录用的名字，如：zhangsan"))
        self.display_name = QLineEdit()
        self.display_name.setObjectName("newDisplayName")
        self.role = role_combo(Role.CLERK)
        self.fields = NewPasswordFields("newUser", self)
        self.form.addRow(self.tr("用户名(&U)："), self.username)
        self.form.addRow(self.tr("姓名(&M)："), self.display_name)
        self.form.addRow(self.tr("角色(&R)："), self.role)
        self.fields.add_to(self.form, self.tr("初始密码(&P)："))
        note = QLabel(self.tr("请把初始密码当面告诉该用户；首次登录时须改为自己的密码。"))
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.ok_button.setText(self.tr("添加"))
        self.ok_button.setObjectName("addUserOk")

    def accept(self) -> None:
        username = self.username.text().strip()
        problems = [i.message for i in accounts.username_issues(username)]
        problems += self.fields.problems(username)
        if problems:
            self.show_problem("\n".join(problems))
            self.fields.clear()
            return
        self.attempt(
            lambda: add_user_then_require_change(
                self.db,
                username=username,
                display_name=self.display_name.text().strip(),
                role=Role(self.role.currentData()),
                password=self.fields.password(),
            )
        )


def add_user_then_require_change(
    db: Database, *, username: str, display_name: str, role: Role, password: str
) -> None:
    """The administrator chose this first password, so the new user replaces it at their first
    sign-in, as after a reset."""
    accounts.create_account(
        db,
        username=username,
        password=password,
        role=role,
        display_name=display_name,
        must_change_password=True,
    )


class RoleDialog(_ServiceDialog):
    def __init__(self, db: Database, info: accounts.AccountInfo, parent: QWidget | None = None):
        super().__init__(self.tr("修改角色"), "roleDialog", parent)
        self.db = db
        self.info = info
        self.role = role_combo(info.role)
        self.form.addRow(self.tr("用户："), QLabel(info.username))
        self.form.addRow(self.tr("新角色(&R)："), self.role)

    def accept(self) -> None:
        role = Role(self.role.currentData())
        self.attempt(lambda: accounts.set_role(self.db, username=self.info.username, role=role))


class ResetPasswordDialog(_ServiceDialog):
    def __init__(self, db: Database, username: str, parent: QWidget | None = None):
        super().__init__(self.tr("重置密码"), "resetPasswordDialog", parent)
        self.db = db
        self.target = username
        note = QLabel(self.tr("请把新密码当面告诉该用户。该用户下次登录时必须修改密码。"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.form.addRow(self.tr("用户："), QLabel(username))
        self.fields = NewPasswordFields("reset", self)
        self.fields.add_to(self.form)
        self.ok_button.setText(self.tr("重置"))

    def accept(self) -> None:
        problems = self.fields.problems(self.target)
        if problems:
            self.show_problem("\n".join(problems))
            self.fields.clear()
            return
        password = self.fields.password()
        self.attempt(
            lambda: accounts.reset_password(self.db, username=self.target, new_password=password)
        )


class AccountsDialog(QDialog):
    """Every account of this office database; each change goes through services/accounts."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.infos: list[accounts.AccountInfo] = []
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("用户管理"))

        headings = [
            self.tr("用户名"),
            self.tr("姓名"),
            self.tr("角色"),
            self.tr("状态"),
            self.tr("锁定至"),
            self.tr("上次登录"),
        ]
        self.table = QTableWidget(0, len(headings))
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.ask_role())

        def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            return b

        self.add_button = button(self.tr("添加用户(&A)…"), "addUserButton", self.ask_add_user)
        self.role_button = button(self.tr("修改角色(&R)…"), "changeRoleButton", self.ask_role)
        self.active_button = button(self.tr("停用(&D)"), "toggleActiveButton", self.toggle_active)
        self.unlock_button = button(
            self.tr("解锁(&L)"), "unlockAccountButton", lambda: self._with_selected(self.unlock)
        )
        self.reset_button = button(
            self.tr("重置密码(&P)…"), "resetPasswordButton", self.ask_reset_password
        )
        side = QVBoxLayout()
        for b in (
            self.add_button,
            self.role_button,
            self.active_button,
            self.unlock_button,
            self.reset_button,
        ):
            side.addWidget(b)
        side.addStretch(1)

        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, accounts.MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" 分钟"))
        self.idle.setSpecialValueText(self.tr("从不自动锁定"))
        self.idle.setValue(accounts.idle_minutes(db))
        self.idle_button = button(
            self.tr("应用(&S)"), "saveIdleButton", lambda: self.set_idle(self.idle.value())
        )
        idle_row = QHBoxLayout()
        idle_label = QLabel(self.tr("无操作自动锁定(&I)："))
        idle_label.setBuddy(self.idle)
        idle_row.addWidget(idle_label)
        idle_row.addWidget(self.idle)
        idle_row.addWidget(self.idle_button)
        idle_row.addWidget(QLabel(self.tr("（0 表示从不）")))
        idle_row.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("accountsMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(idle_row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(860, 440)
        self.refresh()

    # -- the list -------------------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        keep = keep or self.selected_username()
        self.infos = accounts.list_accounts(self.db)
        now = utcnow()
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            values = (
                info.username,
                info.display_name,
                role_label(info.role),
                self._status(info),
                local_time(info.locked_until) if info.locked(now) else "",
                local_time(info.last_login_at),
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, info.username)
                self.table.setItem(row, column, item)
        if keep is not None:
            self.select(keep)
        elif self.infos:
            self.table.selectRow(0)
        self._selection_changed()

    def _status(self, info: accounts.AccountInfo) -> str:
        if not info.active:
            return self.tr("已停用")
        if info.must_change_password:
            return self.tr("启用（待修改密码）")
        return self.tr("启用")

    def rows(self) -> list[tuple[str, ...]]:
        """The table as shown, row by row (what a test or a reader sees)."""
        return [
            tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]

    def select(self, username: str) -> bool:
        for row, info in enumerate(self.infos):
            if info.username == username:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> accounts.AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def selected_username(self) -> str | None:
        info = self.selected()
        return info.username if info is not None else None

    def _selection_changed(self) -> None:
        info = self.selected()
        for b in (self.role_button, self.active_button, self.unlock_button, self.reset_button):
            b.setEnabled(info is not None)
        if info is not None:
            self.active_button.setText(self.tr("停用(&D)") if info.active else self.tr("启用(&E)"))
            self.unlock_button.setEnabled(info.locked() or info.failed_attempts > 0)

    def _with_selected(self, action: Callable[[str], object]) -> None:
        username = self.selected_username()
        if username is not None:
            action(username)

    # -- messages -----------------------------------------------------------------------------
    def show_notice(self, text: str, *, problem: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if problem else NOTICE_STYLE)
        self.message.setText(text)
        self.message.show()

    def _call(self, call: Callable[[], object], done: str, username: str | None = None) -> bool:
        try:
            call()
        except DomainError as exc:
            self.show_notice(str(exc), problem=True)
            return False
        self.refresh(keep=username)
        self.show_notice(done)
        return True

    # -- what the administrator does (each a service call) ------------------------------------
    def add_user(self, *, username: str, password: str, role: Role, display_name: str = "") -> bool:
        return self._call(
            lambda: add_user_then_require_change(
                self.db,
                username=username,
                display_name=display_name,
                role=role,
                password=password,
            ),
            self.tr("已添加用户 %1").replace("%1", username.strip()),
            username.strip(),
        )

    def change_role(self, username: str, role: Role) -> bool:
        return self._call(
            lambda: accounts.set_role(self.db, username=username, role=role),
            self.tr("%1 的角色已改为%2").replace("%1", username).replace("%2", role_label(role)),
            username,
        )

    def set_active(self, username: str, active: bool) -> bool:
        done = self.tr("已启用 %1") if active else self.tr("已停用 %1")
        return self._call(
            lambda: accounts.set_active(self.db, username=username, active=active),
            done.replace("%1", username),
            username,
        )

    def unlock(self, username: str) -> bool:
        return self._call(
            lambda: accounts.unlock(self.db, username=username),
            self.tr("已解锁 %1").replace("%1", username),
            username,
        )

    def reset_password(self, username: str, password: str) -> bool:
        return self._call(
            lambda: accounts.reset_password(self.db, username=username, new_password=password),
            self.tr("已重置 %1 的密码，该用户下次登录时须修改密码").replace("%1", username),
            username,
        )

    def set_idle(self, minutes: int) -> bool:
        text = (
            self.tr("已设置：无操作 %1 分钟后自动锁定").replace("%1", str(minutes))
            if minutes
            else self.tr("已设置：从不自动锁定")
        )
        return self._call(lambda: accounts.set_idle_minutes(self.db, minutes), text)

    def toggle_active(self) -> None:
        info = self.selected()
        if info is not None:
            self.set_active(info.username, not info.active)

    # -- the small dialogs --------------------------------------------------------------------
    def ask_add_user(self) -> None:
        dialog = AddUserDialog(self.db, self)
        if dialog.exec():
            name = dialog.username.text().strip()
            self.refresh(keep=name)
            self.show_notice(self.tr("已添加用户 %1").replace("%1", name))

    def ask_role(self) -> None:
        info = self.selected()
        if info is not None and RoleDialog(self.db, info, self).exec():
            self.refresh(keep=info.username)
            self.show_notice(self.tr("已修改 %1 的角色").replace("%1", info.username))

    def ask_reset_password(self) -> None:
        info = self.selected()
        if info is not None and ResetPasswordDialog(self.db, info.username, self).exec():
            self.refresh(keep=info.username)
            self.show_notice(
                self.tr("已重置 %1 的密码，该用户下次登录时须修改密码").replace("%1", info.username)
            )
