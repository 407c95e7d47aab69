"""导出列设置 (admin): which columns the hours export writes, and in what order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.store.database import Database
from govdesk.ui.volunteers.common import VolunteerDialog


class ExportColumnsDialog(VolunteerDialog):
    """Every column the export knows, ticked when written; 上移/下移 (Ctrl+Up/Down) order them.
    恢复默认 puts back the national platform's set."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="exportColumns")
        from govdesk.services import volunteer_export as ve

        self.setWindowTitle(self.tr("导出列设置"))
        self.list = QListWidget(self)
        self.list.setObjectName("exportColumnsList")
        self.list.setMinimumHeight(self.fontMetrics().height() * 14)
        self._fill(ve.export_columns(db))
        up = QPushButton(self.tr("上移"), self)
        up.setObjectName("exportColumnsUp")
        down = QPushButton(self.tr("下移"), self)
        down.setObjectName("exportColumnsDown")
        reset = QPushButton(self.tr("恢复默认"), self)
        reset.setObjectName("exportColumnsReset")
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        reset.clicked.connect(lambda: self._fill(list(ve.DEFAULT_COLUMNS)))
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            QShortcut(QKeySequence(keys), self.list, lambda step=step: self.move(step))
        buttons = QVBoxLayout()
        for b in (up, down, reset):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.list, 1)
        line.addLayout(buttons)
        self.form.addRow(row)
        self.finish(460)

    def _fill(self, chosen: list[str]) -> None:
        """The chosen columns first, in their order, ticked; then the rest, unticked."""
        from govdesk.services import volunteer_export as ve

        self.list.clear()
        rest = [c.code for c in ve.EXPORT_COLUMNS if c.code not in chosen]
        for code in [*chosen, *rest]:
            item = QListWidgetItem(ve.BY_CODE[code].label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
        self.list.setCurrentRow(0)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def chosen(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_export as ve

        ve.set_export_columns(session, self.chosen())
