"""Visits (走访 / 民情日志): visit rules per care category, visit records and the due list.

Permissions: reading visits and the due list needs GRID_VIEW; recording visits and follow-ups
GRID_EDIT; setting a visit rule SETTINGS_MANAGE (the administrator). Sensitive care categories
(社区矫正对象 …) are named only to users with CARE_SENSITIVE; others see 重点关爱.

A visit keeps the grid its household was in on the day of the visit (services.grids
`grid_of_household`), so a later reassignment does not move old visits.

The due list (`due_visits`) follows domain/visits.py: the household's shortest rule interval
among the care categories of its residents on the register, counted from its last visit.
A grid worker's households are those of the grids (and their sub-grids) in which the worker
holds a post on `today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlmodel import Session, col, select

from govdesk.domain import messages
from govdesk.domain import visits as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import CareCategory, GridStaff, Household, Visit, VisitRule
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.grids import grid_of_household
from govdesk.services.office import current_office
from govdesk.services.privacy import sees_sensitive_care

messages.register(
    {
        "visit.interval": (
            "走访周期应为{low}至{high}天",
            "The visit interval must be {low} to {high} days",
        ),
        "visit.unknown_category": (
            "“{value}”不是已有的关爱类别",
            "'{value}' is not a known care category",
        ),
        "visit.unknown_kind": ("“{value}”不是有效的走访类型", "'{value}' is not a visit kind"),
        "visit.no_follow_up": (
            "这次走访没有标记为需要跟进",
            "This visit was not marked as needing a follow-up",
        ),
        "visit.follow_up_done": (
            "这次走访的跟进已于{on}完成",
            "This visit's follow-up was already done on {on}",
        ),
        "visit.before_visit": (
            "跟进日期不能早于走访日期",
            "The follow-up cannot be dated before the visit",
        ),
    }
)


@dataclass(frozen=True)
class VisitRuleView:
    category_code: str
    category_label: str  # 重点关爱 for a sensitive category the user may not see named
    interval_days: int
    sensitive: bool


@dataclass(frozen=True)
class VisitView:
    id: str
    household_id: str
    household_number: str
    address: str
    visited_on: dt.date
    kind: str
    kind_label: str
    staff_id: str | None
    staff_name: str
    grid_id: str | None
    notes: str
    follow_up_needed: bool
    follow_up_done_on: dt.date | None
    follow_up_note: str


@dataclass(frozen=True)
class DueVisit:
    """One household on the due list; `days_overdue` None = never visited, 0 = due today."""

    household_id: str
    household_number: str
    address: str
    head_name: str
    grid_id: str | None
    categories: tuple[str, ...]  # labels, sensitive ones as 重点关爱 without CARE_SENSITIVE
    interval_days: int
    last_visited_on: dt.date | None
    due_on: dt.date | None
    days_overdue: int | None


def _hidden_label() -> str:
    zh, en = rules.HIDDEN_CARE_LABEL
    return en if messages.language() == "en" else zh


def _category_label(cat: CareCategory, sees_sensitive: bool) -> str:
    if cat.sensitive and not sees_sensitive:
        return _hidden_label()
    if messages.language() == "en" and cat.name_en:
        return cat.name_en
    return cat.name_zh


# -- rules ---------------------------------------------------------------------------------------


def set_visit_rule(session: Session, *, category_code: str, interval_days: int) -> VisitRule:
    """独居老人 every 7 days …: one rule per care category, replaced when set again."""
    authz.require(session, Permission.SETTINGS_MANAGE)
    issues: list[Issue] = []
    category = session.exec(
        select(CareCategory).where(CareCategory.code == (category_code or "").strip())
    ).first()
    if category is None:
        issues.append(
            Issue("category_code", "visit.unknown_category", {"value": category_code or ""})
        )
    low, high = rules.INTERVAL_RANGE
    if (
        isinstance(interval_days, bool)
        or not isinstance(interval_days, int)
        or not low <= interval_days <= high
    ):
        issues.append(Issue("interval_days", "visit.interval", {"low": low, "high": high}))
    if issues:
        raise DomainError(issues)
    assert category is not None
    rule = session.exec(select(VisitRule).where(VisitRule.category_code == category.code)).first()
    if rule is None:
        rule = VisitRule(
            office_id=current_office(session).id,
            category_code=category.code,
            interval_days=interval_days,
        )
    else:
        rule.interval_days = interval_days
    session.add(rule)
    session.flush()
    return rule


def visit_rules(session: Session) -> list[VisitRuleView]:
    """The rules in the care categories' order."""
    authz.require(session, Permission.GRID_VIEW)
    sees = sees_sensitive_care(session)
    rows = session.exec(
        select(VisitRule, CareCategory)
        .join(CareCategory, col(CareCategory.code) == col(VisitRule.category_code))
        .order_by(col(CareCategory.sort_order))
    ).all()
    return [
        VisitRuleView(
            category_code=rule.category_code,
            category_label=_category_label(cat, sees),
            interval_days=rule.interval_days,
            sensitive=cat.sensitive,
        )
        for rule, cat in rows
    ]


