"""The panel beside the case list: the selected case's details, its actions and its 卷宗."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from govdesk.store.database import Database
from govdesk.ui.mediation.case_detail import CaseDetail, detail_html, load_detail

# At most this many buttons a row; fewer when the labels are long (English) or the panel narrow.
BUTTON_COLUMNS = 4

# 卷宗 checklist status → (label, background) ; the label is translated where shown.
STATUS_COLOURS = {
    "scanned": "#d4edda",
    "printable": "#e8eef5",
    "missing": "#f6c6c2",
    "not_needed": "",
}


def status_label(status: str) -> str:
    labels = {
        "scanned": QCoreApplication.translate("CasePanel", "已扫描"),
        "printable": QCoreApplication.translate("CasePanel", "可打印"),
        "missing": QCoreApplication.translate("CasePanel", "缺"),
        "not_needed": QCoreApplication.translate("CasePanel", "不需要"),
    }
    return labels.get(status, status)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size, 1) / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def _item(text: str, background: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if background:
        item.setBackground(QBrush(QColor(background)))
    return item


def _table(parent: QWidget, name: str, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _heading(text: str, parent: QWidget) -> QLabel:
    """A heading that wraps: a long translation must not hold the panel wider than its column."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class CasePanel(QWidget):
    """Shows one case (or none). Buttons are made for the actions the role may use; their
    enabled state follows the case's state. `action_requested(key)` asks the tab to run one."""

    action_requested = Signal(str)
    # (what, attachment id): "open", "save" or "remove".
    attachment_requested = Signal(str, str)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mediationCasePanel")
        self.db = db
        self.detail: CaseDetail | None = None
        self.buttons: dict[str, QPushButton] = {}
        self._applies: dict[str, Callable[[str | None], bool]] = {}

        self.title = QLabel(self.tr("请在左侧列表中选择一件案件"), self)
        self.title.setObjectName("mediationCaseTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.button_grid = QGridLayout()
        self.button_grid.setSpacing(4)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("mediationCasePages")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("mediationCaseDetail")
        self.browser.setOpenLinks(False)
        self.pages.addTab(self.browser, self.tr("案件详情"))

        files = QWidget(self)
        self.checklist = _table(
            files,
            "mediationChecklist",
            [self.tr("序号"), self.tr("卷宗材料"), self.tr("状态"), self.tr("要求")],
        )
        # The title gives way in a narrow panel (its tooltip has it whole), never the status.
        self.checklist.horizontalHeader().setStretchLastSection(False)
        self.checklist.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attachments = _table(
            files,
            "mediationAttachments",
            [
                self.tr("类别"),
                self.tr("标题"),
                self.tr("文件"),
                self.tr("大小"),
                self.tr("添加日期"),
            ],
        )
        self.attachments.doubleClicked.connect(lambda _i: self._attachment("open"))
        self.attachment_buttons = QHBoxLayout()
        self.file_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("open", self.tr("打开")),
            ("save", self.tr("另存为…")),
            ("remove", self.tr("删除附件")),
        ):
            b = QPushButton(text, files)
            b.setObjectName(f"mediationAttachment_{key}")
            b.clicked.connect(lambda _c=False, k=key: self._attachment(k))
            self.file_buttons[key] = b
            self.attachment_buttons.addWidget(b)
        self.attachment_buttons.addStretch(1)
        self.attachments.itemSelectionChanged.connect(self._enable_file_buttons)
        files_layout = QVBoxLayout(files)
        files_layout.setContentsMargins(4, 4, 4, 4)
        files_layout.addWidget(_heading(self.tr("卷宗材料（按《人民调解文书格式》顺序）"), files))
        files_layout.addWidget(self.checklist, 3)
        files_layout.addWidget(_heading(self.tr("附件（扫描件、照片、证据）"), files))
        files_layout.addWidget(self.attachments, 2)
        files_layout.addLayout(self.attachment_buttons)
        self.pages.addTab(files, self.tr("卷宗材料"))

        # In a scroll area: with large fonts or a small window the panel scrolls instead of
        # forcing the window taller than the screen.
        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(4, 0, 0, 0)
        inner_layout.addWidget(self.title)
        inner_layout.addLayout(self.button_grid)
        inner_layout.addWidget(self.pages, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("mediationCaseScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_case(None)

    # -- buttons ---------------------------------------------------------------------------
    def add_action_button(
        self, key: str, text: str, applies: Callable[[str | None], bool]
    ) -> QPushButton:
        """One button for a per-case action the role may use (others are never made)."""
        b = QPushButton(text, self)
        b.setObjectName(f"mediation_{key}_button")
        b.clicked.connect(lambda _c=False, k=key: self.action_requested.emit(k))
        self.buttons[key] = b
        self._applies[key] = applies
        b.setEnabled(False)
        self._lay_out_buttons()
        return b

    def _button_columns(self) -> int:
        if not self.buttons:
            return BUTTON_COLUMNS
        widest = max(b.sizeHint().width() for b in self.buttons.values())
        room = self.width() - 8  # the inner margin
        fits = room // (widest + self.button_grid.spacing()) if self.width() > 0 else 0
        return max(2, min(BUTTON_COLUMNS, fits or BUTTON_COLUMNS))

    def _lay_out_buttons(self) -> None:
        """Rows of buttons as wide as the panel allows, so none is cut off."""
        columns = self._button_columns()
        for b in self.buttons.values():
            self.button_grid.removeWidget(b)
        for n, b in enumerate(self.buttons.values()):
            self.button_grid.addWidget(b, n // columns, n % columns)
        self._columns = columns

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.buttons and self._button_columns() != getattr(self, "_columns", None):
            self._lay_out_buttons()

    def _enable_buttons(self) -> None:
        state = self.detail.state if self.detail else None
        for key, b in self.buttons.items():
            b.setEnabled(self._applies[key](state))

    def _enable_file_buttons(self) -> None:
        chosen = self.selected_attachment() is not None
        may_edit = "add_attachment" in self.buttons
        self.file_buttons["open"].setEnabled(chosen)
        self.file_buttons["save"].setEnabled(chosen)
        self.file_buttons["remove"].setEnabled(chosen and may_edit)
        self.file_buttons["remove"].setVisible(may_edit)

    def _attachment(self, what: str) -> None:
        chosen = self.selected_attachment()
        if chosen is not None and self.file_buttons[what].isEnabled():
            self.attachment_requested.emit(what, chosen)

    def selected_attachment(self) -> str | None:
        rows = self.attachments.selectionModel().selectedRows()
        if not rows or self.detail is None:
            return None
        return self.detail.attachments[rows[0].row()].id

    # -- content ---------------------------------------------------------------------------
    def show_case(self, case_id: str | None, today: dt.date | None = None) -> None:
        """Read the case again and show it; None empties the panel."""
        if case_id is None:
            self.detail = None
            self.title.setText(self.tr("请在左侧列表中选择一件案件"))
            self.browser.clear()
            self.checklist.setRowCount(0)
            self.attachments.setRowCount(0)
        else:
            self.detail = load_detail(self.db, case_id, today or dt.date.today())
            self.title.setText(self.detail.title())
            position = self.browser.verticalScrollBar().value()
            self.browser.setHtml(detail_html(self.detail))
            self.browser.verticalScrollBar().setValue(position)
            self._fill_files(self.detail)
        self._enable_buttons()
        self._enable_file_buttons()

    def _fill_files(self, detail: CaseDetail) -> None:
        self.checklist.setRowCount(len(detail.checklist))
        for i, r in enumerate(detail.checklist):
            colour = STATUS_COLOURS.get(r.status, "") if r.needed else ""
            for j, text in enumerate(
                (str(r.number), r.title, status_label(r.status), r.requirement_label)
            ):
                item = _item(text, colour)
                tip = f"{r.title}（{r.requirement_label}）"
                if r.status == "printable":
                    tip += "\n" + self.tr("可由记录打印，尚未附上签名后的扫描件")
                item.setToolTip(tip)
                self.checklist.setItem(i, j, item)
        self.attachments.setRowCount(len(detail.attachments))
        for i, a in enumerate(detail.attachments):
            for j, text in enumerate(
                (a.kind_label, a.title, a.file_name, size_text(a.size), a.added_on.isoformat())
            ):
                self.attachments.setItem(i, j, _item(text))
