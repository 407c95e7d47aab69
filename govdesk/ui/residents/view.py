"""The 居民登记 tab: search box, filters, the paged resident table and its actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission
from govdesk.services import authz, privacy, registry
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from govdesk.ui.ops import show_error
from govdesk.ui.residents import actions
from govdesk.ui.residents.model import CODED_COLUMNS, ResidentTableModel

COUNT_CAP = 10_000
# The widest usual content of each column; the address column takes the rest.
COLUMN_SAMPLES = {
    "name": "欧阳秀英",
    "sex": "性别",
    "birth_date": "0000-00-00",
    "id_number": "110105********002X",
    "phone": "138****0000",
    "person_type": "户籍人口",
    "household_number": "1100000000",
    "relation_to_head": "与户主关系",
    "current_address": "和平里北里10号楼4单元1001室",
    "status": "状态",
}


def allowed(db: Database) -> dict[str, bool]:
    """Which of the tab's actions the signed-in role may use; the others are not built.

    A database opened read-only can take no writes, and no audit entries either, so
    reveals, exports and prints (each audited) are left out there too.
    """
    writable = not getattr(db, "read_only", False)
    return {
        "edit": authz.can(db, Permission.RESIDENT_EDIT) and writable,
        "import": authz.can(db, Permission.RESIDENT_IMPORT) and writable,
        "export": authz.can(db, Permission.RESIDENT_EXPORT) and writable,
        "reveal": authz.can(db, Permission.IDENTITY_REVEAL) and writable,
        "print": authz.can(db, Permission.RESIDENT_VIEW) and writable,
    }


class ResidentsTab(QWidget):
    """One tab, one database: every write below goes through govdesk.services.registry."""

    counts_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("residentsTab")
        self.db = db
        self.allowed = allowed(db)
        self.service = ResidentList(db)
        self.undo_stack = QUndoStack(self)
        self.active_dialog: QDialog | None = None  # the dialog the tab opened last
        self.last_export: tuple[Path, int] | None = None
        self.model = ResidentTableModel(self.service, self)
        self._build()
        self._actions = self._make_actions()
        self._update_count()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("residentSearch")
        self.search.setPlaceholderText(
            self.tr("姓名、拼音或首字母、身份证号（或后几位）、电话、地址")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.search.installEventFilter(self)

        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("residentTypeFilter")
        self.type_combo.addItem(self.tr("全部类型"), None)
        for c in codes.PERSON_TYPE:
            self.type_combo.addItem(c.label, c.code)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("residentStatusFilter")
        for c in codes.RESIDENT_STATUS:
            self.status_combo.addItem(c.label, c.code)
        self.status_combo.addItem(self.tr("全部状态"), None)
        self.care_combo = QComboBox(self)
        self.care_combo.setObjectName("residentCareFilter")
        self.care_combo.addItem(self.tr("全部关爱类别"), None)
        with self.db.session() as s:
            for cat in registry.care_categories(s):
                self.care_combo.addItem(cat.name_zh, cat.code)
        for combo in (self.type_combo, self.status_combo, self.care_combo):
            combo.currentIndexChanged.connect(self.apply_filter)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("residentCount")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("查找："), self))
        top.addWidget(self.search, 3)
        top.addWidget(self.type_combo)
        top.addWidget(self.status_combo)
        top.addWidget(self.care_combo)
        top.addWidget(self.count_label)

        self.table = QTableView(self)
        self.table.setObjectName("residentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # No stretched address column: in a narrow window it would shrink to nothing; it
        # keeps its width and the table scrolls sideways, while spare room goes to the last.
        header.setStretchLastSection(True)
        self._fit_columns()
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.installEventFilter(self)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        may = self.allowed
        for key, text, slot, shown in (
            ("add", self.tr("新增"), self.add_person, may["edit"]),
            (
                "open",
                self.tr("编辑/查看") if may["edit"] else self.tr("查看"),
                self.open_selected,
                True,
            ),
            ("household", self.tr("户信息"), self.open_household, True),
            ("status", self.tr("状态变更"), self.change_status, may["edit"]),
            ("import", self.tr("导入"), self.import_file, may["import"]),
            ("export", self.tr("导出"), self.export_file, may["export"]),
            ("print", self.tr("打印"), self.print_person, may["print"]),
        ):
            if key == "import":
                row.addStretch(1)
            if not shown:
                continue  # absent, not greyed: the role may not use it
            b = QPushButton(text, self)
            b.setObjectName(f"resident_{key}_button")
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        QWidget.setTabOrder(self.search, self.type_combo)
        QWidget.setTabOrder(self.type_combo, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.care_combo)
        QWidget.setTabOrder(self.care_combo, self.table)
        QWidget.setTabOrder(self.table, next(iter(self.buttons.values())))

    def _fit_columns(self) -> None:
        """Column widths from the text they hold, so they follow the font-size setting."""
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        header = self.table.horizontalHeader()
        for i, col in enumerate(self.model.columns):
            sample = COLUMN_SAMPLES.get(col)
            if not sample:
                continue
            # Code labels and headings are longer in English than in Chinese.
            texts = [sample, str(self.model.headerData(i, Qt.Orientation.Horizontal))]
            texts += [c.label for c in CODED_COLUMNS.get(col, [])]
            header.resizeSection(i, max(fm.horizontalAdvance(t) for t in texts) + 24)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)

    def _make_actions(self) -> dict[str, list[QAction]]:
        def act(text: str, slot, shortcut=None) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            return a

        may = self.allowed
        self.find_action = act(self.tr("查找"), self.focus_search, QKeySequence.StandardKey.Find)
        self.open_action = act(
            self.tr("编辑/查看居民") if may["edit"] else self.tr("查看居民"), self.open_selected
        )
        self.household_action = act(self.tr("户信息"), self.open_household)
        self.addAction(self.find_action)
        # Actions the role may not use are never made (None), so no menu can show them.
        self.add_action: QAction | None = None
        self.status_action: QAction | None = None
        self.edit_household_action: QAction | None = None
        self.reveal_action: QAction | None = None
        edit_actions: list[QAction] = []
        if may["edit"]:
            self.add_action = act(
                self.tr("新增居民"), self.add_person, QKeySequence.StandardKey.New
            )
            self.status_action = act(self.tr("状态变更（迁出/死亡/注销）…"), self.change_status)
            self.edit_household_action = act(self.tr("修改户信息…"), self.edit_household)
            self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
            self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
            self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
            self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
            self.addAction(self.add_action)
            edit_actions += [self.undo_action, self.redo_action, self.add_action]
        edit_actions += [self.find_action, self.open_action, self.household_action]
        if self.edit_household_action is not None:
            edit_actions.append(self.edit_household_action)
        if self.status_action is not None:
            edit_actions.append(self.status_action)
        if may["reveal"]:
            self.reveal_action = act(
                self.tr("显示完整号码"),
                lambda: self.reveal_selected(),
                QKeySequence("Ctrl+Shift+R"),
            )
            self.reveal_action.setObjectName("revealAction")
            self.addAction(self.reveal_action)
            edit_actions.append(self.reveal_action)
        file_actions: list[QAction] = []
        if may["import"]:
            file_actions.append(act(self.tr("导入…"), self.import_file))
        if may["export"]:
            file_actions.append(act(self.tr("导出…"), self.export_file))
        if may["print"]:
            print_actions = [
                act(self.tr("打印登记表…"), self.print_person),
                act(self.tr("打印户信息表…"), self.print_household),
            ]
            file_actions += print_actions
            # The 打印 button offers both forms, like the 文件 menu.
            print_menu = QMenu(self)
            print_menu.addActions(print_actions)
            self.buttons["print"].setMenu(print_menu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.model.clear_revealed()
        )
        return {"file": file_actions, "edit": edit_actions}

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("residentContextMenu")
        menu.addAction(self.open_action)
        menu.addAction(self.household_action)
        if self.edit_household_action is not None:
            menu.addAction(self.edit_household_action)
        if self.status_action is not None:
            menu.addAction(self.status_action)
        if self.reveal_action is not None:
            menu.addSeparator()
            menu.addAction(self.reveal_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    def menu_actions(self) -> dict[str, list[QAction]]:
        """Actions the main window puts into its 文件 and 编辑 menus."""
        return self._actions

    # -- search ------------------------------------------------------------------------------
    def current_filter(self) -> ResidentFilter:
        return ResidentFilter(
            text=self.search.text(),
            person_type=self.type_combo.currentData(),
            status=self.status_combo.currentData(),
            care_code=self.care_combo.currentData(),
        )

    def apply_filter(self, *_args) -> None:
        # Synchronous on purpose: every search is an index range scan, no debounce needed.
        self.model.set_filter(self.current_filter())
        self._update_count()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _update_count(self) -> None:
        n = self.service.count(self.model.current_filter(), cap=COUNT_CAP)
        shown = f"{COUNT_CAP}+" if n >= COUNT_CAP else str(n)
        self.count_label.setText(self.tr("共 {n} 人").format(n=shown))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Down or Enter goes to the results; Enter on a single match opens it.
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.model.rowCount() and not self.table.selectionModel().hasSelection():
                    self.table.selectRow(0)
                if key != Qt.Key.Key_Down and self.model.rowCount() == 1:
                    self.open_selected()
                return True
            if obj is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if obj is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
        return super().eventFilter(obj, event)

    # -- after writes ------------------------------------------------------------------------
    def data_changed(self, select_person: str | None = None) -> None:
        """Reload the list after any write and tell the window its counts may have changed."""
        rows = self.table.selectionModel().selectedRows()
        selected_rowid = self.model.rowid_at(rows[0].row()) if rows else None
        self.model.refresh()
        self._update_count()
        # A record keeps its rowid, so the selection survives a reload without a query.
        row = self.model.row_of_person(select_person) if select_person else -1
        if row < 0 and selected_rowid is not None:
            row = self.model.row_of_rowid(selected_rowid)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.counts_changed.emit()

    def selected_person_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.person_id_at(rows[0].row())

    # -- actions (dialogs live in their own modules) ------------------------------------------
    def add_person(self) -> None:
        if self.allowed["edit"]:
            actions.add_person(self)

    def open_selected(self) -> None:
        pid = self.selected_person_id()
        if pid:
            actions.open_person(self, pid)

    def open_person(self, person_id: str) -> None:
        actions.open_person(self, person_id)

    def open_household(self) -> None:
        actions.open_household(self, self.selected_person_id())

    def edit_household(self) -> None:
        if self.allowed["edit"]:
            actions.edit_household(self, self.selected_person_id())

    def change_status(self) -> None:
        pid = self.selected_person_id()
        if pid and self.allowed["edit"]:
            actions.change_status(self, pid)

    def import_file(self) -> None:
        if self.allowed["import"]:
            actions.import_file(self)

    def export_file(self) -> None:
        if self.allowed["export"]:
            actions.export_file(self)

    def reveal_selected(self, field: str | None = None) -> str | None:
        """Show the selected person's full ID number (or phone, from the phone column).

        Audited by privacy.reveal; shown until the selection changes.
        """
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        if field is None:
            current = self.table.currentIndex()
            column = self.model.columns[current.column()] if current.isValid() else ""
            field = "phone" if column == "phone" else "id_number"
        person_id = self.model.person_id_at(row)
        if person_id is None:
            return None
        try:
            value = privacy.reveal(self.db, person_id, field)
        except DomainError as exc:
            show_error(self, self.tr("显示完整号码"), exc)
            return None
        self.model.show_revealed(row, field, value)
        return value

    def print_person(self) -> None:
        if self.allowed["print"]:
            actions.print_person(self, self.selected_person_id())

    def print_household(self) -> None:
        if self.allowed["print"]:
            actions.print_household(self, self.selected_person_id())