# -- visits --------------------------------------------------------------------------------------


def _household(session: Session, household_id: str) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise DomainError(Issue("household", "not_found"))
    return household


def _grid_on(session: Session, household_id: str, on: dt.date) -> str | None:
    grid = grid_of_household(session, household_id, on)
    return grid.id if grid is not None else None


def record_visit(
    session: Session,
    *,
    household_id: str,
    visited_on: dt.date,
    staff_id: str | None = None,
    kind: str = "routine",
    notes: str = "",
    follow_up_needed: bool = False,
) -> Visit:
    """A dated visit to a household; it keeps the household's grid on that day."""
    authz.require(session, Permission.GRID_EDIT)
    household = _household(session, household_id)
    kind_code = rules.VISIT_KINDS.parse(kind)
    if kind_code is None:
        raise DomainError(Issue("kind", "visit.unknown_kind", {"value": kind or ""}))
    if staff_id is not None and session.get(GridStaff, staff_id) is None:
        raise DomainError(Issue("staff", "not_found"))
    visit = Visit(
        office_id=current_office(session).id,
        household_id=household.id,
        staff_id=staff_id,
        grid_id=_grid_on(session, household.id, visited_on),
        visited_on=visited_on,
        kind=kind_code,
        notes=notes.strip(),
        follow_up_needed=bool(follow_up_needed),
    )
    session.add(visit)
    session.flush()
    return visit


def complete_follow_up(session: Session, visit_id: str, *, on: dt.date, note: str = "") -> Visit:
    """The follow-up a visit asked for is done (once)."""
    authz.require(session, Permission.GRID_EDIT)
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise DomainError(Issue("visit", "not_found"))
    if not visit.follow_up_needed:
        raise DomainError(Issue("follow_up_done_on", "visit.no_follow_up"))
    if visit.follow_up_done_on is not None:
        raise DomainError(
            Issue(
                "follow_up_done_on",
                "visit.follow_up_done",
                {"on": visit.follow_up_done_on.isoformat()},
            )
        )
    if on < visit.visited_on:
        raise DomainError(Issue("follow_up_done_on", "visit.before_visit"))
    visit.follow_up_done_on = on
    visit.follow_up_note = note.strip()
    session.add(visit)
    session.flush()
    return visit


def _views(session: Session, *where: Any, newest_first: bool = False) -> list[VisitView]:
    order = (col(Visit.visited_on), col(Visit.created_at))
    q = (
        select(Visit, GridStaff.name, Household.household_number, Household.address)
        .join(GridStaff, col(GridStaff.id) == col(Visit.staff_id), isouter=True)
        .join(Household, col(Household.id) == col(Visit.household_id))
        .where(*where)
        .order_by(*(c.desc() for c in order) if newest_first else order)
    )
    return [
        VisitView(
            id=v.id,
            household_id=v.household_id,
            household_number=number,
            address=address or "",
            visited_on=v.visited_on,
            kind=v.kind,
            kind_label=rules.VISIT_KINDS.label(v.kind),
            staff_id=v.staff_id,
            staff_name=staff_name or "",
            grid_id=v.grid_id,
            notes=v.notes,
            follow_up_needed=v.follow_up_needed,
            follow_up_done_on=v.follow_up_done_on,
            follow_up_note=v.follow_up_note,
        )
        for v, staff_name, number, address in session.exec(q).all()
    ]


