"""工具 → 审计日志: the administrator's viewer of the audit trail, with filters, export and a check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.permissions import Permission
from govdesk.services import audit
from govdesk.services.audit import AuditRow, VerifyResult
from govdesk.ui.ops import Operation, notify, run_with_progress

if TYPE_CHECKING:
    from govdesk.store.database import Database
    from govdesk.ui.main_window import MainWindow

PAGE_SIZE = 200
_ROOT = QModelIndex()


def install(window: MainWindow) -> None:
    """工具 → 审计日志…, only for roles that may view the trail (absent for everyone else)."""
    actor = window.db.actor
    if actor is None or not actor.can(Permission.AUDIT_VIEW):
        return
    action = QAction(QCoreApplication.translate("AuditLog", "审计日志(&L)…"), window)
    action.setObjectName("auditLogAction")
    action.triggered.connect(lambda: show_viewer(window))
    tools = window.tools_menu
    first = tools.actions()[0] if tools.actions() else None
    tools.insertAction(first, action)
    if first is not None:
        tools.insertSeparator(first)


def show_viewer(window: MainWindow) -> AuditLogDialog:
    """One viewer per window, brought to the front when it is already open."""
    dialog = getattr(window, "audit_dialog", None)
    if dialog is None or not dialog.isVisible():
        dialog = AuditLogDialog(window.db, window)
        window.audit_dialog = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


class AuditTableModel(QAbstractTableModel):
    """Entries newest first, fetched a page at a time as the view scrolls (keyset on seq)."""

    # Marked for lupdate, translated when the heading is drawn.
    COLUMNS = (
        QT_TRANSLATE_NOOP("AuditLog", "序号"),
        QT_TRANSLATE_NOOP("AuditLog", "时间"),
        QT_TRANSLATE_NOOP("AuditLog", "用户"),
        QT_TRANSLATE_NOOP("AuditLog", "操作"),
        QT_TRANSLATE_NOOP("AuditLog", "记录类型"),
        QT_TRANSLATE_NOOP("AuditLog", "记录"),
        QT_TRANSLATE_NOOP("AuditLog", "详情"),
    )

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.filters: dict[str, Any] = {}
        self.rows: list[AuditRow] = []
        self._more = False

    def set_filters(self, filters: dict[str, Any]) -> None:
        self.beginResetModel()
        self.filters = dict(filters)
        self.rows = audit.query(self.db, limit=PAGE_SIZE, **self.filters)
        self._more = len(self.rows) == PAGE_SIZE
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filters(self.filters)

    def entry(self, row: int) -> AuditRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or not self.rows:
            return
        page = audit.query(self.db, after_seq=self.rows[-1].seq, limit=PAGE_SIZE, **self.filters)
        self._more = len(page) == PAGE_SIZE
        if page:
            first = len(self.rows)
            self.beginInsertRows(_ROOT, first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (5, 6):
            return entry.record_id if column == 5 else "\n".join(entry.detail_lines())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(entry: AuditRow, column: int) -> str:
        if column == 0:
            return str(entry.seq)
        if column == 1:
            return audit.local_time_text(entry.at)
        if column == 2:
            return entry.username
        if column == 3:
            return entry.action_label
        if column == 4:
            return entry.record_label
        if column == 5:
            # The start of a record id is enough to tell records apart and to filter by.
            rid = entry.record_id or ""
            return rid[:8] + "…" if len(rid) > 8 else rid
        return entry.detail_text()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AuditLog", self.COLUMNS[section])
        return None


class AuditLogDialog(QDialog):
    """Filters above, entries in the middle, the selected entry's detail below."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("auditLogDialog")
        self.setWindowTitle(self.tr("审计日志"))
        self.resize(1080, 640)
        self.last_verify: VerifyResult | None = None
        self.last_export: tuple[Path, int] | None = None
        self.operation: Operation | None = None

        self.model = AuditTableModel(db, self)
        self._build()
        self._load_choices()
        self.apply_filters()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.user_combo = QComboBox(objectName="auditUserFilter")
        self.action_combo = QComboBox(objectName="auditActionFilter")
        self.record_edit = QLineEdit(objectName="auditRecordFilter")
        self.record_edit.setPlaceholderText(self.tr("记录编号或内容，如姓名"))
        self.record_edit.setClearButtonEnabled(True)
        self.date_check = QCheckBox(self.tr("日期"), objectName="auditDateFilter")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), objectName="auditDateFrom")
        self.date_to = QDateEdit(today, objectName="auditDateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("用户")))
        filters.addWidget(self.user_combo)
        filters.addWidget(QLabel(self.tr("操作")))
        filters.addWidget(self.action_combo)
        filters.addWidget(QLabel(self.tr("记录")))
        filters.addWidget(self.record_edit, 1)
        filters.addWidget(self.date_check)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)

        self.table = QTableView(objectName="auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((60, 150, 90, 100, 80, 90)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

        self.detail = QPlainTextEdit(objectName="auditDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("选择一条记录以查看详情"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        self.count_label = QLabel(objectName="auditCount")
        self.verify_label = QLabel(objectName="auditVerifyResult")
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("导出Excel…"), objectName="auditExportButton")
        self.verify_button = QPushButton(self.tr("校验完整性"), objectName="auditVerifyButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Return in the record filter applies it; it must not press a button (export, close).
        for button in (self.export_button, self.verify_button, *buttons.buttons()):
            button.setAutoDefault(False)
            button.setDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.verify_label, 1)
        # A read-only file cannot record the export on the trail, so it offers none.
        if not getattr(self.db, "read_only", False):
            bottom.addWidget(self.export_button)
        else:
            self.export_button.hide()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.user_combo.currentIndexChanged.connect(self.apply_filters)
        self.action_combo.currentIndexChanged.connect(self.apply_filters)
        self.record_edit.editingFinished.connect(self._record_changed)
        self.date_check.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.export_button.clicked.connect(self.ask_export)
        self.verify_button.clicked.connect(self.run_verify)
        self._applied_record = ""

    def _load_choices(self) -> None:
        for combo in (self.user_combo, self.action_combo):
            combo.blockSignals(True)
        self.user_combo.addItem(self.tr("全部用户"), None)
        for name in audit.users(self.db):
            self.user_combo.addItem(name, name)
        self.action_combo.addItem(self.tr("全部操作"), None)
        for code, label in audit.actions(self.db):
            self.action_combo.addItem(label, code)
        for combo in (self.user_combo, self.action_combo):
            combo.blockSignals(False)

    # -- filters ---------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The filters as `audit.query` takes them."""
        dates = self.date_check.isChecked()
        return {
            "user": self.user_combo.currentData(),
            "action": self.action_combo.currentData(),
            "record": self.record_edit.text().strip() or None,
            "date_from": self.date_from.date().toPython() if dates else None,
            "date_to": self.date_to.date().toPython() if dates else None,
        }

    def apply_filters(self) -> None:
        self._applied_record = self.record_edit.text().strip()
        self.model.set_filters(self.filters())
        self.detail.clear()

    def _record_changed(self) -> None:
        if self.record_edit.text().strip() != self._applied_record:
            self.apply_filters()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filters()

    def _dates_changed(self) -> None:
        if self.date_check.isChecked():
            self.apply_filters()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        more = self.tr("（向下滚动显示更多）") if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("显示 %1 条").replace("%1", str(shown)) + more)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row())
        if entry is None:
            self.detail.clear()
            return
        head = "  ".join(
            part
            for part in (
                self.tr("第%1条").replace("%1", str(entry.seq)),
                audit.local_time_text(entry.at),
                entry.username,
                entry.action_label,
                entry.record_label,
                entry.record_id or "",
            )
            if part
        )
        lines = [head, *entry.detail_lines(), self.tr("哈希：%1").replace("%1", entry.hash)]
        self.detail.setPlainText("\n".join(lines))

    def select_seq(self, seq: int) -> bool:
        """Select the entry with this seq when it is among the rows loaded (the bad one)."""
        for row, entry in enumerate(self.model.rows):
            if entry.seq == seq:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    # -- export and check ------------------------------------------------------------
    def ask_export(self) -> Operation | None:
        name, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("导出审计日志"),
            f"审计日志-{dt.date.today():%Y%m%d}.xlsx",
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if not name:
            return None
        return self.export_to(Path(name))

    def export_to(self, out: Path) -> Operation:
        """Export what the filters show, on a worker; the export itself joins the trail."""
        if out.suffix.lower() != ".xlsx":
            out = out.with_suffix(".xlsx")
        filters = self.filters()
        title = self.tr("导出审计日志")

        def done(count: int) -> None:
            self.last_export = (out, count)
            self.model.refresh()
            text = self.tr("已导出 %1 条到\n%2").replace("%1", str(count)).replace("%2", str(out))
            notify(self, title, text)

        self.operation = run_with_progress(
            self,
            title,
            lambda progress, cancel: audit.export_xlsx(
                self.db, out, progress=progress, cancel=cancel, **filters
            ),
            done,
            label=self.tr("正在导出到 %1…").replace("%1", out.name),
        )
        return self.operation

    def run_verify(self) -> Operation:
        """Walk the whole chain on a worker: a long trail takes seconds, the window stays live."""
        title = self.tr("校验审计日志")
        self.verify_button.setEnabled(False)
        self.verify_label.setText(self.tr("正在校验…"))

        def done(result: VerifyResult) -> None:
            self.verify_button.setEnabled(True)
            self.last_verify = result
            colour = "#1b7f3b" if result.ok else "#b3261e"
            self.verify_label.setStyleSheet(f"color: {colour};")
            self.verify_label.setText(result.message)
            text = result.message
            if result.anchor:
                # Noted outside the file, it shows later that the trail was not rewritten.
                note = self.tr("末条（可记下，供以后核对）：")
                self.verify_label.setToolTip(note + result.anchor)
                text += "\n\n" + note + "\n" + result.anchor
            if result.first_bad_seq is not None:
                self.select_seq(result.first_bad_seq)
            notify(self, title, text, warning=not result.ok)

        def failed(exc: BaseException) -> None:
            from govdesk.ui.ops import show_error

            self.verify_button.setEnabled(True)
            self.verify_label.clear()
            show_error(self, title, exc)

        self.operation = run_with_progress(
            self,
            title,
            lambda progress, cancel: audit.verify(self.db, progress=progress, cancel=cancel),
            done,
            failed,
            label=self.tr("正在校验审计日志的哈希链…"),
        )
        return self.operation
