"""Numbers handed out once: per-year counters kept in meta, in the caller's transaction."""

from __future__ import annotations

from sqlmodel import Session

from govdesk.domain.models import Meta


def next_in_sequence(session: Session, key: str) -> int:
    """The counter under `key` moved on by one. In the same transaction as the record that
    takes the number: a rollback gives the number back, a commit never hands it out again."""
    row = session.get(Meta, key)
    value = (int(row.value) if row else 0) + 1
    if row is None:
        session.add(Meta(key=key, value=str(value)))
    else:
        row.value = str(value)
    return value
