"""Places (小区, 楼栋, 村民小组, 门牌号): adding them, and linking households to them by address.

Households are found through the house they live in (以房管人): `link_households` reads each
household's address, makes the compound and building (or village group and house) it names,
and points the household at the building or house. Grids are assigned places, never
households (services/grids.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, insert, text, update
from sqlmodel import Session, col, select

from govdesk.domain import grids as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import Household, Place, new_id, table_of, utcnow
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office
from govdesk.services.progress import ProgressFn
from govdesk.store import audit_log
from govdesk.store.versioning import reserve_versions

_LEADING_NUMBER = re.compile(r"\d+")
_PROGRESS_STEP = 2000
# How many unparsed addresses the result keeps, to show the clerk what went wrong.
_EXAMPLES = 20


def sort_key_of(name: str) -> int:
    """3号楼 sorts before 12号楼: the first number in the name, 0 when there is none."""
    m = _LEADING_NUMBER.search(name)
    return int(m.group()) if m else 0


@dataclass
class LinkResult:
    """What `link_households` did: households linked now, already linked, not understood."""

    linked: int = 0
    already: int = 0
    unparsed: int = 0
    places_created: int = 0
    unparsed_examples: list[str] = field(default_factory=list)
    moved: int = 0  # relink: now in the place their changed address names
    unlinked: int = 0  # relink: their address names no place any more


def _note_unparsed(result: LinkResult, address: str | None) -> None:
    result.unparsed += 1
    if len(result.unparsed_examples) < _EXAMPLES:
        result.unparsed_examples.append(address or "")


def get_place(session: Session, place_id: str) -> Place:
    place = session.get(Place, place_id)
    if place is None:
        raise DomainError(Issue("place", "grids.no_place"))
    return place


def find_place(session: Session, key: str) -> Place | None:
    """A place by its id or by its full address (幸福里小区3号楼)."""
    key = key.strip()
    place = session.get(Place, key)
    if place is not None:
        return place
    return session.exec(select(Place).where(Place.address == key)).first()


def add_place(session: Session, *, kind: str, name: str, parent_id: str | None = None) -> Place:
    """A new place under `parent_id`; its address is the parent's address followed by `name`."""
    authz.require(session, Permission.GRID_EDIT)
    code = rules.PLACE_KINDS.parse(kind)
    if code is None:
        raise DomainError(Issue("kind", "grids.unknown_kind", {"value": kind}))
    name = "".join((name or "").split())
    if not name:
        raise DomainError(Issue("name", "required", {"field": "名称"}))
    parent = get_place(session, parent_id) if parent_id else None
    if (parent.kind if parent else None) not in rules.PARENT_KINDS[code]:
        raise DomainError(
            Issue(
                "parent_id",
                "grids.bad_parent",
                {
                    "kind": rules.PLACE_KINDS.label(code),
                    "parent": rules.PLACE_KINDS.label(parent.kind if parent else ""),
                },
            )
        )
    address = (parent.address if parent else "") + name
    if session.exec(select(Place.id).where(Place.address == address)).first() is not None:
        raise DomainError(Issue("name", "grids.place_exists", {"address": address}))
    place = Place(
        office_id=current_office(session).id,
        kind=code,
        parent_id=parent.id if parent else None,
        name=name,
        address=address,
        sort_order=sort_key_of(name),
    )
    session.add(place)
    session.flush()
    return place


def places(
    session: Session, parent_id: str | None = None, *, kind: str | None = None
) -> list[Place]:
    """The places directly under `parent_id` (the top level when None), in their natural order."""
    query = select(Place).where(Place.parent_id == parent_id)
    if kind is not None:
        query = query.where(Place.kind == kind)
    return list(session.exec(query.order_by(col(Place.sort_order), col(Place.name))).all())


def _new_place_row(
    *,
    office_id: str,
    instance_id: str,
    version: int,
    kind: str,
    name: str,
    address: str,
    parent_id: str | None,
) -> dict[str, object]:
    now = utcnow()
    return {
        "id": new_id(),
        "office_id": office_id,
        "created_at": now,
        "updated_at": now,
        "version": version,
        "version_instance": instance_id,
        "kind": kind,
        "parent_id": parent_id,
        "name": name,
        "address": address,
        "sort_order": sort_key_of(name),
    }


def _place_for(
    address: str | None,
    known: dict[str, str],
    new_places: list[dict[str, object]],
    *,
    office_id: str,
    instance_id: str,
) -> str | None:
    """The building or house `address` names (made, with its compound or village group, when
    new: appended to `new_places` and `known`), or None when the address names none."""
    parsed = rules.parse_address(address)
    if parsed is None:
        return None
    parent: str | None = None
    for kind, name, prefix in parsed.parts:
        found = known.get(prefix)
        if found is None:
            row = _new_place_row(
                office_id=office_id,
                instance_id=instance_id,
                version=0,
                kind=kind,
                name=name,
                address=prefix,
                parent_id=parent,
            )
            new_places.append(row)
            found = known[prefix] = str(row["id"])
        parent = found
    return parent


