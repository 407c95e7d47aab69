"""The volunteer list model: pages of ids from VolunteerList as the view scrolls, rows on paint."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from govdesk.domain.volunteers import list_text
from govdesk.ui.volunteers.common import hours_text

_ROOT = QModelIndex()
_CONTEXT = "VolunteerTableModel"
PAGE_SIZE = 200

COLUMNS = ("number", "name", "sex", "skills", "teams", "minutes", "stars", "status")
HEADINGS_ZH = {
    "number": QT_TRANSLATE_NOOP("VolunteerTableModel", "编号"),
    "name": QT_TRANSLATE_NOOP("VolunteerTableModel", "姓名"),
    "sex": QT_TRANSLATE_NOOP("VolunteerTableModel", "性别"),
    "skills": QT_TRANSLATE_NOOP("VolunteerTableModel", "技能"),
    "teams": QT_TRANSLATE_NOOP("VolunteerTableModel", "所属队伍"),
    "minutes": QT_TRANSLATE_NOOP("VolunteerTableModel", "服务时长"),
    "stars": QT_TRANSLATE_NOOP("VolunteerTableModel", "星级"),
    "status": QT_TRANSLATE_NOOP("VolunteerTableModel", "状态"),
}
# The service's sort keys for the columns that can be sorted in SQL.
SORTS = {"number": "number", "name": "name", "minutes": "hours"}


def _joined(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return list_text(str(v) for v in value)
    return str(value)


def stars_cell(level: int) -> str:
    """★★☆☆☆ reads as two of five; no stars yet shows nothing."""
    from govdesk.domain import volunteers as rules

    return rules.stars_text(level) if level else ""


def display_value(column: str, row: dict[str, Any]) -> str:
    from govdesk.domain import codes
    from govdesk.domain import volunteers as rules

    if column == "sex":
        return codes.SEX.label(row.get("sex")) if row.get("sex") else ""
    if column == "status":
        return rules.VOLUNTEER_STATUS.label(row.get("status"))
    if column == "minutes":
        return hours_text(int(row.get("minutes") or 0))
    if column == "stars":
        return stars_cell(int(row.get("stars") or 0))
    if column == "skills":
        return _joined(row.get("skill_labels", row.get("skills")))
    return _joined(row.get(column))


class VolunteerTableModel(QAbstractTableModel):
    """Ids of the filtered volunteers in the service's order, fetched a page at a time; each
    row's contents (with hours and stars) read for the rows painted."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.columns = list(COLUMNS)
        self.filter: Any = None
        self.sort_key = "number"
        self.descending = False
        self.ids: list[str] = []
        self.last: Any = None
        self.exhausted = True
        self.cache: dict[str, dict[str, Any]] = {}

    # -- queries ---------------------------------------------------------------------
    def set_filter(self, flt: Any) -> None:
        self.filter = flt
        self.reload()

    def reload(self, keep: int = PAGE_SIZE) -> None:
        """Query again from the top, fetching as many rows as were loaded (at least a page)."""
        self.beginResetModel()
        self.ids, self.last, self.exhausted = [], None, False
        self.cache.clear()
        while not self.exhausted and len(self.ids) < keep:
            self._append(self._next_page())
        self.endResetModel()

    def _next_page(self) -> list[tuple[Any, str]]:
        if self.exhausted:
            return []
        page = self.service.page(
            self.filter,
            sort=self.sort_key,
            descending=self.descending,
            after=self.last,
            limit=PAGE_SIZE,
        )
        if len(page) < PAGE_SIZE:
            self.exhausted = True
        return page

    def _append(self, page: list[tuple[Any, str]]) -> None:
        if page:
            self.last = page[-1]
            self.ids.extend(vid for _key, vid in page)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = SORTS.get(self.columns[column])
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload(max(PAGE_SIZE, len(self.ids)))

    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, volunteer_id: str) -> int:
        try:
            return self.ids.index(volunteer_id)
        except ValueError:
            return -1

    def row_values(self, row: int) -> dict[str, Any] | None:
        vid = self.id_at(row)
        if vid is None:
            return None
        if vid not in self.cache:
            # One query for the screenful around the row painted.
            start = max(0, row - 10)
            wanted = [i for i in self.ids[start : start + 60] if i not in self.cache]
            self.cache.update(self.service.rows(wanted))
        return self.cache.get(vid)

    def cell_text(self, row: int, column: str) -> str:
        values = self.row_values(row)
        return display_value(column, values) if values else ""

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or self.exhausted:
            return
        page = self._next_page()
        if not page:
            return
        before = len(self.ids)
        self.beginInsertRows(QModelIndex(), before, before + len(page) - 1)
        self._append(page)
        self.endInsertRows()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        if role == self.ID_ROLE:
            return self.id_at(index.row())
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("skills", "teams"):
            return self.cell_text(index.row(), column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "minutes":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return QCoreApplication.translate(_CONTEXT, HEADINGS_ZH[self.columns[section]])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
