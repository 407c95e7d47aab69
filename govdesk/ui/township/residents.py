"""各社区居民: every office's residents in one keyset-paged list, with an office filter and search."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from govdesk.services import township
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from govdesk.ui.residents.model import ResidentTableModel
from govdesk.ui.township.tables import OfficeCombo, fit_columns, make_table, office_label

SEARCH_DELAY_MS = 250
COLUMN_SAMPLES = (
    "幸福社区居民委员会",
    "欧阳秀英",
    "性别",
    "0000-00-00",
    "110105********002X",
    "139****5678",
    "流动人口",
    "户号0000",
    "与户主关系",
    "幸福路12号3单元402",
    "在册",
)


class TownshipResidentModel(ResidentTableModel):
    """The office's own resident model with the office each row came from in front."""

    def __init__(self, service: ResidentList, names: dict[str, tuple[str, str]], parent=None):
        super().__init__(service, parent)
        self.names = names
        self.columns = ["office", *self.columns]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if index.isValid() and self.columns[index.column()] == "office":
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            values = self.row_values(index.row())
            return office_label(self.names, str(values.get("office_id"))) if values else None
        return super().data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
            and self.columns[section] == "office"
        ):
            return self.tr("所属单位")
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column] == "office":
            return  # the office filter narrows by office; there is no index to sort by it
        super().sort(column, order)


class TownshipResidentsTab(QWidget):
    """Read-only: the township sees each office's register as the office sent it."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.service = township.residents(db)
        self.model = TownshipResidentModel(self.service, township.office_names(db), self)
        self.offices = OfficeCombo(db, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("townshipResidentSearch")
        self.search.setPlaceholderText(
            self.tr("姓名、拼音首字母、身份证号或电话的开头/结尾、地址…")
        )
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("townshipResidentCount")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("单位：")))
        bar.addWidget(self.offices)
        bar.addWidget(QLabel(self.tr("查找：")))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        self.table = make_table(self.model, self, "townshipResidentTable")
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_by)
        fit_columns(self.table, COLUMN_SAMPLES)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.offices.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self._order = Qt.SortOrder.AscendingOrder
        self.apply_filter()

    def current_filter(self) -> ResidentFilter:
        return ResidentFilter(text=self.search.text(), office_id=self.offices.office_id())

    def apply_filter(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt)
        total = self.service.count(flt)
        shown = f"{total:,}+" if total >= 10_000 else f"{total:,}"
        self.count_label.setText(self.tr("在册 %1 人").replace("%1", shown))

    def _sort_by(self, column: int) -> None:
        self._order = (
            Qt.SortOrder.DescendingOrder
            if self._order == Qt.SortOrder.AscendingOrder
            else Qt.SortOrder.AscendingOrder
        )
        self.model.sort(column, self._order)
        self.table.horizontalHeader().setSortIndicator(column, self._order)

    def refresh(self) -> None:
        """After a package was applied: the offices and the rows may have changed."""
        self.offices.reload()
        self.model.names = township.office_names(self.db)
        self.apply_filter()
