"""统计导出: one year's (or one month's) mediation figures written to an xlsx file in the background."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.services import mediation_stats
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import MediationDialog
from govdesk.ui.ops import Operation, error_text, notify, run_with_progress


class StatsDialog(MediationDialog):
    """Year, month (or the whole year) and the file; 确定 starts the export and waits for it."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="stats")
        self.setWindowTitle(self.tr("统计导出"))
        today = dt.date.today()
        self.year = QSpinBox(self)
        self.year.setRange(2000, today.year + 1)
        self.year.setValue(today.year)
        self.form.addRow(self.tr("年度："), self._named(self.year, "Year"))
        self.month = QComboBox(self)
        self.month.addItem(self.tr("全年（按月分列）"), None)
        for m in range(1, 13):
            self.month.addItem(self.tr("%1月").replace("%1", str(m)), m)
        self.form.addRow(self.tr("月份："), self._named(self.month, "Month"))
        self.file = QLineEdit(self)
        self.file.setObjectName("statsFile")
        self.browse = QPushButton(self.tr("浏览…"), self)
        self.browse.setObjectName("statsBrowse")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.form.addRow(self.tr("保存到："), row)
        self.summary = self.info("Summary", self.tr("本期概况："), "")
        self.year.valueChanged.connect(self._period_changed)
        self.month.currentIndexChanged.connect(self._period_changed)
        self._period_changed()
        self.operation: Operation | None = None
        self.written: Path | None = None
        self.finish(520)

    def _period_changed(self) -> None:
        self._default_name()
        self.show_summary()

    def show_summary(self) -> None:
        """The period's headline figures, so the clerk sees what the file will say."""
        try:
            with self.db.session() as s:
                stats = mediation_stats.monthly_stats(
                    s, self.year.value(), self.month.currentData()
                )
        except DomainError as exc:
            self.summary.setText(error_text(exc))
            return
        self.summary.setText(
            self.tr(
                "受理 %1 件，调解成功 %2 件，调解不成 %3 件，终止 %4 件；调处率 %5，调解成功率 %6"
            )
            .replace("%1", str(stats.accepted))
            .replace("%2", str(stats.settled))
            .replace("%3", str(stats.failed))
            .replace("%4", str(stats.terminated))
            .replace("%5", mediation_stats.rate_text(stats.handling_rate))
            .replace("%6", mediation_stats.rate_text(stats.success_rate))
        )

    def _suggested(self) -> str:
        month = self.month.currentData()
        period = f"{self.year.value()}年{month}月" if month else f"{self.year.value()}年"
        return self.tr("人民调解统计_%1.xlsx").replace("%1", period)

    def _default_name(self) -> None:
        current = Path(self.file.text()) if self.file.text().strip() else Path.home()
        folder = current.parent if current.suffix else current
        self.file.setText(str(folder / self._suggested()))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存统计表"), self.file.text(), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.file.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def target(self) -> Path | None:
        text = self.file.text().strip()
        if not text:
            return None
        path = Path(text)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def save(self) -> bool:
        self.error.clear()
        out = self.target()
        if out is None:
            self.error.setText(self.tr("请选择保存的文件。"))
            return False
        if not out.parent.is_dir():
            self.error.setText(self.tr("文件夹“%1”不存在。").replace("%1", str(out.parent)))
            return False
        year, month = self.year.value(), self.month.currentData()
        db = self.db

        def work(progress: ProgressFn, cancel: threading.Event) -> Path:
            progress(0, 1)
            checkpoint(cancel)
            written = mediation_stats.export_stats_xlsx(db, year=year, month=month, out=out)
            progress(1, 1)
            return written

        self.ok_button.setEnabled(False)
        self.operation = run_with_progress(
            self,
            self.tr("统计导出"),
            work,
            self._done,
            self._failed,
            label=self.tr("正在生成统计表…"),
        )
        return True

    def _done(self, written: Path) -> None:
        self.written = Path(written)
        # Nothing in the database changed; the tab has nothing to refresh.
        self.changed = False
        notify(
            self.parentWidget(),
            self.tr("统计导出"),
            self.tr("统计表已保存到：\n%1").replace("%1", str(self.written)),
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.show_problem(exc)
