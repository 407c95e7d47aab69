"""Prints the grid printouts from the grid services: roster, contact cards, visit worksheet.

The window and `govdesk print` call these. Staff and household phones are printed in full
only for a role with PRINT_FULL (as the registry forms); everyone else prints them masked.
Special-care categories are named only with CARE_SENSITIVE (visits.due_visits says 重点关爱
otherwise). A file is written under a temporary name and moved into place once whole, and
no PDF leaves without its audit entry (action `print`).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.grids import GRID_WORKER_ROLES
from govdesk.domain.masking import mask_phone
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import Grid, GridStaff, Resident
from govdesk.domain.permissions import Permission
from govdesk.forms import grid_forms
from govdesk.forms.grid_data import (
    CardData,
    DueLine,
    GridEntry,
    RosterData,
    StaffLine,
    WorksheetData,
)
from govdesk.forms.output import write_pdf
from govdesk.services import authz, grid_staff, visits
from govdesk.services import grids as grid_service
from govdesk.services.office import current_office
from govdesk.services.privacy import refuse_when_read_only
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store.database import Database

messages.register(
    {
        "grid_print.retired": (
            "网格“{grid}”已于{date}撤销",
            "The grid '{grid}' was retired on {date}",
        ),
        "grid_print.no_staff": ("找不到网格工作人员“{staff}”", "No grid staff member '{staff}'"),
        "grid_print.staff_ambiguous": (
            "有 {count} 名网格工作人员叫“{staff}”，请用编号指明",
            "{count} grid staff members are called '{staff}': name one by its id",
        ),
    }
)

ROSTER_NOTICE = "如对网格服务有意见或建议，请与{office}联系。"


def _today() -> dt.date:
    return dt.date.today()


def _full(session: Session | Database, mask: bool) -> bool:
    return not mask and authz.can(session, Permission.PRINT_FULL)


def _phone(value: str | None, full: bool) -> str:
    return (value if full else mask_phone(value)) or ""


# -- gathering ------------------------------------------------------------------------------


def _grids_on(session: Session, on: dt.date, root_ids: Sequence[str] | None) -> list[Grid]:
    """The grids existing on `on`, each followed by its sub-grids (siblings in their sort
    order, then by code); the subtrees of `root_ids` only when given (in the order given)."""
    every = [
        g
        for g in grid_service.grids(session, include_retired=True)
        if g.retired_on is None or g.retired_on > on
    ]
    alive = {g.id: g for g in every}
    kids: dict[str | None, list[Grid]] = {}
    for g in sorted(every, key=lambda g: (g.sort_order, g.code)):
        # A grid whose parent is gone on that day is shown at the top.
        kids.setdefault(g.parent_id if g.parent_id in alive else None, []).append(g)
    out: list[Grid] = []

    def walk(grid: Grid) -> None:
        out.append(grid)
        for child in kids.get(grid.id, []):
            walk(child)

    if root_ids is None:
        for top in kids.get(None, []):
            walk(top)
        return out
    for root_id in root_ids:
        root = grid_service.get_grid(session, root_id)
        if root.id not in alive:
            raise DomainError(
                Issue(
                    "grid",
                    "grid_print.retired",
                    {
                        "grid": root.name,
                        "date": root.retired_on.isoformat() if root.retired_on else "",
                    },
                )
            )
        if root not in out:
            walk(alive[root.id])
    return out


def grid_entries(
    session: Session, *, on: dt.date, grid_ids: Sequence[str] | None = None, full: bool
) -> list[GridEntry]:
    """Each grid of `on` (or of the subtrees of `grid_ids`) with the staff holding posts that
    day, grid leader first; phones in full only when `full`."""
    chosen = _grids_on(session, on, grid_ids)
    by_id = {g.id: g for g in chosen}
    views = grid_staff.post_views(session, on=on)
    phones: dict[str, str | None] = {}
    if full:
        ids = {v.staff_id for v in views if v.grid_id in by_id}
        if ids:
            rows = session.exec(select(GridStaff).where(col(GridStaff.id).in_(ids))).all()
            phones = {s.id: s.phone for s in rows}
    staff: dict[str, list[StaffLine]] = {g.id: [] for g in chosen}
    for v in views:
        if v.grid_id in staff:
            phone = _phone(phones.get(v.staff_id), True) if full else v.phone
            staff[v.grid_id].append(StaffLine(name=v.name, role=v.role_zh, phone=phone))

    def depth(grid: Grid) -> int:
        # Counted within what is printed: a printed subtree starts at the left.
        n, parent = 0, grid.parent_id
        while parent in by_id:
            n, parent = n + 1, by_id[parent].parent_id
        return n

    return [
        GridEntry(name=g.name, code=g.code, area=g.area, depth=depth(g), staff=staff[g.id])
        for g in chosen
    ]


def roster_data(
    session: Session, *, on: dt.date, grid_ids: Sequence[str] | None = None, full: bool
) -> RosterData:
    """The 网格员公示表 contents: the grids of `on` with their staff."""
    office = current_office(session)
    return RosterData(
        office_name=office.name,
        division_code=office.division_code,
        on=on,
        grids=grid_entries(session, on=on, grid_ids=grid_ids, full=full),
        notice=ROSTER_NOTICE.format(office=office.name),
        masked=not full,
    )


def card_data(
    session: Session, *, on: dt.date, grid_ids: Sequence[str] | None = None, full: bool
) -> CardData:
    """The 网格员联系卡 contents: one card per grid of `on`."""
    office = current_office(session)
    return CardData(
        office_name=office.name,
        grids=grid_entries(session, on=on, grid_ids=grid_ids, full=full),
        on=on,
        masked=not full,
    )


def find_staff(session: Session, key: str) -> GridStaff:
    """A staff member by record id or by name (refused when several share the name)."""
    key = key.strip()
    found = session.get(GridStaff, key)
    if found is not None:
        return found
    named = session.exec(select(GridStaff).where(GridStaff.name == key)).all()
    if not named:
        raise DomainError(Issue("staff", "grid_print.no_staff", {"staff": key}))
    if len(named) > 1:
        raise DomainError(
            Issue("staff", "grid_print.staff_ambiguous", {"staff": key, "count": len(named)})
        )
    return named[0]


def _head_phones(session: Session, household_ids: list[str]) -> dict[str, str | None]:
    if not household_ids:
        return {}
    rows = session.exec(
        select(Resident.household_id, Resident.phone).where(
            col(Resident.household_id).in_(household_ids),
            Resident.relation_to_head == "head",
            Resident.status == "on_register",
        )
    ).all()
    return {str(h): p for h, p in rows}


def worksheet_data(session: Session, *, staff_id: str, today: dt.date, full: bool) -> WorksheetData:
    """The 走访任务单 of one worker: the households of their grids due for a visit on `today`,
    never visited first, then the most overdue (the order of visits.due_visits)."""
    office = current_office(session)
    staff = session.get(GridStaff, staff_id)
    if staff is None:
        raise DomainError(Issue("staff", "grid_print.no_staff", {"staff": staff_id}))
    due = visits.due_visits(session, today=today, staff_id=staff_id)
    phones = _head_phones(session, [d.household_id for d in due])
    names = {g.id: g.name for g in grid_service.grids(session, include_retired=True)}
    own = [v for v in grid_staff.post_views(session, on=today) if v.staff_id == staff_id]
    grid_names = list(dict.fromkeys(v.grid_name for v in own))
    lines = [
        DueLine(
            address=d.address,
            household_number=d.household_number,
            head_name=d.head_name,
            phone=_phone(phones.get(d.household_id), full),
            categories="、".join(d.categories),
            interval_days=d.interval_days,
            last_visited_on=d.last_visited_on,
            overdue_days=d.days_overdue,
            grid_name=names.get(d.grid_id or "", ""),
        )
        for d in due
    ]
    return WorksheetData(
        office_name=office.name,
        division_code=office.division_code,
        staff_name=staff.name,
        grids=grid_names,
        today=today,
        lines=lines,
        masked=not full,
    )


# -- writing --------------------------------------------------------------------------------


def _render(build: Callable[[Any, io.BytesIO], None], data: object) -> bytes:
    """Lay a PDF out in memory."""
    buffer = io.BytesIO()
    build(data, buffer)
    return buffer.getvalue()


def _audit(db: Database, out: Path, form: str, detail: dict, **fields: object) -> None:
    """The print's audit entry; the PDF is removed when the trail cannot take it."""
    try:
        db.audit(
            AuditAction.PRINT,
            detail={"file": str(out), "form": form, "title": grid_forms.TITLES[form], **detail},
            **fields,
        )
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def _start(db: Database) -> None:
    authz.require(db, Permission.GRID_VIEW)
    refuse_when_read_only(db, "print")


