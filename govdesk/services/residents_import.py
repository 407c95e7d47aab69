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
from collections import deque
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
from govdesk.domain.names import worked_out_ahead as names_ahead
from govdesk.domain.permissions import Permission
from govdesk.domain.validation_bulk import clean_people
from govdesk.services import authz, privacy, registry, spreadsheet
from govdesk.services.bulk_writer import (
    BulkWriter,
    Statement,
    insert_statements,
    rows_per_statement,
)
from govdesk.services.pinyin_ahead import PinyinAhead
from govdesk.services.progress import Cancelled, ProgressFn, checkpoint
from govdesk.store import place_tally
from govdesk.store.bulk_load import (
    AddressFill,
    address_index_deferred,
    indexes_deferred,
    large_cache,
)
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
# Bound parameters per IN (...) query: a whole chunk's in one. Each query lets go of the
# GIL, and winning it back from the writer thread can take a few milliseconds.
QUERY_CHUNK = CHUNK
# Rows handed to the writer at a time. Each of its statements has to win the GIL back
# from the checking thread, which then waits while the writer binds the parameters.
WRITE_ROWS = 2 * CHUNK
ADDRESS_FILL_ROWS = 4 * CHUNK  # the writer fills the address index this often
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


def _read_cell(cell: object, keep_type: bool) -> object:
    """A cell as the checks take it: text stripped (None when empty), IDs and dates typed."""
    if type(cell) is str:  # most cells: skip the general conversion
        value = cell.strip()
        if value[:1] == "'":
            value = cell_text(value) or ""
        return value or None
    return _raw_cell(cell) if keep_type else cell_text(cell)


def _raw_cell(cell: object) -> object:
    """ID numbers and dates keep their cell type: a float ID is Excel damage, a date is a date."""
    if isinstance(cell, str):
        return cell_text(cell)
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date()
    return cell


# Cell types that _read_cell gives back unchanged when it keeps the type (no datetime:
# a datetime at midnight becomes a date).
_AS_READ = frozenset({dt.date, type(None)})


