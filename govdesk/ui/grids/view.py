"""The 网格管理 tab: the grid tree with counts, the places and staff of the chosen grid."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store.database import Database
from govdesk.ui.grids import printing, sources
from govdesk.ui.grids.commands import AssignCommand, assign_now, assign_text
from govdesk.ui.grids.events_view import EventsPanel
from govdesk.ui.grids.grid_dialogs import GridChoice, GridDialog, PlaceChoice, run_dialog
from govdesk.ui.grids.tree_model import (
    COMMUNITY,
    GRID,
    UNASSIGNED,
    GridPlacesModel,
    GridTreeModel,
    TreeRow,
)
from govdesk.ui.grids.visits_view import VisitsPanel
from govdesk.ui.ops import Operation, show_error

# The widest usual content of each count column, so widths follow the font size.
TREE_SAMPLES = {
    "code": "11010500100112",
    "households": "12,345",
    "residents": "123,456",
    "care": "重点关爱",
    "staff": "网格员",
}
PLACE_SAMPLES = {"kind": "村民小组", "households": "1,234", "residents": "12,345"}


class GridsTab(QWidget):
    """One tab, one database; every write goes through the grid services."""

    # The tab's title changed ("网格管理 (未划分 12)"); the window shows it on the tab.
    title_changed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gridsTab")
        self.db = db
        self.today_override: dt.date | None = None  # tests and the screenshot fix "today"
        self.may_edit = authz.can(db, Permission.GRID_EDIT) and not db.read_only
        self.show_care = authz.can(db, Permission.CARE_SENSITIVE)
        self.source = sources.GridSource(db)
        self.undo_stack = QUndoStack(self)
        self.tree_model = GridTreeModel(self, show_care=self.show_care)
        self.tree_model.drop_handler = self.drop_places
        self.places_model = GridPlacesModel(self)
        self.edit_actions: dict[str, QAction] = {}
        self.unassigned_count = 0
        self._shown = False
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(300)
        self._recount_timer.timeout.connect(lambda: self.reload())
        self._opened_on = self.today()
        self._build()
        self.reload()

    def today(self) -> dt.date:
        return self.today_override or dt.date.today()

    def set_today(self, day: dt.date) -> None:
        """Fix "today" (tests, the screenshot of a demo database) and show that day's tree."""
        self.today_override = day
        self._show_day(day)

    def _show_day(self, day: dt.date) -> None:
        self._opened_on = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.reload()

    def viewed_day(self) -> dt.date:
        """The day whose assignments the tree shows (today unless a past month is looked at)."""
        return self.date_edit.date().toPython()  # type: ignore[return-value]

    def editing(self) -> bool:
        """Changes are made on today's tree only: a past day's figures stay as they were."""
        return self.may_edit and self.viewed_day() == self.today()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("gridsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if self.may_edit:
            labels = {
                "create": self.tr("新建网格"),
                "rename": self.tr("重命名"),
                "split": self.tr("拆分"),
                "merge": self.tr("合并"),
                "retire": self.tr("撤销网格"),
            }
            for key in ("create", "rename", "split", "merge", "retire"):
                action = QAction(labels[key] + "…", self)
                action.setObjectName(f"gridsAction_{key}")
                action.triggered.connect(lambda _c=False, k=key: self.run_action(k))
                self.toolbar.addAction(action)
                self.edit_actions[key] = action
            self.toolbar.addSeparator()
            # F2 and Del act on the grid chosen in the tree (not on a place or a staff row).
            for key, keys in (("rename", "F2"), ("retire", "Del")):
                action = self.edit_actions[key]
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.setToolTip(f"{action.text()} ({QKeySequence(keys).toString()})")
        self.roles_action: QAction | None = None
        self.numbering_action: QAction | None = None
        if authz.can(self.db, Permission.SETTINGS_MANAGE) and not self.db.read_only:
            self.roles_action = QAction(self.tr("岗位名称…"), self)
            self.roles_action.setObjectName("gridsRoleLabels")
            self.roles_action.setToolTip(self.tr("修改网格人员岗位的名称，或停用不用的岗位"))
            self.roles_action.triggered.connect(lambda _c=False: self.edit_role_labels())
            self.numbering_action = QAction(self.tr("编码规则…"), self)
            self.numbering_action.setObjectName("gridsNumbering")
            self.numbering_action.setToolTip(self.tr("新建网格时编号取两位还是三位"))
            self.numbering_action.triggered.connect(lambda _c=False: self.edit_numbering())

        day = QLabel(self.tr("日期"), self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("gridsDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr("按这一天的划分统计；选过去的日期可查看当时的网格"))
        today = self.today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        day.setBuddy(self.date_edit)
        self.toolbar.addWidget(day)
        self.toolbar.addWidget(self.date_edit)
        self.show_retired = QCheckBox(self.tr("显示已撤销网格"), self)
        self.show_retired.setObjectName("gridsShowRetired")
        self.toolbar.addWidget(self.show_retired)
        self.date_edit.dateChanged.connect(lambda _d: self.reload())
        self.show_retired.toggled.connect(lambda _on: self.reload())
        self._build_print()
        self._add_roles_action()

        self.tree = QTreeView(self)
        self.tree.setObjectName("gridTree")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.tree.setAcceptDrops(self.may_edit)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.selectionModel().currentChanged.connect(lambda *_a: self._show_selected())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        for key in ("rename", "retire"):
            if key in self.edit_actions:
                self.tree.addAction(self.edit_actions[key])

        self.places_title = QLabel(self)
        self.places_title.setObjectName("gridsPlacesTitle")
        self.places = QTableView(self)
        self.places.setObjectName("gridPlaces")
        self.places.setModel(self.places_model)
        self.places.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.places.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.places.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.places.verticalHeader().setVisible(False)
        self.places.setWordWrap(False)
        self.places.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.places.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.places.setDragEnabled(self.may_edit)
        self.places.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.places.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.places.customContextMenuRequested.connect(self._places_menu)

        self.assign_button = QPushButton(self.tr("划入网格…"), self)
        self.assign_button.setObjectName("gridsAssignButton")
        self.assign_button.setToolTip(
            self.tr("把选中的楼栋或房屋划入另一个网格；也可以把它们拖到左边的网格上")
        )
        self.assign_button.clicked.connect(lambda _c=False: self.assign_selected())
        self.assign_button.setVisible(self.may_edit)
        self.hint = QLabel(self)
        self.hint.setObjectName("gridsHint")
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.assign_button)

        self.staff_title = QLabel(self.tr("网格人员"), self)
        self.staff_title.setObjectName("gridsStaffTitle")
        self.staff = QTableWidget(0, 4, self)
        self.staff.setObjectName("gridStaff")
        self.staff.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("岗位"), self.tr("联系电话"), self.tr("任职起始")]
        )
        self.staff.verticalHeader().setVisible(False)
        self.staff.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.staff.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.staff.horizontalHeader().setStretchLastSection(False)

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.places_title)
        column.addWidget(self.places, 3)
        column.addLayout(buttons)
        column.addWidget(self.staff_title)
        column.addWidget(self.staff, 2)
        column.addLayout(self._build_staff_buttons())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("gridsSplitter")
        self.splitter.addWidget(self.tree)
        # Places and staff, then the visits and events of the chosen grid, as pages.
        self.pages = QTabWidget(self)
        self.pages.setObjectName("gridsPages")
        self.pages.addTab(right, self.tr("楼栋和人员"))
        self.visits_panel = VisitsPanel(self.db, self)
        self.pages.addTab(self.visits_panel, self.tr("走访"))
        self.events_panel = EventsPanel(self.db, self)
        self.pages.addTab(self.events_panel, self.tr("事件"))
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 560])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self._fit_columns()

    def _fit_columns(self) -> None:
        fm = self.tree.fontMetrics()
        for table in (self.places, self.staff):
            table.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        # Widths from the font, not from the rows: a grid of 500 buildings opens at once.
        places_header = self.places.horizontalHeader()
        places_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i, column in enumerate(self.places_model.columns[1:], 1):
            texts = [
                PLACE_SAMPLES[column],
                str(self.places_model.headerData(i, Qt.Orientation.Horizontal)),
            ]
            places_header.resizeSection(i, max(fm.horizontalAdvance(t) for t in texts) + 16)
        header = self.tree.header()
        # Sub-grid codes grow two digits a level: the longest one shown sets the width.
        codes = [r.code for r in self.tree_model.rows()]
        longest_code = max(codes, key=len) if codes else ""
        for i, column in enumerate(self.tree_model.columns):
            if column == "name":
                continue  # it takes the room the counts leave
            texts = [
                TREE_SAMPLES[column],
                str(self.tree_model.headerData(i, Qt.Orientation.Horizontal)),
            ]
            if column == "code":
                texts.append(longest_code)
            header.resizeSection(i, max(fm.horizontalAdvance(t) for t in texts) + 16)
        header.setMinimumSectionSize(fm.horizontalAdvance("0000") + 8)

    def name_width(self) -> int:
        """What the tree's name column needs to show every grid's name whole."""
        plain = self.tree.fontMetrics()
        bold_font = QFont(self.tree.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        indent = self.tree.indentation()
        need = 0
        for row in self.tree_model.rows():
            depth, up = 0, row.parent
            while up is not None and up.parent is not None:  # the model's hidden root ends it
                depth, up = depth + 1, up.parent
            text = str(self.tree_model.data(self.tree_model.index_of(row)) or "")
            fm = plain if row.kind == GRID else bold
            need = max(need, indent * (depth + 1) + fm.horizontalAdvance(text) + 12)
        return need

    def _fit_splitter(self) -> None:
        """On first showing, the tree gets the room its names need and the pages on the
        right the rest: a narrow window takes from the pages, as far as they keep their own
        smallest size; a wide one gives them what the tree does not need, so that their
        lists of visits and events fit without scrolling sideways (the clerk may drag it)."""
        header = self.tree.header()
        missing = self.name_width() - header.sectionSize(0)
        left, right = self.splitter.sizes()
        if missing < 0:
            # what the tree's frame and its scroll bar (room kept for one to come) take
            bar = self.tree.verticalScrollBar()
            chrome = left - header.length() + (0 if bar.isVisible() else bar.sizeHint().width())
            spare = -missing - max(chrome, 0) - self.tree.fontMetrics().horizontalAdvance("中")
            if spare > 0:
                self.splitter.setSizes([left - spare, right + spare])
            return
        if missing == 0:
            return
        spare = right - self.pages.minimumSizeHint().width()
        give = min(missing, max(spare, 0))
        if give > 0:
            self.splitter.setSizes([left + give, right - give])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)

    def register_changed(self) -> None:
        """Another tab changed the register (a household moved, people registered): recount
        shortly, once for a burst of changes, so the tab's 未划分 count is never stale."""
        self._recount_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self._fit_splitter)
            return
        # Back from another tab: households may have moved or been registered meanwhile.
        if self.viewed_day() == self._opened_on and self.today() != self._opened_on:
            self._show_day(self.today())  # past midnight: today's tree, not yesterday's
        else:
            self.reload()

    def event(self, event: QEvent) -> bool:
        # The window adds the tab (and names it) after building it: the title with the
        # unassigned count is put on once the tab sits in its QTabWidget.
        if event.type() == QEvent.Type.ParentChange:
            QTimer.singleShot(0, self._apply_title)
        return super().event(event)

    # -- reading ---------------------------------------------------------------------------
    def reload(self, select_grid: str | None = None, select_kind: str | None = None) -> None:
        """Load the tree for the viewed day again; the chosen line stays chosen."""
        current = self.current_row()
        if select_grid is None and select_kind is None and current is not None:
            select_grid, select_kind = current.id, current.kind
        try:
            community = self.source.tree(
                self.viewed_day(), include_retired=self.show_retired.isChecked()
            )
        except DomainError as exc:
            show_error(self, self.tr("网格管理"), exc)
            return
        expanded = self._expanded_ids()
        self.tree_model.accept_drops = self.editing()
        self.tree_model.set_rows(community)
        self._restore_expanded(expanded)
        self._fit_columns()
        unassigned = self.tree_model.unassigned()
        self.unassigned_count = sources.unassigned_count(unassigned)
        index = QModelIndex()
        if select_grid:
            index = self.tree_model.find_grid(select_grid)
        elif select_kind:
            index = self.tree_model.find_kind(select_kind)
        if not index.isValid() and current is None:
            # Opening the tab: the first grid that holds buildings itself (the first leaf),
            # so places and staff show at once.
            first = next((r for r in community.children if r.kind == GRID), None)
            while first is not None and first.children:
                first = first.children[0]
            index = self.tree_model.index_of(first) if first is not None else index
        if not index.isValid():
            index = self.tree_model.index_of(community)
        # Quietly: the places and staff are read once, just below, not again by the signal.
        selection = self.tree.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.tree.viewport().update()
        self.tree.scrollTo(index)
        self._show_selected()
        self._apply_title()

    def _expanded_ids(self) -> set[tuple[str, str | None]] | None:
        if self.tree_model.community() is None:
            return None  # the first load: everything opens
        return {
            (row.kind, row.id)
            for row in self.tree_model.rows()
            if row.children and self.tree.isExpanded(self.tree_model.index_of(row))
        }

    def _restore_expanded(self, expanded: set[tuple[str, str | None]] | None) -> None:
        for row in self.tree_model.rows():
            if row.children and (expanded is None or (row.kind, row.id) in expanded):
                self.tree.setExpanded(self.tree_model.index_of(row), True)

    def title(self) -> str:
        base = self.tr("网格管理")
        if self.unassigned_count:
            return base + self.tr(" (未划分 %1)").replace("%1", f"{self.unassigned_count:,}")
        bucket = self.tree_model.unassigned()
        if bucket is not None and bucket.places:
            # Nobody lives there yet, but the bucket is not empty: it never reads as done.
            return base + self.tr(" (未划分 %1 处)").replace("%1", f"{bucket.places:,}")
        return base

    def _apply_title(self) -> None:
        text = self.title()
        self.title_changed.emit(text)
        holder = self.parentWidget()
        tabs = holder.parentWidget() if holder is not None else None
        if isinstance(tabs, QTabWidget) and (i := tabs.indexOf(self)) >= 0:
            tabs.setTabText(i, text)
            unassigned = self.tree_model.unassigned()
            tabs.setTabToolTip(i, sources.unassigned_text(unassigned) if unassigned else "")

    # -- selection -------------------------------------------------------------------------
    def current_row(self) -> TreeRow | None:
        return self.tree_model.row_of(self.tree.selectionModel().currentIndex())

    def select_grid(self, grid_id: str) -> bool:
        index = self.tree_model.find_grid(grid_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        return True

    def select_unassigned(self) -> bool:
        index = self.tree_model.find_kind(UNASSIGNED)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        return True

    def _show_selected(self) -> None:
        row = self.current_row()
        day = self.viewed_day()
        if row is None or row.kind == COMMUNITY:
            self.places_model.set_rows([])
            self.places_title.setText(self.tr("选择一个网格，查看划入的楼栋和房屋"))
            self._show_staff([])
        else:
            places = self.source.places(row.id if row.kind == GRID else None, day)
            self.places_model.set_rows(places)
            if row.kind == UNASSIGNED:
                title = self.tr("未划分的楼栋和房屋：%1 处").replace("%1", str(len(places)))
                # Households whose address names no building or house have no place to
                # assign: the clerk corrects their address in 居民登记.
                unplaced = row.households - sum(p.households for p in places)
                if unplaced > 0:
                    title += self.tr("；另有 %1 户的地址对应不到楼栋或门牌号").replace(
                        "%1", f"{unplaced:,}"
                    )
            else:
                title = (
                    self.tr("%1 的楼栋和房屋：%2 处")
                    .replace("%1", row.name)
                    .replace("%2", str(len(places)))
                )
                if row.children:
                    title += self.tr("（不含下级网格）")
            self.places_title.setText(title)
            self._show_staff(self.source.staff(row.id, day) if row.kind == GRID else [])
        # Only a grid has staff; the community's are in its grids, the bucket has none.
        is_grid = row is not None and row.kind == GRID
        self.staff_title.setVisible(is_grid)
        self.staff.setVisible(is_grid)
        grid_id = row.id if row is not None and row.kind == GRID else None
        self.events_panel.grid_choices = self.grid_choices()
        self.visits_panel.set_grid(grid_id, day)
        self.events_panel.set_grid(grid_id, day)
        self._enable()

    def _show_staff(self, rows: list[sources.StaffRow]) -> None:
        self.staff_rows[:] = rows
        self.staff.setRowCount(len(rows))
        for r, staff in enumerate(rows):
            for c, text in enumerate((staff.name, staff.role, staff.phone, staff.start)):
                self.staff.setItem(r, c, QTableWidgetItem(text))
        row = self.current_row()
        if row is not None and row.children:
            title = self.tr("网格人员（不含下级网格）：%1 人")
        else:
            title = self.tr("网格人员：%1 人")
        self.staff_title.setText(title.replace("%1", str(len(rows))))
        self.staff.resizeColumnsToContents()
        self.staff.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def selected_place_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.places.selectionModel().selectedRows())
        return [p.id for r in rows if (p := self.places_model.place_at(r)) is not None]

    def select_places(self, place_ids: list[str]) -> None:
        selection = self.places.selectionModel()
        selection.clearSelection()
        for pid in place_ids:
            row = self.places_model.row_of_place(pid)
            if row >= 0:
                selection.select(
                    self.places_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _enable(self) -> None:
        row = self.current_row()
        editing = self.editing()
        is_grid = row is not None and row.kind == GRID and not row.retired
        for key, action in self.edit_actions.items():
            action.setEnabled(editing and (key == "create" or is_grid))
        self.assign_button.setEnabled(editing and bool(self.selected_place_ids()))
        self.places.setDragEnabled(editing)
        self.places_model.draggable = editing
        self._enable_staff()
        if self.may_edit and not editing:
            self.hint.setText(self.tr("查看的是过去或将来的日期，只能在今天的网格上调整"))
        elif editing and row is not None and row.kind != COMMUNITY:
            self.hint.setText(self.tr("可多选，拖到左边的网格上即划入"))
        else:
            self.hint.clear()

    # -- menus -----------------------------------------------------------------------------
    def _tree_menu(self, pos) -> None:
        if not self.edit_actions:
            return
        index = self.tree.indexAt(pos)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("gridsTreeMenu")
        for key in ("create", "rename", "split", "merge", "retire"):
            menu.addAction(self.edit_actions[key])
        menu.popup(self.tree.viewport().mapToGlobal(pos))
        self.context_menu = menu

    def _places_menu(self, pos) -> None:
        if not self.may_edit:
            return
        menu = QMenu(self)
        menu.setObjectName("gridsPlacesMenu")
        item = menu.addAction(self.assign_button.text())
        item.setEnabled(self.assign_button.isEnabled())
        item.triggered.connect(lambda _c=False: self.assign_selected())
        menu.popup(self.places.viewport().mapToGlobal(pos))
        self.context_menu = menu

    # -- writing ---------------------------------------------------------------------------
    def grid_choices(self, *, include_retired: bool = False) -> list[GridChoice]:
        """Every grid of the tree in tree order, for the pickers."""
        choices: list[GridChoice] = []

        def walk(row: TreeRow, depth: int) -> None:
            for child in row.children:
                if child.kind == GRID:
                    if include_retired or not child.retired:
                        choices.append(GridChoice(child.id or "", child.name, child.code, depth))
                    walk(child, depth + 1)

        community = self.tree_model.community()
        if community is not None:
            walk(community, 0)
        return choices

    def assign_selected(self) -> bool:
        """划入网格…: the selected places to the grid chosen in the dialog."""
        from govdesk.ui.grids.assign_dialog import AssignDialog

        place_ids = self.selected_place_ids()
        if not self.editing() or not place_ids:
            return False
        row = self.current_row()
        names = {p.id: p.name for p in self.places_model.place_rows()}
        dialog = AssignDialog(
            self.db,
            self,
            places=[PlaceChoice(pid, names[pid]) for pid in place_ids],
            choices=self.grid_choices(),
            today=self.today(),
            current_grid_id=row.id if row is not None and row.kind == GRID else None,
        )
        if not run_dialog(dialog):
            return False
        grid_id = dialog.grid_id()
        assert grid_id is not None
        self._push_assignment(place_ids, grid_id, dialog.on(), dialog.result_)
        return True

    def drop_places(self, place_ids: list[str], grid_id: str) -> bool:
        """Places dropped onto a grid of the tree: assigned from today, in one transaction."""
        if not self.editing():
            return False
        on = self.today()
        try:
            result = assign_now(self.db, place_ids=place_ids, grid_id=grid_id, on=on)
        except DomainError as exc:
            show_error(self, self.tr("划入网格"), exc)
            return False
        # The view is still inside its drop handling: the tree is rebuilt after it returns.
        QTimer.singleShot(0, lambda: self._push_assignment(place_ids, grid_id, on, result))
        return True

    def _push_assignment(self, place_ids: list[str], grid_id: str, on: dt.date, result) -> None:
        index = self.tree_model.find_grid(grid_id)
        target = self.tree_model.row_of(index)
        name = target.name if target is not None else ""
        if sources.moved(result):
            self.undo_stack.push(
                AssignCommand(
                    self.db,
                    place_ids=place_ids,
                    grid_id=grid_id,
                    on=on,
                    result=result,
                    text=assign_text(len(place_ids), name),
                    on_change=self.reload,
                    parent_widget=self,
                )
            )
        self.reload()

    def run_action(self, key: str) -> bool:
        """新建 / 重命名 / 拆分 / 合并 / 撤销网格 on the chosen grid; True when something changed."""
        if key not in self.edit_actions or not self.edit_actions[key].isEnabled():
            return False
        dialog = self._make_dialog(key, self.current_row())
        if dialog is None or not run_dialog(dialog):
            return False
        self.reload(select_grid=dialog.select_after, select_kind=COMMUNITY)
        return True

    def _make_dialog(self, key: str, row: TreeRow | None) -> GridDialog | None:
        from govdesk.ui.grids import grid_dialogs as dialogs

        grid_id = row.id if row is not None and row.kind == GRID else None
        choices = self.grid_choices()
        if key == "create":
            return dialogs.CreateGridDialog(self.db, self, choices=choices, parent_id=grid_id)
        if grid_id is None or row is None:
            return None
        if key == "rename":
            area = self.source.area(grid_id)
            return dialogs.RenameGridDialog(
                self.db, self, grid_id=grid_id, name=row.name, area=area
            )
        if key == "retire":
            return dialogs.RetireGridDialog(
                self.db, self, grid_id=grid_id, name=row.name, choices=choices, today=self.today()
            )
        if key == "merge":
            return dialogs.MergeGridDialog(
                self.db, self, grid_id=grid_id, name=row.name, choices=choices, today=self.today()
            )
        places = self.source.places(grid_id, self.today())
        return dialogs.SplitGridDialog(
            self.db,
            self,
            grid_id=grid_id,
            name=row.name,
            places=[PlaceChoice(p.id, p.name) for p in places],
            ticked=self.selected_place_ids(),
            today=self.today(),
        )

    # -- staff and posts -------------------------------------------------------------------
    def _build_staff_buttons(self) -> QHBoxLayout:
        """添加人员 / 任命岗位 / 结束任职 under the staff list (GRID_EDIT only)."""
        self.staff_rows: list[sources.StaffRow] = []
        self.staff_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addStretch(1)
        labels = {
            "add": (self.tr("添加人员…"), self.tr("登记一位网格人员（居民或外来人员）并任命岗位")),
            "appoint": (self.tr("任命岗位…"), self.tr("已登记的人员在本网格担任（另一个）岗位")),
            "end": (self.tr("结束任职…"), self.tr("所选任职从某日起不再担任")),
        }
        names = {"add": "gridsAddStaff", "appoint": "gridsAppointPost", "end": "gridsEndPost"}
        for key, (text, tip) in labels.items():
            button = QPushButton(text, self)
            button.setObjectName(names[key])
            button.setToolTip(tip)
            button.setVisible(self.may_edit)
            button.clicked.connect(lambda _c=False, k=key: self.staff_action(k))
            row.addWidget(button)
            self.staff_buttons[key] = button
        self.staff.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.staff.itemSelectionChanged.connect(self._enable_staff)
        return row

    def selected_staff_row(self) -> sources.StaffRow | None:
        rows = self.staff.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.staff_rows):
            return None
        return self.staff_rows[rows[0].row()]

    def _enable_staff(self) -> None:
        row = self.current_row()
        grid = row is not None and row.kind == GRID and not row.retired and self.editing()
        if hasattr(self, "staff_buttons"):
            self.staff_buttons["add"].setEnabled(grid)
            self.staff_buttons["appoint"].setEnabled(grid)
            self.staff_buttons["end"].setEnabled(grid and self.selected_staff_row() is not None)
        if self.print_menu is not None:
            self.print_menu.enable(
                grid=row is not None and row.kind == GRID,
                staff=self.selected_staff_row() is not None
                if hasattr(self, "staff_rows")
                else False,
            )

    def staff_action(self, key: str) -> bool:
        """添加人员 / 任命岗位 / 结束任职 on the chosen grid; True when something changed."""
        from govdesk.ui.grids import staff_dialogs as dialogs

        button = self.staff_buttons.get(key)
        row = self.current_row()
        if button is None or not button.isEnabled() or row is None or row.id is None:
            return False
        today = self.today()
        dialog: GridDialog
        if key == "add":
            dialog = dialogs.AddStaffDialog(
                self.db, self, grid_id=row.id, grid_name=row.name, today=today
            )
        elif key == "appoint":
            chosen = self.selected_staff_row()
            dialog = dialogs.AppointDialog(
                self.db,
                self,
                grid_id=row.id,
                grid_name=row.name,
                staff=[dialogs.StaffChoice(i, n) for i, n in self.source.staff_choices()],
                today=today,
                current_staff_id=chosen.staff_id if chosen is not None else None,
            )
        else:
            post = self.selected_staff_row()
            if post is None:
                return False
            dialog = dialogs.EndPostDialog(
                self.db,
                self,
                post_id=post.post_id,
                text=f"{post.name}　{post.role}　{row.name}",
                start_on=dt.date.fromisoformat(post.start),
                today=today,
            )
        if not run_dialog(dialog):
            return False
        self.reload(select_grid=row.id)
        return True

    # -- printing --------------------------------------------------------------------------
    def _build_print(self) -> None:
        """The 打印 button: roster and cards (all grids or the chosen subtree), a worksheet."""
        self.print_menu: printing.GridPrintMenu | None = None
        self.print_operation: Operation | None = None
        if not authz.can(self.db, Permission.GRID_VIEW) or self.db.read_only:
            return  # every print is audited: a read-only copy cannot record it
        self.toolbar.addSeparator()
        self.print_menu = printing.GridPrintMenu(self, self.print_form)
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("gridsPrintButton")
        self.print_button.setText(self.tr("打印"))
        self.print_button.setMenu(self.print_menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.print_button)

    def _add_roles_action(self) -> None:
        if self.roles_action is not None:
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.roles_action)
        if self.numbering_action is not None:
            self.toolbar.addAction(self.numbering_action)

    def edit_role_labels(self) -> bool:
        """岗位名称设置 (administrator): the staff list shows the new names at once."""
        from govdesk.ui.grids.role_dialog import RoleLabelsDialog

        if self.roles_action is None:
            return False
        if not run_dialog(RoleLabelsDialog(self.db, self)):
            return False
        self._show_selected()
        return True

    def edit_numbering(self) -> bool:
        """网格编码规则 (administrator): the width of new grids' numbers."""
        from govdesk.ui.grids.numbering_dialog import NumberingDialog

        if self.numbering_action is None:
            return False
        return bool(run_dialog(NumberingDialog(self.db, self)))

    def print_form(self, key: str) -> Operation | None:
        """Runs one item of the 打印 menu; returns its background Operation (None if refused)."""
        if self.print_menu is None or not self.print_menu.actions_[key].isEnabled():
            return None
        row = self.current_row()
        if key == printing.WORKSHEET:
            staff = self.selected_staff_row()
            if staff is None:
                return None
            op = printing.print_worksheet(
                self, self.db, staff_id=staff.staff_id, staff_name=staff.name, today=self.today()
            )
        else:
            subtree = key in (printing.ROSTER_GRID, printing.CARDS_GRID)
            if subtree and (row is None or row.kind != GRID or row.id is None):
                return None
            op = printing.print_grids(
                self,
                self.db,
                key,
                on=self.viewed_day(),
                grid_ids=[row.id] if subtree and row is not None and row.id else None,
                grid_name=row.name if subtree and row is not None else "",
            )
        self.print_operation = op
        return op
