"""Township mode: the offices whose packages this township database holds, and read-only views
of their records (residents, grids, mediation cases, volunteer hours) with an office filter.

A township database keeps every office's rows in the same tables, apart by `office_id`
(docs/exchange-merge.md). Nothing here writes: records change only through packages, or
through a conflict a person resolves.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from govdesk.domain import codes, messages
from govdesk.domain import mediation as mediation_rules
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import OFFICE_META
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database

__all__ = [
    "CaseRow",
    "GridRow",
    "HoursRow",
    "OfficeSummary",
    "ResidentFilter",
    "cases",
    "grids",
    "hours",
    "is_township",
    "office_names",
    "offices",
    "packages",
    "residents",
]

PAGE = 500

messages.register(
    {
        "township.not_township": (
            "这不是乡镇（街道）数据库：汇总各单位的功能只在乡镇（街道）数据库中使用",
            "This is not a township database: the views across offices work only in a "
            "township's database",
        ),
    }
)


@dataclass
class OfficeSummary:
    """One office whose records are here, with what the township holds of it."""

    id: str
    division_code: str
    name: str
    kind: str
    residents: int = 0  # on the register
    households: int = 0  # active
    cases: int = 0
    volunteers: int = 0
    last_file: str = ""  # the last package applied from it
    last_applied_at: dt.datetime | None = None
    packages: int = 0  # packages applied or found to hold nothing new

    @property
    def kind_label(self) -> str:
        return codes.OFFICE_KIND.label(self.kind)


def own_office_id(conn: Connection) -> str | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": OFFICE_META}).first()
    return str(row[0]) if row is not None else None


def is_township(db: Database) -> bool:
    """Whether this database's own office is a township (乡镇/街道)."""
    with db.connect() as conn:
        own = own_office_id(conn)
        row = conn.execute(text("SELECT kind FROM office WHERE id = :id"), {"id": own}).first()
    return row is not None and row[0] == "township"


def _counts(conn: Connection, sql: str) -> dict[str, int]:
    return {str(office): int(n) for office, n in conn.execute(text(sql))}


# Both read an index alone (migration 0014), not every row of the table.
RESIDENTS_PER_OFFICE = (
    "SELECT office_id, count(*) FROM resident WHERE status = 'on_register' GROUP BY 1"
)
HOUSEHOLDS_PER_OFFICE = (
    "SELECT office_id, count(*) FROM household WHERE status = 'active' GROUP BY 1"
)


def offices(db: Database) -> list[OfficeSummary]:
    """The offices known here (not the township itself), by division code. Counts only, so
    every signed-in role may see them (like the status bar's totals)."""
    authz.actor_of(db)
    with db.connect() as conn:
        own = own_office_id(conn)
        found = [
            OfficeSummary(id=str(r[0]), division_code=str(r[1]), name=str(r[2]), kind=str(r[3]))
            for r in conn.execute(
                text(
                    "SELECT id, division_code, name, kind FROM office WHERE id != :own "
                    "ORDER BY division_code, name"
                ),
                {"own": own or ""},
            )
        ]
        residents = _counts(conn, RESIDENTS_PER_OFFICE)
        households = _counts(conn, HOUSEHOLDS_PER_OFFICE)
        case_counts = _counts(conn, "SELECT office_id, count(*) FROM mediation_case GROUP BY 1")
        volunteers = _counts(
            conn, "SELECT office_id, count(*) FROM volunteer WHERE status != 'left' GROUP BY 1"
        )
        last: dict[str, tuple[str, str, int]] = {}
        for code, file_name, at, n in conn.execute(
            text(
                "SELECT source_office, file_name, max(handled_at), count(*) FROM exchange_package "
                "WHERE direction = 'in' AND outcome IN ('applied', 'nothing_new') GROUP BY 1"
            )
        ):
            last[str(code)] = (str(file_name), str(at), int(n))
    for o in found:
        o.residents = residents.get(o.id, 0)
        o.households = households.get(o.id, 0)
        o.cases = case_counts.get(o.id, 0)
        o.volunteers = volunteers.get(o.id, 0)
        if o.division_code in last:
            o.last_file, at, o.packages = last[o.division_code]
            o.last_applied_at = _aware(at)
    return found


def _aware(value: object) -> dt.datetime | None:
    if value in (None, ""):
        return None
    when = dt.datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def other_offices(db: Database) -> list[tuple[str, str, str]]:
    """(id, division code, name) of the offices known here, by code: cheap, no counts."""
    with db.connect() as conn:
        own = own_office_id(conn) or ""
        return [
            (str(r[0]), str(r[1]), str(r[2]))
            for r in conn.execute(
                text(
                    "SELECT id, division_code, name FROM office WHERE id != :own "
                    "ORDER BY division_code, name"
                ),
                {"own": own},
            )
        ]


