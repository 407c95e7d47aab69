"""Printing from the grids tab: 网格员公示表, 联系卡 and 走访任务单, made in the background, then previewed."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from govdesk.forms import grid_print
from govdesk.store.database import Database
from govdesk.ui.ops import Operation, run_with_progress
from govdesk.ui.print_preview import PdfPreview

CONTEXT = "GridsPrinting"

# Previews still open, with their temporary PDFs (removed when each closes).
_open_previews: set[PdfPreview] = set()

# Menu keys: roster / cards of the whole tree or of the selected grid's subtree, a worksheet.
ROSTER_ALL = "roster_all"
ROSTER_GRID = "roster_grid"
CARDS_ALL = "cards_all"
CARDS_GRID = "cards_grid"
WORKSHEET = "worksheet"


class GridPrintMenu(QMenu):
    """The 打印 menu (objectName gridsPrintMenu); its actions are gridsPrint_<key>.
    `on_print(key)` runs the chosen one."""

    def __init__(self, parent: QWidget, on_print: Callable[[str], object]):
        super().__init__(parent)
        self.setObjectName("gridsPrintMenu")
        labels = {
            ROSTER_ALL: QCoreApplication.translate("GridsPrinting", "网格员公示表（全部网格）"),
            ROSTER_GRID: QCoreApplication.translate("GridsPrinting", "网格员公示表（所选网格）"),
            CARDS_ALL: QCoreApplication.translate("GridsPrinting", "联系卡（全部网格）"),
            CARDS_GRID: QCoreApplication.translate("GridsPrinting", "联系卡（所选网格）"),
            WORKSHEET: QCoreApplication.translate("GridsPrinting", "走访任务单（所选人员）"),
        }
        self.actions_: dict[str, QAction] = {}
        for key in (ROSTER_ALL, ROSTER_GRID, CARDS_ALL, CARDS_GRID, WORKSHEET):
            if key in (CARDS_ALL, WORKSHEET):
                self.addSeparator()
            action = QAction(labels[key], self)
            action.setObjectName(f"gridsPrint_{key}")
            action.triggered.connect(lambda _c=False, k=key: on_print(k))
            self.addAction(action)
            self.actions_[key] = action

    def enable(self, *, grid: bool, staff: bool) -> None:
        """The selected-grid items need a grid chosen; the worksheet a staff member."""
        self.actions_[ROSTER_GRID].setEnabled(grid)
        self.actions_[CARDS_GRID].setEnabled(grid)
        self.actions_[WORKSHEET].setEnabled(staff)


def temp_pdf(title: str) -> Path:
    # Each preview owns its folder: PdfPreview removes it when the preview closes.
    folder = Path(tempfile.mkdtemp(prefix="govdesk-print-"))
    safe = "".join(c for c in title if c not in '/\\:*?"<>|（）') or "form"
    return folder / f"{safe}.pdf"


def open_preview(parent: QWidget | None, pdf: Path, title: str) -> PdfPreview:
    preview = PdfPreview(parent, pdf, title)
    _open_previews.add(preview)
    preview.dialog.finished.connect(lambda _r: _open_previews.discard(preview))
    preview.open()
    return preview


def print_grids(
    parent: QWidget,
    db: Database,
    key: str,
    *,
    on: dt.date,
    grid_ids: Sequence[str] | None = None,
    grid_name: str = "",
    on_done: Callable[[Path], None] | None = None,
) -> Operation:
    """The roster or the cards of every grid (`grid_ids` None) or of the given subtrees, made
    on a worker thread (a thousand grids take a while), then shown in the print preview."""
    roster = key in (ROSTER_ALL, ROSTER_GRID)
    form = (
        QCoreApplication.translate("GridsPrinting", "网格员公示表")
        if roster
        else QCoreApplication.translate("GridsPrinting", "网格员联系卡")
    )
    title = f"{form}-{grid_name}" if grid_name else form
    out = temp_pdf(title)
    make = grid_print.print_roster if roster else grid_print.print_cards
    ids = list(grid_ids) if grid_ids is not None else None

    def work(progress, cancel) -> Path:  # noqa: ANN001 - the Operation's callables
        progress(0, 1)
        pdf = make(db, out, on=on, grid_ids=ids)
        progress(1, 1)
        return pdf

    def done(pdf: object) -> None:
        path = Path(str(pdf))
        if on_done is not None:
            on_done(path)
        open_preview(parent, path, title)

    return run_with_progress(
        parent,
        title,
        work,
        done,
        label=QCoreApplication.translate("GridsPrinting", "正在生成%1…").replace("%1", form),
    )


def print_worksheet(
    parent: QWidget,
    db: Database,
    *,
    staff_id: str,
    staff_name: str,
    today: dt.date,
    on_done: Callable[[Path], None] | None = None,
) -> Operation:
    """One worker's 走访任务单 of `today`, made in the background, then previewed."""
    form = QCoreApplication.translate("GridsPrinting", "走访任务单")
    title = f"{form}-{staff_name}"
    out = temp_pdf(title)

    def work(progress, cancel) -> Path:  # noqa: ANN001 - the Operation's callables
        return grid_print.print_worksheet(db, out, staff_id=staff_id, today=today)

    def done(pdf: object) -> None:
        path = Path(str(pdf))
        if on_done is not None:
            on_done(path)
        open_preview(parent, path, title)

    return run_with_progress(
        parent,
        title,
        work,
        done,
        label=QCoreApplication.translate("GridsPrinting", "正在生成%1…").replace("%1", form),
    )
