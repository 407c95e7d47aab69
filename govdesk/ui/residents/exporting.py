"""导出: choose an .xlsx or .csv name, export every resident on a worker thread, say how many."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from govdesk.domain.permissions import Permission
from govdesk.services import authz
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

    # The service masks numbers for roles that may not reveal them; say so, so that
    # nobody takes the stars for damage (docs/privacy.md).
    masked = not authz.can(tab.db, Permission.IDENTITY_REVEAL)

    def done(count: int) -> None:
        tab.last_export = (out, count)
        text = QCoreApplication.translate("ResidentsExport", "已导出 {n} 人到\n{path}").format(
            n=count, path=out
        )
        if masked:
            text += "\n" + QCoreApplication.translate(
                "ResidentsExport", "身份证号、电话等号码已按权限遮挡显示。"
            )
        notify(tab, QCoreApplication.translate("ResidentsExport", "导出居民"), text)

    return run_with_progress(
        tab,
        QCoreApplication.translate("ResidentsExport", "导出居民"),
        lambda progress, cancel: export_residents(tab.db, out, progress=progress, cancel=cancel),
        done,
        label=QCoreApplication.translate("ResidentsExport", "正在导出到 {name}…").format(
            name=out.name
        ),
    )
