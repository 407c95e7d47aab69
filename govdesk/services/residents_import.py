"""Imports a resident register from a spreadsheet: plan, preview, then one bulk transaction.

Offices import whole registers of 100,000 rows, so rows are validated with the same
rules as the person form (clean_person) but stored with executemany inside one Core
transaction instead of one ORM object per row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import operator
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, text
from sqlmodel import Session

from govdesk.domain import codes
from govdesk.domain.columns import BY_KEY, label_for, match_heading
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.messages import text as message
from govdesk.domain.models import (
    Household,
    PersonFields,
    Resident,
    ResidentCare,
    new_id,
    table_of,
    utcnow,
)
from govdesk.domain.permissions import Permission
from govdesk.domain.validation import clean_person
from govdesk.services import authz, privacy, registry, spreadsheet
from govdesk.services.progress import Cancelled, ProgressFn, checkpoint
from govdesk.store.database import Database
from govdesk.store.versioning import reserve_versions

__all__ = [
    "Cancelled",
    "ImportPlan",
    "ImportReport",
    "Problem",
    "RowCheck",
    "plan_import",
    "preview",
    "run_import",
    "write_report",
]

PERSON_KEYS = tuple(PersonFields.model_fields)
# Fields read from the sheet that are not columns of the resident table.
EXTRA_KEYS = ("household_number", "household_type", "care_categories")
RAW_KEYS = ("id_number", "birth_date", "arrival_date")  # passed on as the cell was typed
CHUNK = 1000  # rows per progress report, cancel check and database round trip
ADDRESS_TRIGGER = "resident_address_ai"  # migration 0002
QUERY_CHUNK = 500  # bound parameters per IN (...) query
IMPORT_CACHE_KIB = -262144  # negative means KiB: 256 MiB at most, taken only as pages are used
# Our export escapes formula-like cells with an apostrophe (CSV injection); undo it.
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass
class ImportPlan:
    """What will be read: where the header is and which column feeds which field."""

    path: Path
    header_row: int  # 0-based index in the sheet
    headings: list[str]
    mapping: dict[int, str]  # column index -> field key of REGISTER_COLUMNS
    rows: list[list[object]]  # the data rows below the header
    first_row_number: int  # spreadsheet row number (1-based) of rows[0]

    def has(self, key: str) -> bool:
        return key in self.mapping.values()


@dataclass
class RowCheck:
    """One spreadsheet row as it would be stored, and everything wrong with it."""

    row_number: int
    values: dict[str, object]
    issues: list[Issue]

    @property
    def ok(self) -> bool:
        # Asked several times for each of 100,000 rows, most of them without issues.
        return not self.issues or all(issue.warning for issue in self.issues)


@dataclass
class Problem:
    row: int
    field: str  # the Chinese column heading
    reason: str
    warning: bool = False


@dataclass
class ImportReport:
    imported: int
    rejected: int
    problems: list[Problem]
    households_created: int


# -- planning ----------------------------------------------------------------------------
def plan_import(path: Path, *, mapping: dict[int, str] | None = None) -> ImportPlan:
    """Read the file, find the header row and map its headings to register fields."""
    path = Path(path)
    with _collector_paused():
        rows = spreadsheet.read_rows(path)
    header = spreadsheet.find_header_row(rows, match_heading)
    if header is None and mapping:
        header = next((i for i, r in enumerate(rows) if not spreadsheet.is_blank(r)), None)
    if header is None:
        raise DomainError(Issue("file", "file.no_header", {"rows": spreadsheet.HEADER_SCAN_ROWS}))
    headings = [cell_text(c) or "" for c in rows[header]]
    if mapping is None:
        mapping = {}
        for index, heading in enumerate(headings):
            key = match_heading(heading)
            if key and key not in mapping.values():
                mapping[index] = key
    else:
        unknown = sorted(set(mapping.values()) - set(BY_KEY))
        if unknown:
            raise ValueError(f"unknown fields in mapping: {unknown}")
        # One field reads one column: the leftmost wins, as in the automatic mapping.
        mapping = dict(_first_of(mapping))
    if "name" not in mapping.values():
        raise DomainError(Issue("name", "file.no_name_column"))
    return ImportPlan(
        path=path,
        header_row=header,
        headings=headings,
        mapping=dict(sorted(mapping.items())),
        rows=rows[header + 1 :],
        first_row_number=header + 2,
    )


def _first_of(mapping: dict[int, str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for index, key in sorted(mapping.items()):
        if key not in seen:
            seen.add(key)
            yield index, key


# -- cells -------------------------------------------------------------------------------
def cell_text(cell: object) -> str | None:
    """A cell as the text a clerk sees; integral numbers lose their ".0" (户号 1001)."""
    if cell is None:
        return None
    if isinstance(cell, str):
        s = cell.strip()
        if len(s) > 1 and s[0] == "'" and s[1] in FORMULA_STARTS:
            s = s[1:]
        return s or None
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip() or None


def _raw_cell(cell: object) -> object:
    """ID numbers and dates keep their cell type: a float ID is Excel damage, a date is a date."""
    if isinstance(cell, str):
        return cell_text(cell)
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date()
    return cell


# -- checking ----------------------------------------------------------------------------
class _Checker:
    """Checks rows in file order, remembering what earlier rows claimed (IDs, heads)."""

    def __init__(self, conn: Connection, plan: ImportPlan):
        self.conn = conn
        self.plan = plan
        # (column, field, keep the cell's type, goes to clean_person) for each mapped column
        self.readers = [(i, k, k in RAW_KEYS, k not in EXTRA_KEYS) for i, k in plan.mapping.items()]
        self.seen_ids: dict[str, int] = {}
        self.seen_name_birth: dict[tuple[str, dt.date], int] = {}
        self.care_cache: dict[str, tuple[list[str], list[str]]] = {}
        self.type_cache: dict[str, str | None] = {}
        self.today = dt.date.today()
        self._session: Session | None = None

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # one chunk of rows: field rules, then the database in one query per kind
    def check_chunk(self, numbered: list[tuple[int, list[object]]]) -> list[RowCheck]:
        checks = [self._check_fields(number, row) for number, row in numbered]
        self._check_database(checks)
        for check in checks:
            self._check_in_file(check)
        return checks

    def _check_fields(self, number: int, row: list[object]) -> RowCheck:
        raw: dict[str, Any] = dict.fromkeys(PERSON_KEYS)
        extra: dict[str, Any] = {}
        width = len(row)
        for index, key, keep_type, target in self.readers:
            cell = row[index] if index < width else None
            if type(cell) is str:  # most cells: skip the general conversion
                value = cell.strip()
                if value[:1] == "'":
                    value = cell_text(value) or ""
                (raw if target else extra)[key] = value or None
            else:
                (raw if target else extra)[key] = _raw_cell(cell) if keep_type else cell_text(cell)
        values, issues = clean_person(raw, today=self.today)
        values["household_number"] = extra.get("household_number")
        values["household_type"] = None
        if extra.get("household_type"):
            hh_type = self._household_type(extra["household_type"])
            if hh_type is None:
                issues.append(
                    Issue(
                        "household_type",
                        "code.invalid",
                        {"raw": extra["household_type"], "field": BY_KEY["household_type"].zh},
                    )
                )
            values["household_type"] = hh_type
        values["care_categories"] = []
        if extra.get("care_categories"):
            found, unknown = self._care(str(extra["care_categories"]))
            values["care_categories"] = found
            issues += [Issue("care_categories", "care.unknown", {"raw": u}, True) for u in unknown]
        return RowCheck(number, values, issues)

    def _household_type(self, label: str) -> str | None:
        if label not in self.type_cache:
            self.type_cache[label] = codes.HOUSEHOLD_TYPE.parse(label)
        return self.type_cache[label]

    def _care(self, labels: str) -> tuple[list[str], list[str]]:
        if labels not in self.care_cache:
            if self._session is None:
                self._session = Session(bind=self.conn)
            found, unknown = registry.parse_care_labels(self._session, labels)
            self.care_cache[labels] = (list(dict.fromkeys(found)), unknown)
        return self.care_cache[labels]

    def _check_database(self, checks: list[RowCheck]) -> None:
        by_id = {c.values["id_number"]: c for c in checks if c.ok and c.values.get("id_number")}
        for part in _chunks(list(by_id), QUERY_CHUNK):
            sql = (
                "SELECT r.id, r.id_number, r.name, r.status, h.household_number "
                "FROM resident r LEFT JOIN household h ON h.id = r.household_id "
                f"WHERE r.id_number IN ({_marks(part)})"
            )
            for row in self.conn.exec_driver_sql(sql, tuple(part)):
                where = f"{row.household_number or ''} {codes.RESIDENT_STATUS.label(row.status)}"
                by_id[row.id_number].issues.append(
                    Issue(
                        "id_number",
                        "id.duplicate",
                        {"name": row.name, "where": where.strip(), "person_id": row.id},
                    )
                )
        named = [c for c in checks if c.ok and c.values.get("name") and c.values.get("birth_date")]
        names = list({str(c.values["name"]) for c in named})
        existing: dict[tuple[str, str], list[tuple[str, str, str | None]]] = {}
        for part in _chunks(names, QUERY_CHUNK):
            sql = f"SELECT id, name, birth_date, id_number FROM resident WHERE name IN ({_marks(part)})"
            for row in self.conn.exec_driver_sql(sql, tuple(part)):
                key = (row.name, str(row.birth_date))
                existing.setdefault(key, []).append((row.id, row.name, row.id_number))
        for c in named:
            birth = c.values["birth_date"]
            assert isinstance(birth, dt.date)
            own_id = c.values.get("id_number")
            for person_id, name, other_id in existing.get(
                (str(c.values["name"]), birth.isoformat()), []
            ):
                # As the person form does: someone with this very ID is the id.duplicate case.
                if own_id and (other_id is None or other_id == own_id):
                    continue
                c.issues.append(
                    Issue("name", "name.duplicate", {"name": name, "person_id": person_id}, True)
                )
                break

    def _check_in_file(self, check: RowCheck) -> None:
        if not check.ok:
            return
        id_number = check.values.get("id_number")
        if id_number:
            first = self.seen_ids.get(str(id_number))
            if first is not None:
                check.issues.append(Issue("id_number", "id.duplicate_in_file", {"row": first}))
                return
            self.seen_ids[str(id_number)] = check.row_number
        name, birth = check.values.get("name"), check.values.get("birth_date")
        if name and isinstance(birth, dt.date):
            key = (str(name), birth)
            first = self.seen_name_birth.get(key)
            if first is None:
                self.seen_name_birth[key] = check.row_number
            elif not any(i.key == "name.duplicate" for i in check.issues):
                check.issues.append(
                    Issue("name", "name.duplicate_in_file", {"row": first, "name": name}, True)
                )


@dataclass
class _HouseholdPlan:
    number: str
    existing_id: str | None = None
    existing_head: str | None = None  # name of the head on register in the database
    head: RowCheck | None = None
    members: list[RowCheck] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.existing_id or self._new_id

    def __post_init__(self) -> None:
        self._new_id = new_id()


def _plan_households(conn: Connection, checks: list[RowCheck]) -> dict[str, _HouseholdPlan]:
    """Group good rows by 户号; one head each, the second head in the file is rejected."""
    plans: dict[str, _HouseholdPlan] = {}
    for c in checks:
        number = c.values.get("household_number")
        if c.ok and number:
            hh = plans.get(str(number))
            if hh is None:
                hh = plans[str(number)] = _HouseholdPlan(str(number))
            hh.members.append(c)
    for part in _chunks(list(plans), QUERY_CHUNK):
        sql = (
            "SELECT h.id, h.household_number, "
            "(SELECT r.name FROM resident r WHERE r.household_id = h.id "
            " AND r.relation_to_head = 'head' AND r.status = 'on_register' LIMIT 1) AS head "
            f"FROM household h WHERE h.household_number IN ({_marks(part)})"
        )
        for row in conn.exec_driver_sql(sql, tuple(part)):
            plans[row.household_number].existing_id = row.id
            plans[row.household_number].existing_head = row.head
    params: dict[str, object]
    for hh in plans.values():
        for c in hh.members:
            if c.values.get("relation_to_head") != "head":
                continue
            if hh.existing_head:
                params = {"number": hh.number, "name": hh.existing_head}
                c.issues.append(Issue("relation_to_head", "household.head_in_db", params))
            elif hh.head is not None:
                params = {
                    "number": hh.number,
                    "row": hh.head.row_number,
                    "name": hh.head.values["name"],
                }
                c.issues.append(Issue("relation_to_head", "household.head_in_file", params))
            else:
                hh.head = c
        hh.members = [c for c in hh.members if c.ok]
        if hh.members and hh.head is None and not hh.existing_head:
            hh.members[0].issues.append(
                Issue("relation_to_head", "household.no_head_number", {"number": hh.number}, True)
            )
    return {n: hh for n, hh in plans.items() if hh.members}


def _numbered_rows(plan: ImportPlan) -> Iterator[tuple[int, list[object]]]:
    for offset, row in enumerate(plan.rows):
        first = row[0] if row else None
        # A text first cell (usually the name) settles it without looking further.
        if (type(first) is str and first.strip()) or not spreadsheet.is_blank(row):
            yield plan.first_row_number + offset, row


def _marks(part: list[Any]) -> str:
    # Plain driver SQL: SQLAlchemy's expanding IN recompiles each query, which cost
    # more than the query itself for 100,000 rows.
    return ", ".join("?" * len(part))


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def preview(db: Database, plan: ImportPlan, *, limit: int = 50) -> list[RowCheck]:
    """The first `limit` rows checked exactly as the import would; stores nothing."""
    authz.require(db, Permission.RESIDENT_IMPORT)
    numbered: list[tuple[int, list[object]]] = []
    for item in _numbered_rows(plan):
        if len(numbered) >= limit:
            break
        numbered.append(item)
    with db.connect() as conn:
        checker = _Checker(conn, plan)
        try:
            checks = checker.check_chunk(numbered)
            _plan_households(conn, checks)
        finally:
            checker.close()
    return checks


# -- importing -----------------------------------------------------------------------------
class _Progress:
    """Checking takes about half the work and storing the other half; one bar for both."""

    def __init__(self, fn: ProgressFn | None, total: int, cancel: threading.Event | None):
        self.fn, self.total, self.cancel = fn, total, cancel

    def at(self, phase: int, done: int) -> None:
        checkpoint(self.cancel)
        if self.fn is not None and self.total:
            half = self.total // 2
            self.fn(min(self.total, done // 2 + (half if phase else 0)), self.total)


def run_import(
    db: Database,
    plan: ImportPlan,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import every good row in one transaction; raises Cancelled with nothing stored."""
    authz.require(db, Permission.RESIDENT_IMPORT)
    numbered = list(_numbered_rows(plan))
    bar = _Progress(progress, len(numbered), cancel)
    with _collector_paused(), db.begin() as conn, _large_cache(conn):
        checker = _Checker(conn, plan)
        checks: list[RowCheck] = []
        try:
            for start in range(0, len(numbered), CHUNK):
                bar.at(0, start)
                checks += checker.check_chunk(numbered[start : start + CHUNK])
        finally:
            checker.close()
        bar.at(0, len(numbered))
        households = _plan_households(conn, checks) if plan.has("household_number") else {}
        good = [c for c in checks if c.ok]
        versions_before = privacy.version_counter(conn)
        created = _store(db, conn, good, households, bar)
        privacy.audit_import(
            conn,
            db,
            plan.path,
            rows=len(checks),
            imported=len(good),
            households=created,
            versions_before=versions_before,
        )
        bar.at(1, len(numbered))
    problems = [
        Problem(c.row_number, _field_heading(i.field), i.message, i.warning)
        for c in checks
        for i in c.issues
    ]
    return ImportReport(
        imported=len(good),
        rejected=len(checks) - len(good),
        problems=problems,
        households_created=created,
    )


