"""Qt models of the grid tab: the tree of grids with counts, and the places of one grid."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

_ROOT = QModelIndex()
# Places travel from the places list to a tree node as a JSON list of place ids.
PLACE_MIME = "application/x-govdesk-place-ids"
RETIRED_COLOUR = "#8a8a8a"
UNASSIGNED_COLOUR = "#b00020"

TREE_CONTEXT = "GridTreeModel"
TREE_HEADINGS = {
    "name": QT_TRANSLATE_NOOP("GridTreeModel", "网格"),
    "code": QT_TRANSLATE_NOOP("GridTreeModel", "编码"),
    "households": QT_TRANSLATE_NOOP("GridTreeModel", "户数"),
    "residents": QT_TRANSLATE_NOOP("GridTreeModel", "人数"),
    "care": QT_TRANSLATE_NOOP("GridTreeModel", "重点关爱"),
    "staff": QT_TRANSLATE_NOOP("GridTreeModel", "网格员"),
}
COUNT_COLUMNS = frozenset({"households", "residents", "care", "staff"})

PLACES_CONTEXT = "GridPlacesModel"
PLACE_HEADINGS = {
    "name": QT_TRANSLATE_NOOP("GridPlacesModel", "地点"),
    "kind": QT_TRANSLATE_NOOP("GridPlacesModel", "类型"),
    "households": QT_TRANSLATE_NOOP("GridPlacesModel", "户数"),
    "residents": QT_TRANSLATE_NOOP("GridPlacesModel", "人数"),
}
PLACE_KIND_LABELS = {
    "compound": QT_TRANSLATE_NOOP("GridPlacesModel", "小区"),
    "building": QT_TRANSLATE_NOOP("GridPlacesModel", "楼栋"),
    "village_group": QT_TRANSLATE_NOOP("GridPlacesModel", "村民小组"),
    "house": QT_TRANSLATE_NOOP("GridPlacesModel", "门牌号"),
}

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_LINE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DROP_FLAGS = _LINE_FLAGS | Qt.ItemFlag.ItemIsDropEnabled

COMMUNITY = "community"
GRID = "grid"
UNASSIGNED = "unassigned"


@dataclass(eq=False)
class TreeRow:
    """One line of the tree: the community, a grid, or the 未划分 bucket (counts rolled up)."""

    kind: str  # COMMUNITY, GRID or UNASSIGNED
    id: str | None  # the grid's id; None for the community and the bucket
    name: str
    code: str = ""
    households: int = 0
    residents: int = 0
    care: int | None = None  # None: the role may not see special-care counts
    staff: int = 0
    places: int = 0
    retired: bool = False
    parent: TreeRow | None = field(default=None, repr=False)
    children: list[TreeRow] = field(default_factory=list, repr=False)
    position: int = field(default=0, repr=False)  # its place among its parent's children
    n: int = field(default=0, repr=False)  # the model's internal id of this row

    def row(self) -> int:
        return self.position


def encode_places(place_ids: Iterable[str]) -> QMimeData:
    data = QMimeData()
    data.setData(PLACE_MIME, QByteArray(json.dumps(list(place_ids)).encode()))
    return data


def decode_places(data: QMimeData) -> list[str]:
    if not data.hasFormat(PLACE_MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(PLACE_MIME).data()).decode())
    except ValueError:
        return []
    return [str(i) for i in ids] if isinstance(ids, list) else []


# What a drop asks for: assign these places to that grid; True when it was done.
DropHandler = Callable[[list[str], str], bool]


class GridTreeModel(QAbstractItemModel):
    """The community at the top, its grids and sub-grids below, 未划分 last.

    Rows are rebuilt as a whole from one `GridTree` load: a thousand grids are a few
    thousand small objects, and a reload after an assignment is one grouped query.
    """

    def __init__(self, parent=None, *, show_care: bool = True):
        super().__init__(parent)
        self.columns = [c for c in TREE_HEADINGS if c != "care" or show_care]
        self.root = TreeRow(COMMUNITY, None, "")  # invisible; its one child is the community
        self._rows_by_id: list[TreeRow] = []
        self.drop_handler: DropHandler | None = None
        self.accept_drops = False

    # -- filling ---------------------------------------------------------------------------
    def set_rows(self, community: TreeRow) -> None:
        self.beginResetModel()
        self.root.children = [community]
        community.parent = self.root
        self._rows_by_id = []
        self._number(self.root)
        self.endResetModel()

    def _number(self, row: TreeRow) -> None:
        row.n = len(self._rows_by_id)
        self._rows_by_id.append(row)
        for i, child in enumerate(row.children):
            child.parent = row
            child.position = i
            self._number(child)

    def community(self) -> TreeRow | None:
        return self.root.children[0] if self.root.children else None

    def unassigned(self) -> TreeRow | None:
        community = self.community()
        if community is None:
            return None
        return next((r for r in community.children if r.kind == UNASSIGNED), None)

    def rows(self) -> list[TreeRow]:
        """Every line below the invisible root, depth first."""
        return self._rows_by_id[1:]

    def row_of(self, index: QModelIndex | QPersistentModelIndex) -> TreeRow | None:
        if not index.isValid():
            return None
        n = index.internalId()
        return self._rows_by_id[n] if 0 <= n < len(self._rows_by_id) else None

    def index_of(self, row: TreeRow, column: int = 0) -> QModelIndex:
        if row is self.root or row.parent is None:
            return QModelIndex()
        return self.createIndex(row.row(), column, row.n)

    def find_grid(self, grid_id: str) -> QModelIndex:
        for row in self._rows_by_id:
            if row.kind == GRID and row.id == grid_id:
                return self.index_of(row)
        return QModelIndex()

    def find_kind(self, kind: str) -> QModelIndex:
        for row in self._rows_by_id[1:]:
            if row.kind == kind:
                return self.index_of(row)
        return QModelIndex()

    # -- QAbstractItemModel ----------------------------------------------------------------
    def _parent_row(self, parent: QModelIndex | QPersistentModelIndex) -> TreeRow:
        return self.row_of(parent) or self.root

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT
    ) -> QModelIndex:
        owner = self._parent_row(parent)
        if not (0 <= row < len(owner.children) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row].n)

    def parent(self, index=_ROOT):  # type: ignore[override]
        row = self.row_of(index)
        if row is None or row.parent is None or row.parent is self.root:
            return QModelIndex()
        return self.index_of(row.parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._parent_row(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return QCoreApplication.translate(
                TREE_CONTEXT, str(TREE_HEADINGS[self.columns[section]])
            )
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        row = self.row_of(index)
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.retired:
                return QBrush(QColor(RETIRED_COLOUR))
            if row.kind == UNASSIGNED and row.households + row.residents > 0:
                return QBrush(QColor(UNASSIGNED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and row.kind != GRID and column == "name":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.kind == UNASSIGNED:
            return QCoreApplication.translate(
                "GridTreeModel", "还没有划入任何网格的楼栋、房屋和住在那里的户"
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == "name":
            # The whole name when a narrow window cuts it short.
            text = self._text(row, column)
            return f"{text}（{row.code}）" if row.code else text
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: TreeRow, column: str) -> str:
        if column == "name":
            if row.retired:
                return row.name + QCoreApplication.translate("GridTreeModel", "（已撤销）")
            return row.name
        if column == "code":
            return row.code
        if column == "care":
            return "" if row.care is None else f"{row.care:,}"
        value = getattr(row, column)
        if column == "staff" and row.kind == UNASSIGNED:
            return ""
        return f"{value:,}"

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Asked for every cell at every layout: a thousand grids make it a hot path.
        row = self.row_of(index)
        if row is None:
            return _NO_FLAGS
        return _DROP_FLAGS if self._takes_drop(row) else _LINE_FLAGS

    # -- drops: places onto a grid ------------------------------------------------------------
    def _takes_drop(self, row: TreeRow) -> bool:
        return self.accept_drops and row.kind == GRID and not row.retired

    def mimeTypes(self) -> list[str]:
        return [PLACE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # type: ignore[override]
        target = self.row_of(parent)
        # Only onto a grid itself, never between lines: "between" would mean its parent grid.
        return (
            target is not None
            and row == -1
            and self._takes_drop(target)
            and bool(decode_places(data))
        )

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # type: ignore[override]
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.row_of(parent)
        if target is None or target.id is None or self.drop_handler is None:
            return False
        return self.drop_handler(decode_places(data), target.id)


@dataclass(frozen=True)
class PlaceRow:
    """One building, house or compound in the places list."""

    id: str
    name: str
    kind: str
    households: int = 0
    residents: int = 0
    address: str = ""


class GridPlacesModel(QAbstractTableModel):
    """The places of the grid chosen in the tree; selected rows drag onto another grid."""

    columns = tuple(PLACE_HEADINGS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[PlaceRow] = []
        self.draggable = False

    def set_rows(self, rows: Sequence[PlaceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def place_rows(self) -> list[PlaceRow]:
        return list(self._rows)

    def place_at(self, row: int) -> PlaceRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_place(self, place_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == place_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return QCoreApplication.translate(
                PLACES_CONTEXT, str(PLACE_HEADINGS[self.columns[section]])
            )
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        place = self.place_at(index.row()) if index.isValid() else None
        if place is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return place.name
            if column == "kind":
                label = PLACE_KIND_LABELS.get(place.kind)
                return (
                    QCoreApplication.translate(PLACES_CONTEXT, str(label)) if label else place.kind
                )
            return f"{getattr(place, column):,}"
        if role == Qt.ItemDataRole.ToolTipRole and column == "name":
            return place.address or place.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("households", "residents"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return place.id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.draggable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [PLACE_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        # Copy, not move: the list is re-read after the assignment; the view must not
        # remove rows by itself.
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes) -> QMimeData:  # type: ignore[override]
        seen: list[str] = []
        for index in indexes:
            place = self.place_at(index.row())
            if place is not None and place.id not in seen:
                seen.append(place.id)
        return encode_places(seen)