def visits(session: Session, household_id: str) -> list[VisitView]:
    """The household's visits, newest first."""
    authz.require(session, Permission.GRID_VIEW)
    return _views(session, col(Visit.household_id) == household_id, newest_first=True)


def visit_log(
    session: Session,
    *,
    start: dt.date,
    end: dt.date,
    grid_id: str | None = None,
    staff_id: str | None = None,
) -> list[VisitView]:
    """民情日志: the visits from `start` to `end` (both included), oldest first; of a grid
    (with its sub-grids, by the grid each visit kept) and/or of one grid worker."""
    authz.require(session, Permission.GRID_VIEW)
    where = [col(Visit.visited_on) >= start, col(Visit.visited_on) <= end]
    if grid_id is not None:
        where.append(col(Visit.grid_id).in_(_subtree(session.connection(), [grid_id])))
    if staff_id is not None:
        where.append(col(Visit.staff_id) == staff_id)
    return _views(session, *where)


def open_follow_ups(session: Session, *, grid_id: str | None = None) -> list[VisitView]:
    """Visits whose follow-up is still to be done, oldest first (of a grid and its sub-grids)."""
    authz.require(session, Permission.GRID_VIEW)
    where = [col(Visit.follow_up_needed).is_(True), col(Visit.follow_up_done_on).is_(None)]
    if grid_id is not None:
        where.append(col(Visit.grid_id).in_(_subtree(session.connection(), [grid_id])))
    return _views(session, *where)


# -- the due list --------------------------------------------------------------------------------


def _subtree(conn: Connection, grid_ids: list[str]) -> list[str]:
    """The grids and every grid below them."""
    if not grid_ids:
        return []
    marks = ", ".join(f":g{i}" for i in range(len(grid_ids)))
    rows = conn.execute(
        text(
            f"""
            WITH RECURSIVE below(id) AS (
                SELECT id FROM grid WHERE id IN ({marks})
                UNION
                SELECT g.id FROM grid g JOIN below b ON g.parent_id = b.id
            )
            SELECT id FROM below
            """
        ),
        {f"g{i}": g for i, g in enumerate(grid_ids)},
    )
    return [str(r[0]) for r in rows]


def staff_grids(conn: Connection, staff_id: str, on: dt.date) -> list[str]:
    """The grids in which the staff member holds a post on `on`, with their sub-grids."""
    rows = conn.execute(
        text(
            """
            SELECT DISTINCT grid_id FROM grid_post
             WHERE staff_id = :s AND start_on <= :d AND (end_on IS NULL OR end_on > :d)
            """
        ),
        {"s": staff_id, "d": on.isoformat()},
    )
    return _subtree(conn, [str(r[0]) for r in rows])