def case_count(db: Database, *, office_id: str | None = None) -> int:
    authz.require(db, Permission.MEDIATION_VIEW)
    sql = "SELECT count(*) FROM mediation_case" + (" WHERE office_id = :o" if office_id else "")
    with db.connect() as conn:
        return int(conn.execute(text(sql), {"o": office_id}).scalar_one())


def office_names(db: Database) -> dict[str, tuple[str, str]]:
    """office id -> (division code, name), the own office included."""
    with db.connect() as conn:
        return {
            str(r[0]): (str(r[1]), str(r[2]))
            for r in conn.execute(text("SELECT id, division_code, name FROM office"))
        }


# -- residents ---------------------------------------------------------------------------------
def residents(db: Database) -> ResidentList:
    """The resident list over every office's rows; ResidentFilter(office_id=…) narrows it to
    one office. Keyset pages, masked numbers, the same checks as the office's own list."""
    return ResidentList(db)


# -- grids -------------------------------------------------------------------------------------
@dataclass
class GridRow:
    office_id: str
    code: str
    name: str
    depth: int  # 0 for a top grid
    area: str
    retired_on: dt.date | None
    staff: int  # posts holding today


def grids(
    db: Database, *, office_id: str | None = None, today: dt.date | None = None
) -> list[GridRow]:
    """Every office's grids (or one office's), in code order, with the posts holding today."""
    authz.require(db, Permission.GRID_VIEW)
    day = (today or dt.date.today()).isoformat()
    sql = (
        "SELECT g.office_id, g.code, g.name, g.area, g.retired_on, g.id, g.parent_id, "
        "(SELECT count(*) FROM grid_post p WHERE p.grid_id = g.id AND p.start_on <= :day "
        "AND (p.end_on IS NULL OR p.end_on > :day)) FROM grid g "
        "LEFT JOIN office o ON o.id = g.office_id "
        + ("WHERE g.office_id = :office " if office_id else "")
        + "ORDER BY o.division_code, g.code"
    )
    with db.connect() as conn:
        rows = list(conn.execute(text(sql), {"day": day, "office": office_id}))
    parent_of = {r[5]: r[6] for r in rows}
    out = []
    for office, code, name, area, retired, grid_id, _parent, staff in rows:
        depth, up = 0, parent_of.get(grid_id)
        while up is not None and depth < 64:  # a bad tree from a package cannot loop forever
            depth, up = depth + 1, parent_of.get(up)
        out.append(
            GridRow(
                office_id=str(office),
                code=str(code),
                name=str(name),
                depth=depth,
                area=str(area or ""),
                retired_on=dt.date.fromisoformat(retired) if retired else None,
                staff=int(staff),
            )
        )
    return out


# -- mediation cases ---------------------------------------------------------------------------
@dataclass
class CaseRow:
    rowid: int
    office_id: str
    number: str
    dispute_type: str  # label
    source: str  # label
    state: str  # label
    risk: str  # label
    registered_on: dt.date
    accepted_on: dt.date | None
    closed_on: dt.date | None
    party_names: str
    sort_key: str = ""


def cases(
    db: Database,
    *,
    office_id: str | None = None,
    state: str | None = None,
    after: tuple[str, int] | None = None,
    limit: int = PAGE,
) -> list[CaseRow]:
    """Mediation cases, newest registration first, one keyset page after `after`
    ((sort key, rowid) of the last row shown). Party names only, as a viewer sees them."""
    authz.require(db, Permission.MEDIATION_VIEW)
    where = ["1"]
    params: dict[str, Any] = {"limit": limit}
    if office_id:
        where.append("office_id = :office")
        params["office"] = office_id
    if state:
        where.append("state = :state")
        params["state"] = state
    if after is not None:
        where.append("(registered_on, rowid) < (:ak, :ar)")
        params["ak"], params["ar"] = after
    sql = (
        "SELECT rowid, office_id, number, dispute_type, source, state, risk, registered_on, "
        f"accepted_on, closed_on, party_names FROM mediation_case WHERE {' AND '.join(where)} "
        "ORDER BY registered_on DESC, rowid DESC LIMIT :limit"
    )
    with db.connect() as conn:
        rows = list(conn.execute(text(sql), params))
    return [
        CaseRow(
            rowid=int(r[0]),
            office_id=str(r[1]),
            number=str(r[2] or ""),
            dispute_type=mediation_rules.DISPUTE_TYPES.label(r[3]),
            source=mediation_rules.CASE_SOURCES.label(r[4]),
            state=mediation_rules.CASE_STATES.label(r[5]),
            risk=mediation_rules.RISK_GRADES.label(r[6]),
            registered_on=dt.date.fromisoformat(str(r[7])),
            accepted_on=_date(r[8]),
            closed_on=_date(r[9]),
            party_names=str(r[10] or ""),
            sort_key=str(r[7]),
        )
        for r in rows
    ]


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


