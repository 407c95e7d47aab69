"""Password entry shared by the sign-in dialogs: a new password typed twice, and changing one's own."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.services import accounts
from govdesk.store.database import Database

ERROR_STYLE = "color: #b3261e;"
RULE_STYLE = "color: #555555;"


def error_label(name: str) -> QLabel:
    """A red line for a refusal, hidden until there is something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewPasswordFields(QWidget):
    """A new password, typed twice, with the strength rule shown beside it.

    `problems(username)` returns the reasons in words (the service's rule, then a mismatch);
    the fields are added to a QFormLayout the caller owns.
    """

    def __init__(self, prefix: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.first = password_edit(f"{prefix}Password")
        self.second = password_edit(f"{prefix}PasswordAgain")
        self.rule = QLabel(
            self.tr("密码至少 %1 个字符，不能与用户名相同。建议混用字母、数字和符号。").replace(
                "%1", str(accounts.MIN_PASSWORD_LENGTH)
            )
        )
        self.rule.setObjectName(f"{prefix}PasswordRule")
        self.rule.setStyleSheet(RULE_STYLE)
        self.rule.setWordWrap(True)

    def add_to(self, form: QFormLayout, label: str | None = None) -> None:
        form.addRow(label or self.tr("新密码(&P)："), self.first)
        form.addRow(self.tr("再次输入(&A)："), self.second)
        form.addRow("", self.rule)

    def password(self) -> str:
        return self.first.text()

    def problems(self, username: str) -> list[str]:
        found = [i.message for i in accounts.password_issues(username, self.first.text())]
        if not found and self.first.text() != self.second.text():
            found.append(self.tr("两次输入的密码不一致"))
        return found

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


class ChangePasswordDialog(QDialog):
    """The signed-in user changes their own password.

    `forced` (the administrator reset it, or it is the first sign-in): the password just typed
    at sign-in is passed as `old_password`, so it is not asked again, and there is no way round.
    """

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        forced: bool = False,
        old_password: str | None = None,
    ):
        super().__init__(parent)
        assert db.actor is not None
        self.db = db
        self.username = db.actor.username
        self._known_old = old_password
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("修改密码"))

        layout = QVBoxLayout(self)
        if forced:
            why = QLabel(
                self.tr("管理员为您设置了临时密码。请先设置您自己的新密码，然后开始工作。")
            )
            why.setObjectName("changePasswordReason")
            why.setWordWrap(True)
            layout.addWidget(why)
        form = QFormLayout()
        who = QLabel(self.username)
        who.setObjectName("changePasswordUser")
        form.addRow(self.tr("用户名："), who)
        self.old_edit = password_edit("oldPassword")
        if old_password is None:
            form.addRow(self.tr("当前密码(&O)："), self.old_edit)
        else:
            self.old_edit.hide()
        self.fields = NewPasswordFields("new", self)
        self.fields.add_to(form)
        layout.addLayout(form)
        self.message = error_label("changePasswordMessage")
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("修改密码"))
        self.ok_button.setObjectName("changePasswordButton")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("退出登录") if forced else self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        (self.fields.first if old_password is not None else self.old_edit).setFocus()

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.adjustSize()

    def accept(self) -> None:
        old = self._known_old if self._known_old is not None else self.old_edit.text()
        if not old:
            self.show_problem(self.tr("请输入当前密码"))
            self.old_edit.setFocus()
            return
        problems = self.fields.problems(self.username)
        if not problems and self.fields.password() == old:
            problems = [self.tr("新密码不能与当前密码相同")]
        if problems:
            self.show_problem("\n".join(problems))
            self.fields.clear()
            self.fields.first.setFocus()
            return
        try:
            accounts.change_password(self.db, old_password=old, new_password=self.fields.password())
        except DomainError as exc:
            self.show_problem(str(exc))
            self.old_edit.clear()
            self.fields.clear()
            (self.old_edit if self._known_old is None else self.fields.first).setFocus()
            return
        super().accept()