# -- checking ----------------------------------------------------------------------------
class _Checker:
    """Checks rows in file order, remembering what earlier rows claimed (IDs, heads)."""

    def __init__(self, conn: Connection, plan: ImportPlan, *, sensitive_care: bool = True):
        self.conn = conn
        self.plan = plan
        # Without care.sensitive a file may not put anyone into 社区矫正 and the like.
        self.sensitive_care = sensitive_care
        self._sensitive: dict[str, str] | None = None  # code -> Chinese name
        # (column, field, keep the cell's type, goes to clean_person) for each mapped column
        self.readers = [(i, k, k in RAW_KEYS, k not in EXTRA_KEYS) for i, k in plan.mapping.items()]
        # Later readers of a field win, as in _read; mapped fields that are neither person
        # fields nor household/care ones are read by nobody.
        self.pick = operator.itemgetter(*(i for i, _, _, _ in self.readers), 0)
        self.last_index = max((i for i, _, _, _ in self.readers), default=0)
        self.seen_ids: dict[str, int] = {}
        self.seen_name_birth: dict[tuple[str, dt.date], int] = {}
        self.care_cache: dict[str, tuple[list[str], list[str], list[str]]] = {}
        self.type_cache: dict[str, str | None] = {}
        self.today = dt.date.today()
        self._session: Session | None = None
        # A first import into an empty register has no one to look up (about 0.5 s of
        # queries for 100,000 rows that could only come back empty).
        self.register_empty = _is_empty(conn, "resident")

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # one chunk of rows: field rules, then the database in one query per kind
    def check_chunk(self, numbered: list[tuple[int, list[object]]]) -> list[RowCheck]:
        rows = [row for _, row in numbered]
        columns = self._read_columns(rows)
        if columns is None:
            columns = self._columns_by_row(rows)
        cleaned = clean_people({k: columns[k] for k in PERSON_KEYS}, len(rows), today=self.today)
        checks = [
            self._check_fields(number, *found)
            for (number, _), found in zip(
                numbered, zip(cleaned, *(columns[k] for k in EXTRA_KEYS), strict=True), strict=True
            )
        ]
        self._check_database(checks)
        for check in checks:
            self._check_in_file(check)
        return checks

    def _read(self, row: list[object]) -> tuple[dict[str, Any], object, object, object]:
        """One row's cells as clean_person takes them, and the household and care cells."""
        raw: dict[str, Any] = dict.fromkeys(PERSON_KEYS)
        extra: dict[str, Any] = {}
        width = len(row)
        for index, key, keep_type, target in self.readers:
            cell = row[index] if index < width else None
            (raw if target else extra)[key] = _read_cell(cell, keep_type)
        return (
            raw,
            extra.get("household_number"),
            extra.get("household_type"),
            extra.get("care_categories"),
        )

    def _columns_by_row(self, rows: list[list[object]]) -> dict[str, list[Any]]:
        """The rows read one by one (_read), as columns."""
        read = [self._read(row) for row in rows]
        columns = {k: [r[0][k] for r in read] for k in PERSON_KEYS}
        for n, key in enumerate(EXTRA_KEYS, start=1):
            columns[key] = [r[n] for r in read]
        return columns

    def _read_columns(self, rows: list[list[object]]) -> dict[str, list[Any]] | None:
        """What _read gives for the rows, as one list per field, worked out a column at a time.

        A column whose cells are all text (nearly every column of a register) is
        stripped by a few calls that run in C instead of a Python step per cell. An
        empty person field is left as "" rather than None: clean_person reads both
        alike. None when a row is too short for the mapping (ragged CSV): read by row.
        """
        if not rows or not self.readers or min(map(len, rows)) <= self.last_index:
            return None
        picked = list(map(self.pick, rows))
        n = len(rows)
        columns: dict[str, list[Any]] = {}
        for (_, key, keep_type, target), column in zip(
            self.readers, zip(*picked, strict=False), strict=False
        ):
            types = set(map(type, column))
            values: list[Any]
            if keep_type and types <= _AS_READ:  # date cells (and empty ones) stay as they are
                values = list(column)
            elif len(types) == 1 and str in types:
                values = list(map(str.strip, column))
                joined = "\x00".join(values)
                if joined.startswith("'") or "\x00'" in joined:
                    values = [(cell_text(v) or "") if v[:1] == "'" else v for v in values]
                if not target:
                    values = [v or None for v in values]
            else:
                values = [_read_cell(c, keep_type) for c in column]
            columns[key] = values
        for key in (*PERSON_KEYS, *EXTRA_KEYS):
            if key not in columns:
                columns[key] = [None] * n
        return columns

    def _check_fields(
        self,
        number: int,
        cleaned: tuple[dict[str, Any], list[Issue]],
        household_number: object,
        household_type: object,
        care: object,
    ) -> RowCheck:
        values, issues = cleaned
        values["household_number"] = household_number
        values["household_type"] = None
        if household_type:
            hh_type = self._household_type(household_type)  # type: ignore[arg-type]
            if hh_type is None:
                issues.append(
                    Issue(
                        "household_type",
                        "code.invalid",
                        {"raw": household_type, "field": BY_KEY["household_type"].zh},
                    )
                )
            values["household_type"] = hh_type
        values["care_categories"] = []
        if care:
            found, unknown, refused = self._care(str(care))
            values["care_categories"] = found
            issues += [Issue("care_categories", "care.unknown", {"raw": u}, True) for u in unknown]
            issues += [
                Issue("care_categories", "care.sensitive_refused", {"raw": r}, True)
                for r in refused
            ]
        return RowCheck(number, values, issues)

    def _household_type(self, label: str) -> str | None:
        if label not in self.type_cache:
            self.type_cache[label] = codes.HOUSEHOLD_TYPE.parse(label)
        return self.type_cache[label]

    def _care(self, labels: str) -> tuple[list[str], list[str], list[str]]:
        """(codes to store, unknown labels, labels refused as sensitive) for one cell."""
        if labels not in self.care_cache:
            if self._session is None:
                self._session = Session(bind=self.conn)
            found, unknown = registry.parse_care_labels(self._session, labels)
            refused: list[str] = []
            if not self.sensitive_care:
                if self._sensitive is None:
                    rows = self.conn.execute(
                        text("SELECT code, name_zh FROM care_category WHERE sensitive")
                    )
                    self._sensitive = {str(code): str(name) for code, name in rows}
                refused = [self._sensitive[c] for c in found if c in self._sensitive]
                found = [c for c in found if c not in self._sensitive]
            self.care_cache[labels] = (list(dict.fromkeys(found)), unknown, refused)
        return self.care_cache[labels]

    def _check_database(self, checks: list[RowCheck]) -> None:
        if self.register_empty:
            return
        # Every row with the number, not just the last: two rows of one chunk repeating a
        # stored person's number are both refused (the in-file check skips refused rows).
        by_id: dict[object, list[RowCheck]] = {}
        for c in checks:
            if c.ok and c.values.get("id_number"):
                by_id.setdefault(c.values["id_number"], []).append(c)
        for part in _chunks(list(by_id), QUERY_CHUNK):
            sql = (
                "SELECT r.id, r.id_number, r.name, r.status, h.household_number "
                "FROM resident r LEFT JOIN household h ON h.id = r.household_id "
                f"WHERE r.id_number IN ({_marks(part)})"
            )
            for row in self.conn.exec_driver_sql(sql, tuple(part)):
                where = f"{row.household_number or ''} {codes.RESIDENT_STATUS.label(row.status)}"
                for c in by_id[row.id_number]:
                    c.issues.append(
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
    stored: tuple[str, str] | None = None  # (type, address) as first inserted
    new_id: str = field(default_factory=new_id)  # the id if the household is new

    @property
    def id(self) -> str:
        return self.existing_id or self.new_id

    def row_values(self) -> tuple[str, str]:
        """The household's type and address, taken from its head (or first member)."""
        head = self.head or self.members[0]
        hh_type = head.values.get("household_type") or next(
            (m.values["household_type"] for m in self.members if m.values.get("household_type")),
            "family",
        )
        address = head.values.get("current_address") or head.values.get("registered_address")
        return str(hh_type), str(address or "")


class _Households:
    """Groups good rows by 户号 in file order: one head each, a second head is rejected.

    Rows come a chunk at a time, so that a chunk can be stored before the next one is
    checked; the look-ups go through `look`, which sees the database as it was before
    the import. Each row is placed exactly as if the whole file had been grouped at once.
    """

    def __init__(self, look: Connection):
        self.look = look
        self.ids = _id_pool()
        self.plans: dict[str, _HouseholdPlan] = {}
        self.of: dict[int, str] = {}  # row number -> household id, for accepted members
        self.none_stored = _is_empty(look, "household")

    def add(self, checks: list[RowCheck]) -> list[_HouseholdPlan]:
        """Place the chunk's good rows; returns the households first seen in it."""
        fresh: list[_HouseholdPlan] = []
        placed: list[tuple[RowCheck, _HouseholdPlan]] = []
        for c in checks:
            number = c.values.get("household_number")
            if number and c.ok:
                hh = self.plans.get(str(number))
                if hh is None:
                    hh = self.plans[str(number)] = _HouseholdPlan(
                        str(number), new_id=next(self.ids)
                    )
                    fresh.append(hh)
                placed.append((c, hh))
        by_number = {} if self.none_stored else {hh.number: hh for hh in fresh}
        for part in _chunks(list(by_number), QUERY_CHUNK):
            sql = (
                "SELECT h.id, h.household_number, "
                "(SELECT r.name FROM resident r WHERE r.household_id = h.id "
                " AND r.relation_to_head = 'head' AND r.status = 'on_register' LIMIT 1) AS head "
                f"FROM household h WHERE h.household_number IN ({_marks(part)})"
            )
            for row in self.look.exec_driver_sql(sql, tuple(part)):
                by_number[row.household_number].existing_id = row.id
                by_number[row.household_number].existing_head = row.head
        params: dict[str, object]
        for c, hh in placed:
            if c.values.get("relation_to_head") == "head":
                if hh.existing_head:
                    params = {"number": hh.number, "name": hh.existing_head}
                    c.issues.append(Issue("relation_to_head", "household.head_in_db", params))
                    continue
                if hh.head is not None:
                    params = {
                        "number": hh.number,
                        "row": hh.head.row_number,
                        "name": hh.head.values["name"],
                    }
                    c.issues.append(Issue("relation_to_head", "household.head_in_file", params))
                    continue
                hh.head = c
            hh.members.append(c)
            self.of[c.row_number] = hh.id
        return fresh

    def finish(self) -> dict[str, _HouseholdPlan]:
        """Warn where a new household has no head; the households that gained members."""
        for hh in self.plans.values():
            if hh.members and hh.head is None and not hh.existing_head:
                hh.members[0].issues.append(
                    Issue(
                        "relation_to_head", "household.no_head_number", {"number": hh.number}, True
                    )
                )
        return {n: hh for n, hh in self.plans.items() if hh.members}


def _plan_households(conn: Connection, checks: list[RowCheck]) -> dict[str, _HouseholdPlan]:
    """Group good rows by 户号 (all at once, as the preview does)."""
    households = _Households(conn)
    households.add(checks)
    return households.finish()


def _numbered_rows(plan: ImportPlan) -> Iterator[tuple[int, list[object]]]:
    for offset, row in enumerate(plan.rows):
        first = row[0] if row else None
        # A text first cell (usually the name) settles it without looking further.
        if (type(first) is str and first.strip()) or not spreadsheet.is_blank(row):
            yield plan.first_row_number + offset, row


def _is_empty(conn: Connection, table: str) -> bool:
    """No row at all, as this connection sees the file (before the import's transaction)."""
    return not conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {table})").scalar()


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
        checker = _Checker(conn, plan, sensitive_care=authz.can(db, Permission.CARE_SENSITIVE))
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

    def both(self, checked: int, stored: int) -> None:
        """Rows are stored while later ones are checked: each count fills half the bar."""
        checkpoint(self.cancel)
        if self.fn is not None and self.total:
            self.fn(min(self.total, checked // 2 + stored // 2), self.total)


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
    checks: list[RowCheck] = []
    with _collector_paused(), db.begin() as conn, large_cache(conn):
        store = _Store(db, conn, len(numbered))
        versions_before = store.first_version - 1
        with (
            address_index_deferred(conn) as store.address_fill,
            indexes_deferred(conn, "resident", len(numbered), store.people.shared_names),
            place_tally.deferred(conn, len(numbered)),
        ):
            households = _check_and_write(db, conn, plan, numbered, store, bar, checks)
        created = store.finish(conn, households)
        good = sum(1 for c in checks if c.ok)
        privacy.audit_import(
            conn,
            db,
            plan.path,
            rows=len(checks),
            imported=good,
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
        imported=good,
        rejected=len(checks) - good,
        problems=problems,
        households_created=created,
    )


def _check_and_write(
    db: Database,
    conn: Connection,
    plan: ImportPlan,
    numbered: list[tuple[int, list[object]]],
    store: _Store,
    bar: _Progress,
    checks: list[RowCheck],
) -> dict[str, _HouseholdPlan]:
    """Check the rows a chunk at a time; each checked chunk is written while the next is checked.

    The look-ups (duplicates, existing households) go through a second connection, which
    sees the file as it was before this transaction: exactly what the checks saw when
    the whole file was checked before anything was stored. A chunk is written once the
    pinyin helper (if any) has sent its names' keys; until then it waits in `pending`.
    """
    names, needed = _names_in_order(plan, numbered)
    ahead = PinyinAhead.start(names)
    pending: deque[tuple[list[_HouseholdPlan], list[RowCheck], int]] = deque()
    writer = BulkWriter(conn.connection.driver_connection)  # type: ignore[arg-type]

    batch: tuple[list[_HouseholdPlan], list[RowCheck]] = ([], [])

    def write_ready(wait: bool) -> None:
        """Hand the writer the chunks whose keys are known, a few chunks per statement."""
        while pending and (
            ahead is None
            or ahead.ready(pending[0][2], wait=wait, checkpoint=lambda: checkpoint(bar.cancel))
        ):
            fresh, good, _ = pending.popleft()
            batch[0].extend(fresh)
            batch[1].extend(good)
            if len(batch[1]) >= WRITE_ROWS:
                flush()
        if wait:
            flush()

    def flush() -> None:
        if batch[0] or batch[1]:
            writer.submit(store.statements(*batch, households.of), len(batch[1]))
            batch[0].clear()
            batch[1].clear()

    try:
        with (
            names_ahead(ahead.known if ahead else {}),
            db.connect() as look,
        ):
            checker = _Checker(look, plan, sensitive_care=authz.can(db, Permission.CARE_SENSITIVE))
            households = _Households(look)
            try:
                for chunk, start in enumerate(range(0, len(numbered), CHUNK)):
                    bar.both(start, writer.written)
                    part = checker.check_chunk(numbered[start : start + CHUNK])
                    fresh = households.add(part)
                    pending.append((fresh, [c for c in part if c.ok], needed[chunk]))
                    write_ready(wait=False)
                    checks += part
            finally:
                checker.close()
            bar.both(len(numbered), writer.written)
            planned = households.finish()
            if ahead is not None and not ahead.started():
                # Checked before the helper was even up (a busy machine): do the rest here.
                ahead.give_up()
            write_ready(wait=True)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    finally:
        if ahead is not None:
            ahead.close()
    bar.both(len(numbered), len(numbered))
    return planned


def _names_in_order(
    plan: ImportPlan, numbered: list[tuple[int, list[object]]]
) -> tuple[list[str], list[int]]:
    """The distinct names in the order rows bring them, and how many each chunk needs.

    Cells as typed (stripped), and without their inner spaces as clean_person stores a
    Chinese name; a name cleaned otherwise is not found among them and is worked out
    by the importer itself.
    """
    column = next((i for i, k in plan.mapping.items() if k == "name"), None)
    order: dict[str, None] = {}
    needed: list[int] = []
    for start in range(0, len(numbered), CHUNK):
        if column is not None:
            for _, row in numbered[start : start + CHUNK]:
                cell = row[column] if column < len(row) else None
                if type(cell) is str:
                    name = cell.strip()
                    order[name] = None
                    # clean_person joins a Chinese name typed with spaces (张 三 -> 张三)
                    joined = "".join(name.split())
                    if joined != name:
                        order[joined] = None
        needed.append(len(order))
    return list(order), needed


def _field_heading(key: str) -> str:
    column = BY_KEY.get(key)
    return column.zh if column else label_for(key)


class _Store:
    """Turns checked rows into INSERT statements with every provenance column set.

    Version numbers are counted here as records are made and taken from the counter in
    one go at the end; the transaction holds the write lock from the start, so nothing
    else can take them in between.
    """

    def __init__(self, db: Database, conn: Connection, expected: int):
        # A write first: the lock is ours before any look-up, so what the look-ups see
        # cannot change until this transaction ends.
        self.first_version = self.version = reserve_versions(conn, 0)
        self.office_id: str | None = conn.execute(
            text("SELECT id FROM office ORDER BY created_at LIMIT 1")
        ).scalar()
        now = utcnow()
        self.today = dt.date.today()
        self.record = {
            "office_id": self.office_id,
            "created_at": now,
            "updated_at": now,
            "version_instance": db.instance_id,
        }
        raw = conn.connection.driver_connection
        self.people = _ResidentRows(conn, {**self.record, "status": "on_register"})
        self.people_per_statement = rows_per_statement(raw, len(self.people.names))  # type: ignore[arg-type]
        self.homes = _Columns(conn, table_of(Household))
        self.homes_per_statement = rows_per_statement(raw, len(self.homes.names))  # type: ignore[arg-type]
        # Ascending keys append to the primary-key index instead of splitting pages at random.
        self.person_ids = sorted(_new_ids(expected))
        self.used_ids = 0
        self.links = _Columns(conn, table_of(ResidentCare))
        self.links_per_statement = rows_per_statement(raw, len(self.links.names))  # type: ignore[arg-type]
        self.new_households: list[_HouseholdPlan] = []
        self.address_fill: AddressFill | None = None  # run every few chunks' people
        self.unindexed = 0  # rows written since the address index was last filled

    def statements(
        self, fresh: list[_HouseholdPlan], good: list[RowCheck], household_of: dict[int, str]
    ) -> list[Statement]:
        """One chunk: its new households first (the residents refer to them), then its people."""
        if (good or fresh) and self.office_id is None:
            raise DomainError(Issue("office", "not_found"))
        out: list[Statement] = []
        homes = []
        for hh in fresh:
            if hh.existing_id is not None:
                continue
            hh.stored = hh.row_values()
            row = {
                **self.homes.base,
                **self.record,
                "id": hh.id,
                "version": self.version,
                "household_number": hh.number,
                "household_type": hh.stored[0],
                "address": hh.stored[1],
                "status": "active",
            }
            homes.append(self.homes.params(row))
            self.new_households.append(hh)
            self.version += 1
        out += insert_statements("household", self.homes.names, homes, self.homes_per_statement)
        people = []
        care: list[tuple[str, str]] = []  # (resident id, category code)
        make = self.people.row
        ids = self.person_ids
        for c in good:
            person_id = ids[self.used_ids]
            self.used_ids += 1
            people.append(make(c.values, person_id, self.version, household_of.get(c.row_number)))
            self.version += 1
            for code in c.values["care_categories"]:  # type: ignore[attr-defined]
                care.append((person_id, code))
        out += insert_statements(
            "resident",
            self.people.names,
            people,
            self.people_per_statement,
            self.people.constants,
        )
        # The care links go with their people (after them: they refer to them), so that
        # they are written while later rows are checked rather than after the last one.
        links = [
            self.links.params(
                {
                    **self.links.base,
                    **self.record,
                    "id": link_id,
                    "version": self.version + n,
                    "resident_id": person_id,
                    "category_code": code,
                    "since": self.today,
                    "active": True,
                }
            )
            for n, ((person_id, code), link_id) in enumerate(
                zip(care, _new_ids(len(care)), strict=True)
            )
        ]
        self.version += len(links)
        out += insert_statements("resident_care", self.links.names, links, self.links_per_statement)
        self.unindexed += len(people)
        if self.unindexed >= ADDRESS_FILL_ROWS and self.address_fill is not None:
            out.append(self.address_fill)
            self.unindexed = 0
        return out

    def finish(self, conn: Connection, households: dict[str, _HouseholdPlan]) -> int:
        """Households whose head came later, and the version counter."""
        fixes = []
        for hh in self.new_households:
            final = hh.row_values()
            if final != hh.stored:  # the head or the first type came after the first member
                fixes.append((final[0], final[1], hh.id))
        if fixes:
            conn.exec_driver_sql(
                "UPDATE household SET household_type = ?, address = ? WHERE id = ?", fixes
            )
        used = self.version - self.first_version
        if used:
            first = reserve_versions(conn, used)
            if first != self.first_version:  # cannot happen while we hold the write lock
                raise RuntimeError("the version counter moved during the import")
        return sum(1 for hh in households.values() if hh.existing_id is None)


class _ResidentRows:
    """A resident's INSERT parameters as one tuple, straight from the checked values.

    The columns are ordered so that a row is a few slices joined: the person's values,
    the three that need converting (dates, the flag), the search keys, the row's own
    id, version and household, then what every imported row shares.
    """

    SHARED_FROM_ROW = ("id", "version", "household_id")

    def __init__(self, conn: Connection, shared: dict[str, Any]):
        dialect = conn.dialect
        table = table_of(Resident)
        columns = {c.name: c for c in table.columns}
        procs = {
            name: proc
            for name, c in columns.items()
            if (proc := c.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        value_keys = [k for k in (*PERSON_KEYS, "id_converted") if k in columns]
        # Which search columns there are, from an empty person; its pinyin ("", "") is given
        # so that asking does not load pypinyin here (the helper process may do the names).
        with names_ahead({"": ("", "")}):
            sample = registry.search_keys(dict.fromkeys(PERSON_KEYS))
        search = [k for k in sample if k in columns]
        self.plain = [k for k in value_keys if k not in procs]
        self.converted: list[tuple[str, Any, dict[object, object]]] = [
            (k, procs[k], {}) for k in value_keys if k in procs
        ]
        self.search = search
        taken = {*value_keys, *search, *self.SHARED_FROM_ROW}
        rest = [k for k in columns if k not in taken]
        self.shared_names = frozenset(rest)  # the same value in every imported row
        defaults = {k: _column_default(c) for k, c in columns.items()}
        shared_values = []
        for k in rest:
            value = shared.get(k, defaults[k])
            if value is not None and k in procs:
                value = procs[k](value)
            shared_values.append(value)
        # written into the INSERT as literals rather than bound with every row
        self.constants = tuple(zip(rest, shared_values, strict=True))
        self.defaults = {k: defaults[k] for k in value_keys}
        self.names = (*self.plain, *(k for k, _, _ in self.converted), *search)
        self.names = (*self.names, *self.SHARED_FROM_ROW)
        self.pick_plain = operator.itemgetter(*self.plain)
        self.pick_search = operator.itemgetter(*search)

    def row(
        self, values: dict[str, Any], person_id: str, version: int, household_id: str | None
    ) -> tuple[Any, ...]:
        try:
            plain = self.pick_plain(values)
        except KeyError:  # clean_person leaves out what it refused; use the column defaults
            values = {**self.defaults, **values}
            plain = self.pick_plain(values)
        converted = []
        for key, proc, cache in self.converted:
            value = values.get(key)
            if key == "id_converted":
                value = bool(value)
            if value is not None:
                done = cache.get(value)
                if done is None:
                    done = cache[value] = proc(value)
                value = done
            converted.append(value)
        found = registry.search_keys(values)
        try:
            keys = self.pick_search(found)
        except KeyError:
            keys = tuple(found.get(k) for k in self.search)
        return (*plain, *converted, *keys, person_id, version, household_id)


def _id_pool(block: int = 1000) -> Iterator[str]:
    """Random ids for as long as they are asked, made a block at a time by _new_ids."""
    while True:
        yield from _new_ids(block)


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
        self.names = tuple(names)
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
