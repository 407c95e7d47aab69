"""Prints mediation cases: one form, a whole 卷宗, or a batch of 卷宗; every print is audited.

The window and `govdesk print` call these. Party phones are printed in full only for a role
with PRINT_FULL and MEDIATION_PARTIES (see mediation_records). A file is written under a
temporary name and moved into place once whole, so a cancelled or failed print leaves no
half-written PDF behind; no PDF leaves without its audit entry.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.forms import mediation_binding as binding
from govdesk.forms.mediation_binding import FileItem, Scan
from govdesk.forms.mediation_catalog import CASE_FILE, CASE_FILE_TITLE, FORMS, ITEM_FORMS, TITLES
from govdesk.forms.mediation_data import MediationCaseData
from govdesk.forms.mediation_pages import lay_out
from govdesk.forms.mediation_records import (
    case_data,
    checklist,
    find_case_id,
    form_data,
    items,
    print_rights,
)
from govdesk.forms.output import write_pdf
from govdesk.services import authz, mediation
from govdesk.services import mediation_attachments as attachments
from govdesk.services.privacy import refuse_when_read_only
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store.database import Database

__all__ = [
    "CASE_FILE",
    "FORMS",
    "ITEM_FORMS",
    "TITLES",
    "case_data",
    "case_file_items",
    "find_case_id",
    "form_data",
    "item_ids",
    "print_case_file",
    "print_case_files",
    "print_form",
]


def _check_form(form: str) -> None:
    if form not in TITLES:
        raise DomainError(Issue("form", "mediation.unknown_code", {"value": form, "field": "form"}))


def _audit(db: Database, out: Path, records: list[tuple[str, str, dict]]) -> None:
    """One entry per case printed; the PDF is removed when the trail cannot take them."""
    try:
        for case_id, form, detail in records:
            db.audit(
                AuditAction.PRINT,
                record_type="mediation_case",
                record_id=case_id,
                detail={"file": str(out), "form": form, **detail},
            )
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def _start(db: Database) -> bool:
    """Refusals before any work; True when phones may be printed in full."""
    authz.require(db, Permission.MEDIATION_VIEW)
    refuse_when_read_only(db, "print")
    with db.session() as session:
        return print_rights(session, True)[0]


def item_ids(session: Session, case_id: str, form: str) -> list[str]:
    """The ids of the sessions, investigations or visits `form` prints, oldest first; `--item N`
    of the command line is the N-th of them."""
    return [r.id for r in items(session, case_id, form)]


# -- one form -------------------------------------------------------------------------------


def _contents_data(session: Session, case_id: str, *, full: bool) -> MediationCaseData:
    """The case data with the contents of its bound file, so the list has real page numbers."""
    data, file_items = case_file_items(session, case_id, full=full)
    bound = binding.bind(data, file_items)
    data.contents = bound.contents
    return data


def print_form(
    db: Database, case_id: str, form: str, out: Path, *, item_id: str | None = None
) -> Path:
    """Write one form of the case to `out`: a FORMS key. A session, investigation or follow-up
    form prints the record `item_id` names, or all of them one after another."""
    _check_form(form)
    full = _start(db)
    out = Path(out)
    with db.session() as session:
        case = mediation.get_case(session, case_id)
        number = case.number or ""
        if form in ("contents", "back-cover"):
            copies = [_contents_data(session, case_id, full=full)]
        else:
            copies = form_data(session, case_id, form, full=full, item_id=item_id)
    if len(copies) == 1:
        # A lone form keeps reportlab's own file, with its title in the document info.
        pdf = binding.render(form, copies[0])
    else:
        title = f"{TITLES[form]}：{number}" if number else TITLES[form]
        author = copies[0].committee_name
        pdf = lay_out([(form, data) for data in copies], title=title, author=author).pdf
    write_pdf(out, pdf)
    detail = {"title": TITLES[form], "case_number": number, "copies": len(copies)}
    if item_id is not None:
        detail["item_id"] = item_id
    _audit(db, out, [(case_id, form, {**detail, "masked": not full})])
    return out


# -- the case file --------------------------------------------------------------------------


def _scans(session: Session, case_id: str, attachment_ids: list[str]) -> list[Scan]:
    """The attachments' bytes; without MEDIATION_PARTIES (signed forms and ID copies carry
    the parties' full details) each is bound as a page saying it is withheld."""
    shown = authz.can(session, Permission.MEDIATION_PARTIES)
    by_id = {row.id: row for row in attachments.attachments(session, case_id)}
    scans = []
    for attachment_id in attachment_ids:
        row = by_id[attachment_id]
        scans.append(
            Scan(
                title=row.title or rules.ATTACHMENT_KINDS.zh(row.kind),
                file_name=row.file_name,
                media_type=row.media_type,
                data=attachments.read_attachment(session, attachment_id) if shown else None,
            )
        )
    return scans


