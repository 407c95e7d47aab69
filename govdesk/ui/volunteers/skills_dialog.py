"""技能设置 (admin): rename a skill, switch one off, add the office's own."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget
from sqlmodel import Session

from govdesk.store.database import Database
from govdesk.ui.volunteers.common import VolunteerDialog


class SkillsDialog(VolunteerDialog):
    """One row per skill: its name and 启用; a box at the end for a new one."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="skills")
        from govdesk.services import volunteers

        self.setWindowTitle(self.tr("技能设置"))
        self.settings = volunteers.skill_settings(db)
        self.edits: dict[str, QLineEdit] = {}
        self.boxes: dict[str, QCheckBox] = {}
        for code, label in self.settings.all_labels().items():
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            edit = QLineEdit(label, row)
            edit.setObjectName(f"skillLabel_{code}")
            box = QCheckBox(self.tr("启用"), row)
            box.setObjectName(f"skillEnabled_{code}")
            box.setChecked(code not in self.settings.disabled)
            line.addWidget(edit, 1)
            line.addWidget(box)
            self.form.addRow(self.tr("技能："), row)
            self.edits[code] = edit
            self.boxes[code] = box
        self.new_skill = self.line(
            "New", self.tr("新增技能："), placeholder=self.tr("本社区自己的技能，如 手工编织")
        )
        self.finish(420)

    def apply(self, session: Session) -> None:
        from govdesk.domain import volunteers as rules
        from govdesk.services import volunteers

        labels = {code: edit.text() for code, edit in self.edits.items()}
        disabled = [code for code, box in self.boxes.items() if not box.isChecked()]
        extra = self.new_skill.text().strip()
        if extra:
            labels[rules.next_custom_code(self.settings)] = extra
        volunteers.set_skills(session, labels, disabled)