def _counts(grids: list[GridEntry]) -> dict[str, object]:
    return {"grids": len(grids), "posts": sum(len(g.staff) for g in grids)}


def print_roster(
    db: Database,
    out: Path,
    *,
    on: dt.date | None = None,
    grid_ids: Sequence[str] | None = None,
    mask: bool = False,
) -> Path:
    """Write the 网格员公示表 of `on` (today by default) for every grid, or for the subtrees
    of `grid_ids`; `mask` masks phones even with PRINT_FULL."""
    _start(db)
    out, on = Path(out), on or _today()
    with db.session() as session:
        full = _full(session, mask)
        data = roster_data(session, on=on, grid_ids=grid_ids, full=full)
    write_pdf(out, _render(grid_forms.build_roster, data))
    detail = {"on": on.isoformat(), **_counts(data.grids), "masked": not full}
    if grid_ids is not None:
        detail["grid_ids"] = list(grid_ids)
    _audit(db, out, "grid-roster", detail, record_type="grid")
    return out


def print_cards(
    db: Database,
    out: Path,
    *,
    on: dt.date | None = None,
    grid_ids: Sequence[str] | None = None,
    mask: bool = False,
) -> Path:
    """Write the 网格员联系卡 of `on` (today by default), four to a page: every grid, or the
    subtrees of `grid_ids`; `mask` masks phones even with PRINT_FULL."""
    _start(db)
    out, on = Path(out), on or _today()
    with db.session() as session:
        full = _full(session, mask)
        data = card_data(session, on=on, grid_ids=grid_ids, full=full)
    write_pdf(out, _render(grid_forms.build_cards, data))
    detail = {"on": on.isoformat(), **_counts(data.grids), "masked": not full}
    if grid_ids is not None:
        detail["grid_ids"] = list(grid_ids)
    _audit(db, out, "grid-card", detail, record_type="grid")
    return out


