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
    KEY_TRUSTED = "exchange_key_trusted"  # another database's exchange key was trusted
    KEY_REVOKED = "exchange_key_revoked"
    PACKAGE_REFUSED = "exchange_package_refused"  # a package was not imported (detail: why)
    CONFLICT_MERGED = "conflict_merged"  # a person merged a record's conflicting versions


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


_quote = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses for a str


def chain_hash(
    seq: int,
    at: str,
    username: str,
    action: str,
    record_type: str | None,
    record_id: str | None,
    detail: str,
    prev_hash: str,
) -> str:
    """entry_hash, byte for byte, with positional arguments in audit_log's column order.

    The JSON array is put together by hand because json.dumps builds a new encoder on
    every call, which is most of the time of verifying a million entries.
    """
    rt = "null" if record_type is None else _quote(record_type)
    rid = "null" if record_id is None else _quote(record_id)
    body = (
        f"[{int(seq)},{_quote(at)},{_quote(username)},{_quote(action)},{rt},{rid},{_quote(detail)}]"
    )
    return hashlib.sha256(body.encode("utf-8") + prev_hash.encode("ascii")).hexdigest()
