"""导入 wizard: choose a file, check the column mapping, preview the problems, import, report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from govdesk.domain import codes
from govdesk.domain.validation import CODED_FIELDS
from govdesk.services.residents_import import (
    ImportPlan,
    ImportReport,
    plan_import,
    preview,
    run_import,
    write_report,
)
from govdesk.store.database import Database
from govdesk.ui.ops import Operation, notify, run_with_progress, show_error
from govdesk.ui.residents.import_pages import MappingPage, problems_table
from govdesk.ui.residents.person_form import ERROR_COLOUR, WARNING_COLOUR

PREVIEW_ROWS = 50


def shown(key: str, value: object) -> str:
    """A checked value as the clerk wrote it: labels for codes, ISO dates, lists joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if key in CODED_FIELDS:
        return CODED_FIELDS[key].label(str(value))
    if key == "household_type":
        return codes.HOUSEHOLD_TYPE.label(str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("选择文件"))
        self.setSubTitle(
            self.tr("支持 Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）和 CSV（UTF-8 或 GBK）。")
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("importPath")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch(1)
        self._reading: Operation | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择要导入的文件"),
            "",
            self.tr("电子表格 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)"),
        )
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        # Reading a big workbook takes seconds: do it off the GUI thread, then move on.
        if self.wiz.plan is not None and self.wiz.plan.path == Path(self.path.text().strip()):
            return True
        if self._reading is not None and not self._reading.finished:
            return False
        path = Path(self.path.text().strip())
        self._reading = run_with_progress(
            self,
            self.tr("读取文件"),
            lambda _progress, _cancel: plan_import(path),
            self._read,
            label=self.tr("正在读取 {name}…").format(name=path.name),
        )
        return False

    def _read(self, plan: ImportPlan) -> None:
        self.wiz.plan = plan
        self.wiz.next()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("预览"))
        self.summary = QLabel(self)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("previewTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入"))

    def initializePage(self) -> None:
        plan = self.wiz.plan
        assert plan is not None
        checks = preview(self.wiz.db, plan, limit=PREVIEW_ROWS)
        keys = list(dict.fromkeys(plan.mapping.values()))
        headings = [plan.headings[i] for i, k in plan.mapping.items() if k in keys]
        self.table.clear()
        self.table.setColumnCount(len(keys) + 2)
        self.table.setHorizontalHeaderLabels([self.tr("行号"), *headings, self.tr("问题")])
        self.table.setRowCount(len(checks))
        bad = 0
        for r, check in enumerate(checks):
            self.table.setItem(r, 0, QTableWidgetItem(str(check.row_number)))
            for c, key in enumerate(keys, start=1):
                self.table.setItem(r, c, QTableWidgetItem(shown(key, check.values.get(key))))
            problems = "；".join(i.message for i in check.issues)
            item = QTableWidgetItem(problems)
            item.setToolTip(problems)
            if check.issues:
                item.setForeground(QColor(ERROR_COLOUR if not check.ok else WARNING_COLOUR))
            self.table.setItem(r, len(keys) + 1, item)
            bad += not check.ok
        header = self.table.horizontalHeader()
        last = self.table.columnCount() - 1
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for c in range(last):
            self.table.setColumnWidth(c, self.table.columnWidth(c) + 12)
        # The problems wrap inside the remaining width instead of scrolling sideways.
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        # Row heights must follow the width the stretched column gets once laid out.
        QTimer.singleShot(0, self.table.resizeRowsToContents)
        total = len(plan.rows)
        self.summary.setText(
            self.tr(
                "文件共 {total} 行数据。下面是前 {n} 行的检查结果，其中 {bad} 行有错误，导入时会跳过并列入问题清单。"
            ).format(total=total, n=len(checks), bad=bad)
        )


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("导入结果"))
        self.result_label = QLabel(self)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.problems = problems_table(self)
        self.save_button = QPushButton(self.tr("保存问题清单…"), self)
        self.save_button.setObjectName("saveReportButton")
        self.save_button.clicked.connect(self._save_report)
        self.save_button.setEnabled(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problems, 1)
        layout.addLayout(row)
        self.done = False

    def initializePage(self) -> None:
        plan = self.wiz.plan
        assert plan is not None
        self.done = False
        self.result_label.setText(self.tr("正在导入…"))
        self.wiz.operation = run_with_progress(
            self.wiz,
            self.tr("导入居民"),
            lambda progress, cancel: run_import(
                self.wiz.db, plan, progress=progress, cancel=cancel
            ),
            self._finished,
            self._failed,
            label=self.tr("正在导入 {name}…").format(name=plan.path.name),
        )

    def isComplete(self) -> bool:
        return self.done

    def _finished(self, report: ImportReport) -> None:
        self.wiz.report = report
        text = self.tr("成功导入 {n} 条，未导入 {m} 条").format(
            n=report.imported, m=report.rejected
        )
        if report.households_created:
            text += self.tr("；新建 {h} 户").format(h=report.households_created)
        self.result_label.setText(text)
        self.problems.setRowCount(len(report.problems))
        for r, p in enumerate(report.problems):
            cells = [str(p.row), p.field, (self.tr("提示：") if p.warning else "") + p.reason]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setForeground(QColor(WARNING_COLOUR if p.warning else ERROR_COLOUR))
                if c == 2:
                    item.setToolTip(value)  # a long reason is cut short in the column
                self.problems.setItem(r, c, item)
        self.problems.resizeColumnToContents(0)
        self.save_button.setEnabled(bool(report.problems))
        self.done = True
        self.completeChanged.emit()
        self.wiz.on_change("")

    def _failed(self, exc: BaseException) -> None:
        from govdesk.services.progress import Cancelled

        if isinstance(exc, Cancelled):
            self.result_label.setText(self.tr("已取消导入，没有保存任何数据。"))
        else:
            self.result_label.setText(self.tr("导入没有完成，没有保存任何数据。"))
            show_error(self.wiz, self.tr("导入居民"), exc)
        self.done = True
        self.completeChanged.emit()

    def _save_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存问题清单"), "导入问题清单.csv", self.tr("CSV 文件 (*.csv)")
        )
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        assert self.wiz.report is not None
        try:
            write_report(self.wiz.report, path)
        except OSError as exc:
            show_error(self, self.tr("保存问题清单"), exc)
            return
        notify(self, self.tr("保存问题清单"), self.tr("已保存到 {p}").format(p=path))


class ImportWizard(QWizard):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        on_change: Callable[[str], None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("导入居民"))
        self.db = db
        self.on_change = on_change or (lambda _pid: None)
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.operation: Operation | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(900, 600)
