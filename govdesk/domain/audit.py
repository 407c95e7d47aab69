"""What the audit trail records, and how one entry's hash is computed."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum

GENESIS_HASH = "0" * 64


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    SESSION_LOCKED = "session_locked"
    ACCOUNT_LOCKED = "account_locked"  # too many failed attempts
    ACCOUNT_UNLOCKED = "account_unlocked"
    PASSWORD_CHANGED = "password_changed"
    CREATE = "create"  # a record was created (detail: its fields)
    UPDATE = "update"  # a record changed (detail: {field: [old, new]})
    REVEAL = "reveal"  # a masked value was shown in full
    EXPORT = "export"
    IMPORT = "import"
    PRINT = "print"
    BACKUP = "backup"
    RESTORE = "restore"
    REFUSED = "refused"  # a permission check said no


def canonical_detail(detail: dict[str, object] | None) -> str:
    """The detail as stored: JSON with sorted keys, so the same content hashes the same."""
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)


def entry_hash(
    *,
    seq: int,
    at: str,
    username: str,
    action: str,
    record_type: str | None,
    record_id: str | None,
    detail: str,
    prev_hash: str,
) -> str:
    """SHA-256(entry ‖ previous hash). The sequence number is inside, so reordering shows."""
    body = json.dumps(
        [seq, at, username, action, record_type, record_id, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8") + prev_hash.encode("ascii")).hexdigest()
