"""The frame every mediation dialog shares: a form, an inline message, 确定/取消, one transaction."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain.codes import CodeList
from govdesk.domain.messages import DomainError, Issue
from govdesk.store.database import Database
from govdesk.ui.ops import error_text

ERROR_COLOUR = "#b00020"


def qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else QDate.currentDate()


def pydate(edit: QDateEdit) -> dt.date:
    return edit.date().toPython()  # type: ignore[return-value]


class TextBox(QPlainTextEdit):
    """A text box as tall as `lines` lines to begin with; it grows with the dialog."""

    def __init__(self, text: str, parent: QWidget, *, lines: int):
        super().__init__(text, parent)
        self.lines = lines
        self.setMinimumHeight(self._height(min(lines, 2)))

    def _height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 10

    def sizeHint(self) -> QSize:
        return QSize(320, self._height(self.lines))


class MediationDialog(QDialog):
    """Subclasses build their fields into `self.form` and write in `apply(session)`.

    `save()` runs `apply` in one transaction: a DomainError leaves the database as it was
    and its message stays in the dialog (the clerk corrects the field and tries again).
    """

    def __init__(self, db: Database, parent: QWidget | None, *, name: str):
        super().__init__(parent)
        self.db = db
        self.name = name
        self.changed = False
        self.enter_areas: list[QWidget] = []
        self.setObjectName(f"{name}Dialog")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}Error")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.ok_button.setObjectName(f"{name}Ok")
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setObjectName(f"{name}Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # The form (and any side column a dialog adds to `columns`) scrolls: a 1366×768
        # office screen must still show the buttons of the longest record.
        self.body = QWidget(self)
        self.body.setObjectName(f"{name}Body")
        self.columns = QHBoxLayout(self.body)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.addLayout(self.form, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.scroll, 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter in a search box or a sub-form (the party picker) acts there, not as 确定.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if focus is not None and any(
                area is focus or area.isAncestorOf(focus) for area in self.enter_areas
            ):
                event.accept()
                return
        super().keyPressEvent(event)

    def finish(self, width: int = 520) -> None:
        """Message and buttons go last; the dialog opens as large as its form, within the screen."""
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        self.columns.invalidate()
        self.columns.activate()
        hint = self.columns.totalSizeHint()
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        margins = self.layout_.contentsMargins()
        extra = (
            self.buttons.sizeHint().height()
            + self.error.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 3 * self.layout_.spacing()
            + 8
        )
        w = min(max(width, hint.width() + 40), int(screen.width() * 0.95))
        h = min(hint.height() + extra, int(screen.height() * 0.9))
        self.resize(w, h)

    # -- building fields ---------------------------------------------------------------------

    def _named(self, widget: QWidget, suffix: str) -> QWidget:
        widget.setObjectName(f"{self.name}{suffix}")
        return widget

    def line(self, suffix: str, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        self.form.addRow(label, self._named(edit, suffix))
        return edit

    def text_box(
        self, suffix: str, label: str, text: str = "", placeholder: str = "", lines: int = 3
    ) -> QPlainTextEdit:
        box = TextBox(text, self, lines=lines)
        box.setTabChangesFocus(True)
        if placeholder:
            box.setPlaceholderText(placeholder)
        self.form.addRow(label, self._named(box, suffix))
        return box

    def date_edit(
        self,
        suffix: str,
        label: str | QWidget,
        day: dt.date | None = None,
        *,
        earliest: dt.date | None = None,
        latest_today: bool = True,
    ) -> QDateEdit:
        edit = QDateEdit(qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        if earliest is not None:
            # The services refuse a date before registration; the picker does not offer one.
            edit.setMinimumDate(qdate(earliest))
        if latest_today:
            edit.setMaximumDate(QDate.currentDate())
        self.form.addRow(label, self._named(edit, suffix))
        return edit

    def datetime_edit(
        self, suffix: str, label: str, *, earliest: dt.date | None = None
    ) -> QDateTimeEdit:
        now = QDateTime.currentDateTime()
        now.setTime(QTime(now.time().hour(), 0))
        edit = QDateTimeEdit(now, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        if earliest is not None:
            edit.setMinimumDate(qdate(earliest))
        self.form.addRow(label, self._named(edit, suffix))
        return edit

    def combo(
        self,
        suffix: str,
        label: str,
        codes: CodeList,
        current: str | None = None,
        *,
        blank: str | None = None,
    ) -> QComboBox:
        box = QComboBox(self)
        if blank is not None:
            box.addItem(blank, None)
        for c in codes:
            box.addItem(c.label, c.code)
        if current is not None:
            index = box.findData(current)
            if index >= 0:
                box.setCurrentIndex(index)
        self.form.addRow(label, self._named(box, suffix))
        return box

    def text_combo(
        self, suffix: str, label: str, items: list[str], *, editable: bool = False
    ) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(editable)
        box.addItems(items)
        self.form.addRow(label, self._named(box, suffix))
        return box

    def info(self, suffix: str, label: str, text: str) -> QLabel:
        shown = QLabel(text, self)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setWordWrap(True)
        self.form.addRow(label, self._named(shown, suffix))
        return shown

    # -- saving ------------------------------------------------------------------------------

    def apply(self, session: Session) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def check(self) -> list[str]:
        """Problems found before the services are asked (e.g. an empty required box)."""
        return []

    def show_problem(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))

    def save(self) -> bool:
        self.error.clear()
        try:
            problems = self.check()
            if problems:
                self.error.setText("\n".join(problems))
                return False
            with self.db.session() as s:
                self.apply(s)
        except DomainError as exc:
            self.show_problem(exc)
            return False
        self.changed = True
        self.saved()
        self.accept()
        return True

    def saved(self) -> None:
        """After the transaction committed (e.g. to say which number the case got)."""


def required(label: str, text: str) -> list[str]:
    """The message for an empty required box, as the services word it."""
    return [] if text.strip() else [Issue("", "required", {"field": label}).message]


def signed_in_name(db: Database) -> str:
    """The signed-in user's name as forms show it (立卷人, 回访人): display name, else username."""
    from govdesk.services import accounts

    try:
        info = accounts.account_info(db)
    except DomainError:
        actor = getattr(db, "actor", None)
        return actor.username if actor is not None else ""
    return info.display_name or info.username
