"""Counts for the grid tree: households, residents, special-care residents and staff per grid.

A handful of grouped SQL queries over the dated assignments, then the totals rolled up the
tree in Python: 1,000 grids and 20,000 buildings recount in a few tens of milliseconds, so
the tab simply reloads after every change (benchmarks/bench_grid_tree.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store.database import Database

UNASSIGNED = "unassigned"  # the id of the bucket of places in no grid

_GRIDS = text(
    "SELECT id, parent_id, code, name, number, area, retired_on, merged_into_id "
    "FROM grid ORDER BY sort_order, code"
)
# Which place is in which grid on :on: the only part of the counts an assignment changes.
_ASSIGNED = text(
    "SELECT place_id, grid_id FROM grid_assignment "
    "WHERE start_on <= :on AND (end_on IS NULL OR end_on > :on)"
)
_STAFF = text(
    "SELECT grid_id, count(DISTINCT staff_id) FROM grid_post "
    "WHERE start_on <= :on AND (end_on IS NULL OR end_on > :on) GROUP BY 1"
)
# Changes whenever a household, resident, care record or place is added or changed
# (every change stamps updated_at; records are never deleted). Cheap: counts and maxima.
_FINGERPRINT = text(
    "SELECT (SELECT count(*) FROM household), (SELECT max(updated_at) FROM household), "
    "(SELECT count(*) FROM resident), (SELECT max(updated_at) FROM resident), "
    "(SELECT count(*) FROM resident_care), (SELECT max(updated_at) FROM resident_care), "
    "(SELECT count(*) FROM place)"
)
_HOUSEHOLDS = text("SELECT id, place_id FROM household WHERE status = 'active'")
# Residents per household: all of them through the covering household index, less those
# not on the register, found through an index that carries the status (few rows).
_ALL_MEMBERS = text(
    "SELECT household_id, count(*) FROM resident WHERE household_id IS NOT NULL GROUP BY 1"
)
_OFF_REGISTER = (
    "SELECT household_id, count(*) FROM resident {hint} "
    "WHERE status <> 'on_register' AND household_id IS NOT NULL GROUP BY 1"
)
_OFF_REGISTER_HINT = "INDEXED BY ix_resident_name"
# From the care records (a few percent of residents) to their residents, in that order.
_CARE = text(
    "SELECT r.household_id, count(DISTINCT r.id) FROM resident_care c "
    "CROSS JOIN resident r ON r.id = c.resident_id "
    "WHERE c.active AND r.status = 'on_register' AND r.household_id IS NOT NULL "
    "AND (c.since IS NULL OR c.since <= :on) AND (c.until IS NULL OR c.until > :on) "
    "GROUP BY 1"
)
# Compounds and village groups stand at the top (services/places.py): read through the
# parent index, not the whole table; every other place is a building or house.
_TOP_PLACES = text("SELECT id, kind FROM place WHERE parent_id IS NULL")
_PLACE_COUNT = text("SELECT count(*) FROM place")
_HOME_KINDS = ("building", "house")


@dataclass
class _PlaceStats:
    """Per place: active households, residents on the register, residents under care;
    and what lives in no place at all."""

    by_place: dict[str, tuple[int, int, int]]  # households, residents, care
    totals: tuple[int, int, int]  # the same for the whole office, placeless included
    not_homes: frozenset[str]  # compounds and village groups
    homes: int  # how many buildings and houses


def _rows(conn: Connection, sql: object, params: dict | None = None) -> list[tuple]:
    """Rows straight from the sqlite3 cursor: for tens of thousands of plain rows the
    result layer costs as much as SQLite itself."""
    raw = conn.connection.driver_connection
    assert raw is not None
    return raw.execute(str(sql), params or {}).fetchall()


# A household that is not active: not counted anywhere (no place id looks like this).
_GONE = "\x00gone"


def _place_stats(conn: Connection, on: str) -> _PlaceStats:
    # Active household -> its place (None: its address names none); built at C speed.
    place_of: dict[str, str | None] = dict(_rows(conn, _HOUSEHOLDS))
    find: Callable[[str, str], str | None] = place_of.get  # type: ignore[assignment]
    households = Counter(place_of.values())
    residents: dict[str | None, int] = defaultdict(int)
    for household_id, n in _rows(conn, _ALL_MEMBERS):
        place = find(household_id, _GONE)
        if place is not _GONE:
            residents[place] += n
    try:
        off = _rows(conn, _OFF_REGISTER.format(hint=_OFF_REGISTER_HINT))
    except sqlite3.OperationalError:  # the index was renamed: slower, still right
        off = _rows(conn, _OFF_REGISTER.format(hint=""))
    for household_id, n in off:
        place = find(household_id, _GONE)
        if place is not _GONE:
            residents[place] -= n
    cared: dict[str | None, int] = defaultdict(int)
    for household_id, n in _rows(conn, _CARE, {"on": on}):
        place = find(household_id, _GONE)
        if place is not _GONE:
            cared[place] += n
    by_place = {
        p: (n, residents.get(p, 0), cared.get(p, 0)) for p, n in households.items() if p is not None
    }
    totals = (sum(households.values()), sum(residents.values()), sum(cared.values()))
    not_homes = frozenset(pid for pid, kind in _rows(conn, _TOP_PLACES) if kind not in _HOME_KINDS)
    homes = _rows(conn, _PLACE_COUNT)[0][0] - len(not_homes)
    return _PlaceStats(by_place=by_place, totals=totals, not_homes=not_homes, homes=homes)


@dataclass
class GridNode:
    """One grid on a day, with its own counts and the totals of its whole subtree.

    households/residents/care/staff/places are subtree totals; own_* are the grid's own
    places only. care is None when the role may not see special-care counts. The
    unassigned bucket has id UNASSIGNED, no parent and `unassigned` True.
    """

    id: str
    parent_id: str | None
    code: str
    name: str
    number: str = ""
    area: str = ""
    retired: bool = False
    retired_on: dt.date | None = None
    merged_into_id: str | None = None
    depth: int = 0
    places: int = 0
    households: int = 0
    residents: int = 0
    care: int | None = None
    staff: int = 0
    own_places: int = 0
    own_households: int = 0
    own_residents: int = 0
    own_care: int | None = None
    own_staff: int = 0
    children: list[str] = field(default_factory=list)
    unassigned: bool = False


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


class GridTree:
    """The office's grid tree with counts; `load` again after any change.

    Households, residents and care are counted per place once and kept while the register
    does not change (a cheap fingerprint is checked on each load); an assignment changes only
    which place is in which grid, so a recount reads the assignments and the posts alone.
    """

    def __init__(self, db: Database):
        self.db = db
        self.unassigned: GridNode | None = None
        self._stats: _PlaceStats | None = None
        self._stats_key: tuple | None = None

    def _stats_for(self, conn: Connection, on: str) -> _PlaceStats:
        key = (on, *_rows(conn, _FINGERPRINT)[0])
        if self._stats is None or key != self._stats_key:
            self._stats = _place_stats(conn, on)
            self._stats_key = key
        return self._stats

    def load(self, on: dt.date | None = None, *, include_retired: bool = False) -> list[GridNode]:
        """The grids in tree order (each parent before its children, siblings by number),
        then the unassigned bucket. Grids retired on or before `on` are left out unless
        `include_retired` (they hold nothing on `on`, their history stays)."""
        authz.require(self.db, Permission.GRID_VIEW)
        day = on or dt.date.today()
        on_text = day.isoformat()
        see_care = authz.can(self.db, Permission.CARE_SENSITIVE)
        with self.db.connect() as conn:
            stats = self._stats_for(conn, on_text)
            rows = _rows(conn, _GRIDS)
            assigned = _rows(conn, _ASSIGNED, {"on": on_text})
            staff = dict(_rows(conn, _STAFF, {"on": on_text}))
        # grid id -> [places, households, residents, care] of its own places
        own: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        of_place, none = stats.by_place.get, (0, 0, 0)
        for place_id, grid_id in assigned:
            counts = own[grid_id]
            h, r, c = of_place(place_id, none)
            counts[0] += 1
            counts[1] += h
            counts[2] += r
            counts[3] += c
        assigned_homes = len({p for p, _ in assigned} - stats.not_homes)
        empty = [0, 0, 0, 0]
        nodes: dict[str, GridNode] = {}
        for gid, parent_id, code, name, number, area, retired_on, merged in rows:
            retired_day = _date(retired_on)
            retired = retired_day is not None and retired_day <= day
            if retired and not include_retired:
                continue
            counts = own.get(gid, empty)
            nodes[gid] = GridNode(
                id=gid,
                parent_id=parent_id,
                code=code,
                name=name,
                number=number,
                area=area or "",
                retired=retired,
                retired_on=retired_day,
                merged_into_id=merged,
                own_places=counts[0],
                own_households=counts[1],
                own_residents=counts[2],
                own_care=counts[3] if see_care else None,
                own_staff=int(staff.get(gid, 0)),
            )
        ordered = _tree_order(nodes)
        _roll_up(ordered, nodes, see_care)
        # Households are counted once, through their own place; the rest is unassigned.
        # (at most one assignment of a place holds on a day, so nothing is counted twice)
        outside_households = stats.totals[0] - sum(c[1] for c in own.values())
        outside_residents = stats.totals[1] - sum(c[2] for c in own.values())
        outside_care = stats.totals[2] - sum(c[3] for c in own.values())
        homes_out = stats.homes - assigned_homes
        self.unassigned = GridNode(
            id=UNASSIGNED,
            parent_id=None,
            code="",
            name="未划分",
            places=homes_out,
            households=outside_households,
            residents=outside_residents,
            care=outside_care if see_care else None,
            own_places=homes_out,
            own_households=outside_households,
            own_residents=outside_residents,
            own_care=outside_care if see_care else None,
            unassigned=True,
        )
        ordered.append(self.unassigned)
        return ordered


def _tree_order(nodes: dict[str, GridNode]) -> list[GridNode]:
    """Depth-first, parents before children; iterative, so any depth is fine."""
    roots: list[str] = []
    for node in nodes.values():
        if node.parent_id in nodes:
            nodes[node.parent_id].children.append(node.id)
        else:
            node.parent_id = None  # under a grid not shown (retired): shown at the top
            roots.append(node.id)
    ordered: list[GridNode] = []
    stack = [(rid, 0) for rid in reversed(roots)]
    while stack:
        gid, depth = stack.pop()
        node = nodes[gid]
        node.depth = depth
        ordered.append(node)
        stack.extend((c, depth + 1) for c in reversed(node.children))
    return ordered


def _roll_up(ordered: list[GridNode], nodes: dict[str, GridNode], see_care: bool) -> None:
    """Subtree totals: children come after their parents, so walk from the end."""
    for node in reversed(ordered):
        node.places += node.own_places
        node.households += node.own_households
        node.residents += node.own_residents
        node.staff += node.own_staff
        if see_care:
            node.care = (node.care or 0) + (node.own_care or 0)
        parent = nodes.get(node.parent_id) if node.parent_id else None
        if parent is not None:
            parent.places += node.places
            parent.households += node.households
            parent.residents += node.residents
            parent.staff += node.staff
            if see_care:
                parent.care = (parent.care or 0) + (node.care or 0)


@dataclass(frozen=True)
class PlaceRow:
    """A building or house in a grid's place list, with its households and residents."""

    id: str
    kind: str
    name: str
    address: str
    parent_id: str | None
    households: int
    residents: int