def _field_heading(key: str) -> str:
    column = BY_KEY.get(key)
    return column.zh if column else label_for(key)


def _store(
    db: Database,
    conn: Connection,
    good: list[RowCheck],
    households: dict[str, _HouseholdPlan],
    bar: _Progress,
) -> int:
    """Insert households, residents and care links with every provenance column set."""
    office_id = conn.execute(text("SELECT id FROM office ORDER BY created_at LIMIT 1")).scalar()
    if office_id is None:
        raise DomainError(Issue("office", "not_found"))
    new_households = [hh for hh in households.values() if hh.existing_id is None]
    care_total = sum(len(c.values["care_categories"]) for c in good)  # type: ignore[arg-type,misc]
    total = len(new_households) + len(good) + care_total
    if total == 0:
        return 0
    version = reserve_versions(conn, total)
    now = utcnow()
    today = dt.date.today()
    record = {
        "office_id": office_id,
        "created_at": now,
        "updated_at": now,
        "version_instance": db.instance_id,
    }

    hh_rows: list[dict[str, Any]] = []
    for hh in new_households:
        head = hh.head or hh.members[0]
        hh_type = head.values.get("household_type") or next(
            (m.values["household_type"] for m in hh.members if m.values.get("household_type")),
            "family",
        )
        address = head.values.get("current_address") or head.values.get("registered_address")
        hh_rows.append(
            {
                **record,
                "id": hh.id,
                "version": version,
                "household_number": hh.number,
                "household_type": hh_type,
                "address": address or "",
                "status": "active",
            }
        )
        version += 1
    _insert(conn, table_of(Household), hh_rows)

    household_of = {m.row_number: hh.id for hh in households.values() for m in hh.members}
    # Ascending keys append to the primary-key index instead of splitting pages at random.
    person_ids = sorted(_new_ids(len(good)))
    care_ids = iter(_new_ids(care_total))
    people = _Columns(conn, table_of(Resident))
    base = {**people.base, **record, "status": "on_register"}
    care_rows: list[dict[str, Any]] = []
    with _address_index_deferred(conn), _indexes_deferred(conn, "resident", len(good)):
        for start in range(0, len(good), CHUNK):
            bar.at(1, start)
            params = []
            for c, person_id in zip(good[start : start + CHUNK], person_ids[start:], strict=False):
                # c.values holds every person field (clean_person saw them all), plus a
                # few import-only keys that the column pick below leaves out.
                row = {**base, **c.values, **registry.search_keys(c.values)}
                row["id"], row["version"] = person_id, version
                row["household_id"] = household_of.get(c.row_number)
                row["id_converted"] = bool(row["id_converted"])
                params.append(people.params(row))
                version += 1
                for code in c.values["care_categories"]:  # type: ignore[attr-defined]
                    care_rows.append(
                        {
                            **record,
                            "id": next(care_ids),
                            "version": 0,
                            "resident_id": person_id,
                            "category_code": code,
                            "since": today,
                            "active": True,
                        }
                    )
            conn.exec_driver_sql(people.sql, params)  # type: ignore[arg-type]
    for n, row in enumerate(care_rows):
        row["version"] = version + n
    _insert(conn, table_of(ResidentCare), care_rows)
    return len(new_households)


