"""Printing from the mediation tab: one form or the whole 卷宗 to preview, a batch to one PDF."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from govdesk.domain.messages import DomainError
from govdesk.store.database import Database
from govdesk.ui.mediation.case_detail import CaseDetail
from govdesk.ui.ops import Operation, notify, run_with_progress, show_error
from govdesk.ui.print_preview import PdfPreview

CONTEXT = "MediationPrinting"
CASE_FILE = "casefile"

# The forms in the order of the 卷宗, then the whole file.
FORMS: tuple[tuple[str, str], ...] = (
    ("application", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解申请书")),
    ("registration", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解受理登记表")),
    ("notice", QT_TRANSLATE_NOOP("MediationPrinting", "当事人权利义务告知书")),
    ("investigation", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解调查记录")),
    ("session", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解记录")),
    ("agreement", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解协议书")),
    ("oral-agreement", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解口头协议登记表")),
    ("follow-up", QT_TRANSLATE_NOOP("MediationPrinting", "人民调解回访记录")),
    ("cover", QT_TRANSLATE_NOOP("MediationPrinting", "卷宗封面")),
    ("contents", QT_TRANSLATE_NOOP("MediationPrinting", "卷内目录")),
    ("back-cover", QT_TRANSLATE_NOOP("MediationPrinting", "封底（卷内备考表）")),
    (CASE_FILE, QT_TRANSLATE_NOOP("MediationPrinting", "整卷（卷宗）")),
)
FORM_LABELS = dict(FORMS)

# Previews still open, with their temporary PDFs (removed when each closes).
_open_previews: set[PdfPreview] = set()


def form_label(form: str) -> str:
    return QCoreApplication.translate(CONTEXT, FORM_LABELS[form])


def available_forms(detail: CaseDetail | None) -> set[str]:
    """The forms the case has the record for; the others are greyed out in the menu."""
    if detail is None:
        return set()
    kinds = {s.kind for s in detail.sessions}
    agreement = detail.values.get("agreement_kind")
    out = {"application", "registration", "notice", "cover", "contents", "back-cover", CASE_FILE}
    if "investigation" in kinds:
        out.add("investigation")
    if "mediation" in kinds:
        out.add("session")
    if agreement == "written":
        out.add("agreement")
    if agreement == "oral":
        out.add("oral-agreement")
    if detail.follow_ups:
        out.add("follow-up")
    return out


def item_entries(detail: CaseDetail | None) -> list[tuple[str, str, str]]:
    """(form, record id, menu text) for each record printed on a form of its own."""
    if detail is None:
        return []
    out = []
    for r in detail.sessions:
        form = "investigation" if r.kind == "investigation" else "session"
        when = r.held_at.astimezone().strftime("%Y-%m-%d %H:%M")
        out.append((form, r.id, f"{form_label(form)} {when}"))
    for f in detail.follow_ups:
        out.append(("follow-up", f.id, f"{form_label('follow-up')} {f.visited_on.isoformat()}"))
    return out


class PrintMenu(QMenu):
    """The 打印 menu: one item per form (objectName mediationPrint_<form>), then 整卷, then
    单份记录 (mediationPrintItems): each session, investigation or visit on its own.
    `on_form(form, item_id)` runs the chosen one (item_id None: every record)."""

    def __init__(self, parent: QWidget, on_form: Callable[[str, str | None], None]):
        super().__init__(parent)
        self.setObjectName("mediationPrintMenu")
        self.on_form = on_form
        for form, _label in FORMS:
            if form == CASE_FILE:
                self.addSeparator()
            action = QAction(form_label(form), self)
            action.setObjectName(f"mediationPrint_{form}")
            action.setData(form)
            action.triggered.connect(lambda _c=False, f=form: on_form(f, None))
            self.addAction(action)
        self.items = QMenu(QCoreApplication.translate("MediationPrinting", "单份记录"), self)
        self.items.setObjectName("mediationPrintItems")
        self.addMenu(self.items)

    def show_case(self, detail: CaseDetail | None) -> None:
        """Forms the case has no record for are greyed out; 单份记录 lists its records."""
        ready = available_forms(detail)
        for action in self.actions():
            form = action.data()
            if form:
                action.setEnabled(form in ready)
        self.items.clear()
        for form, item_id, text in item_entries(detail):
            action = self.items.addAction(text)
            action.setData(item_id)
            action.triggered.connect(lambda _c=False, f=form, i=item_id: self.on_form(f, i))
        self.items.menuAction().setEnabled(bool(self.items.actions()))


def _title(form: str, detail: CaseDetail) -> str:
    return f"{form_label(form)}-{detail.number or detail.values.get('party_names') or ''}"


def _temp_pdf(title: str) -> Path:
    # Each preview owns its folder: PdfPreview removes it when the preview closes.
    folder = Path(tempfile.mkdtemp(prefix="govdesk-print-"))
    safe = "".join(c for c in title if c not in '/\\:*?"<>|（）') or "form"
    return folder / f"{safe}.pdf"


def _open_preview(parent: QWidget | None, pdf: Path, title: str) -> PdfPreview:
    preview = PdfPreview(parent, pdf, title)
    _open_previews.add(preview)
    preview.dialog.finished.connect(lambda _r: _open_previews.discard(preview))
    preview.open()
    return preview


def preview_form(
    parent: QWidget, db: Database, detail: CaseDetail, form: str, item_id: str | None = None
) -> PdfPreview | Operation | None:
    """Print preview of one form (of one record when `item_id` names it, else of all of
    them); the whole file is made in the background first."""
    if form == CASE_FILE:
        return preview_case_file(parent, db, detail)
    from govdesk.forms.mediation_print import print_form

    title = _title(form, detail)
    out = _temp_pdf(title)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        print_form(db, detail.id, form, out, item_id=item_id)
    except (DomainError, OSError) as exc:
        QGuiApplication.restoreOverrideCursor()
        show_error(parent, title, exc)
        return None
    QGuiApplication.restoreOverrideCursor()
    return _open_preview(parent, out, title)


def preview_case_file(parent: QWidget, db: Database, detail: CaseDetail) -> Operation:
    """The whole 卷宗 (scans merged in) is made on a worker thread, then previewed."""
    from govdesk.forms.mediation_print import print_case_file

    title = _title(CASE_FILE, detail)
    out = _temp_pdf(title)
    return run_with_progress(
        parent,
        title,
        lambda progress, cancel: print_case_file(
            db, detail.id, out, progress=progress, cancel=cancel
        ),
        lambda pdf: _open_preview(parent, Path(pdf), title),
        label=QCoreApplication.translate("MediationPrinting", "正在生成卷宗…"),
    )


def ask_batch_file(parent: QWidget, count: int) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("MediationPrinting", "批量打印卷宗"),
        QCoreApplication.translate("MediationPrinting", "调解卷宗（%1件）.pdf").replace(
            "%1", str(count)
        ),
        QCoreApplication.translate("MediationPrinting", "PDF 文件 (*.pdf)"),
    )
    return Path(name) if name else None


def print_batch(
    parent: QWidget,
    db: Database,
    case_ids: list[str],
    out: Path | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> Operation | None:
    """The 卷宗 of every selected case into one PDF, in the background with a progress bar."""
    from govdesk.forms.mediation_print import print_case_files

    title = QCoreApplication.translate("MediationPrinting", "批量打印卷宗")
    if not case_ids:
        notify(
            parent, title, QCoreApplication.translate("MediationPrinting", "请先在列表中选中案件。")
        )
        return None
    if out is None:
        out = ask_batch_file(parent, len(case_ids))
        if out is None:
            return None
    target = out

    def done(pdf: object) -> None:
        notify(
            parent,
            title,
            QCoreApplication.translate("MediationPrinting", "已将%1件案件的卷宗保存到：\n%2")
            .replace("%1", str(len(case_ids)))
            .replace("%2", str(pdf)),
        )
        if on_done is not None:
            on_done(Path(str(pdf)))

    return run_with_progress(
        parent,
        title,
        lambda progress, cancel: print_case_files(db, case_ids, target, progress, cancel),
        done,
        label=QCoreApplication.translate("MediationPrinting", "正在生成%1件案件的卷宗…").replace(
            "%1", str(len(case_ids))
        ),
    )
