"""The grid tree (create, rename, retire, merge, split) and the dated assignment of places to grids.

An assignment holds from `start_on` up to the day before `end_on` (end exclusive; None: it
still holds), and at most one assignment of a place holds on any day. Reassigning a place on
day D ends its holding assignment with end_on = D and starts a new one on D, so "which grid
was this household in on D" is answered from history, never rewritten (以房管人: households
follow their place; no grid is ever stored on a household).

Assignments are written with Core statements in the session's transaction: moving 5,000
buildings stays one transaction well under a second, and one audit entry sums it up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import BindParameter, Connection, bindparam, delete, insert, select, update
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from govdesk.domain import grids as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    Grid,
    GridAssignment,
    GridPost,
    Household,
    Place,
    new_id,
    table_of,
    utcnow,
)
from govdesk.domain.permissions import Actor, Permission
from govdesk.services import authz, grid_codes
from govdesk.services.office import current_office
from govdesk.store import audit_log
from govdesk.store.versioning import reserve_versions

_CHUNK = 900  # SQLite's bound-parameter limit, with room to spare
_AUDIT_NAMES = 20


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _edit(session: Session) -> Actor:
    return authz.require(session, Permission.GRID_EDIT)


# -- reading -----------------------------------------------------------------------------------
def get_grid(session: Session, grid_id: str) -> Grid:
    grid = session.get(Grid, grid_id)
    if grid is None:
        raise DomainError(Issue("grid", "grids.no_grid", {"grid": grid_id}))
    return grid


def find_grid(session: Session, key: str) -> Grid | None:
    """A grid by its id or its code."""
    key = key.strip()
    grid = session.get(Grid, key)
    if grid is not None:
        return grid
    return session.exec(sm_select(Grid).where(Grid.code == key)).first()


def grids(session: Session, *, include_retired: bool = False) -> list[Grid]:
    """Every grid of the office, parents before children within a level, in code order."""
    query = sm_select(Grid)
    if not include_retired:
        query = query.where(col(Grid.retired_on).is_(None))
    return list(session.exec(query.order_by(col(Grid.code))).all())


def children(session: Session, grid_id: str | None, *, include_retired: bool = False) -> list[Grid]:
    query = sm_select(Grid).where(Grid.parent_id == grid_id)
    if not include_retired:
        query = query.where(col(Grid.retired_on).is_(None))
    return list(session.exec(query.order_by(col(Grid.sort_order), col(Grid.code))).all())


def _holding(on: dt.date):  # noqa: ANN202 - a SQL condition
    a = table_of(GridAssignment)
    return (a.c.start_on <= on) & (a.c.end_on.is_(None) | (a.c.end_on > on))


def grid_of_place(session: Session, place_id: str, on: dt.date) -> Grid | None:
    """The grid the place belonged to on `on`, or None when it was unassigned that day."""
    a = table_of(GridAssignment)
    grid_id = (
        session.connection()
        .execute(select(a.c.grid_id).where(a.c.place_id == place_id, _holding(on)))
        .scalar()
    )
    return session.get(Grid, grid_id) if grid_id else None


def grid_of_household(session: Session, household_id: str, on: dt.date) -> Grid | None:
    """The household's grid on `on`: the grid its building or house belonged to that day."""
    household = session.get(Household, household_id)
    if household is None:
        raise DomainError(Issue("household", "grids.no_household"))
    if household.place_id is None:
        return None
    return grid_of_place(session, household.place_id, on)


def place_ids_of_grid(session: Session, grid_id: str, on: dt.date) -> list[str]:
    """The places assigned to the grid on `on`."""
    a = table_of(GridAssignment)
    rows = session.connection().execute(
        select(a.c.place_id).where(a.c.grid_id == grid_id, _holding(on))
    )
    return [r[0] for r in rows]


# -- the tree ----------------------------------------------------------------------------------
def _division_code(session: Session) -> str:
    return current_office(session).division_code


