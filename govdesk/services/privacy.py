"""What a role may see of a resident: masked numbers, hidden sensitive care, audited reveals."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text
from sqlmodel import Session

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store import audit_log
from govdesk.store.database import Database

messages.register(
    {
        "privacy.field": (
            "“{field}”不是可以显示完整内容的项目",
            "“{field}” is not a field that can be shown in full",
        ),
        "privacy.masked_value": (
            "{field}仍是遮挡显示的号码（含 *），不能保存：请先“显示完整号码”或重新输入",
            "{field} is still the masked number (with *) and cannot be saved: "
            "show the full number first or type it again",
        ),
        "privacy.read_only": (
            "数据库以只读方式打开，无法写入审计日志，因此不能{what}",
            "The database is open read-only, so the audit trail cannot record it: cannot {what}",
        ),
        "privacy.what.reveal": ("显示完整号码", "show the full number"),
        "privacy.what.export": ("导出居民", "export residents"),
        "privacy.what.print": ("打印登记表", "print forms"),
    }
)

# Field labels for messages; the same headings as the form.
FIELD_LABELS = {
    "id_number": ("公民身份号码", "ID number"),
    "phone": ("联系电话", "phone"),
    "passport_no": ("护照号码", "passport number"),
    "residence_permit_no": ("居住证号码", "residence permit number"),
}


def field_label(field: str) -> str:
    zh, en = FIELD_LABELS.get(field, (field, field))
    return en if messages.language() == "en" else zh


def mask_row(row: dict[str, Any]) -> dict[str, Any]:
    """A copy of `row` with every ID number, phone and document number masked."""
    return {k: mask_field(k, v) if k in MASKED_FIELDS else v for k, v in row.items()}


def is_masked_text(value: object) -> bool:
    return isinstance(value, str) and "*" in value


def refuse_when_read_only(db: Database, what: str) -> None:
    """Reveals, exports and prints must be audited; a read-only file cannot record them."""
    if getattr(db, "read_only", False):
        raise DomainError(
            Issue("database", "privacy.read_only", {"what": messages.text(f"privacy.what.{what}")})
        )


# -- sensitive care categories ---------------------------------------------------------------
def sees_sensitive_care(source: Session | Database) -> bool:
    return authz.can(source, Permission.CARE_SENSITIVE)


def sensitive_codes(conn: Connection) -> set[str]:
    rows = conn.execute(text("SELECT code FROM care_category WHERE sensitive = 1"))
    return {str(r[0]) for r in rows}


# -- reveal ----------------------------------------------------------------------------------
def reveal(db: Database, person_id: str, field: str) -> str:
    """The full value of one masked field of one person, written to the audit trail.

    Needs IDENTITY_REVEAL; the entry names who, which record and which field (never the value).
    """
    if field not in MASKED_FIELDS:
        raise DomainError(Issue(field, "privacy.field", {"field": field}))
    authz.require(db, Permission.RESIDENT_VIEW)
    authz.require(db, Permission.IDENTITY_REVEAL)
    refuse_when_read_only(db, "reveal")
    with db.connect() as conn:
        # `field` is one of MASKED_FIELDS (checked above), never text from outside.
        row = conn.execute(
            text(f"SELECT {field} FROM resident WHERE id = :id"), {"id": person_id}
        ).first()
    if row is None:
        raise DomainError(Issue("person", "not_found"))
    db.audit(
        AuditAction.REVEAL,
        record_type="resident",
        record_id=person_id,
        detail={"field": field},
    )
    return str(row[0] or "")


# -- imports (bulk Core writes record themselves in the trail) ------------------------------
def version_counter(conn: Connection) -> int:
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'version_counter'")).first()
    return int(row[0]) if row is not None else 0


def audit_import(
    conn: Connection,
    db: Database,
    path: Path,
    *,
    rows: int,
    imported: int,
    households: int,
    versions_before: int,
) -> None:
    """One IMPORT entry in the import's own transaction: file, counts and versions written."""
    after = version_counter(conn)
    audit_log.append(
        conn,
        username=authz.actor_of(db).username,
        action=AuditAction.IMPORT,
        record_type="resident",
        detail={
            "file": str(path),
            "rows": rows,
            "imported": imported,
            "rejected": rows - imported,
            "households_created": households,
            "versions": [versions_before + 1, after] if after > versions_before else None,
        },
    )


# An 18-character ID number (or an old 15-digit one) standing alone in free text.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def mask_ids_in_text(value: str) -> str:
    """Free text (a message, a terminal line) with every ID number in it masked."""
    return _ID_IN_TEXT.sub(lambda m: str(mask_field("id_number", m.group(1))), value)
