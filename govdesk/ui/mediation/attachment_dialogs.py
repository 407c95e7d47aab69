"""Scans, photos and evidence kept with a case: add one, open it, save a copy, remove it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QWidget
from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.domain.messages import DomainError
from govdesk.services import mediation_attachments
from govdesk.store.database import Database
from govdesk.ui.mediation.step_dialogs import CaseStepDialog
from govdesk.ui.ops import show_error

FILE_FILTER = QT_TRANSLATE_NOOP(
    "AddAttachmentDialog", "PDF 或图片 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp)"
)


class AddAttachmentDialog(CaseStepDialog):
    """A PDF or image from disk, filed as one of the 卷宗 documents (ATTACHMENT_KINDS)."""

    def __init__(
        self, db: Database, case_id: str, parent: QWidget | None = None, *, kind: str | None = None
    ):
        super().__init__(db, case_id, parent, name="attachment")
        self.setWindowTitle(self.tr("添加附件"))
        self.file = QLineEdit(self)
        self.file.setObjectName("attachmentFile")
        self.file.setPlaceholderText(self.tr("扫描件（PDF）或照片"))
        self.browse = QPushButton(self.tr("选择文件…"), self)
        self.browse.setObjectName("attachmentBrowse")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.form.addRow(self.tr("文件："), row)
        self.kind = self.combo("Kind", self.tr("材料类别："), rules.ATTACHMENT_KINDS, kind)
        self.title = self.line(
            "Title", self.tr("标题："), placeholder=self.tr("可不填，默认为材料类别")
        )
        self.date = self.date_edit("Date", self.tr("添加日期："))
        self.attachment_id: str | None = None
        self.finish(520)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择附件"), self.file.text(), self.tr(FILE_FILTER)
        )
        if path:
            self.file.setText(path)

    def check(self) -> list[str]:
        text = self.file.text().strip()
        if not text:
            return [self.tr("请选择要添加的文件。")]
        if not Path(text).is_file():
            return [self.tr("找不到文件“%1”。").replace("%1", text)]
        return []

    def apply(self, session: Session) -> None:
        path = Path(self.file.text().strip())
        attachment = mediation_attachments.add_attachment(
            session,
            self.case.id,
            path=path,
            file_name=path.name,
            kind=self.kind.currentData(),
            title=self.title.text().strip() or self.kind.currentText(),
            added_on=self.date.date().toPython(),  # type: ignore[arg-type]
        )
        self.attachment_id = attachment.id


def add_attachment(
    parent: QWidget | None, db: Database, case_id: str, *, kind: str | None = None
) -> bool:
    """The add dialog with `kind` chosen (e.g. from a 卷宗 checklist row); True when added."""
    from govdesk.ui.mediation.actions import run_dialog

    return run_dialog(AddAttachmentDialog(db, case_id, parent, kind=kind))


_SUFFIX = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "image/gif": ".gif",
    "image/webp": ".webp",
}


def _read(db: Database, attachment_id: str, file_name: str) -> tuple[str, bytes]:
    """A file name to show and the bytes (the service checks them against the digest)."""
    with db.session() as s:
        data = mediation_attachments.read_attachment(s, attachment_id)
    if not file_name:
        kind = mediation_attachments.media_type_of(data) or ""
        file_name = f"{attachment_id}{_SUFFIX.get(kind, '')}"
    return file_name, data


_viewing: tempfile.TemporaryDirectory[str] | None = None


def _viewing_folder() -> str:
    """One folder for the copies handed to viewers, removed when govdesk exits (a viewer
    that still holds a file open there only leaves it behind)."""
    global _viewing
    if _viewing is None:
        _viewing = tempfile.TemporaryDirectory(
            prefix="govdesk-attachments-", ignore_cleanup_errors=True
        )
    return _viewing.name


def open_attachment(
    parent: QWidget | None, db: Database, attachment_id: str, file_name: str = ""
) -> Path | None:
    """A copy in a temporary folder, opened with the system's viewer; None when it failed.

    `file_name` is the name the list shows (MediationAttachment.file_name); it keeps the
    extension the viewer needs."""
    try:
        name, data = _read(db, attachment_id, file_name)
        folder = Path(tempfile.mkdtemp(dir=_viewing_folder()))
        out = folder / Path(name).name
        out.write_bytes(data)
    except (DomainError, OSError) as exc:
        show_error(parent, QCoreApplication.translate("MediationAttachments", "打开附件"), exc)
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
    return out


def save_attachment_as(
    parent: QWidget | None,
    db: Database,
    attachment_id: str,
    out: Path | None = None,
    *,
    file_name: str = "",
) -> Path | None:
    """Writes the attachment to `out`, or to a file the clerk chooses; None when cancelled."""
    title = QCoreApplication.translate("MediationAttachments", "另存附件")
    try:
        if out is None:
            suggested = Path.home() / (Path(file_name).name or attachment_id)
            chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested))
            if not chosen:
                return None
            out = Path(chosen)
        with db.session() as s:
            mediation_attachments.save_attachment(s, attachment_id, out)
    except (DomainError, OSError) as exc:
        show_error(parent, title, exc)
        return None
    return out


def remove_attachment(
    parent: QWidget | None, db: Database, attachment_id: str, *, ask: bool = True
) -> bool:
    """Removes the attachment after a question (`ask` False: the caller has asked already)."""
    title = QCoreApplication.translate("MediationAttachments", "删除附件")
    if ask:
        answer = QMessageBox.question(
            parent,
            title,
            QCoreApplication.translate(
                "MediationAttachments", "确定删除这个附件吗？删除后不能恢复。"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    try:
        with db.session() as s:
            mediation_attachments.remove_attachment(s, attachment_id)
    except DomainError as exc:
        show_error(parent, title, exc)
        return False
    return True
