"""Print preview of the registry's PDF forms: pages rendered by pdfium onto the QPrinter."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from govdesk.domain.messages import DomainError
from govdesk.services import registry
from govdesk.store.database import Database
from govdesk.ui.ops import notify, show_error

# Printers report 600 or 1200 dpi; 300 is sharp on paper and keeps each page near 35 MB.
MAX_DPI = 300


def page_images(pdf: Path, dpi: int) -> list[QImage]:
    """Each page of the PDF as an image at `dpi` (used for painting and for tests)."""
    images = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            images.append(_render(doc[i], dpi))
    finally:
        doc.close()
    return images


def _render(page: pdfium.PdfPage, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        )
        return image.copy()  # own the pixels before pdfium frees its buffer
    finally:
        bitmap.close()
        page.close()


def paint_pdf(pdf: Path, printer: QPrinter) -> int:
    """Draw every page of `pdf` on `printer`, one sheet per page; returns the page count."""
    dpi = min(printer.resolution(), MAX_DPI)
    doc = pdfium.PdfDocument(str(pdf))
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        return 0
    try:
        for i in range(len(doc)):
            if i:
                printer.newPage()
            image = _render(doc[i], dpi)
            # The forms are A4 like the paper: fill the full page, keeping the aspect ratio.
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
        return len(doc)
    finally:
        painter.end()
        doc.close()


class PdfPreview:
    """A QPrintPreviewDialog over one PDF file, with 保存为PDF… beside the print button."""

    def __init__(self, parent: QWidget | None, pdf: Path, title: str):
        self.pdf = pdf
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        self.printer.setFullPage(True)
        self.printer.setDocName(title)
        self.dialog = QPrintPreviewDialog(self.printer, parent)
        self.dialog.setObjectName("printPreview")
        self.dialog.setWindowTitle(title)
        self.dialog.paintRequested.connect(lambda printer: paint_pdf(self.pdf, printer))
        self.save_action = QAction(
            QCoreApplication.translate("PrintPreview", "保存为PDF…"), self.dialog
        )
        self.save_action.triggered.connect(self._save_as)
        toolbar = self.dialog.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)
        self.dialog.resize(900, 1000)
        self.dialog.finished.connect(self._cleanup)

    def _save_as(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.dialog,
            QCoreApplication.translate("PrintPreview", "保存为PDF"),
            self.printer.docName() + ".pdf",
            QCoreApplication.translate("PrintPreview", "PDF 文件 (*.pdf)"),
        )
        if name:
            self.save_copy(Path(name))

    def save_copy(self, target: Path) -> None:
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            show_error(self.dialog, QCoreApplication.translate("PrintPreview", "保存为PDF"), exc)

    def _cleanup(self, _result: int = 0) -> None:
        shutil.rmtree(self.pdf.parent, ignore_errors=True)

    def open(self) -> None:
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()


# Keeps open previews alive (and their temporary files) until they are closed.
_open_previews: set[PdfPreview] = set()


def _make_pdf(build: Callable[[Path], Path], stem: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="govdesk-print-"))
    safe = "".join(c for c in stem if c not in '/\\:*?"<>|') or "form"
    return build(folder / f"{safe}.pdf")


def _preview(
    parent: QWidget | None, build: Callable[[Path], Path], title: str
) -> PdfPreview | None:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pdf = _make_pdf(build, title)
    except (DomainError, OSError) as exc:
        QGuiApplication.restoreOverrideCursor()
        show_error(parent, title, exc)
        return None
    QGuiApplication.restoreOverrideCursor()
    preview = PdfPreview(parent, pdf, title)
    _open_previews.add(preview)
    preview.dialog.finished.connect(lambda _r: _open_previews.discard(preview))
    preview.open()
    return preview


def preview_person(parent: QWidget | None, db: Database, person_id: str) -> PdfPreview | None:
    from govdesk.forms.registry_print import resident_pdf

    with db.session() as s:
        name = registry.get_person(s, person_id=person_id).name
    title = QCoreApplication.translate("PrintPreview", "居民信息登记表-{name}").format(name=name)
    return _preview(parent, lambda out: resident_pdf(db, person_id, out), title)


def preview_household(parent: QWidget | None, db: Database, household_id: str) -> PdfPreview | None:
    from govdesk.forms.registry_print import household_pdf

    with db.session() as s:
        number = registry.get_household(s, household_id=household_id).household_number
    title = QCoreApplication.translate("PrintPreview", "户信息表-{number}").format(number=number)
    return _preview(parent, lambda out: household_pdf(db, household_id, out), title)


def preview_household_of(parent: QWidget | None, db: Database, person_id: str) -> PdfPreview | None:
    with db.session() as s:
        person = registry.get_person(s, person_id=person_id)
        household_id, name = person.household_id, person.name
    if household_id is None:
        notify(
            parent,
            QCoreApplication.translate("PrintPreview", "打印户信息表"),
            QCoreApplication.translate(
                "PrintPreview", "{name} 尚未入户，没有户信息表可打印。"
            ).format(name=name),
        )
        return None
    return preview_household(parent, db, household_id)
