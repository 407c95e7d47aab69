"""The 矛盾调解 tab: toolbar, filter bar, the case list and the selected case's panel."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import mediation as rules
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission
from govdesk.services import authz, mediation
from govdesk.services.mediation_list import CaseList
from govdesk.store.database import Database
from govdesk.ui.mediation import actions as case_actions
from govdesk.ui.mediation import printing
from govdesk.ui.mediation.case_model import COLUMNS, CaseTableModel
from govdesk.ui.mediation.case_panel import CasePanel
from govdesk.ui.mediation.filters import CaseFilter, CaseFilterBar
from govdesk.ui.ops import Operation, show_error

CODED_COLUMNS = {
    "state": rules.CASE_STATES,
    "dispute_type": rules.DISPUTE_TYPES,
    "risk": rules.RISK_GRADES,
}
# The widest usual content of each column, so widths follow the font size.
COLUMN_SAMPLES = {
    "number": "（2026）人调字第128号",
    "state": "不予受理",
    "dispute_type": "房屋宅基地",
    "party_names": "欧阳秀英、张建国",
    "registered_on": "0000-00-00",
    "accepted_on": "0000-00-00",
    "deadline": "确认 0000-00-00 逾期30天",
    "risk": "风险等级",
}


class MediationTab(QWidget):
    """One tab, one database: every write goes through C2's dialogs and the services."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mediationTab")
        self.db = db
        self.today_override: dt.date | None = None  # tests and the benchmark fix "today"
        self.service = CaseList(db)
        self.model = CaseTableModel(self)
        self.may_print = authz.can(db, Permission.MEDIATION_VIEW) and not db.read_only
        self.last_operation: Operation | None = None
        self.tool_actions: dict[str, QAction] = {}
        with db.session() as s:
            self._prefix = mediation.number_prefix(s)
        self._build()
        self.apply_filter()
        if self.model.rowCount():
            self._select_row(0, reload=True)

    def today(self) -> dt.date:
        return self.today_override or dt.date.today()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mediationToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in case_actions.ACTIONS:
            if action.needs_case or not action.allowed(self.db):
                continue  # absent, not greyed: the role may not use it
            qa = QAction(action.text(), self)
            qa.setObjectName(f"mediationAction_{action.key}")
            if action.shortcut:
                qa.setShortcut(QKeySequence(action.shortcut))
                qa.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            qa.triggered.connect(lambda _c=False, k=action.key: self.run_action(k))
            self.toolbar.addAction(qa)
            self.addAction(qa)
            self.tool_actions[action.key] = qa

        self.print_button: QToolButton | None = None
        self.print_menu: printing.PrintMenu | None = None
        self.batch_action: QAction | None = None
        if self.may_print:
            self.toolbar.addSeparator()
            self.print_menu = printing.PrintMenu(self, self.print_selected)
            self.print_button = QToolButton(self)
            self.print_button.setObjectName("mediationPrintButton")
            self.print_button.setText(self.tr("打印"))
            self.print_button.setMenu(self.print_menu)
            self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.toolbar.addWidget(self.print_button)
            self.batch_action = QAction(self.tr("批量打印卷宗…"), self)
            self.batch_action.setObjectName("mediationBatchPrint")
            self.batch_action.setToolTip(self.tr("把选中的多件案件的卷宗打印成一个 PDF"))
            self.batch_action.triggered.connect(lambda _c=False: self.print_batch())
            self.toolbar.addAction(self.batch_action)

        self._menu_actions: dict[str, list[QAction]] = {"file": [], "edit": []}
        if "register" in self.tool_actions:
            copy = QAction(self.tool_actions["register"].text() + "…", self)
            copy.setObjectName("mediationMenuRegister")
            copy.triggered.connect(lambda _c=False: self.run_action("register"))
            self._menu_actions["edit"].append(copy)
        if self.batch_action is not None:
            self._menu_actions["file"].append(self.batch_action)

        self.filters = CaseFilterBar(self)
        self.filters.changed.connect(self.apply_filter)
        self.filters.to_results.connect(self._focus_results)
        self.search = self.filters.search
        self.state_combo = self.filters.state_combo
        self.due_soon = self.filters.due_soon

        self.find_action = QAction(self.tr("查找"), self)
        self.find_action.setObjectName("mediationFind")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        self.table = QTableView(self)
        self.table.setObjectName("mediationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for 批量打印卷宗; the current row is the one the panel shows.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Clicking a heading sorts the loaded rows; until then the service's order (newest
        # registration first) stands, which setSortingEnabled would replace at once.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._sort_by)
        self._fit_columns()
        # The view moves the current index before it selects the row: both signals count.
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_current())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.installEventFilter(self)

        self.panel = CasePanel(self.db, self)
        for action in case_actions.ACTIONS:
            if action.needs_case and action.allowed(self.db):
                self.panel.add_action_button(action.key, action.text(), action.applies)
        self.panel.action_requested.connect(self.run_action)
        self.panel.attachment_requested.connect(self.attachment_action)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mediationSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The list gets the room its columns need first; the panel scrolls within the rest.
        self.splitter.setSizes([730, 290])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.search, self.state_combo)
        QWidget.setTabOrder(self.state_combo, self.due_soon)
        QWidget.setTabOrder(self.due_soon, self.table)

    def _fit_columns(self) -> None:
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        header = self.table.horizontalHeader()
        samples = dict(COLUMN_SAMPLES)
        # The office's own prefix makes its numbers longer: （2026）幸福人调字第128号.
        samples["number"] = f"（2026）{self._prefix}人调字第128号"
        for i, column in enumerate(COLUMNS):
            texts = [
                samples[column],
                str(self.model.headerData(i, Qt.Orientation.Horizontal)),
            ]
            # Code labels are longer in English than in Chinese.
            texts += [c.label for c in CODED_COLUMNS.get(column, ())]
            header.resizeSection(i, max(fm.horizontalAdvance(t) for t in texts) + 12)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)

    def menu_actions(self) -> dict[str, list[QAction]]:
        """Actions the main window puts in its 文件 and 编辑 menus. 登记案件 goes there as a
        copy without Ctrl+N: the residents tab's 新增居民 has that key in the same menu, and
        the toolbar's action keeps it for this tab."""
        return self._menu_actions

    # -- filtering -----------------------------------------------------------------------
    def apply_filter(self) -> None:
        """Query again with the bar's filter; the selected case stays selected if still listed."""
        f = self.filters.current()
        selected = self.current_case_id()
        rows = self.service.rows(
            state=f.state, text=f.text, due_soon=f.due_soon, today=self.today()
        )
        self.model.set_rows(rows)
        self.filters.show_count(len(rows))
        row = self.model.row_of_case(selected) if selected else -1
        if row >= 0:
            self._select_row(row, reload=False)
        elif self.panel.detail is not None:
            self.panel.show_case(None)
        self._enable_printing()

    def refresh(self, select_case: str | None = None) -> None:
        """After a write: the list again, the case (or `select_case`) selected and re-read."""
        case_id = select_case or self.current_case_id()
        f = self.filters.current()
        rows = self.service.rows(
            state=f.state, text=f.text, due_soon=f.due_soon, today=self.today()
        )
        self.model.set_rows(rows)
        self.filters.show_count(len(rows))
        row = self.model.row_of_case(case_id) if case_id else -1
        if row >= 0:
            self._select_row(row, reload=True)
        else:
            self.panel.show_case(None, self.today())
        self._enable_printing()

    def clear_filters(self) -> None:
        for signal_owner in (self.filters.search, self.filters.state_combo, self.filters.due_soon):
            signal_owner.blockSignals(True)
        self.filters.search.clear()
        self.filters.state_combo.setCurrentIndex(0)
        self.filters.due_soon.setChecked(False)
        for signal_owner in (self.filters.search, self.filters.state_combo, self.filters.due_soon):
            signal_owner.blockSignals(False)
        self.filters.timer.stop()

    def _sort_by(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            order = (
                Qt.SortOrder.DescendingOrder
                if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        else:
            order = Qt.SortOrder.AscendingOrder
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        selected = self.current_case_id()
        self.model.sort(column, order)
        if selected:
            row = self.model.row_of_case(selected)
            if row >= 0:
                self._select_row(row, reload=False)

    # -- selection -----------------------------------------------------------------------
    def _select_row(self, row: int, *, reload: bool) -> None:
        index = self.model.index(row, 0)
        shown = self.panel.detail.id if self.panel.detail else None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)
        case_id = self.model.case_id_at(row)
        if reload or case_id != shown:
            self.panel.show_case(case_id, self.today())
        self._enable_printing()

    def _show_current(self) -> None:
        case_id = self.current_case_id()
        shown = self.panel.detail.id if self.panel.detail else None
        if case_id != shown:
            try:
                self.panel.show_case(case_id, self.today())
            except DomainError as exc:
                show_error(self, self.tr("矛盾调解"), exc)
        self._enable_printing()

    def current_case_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.model.case_id_at(index.row())

    def selected_case_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [cid for r in rows if (cid := self.model.case_id_at(r))]

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of_case(case_id)
        if row < 0:
            return False
        self._select_row(row, reload=False)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_results(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and self.current_case_id() is None:
            self.table.selectRow(0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        ):
            self.panel.pages.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(obj, event)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setObjectName("mediationContextMenu")
        for key, button in self.panel.buttons.items():
            item = menu.addAction(button.text())
            item.setEnabled(button.isEnabled())
            item.triggered.connect(lambda _c=False, k=key: self.run_action(k))
        if self.print_menu is not None:
            menu.addSeparator()
            menu.addMenu(self.print_menu).setText(self.tr("打印"))
            if self.batch_action is not None:
                menu.addAction(self.batch_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    # -- actions -------------------------------------------------------------------------
    def run_action(self, key: str) -> bool:
        """Run one of C2's actions on the selected case; True when something changed."""
        action = case_actions.BY_KEY[key]
        if not action.allowed(self.db):
            return False
        case_id = self.current_case_id() if action.needs_case else None
        state = self.panel.detail.state if self.panel.detail else None
        if action.needs_case and (case_id is None or not action.applies(state)):
            return False
        before = set(self.model.case_ids()) if key == "register" else set()
        try:
            changed = action.run(self, self.db, case_id)
        except DomainError as exc:
            show_error(self, action.text(), exc)
            return False
        if not changed:
            return False
        if key == "register":
            self._select_new_case(before)
        else:
            self.refresh(case_id)
        return True

    def _select_new_case(self, before: set[str]) -> None:
        """After 登记案件 the new case is selected, clearing the filters if they hide it."""
        self.refresh()
        new = [cid for cid in self.model.case_ids() if cid not in before]
        if not new and self.filters.current() != CaseFilter():
            self.clear_filters()
            self.refresh()
            new = [cid for cid in self.model.case_ids() if cid not in before]
        if new:
            self._select_row(self.model.row_of_case(new[0]), reload=True)

    def attachment_action(self, what: str, attachment_id: str) -> None:
        """打开, 另存为 or 删除 one attachment, through C2's helpers (they report failures)."""
        from govdesk.ui.mediation import attachment_dialogs

        if what == "open":
            attachment_dialogs.open_attachment(self, self.db, attachment_id)
        elif what == "save":
            attachment_dialogs.save_attachment_as(self, self.db, attachment_id)
        elif what == "remove" and attachment_dialogs.remove_attachment(
            self, self.db, attachment_id
        ):
            self.refresh()

    # -- printing ------------------------------------------------------------------------
    def _enable_printing(self) -> None:
        if self.print_menu is None or self.print_button is None:
            return
        self.print_menu.show_case(self.panel.detail)
        self.print_button.setEnabled(self.panel.detail is not None)
        if self.batch_action is not None:
            self.batch_action.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def print_selected(self, form: str, item_id: str | None = None):
        """Preview one form (or the whole file) of the case in the panel; `item_id` picks
        one session, investigation or visit."""
        if not self.may_print or self.panel.detail is None:
            return None
        result = printing.preview_form(self, self.db, self.panel.detail, form, item_id)
        if isinstance(result, Operation):
            self.last_operation = result
        return result

    def print_batch(self, out=None) -> Operation | None:
        if not self.may_print:
            return None
        op = printing.print_batch(self, self.db, self.selected_case_ids(), out)
        self.last_operation = op
        return op
