"""岗位名称设置: the office renames grid staff roles or switches unused ones off (administrator)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget
from sqlmodel import Session

from govdesk.domain import grids as rules
from govdesk.domain.messages import DomainError
from govdesk.services import grid_staff
from govdesk.store.database import Database
from govdesk.ui.grids.grid_dialogs import GridDialog
from govdesk.ui.mediation.dialog_base import ERROR_COLOUR


class RoleLabelsDialog(GridDialog):
    """One line per role: the built-in name, the office's name (editable), 使用 (on/off) and,
    on bad input, the message beside that role's box."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="roleLabels")
        self.setWindowTitle(self.tr("岗位名称设置"))
        settings = grid_staff.role_settings(db)
        self.edits: dict[str, QLineEdit] = {}
        self.uses: dict[str, QCheckBox] = {}
        self.problems: dict[str, QLabel] = {}
        note = QLabel(
            self.tr(
                "可按本社区的叫法修改岗位名称（最多 %1 个字）；不用的岗位取消“使用”后，"
                "任命时不再列出，已有的任职照常显示。"
            ).replace("%1", str(rules.ROLE_LABEL_MAX)),
            self,
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        for c in rules.STAFF_ROLES:
            # The stored names are the office's Chinese names, whatever the interface language.
            edit = QLineEdit(settings.labels.get(c.code, c.zh), self)
            edit.setObjectName(f"roleLabels_{c.code}")
            edit.setMaxLength(rules.ROLE_LABEL_MAX + 10)  # the service says what is too long
            edit.setPlaceholderText(c.zh)
            edit.setToolTip(self.tr("留空不行；填回“%1”即恢复默认名称").replace("%1", c.zh))
            use = QCheckBox(self.tr("使用"), self)
            use.setObjectName(f"roleLabelsUse_{c.code}")
            use.setChecked(c.code not in settings.disabled)
            problem = QLabel(self)
            problem.setObjectName(f"roleLabelsProblem_{c.code}")
            problem.setStyleSheet(f"color: {ERROR_COLOUR};")
            problem.setWordWrap(True)
            # Always in the row (empty until needed): the box keeps its width when a
            # message appears.
            row = QHBoxLayout()
            row.addWidget(edit, 3)
            row.addWidget(use)
            row.addWidget(problem, 2)
            self.form.addRow(c.label, row)  # the built-in name, in the interface language
            self.edits[c.code] = edit
            self.uses[c.code] = use
            self.problems[c.code] = problem
            edit.textEdited.connect(lambda _t, code=c.code: self._clear(code))
        self.finish(720)

    def _clear(self, code: str) -> None:
        self.problems[code].clear()

    def labels(self) -> dict[str, str]:
        return {code: edit.text() for code, edit in self.edits.items()}

    def disabled(self) -> set[str]:
        return {code for code, box in self.uses.items() if not box.isChecked()}

    def save(self) -> bool:
        for code in self.problems:
            self._clear(code)
        return super().save()

    def apply(self, session: Session) -> None:
        grid_staff.set_role_labels(session, self.labels(), self.disabled())

    def show_problem(self, exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            super().show_problem(exc)
            return
        elsewhere = []
        first: QLineEdit | None = None
        for issue in exc.issues:
            label = self.problems.get(issue.field)
            if label is None:
                elsewhere.append(issue.message)
                continue
            label.setText(issue.message)
            first = first or self.edits[issue.field]
        placed = len(exc.issues) - len(elsewhere)
        summary = [self.tr("有 %1 处需要修改，见岗位右侧的红字。").replace("%1", str(placed))]
        self.error.setText("\n".join(elsewhere if elsewhere else summary))
        if first is not None:
            first.setFocus()
            first.selectAll()
