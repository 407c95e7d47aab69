"""Grid staff (一格多员): people, their dated posts in grids, workload per worker and coverage.

A person may hold several posts, in several grids and roles; a post holds from `start_on` up
to the day before `end_on` (exclusive). Phones are masked in `post_views` unless the caller
asks to reveal them and the role has IDENTITY_REVEAL.

Workload: the full-time and part-time workers of a grid share its households equally (a
worker in two grids carries a share of each). A worker whose load is more than
WORKLOAD_WARNING_RATIO times the median load is flagged (docs/grids.md says why).

Role labels: the office may rename a role or switch it off (`set_role_labels`, the
administrator); every list, dialog and print shows `role_labels(...)`, codes never change.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, col, select

from govdesk.domain import grids as rules
from govdesk.domain.masking import mask_phone
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import Grid, GridPost, GridStaff, Resident, utcnow
from govdesk.domain.permissions import Permission
from govdesk.services import authz, office_settings
from govdesk.services.grids import get_grid
from govdesk.services.office import current_office
from govdesk.store.database import Database


def _edit(session: Session) -> None:
    authz.require(session, Permission.GRID_EDIT)


def _view(session: Session) -> None:
    authz.require(session, Permission.GRID_VIEW)


# -- role labels -----------------------------------------------------------------------------
def role_settings(source: Session | Database) -> rules.RoleSettings:
    """The office's names for the roles and the roles it switched off."""
    return rules.role_settings_from_json(office_settings.stored(source, rules.ROLE_LABELS_KEY))


def role_labels(source: Session | Database) -> dict[str, str]:
    """Every role code with the label the office shows for it (switched-off roles too:
    their existing posts keep showing)."""
    return role_settings(source).all_labels()


