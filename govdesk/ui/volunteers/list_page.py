"""The 志愿者 page: the searchable list (hours and stars per row) and the selected volunteer's panel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govdesk.store.database import Database
from govdesk.ui.flexible_column import FlexibleColumn
from govdesk.ui.volunteers.filters import VolunteerFilterBar
from govdesk.ui.volunteers.model import COLUMNS, SORTS, VolunteerTableModel
from govdesk.ui.volunteers.panel import VolunteerPanel

# The widest usual content of each column, so widths follow the font size.
COLUMN_SAMPLES = {
    "number": "V00000",
    "name": "欧阳秀英",
    "sex": "性别",
    "skills": "治安巡逻、助老服务、维修",
    "teams": "平安巡逻队、助老服务队",
    "minutes": "1234.5 小时",
    "stars": "★★★★★",
    "status": "已退出",
}


def _coded() -> dict:
    from govdesk.domain import codes
    from govdesk.domain import volunteers as rules

    return {"sex": codes.SEX, "status": rules.VOLUNTEER_STATUS}


def make_filter(values: dict):
    from govdesk.services.volunteer_list import VolunteerFilter

    return VolunteerFilter(**{k: v for k, v in values.items() if v is not None and v != ""})


class VolunteerListPage(QWidget):
    """Filters above, the list on the left, the panel on the right."""

    selection_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        from govdesk.services.volunteer_list import VolunteerList

        self.setObjectName("volunteerListPage")
        self.db = db
        self.service = VolunteerList(db)
        self.model = VolunteerTableModel(self.service, self)
        self.filters = VolunteerFilterBar(self)
        self.filters.changed.connect(self.apply_filter)
        self.filters.to_results.connect(self._focus_results)
        self.search = self.filters.search

        self.table = QTableView(self)
        self.table.setObjectName("volunteerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._sort_by)
        # The skills take the room the others leave (longer in English): the status stays in view.
        self.flexible = FlexibleColumn(self.table, COLUMNS.index("skills"))
        self._fit_columns()
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.installEventFilter(self)

        self.panel = VolunteerPanel(db, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("volunteerSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 420])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.reload_choices()
        self.apply_filter()

    def _fit_columns(self) -> None:
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        header = self.table.horizontalHeader()
        coded = _coded()
        for i, column in enumerate(COLUMNS):
            texts = [
                COLUMN_SAMPLES[column],
                str(self.model.headerData(i, Qt.Orientation.Horizontal)),
            ]
            # Code labels are longer in English than in Chinese.
            texts += [c.label for c in coded.get(column, ())]
            header.resizeSection(i, max(fm.horizontalAdvance(t) for t in texts) + 16)
        self.flexible.fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)

    def reload_choices(self) -> None:
        """The office's skills and teams in the filter bar (after 技能设置 or a new team)."""
        from govdesk.services import volunteers
        from govdesk.ui.volunteers.activity_dialogs import team_choices

        self.filters.set_choices(volunteers.skills(self.db), team_choices(self.db))

    # -- filtering ---------------------------------------------------------------------------
    def apply_filter(self) -> None:
        selected = self.current_volunteer_id()
        self.model.set_filter(make_filter(self.filters.values()))
        self._after_reload(selected)

    def refresh(self, select: str | None = None) -> None:
        """After a write: the same filter again, the volunteer (or `select`) re-read."""
        chosen = select or self.current_volunteer_id()
        self.model.reload(max(len(self.model.ids), 1))
        self._after_reload(chosen, reload=True)

    def _after_reload(self, chosen: str | None, *, reload: bool = False) -> None:
        self.filters.show_count(self.model.rowCount(), self.model.canFetchMore())
        row = self.model.row_of(chosen) if chosen else -1
        if row < 0 and self.model.rowCount():
            row = 0  # the first match of a search is the one the clerk most likely wants
        if row >= 0:
            self.select_row(row, reload=reload)
        else:
            self.panel.show_volunteer(None)
            self.selection_changed.emit()

    def _sort_by(self, column: int) -> None:
        if COLUMNS[column] not in SORTS:
            return
        header = self.table.horizontalHeader()
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            ascending = header.sortIndicatorOrder() != Qt.SortOrder.AscendingOrder
        else:
            # Hours read best from the most first.
            ascending = COLUMNS[column] != "minutes"
        order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        selected = self.current_volunteer_id()
        self.model.sort(column, order)
        self._after_reload(selected)

    # -- selection ---------------------------------------------------------------------------
    def select_row(self, row: int, *, reload: bool = False) -> None:
        index = self.model.index(row, 0)
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
        vid = self.model.id_at(row)
        shown = self.panel.detail.id if self.panel.detail else None
        if reload or vid != shown:
            self.panel.show_volunteer(vid)
        self.selection_changed.emit()

    def select_volunteer(self, volunteer_id: str) -> bool:
        row = self.model.row_of(volunteer_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def _show_current(self) -> None:
        vid = self.current_volunteer_id()
        shown = self.panel.detail.id if self.panel.detail else None
        if vid != shown:
            self.panel.show_volunteer(vid)
        self.selection_changed.emit()

    def current_volunteer_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_results(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and self.current_volunteer_id() is None:
            self.select_row(0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        ):
            self.panel.pages.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(obj, event)
