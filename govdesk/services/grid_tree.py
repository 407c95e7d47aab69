"""Counts for the grid tree: households, residents, special-care residents and staff per grid.

Households and residents per place come from the tally that triggers keep (migration 0008);
care, the dated assignments and the posts are read with a few short queries, then the
totals are rolled up the tree in Python. 1,000 grids over 20,000 buildings open and recount
in a few tens of milliseconds, so the tab simply reloads after every change
(benchmarks/bench_grid_tree.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store import place_tally
from govdesk.store.database import Database
from govdesk.store.engine import sqlite_of

UNASSIGNED = "unassigned"  # the id of the bucket of places in no grid

_GRIDS = text(
    "SELECT id, parent_id, code, name, number, area, retired_on, merged_into_id "
    "FROM grid ORDER BY sort_order, code"
)
_HOLDING = "a.start_on <= :on AND (a.end_on IS NULL OR a.end_on > :on)"
# Each grid's own places on :on with the tally of their households, residents and care.
# One pass over the assignments (NOT INDEXED: through the grid index it reads every row
# twice) joined to the tally by its key.
_OWN = text(
    "SELECT a.grid_id, count(*), IFNULL(sum(t.households), 0), IFNULL(sum(t.residents), 0), "
    "IFNULL(sum(t.care), 0) FROM grid_assignment a NOT INDEXED "
    "LEFT JOIN place_tally t ON t.place_id = a.place_id "
    f"WHERE {_HOLDING} GROUP BY a.grid_id"
)
# Compounds and village groups (at the top: services/places.py) hold no household; those
# assigned on :on are not homes, so they are left out of the unassigned bucket's sum.
_ASSIGNED_NOT_HOMES = text(
    "SELECT count(*) FROM place p JOIN grid_assignment a ON a.place_id = p.id "
    f"WHERE p.parent_id IS NULL AND p.kind NOT IN ('building', 'house') AND {_HOLDING}"
)
_TOTALS = text(
    "SELECT IFNULL(sum(households), 0), IFNULL(sum(residents), 0), IFNULL(sum(care), 0) "
    "FROM place_tally"
)
# Compounds and village groups stand at the top (services/places.py): read through the
# parent index, not the whole table; every other place is a building or house.
_HOMES = text(
    "SELECT (SELECT count(*) FROM place) - (SELECT count(*) FROM place "
    "WHERE parent_id IS NULL AND kind NOT IN ('building', 'house'))"
)
# Who holds a post where on :on; a person in two sub-grids counts once in their parent.
_POSTS = text(
    "SELECT DISTINCT grid_id, staff_id FROM grid_post "
    "WHERE start_on <= :on AND (end_on IS NULL OR end_on > :on)"
)


def _rows(conn: Connection, sql: object, params: dict | None = None) -> list[tuple]:
    """Rows straight from the sqlite3 cursor (see store.engine.sqlite_of)."""
    return sqlite_of(conn).execute(str(sql), params or {}).fetchall()


def _care_by_grid(conn: Connection, on: str) -> tuple[dict[str | None, int], int]:
    """The day's care corrections (usually none) by grid (None: in no grid), and their sum."""
    delta = place_tally.care_on(conn, on)
    if not delta:
        return {}, 0
    marks = ", ".join("?" for _ in delta)
    raw = sqlite_of(conn)
    sql = (
        f"SELECT place_id, grid_id FROM grid_assignment WHERE place_id IN ({marks}) "
        "AND start_on <= ? AND (end_on IS NULL OR end_on > ?)"
    )
    grid_of = dict(raw.execute(sql, (*delta, on, on)).fetchall())
    by_grid: dict[str | None, int] = defaultdict(int)
    for place, n in delta.items():
        by_grid[grid_of.get(place)] += n
    return dict(by_grid), sum(delta.values())


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

    Households and residents per place come from the tally the triggers keep (migration
    0008), so opening and recounting cost the same: a few short queries, no pass over the
    register.
    """

    def __init__(self, db: Database):
        self.db = db
        self.unassigned: GridNode | None = None

    def load(self, on: dt.date | None = None, *, include_retired: bool = False) -> list[GridNode]:
        """The grids in tree order (each parent before its children, siblings by number),
        then the unassigned bucket. Grids retired on or before `on` are left out unless
        `include_retired` (they hold nothing on `on`, their history stays)."""
        authz.require(self.db, Permission.GRID_VIEW)
        day = on or dt.date.today()
        on_text = day.isoformat()
        see_care = authz.can(self.db, Permission.CARE_SENSITIVE)
        with self.db.connect() as conn:
            rows = _rows(conn, _GRIDS)
            own_rows = _rows(conn, _OWN, {"on": on_text})
            totals = _rows(conn, _TOTALS)[0]
            homes = _rows(conn, _HOMES)[0][0]
            assigned_not_homes = _rows(conn, _ASSIGNED_NOT_HOMES, {"on": on_text})[0][0]
            posts = _rows(conn, _POSTS, {"on": on_text})
            care_delta, care_delta_total = _care_by_grid(conn, on_text)
        staff: dict[str, set[str]] = defaultdict(set)
        for grid_id, staff_id in posts:
            staff[grid_id].add(staff_id)
        # grid id -> [places, households, residents, care] of its own places
        own: dict[str, list[int]] = {
            gid: [n, h, r, c + care_delta.get(gid, 0)] for gid, n, h, r, c in own_rows
        }
        assigned_homes = sum(row[1] for row in own_rows) - assigned_not_homes
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
                own_staff=len(staff.get(gid, ())),
            )
        ordered = _tree_order(nodes)
        _roll_up(ordered, nodes, see_care, staff)
        # Households are counted once, through their own place; the rest is unassigned.
        # (at most one assignment of a place holds on a day, so nothing is counted twice)
        outside_households = totals[0] - sum(c[1] for c in own.values())
        outside_residents = totals[1] - sum(c[2] for c in own.values())
        outside_care = totals[2] + care_delta_total - sum(c[3] for c in own.values())
        homes_out = homes - assigned_homes
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


def _roll_up(
    ordered: list[GridNode],
    nodes: dict[str, GridNode],
    see_care: bool,
    staff: dict[str, set[str]],
) -> None:
    """Subtree totals: children come after their parents, so walk from the end. Staff are
    people, not posts: one person serving two sub-grids counts once in their parent."""
    people: dict[str, set[str]] = {}
    for node in reversed(ordered):
        node.places += node.own_places
        node.households += node.own_households
        node.residents += node.own_residents
        mine = people.pop(node.id, set()) | staff.get(node.id, set())
        node.staff = len(mine)
        if see_care:
            node.care = (node.care or 0) + (node.own_care or 0)
        parent = nodes.get(node.parent_id) if node.parent_id else None
        if parent is not None:
            parent.places += node.places
            parent.households += node.households
            parent.residents += node.residents
            people.setdefault(parent.id, set()).update(mine)
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
    "IFNULL(t.households, 0), IFNULL(t.residents, 0) "
)
# From the grid's assignments (indexed by grid), not from every place.
_GRID_PLACES = text(
    _PLACE_COUNTS + "FROM grid_assignment a JOIN place p ON p.id = a.place_id "
    "LEFT JOIN place_tally t ON t.place_id = p.id "
    f"WHERE a.grid_id = :grid AND {_HOLDING} ORDER BY p.address"
)
# The homes less the assigned ones as one set difference: no probe per place.
_UNASSIGNED_PLACES = text(
    _PLACE_COUNTS + "FROM place p LEFT JOIN place_tally t ON t.place_id = p.id WHERE p.id IN ("
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
