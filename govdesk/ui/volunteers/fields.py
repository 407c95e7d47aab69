"""Widgets for the volunteer's own fields: skills, weekdays, times of day, 双报到 details."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)


def split_codes(value: str | Iterable[str] | None) -> list[str]:
    from govdesk.domain.volunteers import split_codes as split

    return split(value)


class CheckList(QListWidget):
    """Checkable items (code, label); `codes()` gives the checked codes joined by ","."""

    def __init__(self, items: dict[str, str], checked: Iterable[str], parent: QWidget):
        super().__init__(parent)
        chosen = set(checked)
        for code, label in items.items():
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        rows = max(1, (len(items) + 5) // 6)
        # Room for the rows a usual dialog width wraps them into, and one spare.
        self.setMinimumHeight(self.fontMetrics().height() * (rows + 1) + 16)
        self.setMaximumHeight(self.fontMetrics().height() * (rows + 3) + 24)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("信息技术") * 4 + 120)

    def checked(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, codes: Iterable[str]) -> None:
        chosen = set(codes)
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def codes(self) -> str:
        return ",".join(self.checked())


class WeekdayBoxes(QWidget):
    """周一 … 周日 as seven boxes; `value()` is "135" for Monday, Wednesday, Friday."""

    def __init__(self, value: str, parent: QWidget):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        from govdesk.domain.volunteers import weekday_label

        for i in range(1, 8):
            box = QCheckBox(weekday_label(i), self)
            box.setObjectName(f"volunteerDay{i}")
            box.setChecked(str(i) in (value or ""))
            row.addWidget(box)
            self.boxes.append(box)
        row.addStretch(1)

    def value(self) -> str:
        return "".join(str(i) for i, b in enumerate(self.boxes, start=1) if b.isChecked())


class TimeBoxes(QWidget):
    """上午 / 下午 / 晚上; `value()` is "morning,evening"."""

    def __init__(self, times: dict[str, str], value: str, parent: QWidget):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        chosen = set(split_codes(value))
        self.boxes: dict[str, QCheckBox] = {}
        for i, (code, label) in enumerate(times.items()):
            box = QCheckBox(label, self)
            box.setObjectName(f"volunteerTime_{code}")
            box.setChecked(code in chosen)
            grid.addWidget(box, 0, i)
            self.boxes[code] = box
        grid.setColumnStretch(len(times), 1)

    def value(self) -> str:
        return ",".join(c for c, b in self.boxes.items() if b.isChecked())
