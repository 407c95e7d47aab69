"""Signing in to an office database before any of its data shows; a file without accounts gets its administrator."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor
from govdesk.services import accounts
from govdesk.services.office import current_office
from govdesk.store.database import Database
from govdesk.ui.password_dialog import ChangePasswordDialog, NewPasswordFields, error_label


def office_name(db: Database) -> str:
    with db.session() as s:
        return current_office(s).name


def refusal_text(exc: DomainError) -> str:
    """The service's reason, and for a wrong password how many tries are left and the wait."""
    text = str(exc)
    if not isinstance(exc, accounts.LoginRefused) or exc.reason != "wrong" or not exc.retry_after:
        return text
    # The delay grows with each failure (1, 2, 4, 8 s), so it tells which failure this was.
    failed = next(
        (n for n in range(1, accounts.MAX_FAILED) if accounts.delay_after(n) == exc.retry_after),
        None,
    )
    lines = [text]
    if failed is not None:
        lines.append(
            QCoreApplication.translate(
                "login", "还可以再试 %1 次，连续输错 %2 次后账户将锁定 %3 分钟。"
            )
            .replace("%1", str(accounts.MAX_FAILED - failed))
            .replace("%2", str(accounts.MAX_FAILED))
            .replace("%3", str(accounts.LOCK_MINUTES))
        )
    seconds = max(1, math.ceil(exc.retry_after))
    lines.append(
        QCoreApplication.translate("login", "请 %1 秒后再试。").replace("%1", str(seconds))
    )
    return "\n".join(lines)


class LoginDialog(QDialog):
    """用户名 and 密码 for one office database; on a database without accounts, the first
    administrator is created instead. `actor` and `password` hold who signed in (db.actor is
    left to the caller, see `sign_in`)."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, clock: accounts.Clock | None = None
    ):
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.actor: Actor | None = None
        self.password = ""
        self.creating = not accounts.has_accounts(db)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("新建管理员账户") if self.creating else self.tr("登录"))

        office = QLabel(office_name(db))
        office.setObjectName("loginOffice")
        font = QFont(office.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        office.setFont(font)
        office.setWordWrap(True)
        office.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addWidget(office)
        form = QFormLayout()
        self.message = error_label("loginMessage")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        if self.creating:
            intro = QLabel(
                self.tr(
                    "这个数据库还没有任何账户。请设置管理员账户：管理员登录后可以为同事建立账户。"
                    "请牢记密码，程序中没有预设的密码。"
                )
            )
            intro.setObjectName("loginIntro")
            intro.setWordWrap(True)
            layout.addWidget(intro)
            self.user_edit = QLineEdit()
            self.user_edit.setObjectName("adminUser")
            self.user_edit.setPlaceholderText(self.tr("如：admin"))
            self.name_edit = QLineEdit()
            self.name_edit.setObjectName("adminName")
            self.name_edit.setPlaceholderText(self.tr("可不填"))
            self.fields = NewPasswordFields("admin", self)
            form.addRow(self.tr("管理员用户名(&U)："), self.user_edit)
            form.addRow(self.tr("姓名(&M)："), self.name_edit)
            self.fields.add_to(form)
            self.ok_button.setText(self.tr("创建并登录"))
            self.ok_button.setObjectName("createAdminButton")
        else:
            self.user_edit = QLineEdit()
            self.user_edit.setObjectName("loginUser")
            self.password_edit = QLineEdit()
            self.password_edit.setObjectName("loginPassword")
            self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("用户名(&U)："), self.user_edit)
            form.addRow(self.tr("密码(&P)："), self.password_edit)
            self.ok_button.setText(self.tr("登录"))
            self.ok_button.setObjectName("loginButton")
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Enter signs in from any field; Esc (QDialog's own) cancels.
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.user_edit.textEdited.connect(lambda _t: self.message.hide())
        self.setMinimumWidth(420)
        self.user_edit.setFocus()

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.layout().activate()
        self.adjustSize()

    def accept(self) -> None:
        if self.creating:
            self._create_admin()
        else:
            self._sign_in()

    def _sign_in(self) -> None:
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self.show_problem(self.tr("请输入用户名"))
            self.user_edit.setFocus()
            return
        if not password:
            self.show_problem(self.tr("请输入密码"))
            self.password_edit.setFocus()
            return
        kwargs = {"clock": self.clock} if self.clock is not None else {}
        try:
            actor = accounts.login(self.db, username, password, **kwargs)
        except DomainError as exc:
            self.show_problem(refusal_text(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.actor, self.password = actor, password
        super().accept()

    def _create_admin(self) -> None:
        username = self.user_edit.text().strip()
        if not username:
            self.show_problem(self.tr("请输入管理员用户名"))
            self.user_edit.setFocus()
            return
        problems = self.fields.problems(username)
        if problems:
            self.show_problem("\n".join(problems))
            self.fields.clear()
            self.fields.first.setFocus()
            return
        try:
            actor = accounts.create_first_admin(
                self.db,
                username=username,
                password=self.fields.password(),
                display_name=self.name_edit.text().strip(),
            )
        except DomainError as exc:
            self.show_problem(str(exc))
            self.fields.clear()
            self.user_edit.setFocus()
            return
        self.actor, self.password = actor, self.fields.password()
        super().accept()


def must_change_password(db: Database) -> bool:
    """Whether the signed-in user has to replace a password the administrator set."""
    return accounts.account_info(db).must_change_password


def sign_in(
    db: Database, parent: QWidget | None = None, *, clock: accounts.Clock | None = None
) -> Actor | None:
    """Ask who is working and set db.actor; None (db.actor unchanged) when they cancel.

    A password the administrator reset has to be replaced before any data shows.
    """
    dialog = LoginDialog(db, parent, clock=clock)
    if not dialog.exec() or dialog.actor is None:
        return None
    if dialog.creating:
        first_admin_signed_in(db, dialog.actor)
        return dialog.actor
    return finish_sign_in(db, dialog.actor, dialog.password, parent)


def first_admin_signed_in(db: Database, actor: Actor) -> None:
    """The administrator who just created their account works on at once; the trail says so
    (create_first_admin records the account, not a sign-in)."""
    db.actor = actor
    db.audit(
        AuditAction.LOGIN,
        record_type="user_account",
        record_id=actor.user_id,
        detail={"first_admin": True},
    )


def finish_sign_in(
    db: Database, actor: Actor, password: str, parent: QWidget | None = None
) -> Actor | None:
    """Make `actor` the database's user, once a reset password has been replaced."""
    previous = db.actor
    db.actor = actor
    if must_change_password(db):
        change = ChangePasswordDialog(db, parent, forced=True, old_password=password)
        if not change.exec():
            db.actor = previous
            return None
    return actor
