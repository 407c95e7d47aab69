"""Appends to the hash-chained audit trail, and records every ORM change as it is flushed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, event, inspect, text
from sqlmodel import Session

from govdesk.domain.audit import GENESIS_HASH, AuditAction, canonical_detail, entry_hash
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.models import RecordBase, UserAccount
from govdesk.domain.permissions import SYSTEM, Actor
from govdesk.store.versioning import RecordSession

# Bookkeeping that says nothing about the person or the case.
_QUIET_FIELDS = frozenset(
    {
        "id",
        "office_id",
        "created_at",
        "updated_at",
        "version",
        "version_instance",
        "name_pinyin",
        "name_initials",
        "id_number_rev",
        "phone_rev",
    }
)
# Never written to the trail at all, not even masked.
_SECRET_FIELDS = frozenset({"password_hash"})


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def append(
    conn: Connection,
    *,
    username: str,
    action: AuditAction | str,
    record_type: str | None = None,
    record_id: str | None = None,
    detail: dict[str, object] | None = None,
) -> int:
    """Add one entry inside the caller's transaction; returns its sequence number.

    The caller's write transaction serialises writers, so reading the last hash and
    appending cannot interleave with another writer.
    """
    # Take the write lock before reading the last entry. Read first, and a writer that
    # commits in between (an import on a worker) leaves this transaction's snapshot stale:
    # SQLite then refuses the INSERT at once instead of waiting out busy_timeout.
    conn.execute(text("UPDATE meta SET value = value WHERE key = 'audit_head'"))
    last = conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    seq = 1 if last is None else int(last[0]) + 1
    prev = GENESIS_HASH if last is None else str(last[1])
    at = now_text()
    body = canonical_detail(detail)
    digest = entry_hash(
        seq=seq,
        at=at,
        username=username,
        action=str(action),
        record_type=record_type,
        record_id=record_id,
        detail=body,
        prev_hash=prev,
    )
    conn.execute(
        text(
            "INSERT INTO audit_log(seq, at, username, action, record_type, record_id, detail, "
            "prev_hash, hash) VALUES (:seq, :at, :u, :a, :rt, :rid, :d, :p, :h)"
        ),
        {
            "seq": seq,
            "at": at,
            "u": username,
            "a": str(action),
            "rt": record_type,
            "rid": record_id,
            "d": body,
            "p": prev,
            "h": digest,
        },
    )
    # The head is kept beside the chain so that removing the newest entries also shows.
    conn.execute(
        text(
            "INSERT INTO meta(key, value) VALUES ('audit_head', :v) "
            "ON CONFLICT(key) DO UPDATE SET value = :v"
        ),
        {"v": f"{seq}:{digest}"},
    )
    return seq


def session_actor(session: Session) -> Actor:
    actor = session.info.get("actor")
    return actor if isinstance(actor, Actor) else SYSTEM


def _shown(field: str, value: object) -> object:
    # Minimum necessary (PIPL art. 6): the trail shows that an ID number changed and
    # enough to tell which, not a second full copy of it.
    if field in MASKED_FIELDS:
        return mask_field(field, value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _audited(obj: object) -> bool:
    return isinstance(obj, RecordBase | UserAccount)


def _created(obj: Any) -> dict[str, object]:
    state = inspect(obj)
    return {
        a.key: _shown(a.key, a.value)
        for a in state.attrs
        if a.key not in _QUIET_FIELDS and a.key not in _SECRET_FIELDS and a.value is not None
    }


def _changed(obj: Any) -> dict[str, object]:
    state = inspect(obj)
    changes: dict[str, object] = {}
    for a in state.attrs:
        if a.key in _QUIET_FIELDS:
            continue
        history = a.history
        if not history.has_changes():
            continue
        if a.key in _SECRET_FIELDS:
            changes[a.key] = "changed"
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[a.key] = [_shown(a.key, old), _shown(a.key, new)]
    return changes


@event.listens_for(RecordSession, "before_flush")
def _record_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    """Every create and change made through a session, with who made it, in the same transaction."""
    created = [o for o in session.new if _audited(o)]
    changed = [o for o in session.dirty if _audited(o) and session.is_modified(o)]
    if not created and not changed:
        return
    username = session_actor(session).username
    conn = session.connection()
    for obj in created:
        append(
            conn,
            username=username,
            action=AuditAction.CREATE,
            record_type=obj.__tablename__,
            record_id=obj.id,
            detail=_created(obj),
        )
    for obj in changed:
        detail = _changed(obj)
        if detail:
            append(
                conn,
                username=username,
                action=AuditAction.UPDATE,
                record_type=obj.__tablename__,
                record_id=obj.id,
                detail=detail,
            )
