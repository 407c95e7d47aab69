"""Dialogs of the backup menu: setting the backup passphrase, and asking for it to restore."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from govdesk.services import backups


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PassphraseDialog(QDialog):
    """Set the backup passphrase, or change it (with the current one, or a new key)."""

    def __init__(self, has_key: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupPassphraseDialog")
        self.setWindowTitle(self.tr("设置备份口令"))
        self.has_key = has_key
        intro = QLabel(
            self.tr(
                "备份口令用来加密所有备份文件，包括每天的自动备份和升级前的备份。"
                "自动备份不需要输入口令；恢复备份时需要。\n"
                "请牢记并妥善保管：忘记口令，加密的备份就无法恢复。至少 %1 个字符。"
            ).replace("%1", str(backups.PASSPHRASE_MIN))
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.old_edit = _password_edit("oldPassphrase")
        self.new_edit = _password_edit("newPassphrase")
        self.repeat_edit = _password_edit("repeatPassphrase")
        self.new_key_check = QCheckBox(
            self.tr("忘记了当前口令：生成新的密钥（以前的备份仍需原来的口令才能恢复）")
        )
        self.new_key_check.setObjectName("newBackupKey")
        if has_key:
            form.addRow(self.tr("当前口令："), self.old_edit)
        form.addRow(self.tr("新口令："), self.new_edit)
        form.addRow(self.tr("再输入一次："), self.repeat_edit)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("passphraseOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if has_key:
            layout.addWidget(self.new_key_check)
            self.new_key_check.toggled.connect(lambda on: self.old_edit.setEnabled(not on))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    @property
    def new_key(self) -> bool:
        return self.has_key and self.new_key_check.isChecked()

    def old_passphrase(self) -> str | None:
        return self.old_edit.text() if self.has_key and not self.new_key else None

    def passphrase(self) -> str:
        return self.new_edit.text()

    def problem_text(self) -> str | None:
        """What is wrong with the fields, or None."""
        issues = backups.passphrase_issues(self.new_edit.text())
        if issues:
            return issues[0].message
        if self.new_edit.text() != self.repeat_edit.text():
            return self.tr("两次输入的口令不一致")
        if self.has_key and not self.new_key and not self.old_edit.text():
            return self.tr("请输入当前口令")
        return None

    def accept(self) -> None:
        problem = self.problem_text()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()


def ask_passphrase(parent: QWidget | None, file_name: str) -> str | None:
    """The backup passphrase typed for restoring `file_name`, or None when cancelled."""
    translate = QCoreApplication.translate
    text, ok = QInputDialog.getText(
        parent,
        translate("backup", "备份口令"),
        translate("backup", "恢复“%1”需要备份口令：").replace("%1", file_name),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None