def print_worksheet(
    db: Database,
    out: Path,
    *,
    staff_id: str,
    today: dt.date | None = None,
    mask: bool = False,
) -> Path:
    """Write one worker's 走访任务单 for `today` (the real today by default); `mask` masks
    phones even with PRINT_FULL."""
    _start(db)
    out, today = Path(out), today or _today()
    with db.session() as session:
        full = _full(session, mask)
        data = worksheet_data(session, staff_id=staff_id, today=today, full=full)
    write_pdf(out, _render(grid_forms.build_worksheet, data))
    detail = {
        "on": today.isoformat(),
        "staff": data.staff_name,
        "households": len(data.lines),
        "masked": not full,
    }
    _audit(db, out, "visit-worksheet", detail, record_type="grid_staff", record_id=staff_id)
    return out


def worker_ids(session: Session, on: dt.date) -> list[str]:
    """The staff holding a full-time or part-time grid worker's post on `on`, by name."""
    views = grid_staff.post_views(session, on=on)
    workers = {v.staff_id: v.name for v in views if v.role in GRID_WORKER_ROLES}
    return sorted(workers, key=lambda staff_id: (workers[staff_id], staff_id))


def print_worksheets(
    db: Database,
    out: Path,
    *,
    staff_ids: Sequence[str] | None = None,
    today: dt.date | None = None,
    mask: bool = False,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """The 走访任务单 of several workers (every grid worker of `today` when `staff_ids` is None)
    one after another in one PDF, each numbered over its own pages; one audit entry per worker.
    Raises progress.Cancelled when `cancel` is set (nothing is written then)."""
    from govdesk.forms.mediation_binding import merge

    _start(db)
    out, today = Path(out), today or _today()
    with db.session() as session:
        full = _full(session, mask)
        ids = list(staff_ids) if staff_ids is not None else worker_ids(session, today)
    parts: list[bytes] = []
    sheets: list[WorksheetData] = []
    for done, staff_id in enumerate(ids):
        checkpoint(cancel)
        with db.session() as session:
            data = worksheet_data(session, staff_id=staff_id, today=today, full=full)
        parts.append(_render(grid_forms.build_worksheet, data))
        sheets.append(data)
        if progress is not None:
            progress(done + 1, len(ids))
    checkpoint(cancel)
    records: list[tuple[str | None, WorksheetData]] = list(zip(ids, sheets, strict=True))
    if not parts:
        # Nobody serves on that day: one blank worksheet, so the round can still be written.
        with db.session() as session:
            office = current_office(session)
        blank = WorksheetData(office.name, office.division_code, today=today, masked=not full)
        parts.append(_render(grid_forms.build_worksheet, blank))
        records = [(None, blank)]
    write_pdf(out, parts[0] if len(parts) == 1 else merge(parts))
    try:
        for record_id, data in records:
            db.audit(
                AuditAction.PRINT,
                record_type="grid_staff",
                record_id=record_id,
                detail={
                    "file": str(out),
                    "form": "visit-worksheet",
                    "title": grid_forms.WORKSHEET,
                    "on": today.isoformat(),
                    "staff": data.staff_name,
                    "households": len(data.lines),
                    "batch": len(ids),
                    "masked": not full,
                },
            )
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out


__all__ = [
    "card_data",
    "find_staff",
    "grid_entries",
    "print_cards",
    "print_roster",
    "print_worksheet",
    "print_worksheets",
    "roster_data",
    "worker_ids",
    "worksheet_data",
]
