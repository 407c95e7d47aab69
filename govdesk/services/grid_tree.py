"""Counts for the grid tree: households, residents, special-care residents and staff per grid.

A handful of grouped SQL queries over the dated assignments, then the totals rolled up the
tree in Python: 1,000 grids and 20,000 buildings recount in a few tens of milliseconds, so
the tab simply reloads after every change (benchmarks/bench_grid_tree.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.store.database import Database

UNASSIGNED = "unassigned"  # the id of the bucket of places in no grid

_HOLDS = "a.start_on <= :on AND (a.end_on IS NULL OR a.end_on > :on)"
_GRIDS = text(
    "SELECT id, parent_id, code, name, number, area, retired_on, merged_into_id "
    "FROM grid ORDER BY sort_order, code"
)
_PLACES = text(f"SELECT a.grid_id, count(*) FROM grid_assignment a WHERE {_HOLDS} GROUP BY 1")
_HOUSEHOLDS = text(
    "SELECT a.grid_id, count(*) FROM grid_assignment a "
    "JOIN household h ON h.place_id = a.place_id AND h.status = 'active' "
    f"WHERE {_HOLDS} GROUP BY 1"
)
_RESIDENTS = text(
    "SELECT a.grid_id, count(*) FROM grid_assignment a "
    "JOIN household h ON h.place_id = a.place_id AND h.status = 'active' "
    "JOIN resident r ON r.household_id = h.id AND r.status = 'on_register' "
    f"WHERE {_HOLDS} GROUP BY 1"
)
_CARE = text(
    "SELECT a.grid_id, count(DISTINCT r.id) FROM grid_assignment a "
    "JOIN household h ON h.place_id = a.place_id AND h.status = 'active' "
    "JOIN resident r ON r.household_id = h.id AND r.status = 'on_register' "
    "JOIN resident_care c ON c.resident_id = r.id AND c.active "
    "AND (c.since IS NULL OR c.since <= :on) AND (c.until IS NULL OR c.until > :on) "
    f"WHERE {_HOLDS} GROUP BY 1"
)
_STAFF = text(
    "SELECT grid_id, count(DISTINCT staff_id) FROM grid_post "
    "WHERE start_on <= :on AND (end_on IS NULL OR end_on > :on) GROUP BY 1"
)
_TOTALS = text(
    "SELECT (SELECT count(*) FROM household WHERE status = 'active'), "
    "(SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id "
    " WHERE r.status = 'on_register' AND h.status = 'active'), "
    "(SELECT count(*) FROM place WHERE kind IN ('building', 'house'))"
)
_CARE_TOTAL = text(
    "SELECT count(DISTINCT r.id) FROM resident r "
    "JOIN household h ON h.id = r.household_id AND h.status = 'active' "
    "JOIN resident_care c ON c.resident_id = r.id AND c.active "
    "AND (c.since IS NULL OR c.since <= :on) AND (c.until IS NULL OR c.until > :on) "
    "WHERE r.status = 'on_register'"
)
_ASSIGNED_HOMES = text(
    "SELECT count(DISTINCT a.place_id) FROM grid_assignment a JOIN place p ON p.id = a.place_id "
    f"WHERE p.kind IN ('building', 'house') AND {_HOLDS}"
)


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


def _counts(conn: Connection, sql, on: str) -> dict[str, int]:  # noqa: ANN001
    return {k: int(v) for k, v in conn.execute(sql, {"on": on})}


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


class GridTree:
    """The office's grid tree with counts; `load` again after any change."""

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
            rows = conn.execute(_GRIDS).all()
            places = _counts(conn, _PLACES, on_text)
            households = _counts(conn, _HOUSEHOLDS, on_text)
            residents = _counts(conn, _RESIDENTS, on_text)
            care = _counts(conn, _CARE, on_text) if see_care else {}
            staff = _counts(conn, _STAFF, on_text)
            total_households, total_residents, total_homes = conn.execute(_TOTALS).one()
            total_care = conn.execute(_CARE_TOTAL, {"on": on_text}).scalar() if see_care else None
            assigned_homes = conn.execute(_ASSIGNED_HOMES, {"on": on_text}).scalar() or 0
        nodes: dict[str, GridNode] = {}
        for gid, parent_id, code, name, number, area, retired_on, merged in rows:
            retired_day = _date(retired_on)
            retired = retired_day is not None and retired_day <= day
            if retired and not include_retired:
                continue
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
                own_places=places.get(gid, 0),
                own_households=households.get(gid, 0),
                own_residents=residents.get(gid, 0),
                own_care=care.get(gid, 0) if see_care else None,
                own_staff=staff.get(gid, 0),
            )
        roots: list[str] = []
        for node in nodes.values():
            if node.parent_id in nodes:
                nodes[node.parent_id].children.append(node.id)
            else:
                node.parent_id = node.parent_id if node.parent_id in nodes else None
                roots.append(node.id)
        ordered: list[GridNode] = []
        # Iterative depth-first walk: trees of any depth, no recursion limit.
        stack = [(rid, 0) for rid in reversed(roots)]
        while stack:
            gid, depth = stack.pop()
            node = nodes[gid]
            node.depth = depth
            ordered.append(node)
            stack.extend((c, depth + 1) for c in reversed(node.children))
        for node in reversed(ordered):  # children come after parents: roll up from the end
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
        assigned_households = sum(households.values())
        assigned_residents = sum(residents.values())
        self.unassigned = GridNode(
            id=UNASSIGNED,
            parent_id=None,
            code="",
            name="未划分",
            places=int(total_homes) - int(assigned_homes),
            households=int(total_households) - assigned_households,
            residents=int(total_residents) - assigned_residents,
            care=(int(total_care or 0) - sum(care.values())) if see_care else None,
            unassigned=True,
        )
        u = self.unassigned
        u.own_places, u.own_households, u.own_residents, u.own_care = (
            u.places,
            u.households,
            u.residents,
            u.care,
        )
        ordered.append(u)
        return ordered


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


_PLACE_ROWS = (
    "SELECT p.id, p.kind, p.name, p.address, p.parent_id, "
    "(SELECT count(*) FROM household h WHERE h.place_id = p.id AND h.status = 'active'), "
    "(SELECT count(*) FROM household h JOIN resident r ON r.household_id = h.id "
    " AND r.status = 'on_register' WHERE h.place_id = p.id AND h.status = 'active') "
    "FROM place p WHERE {where} ORDER BY p.address"
)


def place_rows(db: Database, grid_id: str, on: dt.date | None = None) -> list[PlaceRow]:
    """The places of a grid on `on` (or, for UNASSIGNED, the buildings and houses in no grid)."""
    authz.require(db, Permission.GRID_VIEW)
    day = (on or dt.date.today()).isoformat()
    holds = (
        "SELECT 1 FROM grid_assignment a WHERE a.place_id = p.id "
        "AND a.start_on <= :on AND (a.end_on IS NULL OR a.end_on > :on)"
    )
    if grid_id == UNASSIGNED:
        where = f"p.kind IN ('building', 'house') AND NOT EXISTS ({holds})"
    else:
        where = f"EXISTS ({holds} AND a.grid_id = :grid)"
    with db.connect() as conn:
        rows = conn.execute(text(_PLACE_ROWS.format(where=where)), {"on": day, "grid": grid_id})
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
