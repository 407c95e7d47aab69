"""Add or edit one resident, with inline validation as the clerk types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.masking import MASKED_FIELDS
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.domain.validation import errors
from govdesk.services import authz, privacy, registry
from govdesk.store.database import Database
from govdesk.ui.residents import commands
from govdesk.ui.residents.person_form import ERROR_COLOUR, PersonForm


class PersonDialog(QDialog):
    """`saved(person_id)` is emitted after a successful write; nothing is stored on errors."""

    saved = Signal(str)
    open_person_requested = Signal(str)
    print_requested = Signal(str)

    def __init__(
        self,
        db: Database,
        person_id: str | None = None,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        on_change: Callable[[str], None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.db = db
        self.person_id = person_id
        self.undo_stack = undo_stack
        self.on_change = on_change or (lambda _pid: None)
        self.original: dict[str, Any] = {}
        self.original_care: list[str] = []
        self.household_id: str | None = None
        self.status = "on_register"
        self._confirmed_warning = False
        self.issues: list[Issue] = []
        # A role that may only look gets the values and no way to change them.
        # Reveals and prints are audited: a read-only file cannot record them.
        writable = not getattr(db, "read_only", False)
        self.may_edit = authz.can(db, Permission.RESIDENT_EDIT) and writable
        may_reveal = authz.can(db, Permission.IDENTITY_REVEAL) and writable

        with db.session() as s:
            # Only the categories the role may see: sensitive ones are absent, not greyed.
            care = [(c.code, c.name_zh) for c in registry.care_categories(s)]
            if person_id:
                p = registry.get_person(s, person_id=person_id)
                # Numbers come masked; a reveal (audited) puts one in full into the form.
                self.original = registry.person_form_values(s, person_id=person_id)
                self.original_care = [
                    c.category_code for c in registry.person_care(s, person_id=p.id)
                ]
                self.household_id = p.household_id
                self.status = p.status
                hh = (
                    registry.get_household(s, household_id=p.household_id)
                    if p.household_id
                    else None
                )
                self.original["household_number"] = hh.household_number if hh else None

        self.form = PersonForm(care, self)
        self.form.set_values(self.original)
        self.form.set_care_codes(self.original_care)
        if person_id:
            # Moving between households happens in the household view (move_person keeps one head).
            self.form.widgets["household_number"].setEnabled(False)
            self.form.widgets["household_number"].setToolTip(self.tr("请在“户信息”中迁入迁出"))
        if self.may_edit:
            self.form.changed.connect(self._on_edit)
        else:
            self.form.set_read_only()
        self.form.open_duplicate.clicked.connect(self._open_duplicate)
        if person_id and may_reveal:
            for key, button in self.form.reveal_buttons.items():
                button.setVisible(privacy.is_masked_text(self.original.get(key)))
            self.form.reveal_requested.connect(self.reveal)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)

        self.summary = QLabel(self)
        self.summary.setObjectName("personSummary")
        self.summary.setWordWrap(True)
        status_text = codes.RESIDENT_STATUS.label(self.status)
        head = QLabel(
            self.tr("状态：{status}").format(status=status_text)
            if person_id
            else self.tr("新登记居民"),
            self,
        )
        self.status_button = QPushButton(self.tr("状态变更…"), self)
        self.status_button.setObjectName("statusButton")
        self.status_button.setVisible(person_id is not None and self.may_edit)
        self.status_button.clicked.connect(self._change_status)
        top = QHBoxLayout()
        top.addWidget(head)
        top.addStretch(1)
        self.print_button = QPushButton(self.tr("打印登记表"), self)
        self.print_button.setObjectName("printPersonButton")
        self.print_button.setVisible(person_id is not None and writable)
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.person_id or ""))
        self.status_button.setAutoDefault(False)
        top.addWidget(self.print_button)
        top.addWidget(self.status_button)

        if self.may_edit:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        name = self.original.get("name")
        self.setWindowTitle(
            self.tr("居民信息 - {name}").format(name=name) if name else self.tr("新增居民")
        )
        self.resize(980, 720)
        self.form.widgets["name"].setFocus()
        if person_id and self.may_edit:
            self.validate()

    # -- reveal --------------------------------------------------------------------------
    def reveal(self, key: str) -> bool:
        """Put the full value of one masked field into the form (audited by the service)."""
        if self.person_id is None:
            return False
        try:
            value = privacy.reveal(self.db, self.person_id, key)
        except DomainError as exc:
            self.summary.setText("\n".join(i.message for i in exc.issues))
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
            return False
        self.original[key] = value
        self.form.set_value(key, value)
        self.form.reveal_buttons[key].hide()
        if self.may_edit:
            self.validate()
        return True

    # -- validation ----------------------------------------------------------------------
    def _on_edit(self) -> None:
        self._confirmed_warning = False
        self.validate()

    def validate(self) -> list[Issue]:
        """Check without storing and show each reason beside its field."""
        raw = self.form.person_values()
        with self.db.session() as s:
            values, issues = registry.check_person(s, raw, exclude_id=self.person_id)
        # Fill what the ID number tells, only where the clerk left the field empty.
        for key in ("birth_date", "sex"):
            if raw.get(key) in (None, "") and values.get(key) is not None:
                self.form.set_value(key, values[key])
        self.issues = issues
        self.form.show_issues(issues)
        n_err = len(errors(issues))
        if n_err:
            self.summary.setText(self.tr("有 {n} 处错误，改正后才能保存").format(n=n_err))
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        else:
            self.summary.clear()
        return issues

    def message_for(self, key: str) -> str:
        return self.form.message_text(key)

    # -- saving --------------------------------------------------------------------------
    def _changes(self, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        raw = self.form.person_values()
        new, old = {}, {}
        for key in raw:
            cleaned = values.get(key)
            if cleaned != self.original.get(key):
                new[key] = raw[key]
                old[key] = self.original.get(key)
        return new, old

    def save(self) -> bool:
        self._command: QUndoCommand | None = None
        if not self.may_edit:
            return False
        raw = self.form.person_values()
        issues = self.validate()
        if errors(issues):
            self._focus_first_error(issues)
            return False
        warn_dup = any(i.key == "name.duplicate" for i in issues)
        if warn_dup and not self._confirmed_warning:
            # Ask once, without a modal box: the amber warning is already beside the name.
            self.summary.setText(
                self.tr("已有同名同出生日期的人员。确认不是重复登记后，再按一次“保存”。")
            )
            self._confirmed_warning = True
            return False
        try:
            with self.db.session() as s:
                pid = self._create(s, raw) if self.person_id is None else self._update(s)
        except DomainError as exc:
            self.form.show_issues(exc.issues)
            self.summary.setText("\n".join(i.message for i in exc.issues))
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
            return False
        if self._command is not None and self.undo_stack is not None:
            self.undo_stack.push(self._command)
        self.person_id = pid
        self.on_change(pid)
        self.saved.emit(pid)
        self.accept()
        return True

    def _create(self, s: Any, raw: dict[str, Any]) -> str:
        household_id = None
        number = self.form.values().get("household_number")
        if number:
            hh = registry.find_household(s, household_number=number)
            if hh is None:
                hh = registry.create_household(
                    s, household_number=number, address=raw.get("current_address") or ""
                )
            household_id = hh.id
        result = registry.create_person(
            s, data=raw, household_id=household_id, care_codes=self.form.care_codes()
        )
        pid = result.person.id
        self._command = commands.create_command(
            self.db, pid, result.person.name, self.on_change, self.parentWidget()
        )
        return pid

    def _update(self, s: Any) -> str:
        assert self.person_id is not None
        values, _ = registry.check_person(s, self.form.person_values(), exclude_id=self.person_id)
        new, old = self._changes(values)
        care = self.form.care_codes()
        care_changed = sorted(care) != sorted(self.original_care)
        if new:
            registry.update_person(s, person_id=self.person_id, changes=new)
        if care_changed:
            registry.set_care_categories(s, person_id=self.person_id, category_codes=care)
        # A number changed without being revealed first: its old value never reached this
        # form, so there is nothing to undo it to; the audit trail keeps the change.
        blind = any(privacy.is_masked_text(old.get(k)) for k in MASKED_FIELDS)
        if (new or care_changed) and not blind:
            self._command = commands.EditPersonCommand(
                self.db,
                self.person_id,
                old=old,
                new=new,
                old_care=self.original_care if care_changed else None,
                new_care=care if care_changed else None,
                name=values.get("name") or self.original.get("name") or "",
                on_change=self.on_change,
                parent_widget=self.parentWidget(),
            )
        return self.person_id

    def _focus_first_error(self, issues: list[Issue]) -> None:
        for issue in errors(issues):
            widget = self.form.widgets.get(issue.field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # -- links ---------------------------------------------------------------------------
    def _open_duplicate(self) -> None:
        if self.form.duplicate_person_id:
            self.open_person_requested.emit(self.form.duplicate_person_id)

    def _change_status(self) -> None:
        if self.person_id is None:
            return
        from govdesk.ui.residents.status_dialog import StatusDialog

        dlg = StatusDialog(
            self.db,
            self.person_id,
            self,
            undo_stack=self.undo_stack,
            on_change=self.on_change,
        )
        if dlg.exec():
            self.reject()  # the list shows the new status; this form's values are stale
