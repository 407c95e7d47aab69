"""编码规则: how many digits new grids' numbers take in their codes (administrator)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from sqlmodel import Session

from govdesk.domain import grids as rules
from govdesk.services import grid_codes
from govdesk.store.database import Database
from govdesk.ui.grids.grid_dialogs import GridDialog


class NumberingDialog(GridDialog):
    """A choice of two or three digits, with the code a new top grid would get."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="gridNumbering")
        self.setWindowTitle(self.tr("网格编码规则"))
        note = QLabel(
            self.tr(
                "网格编码 = 社区（村）区划代码 + 各级网格编号。这里的位数只用于以后新建的网格，"
                "已有网格的编码不变。"
            ),
            self,
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.width_box = QComboBox(self)
        self.width_box.setObjectName("gridNumberingWidth")
        for width in rules.NUMBER_WIDTHS:
            self.width_box.addItem(
                self.tr("%1 位（如 %2）")
                .replace("%1", str(width))
                .replace("%2", rules.format_number(1, width)),
                width,
            )
        self.width_box.setCurrentIndex(rules.NUMBER_WIDTHS.index(grid_codes.number_width(db)))
        self.form.addRow(self.tr("编号位数"), self.width_box)
        self.example = QLabel(self)
        self.example.setObjectName("gridNumberingExample")
        self.form.addRow(self.tr("示例"), self.example)
        self.width_box.currentIndexChanged.connect(lambda _i: self._show_example())
        self._show_example()
        self.finish(460)

    def width(self) -> int:
        return int(self.width_box.currentData())

    def _show_example(self) -> None:
        first, sub = grid_codes.examples(self.db, self.width())
        self.example.setText(
            self.tr("第一网格 %1，其下第二个子网格 %2").replace("%1", first).replace("%2", sub)
        )

    def apply(self, session: Session) -> None:
        grid_codes.set_number_width(session, self.width())
