"""The grouped input fields of one person, each with a place for its inline message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.masking import MASKED_FIELDS
from govdesk.domain.messages import Issue

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#b26a00"


# (field, label, code list or "date"/"text"/"notes"); the groups follow DOMAIN.md.
BASIC = [
    ("name", QT_TRANSLATE_NOOP("PersonForm", "姓名"), None),
    ("id_number", QT_TRANSLATE_NOOP("PersonForm", "公民身份号码"), None),
    ("sex", QT_TRANSLATE_NOOP("PersonForm", "性别"), codes.SEX),
    ("birth_date", QT_TRANSLATE_NOOP("PersonForm", "出生日期"), "date"),
    ("ethnicity", QT_TRANSLATE_NOOP("PersonForm", "民族"), codes.ETHNICITY),
    ("phone", QT_TRANSLATE_NOOP("PersonForm", "联系电话"), None),
    ("person_type", QT_TRANSLATE_NOOP("PersonForm", "人员类型"), codes.PERSON_TYPE),
    ("political_status", QT_TRANSLATE_NOOP("PersonForm", "政治面貌"), codes.POLITICAL_STATUS),
    ("education", QT_TRANSLATE_NOOP("PersonForm", "文化程度"), codes.EDUCATION),
    ("marital_status", QT_TRANSLATE_NOOP("PersonForm", "婚姻状况"), codes.MARITAL_STATUS),
    ("occupation", QT_TRANSLATE_NOOP("PersonForm", "职业"), None),
]
ADDRESS = [
    ("household_number", QT_TRANSLATE_NOOP("PersonForm", "户号"), None),
    ("relation_to_head", QT_TRANSLATE_NOOP("PersonForm", "与户主关系"), codes.RELATION),
    ("registered_address", QT_TRANSLATE_NOOP("PersonForm", "户籍地址"), None),
    ("current_address", QT_TRANSLATE_NOOP("PersonForm", "现住址"), None),
]
FLOATING = [
    ("residence_permit_no", QT_TRANSLATE_NOOP("PersonForm", "居住证号码"), None),
    ("arrival_date", QT_TRANSLATE_NOOP("PersonForm", "来本地日期"), "date"),
    ("arrival_reason", QT_TRANSLATE_NOOP("PersonForm", "来本地事由"), None),
    ("landlord", QT_TRANSLATE_NOOP("PersonForm", "房东"), None),
]
FOREIGN = [
    ("nationality", QT_TRANSLATE_NOOP("PersonForm", "国籍"), None),
    ("passport_no", QT_TRANSLATE_NOOP("PersonForm", "护照号码"), None),
]
# Fields of the person record itself (household_number belongs to the household).
PERSON_KEYS = [k for group in (BASIC, ADDRESS, FLOATING, FOREIGN) for k, _, _ in group] + ["notes"]
PERSON_KEYS.remove("household_number")


class PersonForm(QWidget):
    """Widgets in, plain values out: `values()` gives the raw dict the registry cleans."""

    changed = Signal()
    reveal_requested = Signal(str)  # a masked field whose full value the clerk asked for

    def __init__(self, care: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        # One per masked field, hidden until the dialog offers it (IDENTITY_REVEAL only).
        self.reveal_buttons: dict[str, QPushButton] = {}
        self.open_duplicate = QPushButton(
            QCoreApplication.translate("PersonForm", "打开已登记人员"), self
        )
        self.open_duplicate.setObjectName("openDuplicateButton")
        self.open_duplicate.hide()
        self.duplicate_person_id: str | None = None

        left = QVBoxLayout()
        left.addWidget(self._group(QCoreApplication.translate("PersonForm", "基本信息"), BASIC))
        left.addWidget(self._group(QCoreApplication.translate("PersonForm", "户籍与住址"), ADDRESS))
        left.addStretch(1)
        self.floating_box = self._group(
            QCoreApplication.translate("PersonForm", "流动人口"), FLOATING
        )
        self.foreign_box = self._group(
            QCoreApplication.translate("PersonForm", "境外人员"), FOREIGN
        )

        self.care_list = QListWidget(self)
        self.care_list.setObjectName("careList")
        for code, label in care:
            item = QListWidgetItem(label, self.care_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.care_list.itemChanged.connect(lambda _i: self.changed.emit())
        care_box = QGroupBox(QCoreApplication.translate("PersonForm", "关爱类别"), self)
        QVBoxLayout(care_box).addWidget(self.care_list)

        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("field_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.notes.textChanged.connect(self.changed.emit)
        self.widgets["notes"] = self.notes
        notes_box = QGroupBox(QCoreApplication.translate("PersonForm", "备注"), self)
        QVBoxLayout(notes_box).addWidget(self.notes)

        right = QVBoxLayout()
        right.addWidget(self.floating_box)
        right.addWidget(self.foreign_box)
        right.addWidget(care_box, 1)
        right.addWidget(notes_box)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.widgets["person_type"].currentIndexChanged.connect(self._show_type_groups)  # type: ignore[attr-defined]
        self._show_type_groups()

    def _group(self, title: str, fields: list[tuple[str, str, Any]]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, kind in fields:
            widget: QWidget
            if isinstance(kind, codes.CodeList):
                combo = QComboBox(box)
                if key != "person_type":
                    combo.addItem("", None)
                for c in kind:
                    combo.addItem(c.label, c.code)
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
                widget = combo
            else:
                edit = QLineEdit(box)
                if kind == "date":
                    edit.setPlaceholderText(
                        QCoreApplication.translate("PersonForm", "如 1990-03-07")
                    )
                edit.textChanged.connect(lambda _t: self.changed.emit())
                widget = edit
            widget.setObjectName(f"field_{key}")
            message = QLabel(box)
            message.setObjectName(f"message_{key}")
            message.setWordWrap(True)
            message.hide()
            cell = QVBoxLayout()
            cell.setSpacing(1)
            if key in MASKED_FIELDS:
                row = QHBoxLayout()
                row.addWidget(widget, 1)
                reveal = QPushButton(QCoreApplication.translate("PersonForm", "显示完整号码"), box)
                reveal.setObjectName(f"reveal_{key}")
                reveal.setAutoDefault(False)
                reveal.hide()
                reveal.clicked.connect(lambda _c=False, k=key: self.reveal_requested.emit(k))
                self.reveal_buttons[key] = reveal
                row.addWidget(reveal)
                if key == "id_number":
                    row.addWidget(self.open_duplicate)
                cell.addLayout(row)
            else:
                cell.addWidget(widget)
            cell.addWidget(message)
            caption = QLabel(QCoreApplication.translate("PersonForm", label) + "：", box)
            # One width for every group, so that fields line up across the boxes.
            caption.setMinimumWidth(self.fontMetrics().horizontalAdvance("公民身份号码：") + 6)
            caption.setBuddy(widget)
            form.addRow(caption, cell)
            self.widgets[key] = widget
            self.messages[key] = message
        return box

    def _show_type_groups(self) -> None:
        ptype = self.widgets["person_type"].currentData()  # type: ignore[attr-defined]
        self.floating_box.setVisible(ptype == "floating")
        self.foreign_box.setVisible(ptype == "foreign")

    def set_read_only(self) -> None:
        """For a role that may only look: the values show, nothing takes input."""
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(True)
            elif isinstance(widget, QComboBox):
                widget.setEnabled(False)
        for i in range(self.care_list.count()):
            item = self.care_list.item(i)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text().strip() or None
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText().strip() or None
        return out

    def person_values(self) -> dict[str, Any]:
        """The fields stored on the person (household number excluded)."""
        v = self.values()
        return {k: v.get(k) for k in PERSON_KEYS}

    def set_value(self, key: str, value: Any) -> None:
        widget = self.widgets[key]
        widget.blockSignals(True)
        try:
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QLineEdit):
                text = value.isoformat() if isinstance(value, dt.date) else (value or "")
                widget.setText(str(text))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
        finally:
            widget.blockSignals(False)
        if key == "person_type":
            self._show_type_groups()

    def set_values(self, values: dict[str, Any]) -> None:
        for key in self.widgets:
            if key in values:
                self.set_value(key, values[key])

    def care_codes(self) -> list[str]:
        out = []
        for i in range(self.care_list.count()):
            item = self.care_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_care_codes(self, care: list[str]) -> None:
        self.care_list.blockSignals(True)
        for i in range(self.care_list.count()):
            item = self.care_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in care
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.care_list.blockSignals(False)

    # -- messages ------------------------------------------------------------------------
    def show_issues(self, issues: list[Issue]) -> None:
        """Each field shows its own reasons: errors in red, warnings in amber."""
        by_field: dict[str, list[Issue]] = {}
        for issue in issues:
            key = issue.field if issue.field in self.messages else "name"
            by_field.setdefault(key, []).append(issue)
        self.duplicate_person_id = None
        for key, label in self.messages.items():
            found = by_field.get(key, [])
            widget = self.widgets[key]
            if not found:
                label.hide()
                label.clear()
                widget.setStyleSheet("")
                continue
            has_error = any(not i.warning for i in found)
            colour = ERROR_COLOUR if has_error else WARNING_COLOUR
            label.setText("；".join(i.message for i in found))
            label.setStyleSheet(f"color: {colour};")
            label.show()
            kind = "QComboBox" if isinstance(widget, QComboBox) else "QLineEdit"
            widget.setStyleSheet(f"{kind} {{ border: 1px solid {colour}; }}")
        for issue in issues:
            if issue.key == "id.duplicate" and issue.params.get("person_id"):
                self.duplicate_person_id = str(issue.params["person_id"])
        self.open_duplicate.setVisible(self.duplicate_person_id is not None)

    def message_text(self, key: str) -> str:
        label = self.messages[key]
        return label.text() if label.isVisible() or label.text() else ""