def role_choices(source: Session | Database, *, keep: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of the roles offered when appointing; `keep` (a post's own role) is
    listed even when switched off."""
    settings = role_settings(source)
    return [
        (c.code, settings.label(c.code))
        for c in rules.STAFF_ROLES
        if c.code not in settings.disabled or c.code == keep
    ]


def set_role_labels(
    session: Session, labels: dict[str, str], disabled: set[str] | frozenset[str]
) -> rules.RoleSettings:
    """Renames the roles in `labels` (the others keep their names; the built-in name resets
    one) and switches off exactly the roles in `disabled` (SETTINGS_MANAGE, audited).

    Labels are 1–ROLE_LABEL_MAX characters, not blank, no two roles alike; on any problem a
    DomainError with one issue per role (field = the role's code) and nothing is stored."""
    actor = authz.require(session, Permission.SETTINGS_MANAGE)
    before = role_settings(session)
    after, issues = rules.check_role_settings(before, labels, disabled)
    if issues:
        raise DomainError(issues)
    if after == before:
        return after
    old, new = before.all_labels(), after.all_labels()
    detail: dict[str, object] = {
        code: [old[code], new[code]] for code in new if old[code] != new[code]
    }
    if before.disabled != after.disabled:
        detail["disabled"] = [",".join(sorted(before.disabled)), ",".join(sorted(after.disabled))]
    office_settings.store(session, actor, rules.ROLE_LABELS_KEY, after.to_json(), detail)
    return after


def add_staff(
    session: Session,
    *,
    name: str,
    phone: str | None = None,
    resident_id: str | None = None,
    note: str = "",
) -> GridStaff:
    """A staff member; with `resident_id`, a resident on the register (name and phone taken
    from the register when not given)."""
    _edit(session)
    name = (name or "").strip()
    if resident_id is not None:
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise DomainError(Issue("resident_id", "grids.no_staff"))
        name = name or resident.name
        phone = phone if phone is not None else resident.phone
    if not name:
        raise DomainError(Issue("name", "grids.staff_name"))
    staff = GridStaff(
        office_id=current_office(session).id,
        resident_id=resident_id,
        name=name,
        phone=(phone or "").strip() or None,
        note=note.strip(),
    )
    session.add(staff)
    session.flush()
    return staff


def get_staff(session: Session, staff_id: str) -> GridStaff:
    staff = session.get(GridStaff, staff_id)
    if staff is None:
        raise DomainError(Issue("staff_id", "grids.no_staff"))
    return staff


def staff_members(session: Session) -> list[GridStaff]:
    _view(session)
    return list(session.exec(select(GridStaff).order_by(col(GridStaff.name))).all())


def add_post(
    session: Session, *, staff_id: str, grid_id: str, role: str, start_on: dt.date
) -> GridPost:
    """`staff_id` serves `grid_id` in `role` from `start_on`."""
    _edit(session)
    staff = get_staff(session, staff_id)
    grid = get_grid(session, grid_id)
    if grid.retired_on is not None and grid.retired_on <= start_on:
        raise DomainError(Issue("grid_id", "grids.retired", {"grid": grid.name}))
    settings = role_settings(session)
    code = settings.parse(role)
    if code is None:
        raise DomainError(Issue("role", "grids.unknown_role", {"value": role}))
    if code in settings.disabled:
        raise DomainError(Issue("role", "grids.role_disabled", {"role": settings.label(code)}))
    post = GridPost(
        office_id=staff.office_id,
        staff_id=staff.id,
        grid_id=grid.id,
        role=code,
        start_on=start_on,
    )
    session.add(post)
    session.flush()
    return post


def end_post(session: Session, post_id: str, *, on: dt.date) -> GridPost:
    """The post no longer holds from `on` (its last day is the day before)."""
    _edit(session)
    post = session.get(GridPost, post_id)
    if post is None:
        raise DomainError(Issue("post_id", "grids.no_post"))
    if post.end_on is not None and post.end_on <= on:
        raise DomainError(Issue("on", "grids.post_ended", {"end": post.end_on.isoformat()}))
    if on < post.start_on:
        raise DomainError(Issue("on", "grids.date_before", {"start": post.start_on.isoformat()}))
    post.end_on = on
    post.updated_at = utcnow()
    session.add(post)
    session.flush()
    return post


def _holds(on: dt.date):  # noqa: ANN202 - a SQL condition
    return (col(GridPost.start_on) <= on) & (
        col(GridPost.end_on).is_(None) | (col(GridPost.end_on) > on)
    )


def posts(
    session: Session, grid_id: str | None = None, on: dt.date | None = None
) -> list[GridPost]:
    """Posts (of one grid, when given) holding on `on`; every post ever when `on` is None."""
    _view(session)
    query = select(GridPost)
    if grid_id is not None:
        query = query.where(GridPost.grid_id == grid_id)
    if on is not None:
        query = query.where(_holds(on))
    return list(session.exec(query.order_by(col(GridPost.start_on), col(GridPost.role))).all())


@dataclass(frozen=True)
class PostView:
    """One post as shown and printed: phone masked unless revealed."""

    post_id: str
    staff_id: str
    grid_id: str
    grid_code: str
    grid_name: str
    name: str
    role: str
    role_label: str
    phone: str
    start_on: dt.date
    end_on: dt.date | None
    role_zh: str = ""  # the office's Chinese name, for the printed forms


def post_views(
    session: Session, grid_id: str | None = None, on: dt.date | None = None, *, reveal: bool = False
) -> list[PostView]:
    """The posts of `posts`, with names and roles, in grid then role order; phones masked
    unless `reveal` and the role has IDENTITY_REVEAL."""
    _view(session)
    full = reveal and authz.can(session, Permission.IDENTITY_REVEAL)
    labels = role_settings(session)
    role_order = {c.code: i for i, c in enumerate(rules.STAFF_ROLES)}
    query = select(GridPost, GridStaff, Grid).where(
        GridPost.staff_id == GridStaff.id, GridPost.grid_id == Grid.id
    )
    if grid_id is not None:
        query = query.where(GridPost.grid_id == grid_id)
    if on is not None:
        query = query.where(_holds(on))
    rows = sorted(
        session.exec(query).all(),
        key=lambda r: (r[2].code, role_order.get(r[0].role, 99), r[1].name),
    )
    return [
        PostView(
            post_id=post.id,
            staff_id=staff.id,
            grid_id=grid.id,
            grid_code=grid.code,
            grid_name=grid.name,
            name=staff.name,
            role=post.role,
            role_label=labels.label(post.role),
            role_zh=labels.zh(post.role),
            phone=(staff.phone if full else mask_phone(staff.phone)) or "",
            start_on=post.start_on,
            end_on=post.end_on,
        )
        for post, staff, grid in rows
    ]


# -- workload and coverage -------------------------------------------------------------------
_HOUSEHOLDS_PER_GRID = text(
    "SELECT a.grid_id, count(h.id) FROM grid_assignment a "
    "JOIN household h ON h.place_id = a.place_id AND h.status = 'active' "
    "WHERE a.start_on <= :on AND (a.end_on IS NULL OR a.end_on > :on) GROUP BY a.grid_id"
)


def households_per_grid(session: Session, on: dt.date) -> dict[str, int]:
    """Active households in each grid's own places on `on` (sub-grids not included)."""
    rows = session.connection().execute(_HOUSEHOLDS_PER_GRID, {"on": on.isoformat()})
    return {grid_id: int(n) for grid_id, n in rows}


@dataclass(frozen=True)
class WorkloadRow:
    """One grid worker's load on a day: their share of their grids' households."""

    staff_id: str
    name: str
    grids: tuple[str, ...]  # the codes of the grids they work in
    households: float
    warning: bool  # more than WORKLOAD_WARNING_RATIO × the median
    roles: tuple[str, ...] = ()  # the labels (the office's names) of their worker posts


def workload(session: Session, on: dt.date) -> list[WorkloadRow]:
    """Households per grid worker (full-time and part-time share a grid equally), heaviest first."""
    _view(session)
    per_grid = households_per_grid(session, on)
    workers: dict[str, list[str]] = defaultdict(list)  # grid id -> staff ids
    roles_of: dict[str, set[str]] = defaultdict(set)
    for post in posts(session, on=on):
        if post.role in rules.GRID_WORKER_ROLES:
            roles_of[post.staff_id].add(post.role)
            if post.staff_id not in workers[post.grid_id]:
                workers[post.grid_id].append(post.staff_id)
    load: dict[str, float] = defaultdict(float)
    grids_of: dict[str, list[str]] = defaultdict(list)
    codes = {g.id: g.code for g in session.exec(select(Grid)).all()}
    for grid_id, staff_ids in workers.items():
        share = per_grid.get(grid_id, 0) / len(staff_ids)
        for staff_id in staff_ids:
            load[staff_id] += share
            grids_of[staff_id].append(codes.get(grid_id, ""))
    if not load:
        return []
    median = statistics.median(load.values())
    names = {s.id: s.name for s in session.exec(select(GridStaff)).all()}
    labels = role_settings(session)
    order = [c.code for c in rules.STAFF_ROLES]
    rows = [
        WorkloadRow(
            staff_id=staff_id,
            name=names.get(staff_id, ""),
            grids=tuple(sorted(grids_of[staff_id])),
            households=round(value, 1),
            warning=median > 0 and value > rules.WORKLOAD_WARNING_RATIO * median,
            roles=tuple(labels.label(c) for c in order if c in roles_of[staff_id]),
        )
        for staff_id, value in load.items()
    ]
    return sorted(rows, key=lambda r: (-r.households, r.name))


@dataclass(frozen=True)
class UncoveredPlace:
    id: str
    kind: str
    address: str
    households: int


@dataclass
class Coverage:
    """Where nobody is looking on a day: places and households outside every grid, and
    grids without a full-time worker."""

    on: dt.date
    unassigned_places: list[UncoveredPlace]
    unassigned_households: int  # includes households linked to no place at all
    unlinked_households: int  # households whose address names no place
    grids_without_full_time: list[Grid]

    @property
    def complete(self) -> bool:
        return not (
            self.unassigned_places or self.unassigned_households or self.grids_without_full_time
        )


_UNASSIGNED_PLACES = text(
    "SELECT p.id, p.kind, p.address, "
    "(SELECT count(*) FROM household h WHERE h.place_id = p.id AND h.status = 'active') "
    "FROM place p WHERE p.kind IN ('building', 'house') AND NOT EXISTS ("
    " SELECT 1 FROM grid_assignment a WHERE a.place_id = p.id AND a.start_on <= :on"
    " AND (a.end_on IS NULL OR a.end_on > :on)) ORDER BY p.address"
)


def coverage(session: Session, on: dt.date) -> Coverage:
    """Unassigned buildings and houses (with their households) and grids with no full-time
    worker on `on` (grids that have sub-grids are left out: their workers are below)."""
    _view(session)
    conn = session.connection()
    params = {"on": on.isoformat()}
    places = [
        UncoveredPlace(id=r[0], kind=r[1], address=r[2], households=int(r[3]))
        for r in conn.execute(_UNASSIGNED_PLACES, params)
    ]
    total = conn.execute(text("SELECT count(*) FROM household WHERE status = 'active'")).scalar()
    unlinked = conn.execute(
        text("SELECT count(*) FROM household WHERE status = 'active' AND place_id IS NULL")
    ).scalar()
    assigned = sum(households_per_grid(session, on).values())
    active = [
        g
        for g in session.exec(select(Grid).order_by(col(Grid.code))).all()
        if g.retired_on is None or g.retired_on > on
    ]
    parents = {g.parent_id for g in active if g.parent_id}
    staffed = {p.grid_id for p in posts(session, on=on) if p.role == rules.FULL_TIME}
    return Coverage(
        on=on,
        unassigned_places=places,
        unassigned_households=int(total or 0) - assigned,
        unlinked_households=int(unlinked or 0),
        grids_without_full_time=[g for g in active if g.id not in parents and g.id not in staffed],
    )
