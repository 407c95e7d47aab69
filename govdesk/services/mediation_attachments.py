"""Files kept with a mediation case (scans, photos, evidence) and the 卷宗 checklist.

An attachment is a record (MediationAttachment: kind, title, file name, size, SHA-256); its
bytes live once per digest in AttachmentContent, so the same scan added twice is stored once.
Only PDF and common image files are taken, recognised by their first bytes, up to 50 MB.

Permissions: listing attachments and the checklist need MEDIATION_VIEW; adding and removing
MEDIATION_EDIT; reading the bytes (open, save, print a scan) MEDIATION_PARTIES, since signed
forms and ID copies carry the parties' full details.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from sqlmodel import Session, col, func, select

from govdesk.domain import mediation as rules
from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.mediation import CaseState, Requirement
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    AttachmentContent,
    MediationAttachment,
    MediationCase,
    MediationFollowUp,
    MediationSession,
)
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.mediation import get_case
from govdesk.store import audit_log, errors
from govdesk.store.errors import StorageError

messages.register(
    {
        "attachment.source": (
            "请给出一个文件，或文件内容",
            "Give either a file or its content",
        ),
        "attachment.empty": ("文件“{name}”是空的", "The file '{name}' is empty"),
        "attachment.too_big": (
            "文件“{name}”有 {size} MB，超过了 {limit} MB 的上限，请压缩或分开扫描",
            "The file '{name}' is {size} MB, more than the {limit} MB limit; "
            "compress it or scan it in parts",
        ),
        "attachment.type": (
            "文件“{name}”不是PDF或图片（JPEG、PNG、TIFF、GIF、WebP），不能作为附件",
            "The file '{name}' is not a PDF or an image (JPEG, PNG, TIFF, GIF, WebP)",
        ),
        "attachment.unreadable": (
            "无法读取文件“{name}”：{reason}",
            "The file '{name}' cannot be read: {reason}",
        ),
        "attachment.damaged": (
            "附件“{name}”的内容已损坏（校验值不符），请从备份恢复或重新扫描",
            "The attachment '{name}' is damaged (its SHA-256 does not match); "
            "restore it from a backup or scan it again",
        ),
        "attachment.missing": (
            "附件“{name}”的内容不在数据库中，请从备份恢复或重新扫描",
            "The content of the attachment '{name}' is not in the database; "
            "restore it from a backup or scan it again",
        ),
    }
)

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# First bytes → media type. The extension is not trusted: a renamed file is caught here.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
# PDF readers accept a header a little way into the file (some scanners write junk first).
_PDF_HEADER_WINDOW = 1024


def media_type_of(data: bytes) -> str | None:
    """application/pdf or image/…, from the content; None for anything else."""
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "application/pdf"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _too_big(name: str, size: int) -> DomainError:
    return DomainError(
        Issue(
            "file",
            "attachment.too_big",
            {
                "name": name,
                "size": _megabytes(size),
                "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024),
            },
        )
    )


def _read_source(path: Path | None, data: bytes | None, file_name: str) -> tuple[bytes, str]:
    if (path is None) == (data is None):
        raise DomainError(Issue("file", "attachment.source"))
    if path is not None:
        name = file_name or path.name
        try:
            # Refuse a huge file before reading it into memory.
            size = path.stat().st_size
            if size > MAX_ATTACHMENT_BYTES:
                raise _too_big(name, size)
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise DomainError(
                Issue("file", "attachment.unreadable", {"name": name, "reason": reason})
            ) from exc
        return data, name
    assert data is not None
    return data, file_name


def add_attachment(
    session: Session,
    case_id: str,
    *,
    path: Path | None = None,
    data: bytes | None = None,
    file_name: str = "",
    kind: str,
    title: str = "",
    added_on: dt.date,
) -> MediationAttachment:
    """A scan, photo or evidence file added to the case, from `path` or from `data`.

    `kind` is an ATTACHMENT_KINDS code or label; `title` defaults to the kind's name."""
    authz.require(session, Permission.MEDIATION_EDIT)
    case = get_case(session, case_id)
    issues: list[Issue] = []
    kind_code = rules.ATTACHMENT_KINDS.parse(kind)
    if kind_code is None:
        issues.append(
            Issue("kind", "mediation.unknown_code", {"value": kind or "", "field": "kind"})
        )
    content, name = _read_source(path, data, file_name)
    # Only the name: a path from the clerk's PC (either separator) says nothing useful.
    name = PureWindowsPath(name.strip()).name if name.strip() else ""
    shown = name or (title.strip() or "")
    if not content:
        issues.append(Issue("file", "attachment.empty", {"name": shown}))
    elif len(content) > MAX_ATTACHMENT_BYTES:
        issues.append(_too_big(shown, len(content)).issues[0])
    media_type = media_type_of(content) if content else None
    if content and media_type is None:
        issues.append(Issue("file", "attachment.type", {"name": shown}))
    if issues:
        raise DomainError(issues)
    assert kind_code is not None and media_type is not None
    digest = hashlib.sha256(content).hexdigest()
    if session.get(AttachmentContent, digest) is None:
        session.add(AttachmentContent(sha256=digest, data=content))
    record = MediationAttachment(
        office_id=case.office_id,
        case_id=case.id,
        kind=kind_code,
        title=title.strip() or rules.ATTACHMENT_KINDS.zh(kind_code),
        file_name=name,
        media_type=media_type,
        size=len(content),
        sha256=digest,
        added_on=added_on,
    )
    session.add(record)
    session.flush()
    return record


