"""The filter bar of the case list: search box, state choice, 临近期限 box, legend and count."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from govdesk.domain import mediation as rules
from govdesk.services.mediation_list import UNFINISHED
from govdesk.ui.mediation.case_model import COLOURS, DUE_SOON, OVERDUE

# Typing waits this long after the last key before the list is filtered again.
DEBOUNCE_MS = 150


@dataclass(frozen=True)
class CaseFilter:
    state: str | None = None  # a CaseState code, UNFINISHED, or None for every case
    text: str = ""
    due_soon: bool = False


def swatch(level: str, text: str, parent: QWidget) -> QLabel:
    """A legend entry painted in the colours of the rows it explains."""
    background, foreground = COLOURS[level]
    label = QLabel(text, parent)
    label.setStyleSheet(
        f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
        " padding: 1px 6px; border-radius: 2px; }"
    )
    return label


class CaseFilterBar(QWidget):
    """Emits `changed` when the filter changes: at once for the choices, after a pause for typing."""

    changed = Signal()
    # Down or Enter in the search box: the tab moves the focus to the list.
    to_results = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("mediationSearch")
        self.search.setPlaceholderText(self.tr("案号、当事人姓名或纠纷情况"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)

        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("mediationStateFilter")
        self.state_combo.addItem(self.tr("全部状态"), None)
        self.state_combo.addItem(self.tr("未办结"), UNFINISHED)
        for code in rules.CASE_STATES:
            self.state_combo.addItem(code.label, code.code)

        self.due_soon = QCheckBox(self.tr("临近期限"), self)
        self.due_soon.setObjectName("mediationDueSoon")
        self.due_soon.setToolTip(
            self.tr("只显示已逾期和%1天内到期的案件").replace("%1", str(rules.WARN_DAYS))
        )

        self.count_label = QLabel(self)
        self.count_label.setObjectName("mediationCount")
        self.legend_overdue = swatch(OVERDUE, self.tr("已逾期"), self)
        self.legend_overdue.setObjectName("mediationLegendOverdue")
        self.legend_due_soon = swatch(
            DUE_SOON, self.tr("%1天内到期").replace("%1", str(rules.WARN_DAYS)), self
        )
        self.legend_due_soon.setObjectName("mediationLegendDueSoon")

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.state_combo.currentIndexChanged.connect(self._now)
        self.due_soon.toggled.connect(self._now)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("查找："), self))
        row.addWidget(self.search, 3)
        row.addWidget(self.state_combo)
        row.addWidget(self.due_soon)
        row.addSpacing(12)
        row.addWidget(self.legend_overdue)
        row.addWidget(self.legend_due_soon)
        row.addStretch(1)
        row.addWidget(self.count_label)

    def _now(self, *_args) -> None:
        self.timer.stop()  # the typed text goes along with this change
        self.changed.emit()

    def flush(self) -> bool:
        """Filter now for text still waiting on the pause; True when something was waiting."""
        if not self.timer.isActive():
            return False
        self.timer.stop()
        self.changed.emit()
        return True

    def current(self) -> CaseFilter:
        return CaseFilter(
            state=self.state_combo.currentData(),
            text=self.search.text().strip(),
            due_soon=self.due_soon.isChecked(),
        )

    def set_state(self, state: str | None) -> None:
        index = self.state_combo.findData(state)
        if index >= 0:
            self.state_combo.setCurrentIndex(index)

    def show_count(self, shown: int) -> None:
        self.count_label.setText(self.tr("共 %1 件").replace("%1", f"{shown:,}"))

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
