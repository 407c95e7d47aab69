"""An office's own settings kept in meta (role names, grid numbering, skills, export columns)."""

from __future__ import annotations

from sqlmodel import Session

from govdesk.domain.audit import AuditAction
from govdesk.domain.models import Meta
from govdesk.domain.permissions import Actor
from govdesk.store import audit_log
from govdesk.store.database import Database


def stored(source: Session | Database, key: str) -> str | None:
    """The setting's stored text, None when the office never changed it; read through the
    caller's session when there is one, so a change in that transaction is seen."""
    if isinstance(source, Database):
        return source.meta(key)
    row = source.get(Meta, key)
    return row.value if row is not None else None


def store(session: Session, actor: Actor, key: str, value: str, detail: dict[str, object]) -> None:
    """Write the setting and its audit entry (record type `settings`, what changed in
    `detail`) in the session's transaction. The caller has checked the permission and the
    value."""
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
        session.add(row)
    session.flush()
    audit_log.append(
        session.connection(),
        username=actor.username,
        action=AuditAction.UPDATE,
        record_type="settings",
        record_id=key,
        detail=detail,
    )