def attachments(session: Session, case_id: str) -> list[MediationAttachment]:
    """The case's attachments in 卷宗 order (by kind), then as added."""
    authz.require(session, Permission.MEDIATION_VIEW)
    rows = list(
        session.exec(
            select(MediationAttachment)
            .where(MediationAttachment.case_id == case_id)
            .order_by(col(MediationAttachment.added_on), col(MediationAttachment.created_at))
        )
    )
    order = {c.code: i for i, c in enumerate(rules.ATTACHMENT_KINDS)}
    return sorted(rows, key=lambda a: order.get(a.kind, len(order)))


def _attachment(session: Session, attachment_id: str) -> MediationAttachment:
    record = session.get(MediationAttachment, attachment_id)
    if record is None:
        raise DomainError(Issue("attachment", "not_found"))
    return record


def read_attachment(session: Session, attachment_id: str) -> bytes:
    """The attachment's bytes, checked against its SHA-256; a damaged or lost content is a
    StorageError (kind CORRUPT) naming the file."""
    authz.require(session, Permission.MEDIATION_PARTIES)
    record = _attachment(session, attachment_id)
    name = record.file_name or record.title
    content = session.get(AttachmentContent, record.sha256)
    if content is None:
        raise StorageError(
            Issue("attachment", "attachment.missing", {"name": name}), errors.CORRUPT
        )
    data = bytes(content.data)
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise StorageError(
            Issue("attachment", "attachment.damaged", {"name": name}), errors.CORRUPT
        )
    return data