def link_households(
    session: Session, *, relink: bool = False, progress: ProgressFn | None = None
) -> LinkResult:
    """Point every household without a place at the building or house its address names.

    Idempotent: households already linked are left as they are, unless `relink`: then a
    household whose address now names another place is moved there, and one whose address
    names none is unlinked (its grid follows its place, so it leaves its grid too). Places are
    made once per address. Bulk Core statements in the session's transaction (an office has
    100,000 households); one audit entry sums it up.
    """
    actor = authz.require(session, Permission.GRID_EDIT)
    session.flush()
    conn: Connection = session.connection()
    office_id = current_office(session).id
    instance_id = str(session.info.get("instance_id", ""))
    known: dict[str, str] = dict(conn.execute(text("SELECT address, id FROM place")).all())
    rows = conn.execute(text("SELECT id, address, place_id FROM household ORDER BY rowid")).all()
    result = LinkResult()
    new_places: list[dict[str, object]] = []
    links: list[tuple[str, str | None]] = []
    total = len(rows)
    for done, (household_id, address, place_id) in enumerate(rows, 1):
        if progress is not None and done % _PROGRESS_STEP == 0:
            progress(done, total)
        if place_id is not None and not relink:
            result.already += 1
            continue
        target = _place_for(
            address, known, new_places, office_id=office_id, instance_id=instance_id
        )
        if place_id is not None:
            if target == place_id:
                result.already += 1
            elif target is None:
                result.unlinked += 1
                links.append((household_id, None))
            else:
                result.moved += 1
                links.append((household_id, target))
            if target is None:
                _note_unparsed(result, address)
            continue
        if target is None:
            _note_unparsed(result, address)
            continue
        links.append((household_id, target))
    needed = len(new_places) + len(links)
    if needed:
        first = reserve_versions(conn, needed)
        for i, row in enumerate(new_places):
            row["version"] = first + i
        if new_places:
            conn.execute(insert(table_of(Place)), new_places)
        base = first + len(new_places)
        now = utcnow()
        if links:
            table = table_of(Household)
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("h"))
                .values(
                    place_id=bindparam("p"),
                    version=bindparam("v"),
                    version_instance=instance_id,
                    updated_at=now,
                ),
                [{"p": p, "h": h, "v": base + i} for i, (h, p) in enumerate(links)],
            )
    result.linked = len(links) - result.moved - result.unlinked
    result.places_created = len(new_places)
    if needed:
        audit_log.append(
            conn,
            username=actor.username,
            action=AuditAction.UPDATE,
            record_type="household",
            detail={
                "linked_to_places": result.linked,
                "moved_to_other_places": result.moved,
                "unlinked": result.unlinked,
                "places_created": result.places_created,
                "unparsed": result.unparsed,
            },
        )
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Household):
                session.expire(obj)
    if progress is not None:
        progress(total, total)
    return result


def place_for_address(session: Session, address: str | None, *, office_id: str) -> str | None:
    """The building or house `address` names, made (with its compound or village group) when
    new, as link_households would; None when the address names none. Audited here, since Core
    inserts pass by the session's audit hook. No permission check: for the register's
    household update path, which has already checked the clerk may edit the household."""
    session.flush()
    conn: Connection = session.connection()
    parsed = rules.parse_address(address)
    if parsed is None:
        return None
    prefixes = [prefix for _kind, _name, prefix in parsed.parts]
    table = table_of(Place)
    known: dict[str, str] = dict(
        conn.execute(select(table.c.address, table.c.id).where(table.c.address.in_(prefixes))).all()
    )
    new_places: list[dict[str, object]] = []
    target = _place_for(
        address,
        known,
        new_places,
        office_id=office_id,
        instance_id=str(session.info.get("instance_id", "")),
    )
    if new_places:
        first = reserve_versions(conn, len(new_places))
        for i, row in enumerate(new_places):
            row["version"] = first + i
        conn.execute(insert(table), new_places)
        username = audit_log.session_actor(session).username
        for row in new_places:
            audit_log.append(
                conn,
                username=username,
                action=AuditAction.CREATE,
                record_type="place",
                record_id=str(row["id"]),
                detail={"kind": row["kind"], "name": row["name"], "address": row["address"]},
            )
    return target


def relink_household(session: Session, household_id: str) -> str | None:
    """After a household's address changed: point it at the place its address now names
    (made when new), or at none. Returns the place id. For the register's household update
    path, which has already checked the clerk may edit the household."""
    household = session.get(Household, household_id)
    if household is None:
        raise DomainError(Issue("household", "grids.no_household"))
    target = place_for_address(session, household.address, office_id=household.office_id)
    if household.place_id != target:
        household.place_id = target
        session.add(household)
        session.flush()
    return target
