"""统计报表: the township figures per office and 合计, one table per topic, and 导出 xlsx…."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govdesk.services import township_figures as tf
from govdesk.services.mediation_stats import rate_text
from govdesk.store.database import Database
from govdesk.ui.ops import notify, run_with_progress, show_error
from govdesk.ui.township.tables import RowsModel, make_table

TOPIC_TITLES = {
    "人员类型": "人员类型",
    "关爱对象": "关爱对象",
    "人民调解": "人民调解",
    "志愿服务时长": "志愿服务时长",
}


class TownshipFiguresTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = QComboBox(self)
        self.year.setObjectName("townshipFiguresYear")
        this_year = dt.date.today().year
        for y in range(this_year, this_year - 6, -1):
            self.year.addItem(self.tr("%1年").replace("%1", str(y)), y)
        self.year.addItem(self.tr("全部年份"), None)
        self.export_button = QPushButton(self.tr("导出 xlsx(&X)…"), self)
        self.export_button.setObjectName("townshipFiguresExport")
        self.export_button.clicked.connect(self.choose_and_export)
        self.note = QLabel(self)
        self.note.setObjectName("townshipFiguresNote")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("年份：")))
        bar.addWidget(self.year)
        bar.addWidget(self.note, 1)
        bar.addWidget(self.export_button)
        self.topics = QTabWidget(self)
        self.topics.setObjectName("townshipFiguresTopics")
        self.models: dict[str, RowsModel] = {}
        for key in tf.SHEETS:
            model = RowsModel([], self)
            model.bold_last = True
            self.models[key] = model
            table = make_table(model, self, f"townshipFigures_{key}")
            table.horizontalHeader().setStretchLastSection(False)
            self.topics.addTab(table, self.tr(TOPIC_TITLES[key]))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.topics, 1)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.last_export: Path | None = None
        # Counted when first shown: on a million residents the figures take a second or two,
        # which the window's start (it builds every tab) should not wait for.
        self.stale = True

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def register_changed(self) -> None:
        """A package was applied: count again now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def refresh(self) -> None:
        self.stale = False
        figures = tf.figures(self.db, self.year.currentData())
        for key, rows in tf.sheet_rows(figures).items():
            heading, body = rows[0], rows[1:]
            if key == "人民调解":
                body = [[*r[:-2], rate_text(r[-2]), rate_text(r[-1])] for r in body]
            self.models[key].headings = [str(h) for h in heading]
            self.models[key].set_rows(body)
            table = self.topics.widget(list(tf.SHEETS).index(key))
            metrics = table.fontMetrics()
            table.setColumnWidth(0, metrics.horizontalAdvance("110105001001") + 24)
            table.setColumnWidth(1, metrics.horizontalAdvance("幸福社区居民委员会") + 24)
            for i in range(2, len(heading)):
                table.setColumnWidth(i, max(metrics.horizontalAdvance(str(heading[i])) + 24, 80))
        notes = [self.tr("人员与关爱对象为当前在册人数；调解与志愿时长按所选年份统计。")]
        if figures.hidden_sensitive:
            notes.append(self.tr("敏感关爱类别不向当前角色显示。"))
        self.note.setText(" ".join(notes))

    def export_to(self, path: Path) -> None:
        year = self.year.currentData()

        def work(_progress, _cancel):  # noqa: ANN001, ANN202
            return tf.write_workbook(self.db, path, year=year)

        def done(out: Path) -> None:
            self.last_export = out
            notify(self, self.tr("导出统计报表"), self.tr("已导出：%1").replace("%1", str(out)))

        run_with_progress(
            self,
            self.tr("导出统计报表"),
            work,
            done,
            lambda exc: show_error(self, self.tr("导出统计报表"), exc),
            label=self.tr("正在导出统计报表…"),
        )

    def choose_and_export(self) -> None:
        year = self.year.currentData()
        default = f"乡镇统计报表-{year or '全部'}.xlsx"
        chosen, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("导出统计报表"),
            str(Path.home() / default),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != ".xlsx":
                path = path.with_suffix(".xlsx")
            self.export_to(path)
