"""The filter bar of the volunteer list: search box, status, skill, team and 双报到."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

# Typing waits this long after the last key before the list is filtered again.
DEBOUNCE_MS = 150


class VolunteerFilterBar(QWidget):
    """Emits `changed` at once for the choices and after a pause for typing."""

    changed = Signal()
    to_results = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from govdesk.domain import volunteers as rules

        self.search = QLineEdit(self)
        self.search.setObjectName("volunteerSearch")
        self.search.setPlaceholderText(self.tr("姓名、拼音、编号、电话或身份证后四位"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)

        self.status = QComboBox(self)
        self.status.setObjectName("volunteerStatusFilter")
        self.status.addItem(self.tr("全部状态"), None)
        for c in rules.VOLUNTEER_STATUS:
            self.status.addItem(c.label, c.code)
        self.status.setCurrentIndex(1)  # the volunteers on the roll, to begin with

        self.skill = QComboBox(self)
        self.skill.setObjectName("volunteerSkillFilter")
        self.team = QComboBox(self)
        self.team.setObjectName("volunteerTeamFilter")
        self.dual = QCheckBox(self.tr("双报到"), self)
        self.dual.setObjectName("volunteerDualFilter")
        self.dual.setToolTip(self.tr("只显示到社区报到的在职党员"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("volunteerCount")

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        for box in (self.status, self.skill, self.team):
            box.currentIndexChanged.connect(self._now)
        self.dual.toggled.connect(self._now)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("查找："), self))
        row.addWidget(self.search, 3)
        row.addWidget(self.status)
        row.addWidget(self.skill)
        row.addWidget(self.team)
        row.addWidget(self.dual)
        row.addStretch(1)
        row.addWidget(self.count_label)

    def set_choices(self, skills: dict[str, str], teams: list[tuple[str, str]]) -> None:
        """The office's skills and teams; the current choice stays when still offered."""
        for box, blank, items in (
            (self.skill, self.tr("全部技能"), list(skills.items())),
            (self.team, self.tr("全部队伍"), teams),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(blank, None)
            for code, label in items:
                box.addItem(label, code)
            index = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def _now(self, *_args) -> None:
        self.timer.stop()
        self.changed.emit()

    def flush(self) -> bool:
        if not self.timer.isActive():
            return False
        self.timer.stop()
        self.changed.emit()
        return True

    def values(self) -> dict[str, Any]:
        return {
            "text": self.search.text().strip(),
            "status": self.status.currentData(),
            "skill": self.skill.currentData(),
            "team_id": self.team.currentData(),
            "dual_report": True if self.dual.isChecked() else None,
        }

    def clear(self) -> None:
        widgets = (self.search, self.status, self.skill, self.team, self.dual)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.skill.setCurrentIndex(0)
        self.team.setCurrentIndex(0)
        self.dual.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self.timer.stop()

    def show_count(self, shown: int, more: bool) -> None:
        text = self.tr("共 %1 人").replace("%1", f"{shown:,}{'+' if more else ''}")
        self.count_label.setText(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush()
                self.to_results.emit()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(obj, event)