def _code_for(session: Session, parent: Grid | None, number: str) -> str:
    prefix = parent.code if parent else _division_code(session)
    return prefix + number


def _used_numbers(session: Session, parent_id: str | None) -> set[int | None]:
    """The numbers of a grid's children (or the top grids), retired ones included."""
    return {
        rules.parse_number(n)
        for n in session.exec(sm_select(Grid.number).where(Grid.parent_id == parent_id)).all()
    }


def _next_number(session: Session, parent_id: str | None) -> int:
    """The smallest number no sibling uses, retired ones included (their codes stay taken)."""
    used = _used_numbers(session, parent_id)
    number = 1
    while number in used:
        number += 1
    return number


def create_grid(
    session: Session,
    *,
    name: str,
    number: int | str | None = None,
    parent_id: str | None = None,
    area: str = "",
) -> Grid:
    """A new grid under `parent_id` (None: directly under the community), numbered `number`
    or the next free number; its code is the parent's code (or the division code) + number."""
    _edit(session)
    name = (name or "").strip()
    if not name:
        raise DomainError(Issue("name", "grids.name_required"))
    parent = get_grid(session, parent_id) if parent_id else None
    if parent is not None and parent.retired_on is not None:
        raise DomainError(Issue("parent_id", "grids.retired", {"grid": parent.name}))
    if number is None or str(number).strip() == "":
        value = _next_number(session, parent_id)
    else:
        parsed = rules.parse_number(number)
        if parsed is None:
            raise DomainError(Issue("number", "grids.bad_number", {"value": number}))
        value = parsed
        if value in _used_numbers(session, parent_id):  # 01 and 001 are the same grid number
            raise DomainError(
                Issue("number", "grids.number_taken", {"number": rules.format_number(value)})
            )
    text = rules.format_number(value, grid_codes.number_width(session))
    code = _code_for(session, parent, text)
    if session.exec(sm_select(Grid.id).where(Grid.code == code)).first() is not None:
        raise DomainError(Issue("number", "grids.number_taken", {"number": text}))
    grid = Grid(
        office_id=current_office(session).id,
        parent_id=parent.id if parent else None,
        number=text,
        code=code,
        name=name,
        area=area.strip(),
        sort_order=value,
    )
    session.add(grid)
    session.flush()
    return grid


def rename_grid(session: Session, grid_id: str, *, name: str, area: str | None = None) -> Grid:
    """A new name (and area, when given); the code stays, as printed rosters name it."""
    _edit(session)
    grid = get_grid(session, grid_id)
    name = (name or "").strip()
    if not name:
        raise DomainError(Issue("name", "grids.name_required"))
    grid.name = name
    if area is not None:
        grid.area = area.strip()
    grid.updated_at = utcnow()
    session.add(grid)
    session.flush()
    return grid


def _open_posts(session: Session, grid_id: str, on: dt.date) -> list[GridPost]:
    """Posts of the grid that hold on `on` or start later."""
    return list(
        session.exec(
            sm_select(GridPost).where(
                GridPost.grid_id == grid_id,
                col(GridPost.end_on).is_(None) | (col(GridPost.end_on) > on),
            )
        ).all()
    )


def _open_place_ids(session: Session, grid_id: str, on: dt.date) -> list[str]:
    """Places whose assignment to the grid holds on `on` or starts later."""
    a = table_of(GridAssignment)
    rows = session.connection().execute(
        select(a.c.place_id).where(a.c.grid_id == grid_id, a.c.end_on.is_(None) | (a.c.end_on > on))
    )
    return sorted({r[0] for r in rows})


def _move_posts(session: Session, posts: Iterable[GridPost], target: Grid, on: dt.date) -> None:
    for post in posts:
        if post.start_on >= on:  # not begun yet: it simply moves
            post.grid_id = target.id
        else:
            session.add(
                GridPost(
                    office_id=post.office_id,
                    staff_id=post.staff_id,
                    grid_id=target.id,
                    role=post.role,
                    start_on=on,
                    end_on=post.end_on,
                )
            )
            post.end_on = on
        post.updated_at = utcnow()
        session.add(post)
    session.flush()


