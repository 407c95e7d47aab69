"""The per-place tally of active households, residents on the register and residents under care.

Triggers keep it (migration 0008) in the same transaction as every register change. A
resident counts under care there while any of their care links is active; `care_on`
corrects that for a given day from the few links whose dates disagree with their flag.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection

from govdesk.store.engine import sqlite_of

NO_PLACE = ""  # the row of households whose address names no place
TRIGGER_PREFIX = "place_tally_"  # the triggers of migration 0008 that keep it

Figures = tuple[int, int, int]  # households, residents, residents under care

_READ = "SELECT place_id, households, residents, care FROM place_tally"
_CARED = "EXISTS (SELECT 1 FROM resident_care c WHERE c.resident_id = r.id AND c.active)"
_RECOUNT = (
    "SELECT IFNULL(h.place_id, ''), count(*), IFNULL(sum(m.n), 0), IFNULL(sum(m.cared), 0) "
    "FROM household h LEFT JOIN (SELECT r.household_id, count(*) AS n, "
    f"sum({_CARED}) AS cared FROM resident r "
    "WHERE r.status = 'on_register' AND r.household_id IS NOT NULL GROUP BY r.household_id) m "
    "ON m.household_id = h.id WHERE h.status = 'active' GROUP BY 1"
)
# A link is in force on a day between its dates; a link switched off without an end date
# (never done by govdesk itself) is in force on no day.
IN_FORCE = (
    "(c.since IS NULL OR c.since <= :on) AND (c.until IS NULL OR c.until > :on) "
    "AND (c.active OR c.until IS NOT NULL)"
)
# Links whose flag and dates disagree on :on, through the two partial indexes of 0008:
# active but not begun or already ended, or switched off but still in force then.
_DISAGREE = (
    "SELECT resident_id FROM resident_care WHERE active AND since > :on "
    "UNION SELECT resident_id FROM resident_care WHERE until IS NOT NULL AND until <= :on "
    "AND active "
    "UNION SELECT resident_id FROM resident_care WHERE until IS NOT NULL AND until > :on "
    "AND NOT active AND (since IS NULL OR since <= :on)"
)
# For each such resident: their place, whether the tally counts them, whether the day does.
_CORRECTIONS = (
    f"SELECT IFNULL(h.place_id, ''), {_CARED}, "
    f"EXISTS (SELECT 1 FROM resident_care c WHERE c.resident_id = r.id AND {IN_FORCE}) "
    f"FROM ({_DISAGREE}) d CROSS JOIN resident r ON r.id = d.resident_id "
    "CROSS JOIN household h ON h.id = r.household_id "
    "WHERE r.status = 'on_register' AND h.status = 'active'"
)


def read(conn: Connection) -> dict[str, Figures]:
    """place id (NO_PLACE for none) -> (households, residents, care), empty places left out;
    care as the active flags have it (see `care_on`)."""
    return {p: (h, r, c) for p, h, r, c in sqlite_of(conn).execute(_READ).fetchall() if h or r or c}


def care_on(conn: Connection, on: str) -> dict[str, int]:
    """What to add to each place's care figure for the day `on` (ISO date): usually nothing."""
    delta: dict[str, int] = defaultdict(int)
    for place, kept, in_force in sqlite_of(conn).execute(_CORRECTIONS, {"on": on}).fetchall():
        if kept != in_force:
            delta[place] += int(in_force) - int(kept)
    return dict(delta)


def recount(conn: Connection) -> dict[str, Figures]:
    """The same figures counted from the register itself: slow, for checks."""
    rows = sqlite_of(conn).execute(_RECOUNT).fetchall()
    return {p: (h, r, c) for p, h, r, c in rows if h or r or c}


def differences(conn: Connection) -> dict[str, tuple[Figures, Figures]]:
    """Places where the tally and the register disagree: place -> (tally, register)."""
    kept, counted = read(conn), recount(conn)
    none = (0, 0, 0)
    return {
        p: (kept.get(p, none), counted.get(p, none))
        for p in kept.keys() | counted.keys()
        if kept.get(p, none) != counted.get(p, none)
    }


def rebuild(conn: Connection) -> None:
    """Count the tally again from the register, inside the caller's transaction."""
    conn.exec_driver_sql("DELETE FROM place_tally")
    conn.exec_driver_sql(
        "INSERT INTO place_tally (place_id, households, residents, care) " + _RECOUNT
    )


@contextlib.contextmanager
def deferred(conn: Connection, incoming: int) -> Iterator[None]:
    """Count once at the end instead of by trigger per row, when `incoming` residents are more
    than the register holds (a first import): the triggers cost about a fifth of such an
    import, a recount from the register a few per cent. Smaller batches keep the triggers,
    since a recount reads the whole register. Dropping and recreating the triggers happens
    in the caller's transaction, so a cancel or a crash leaves them as they were."""
    stored = conn.exec_driver_sql("SELECT IFNULL(MAX(rowid), 0) FROM resident").scalar() or 0
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (TRIGGER_PREFIX + "%",),
    ).all()
    if incoming <= stored or not triggers:
        yield
        return
    for name, _ in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    rebuild(conn)
    for _, sql in triggers:
        conn.exec_driver_sql(sql)
