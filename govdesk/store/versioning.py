"""Stamps every record change with the next version of this database instance."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, text
from sqlmodel import Session

from govdesk.domain.models import RecordBase, utcnow


def reserve_versions(conn: Connection, count: int = 1) -> int:
    """Take `count` consecutive counter values inside the caller's transaction; returns the first."""
    row = conn.execute(
        text(
            "UPDATE meta SET value = CAST(value AS INTEGER) + :n "
            "WHERE key = 'version_counter' RETURNING CAST(value AS INTEGER)"
        ),
        {"n": count},
    ).one()
    return int(row[0]) - count + 1


class RecordSession(Session):
    """A session whose flushes stamp (version_instance, version) on changed records."""

    def __init__(self, *args: Any, instance_id: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.info["instance_id"] = instance_id


@event.listens_for(RecordSession, "before_flush")
def _stamp(session: Session, _ctx: Any, _instances: Any) -> None:
    changed = [o for o in session.new if isinstance(o, RecordBase)]
    changed += [
        o
        for o in session.dirty
        if isinstance(o, RecordBase) and session.is_modified(o, include_collections=False)
    ]
    if not changed:
        return
    first = reserve_versions(session.connection(), len(changed))
    now = utcnow()
    for offset, obj in enumerate(changed):
        obj.version = first + offset
        obj.version_instance = session.info["instance_id"]
        if obj in session.dirty:
            obj.updated_at = now