def _active_children(session: Session, grid: Grid) -> list[Grid]:
    return children(session, grid.id)


def retire_grid(session: Session, grid_id: str, *, on: dt.date, move_to: str | None = None) -> Grid:
    """Retire the grid from `on` (kept with its history, never deleted).

    Refused while places or staff posts are still assigned to it, unless `move_to` names
    the grid that takes them over on `on`; refused while it has sub-grids not retired.
    """
    _edit(session)
    grid = get_grid(session, grid_id)
    if grid.retired_on is not None:
        raise DomainError(Issue("grid", "grids.retired", {"grid": grid.name}))
    if _active_children(session, grid):
        raise DomainError(Issue("grid", "grids.has_children", {"grid": grid.name}))
    place_ids = _open_place_ids(session, grid.id, on)
    posts = _open_posts(session, grid.id, on)
    if place_ids or posts:
        if move_to is None:
            raise DomainError(
                Issue(
                    "grid",
                    "grids.still_used",
                    {"grid": grid.name, "places": len(place_ids), "posts": len(posts)},
                )
            )
        target = _usable_target(session, grid, move_to, on)
        if place_ids:
            assign_places(session, place_ids=place_ids, grid_id=target.id, on=on)
        _move_posts(session, posts, target, on)
    grid.retired_on = on
    grid.updated_at = utcnow()
    session.add(grid)
    session.flush()
    return grid


def _usable_target(session: Session, source: Grid, target_id: str, on: dt.date) -> Grid:
    target = get_grid(session, target_id)
    if target.id == source.id:
        raise DomainError(Issue("target_id", "grids.same_grid"))
    if target.retired_on is not None and target.retired_on <= on:
        raise DomainError(Issue("target_id", "grids.retired", {"grid": target.name}))
    return target


def merge_grids(session: Session, *, source_id: str, target_id: str, on: dt.date) -> Grid:
    """Merge `source` into `target` on `on`: its places and posts move, it is retired and
    remembers where it went (merged_into). Returns the retired source."""
    _edit(session)
    source = get_grid(session, source_id)
    if source.retired_on is not None:
        raise DomainError(Issue("source_id", "grids.retired", {"grid": source.name}))
    if _active_children(session, source):
        raise DomainError(Issue("source_id", "grids.has_children", {"grid": source.name}))
    target = _usable_target(session, source, target_id, on)
    place_ids = _open_place_ids(session, source.id, on)
    if place_ids:
        assign_places(session, place_ids=place_ids, grid_id=target.id, on=on)
    _move_posts(session, _open_posts(session, source.id, on), target, on)
    source.retired_on = on
    source.merged_into_id = target.id
    source.updated_at = utcnow()
    session.add(source)
    session.flush()
    return source


def split_grid(
    session: Session, grid_id: str, *, name: str, place_ids: Sequence[str], on: dt.date
) -> Grid:
    """A new sibling grid named `name` that takes `place_ids` over from `on`."""
    _edit(session)
    grid = get_grid(session, grid_id)
    if grid.retired_on is not None:
        raise DomainError(Issue("grid", "grids.retired", {"grid": grid.name}))
    if not place_ids:
        raise DomainError(Issue("place_ids", "grids.no_places"))
    new = create_grid(session, name=name, parent_id=grid.parent_id, area="")
    assign_places(session, place_ids=place_ids, grid_id=new.id, on=on)
    return new


# -- assignment --------------------------------------------------------------------------------
@dataclass
class AssignResult:
    """What `assign_places` changed, which `undo_assignment` puts back.

    created: the new assignments' ids; ended: (assignment id, its end_on before); regridded:
    (assignment id, its grid before) for assignments that began that very day and were
    simply pointed at the new grid.
    """

    grid_id: str
    on: dt.date
    created: list[str] = field(default_factory=list)
    ended: list[tuple[str, dt.date | None]] = field(default_factory=list)
    regridded: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def moved(self) -> int:
        """How many places changed grid."""
        return len(self.created) + len(self.regridded)