_PLACE_COUNTS = (
    "SELECT p.id, p.kind, p.name, p.address, p.parent_id, "
    "(SELECT count(*) FROM household h WHERE h.place_id = p.id AND h.status = 'active'), "
    "(SELECT count(*) FROM household h JOIN resident r ON r.household_id = h.id "
    " AND r.status = 'on_register' WHERE h.place_id = p.id AND h.status = 'active') "
)
_HOLDING = "a.start_on <= :on AND (a.end_on IS NULL OR a.end_on > :on)"
# From the grid's assignments (indexed by grid), not from every place.
_GRID_PLACES = text(
    _PLACE_COUNTS + "FROM grid_assignment a JOIN place p ON p.id = a.place_id "
    f"WHERE a.grid_id = :grid AND {_HOLDING} ORDER BY p.address"
)
# The homes less the assigned ones as one set difference: no probe per place.
_UNASSIGNED_PLACES = text(
    _PLACE_COUNTS + "FROM place p WHERE p.id IN ("
    "SELECT id FROM place WHERE kind IN ('building', 'house') "
    f"EXCEPT SELECT a.place_id FROM grid_assignment a WHERE {_HOLDING}) ORDER BY p.address"
)


def place_rows(db: Database, grid_id: str, on: dt.date | None = None) -> list[PlaceRow]:
    """The places of a grid on `on` (or, for UNASSIGNED, the buildings and houses in no grid)."""
    authz.require(db, Permission.GRID_VIEW)
    day = (on or dt.date.today()).isoformat()
    sql = _UNASSIGNED_PLACES if grid_id == UNASSIGNED else _GRID_PLACES
    with db.connect() as conn:
        rows = _rows(conn, sql, {"on": day, "grid": grid_id})
    return [
        PlaceRow(
            id=r[0],
            kind=r[1],
            name=r[2],
            address=r[3],
            parent_id=r[4],
            households=int(r[5]),
            residents=int(r[6]),
        )
        for r in rows
    ]