def save_attachment(session: Session, attachment_id: str, out: Path) -> Path:
    """Writes the attachment to `out` (whole or not at all: a temporary file renamed)."""
    data = read_attachment(session, attachment_id)
    out = Path(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".govdesk-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def remove_attachment(session: Session, attachment_id: str) -> None:
    """Removes the attachment; its bytes go too when no other attachment has the digest."""
    authz.require(session, Permission.MEDIATION_EDIT)
    record = _attachment(session, attachment_id)
    digest = record.sha256
    # Deletions escape the trail's flush hook: write the entry here.
    audit_log.append(
        session.connection(),
        username=audit_log.session_actor(session).username,
        action=AuditAction.UPDATE,
        record_type=MediationAttachment.__tablename__,
        record_id=record.id,
        detail={"removed": [record.file_name or record.title, None], "sha256": digest},
    )
    session.delete(record)
    session.flush()
    still_used = session.exec(
        select(func.count())
        .select_from(MediationAttachment)
        .where(MediationAttachment.sha256 == digest)
    ).one()
    if not still_used:
        content = session.get(AttachmentContent, digest)
        if content is not None:
            session.delete(content)
            session.flush()


# -- the 卷宗 checklist ---------------------------------------------------------------------------

SCANNED = "scanned"  # a signed scan is attached
PRINTABLE = "printable"  # govdesk prints it from the record; no signed scan attached yet
MISSING = "missing"  # belongs in the file and is neither attached nor printable
NOT_NEEDED = "not_needed"


@dataclass
class ChecklistRow:
    number: int
    title: str
    requirement_label: str
    needed: bool
    status: str  # SCANNED, PRINTABLE, MISSING or NOT_NEEDED
    attachment_ids: list[str] = field(default_factory=list)
    form: str | None = None  # the form key to print it, when govdesk can


@dataclass(frozen=True)
class _Facts:
    case: MediationCase
    investigations: int
    mediation_sessions: int
    follow_ups: int


def _needed(doc: rules.CaseFileDocument, facts: _Facts, attached: bool) -> bool:
    case = facts.case
    # A declined case never reached mediation: its file is the registration, the ID copies
    # and the back cover (with whatever else was attached).
    if case.state == CaseState.DECLINED and doc.number in (2, 7):
        return attached
    req = doc.requirement
    if req == Requirement.REQUIRED:
        return True
    if req == Requirement.WHEN_INVESTIGATED:
        return facts.investigations > 0 or attached
    if req == Requirement.WHEN_SETTLED:
        return case.agreement_on is not None or attached
    if req == Requirement.WHEN_VISITED:
        return facts.follow_ups > 0 or attached
    if req == Requirement.WHEN_NEEDED:
        return bool(case.file_notes) or attached
    # WHEN_PROXY and WHEN_ANY: only the papers themselves tell.
    return attached


def _form(doc: rules.CaseFileDocument, facts: _Facts) -> str | None:
    """The form that prints this document for this case, or None when there is nothing to
    print it from yet."""
    case = facts.case
    if not doc.forms:
        return None
    if doc.number == 1:
        applied = case.applied_on is not None or case.source == "application"
        return "application" if applied else "registration"
    if doc.number == 5:
        return doc.form if facts.investigations else None
    if doc.number == 7:
        return doc.form if facts.mediation_sessions else None
    if doc.number == 8:
        if case.agreement_on is None:
            return None
        return "oral-agreement" if case.agreement_kind == "oral" else "agreement"
    if doc.number == 10:
        return doc.form if facts.follow_ups else None
    return doc.form


def case_file_checklist(session: Session, case_id: str) -> list[ChecklistRow]:
    """The 13 documents of the case's 卷宗 (DOMAIN.md), each scanned, printable, missing or
    not needed for this case."""
    case = get_case(session, case_id)
    kinds = dict(
        session.exec(
            select(MediationSession.kind, func.count())
            .where(MediationSession.case_id == case_id)
            .group_by(MediationSession.kind)
        ).all()
    )
    visits = session.exec(
        select(func.count())
        .select_from(MediationFollowUp)
        .where(MediationFollowUp.case_id == case_id)
    ).one()
    facts = _Facts(case, kinds.get("investigation", 0), kinds.get("mediation", 0), visits)
    by_kind: dict[str, list[str]] = {}
    for a in attachments(session, case_id):
        by_kind.setdefault(a.kind, []).append(a.id)
    rows = []
    for doc in rules.CASE_FILE_DOCUMENTS:
        ids = [i for kind in doc.kinds for i in by_kind.get(kind, [])]
        needed = _needed(doc, facts, bool(ids))
        form = _form(doc, facts)
        if ids:
            status = SCANNED
        elif not needed:
            status = NOT_NEEDED
        elif form is not None:
            status = PRINTABLE
        else:
            status = MISSING
        rows.append(
            ChecklistRow(
                number=doc.number,
                title=doc.title,
                requirement_label=rules.REQUIREMENTS.label(doc.requirement),
                needed=needed,
                status=status,
                attachment_ids=ids,
                form=form,
            )
        )
    return rows
