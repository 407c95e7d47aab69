"""One column of a table that takes the width the others leave, so the table never scrolls sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class FlexibleColumn(QObject):
    """Gives one wordy column (a description, an address, the skills) whatever width the
    other columns leave in `view`, and never less than `least_chars` characters.

    A sideways scroll bar hides the columns at the right edge (the state, the date) on a
    1366 px screen, where a clerk does not think to scroll; a shortened description still
    reads, cut short with "…". A wide window gives the room to that column rather than to
    empty space. Call `fit()` after sizing the other columns; resizing the view fits again.
    """

    def __init__(self, view: QTableView, column: int, least_chars: int = 8):
        super().__init__(view)
        self.view = view
        self.column = column
        self.least = view.fontMetrics().horizontalAdvance("中") * least_chars
        header = view.horizontalHeader()
        header.setStretchLastSection(False)  # the room goes to this column instead
        view.viewport().installEventFilter(self)

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        others = header.length() - header.sectionSize(self.column)
        width = max(self.least, self.view.viewport().width() - others)
        if width != header.sectionSize(self.column):
            header.resizeSection(self.column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
