"""One column of a table that gives up width before the table would scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class FlexibleColumn(QObject):
    """Keeps `view` within its width by narrowing one wordy column (a description, an
    address), down to `least_chars` characters; the other columns keep their widths.

    A sideways scroll bar hides the columns at the right edge (the state, the date) on a
    1366 px screen, where a clerk does not think to scroll; a shortened description still
    reads, and its cell's tooltip shows it whole. Call `fit(content=True)` after the rows
    are filled and the columns sized to them; resizing the view fits it again.
    """

    def __init__(self, view: QTableView, column: int, least_chars: int = 8):
        super().__init__(view)
        self.view = view
        self.column = column
        self.least = view.fontMetrics().horizontalAdvance("中") * least_chars
        self.natural = view.horizontalHeader().sectionSize(column)
        view.viewport().installEventFilter(self)

    def fit(self, *, content: bool = False) -> None:
        header = self.view.horizontalHeader()
        if content:  # the width the column's own text asks for
            self.natural = header.sectionSize(self.column)
        others = header.length() - header.sectionSize(self.column)
        room = self.view.viewport().width() - others
        width = max(self.least, min(self.natural, room))
        if width != header.sectionSize(self.column):
            header.resizeSection(self.column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