# -- volunteer hours ---------------------------------------------------------------------------
@dataclass
class HoursRow:
    office_id: str
    number: str
    name: str
    status: str  # label
    confirmed_minutes: int
    pending_minutes: int

    @property
    def hours(self) -> float:
        return self.confirmed_minutes / 60


def _year_range(year: int | None) -> tuple[str, str]:
    if year is None:
        return "0000-01-01", "9999-12-31"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def hours(db: Database, *, office_id: str | None = None, year: int | None = None) -> list[HoursRow]:
    """Each volunteer's service hours (confirmed, and still pending), most hours first."""
    from govdesk.domain import volunteers as volunteer_rules

    authz.require(db, Permission.VOLUNTEER_VIEW)
    start, end = _year_range(year)
    sql = (
        "SELECT v.office_id, v.number, v.name, v.status, "
        "coalesce(sum(CASE WHEN h.state = 'confirmed' THEN h.minutes END), 0), "
        "coalesce(sum(CASE WHEN h.state = 'pending' THEN h.minutes END), 0) "
        "FROM volunteer v JOIN hour_entry h ON h.volunteer_id = v.id "
        "AND h.served_on BETWEEN :start AND :end "
        + ("WHERE v.office_id = :office " if office_id else "")
        + "GROUP BY v.id ORDER BY 5 DESC, v.number, v.id"
    )
    with db.connect() as conn:
        rows = list(conn.execute(text(sql), {"start": start, "end": end, "office": office_id}))
    return [
        HoursRow(
            office_id=str(r[0]),
            number=str(r[1]),
            name=str(r[2]),
            status=volunteer_rules.VOLUNTEER_STATUS.label(r[3]),
            confirmed_minutes=int(r[4]),
            pending_minutes=int(r[5]),
        )
        for r in rows
    ]


# -- the package log ---------------------------------------------------------------------------
@dataclass
class PackageRow:
    handled_at: dt.datetime | None
    direction: str  # in, out
    file_name: str
    source_office: str
    outcome: str  # applied, nothing_new, refused, written
    reason: str
    counts: dict[str, Any]
    handled_by: str

    @property
    def records(self) -> int:
        """Records the package brought (new + updated), or wrote, summed over tables."""
        total = 0
        for value in self.counts.values():
            if isinstance(value, int):
                total += value
            elif isinstance(value, dict):
                total += int(value.get("new", 0) or 0) + int(value.get("updated", 0) or 0)
        return total


def packages(db: Database, *, limit: int = 1000) -> list[PackageRow]:
    """The exchange_package log, newest first: every package written or read, refused ones too."""
    authz.actor_of(db)
    with db.connect() as conn:
        rows = list(
            conn.execute(
                text(
                    "SELECT handled_at, direction, file_name, source_office, outcome, reason, "
                    "counts, handled_by FROM exchange_package ORDER BY handled_at DESC LIMIT :n"
                ),
                {"n": limit},
            )
        )
    out = []
    for at, direction, name, source, outcome, reason, counts, by in rows:
        try:
            parsed = json.loads(counts) if counts else {}
        except ValueError:
            parsed = {}
        out.append(
            PackageRow(
                handled_at=_aware(at),
                direction=str(direction),
                file_name=str(name),
                source_office=str(source or ""),
                outcome=str(outcome),
                reason=str(reason or ""),
                counts=parsed if isinstance(parsed, dict) else {},
                handled_by=str(by or ""),
            )
        )
    return out


def open_conflict_count(db: Database, *, office_id: str | None = None) -> int:
    """How many records have a version waiting for a person to merge (record_conflict open)."""
    sql = "SELECT count(DISTINCT table_name || '/' || record_id) FROM record_conflict WHERE resolved_at IS NULL"
    params: dict[str, Any] = {}
    if office_id:
        sql += " AND office_id = :office"
        params["office"] = office_id
    with db.connect() as conn:
        return int(conn.execute(text(sql), params).scalar_one())
