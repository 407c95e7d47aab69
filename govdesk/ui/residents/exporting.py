"""导出: choose an .xlsx or .csv name, export every resident on a worker thread, say how many."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from govdesk.ui.ops import Operation, notify, run_with_progress

if TYPE_CHECKING:
    from govdesk.ui.residents.view import ResidentsTab

SUFFIXES = (".xlsx", ".csv")


def export_dialog(tab: ResidentsTab) -> Operation | None:
    default = f"居民花名册-{dt.date.today():%Y%m%d}.xlsx"
    name, chosen = QFileDialog.getSaveFileName(
        tab,
        QCoreApplication.translate("ResidentsExport", "导出居民"),
        default,
        QCoreApplication.translate("ResidentsExport", "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
    )
    if not name:
        return None
    return export_to(tab, Path(name), csv_filter="csv" in chosen)


def export_to(tab: ResidentsTab, out: Path, *, csv_filter: bool = False) -> Operation:
    if out.suffix.lower() not in SUFFIXES:
        out = out.with_suffix(".csv" if csv_filter else ".xlsx")
    from govdesk.services.residents_export import export_residents

    def done(count: int) -> None:
        tab.last_export = (out, count)
        notify(
            tab,
            QCoreApplication.translate("ResidentsExport", "导出居民"),
            QCoreApplication.translate("ResidentsExport", "已导出 {n} 人到\n{path}").format(
                n=count, path=out
            ),
        )

    return run_with_progress(
        tab,
        QCoreApplication.translate("ResidentsExport", "导出居民"),
        lambda progress, cancel: export_residents(tab.db, out, progress=progress, cancel=cancel),
        done,
        label=QCoreApplication.translate("ResidentsExport", "正在导出到 {name}…").format(
            name=out.name
        ),
    )
