"""处理冲突: the open conflicts by office, each shown field by field, merged by the clerk's choice per field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.ui.ops import notify, show_error

if TYPE_CHECKING:
    from govdesk.store.database import Database

DIFFERS = QColor("#fff3cd")  # a field the versions disagree on
CHOSEN = QColor("#c8e6c9")  # the value that will be kept
SAME = QColor("#9e9e9e")  # text of a field every version agrees on
# Shown in each version's heading instead: no clerk chooses a time stamp.
IN_HEADING = frozenset({"updated_at"})


def _conflicts() -> Any:
    from govdesk.exchange import conflicts  # written by the merge work; loaded when used

    return conflicts


def _when(value: Any) -> str:
    """A stored time (a datetime, or ISO text as SQLite keeps it, UTC) in local time."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return str(value or "")
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class ConflictsDialog(QDialog):
    """Left: the open conflicts (filtered by office). Right: one column per version, one row
    per field; a click on a value keeps it; 合并并保存 writes the merge as a new version."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("处理冲突"))
        self.resize(1100, 620)
        self.db = db
        self.changed = False
        self.summaries: list[Any] = []
        self.detail: Any = None
        self.choice: dict[str, int] = {}
        self.record = 0  # the head whose existence is kept (a deleted one keeps the deletion)

        self.office_filter = QComboBox()
        self.office_filter.setObjectName("conflictOfficeFilter")
        self.office_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        list_headings = [
            self.tr("类型"),
            self.tr("记录"),
            self.tr("单位"),
            self.tr("版本"),
            self.tr("发现时间"),
        ]
        self.list = QTableWidget(0, len(list_headings))
        self.list.setObjectName("conflictList")
        self.list.setHorizontalHeaderLabels(list_headings)
        self._plain_table(self.list)
        self.list.itemSelectionChanged.connect(self._selected)
        self.csv_button = QPushButton(self.tr("导出冲突清单(&E)…"))
        self.csv_button.setObjectName("conflictsCsv")
        self.csv_button.clicked.connect(lambda: self.save_csv())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("单位：")))
        row.addWidget(self.office_filter, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.list, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("conflictCount")
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.csv_button)

        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.hint = QLabel(
            self.tr(
                "黄色的字段各版本不一致：点击要保留的值（或用方向键选中后按空格）。"
                "标“暂定”的版本在您决定之前显示在各处。"
            )
        )
        self.hint.setWordWrap(True)
        self.only_differences = QCheckBox(self.tr("只显示不一致的字段"))
        self.only_differences.setObjectName("conflictOnlyDifferences")
        self.only_differences.setChecked(True)
        self.only_differences.toggled.connect(lambda _on: self._fill_fields())
        self.fields = QTableWidget(0, 0)
        self.fields.setObjectName("conflictFields")
        self._plain_table(self.fields)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields.cellClicked.connect(self.choose)
        self.fields.cellActivated.connect(self.choose)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.fields, self._choose_current)
        self.fields.horizontalHeader().sectionClicked.connect(self.choose_all)
        self.merge_button = QPushButton(self.tr("合并并保存(&S)"))
        self.merge_button.setObjectName("conflictMerge")
        self.merge_button.setShortcut(QKeySequence.StandardKey.Save)
        self.merge_button.clicked.connect(lambda: self.merge())
        close = QPushButton(self.tr("关闭"))
        close.setObjectName("conflictsClose")
        close.clicked.connect(self.reject)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.only_differences)
        right_layout.addWidget(self.fields, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.merge_button)
        row.addWidget(close)
        right_layout.addLayout(row)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._fill_offices()
        self.refresh()

    @staticmethod
    def _plain_table(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    # -- the list ---------------------------------------------------------------------
    def _fill_offices(self) -> None:
        self.office_filter.blockSignals(True)
        self.office_filter.clear()
        self.office_filter.addItem(self.tr("全部单位"), None)
        try:
            everything = _conflicts().open_conflicts(self.db)
        except DomainError as exc:
            show_error(self, self.tr("处理冲突"), exc)
            everything = []
        offices: dict[str, str] = {}
        for summary in everything:
            offices.setdefault(summary.office_code, summary.office_name)
        for code, name in sorted(offices.items()):
            self.office_filter.addItem(f"{name}（{code}）", code)
        self.office_filter.blockSignals(False)

    def office_code(self) -> str | None:
        return self.office_filter.currentData()

    def refresh(self, keep: tuple[str, str] | None = None) -> None:
        """Reload the open conflicts of the chosen office; select `keep` or the first one."""
        try:
            self.summaries = list(
                _conflicts().open_conflicts(self.db, office_code=self.office_code())
            )
        except DomainError as exc:
            show_error(self, self.tr("处理冲突"), exc)
            self.summaries = []
        self.list.blockSignals(True)
        self.list.setRowCount(len(self.summaries))
        for r, s in enumerate(self.summaries):
            values = (
                s.kind_label,
                s.record_label,
                s.office_name or s.office_code,
                str(s.heads),
                _when(s.found_at),
            )
            for c, value in enumerate(values):
                self.list.setItem(r, c, QTableWidgetItem(value))
        self.list.blockSignals(False)
        self.count_label.setText(
            self.tr("待处理冲突 %1 条").replace("%1", str(len(self.summaries)))
        )
        self.csv_button.setEnabled(bool(self.summaries))
        target = 0
        if keep is not None:
            for r, s in enumerate(self.summaries):
                if (s.table_name, s.record_id) == keep:
                    target = r
        if self.summaries:
            self.list.selectRow(target)
        self._selected()

    def _selected(self) -> None:
        rows = {i.row() for i in self.list.selectedIndexes()}
        if len(rows) != 1 or not self.summaries:
            self.show_conflict(None)
            return
        s = self.summaries[rows.pop()]
        self.show_conflict((s.table_name, s.record_id))

    # -- one conflict -----------------------------------------------------------------
    def show_conflict(self, key: tuple[str, str] | None) -> None:
        self.choice = {}
        self.record = 0
        self.detail = None
        if key is not None:
            try:
                self.detail = _conflicts().conflict_detail(self.db, *key)
            except DomainError as exc:
                show_error(self, self.tr("处理冲突"), exc)
        if self.detail is None:
            self.title.setText(self.tr("没有待处理的冲突") if not self.summaries else "")
            self.fields.clear()
            self.fields.setRowCount(0)
            self.fields.setColumnCount(0)
            self.merge_button.setEnabled(False)
            return
        s = self.detail.summary
        self.title.setText(
            self.tr("%1：%2（%3）")
            .replace("%1", s.kind_label)
            .replace("%2", s.record_label)
            .replace("%3", s.office_name or s.office_code)
        )
        # Until the clerk picks, every field keeps the provisional winner's value.
        self.choice = {f.column: 0 for f in self.detail.fields}
        self.merge_button.setEnabled(True)
        self._fill_fields()

    def _head_heading(self, index: int, head: Any) -> str:
        letter = chr(ord("A") + index) if index < 26 else str(index + 1)
        lines = [self.tr("版本 %1").replace("%1", letter)]
        if index == 0:
            lines[0] += self.tr("（暂定）")
        lines.append(f"{head.office_code} · {str(head.instance)[:8]} · {head.version}")
        lines.append(_when(head.updated_at))
        if head.deleted:
            lines.append(self.tr("已删除"))
        return "\n".join(lines)

    def shown_fields(self) -> list[Any]:
        if self.detail is None:
            return []
        fields = [f for f in self.detail.fields if f.column not in IN_HEADING]
        if self.only_differences.isChecked():
            return [f for f in fields if f.differs]
        return fields

    def _fill_fields(self) -> None:
        if self.detail is None:
            return
        heads = self.detail.heads
        fields = self.shown_fields()
        self.fields.clear()
        self.fields.setColumnCount(len(heads))
        self.fields.setRowCount(len(fields))
        self.fields.setHorizontalHeaderLabels(
            [self._head_heading(i, h) for i, h in enumerate(heads)]
        )
        self.fields.setVerticalHeaderLabels([f.heading for f in fields])
        self.fields.verticalHeader().show()
        for r, field in enumerate(fields):
            for c in range(len(heads)):
                value = field.values[c] if c < len(field.values) else ""
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if not field.differs:
                    item.setForeground(QBrush(SAME))
                self.fields.setItem(r, c, item)
            self._paint_row(r, field)
        self.fields.resizeRowsToContents()

    def _live(self) -> list[int]:
        return [i for i, h in enumerate(self.detail.heads) if not h.deleted]

    def effective(self, column: str) -> int:
        """The head whose value the merge keeps for `column`, as resolve() will write it."""
        heads = self.detail.heads
        if heads[self.record].deleted:
            return self.record
        chosen = self.choice.get(column, 0)
        if heads[chosen].deleted:
            return self._live()[0]  # resolve() starts from the first version still present
        return chosen

    def _paint_row(self, row: int, field: Any) -> None:
        chosen = self.effective(field.column)
        for c in range(self.fields.columnCount()):
            item = self.fields.item(row, c)
            if item is None or not field.differs:
                continue
            font = item.font()
            font.setBold(c == chosen)
            item.setFont(font)
            item.setBackground(QBrush(CHOSEN if c == chosen else DIFFERS))
            text = item.text().removeprefix("✔ ")
            item.setText(f"✔ {text}" if c == chosen else text)

    def choose(self, row: int, column: int) -> None:
        """Keep the value in `column` (a version) for the field on `row`."""
        fields = self.shown_fields()
        if not 0 <= row < len(fields) or self.detail is None:
            return
        field = fields[row]
        heads = self.detail.heads
        if not field.differs or not 0 <= column < len(heads):
            return
        if heads[column].deleted:
            self.choose_all(column)  # a deletion is kept whole or not at all
            return
        self.choice[field.column] = column
        if heads[self.record].deleted:
            self.record = column  # a value picked from a version that still exists keeps it
            for r, f in enumerate(fields):
                self._paint_row(r, f)
        else:
            self._paint_row(row, field)

    def _choose_current(self) -> None:
        self.choose(self.fields.currentRow(), self.fields.currentColumn())

    def choose_all(self, column: int) -> None:
        """A click on a version's heading keeps all of that version's values."""
        if self.detail is None or not 0 <= column < len(self.detail.heads):
            return
        for f in self.detail.fields:
            self.choice[f.column] = column
        self.record = column
        for r, f in enumerate(self.shown_fields()):
            self._paint_row(r, f)

    # -- saving -----------------------------------------------------------------------
    def merge(self) -> bool:
        """Write the chosen values as a new version that supersedes every version shown."""
        if self.detail is None:
            return False
        s = self.detail.summary
        heads = self.detail.heads
        if heads[self.record].deleted:
            choice = {"_record": self.record}
        else:
            choice = {
                column: index
                for column, index in self.choice.items()
                if index != 0 and not heads[index].deleted
            }
            if self.record != 0:
                choice["_record"] = self.record
        try:
            _conflicts().resolve(self.db, s.table_name, s.record_id, choice)
        except DomainError as exc:
            show_error(self, self.tr("处理冲突"), exc)
            return False
        self.changed = True
        position = self.list.currentRow()
        self._fill_offices_keeping()
        self.refresh()
        if self.summaries:
            self.list.selectRow(min(max(position, 0), len(self.summaries) - 1))
        return True

    def _fill_offices_keeping(self) -> None:
        code = self.office_code()
        self._fill_offices()
        index = self.office_filter.findData(code)
        self.office_filter.blockSignals(True)
        self.office_filter.setCurrentIndex(max(index, 0))
        self.office_filter.blockSignals(False)

    def save_csv(self, path: Path | None = None) -> Path | None:
        """The open conflicts as CSV (record, field, both values, both offices)."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("导出冲突清单"),
                str(Path.home() / "冲突清单.csv"),
                self.tr("CSV 文件 (*.csv)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            # With a byte-order mark: Excel on a Chinese Windows then reads it as UTF-8.
            path.write_text(_conflicts().conflicts_csv(self.db), encoding="utf-8-sig")
        except (OSError, DomainError) as exc:
            show_error(self, self.tr("导出冲突清单"), exc)
            return None
        notify(self, self.tr("导出冲突清单"), self.tr("已保存：%1").replace("%1", str(path)))
        return path