# Households with a resident on the register in a ruled care category, the shortest interval
# of their categories, and their last visit.
# Households with a resident on the register in a ruled care category: the whole office, or
# only the households of some grids (found from their places' assignments, so a grid
# worker's list reads their grids and not the register). CROSS JOIN fixes the join order;
# SQLite would otherwise walk every resident.
_CARED_ALL = """
    SELECT r.household_id AS household_id, rc.category_code AS code, vr.interval_days AS days
      FROM visit_rule vr
     CROSS JOIN resident_care rc ON rc.category_code = vr.category_code
     CROSS JOIN resident r ON r.id = rc.resident_id
     WHERE rc.active = 1 AND r.status = 'on_register' AND r.household_id IS NOT NULL
       AND (rc.since IS NULL OR rc.since <= :today)
       AND (rc.until IS NULL OR rc.until > :today)
"""
_CARED_IN_GRIDS = """
    SELECT h.id AS household_id, rc.category_code AS code, vr.interval_days AS days
      FROM grid_assignment ga
     CROSS JOIN household h ON h.place_id = ga.place_id
     CROSS JOIN resident r ON r.household_id = h.id
     CROSS JOIN resident_care rc ON rc.resident_id = r.id
     CROSS JOIN visit_rule vr ON vr.category_code = rc.category_code
     WHERE ga.grid_id IN ({grids}) AND ga.start_on <= :today
       AND (ga.end_on IS NULL OR ga.end_on > :today)
       AND r.status = 'on_register' AND rc.active = 1
       AND (rc.since IS NULL OR rc.since <= :today)
       AND (rc.until IS NULL OR rc.until > :today)
"""
# Per household: the shortest interval, the categories, the last visit up to `today`, the
# head's name and the grid of `today`.
_DUE_QUERY = """
WITH cared AS ({cared}),
per_household AS (
    SELECT household_id, MIN(days) AS days, group_concat(DISTINCT code) AS codes
      FROM cared GROUP BY household_id
)
SELECT p.household_id, p.days, p.codes,
       (SELECT MAX(v.visited_on) FROM visit v
         WHERE v.household_id = p.household_id AND v.visited_on <= :today),
       h.household_number, h.address,
       (SELECT name FROM resident hr
         WHERE hr.household_id = p.household_id AND hr.relation_to_head = 'head'
           AND hr.status = 'on_register' LIMIT 1),
       (SELECT ga.grid_id FROM grid_assignment ga
         WHERE ga.place_id = h.place_id AND ga.start_on <= :today
           AND (ga.end_on IS NULL OR ga.end_on > :today) LIMIT 1)
  FROM per_household p CROSS JOIN household h ON h.id = p.household_id
 WHERE h.status = 'active'
"""


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _due(session: Session, *, today: dt.date, grid_filter: list[str] | None) -> list[DueVisit]:
    conn = session.connection()
    sees = sees_sensitive_care(session)
    labels = {
        c.code: _category_label(c, sees)
        for c in session.exec(select(CareCategory).order_by(col(CareCategory.sort_order)))
    }
    order = {code: i for i, code in enumerate(labels)}
    params: dict[str, object] = {"today": today.isoformat()}
    if grid_filter is None:
        cared = _CARED_ALL
    elif not grid_filter:
        return []
    else:
        params.update({f"g{i}": g for i, g in enumerate(grid_filter)})
        marks = ", ".join(f":g{i}" for i in range(len(grid_filter)))
        cared = _CARED_IN_GRIDS.format(grids=marks)
    found = conn.execute(text(_DUE_QUERY.format(cared=cared)), params).all()
    due: list[DueVisit] = []
    for household_id, days, codes_text, last, number, address, head, grid_id in found:
        last_on = _as_date(last)
        if not rules.is_due(last_on, int(days), today):
            continue
        codes_ = sorted(set(str(codes_text).split(",")), key=lambda c: order.get(c, len(order)))
        # Several sensitive categories all read 重点关爱: name it once.
        shown = tuple(dict.fromkeys(labels.get(c, c) for c in codes_))
        due.append(
            DueVisit(
                household_id=str(household_id),
                household_number=str(number),
                address=str(address or ""),
                head_name=str(head or ""),
                grid_id=grid_id,
                categories=shown,
                interval_days=int(days),
                last_visited_on=last_on,
                due_on=rules.next_due(last_on, int(days)),
                days_overdue=rules.days_overdue(last_on, int(days), today),
            )
        )
    # Never visited first, then the most overdue; the 户号 keeps the order stable.
    due.sort(
        key=lambda d: (
            d.days_overdue is not None,
            -(d.days_overdue or 0),
            d.household_number,
        )
    )
    return due


def due_visits(
    session: Session,
    *,
    today: dt.date,
    staff_id: str | None = None,
    grid_id: str | None = None,
) -> list[DueVisit]:
    """Households due for a visit on `today`, never visited first, then the most overdue.

    `staff_id`: only the households of the grids where the worker holds a post on `today`;
    `grid_id`: only the households of that grid and its sub-grids (both: the intersection)."""
    authz.require(session, Permission.GRID_VIEW)
    conn = session.connection()
    grid_filter: list[str] | None = None
    if staff_id is not None:
        if session.get(GridStaff, staff_id) is None:
            raise DomainError(Issue("staff", "not_found"))
        grid_filter = staff_grids(conn, staff_id, today)
    if grid_id is not None:
        below = _subtree(conn, [grid_id])
        grid_filter = below if grid_filter is None else [g for g in grid_filter if g in below]
    return _due(session, today=today, grid_filter=grid_filter)