def _expand(conn: Connection, place_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(id, address) of the places and, for compounds and village groups, their buildings
    and houses: assigning a compound assigns everything in it."""
    p = table_of(Place)
    ids = list(dict.fromkeys(place_ids))
    found: dict[str, str] = {}
    for chunk in _chunks(ids):
        for pid, address in conn.execute(select(p.c.id, p.c.address).where(p.c.id.in_(chunk))):
            found[pid] = address
    if len(found) != len(ids):
        raise DomainError(Issue("place_ids", "grids.no_place"))
    parents = list(found)
    for chunk in _chunks(parents):
        for pid, address in conn.execute(
            select(p.c.id, p.c.address).where(p.c.parent_id.in_(chunk))
        ):
            found.setdefault(pid, address)
    return list(found.items())


def _latest(conn: Connection, place_ids: Sequence[str]) -> dict[str, tuple]:
    """Each place's latest assignment (id, grid_id, start_on, end_on)."""
    a = table_of(GridAssignment)
    latest: dict[str, tuple] = {}
    for chunk in _chunks(place_ids):
        rows = conn.execute(
            select(a.c.place_id, a.c.id, a.c.grid_id, a.c.start_on, a.c.end_on).where(
                a.c.place_id.in_(chunk)
            )
        )
        for place_id, aid, grid_id, start_on, end_on in rows:
            seen = latest.get(place_id)
            if seen is None or start_on > seen[2]:
                latest[place_id] = (aid, grid_id, start_on, end_on)
    return latest


def assign_places(
    session: Session, *, place_ids: Sequence[str], grid_id: str, on: dt.date
) -> AssignResult:
    """Assign places to the grid from `on`, in the session's transaction.

    A compound or village group brings its buildings or houses along. Each place's holding
    assignment ends on `on` (exclusive) and a new one starts on `on`; one that began on
    `on` itself is pointed at the new grid instead. Refused for a retired grid and for a
    date before a place's latest assignment began. Returns what `undo_assignment` needs.
    """
    actor = _edit(session)
    grid = get_grid(session, grid_id)
    if grid.retired_on is not None and grid.retired_on <= on:
        raise DomainError(Issue("grid_id", "grids.retired", {"grid": grid.name}))
    if not place_ids:
        raise DomainError(Issue("place_ids", "grids.no_places"))
    session.flush()
    conn = session.connection()
    targets = _expand(conn, place_ids)
    latest = _latest(conn, [pid for pid, _ in targets])
    result = AssignResult(grid_id=grid.id, on=on)
    new_rows: list[dict[str, object]] = []
    ends: list[dict[str, object]] = []
    regrids: list[dict[str, object]] = []
    moved_names: list[str] = []
    for place_id, address in targets:
        last = latest.get(place_id)
        holds = last is not None and (last[3] is None or last[3] > on)
        if last is not None and last[2] > on:
            raise DomainError(Issue("on", "grids.date_before", {"start": last[2].isoformat()}))
        if holds and last is not None:
            aid, old_grid, start_on, end_on = last
            if old_grid == grid.id:
                result.unchanged += 1
                continue
            if start_on == on:
                regrids.append({"a": aid, "g": grid.id})
                result.regridded.append((aid, old_grid))
            else:
                ends.append({"a": aid, "e": on})
                result.ended.append((aid, end_on))
                new_rows.append(_assignment_row(place_id, grid.id, on, None))
        else:
            new_rows.append(_assignment_row(place_id, grid.id, on, None))
        if len(moved_names) < _AUDIT_NAMES:
            moved_names.append(address)
    _write_assignments(session, conn, new_rows=new_rows, ends=ends, regrids=regrids)
    result.created = [str(r["id"]) for r in new_rows]
    if result.moved:
        audit_log.append(
            conn,
            username=actor.username,
            action=AuditAction.UPDATE,
            record_type="grid_assignment",
            record_id=grid.id,
            detail={
                "grid": grid.code,
                "on": on.isoformat(),
                "places": result.moved,
                "addresses": moved_names,
            },
        )
    return result


def _assignment_row(
    place_id: str, grid_id: str, start_on: dt.date, end_on: dt.date | None
) -> dict[str, object]:
    return {
        "id": new_id(),
        "place_id": place_id,
        "grid_id": grid_id,
        "start_on": start_on,
        "end_on": end_on,
    }


def _write_assignments(
    session: Session,
    conn: Connection,
    *,
    new_rows: list[dict[str, object]],
    ends: list[dict[str, object]],
    regrids: list[dict[str, object]],
    deletes: Sequence[str] = (),
) -> None:
    """The Core writes, each changed row stamped with a version of this instance."""
    count = len(new_rows) + len(ends) + len(regrids)
    if not count and not deletes:
        return
    a = table_of(GridAssignment)
    instance_id = str(session.info.get("instance_id", ""))
    now = utcnow()
    version = reserve_versions(conn, count) if count else 0
    if new_rows:
        office_id = current_office(session).id
        for row in new_rows:
            row.update(
                office_id=office_id,
                created_at=now,
                updated_at=now,
                version=version,
                version_instance=instance_id,
            )
            version += 1
        conn.execute(insert(a), new_rows)
    for batch, column in ((ends, "end_on"), (regrids, "grid_id")):
        if not batch:
            continue
        for row in batch:
            row["v"] = version
            version += 1
        value: BindParameter[object] = bindparam("e") if column == "end_on" else bindparam("g")
        conn.execute(
            update(a)
            .where(a.c.id == bindparam("a"))
            .values(
                {
                    column: value,
                    "version": bindparam("v"),
                    "version_instance": instance_id,
                    "updated_at": now,
                }
            ),
            batch,
        )
    for chunk in _chunks(list(deletes)):
        conn.execute(delete(a).where(a.c.id.in_(chunk)))
    # Only the assignments were written behind the ORM's back; other objects the caller
    # holds stay loaded (they are used after the session ends).
    for obj in list(session.identity_map.values()):
        if isinstance(obj, GridAssignment):
            session.expire(obj)


def undo_assignment(session: Session, result: AssignResult) -> None:
    """Put back what `assign_places` did; refused when those assignments changed since."""
    actor = _edit(session)
    session.flush()
    conn = session.connection()
    a = table_of(GridAssignment)
    current: dict[str, tuple] = {}
    ids = result.created + [aid for aid, _ in result.ended] + [aid for aid, _ in result.regridded]
    for chunk in _chunks(ids):
        for aid, grid_id, end_on in conn.execute(
            select(a.c.id, a.c.grid_id, a.c.end_on).where(a.c.id.in_(chunk))
        ):
            current[aid] = (grid_id, end_on)
    stale = (
        any(current.get(aid) != (result.grid_id, None) for aid in result.created)
        or any(aid not in current or current[aid][1] != result.on for aid, _ in result.ended)
        or any(
            aid not in current or current[aid][0] != result.grid_id for aid, _ in result.regridded
        )
    )
    if stale:
        raise DomainError(Issue("assignment", "grids.undo_stale"))
    _write_assignments(
        session,
        conn,
        new_rows=[],
        ends=[{"a": aid, "e": end_on} for aid, end_on in result.ended],
        regrids=[{"a": aid, "g": grid_id} for aid, grid_id in result.regridded],
        deletes=result.created,
    )
    if result.moved:
        audit_log.append(
            conn,
            username=actor.username,
            action=AuditAction.UPDATE,
            record_type="grid_assignment",
            record_id=result.grid_id,
            detail={"undone": True, "on": result.on.isoformat(), "places": result.moved},
        )