def _form_items(session: Session, case_id: str, form: str, *, full: bool) -> list[FileItem]:
    copies = form_data(session, case_id, form, full=full)
    several = len(copies) > 1
    return [FileItem(binding.item_title(form, d, several), form, d) for d in copies]


def case_file_items(
    session: Session, case_id: str, *, full: bool
) -> tuple[MediationCaseData, list[FileItem]]:
    """The case's data and the documents its file holds, in filing order, without the cover,
    contents and back cover: a signed scan where one is attached, else the form printed
    from the record when the record has it (the 卷宗 checklist says which)."""
    data = case_data(session, case_id, full=full)
    out: list[FileItem] = []
    for row in checklist(session, case_id):
        if row.form == "back-cover":
            continue
        if row.status == attachments.SCANNED and row.attachment_ids:
            # The signed scan is the document; a printed copy beside it would be unsigned.
            title = TITLES.get(row.form or "", row.title)
            scans = _scans(session, case_id, row.attachment_ids)
            out.append(FileItem(title, scans=scans))
        elif row.status == attachments.PRINTABLE and row.form in TITLES:
            out += _form_items(session, case_id, row.form, full=full)
    return data, out


def _bound(
    db: Database,
    case_id: str,
    *,
    full: bool,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> tuple[binding.BoundFile, str]:
    with db.session() as session:
        number = mediation.get_case(session, case_id).number or ""
        data, file_items = case_file_items(session, case_id, full=full)
    return binding.bind(data, file_items, progress=progress, cancel=cancel), number


def print_case_file(
    db: Database,
    case_id: str,
    out: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Write the whole 卷宗 of the case to `out`: cover, contents with page numbers, every
    present document in filing order, back cover. Raises progress.Cancelled when `cancel` is
    set (nothing is written then)."""
    full = _start(db)
    out = Path(out)
    bound, number = _bound(db, case_id, full=full, progress=progress, cancel=cancel)
    checkpoint(cancel)
    write_pdf(out, bound.pdf)
    detail = {
        "title": CASE_FILE_TITLE,
        "case_number": number,
        "pages": bound.pages,
        "documents": [e.title for e in bound.contents],
        "masked": not full,
    }
    _audit(db, out, [(case_id, CASE_FILE, detail)])
    return out


def print_case_files(
    db: Database,
    case_ids: list[str],
    out: Path,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """The 卷宗 of several cases, one after another in one PDF (each with its own cover,
    contents and back cover); progress counts cases. One audit entry per case."""
    full = _start(db)
    out = Path(out)
    files, records = [], []
    for done, case_id in enumerate(case_ids):
        checkpoint(cancel)
        bound, number = _bound(db, case_id, full=full, cancel=cancel)
        files.append(bound.pdf)
        records.append(
            (
                case_id,
                CASE_FILE,
                {
                    "title": CASE_FILE_TITLE,
                    "case_number": number,
                    "pages": bound.pages,
                    "batch": len(case_ids),
                    "masked": not full,
                },
            )
        )
        if progress is not None:
            progress(done + 1, len(case_ids))
    checkpoint(cancel)
    write_pdf(out, binding.merge(files))
    _audit(db, out, records)
    return out
