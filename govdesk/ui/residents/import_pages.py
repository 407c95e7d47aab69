"""The column-mapping page of the import wizard and the problem list table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from govdesk.domain.columns import REGISTER_COLUMNS
from govdesk.services.residents_import import cell_text
from govdesk.ui.residents.person_form import ERROR_COLOUR

if TYPE_CHECKING:
    from govdesk.ui.residents.import_wizard import ImportWizard

SAMPLE_ROWS = 3


def problems_table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, 3, parent)
    table.setObjectName("importProblems")
    # A module function: its texts sit in their own context, whichever page calls it.
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("import_pages", "行号"),
            QCoreApplication.translate("import_pages", "字段"),
            QCoreApplication.translate("import_pages", "原因"),
        ]
    )
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return table


def mapping_problem(mapping: dict[int, str]) -> str:
    """Why this mapping cannot be imported, in words; empty when it can."""
    keys = list(mapping.values())
    if "name" not in keys:
        return QCoreApplication.translate("MappingPage", "必须有一列对应“姓名”")
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        labels = "、".join(c.label for c in REGISTER_COLUMNS if c.key in doubled)
        return QCoreApplication.translate(
            "MappingPage", "多列对应同一字段：{labels}。每个字段只能选一列"
        ).format(labels=labels)
    return ""


class MappingPage(QWizardPage):
    """One row per spreadsheet column: its heading, a few values, and the field it feeds."""

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("核对列对应关系"))
        self.header_label = QLabel(self)
        self.header_label.setObjectName("headerRowLabel")
        self.header_label.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("表格中的列"), self.tr("示例"), self.tr("导入为")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem = QLabel(self)
        self.problem.setObjectName("mappingProblem")
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        assert plan is not None
        self.header_label.setText(
            self.tr(
                "表头在第 {row} 行，数据从第 {first} 行开始，共 {n} 行。请核对每一列导入到哪个字段："
            ).format(row=plan.header_row + 1, first=plan.first_row_number, n=len(plan.rows))
        )
        self.table.setRowCount(len(plan.headings))
        self.combos = []
        for i, heading in enumerate(plan.headings):
            self.table.setItem(i, 0, QTableWidgetItem(heading))
            samples = [cell_text(row[i]) or "" for row in plan.rows[:SAMPLE_ROWS] if i < len(row)]
            self.table.setItem(i, 1, QTableWidgetItem("，".join(s for s in samples if s)))
            combo = QComboBox(self.table)
            combo.addItem(self.tr("（不导入）"), None)
            for column in REGISTER_COLUMNS:
                combo.addItem(column.label, column.key)
            combo.setCurrentIndex(max(0, combo.findData(plan.mapping.get(i))))
            combo.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnsToContents()
        for c in (0, 1):
            self.table.setColumnWidth(c, self.table.columnWidth(c) + 16)
        self._changed()

    def set_field(self, column: int, key: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(key)))

    def current_mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def _changed(self, *_args) -> None:
        self.problem.setText(mapping_problem(self.current_mapping()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not mapping_problem(self.current_mapping())

    def validatePage(self) -> bool:
        assert self.wiz.plan is not None
        self.wiz.plan.mapping = dict(sorted(self.current_mapping().items()))
        return True
