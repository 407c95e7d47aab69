"""The resident list model: keyset pages of rowids from SQL, row contents in a bounded cache."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from govdesk.domain import codes
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.services.resident_list import LIST_COLUMNS, ResidentFilter, ResidentList

_ROOT = QModelIndex()
PAGE_SIZE = 500
CACHE_ROWS = 2_000
REFRESH_ROWS = 10 * PAGE_SIZE
# Rows fetched around the one being painted, so that a screenful costs one query.
FETCH_BLOCK = 100

HEADINGS_ZH = {
    "name": QT_TRANSLATE_NOOP("ResidentTableModel", "姓名"),
    "sex": QT_TRANSLATE_NOOP("ResidentTableModel", "性别"),
    "birth_date": QT_TRANSLATE_NOOP("ResidentTableModel", "出生日期"),
    "id_number": QT_TRANSLATE_NOOP("ResidentTableModel", "公民身份号码"),
    "phone": QT_TRANSLATE_NOOP("ResidentTableModel", "联系电话"),
    "person_type": QT_TRANSLATE_NOOP("ResidentTableModel", "人员类型"),
    "household_number": QT_TRANSLATE_NOOP("ResidentTableModel", "户号"),
    "relation_to_head": QT_TRANSLATE_NOOP("ResidentTableModel", "与户主关系"),
    "current_address": QT_TRANSLATE_NOOP("ResidentTableModel", "现住址"),
    "status": QT_TRANSLATE_NOOP("ResidentTableModel", "状态"),
}

CODED_COLUMNS = {
    "sex": codes.SEX,
    "person_type": codes.PERSON_TYPE,
    "relation_to_head": codes.RELATION,
    "status": codes.RESIDENT_STATUS,
}


class PagingState:
    """The ordered rowids fetched so far for one filter and sort, and where the next page starts.

    Only rowids (8 bytes each in an array) are kept, never row contents, so a
    million residents scrolled to the end cost about 8 MB.
    """

    def __init__(self, service: ResidentList, flt: ResidentFilter, sort: str, descending: bool):
        self.service = service
        self.filter = flt
        self.sort = sort
        self.descending = descending
        self.rowids = array("q")
        self.last: tuple[Any, int] | None = None
        self.exhausted = False

    def __len__(self) -> int:
        return len(self.rowids)

    def next_page(self, limit: int = PAGE_SIZE) -> list[tuple[Any, int]]:
        """Query the page after the last fetched one (not yet appended)."""
        if self.exhausted:
            return []
        page = self.service.page(
            self.filter, sort=self.sort, descending=self.descending, after=self.last, limit=limit
        )
        if len(page) < limit:
            self.exhausted = True
        return page

    def append(self, page: list[tuple[Any, int]]) -> None:
        if page:
            self.last = page[-1]
            self.rowids.extend(rid for _, rid in page)

    def fetch_page(self, limit: int = PAGE_SIZE) -> int:
        """Append the next page; returns how many rowids were added."""
        page = self.next_page(limit)
        self.append(page)
        return len(page)

    def index_of(self, rowid: int) -> int:
        try:
            return self.rowids.index(rowid)
        except ValueError:
            return -1


class RowCache:
    """A least-recently-used cache of row contents keyed by rowid."""

    def __init__(self, capacity: int = CACHE_ROWS):
        self.capacity = capacity
        self._rows: OrderedDict[int, dict[str, Any]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, rowid: int) -> bool:
        return rowid in self._rows

    def get(self, rowid: int) -> dict[str, Any] | None:
        row = self._rows.get(rowid)
        if row is not None:
            self._rows.move_to_end(rowid)
        return row

    def put_many(self, rows: dict[int, dict[str, Any]]) -> None:
        for rowid, row in rows.items():
            self._rows[rowid] = row
            self._rows.move_to_end(rowid)
        while len(self._rows) > self.capacity:
            self._rows.popitem(last=False)

    def drop(self, rowid: int) -> None:
        self._rows.pop(rowid, None)

    def clear(self) -> None:
        self._rows.clear()


def display_value(column: str, row: dict[str, Any]) -> str:
    """What a cell shows: labels for codes, ISO dates, masked numbers.

    ResidentList.rows already masks them; masking again (a no-op on masked text) keeps
    a full number off the screen even if a row ever came from somewhere else.
    """
    value = row.get(column)
    if column in MASKED_FIELDS:
        return str(mask_field(column, value) or "")
    if column in CODED_COLUMNS:
        return CODED_COLUMNS[column].label(value)
    if value is None:
        return ""
    return str(value)


class ResidentTableModel(QAbstractTableModel):
    """A table over ResidentList that grows by pages as the view scrolls (Qt's fetchMore)."""

    ROWID_ROLE = Qt.ItemDataRole.UserRole + 1
    PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, service: ResidentList, parent=None):
        super().__init__(parent)
        self.service = service
        self.columns = list(LIST_COLUMNS)
        self.cache = RowCache()
        # Full values shown after an audited reveal, by (rowid, field); cleared when the
        # selection changes or the list reloads, so they never outlive the clerk's look.
        self.revealed: dict[tuple[int, str], str] = {}
        self.state = PagingState(service, ResidentFilter(), "name", False)
        self.state.fetch_page()

    # -- queries ---------------------------------------------------------------------
    def set_filter(self, flt: ResidentFilter) -> None:
        self._reset(flt, self.state.sort, self.state.descending)

    def current_filter(self) -> ResidentFilter:
        return self.state.filter

    def refresh(self) -> None:
        """Re-run the query after a write, reloading as many rows as were loaded (up to a bound).

        The bound keeps a write cheap after a long scroll: reloading a million rowids page
        by page would take seconds, so past REFRESH_ROWS the list starts again from the top.
        """
        loaded = min(max(len(self.state), PAGE_SIZE), REFRESH_ROWS)
        self.beginResetModel()
        self.cache.clear()
        self.revealed.clear()
        state = PagingState(self.service, self.state.filter, self.state.sort, self.state.descending)
        while len(state) < loaded and state.fetch_page():
            pass
        self.state = state
        self.endResetModel()

    def _reset(self, flt: ResidentFilter, sort: str, descending: bool) -> None:
        self.beginResetModel()
        self.cache.clear()
        self.revealed.clear()
        self.state = PagingState(self.service, flt, sort, descending)
        self.state.fetch_page()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new SQL query (keyset order), never a sort of the loaded rows."""
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._reset(self.state.filter, self.columns[column], descending)

    def show_revealed(self, row: int, field: str, value: str) -> None:
        """Show one revealed value (from privacy.reveal) in its cell until cleared."""
        rowid = self.rowid_at(row)
        if rowid is None or field not in self.columns:
            return
        self.revealed[(rowid, field)] = value
        index = self.index(row, self.columns.index(field))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def clear_revealed(self) -> None:
        if not self.revealed:
            return
        shown = list(self.revealed)
        self.revealed.clear()
        for rowid, field in shown:
            row = self.row_of_rowid(rowid)
            if row >= 0:
                index = self.index(row, self.columns.index(field))
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def rowid_at(self, row: int) -> int | None:
        if 0 <= row < len(self.state):
            return self.state.rowids[row]
        return None

    def row_values(self, row: int) -> dict[str, Any] | None:
        rowid = self.rowid_at(row)
        if rowid is None:
            return None
        values = self.cache.get(rowid)
        if values is None:
            self._load_around(row)
            values = self.cache.get(rowid)
        return values

    def person_id_at(self, row: int) -> str | None:
        values = self.row_values(row)
        return values["id"] if values else None

    def row_of_person(self, person_id: str, *, search_rows: int = 5 * PAGE_SIZE) -> int:
        """The row showing this person among the first `search_rows` loaded rows, or -1."""
        limit = min(len(self.state), search_rows)
        for start in range(0, limit, PAGE_SIZE):
            chunk = list(self.state.rowids[start : min(limit, start + PAGE_SIZE)])
            missing = [rid for rid in chunk if rid not in self.cache]
            found = self.service.rows(missing) if missing else {}
            for offset, rid in enumerate(chunk):
                values = found.get(rid) or self.cache.get(rid)
                if values is not None and values.get("id") == person_id:
                    return start + offset
        return -1

    def row_of_rowid(self, rowid: int) -> int:
        return self.state.index_of(rowid)

    def _load_around(self, row: int) -> None:
        start = max(0, row - FETCH_BLOCK // 4)
        stop = min(len(self.state), start + FETCH_BLOCK)
        wanted = [rid for rid in self.state.rowids[start:stop] if rid not in self.cache]
        if wanted:
            found = self.service.rows(wanted)
            # A row that vanished (it cannot, records are never deleted) still gets an entry.
            for rid in wanted:
                found.setdefault(rid, {"id": None})
            self.cache.put_many(found)

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.state)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and not self.state.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or self.state.exhausted:
            return
        page = self.state.next_page()
        if not page:
            return
        before = len(self.state)
        self.beginInsertRows(QModelIndex(), before, before + len(page) - 1)
        self.state.append(page)
        self.endInsertRows()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        if role == self.ROWID_ROLE:
            return self.rowid_at(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            self.PERSON_ID_ROLE,
        ):
            return None
        values = self.row_values(index.row())
        if values is None or values.get("id") is None:
            return None
        if role == self.PERSON_ID_ROLE:
            return values["id"]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column != "current_address":
            return None
        if self.revealed:
            shown = self.revealed.get((self.state.rowids[index.row()], column))
            if shown is not None:
                return shown
        return display_value(column, values)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return QCoreApplication.translate(
                "ResidentTableModel", HEADINGS_ZH[self.columns[section]]
            )
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