_VARIANT = "89ab" * 4  # RFC 4122 variant bits over any hex digit


def _new_ids(n: int) -> list[str]:
    """n random (version 4) UUID strings, as new_id() makes them, about three times faster.

    One read of the system's random source and plain string slicing, instead of a
    UUID object per row.
    """
    h = os.urandom(16 * n).hex()
    return [
        f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-4{h[i + 13 : i + 16]}-"
        f"{_VARIANT[int(h[i + 16], 16)]}{h[i + 17 : i + 20]}-{h[i + 20 : i + 32]}"
        for i in range(0, 32 * n, 32)
    ]


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        columns = _Columns(conn, table)
        conn.exec_driver_sql(columns.sql, [columns.params({**columns.base, **r}) for r in rows])


class _Columns:
    """One table's INSERT with values converted once by the columns' own types.

    SQLAlchemy's per-row parameter processing costs more than SQLite's insert itself;
    the same bind processors applied here store exactly what the ORM would.
    """

    def __init__(self, conn: Connection, table: Table):
        dialect = conn.dialect
        columns = list(table.columns)
        names = [c.name for c in columns]
        self.base = {c.name: _column_default(c) for c in columns}
        self.processed = [
            (c.name, proc)
            for c in columns
            if (proc := c.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        ]
        self.cache: dict[tuple[str, object], object] = {}  # one timestamp, few dates
        self.pick = operator.itemgetter(*names)
        marks = ", ".join("?" * len(names))
        self.sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"

    def params(self, row: dict[str, Any]) -> tuple[Any, ...]:
        """The row's values in column order; `row` must have every column and is changed."""
        cache = self.cache
        for name, proc in self.processed:
            value = row[name]
            if value is not None:
                key = (name, value)
                converted = cache.get(key)
                if converted is None:
                    converted = cache[key] = proc(value)
                row[name] = converted
        return self.pick(row)  # type: ignore[no-any-return]


def _column_default(column: Any) -> object:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    return None


class _CollectorPause:
    """Pause Python's cycle collector while imports run; resume it after the last one.

    An import makes millions of small objects that all live until it ends, and each
    full collection walks every one of them again: about a third of the checking time
    for 100,000 rows. The import makes no reference cycles worth collecting early.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.resume = False  # whether the collector ran before the first import began

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.depth == 0:
                self.resume = gc.isenabled()
                gc.disable()
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0 and self.resume:
                    gc.enable()


_collector_paused = _CollectorPause()


@contextlib.contextmanager
def _large_cache(conn: Connection) -> Iterator[None]:
    """A bigger page cache while importing: the new rows' index pages stay in memory
    instead of being spilled and read back (about a third faster for 100,000 rows)."""
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(old or -32768)}")


@contextlib.contextmanager
def _address_index_deferred(conn: Connection) -> Iterator[None]:
    """Fill the address search index once for all new rows instead of by trigger per row.

    The trigger's row-by-row inserts into the trigram index cost about ten times a
    single INSERT ... SELECT. Dropping and recreating the trigger happens inside the
    import's transaction, so a cancel or a crash leaves the schema as it was.
    """
    trigger = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
        {"n": ADDRESS_TRIGGER},
    ).scalar()
    if trigger is None:  # an older or newer schema: let whatever it has do its work
        yield
        return
    before = conn.execute(text("SELECT IFNULL(MAX(rowid), 0) FROM resident")).scalar()
    conn.exec_driver_sql(f"DROP TRIGGER {ADDRESS_TRIGGER}")
    yield
    conn.execute(
        text(
            "INSERT INTO resident_address_fts(rowid, current_address, registered_address) "
            "SELECT rowid, current_address, registered_address FROM resident WHERE rowid > :before"
        ),
        {"before": before},
    )
    conn.exec_driver_sql(trigger)


@contextlib.contextmanager
def _indexes_deferred(conn: Connection, table: str, incoming: int) -> Iterator[None]:
    """Build a table's plain indexes once after a large import instead of row by row.

    Sorting 100,000 keys once per index beats 100,000 scattered B-tree inserts, but
    rebuilding also reads every row already stored: worth it only when the import
    brings more rows than the table holds. Unique indexes stay, so a duplicate fails
    at its own insert. The DDL is part of the import's transaction: a cancel or an
    error rolls the indexes back as they were.
    """
    stored = conn.exec_driver_sql(f"SELECT IFNULL(MAX(rowid), 0) FROM {table}").scalar() or 0
    if incoming <= stored:
        yield
        return
    plain = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
        (table,),
    ).all()
    for name, _ in plain:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in plain:
        conn.exec_driver_sql(sql)


# -- the report ----------------------------------------------------------------------------
def write_report(report: ImportReport, path: Path) -> None:
    """One line per problem: row,field,reason; UTF-8 with BOM so Excel shows the Chinese."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["row", "field", "reason"])
        for p in report.problems:
            reason = message("report.warning", reason=p.reason) if p.warning else p.reason
            writer.writerow([p.row, p.field, reason])


def problems_of(checks: Iterable[RowCheck]) -> list[Problem]:
    """The problems of checked rows (for a preview), in the report's form."""
    return [
        Problem(c.row_number, _field_heading(i.field), i.message, i.warning)
        for c in checks
        for i in c.issues
    ]
