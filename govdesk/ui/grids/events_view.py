"""The 事件 page of the grid tab: the events of the chosen grid, their steps and the ledgers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from govdesk.domain.grid_events import EVENT_STATES, TRANSITIONS, EventState
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission
from govdesk.services import authz, grid_events, grid_ledgers
from govdesk.services.grid_events import EventRow
from govdesk.store.database import Database
from govdesk.ui.flexible_column import FlexibleColumn
from govdesk.ui.grids.event_photos import EventPhotoStrip
from govdesk.ui.grids.grid_dialogs import GridChoice, GridDialog, run_dialog
from govdesk.ui.grids.grid_page import GridPage
from govdesk.ui.ops import Operation, notify, run_with_progress, show_error

OVERDUE_COLOUR = QColor("#b00020")
OVERDUE_BACKGROUND = QColor("#fde2e1")

# Each step's button and the state it moves the event to (None: not a state change).
STEPS: dict[str, EventState | None] = {
    "dispatch": EventState.DISPATCHED,
    "handle": EventState.HANDLED,
    "close": EventState.CLOSED,
    "return": EventState.RETURNED,
    "again": EventState.REPORTED,
    "mediation": None,
}


class EventsPanel(GridPage):
    """Events of the chosen grid and its sub-grids (all of them for the community)."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.setObjectName("gridEventsPanel")
        self.rows: list[EventRow] = []
        self.grid_choices: list[GridChoice] = []  # the tab fills it for 上报事件's grid picker
        self.last_case_number = ""
        self.operation: Operation | None = None
        self.buttons: dict[str, QPushButton] = {}
        self._build()

    def _build(self) -> None:
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("gridEventsState")
        self.state_filter.addItem(self.tr("全部状态"), None)
        for code in EVENT_STATES:
            self.state_filter.addItem(code.label, code.code)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue_only = QCheckBox(self.tr("只看超期"), self)
        self.overdue_only.setObjectName("gridEventsOverdue")
        self.overdue_only.toggled.connect(lambda _on: self.reload())
        self.export_button = QPushButton(self.tr("导出台账…"), self)
        self.export_button.setObjectName("gridExportLedgers")
        self.export_button.setToolTip(
            self.tr("问题清单、交办清单、考核清单，一个 Excel 文件三张表")
        )
        self.export_button.clicked.connect(lambda _c=False: self.export_ledgers())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("状态"), self))
        top.addWidget(self.state_filter)
        top.addWidget(self.overdue_only)
        top.addStretch(1)
        top.addWidget(self.export_button)

        labels = {
            "report": self.tr("上报事件…"),
            "dispatch": self.tr("交办…"),
            "handle": self.tr("办理反馈…"),
            "close": self.tr("办结…"),
            "return": self.tr("退回…"),
            "again": self.tr("重新上报…"),
            "mediation": self.tr("转为调解案件…"),
        }
        # Two rows: the page stays narrow enough for the window's smallest size.
        steps, more = QHBoxLayout(), QHBoxLayout()
        for key, label in labels.items():
            button = QPushButton(label, self)
            button.setObjectName(f"gridEvent_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.run_step(k))
            button.setVisible(self.may_edit)
            (steps if len(self.buttons) < 4 else more).addWidget(button)
            self.buttons[key] = button
        steps.addStretch(1)
        more.addStretch(1)

        self.title = QLabel(self)
        self.title.setObjectName("gridEventsTitle")
        headings = [
            self.tr("编号"),
            self.tr("状态"),
            self.tr("类别"),
            self.tr("事件描述"),
            self.tr("网格"),
            self.tr("上报时间"),
            self.tr("承办部门"),
            self.tr("办理期限"),
            self.tr("调解案件"),
        ]
        self.table = QTableWidget(0, len(headings), self)
        self.table.setObjectName("gridEvents")
        self.table.setHorizontalHeaderLabels(headings)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.itemSelectionChanged.connect(self._enable)
        # The description takes the room the others leave: the deadline and the case stay in view.
        self.flexible = FlexibleColumn(self.table, 3)
        self.detail = QLabel(self)
        self.detail.setObjectName("gridEventDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photos = EventPhotoStrip(self.db, self, may_edit=self.may_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(steps)
        layout.addLayout(more)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.photos)

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        current = self.selected()
        if select_id is None and current is not None:
            select_id = current.id
        try:
            self.rows = grid_events.events(
                self.db,
                state=self.state_filter.currentData(),
                grid_id=self.grid_id,
                overdue=True if self.overdue_only.isChecked() else None,
                today=self.on,
            )
        except DomainError as exc:
            show_error(self, self.tr("网格事件"), exc)
            self.rows = []
        self.rows.reverse()  # the newest on top: that is the one being worked on
        self._fill(self._case_numbers())
        overdue = sum(r.overdue for r in self.rows)
        text = self.tr("事件：%1 件").replace("%1", str(len(self.rows)))
        if overdue:
            text += self.tr("，其中超期 %1 件（标红）").replace("%1", str(overdue))
        self.title.setText(text)
        # Photos may have been added meanwhile (the command line, another window): the
        # chosen event's are read again by _enable below.
        self.photos.invalidate()
        if select_id is not None:
            self.select_event(select_id)
        self._enable()

    def _case_numbers(self) -> dict[str, str]:
        """The numbers of the cases events became (shown only with MEDIATION_VIEW)."""
        from govdesk.services import mediation

        ids = [r.mediation_case_id for r in self.rows if r.mediation_case_id]
        if not ids or not authz.can(self.db, Permission.MEDIATION_VIEW):
            return {}
        numbers: dict[str, str] = {}
        with self.db.session() as s:
            for case_id in ids:
                try:
                    numbers[case_id] = mediation.get_case(s, case_id).number or ""
                except DomainError:
                    continue
        return numbers

    def _fill(self, case_numbers: dict[str, str]) -> None:
        self.table.setRowCount(len(self.rows))
        for r, e in enumerate(self.rows):
            case = ""
            if e.mediation_case_id:
                # A case gets its number when accepted (受理); until then it has none.
                case = case_numbers.get(e.mediation_case_id) or self.tr("（未受理）")
            texts = (
                e.number,
                e.state_label,
                e.category_label,
                e.description,
                e.grid_name,
                e.reported_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                e.department or "",
                e.due_on.isoformat() if e.due_on else "",
                case,
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setToolTip(text)  # the column may be cut short to fit
                if e.overdue:
                    item.setForeground(QBrush(OVERDUE_COLOUR))
                    item.setBackground(QBrush(OVERDUE_BACKGROUND))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.flexible.fit()

    def selected(self) -> EventRow | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_event(self, event_id: str) -> bool:
        for r, e in enumerate(self.rows):
            if e.id == event_id:
                self.table.selectRow(r)
                return True
        return False

    def _enable(self) -> None:
        event = self.selected()
        self.buttons["report"].setEnabled(self.may_edit)
        for key, target in STEPS.items():
            if event is None:
                allowed = False
            elif target is None:
                allowed = event.mediation_case_id is None and event.state != EventState.CLOSED
            else:
                allowed = target in TRANSITIONS[EventState(event.state)]
            self.buttons[key].setEnabled(self.may_edit and allowed)
        self.detail.setText(self._detail(event) if event is not None else "")
        if hasattr(self, "photos"):
            self.photos.set_event(event.id if event is not None else None)

    def _detail(self, e: EventRow) -> str:
        parts = [f"{e.number} {e.category_label}：{e.description}"]
        if e.location:
            parts.append(self.tr("地点：%1").replace("%1", e.location))
        if e.reporter:
            parts.append(self.tr("上报人：%1").replace("%1", e.reporter))
        if e.feedback:
            parts.append(self.tr("办理结果：%1").replace("%1", e.feedback))
        if e.closed_on:
            parts.append(self.tr("办结日期：%1").replace("%1", e.closed_on.isoformat()))
        if e.returned_reason:
            parts.append(self.tr("退回原因：%1").replace("%1", e.returned_reason))
        return "；".join(parts)

    # -- writing ---------------------------------------------------------------------------
    def run_step(self, key: str) -> bool:
        """One of the buttons: its dialog, then the list again; True when something changed."""
        if key not in self.buttons or not self.buttons[key].isEnabled():
            return False
        dialog = self._make_dialog(key)
        if dialog is None or not run_dialog(dialog):
            return False
        from govdesk.ui.grids import event_dialogs

        if isinstance(dialog, event_dialogs.ReportEventDialog):
            self.state_filter.setCurrentIndex(0)
            self.reload(select_id=dialog.select_after)
            return True
        if isinstance(dialog, event_dialogs.ToMediationDialog):
            self.last_case_number = dialog.case_number
            self.reload()
            if dialog.case_number:
                text = self.tr("已登记调解案件 %1，可在“人民调解”页继续办理。").replace(
                    "%1", dialog.case_number
                )
            else:
                text = self.tr(
                    "已登记为调解案件（未受理，尚无案号）；在“人民调解”页受理后，案号显示在事件列表中。"
                )
            notify(self, self.tr("转为调解案件"), text)
            return True
        self.reload()
        return True

    def _make_dialog(self, key: str) -> GridDialog | None:
        from govdesk.ui.grids import event_dialogs as dialogs

        today = dt.date.today()
        if key == "report":
            return dialogs.ReportEventDialog(
                self.db, self, choices=self.grid_choices, grid_id=self.grid_id
            )
        event = self.selected()
        if event is None:
            return None
        if key == "dispatch":
            return dialogs.DispatchDialog(self.db, self, event=event, today=today)
        if key == "handle":
            return dialogs.HandleDialog(self.db, self, event=event, today=today)
        if key == "close":
            return dialogs.CloseDialog(self.db, self, event=event, today=today)
        if key == "return":
            return dialogs.ReturnDialog(self.db, self, event=event, today=today)
        if key == "again":
            return dialogs.ReportAgainDialog(self.db, self, event=event)
        return dialogs.ToMediationDialog(self.db, self, event=event, today=today)

    def _exported(self, title: str, written: Path) -> None:
        text = QCoreApplication.translate("EventsPanel", "台账已保存到 %1").replace(
            "%1", str(written)
        )
        notify(self, title, text)

    def export_ledgers(self, out: Path | None = None) -> Operation | None:
        """导出台账: the period from a dialog, the xlsx written on a worker thread."""
        from govdesk.ui.grids.event_dialogs import LedgerExportDialog

        dialog = LedgerExportDialog(self.db, self, today=dt.date.today())
        if not run_dialog(dialog):
            return None
        from govdesk.ui.mediation.dialog_base import pydate

        start, end = pydate(dialog.start), pydate(dialog.end)
        path = out or Path(dialog.path.text().strip())
        title = self.tr("导出台账")
        self.operation = run_with_progress(
            self,
            title,
            lambda _progress, _cancel: grid_ledgers.export_ledgers_xlsx(
                self.db, start=start, end=end, out=path
            ),
            lambda written: self._exported(title, written),
            label=self.tr("正在导出台账…"),
        )
        return self.operation
