"""Runs alembic migrations from inside the program, with a backup before any upgrade."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

# alembic is imported only when a database is created or upgraded: opening a current
# database, which is every start of the program, should not pay ~0.15 s for it.

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^(down_)?revision\s*=\s*['\"]?(\w+|None)['\"]?", re.MULTILINE)


# Tables kept by triggers (migrations 0008, 0009, 0012, 0013): the models do not describe them.
_TRIGGER_KEPT = frozenset({"place_tally", "volunteer_tally", "record_history", "record_tombstone"})


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate ignores the FTS5 index with its shadow tables and the trigger-kept tallies."""
    if type_ != "table" or name is None:
        return True
    return not (name.startswith("resident_address_fts") or name in _TRIGGER_KEPT)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing alembic."""
    graph: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = {bool(m.group(1)): m.group(2) for m in _REVISION.finditer(path.read_text("utf-8"))}
        if False in found:
            down = found.get(True)
            graph[found[False]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"migrations must form one line, heads: {heads}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


# Migrations that change only indexes, each with the revision before it: a file at one of
# them holds, and exchanges, exactly the tables and columns of that earlier revision.
INDEX_ONLY = {"0014": "0013"}


def data_revision(revision: str | None = None) -> str:
    """The revision whose tables and columns `revision` (the head by default) has.

    Exchange packages are marked with it and compared by it, so an office and a township
    one index-only migration apart still exchange (exchange/package.py, apply.py).
    """
    rev = revision if revision is not None else head_revision()
    while rev in INDEX_ONLY:
        rev = INDEX_ONLY[rev]
    return rev


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
