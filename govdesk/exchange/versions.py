"""What an incoming version of a record does here: nothing (known), replace it, or conflict.

A record's state is the set of its heads: the versions no other version seen supersedes.
One head is the usual case; two or more are a conflict a person settles. Applying a
version only ever adds it and drops the heads it supersedes, so the end state is the same
whatever order packages arrive in and however often, and no version is lost: each one is
a head or in a head's history (docs/exchange-merge.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

Version = tuple[str, int]  # (instance id, that instance's counter)


@dataclass(frozen=True)
class Revision:
    """One version of one record: its (instance, counter), the versions it superseded, when
    it was saved, and the row as it was then (opaque here)."""

    version: Version
    history: frozenset[Version] = frozenset()
    updated_at: dt.datetime | None = None
    row: object = field(default=None, compare=False, hash=False)

    def knows(self, version: Version) -> bool:
        return version == self.version or version in self.history


class Outcome(StrEnum):
    NEW = "new"  # the record was not here
    KNOWN = "known"  # this version, or a later one, is here already: nothing changes
    FORWARD = "forward"  # it supersedes what is here: it replaces it
    CONFLICT = "conflict"  # neither supersedes the other: both are kept


def winner_key(rev: Revision) -> tuple[str, str, int]:
    """The provisional winner among heads, the same on every machine: the later save, then
    the larger (instance, counter)."""
    when = rev.updated_at.isoformat() if rev.updated_at is not None else ""
    return (when, rev.version[0], rev.version[1])


@dataclass(frozen=True)
class RecordState:
    """A record's heads; `winner` is what the table shows, the others wait in the conflict list."""

    heads: frozenset[Revision] = frozenset()

    @property
    def winner(self) -> Revision | None:
        return max(self.heads, key=winner_key) if self.heads else None

    @property
    def conflicts(self) -> list[Revision]:
        win = self.winner
        return sorted((h for h in self.heads if h != win), key=winner_key)

    def knows(self, version: Version) -> bool:
        return any(h.knows(version) for h in self.heads)


def apply(state: RecordState, incoming: Revision) -> tuple[RecordState, Outcome]:
    """The state after `incoming` arrives, and what that was."""
    if not state.heads:
        return RecordState(frozenset({incoming})), Outcome.NEW
    if state.knows(incoming.version):
        return state, Outcome.KNOWN
    kept = frozenset(h for h in state.heads if h.version not in incoming.history)
    after = RecordState(kept | {incoming})
    return after, (Outcome.FORWARD if not kept else Outcome.CONFLICT)


def apply_all(revisions: Iterable[Revision], state: RecordState | None = None) -> RecordState:
    state = state or RecordState()
    for rev in revisions:
        state, _ = apply(state, rev)
    return state


def settle(state: RecordState, version: Version, row: object, at: dt.datetime) -> Revision:
    """The version a person's merge makes: it supersedes every head, so on any machine that
    receives it the conflict is over."""
    history = frozenset().union(*({h.version} | h.history for h in state.heads))
    return Revision(version=version, history=history, updated_at=at, row=row)
