"""Pieces the township tabs share: a table model over plain rows, the office chooser, a table view."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QWidget

from govdesk.services import township
from govdesk.store.database import Database

_ROOT = QModelIndex()
Fetch = Callable[[object | None], list[tuple[object, list[object]]]]


class RowsModel(QAbstractTableModel):
    """Rows of display values. With `fetch`, rows come in pages as the view scrolls
    (fetch(after) returns [(key, cells), …]; an empty page ends the list)."""

    KEY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, headings: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.headings = list(headings)
        self.rows: list[list[object]] = []
        self.keys: list[object] = []
        self._fetch: Fetch | None = None
        self._done = True
        self.bold_last = False  # a 合计 row

    def set_rows(
        self, rows: Sequence[Sequence[object]], keys: Sequence[object] | None = None
    ) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else list(range(len(self.rows)))
        self._fetch, self._done = None, True
        self.endResetModel()

    def set_fetch(self, fetch: Fetch) -> None:
        """Start again from the first page of `fetch`."""
        self.beginResetModel()
        self.rows, self.keys = [], []
        self._fetch, self._done = fetch, False
        self._append(fetch(None))
        self.endResetModel()

    def _append(self, page: list[tuple[object, list[object]]]) -> None:
        if not page:
            self._done = True
            return
        for key, cells in page:
            self.keys.append(key)
            self.rows.append(list(cells))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._done

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:  # noqa: N802
        if parent.isValid() or self._done or self._fetch is None:
            return
        page = self._fetch(self.keys[-1] if self.keys else None)
        if not page:
            self._done = True
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self._append(page)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headings)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        if role == self.KEY_ROLE:
            return self.keys[index.row()]
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if (
            role == Qt.ItemDataRole.FontRole
            and self.bold_last
            and index.row() == len(self.rows) - 1
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headings):
            return self.headings[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def column(self, heading: str) -> list[str]:
        """One column's shown values (tests and the screenshot read the table through this)."""
        i = self.headings.index(heading)
        return ["" if r[i] is None else str(r[i]) for r in self.rows]


def make_table(model: QAbstractTableModel, parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, samples: Sequence[str]) -> None:
    """Widths from sample text, so they follow the font size, and never narrower than
    the heading (English headings are longer than the Chinese ones)."""
    metrics = view.fontMetrics()
    heading = view.horizontalHeader().fontMetrics()
    model = view.model()
    for i, sample in enumerate(samples):
        title = str(model.headerData(i, Qt.Orientation.Horizontal) or "") if model else ""
        width = max(metrics.horizontalAdvance(sample), heading.horizontalAdvance(title))
        view.setColumnWidth(i, width + 24)


class OfficeCombo(QComboBox):
    """全部单位, then each office known here by division code and name; data = office id."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("townshipOfficeFilter")
        self.db = db
        self.reload()

    def reload(self) -> None:
        current = self.office_id()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("全部单位"), None)
        for office_id, code, name in township.other_offices(self.db):
            self.addItem(f"{name}（{code}）", office_id)
        index = self.findData(current) if current else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def office_id(self) -> str | None:
        value = self.currentData()
        return str(value) if value else None

    def choose(self, office_id: str | None) -> None:
        index = self.findData(office_id) if office_id else 0
        self.setCurrentIndex(max(index, 0))


def office_label(names: dict[str, tuple[str, str]], office_id: str) -> str:
    code, name = names.get(office_id, ("", ""))
    return name or code or office_id[:8]
