"""The first-run dialog: names the office, creates its database and its administrator, as `govdesk init` does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.exchange import keys
from govdesk.services import accounts, office
from govdesk.store.database import Database
from govdesk.ui.login import first_admin_signed_in
from govdesk.ui.password_dialog import ERROR_STYLE, NewPasswordFields


def suggested_kind(division_code: str) -> str | None:
    """The kind a 12-digit code implies: its last three digits 001–199 are residents' committees,
    200–399 villagers' committees (the statistical division coding rules)."""
    code = division_code.strip()
    if len(code) != 12 or not code.isdigit():
        return None
    tail = int(code[9:])
    if 1 <= tail <= 199:
        return "community"
    if 200 <= tail <= 399:
        return "village"
    return None


class FirstRunDialog(QDialog):
    """Asks for the office name, division code and kind, and for the administrator's name and
    password; on OK creates the database with that administrator signed in (`database.actor`)."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.database: Database | None = None
        self._kind_touched = False
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("新建单位数据库"))

        intro = QLabel(self.tr("欢迎使用 govdesk。请填写本单位的基本信息，程序将新建数据库文件："))
        intro.setWordWrap(True)
        where = QLabel(str(self.path))
        where.setObjectName("firstRunPath")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("officeName")
        self.name_edit.setPlaceholderText(self.tr("如：幸福社区居民委员会"))
        self.name_error = self._error_label("officeNameError")

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("divisionCode")
        self.code_edit.setPlaceholderText(self.tr("12位数字，如：110105001001"))
        self.code_edit.setValidator(QRegularExpressionValidator(r"[0-9０-９]{0,12}"))
        self.code_error = self._error_label("divisionCodeError")

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("officeKind")
        self.kind_combo.addItem(self.tr("社区（居委会）"), "community")
        self.kind_combo.addItem(self.tr("村（村委会）"), "village")

        # Nothing ships with a fixed password: whoever creates the office sets the first one.
        admin_intro = QLabel(
            self.tr("管理员账户：用它登录，并为同事建立账户。请牢记密码，程序中没有预设的密码。")
        )
        admin_intro.setWordWrap(True)
        self.admin_edit = QLineEdit()
        self.admin_edit.setObjectName("adminUser")
        self.admin_edit.setPlaceholderText(self.tr("如：admin"))
        self.admin_error = self._error_label("adminUserError")
        self.admin_fields = NewPasswordFields("admin", self)
        self.password_error = self._error_label("adminPasswordError")

        self.general_error = self._error_label("firstRunError")

        form = QFormLayout()
        form.addRow(self.tr("单位名称(&N)："), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(self.tr("统计用区划代码(&C)："), self.code_edit)
        form.addRow("", self.code_error)
        form.addRow(self.tr("单位类型(&K)："), self.kind_combo)
        form.addRow(admin_intro)
        form.addRow(self.tr("管理员用户名(&U)："), self.admin_edit)
        form.addRow("", self.admin_error)
        self.admin_fields.add_to(form)
        form.addRow("", self.password_error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

        self.name_edit.textEdited.connect(lambda _t: self.name_error.hide())
        self.admin_edit.textEdited.connect(lambda _t: self.admin_error.hide())
        self.code_edit.textChanged.connect(self._code_edited)
        self.kind_combo.activated.connect(self._kind_chosen)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _code_edited(self, text: str) -> None:
        self.code_error.hide()
        kind = suggested_kind(_ascii_digits(text))
        if kind and not self._kind_touched:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def _kind_chosen(self, _index: int) -> None:
        self._kind_touched = True

    def values(self) -> dict[str, str]:
        return {
            "name": self.name_edit.text().strip(),
            "division_code": _ascii_digits(self.code_edit.text()),
            "kind": str(self.kind_combo.currentData()),
        }

    def validate(self) -> bool:
        """Show each problem under its field; True when there is none."""
        v = self.values()
        labels = {"name": self.name_error, "division_code": self.code_error}
        for label in labels.values():
            label.hide()
        self.admin_error.hide()
        self.password_error.hide()
        issues = office.check_office(v["name"], v["division_code"])
        for issue in issues:
            label = labels.get(issue.field, self.general_error)
            label.setText(issue.message)
            label.show()
        admin = self.admin_edit.text().strip()
        admin_problem = "" if admin else self.tr("请填写管理员用户名")
        if admin_problem:
            self.admin_error.setText(admin_problem)
            self.admin_error.show()
        password_problems = self.admin_fields.problems(admin) if admin else []
        if password_problems:
            self.password_error.setText("\n".join(password_problems))
            self.password_error.show()
            self.admin_fields.clear()
        # The reasons take room the dialog did not have before.
        self.layout().activate()
        self.adjustSize()
        if issues:
            field = issues[0].field
            (self.code_edit if field == "division_code" else self.name_edit).setFocus()
        elif admin_problem:
            self.admin_edit.setFocus()
        elif password_problems:
            self.admin_fields.first.setFocus()
        return not issues and not admin_problem and not password_problems

    def accept(self) -> None:
        self.general_error.hide()
        if not self.validate():
            return
        v = self.values()
        if self.database is None:  # a second OK after the administrator was refused
            try:
                self.database = office.init_database(
                    self.path, name=v["name"], division_code=v["division_code"], kind=v["kind"]
                )
                # The exchange keys are made at first run: the fingerprint can be read out
                # to the township from day one.
                keys.own_keys(self.database)
            except DomainError as exc:
                self._show_general(str(exc))
                return
            except OSError as exc:
                self._show_general(
                    self.tr("无法在该位置新建文件：%1").replace("%1", exc.strerror or str(exc))
                )
                return
        try:
            actor = accounts.create_first_admin(
                self.database,
                username=self.admin_edit.text().strip(),
                password=self.admin_fields.password(),
            )
        except DomainError as exc:
            self.admin_fields.clear()
            self._show_general(str(exc))
            return
        first_admin_signed_in(self.database, actor)
        super().accept()

    def reject(self) -> None:
        # An office created without its administrator: the next start asks for one.
        if self.database is not None and self.database.actor is None:
            self.database.close()
            self.database = None
        super().reject()

    def _show_general(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()
        self.adjustSize()


def _ascii_digits(text: str) -> str:
    # Chinese input methods often type full-width digits.
    return text.strip().replace(" ", "").translate({0xFF10 + i: ord("0") + i for i in range(10)})
