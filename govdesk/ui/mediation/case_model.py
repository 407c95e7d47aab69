"""The case table model: every filtered case in memory (20,000 are a few MB), cells made on paint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from govdesk.domain.mediation import Deadline, DeadlineKind
from govdesk.services.mediation_list import CaseRow

_ROOT = QModelIndex()
_CONTEXT = "CaseTableModel"

COLUMNS = (
    "number",
    "state",
    "dispute_type",
    "party_names",
    "registered_on",
    "accepted_on",
    "deadline",
    "risk",
)
HEADINGS_ZH = {
    "number": QT_TRANSLATE_NOOP("CaseTableModel", "案号"),
    "state": QT_TRANSLATE_NOOP("CaseTableModel", "状态"),
    "dispute_type": QT_TRANSLATE_NOOP("CaseTableModel", "纠纷类型"),
    "party_names": QT_TRANSLATE_NOOP("CaseTableModel", "当事人"),
    "registered_on": QT_TRANSLATE_NOOP("CaseTableModel", "登记日期"),
    "accepted_on": QT_TRANSLATE_NOOP("CaseTableModel", "受理日期"),
    "deadline": QT_TRANSLATE_NOOP("CaseTableModel", "期限"),
    "risk": QT_TRANSLATE_NOOP("CaseTableModel", "风险等级"),
}

# Urgency of a row, by its nearest deadline.
OVERDUE = "overdue"
DUE_SOON = "due_soon"

# Light backgrounds that keep black text readable, with a darker text of the same hue.
COLOURS = {
    OVERDUE: (QColor("#f6c6c2"), QColor("#8a1010")),
    DUE_SOON: (QColor("#ffe3a3"), QColor("#6b4500")),
}


def urgency(deadline: Deadline | None) -> str:
    """OVERDUE once the due day has passed, DUE_SOON inside the warning window, else ""."""
    if deadline is None:
        return ""
    if deadline.overdue:
        return OVERDUE
    return DUE_SOON if deadline.warn else ""


def deadline_kind_label(kind: DeadlineKind) -> str:
    if kind == DeadlineKind.CONFIRMATION:
        return QCoreApplication.translate("CaseTableModel", "司法确认申请期限")
    return QCoreApplication.translate("CaseTableModel", "调解期限")


def deadline_note(deadline: Deadline) -> str:
    """The due day and how many days are left or overdue: 2026-11-22 剩2天."""
    left = deadline.days_left
    if left < 0:
        note = QCoreApplication.translate("CaseTableModel", "逾期%1天").replace("%1", str(-left))
    elif left == 0:
        note = QCoreApplication.translate("CaseTableModel", "今天到期")
    else:
        note = QCoreApplication.translate("CaseTableModel", "剩%1天").replace("%1", str(left))
    return f"{deadline.due.isoformat()} {note}"


def deadline_text(deadline: Deadline | None) -> str:
    """What the 期限 cell shows: the note, and 确认 before the 司法确认 deadline."""
    if deadline is None:
        return ""
    text = deadline_note(deadline)
    if deadline.kind == DeadlineKind.CONFIRMATION:
        # The rarer of the two deadlines says what it is; the tooltip names both.
        return QCoreApplication.translate("CaseTableModel", "确认 %1").replace("%1", text)
    return text


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


_DISPLAY: dict[str, Callable[[CaseRow], str]] = {
    "number": lambda r: r.number or QCoreApplication.translate("CaseTableModel", "（未受理）"),
    "state": lambda r: r.state_label,
    "dispute_type": lambda r: r.dispute_type_label,
    "party_names": lambda r: r.party_names,
    "registered_on": lambda r: _date(r.registered_on),
    "accepted_on": lambda r: _date(r.accepted_on),
    "deadline": lambda r: deadline_text(r.deadline),
    "risk": lambda r: r.risk_label,
}

_FAR = dt.date.max
_SORT_KEYS: dict[str, Callable[[CaseRow], Any]] = {
    # Unnumbered cases sort after numbered ones; numbers by year and sequence, not as text.
    "number": lambda r: (r.number == "", r.number[1:5], len(r.number), r.number),
    "state": lambda r: r.state_label,
    "dispute_type": lambda r: r.dispute_type_label,
    "party_names": lambda r: r.party_names,
    "registered_on": lambda r: r.registered_on,
    "accepted_on": lambda r: r.accepted_on or _FAR,
    "deadline": lambda r: r.deadline.due if r.deadline else _FAR,
    "risk": lambda r: (
        ("ordinary", "serious", "major").index(r.risk)
        if r.risk in ("ordinary", "serious", "major")
        else 9
    ),
}


class CaseTableModel(QAbstractTableModel):
    """The rows CaseList returned; sorting a header re-orders them here (all are loaded)."""

    CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = list(COLUMNS)
        self._rows: list[CaseRow] = []
        self._sort: tuple[str, bool] | None = None  # (column, descending) chosen by the clerk

    # -- rows ------------------------------------------------------------------------
    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def _sorted(self, rows: list[CaseRow]) -> list[CaseRow]:
        if self._sort is None:
            return rows  # the service's order: newest registration first
        column, descending = self._sort
        return sorted(rows, key=_SORT_KEYS[column], reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (self.columns[column], order == Qt.SortOrder.DescendingOrder)
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def case_id_at(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def case_ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def row_of_case(self, case_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == case_id:
                return i
        return -1

    def cell_text(self, row: int, column: str) -> str:
        found = self.row_at(row)
        return _DISPLAY[column](found) if found else ""

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](row)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            level = urgency(row.deadline)
            if not level:
                return None
            background, foreground = COLOURS[level]
            return QBrush(background if role == Qt.ItemDataRole.BackgroundRole else foreground)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "deadline" and row.deadline is not None:
                return f"{deadline_kind_label(row.deadline.kind)}：{deadline_note(row.deadline)}"
            if column in ("party_names", "number"):
                return _DISPLAY[column](row)
            return None
        if role == self.CASE_ID_ROLE:
            return row.id
        if role == self.URGENCY_ROLE:
            return urgency(row.deadline)
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
