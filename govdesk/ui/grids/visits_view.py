"""The 走访 page of the grid tab: the due list of a grid or a worker, visits and follow-ups."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.services import grid_staff, visits
from govdesk.store.database import Database
from govdesk.ui.flexible_column import FlexibleColumn
from govdesk.ui.grids.grid_dialogs import run_dialog
from govdesk.ui.grids.grid_page import GridPage
from govdesk.ui.ops import show_error

OVERDUE_BACKGROUND = QColor("#fde2e1")
NEVER_BACKGROUND = QColor("#fff1c2")


# Usual content of each column (户号, 地址, …), for the widths of an empty list.
DUE_SAMPLES = (
    "110000268",
    "幸福里小区3号楼2单元301室",
    "王小明",
    "",
    "2026-11-26",
    "2026-11-26",
    "",
)
FOLLOW_UP_SAMPLES = ("110000268", "幸福里小区3号楼2单元301室", "2026-11-26", "王小明", "")


class VisitsPanel(GridPage):
    """Due visits of the chosen grid (or of one grid worker), then its open follow-ups."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.setObjectName("gridVisitsPanel")
        self.due: list[visits.DueVisit] = []
        self.follow_ups: list[visits.VisitView] = []
        self._build()

    def _build(self) -> None:
        self.worker = QComboBox(self)
        self.worker.setObjectName("gridVisitsWorker")
        self.worker.setToolTip(self.tr("选一位网格员：只列他任职网格里的待走访户"))
        self.worker.currentIndexChanged.connect(lambda _i: self.reload())
        worker_label = QLabel(self.tr("网格员"), self)
        worker_label.setBuddy(self.worker)
        self.record_button = QPushButton(self.tr("登记走访…"), self)
        self.record_button.setObjectName("gridRecordVisit")
        self.record_button.clicked.connect(lambda _c=False: self.record_visit())
        self.follow_button = QPushButton(self.tr("完成跟进…"), self)
        self.follow_button.setObjectName("gridCompleteFollowUp")
        self.follow_button.clicked.connect(lambda _c=False: self.complete_follow_up())
        for button in (self.record_button, self.follow_button):
            button.setVisible(self.may_edit)
        top = QHBoxLayout()
        top.addWidget(worker_label)
        top.addWidget(self.worker, 1)
        top.addWidget(self.record_button)
        top.addWidget(self.follow_button)

        self.due_title = QLabel(self)
        self.due_title.setObjectName("gridDueVisitsTitle")
        self.due_table = self._table(
            "gridDueVisits",
            [
                self.tr("户号"),
                self.tr("地址"),
                self.tr("户主"),
                self.tr("关爱类别"),
                self.tr("上次走访"),
                self.tr("应访日期"),
                self.tr("逾期天数"),
            ],
        )
        self.due_table.doubleClicked.connect(lambda _i: self.record_visit())
        # The address takes the room the others leave: the due date and the days overdue stay in view.
        self.due_address = FlexibleColumn(self.due_table, 1)
        self.follow_title = QLabel(self)
        self.follow_title.setObjectName("gridFollowUpsTitle")
        self.follow_table = self._table(
            "gridFollowUps",
            [
                self.tr("户号"),
                self.tr("地址"),
                self.tr("走访日期"),
                self.tr("走访人"),
                self.tr("走访情况"),
            ],
        )
        self.follow_table.itemSelectionChanged.connect(self._enable)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.due_title)
        layout.addWidget(self.due_table, 3)
        layout.addWidget(self.follow_title)
        layout.addWidget(self.follow_table, 1)

    def _table(self, name: str, headings: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headings), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headings)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._load_workers()
        self.reload()

    def _load_workers(self) -> None:
        keep = self.worker.currentData()
        try:
            with self.db.session() as s:
                posts = grid_staff.post_views(s, self.grid_id, self.on)
        except DomainError as exc:
            show_error(self, self.tr("走访"), exc)
            posts = []
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem(self.tr("全部网格员"), None)
        seen: set[str] = set()
        for p in posts:
            if p.staff_id not in seen:
                seen.add(p.staff_id)
                self.worker.addItem(f"{p.name}（{p.role_label}）", p.staff_id)
        index = self.worker.findData(keep) if keep is not None else 0
        self.worker.setCurrentIndex(max(index, 0))
        self.worker.blockSignals(False)

    def workers(self) -> list[tuple[str, str]]:
        return [
            (self.worker.itemData(i), self.worker.itemText(i))
            for i in range(1, self.worker.count())
        ]

    def reload(self) -> None:
        staff_id = self.worker.currentData()
        try:
            with self.db.session() as s:
                self.due = visits.due_visits(
                    s, today=self.on, staff_id=staff_id, grid_id=self.grid_id
                )
                self.follow_ups = visits.open_follow_ups(s, grid_id=self.grid_id)
        except DomainError as exc:
            show_error(self, self.tr("走访"), exc)
            self.due, self.follow_ups = [], []
        self._show_due()
        self._show_follow_ups()
        self._enable()

    def _show_due(self) -> None:
        table = self.due_table
        table.setRowCount(len(self.due))
        for r, d in enumerate(self.due):
            if d.days_overdue is None:
                late = self.tr("从未走访")
            else:
                late = str(d.days_overdue) if d.days_overdue > 0 else self.tr("今天到期")
            texts = (
                d.household_number,
                d.address,
                d.head_name,
                "、".join(d.categories),
                d.last_visited_on.isoformat() if d.last_visited_on else "",
                d.due_on.isoformat() if d.due_on else "",
                late,
            )
            colour = None
            if d.days_overdue is None:
                colour = NEVER_BACKGROUND
            elif d.days_overdue > 0:
                colour = OVERDUE_BACKGROUND
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setToolTip(text)  # the address may be cut short to fit
                if c == 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self._widen(table, DUE_SAMPLES)
        self.due_address.fit()
        self.due_title.setText(
            self.tr("待走访：%1 户（逾期标红，从未走访标黄）").replace("%1", str(len(self.due)))
        )

    def _show_follow_ups(self) -> None:
        table = self.follow_table
        table.setRowCount(len(self.follow_ups))
        for r, v in enumerate(self.follow_ups):
            texts = (
                v.household_number,
                v.address,
                v.visited_on.isoformat(),
                v.staff_name,
                v.notes,
            )
            for c, text in enumerate(texts):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        self._widen(table, FOLLOW_UP_SAMPLES)
        table.horizontalHeader().setStretchLastSection(True)
        self.follow_title.setText(
            self.tr("待跟进：%1 次走访").replace("%1", str(len(self.follow_ups)))
        )

    def _widen(self, table: QTableWidget, samples: tuple[str, ...]) -> None:
        """An empty list shows its columns as wide as usual content, not squeezed to the
        headings (rows, when there are some, set the widths themselves)."""
        if table.rowCount():
            return
        fm = table.fontMetrics()
        header = table.horizontalHeader()
        for c, sample in enumerate(samples):
            if sample:
                header.resizeSection(
                    c, max(header.sectionSize(c), fm.horizontalAdvance(sample) + 16)
                )

    def due_numbers(self) -> list[str]:
        """户号 of the due list, in its order."""
        return [d.household_number for d in self.due]

    def _enable(self) -> None:
        self.record_button.setEnabled(self.may_edit)
        self.follow_button.setEnabled(self.may_edit and self.selected_follow_up() is not None)

    def selected_due(self) -> visits.DueVisit | None:
        rows = self.due_table.selectionModel().selectedRows()
        return self.due[rows[0].row()] if rows else None

    def selected_follow_up(self) -> visits.VisitView | None:
        rows = self.follow_table.selectionModel().selectedRows()
        return self.follow_ups[rows[0].row()] if rows else None

    def select_due(self, household_number: str) -> bool:
        for r, d in enumerate(self.due):
            if d.household_number == household_number:
                self.due_table.selectRow(r)
                return True
        return False

    # -- writing ---------------------------------------------------------------------------
    def record_visit(self) -> bool:
        """登记走访 for the chosen household of the due list (or one typed by 户号)."""
        from govdesk.ui.grids.visit_dialogs import RecordVisitDialog

        if not self.may_edit:
            return False
        due = self.selected_due()
        dialog = RecordVisitDialog(
            self.db,
            self,
            household_number=due.household_number if due is not None else "",
            workers=self.workers(),
            staff_id=self.worker.currentData(),
            today=dt.date.today(),
        )
        if not run_dialog(dialog):
            return False
        self.reload()
        return True

    def complete_follow_up(self) -> bool:
        from govdesk.ui.grids.visit_dialogs import FollowUpDialog

        visit = self.selected_follow_up()
        if not self.may_edit or visit is None:
            return False
        if not run_dialog(FollowUpDialog(self.db, self, visit=visit, today=dt.date.today())):
            return False
        self.reload()
        return True
