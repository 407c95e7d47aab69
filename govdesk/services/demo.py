"""Demo databases: synthetic, realistic residents and households, the same for the same seed."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
import re
import sqlite3
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlmodel import SQLModel
from stdnum import numdb
from stdnum.cn import ric

from govdesk.domain import models  # noqa: F401  (registers the tables in SQLModel.metadata)
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import utcnow
from govdesk.services import accounts
from govdesk.services import demo_data as data
from govdesk.services.demo_events import create_events_demo
from govdesk.services.demo_grids import DemoPlaces, create_grids_demo
from govdesk.services.demo_mediation import create_mediation_demo
from govdesk.services.demo_volunteers import create_volunteers_demo
from govdesk.services.office import check_office, init_database
from govdesk.services.progress import ProgressFn
from govdesk.services.registry import search_keys
from govdesk.store import place_tally
from govdesk.store.database import Database
from govdesk.store.versioning import reserve_versions

DEMO_KEY = "demo"
DEFAULT_OFFICE_NAME = "幸福社区居民委员会"
DEFAULT_DIVISION = "110105001001"
# Ages, dates of arrival and status changes count back from this day rather than from
# today, so that a seed gives the same database whenever it is run.
REFERENCE_DATE = dt.date(2026, 11, 1)
CHUNK_SIZE = 20_000


@dataclass
class DemoResult:
    """What `create_demo` wrote."""

    path: Path
    residents: int = 0
    households: int = 0
    places: int = 0
    care_links: int = 0
    status_changes: int = 0
    replaced: bool = False
    accounts: list[str] = field(default_factory=list)
    mediation_cases: int = 0
    screening_reports: int = 0


def probe(path: Path) -> str:
    """'missing', 'demo', 'real' (a govdesk database with real data) or 'foreign'.

    Reads through a read-only connection so that no byte of a real database changes.
    """
    path = Path(path)
    if not path.exists():
        return "missing"
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return "foreign"
        # Without a -wal file everything is in the main file, and `immutable` reads it
        # without creating -wal/-shm beside it; with one, a read-only connection sees it.
        wal = Path(f"{path}-wal").exists()
        mode = "mode=ro" if wal else "mode=ro&immutable=1"
        con = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except (OSError, sqlite3.Error):
        return "foreign"
    try:
        has_meta = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not has_meta:
            return "foreign"
        row = con.execute("SELECT value FROM meta WHERE key = ?", (DEMO_KEY,)).fetchone()
        return "demo" if row is not None and row[0] == "1" else "real"
    except sqlite3.Error:
        return "foreign"
    finally:
        con.close()


def create_demo(
    path: Path,
    *,
    residents: int = 2000,
    seed: int = 1,
    office_name: str = DEFAULT_OFFICE_NAME,
    division_code: str = DEFAULT_DIVISION,
    progress: ProgressFn | None = None,
    chunk_size: int = CHUNK_SIZE,
    today: dt.date | None = None,
) -> DemoResult:
    """Create a new demo database at `path`; an existing demo database is replaced.

    Mediation cases count back from `today` (default: the real today), so that their
    deadlines fall around the day the demo is used.

    Refuses (DomainError) a file that is not a demo database, and leaves it untouched.
    """
    path = Path(path)
    if residents < 0:
        raise ValueError("residents must not be negative")
    kind = probe(path)
    if kind == "real":
        raise DomainError(Issue("database", "db.not_demo", {"path": path}))
    if kind == "foreign":
        raise DomainError(Issue("database", "db.exists", {"path": path}))
    issues = check_office(office_name, division_code)
    if issues:  # before an old demo file is removed
        raise DomainError(issues)
    result = DemoResult(path=path, replaced=kind == "demo")
    if kind == "demo":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = init_database(path, name=office_name, division_code=division_code)
    try:
        # Marked first, so that an interrupted run still leaves a file `demo` may replace.
        with db.begin() as conn:
            db.set_meta(conn, DEMO_KEY, "1")
        # One account per role, all with the published demo password; real databases
        # never get fixed passwords (their administrator is made at the first run).
        result.accounts = accounts.create_demo_accounts(db)
        with db.connect() as conn:
            office_id = conn.exec_driver_sql("SELECT id FROM office").scalar_one()
        generator = _Generator(seed, division_code.strip())
        _write(db, generator.batches(residents, chunk_size), office_id, result, residents, progress)
        made = create_mediation_demo(db, seed=seed, office_name=office_name.strip(), today=today)
        result.mediation_cases = made.total
        result.screening_reports = made.screening_reports
        create_grids_demo(db, seed=seed, today=today)
        create_events_demo(db, today, seed=seed)  # visits and events need the grids
        create_volunteers_demo(db, seed=seed, today=today)
    finally:
        db.close()
    return result


# Parents before children, for the foreign keys: (table, field of _Batch).
_TABLES = (
    ("place", "places"),
    ("household", "households"),
    ("resident", "residents"),
    ("resident_status_change", "status_changes"),
    ("resident_care", "care_links"),
)
_ADDRESS_TRIGGER = "resident_address_ai"


def _write(
    db: Database,
    batches: Iterator[_Batch],
    office_id: str,
    result: DemoResult,
    total: int,
    progress: ProgressFn | None,
) -> None:
    """Insert batch by batch, one transaction each, through the driver's executemany.

    Rows are plain tuples in the storage format SQLAlchemy itself uses (ISO dates,
    its DATETIME text, 0/1), which skips per-row parameter processing: at a million
    residents that processing alone took longer than SQLite.
    """
    dialect = db.engine.dialect
    statements = []
    for table_name, name in _TABLES:
        table = SQLModel.metadata.tables[table_name]
        columns = [c.name for c in table.columns]
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
        statements.append((sql, columns, name))
    created_at = SQLModel.metadata.tables["resident"].c.created_at
    created = created_at.type.bind_processor(dialect)
    if progress:
        progress(0, total)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # A demo file can simply be made again, so it skips the fsync of every commit that
        # real data gets; FULL is back before the last checkpoint. The bigger page cache
        # keeps the random-order primary keys (UUIDs) in memory.
        raw.execute("PRAGMA synchronous = OFF")
        raw.execute("PRAGMA cache_size = -262144")
        try:
            with _indexes_built_at_end(conn):
                for batch in batches:
                    now = created(utcnow()) if created else utcnow()
                    with conn.begin():
                        _insert_batch(
                            conn, batch, statements, office_id, db.instance_id, now, result
                        )
                    if progress:
                        progress(result.residents, total)
        finally:
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("PRAGMA cache_size = -32768")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _insert_batch(
    conn: Connection,
    batch: _Batch,
    statements: list[tuple[str, list[str], str]],
    office_id: str,
    instance_id: str,
    now: Any,
    result: DemoResult,
) -> None:
    groups = [(sql, columns, getattr(batch, name), name) for sql, columns, name in statements]
    version = reserve_versions(conn, sum(len(g[2]) for g in groups))
    common = {
        "office_id": office_id,
        "created_at": now,
        "updated_at": now,
        "version_instance": instance_id,
    }
    for sql, columns, rows, name in groups:
        tuples = []
        for row in rows:
            row.update(common, version=version)
            version += 1
            tuples.append(tuple(_stored(row[c]) for c in columns))
        if tuples:
            conn.exec_driver_sql(sql, tuples)
        setattr(result, name, getattr(result, name) + len(rows))


def _stored(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@contextlib.contextmanager
def _indexes_built_at_end(conn: Connection) -> Iterator[None]:
    """Insert without the secondary indexes and the address trigger; build them once at the end.

    Every index of the resident tables grows row by row in random order otherwise (UUIDs,
    ID numbers, names), and the insert trigger of migration 0002 keeps the address search
    index in step per row; building each once from the finished table is several times
    faster. Their SQL is read back from sqlite_master and run again unchanged, so this
    follows whatever the migrations define. Unique indexes are checked when rebuilt.
    The place tally's triggers (migration 0008) are set aside the same way and the tally is
    counted once at the end. Other triggers, should migrations add any, stay in place.
    """
    tables = [t for t, _ in _TABLES]
    marks = ", ".join("?" for _ in tables)
    with conn.begin():
        objects = conn.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
            f"(type = 'index' AND tbl_name IN ({marks})) OR (type = 'trigger' AND name = ?) "
            "OR (type = 'trigger' AND name LIKE ?))",
            (*tables, _ADDRESS_TRIGGER, place_tally.TRIGGER_PREFIX + "%"),
        ).all()
        for kind, name, _sql in objects:
            conn.exec_driver_sql(f'DROP {"TRIGGER" if kind == "trigger" else "INDEX"} "{name}"')
    yield
    with conn.begin():
        if any(name == _ADDRESS_TRIGGER for _, name, _ in objects):
            conn.exec_driver_sql(
                "INSERT INTO resident_address_fts(resident_address_fts) VALUES ('rebuild')"
            )
        for kind, _name, sql in objects:
            if kind == "index":
                conn.exec_driver_sql(sql)
        if any(name.startswith(place_tally.TRIGGER_PREFIX) for _, name, _ in objects):
            place_tally.rebuild(conn)
        for kind, _name, sql in objects:
            if kind == "trigger":
                conn.exec_driver_sql(sql)


@dataclass
class _Batch:
    places: list[dict[str, Any]] = field(default_factory=list)
    households: list[dict[str, Any]] = field(default_factory=list)
    residents: list[dict[str, Any]] = field(default_factory=list)
    status_changes: list[dict[str, Any]] = field(default_factory=list)
    care_links: list[dict[str, Any]] = field(default_factory=list)


def _cumulative(pairs: list[tuple[str, float]]) -> tuple[list[str], list[float]]:
    return [p for p, _ in pairs], list(itertools.accumulate(w for _, w in pairs))


_SURNAMES = _cumulative(data.SURNAMES)
_ETHNICITIES = _cumulative(data.ETHNICITY_WEIGHTS)
_ORIGINS = _cumulative(data.ORIGIN_AREAS)
_OCCUPATIONS = _cumulative(data.OCCUPATIONS)
_FLOATING_OCCUPATIONS = _cumulative(data.FLOATING_OCCUPATIONS)
_ARRIVAL_REASONS = _cumulative(data.ARRIVAL_REASONS)
_DISABILITY_KINDS = _cumulative(data.DISABILITY_KINDS)
_DISABILITY_GRADES = _cumulative(data.DISABILITY_GRADES)
_MENTAL_GRADES = _cumulative(data.MENTAL_RISK_GRADES)
_FOREIGNERS = list(itertools.accumulate(f[4] for f in data.FOREIGNERS))
_PERSON_COLUMNS = (
    "name", "sex", "ethnicity", "id_number", "birth_date", "phone", "political_status",
    "education", "marital_status", "occupation", "registered_address", "current_address",
    "person_type", "residence_permit_no", "arrival_date", "arrival_reason", "landlord",
    "nationality", "passport_no", "relation_to_head", "notes",
)  # fmt: skip


@lru_cache(maxsize=4096)
def area_valid(code: str, year: int) -> bool:
    """Whether the bundled area table knows `code` for people born in `year`."""
    try:
        ric.get_birth_place(f"{code}{year}01010010")
    except Exception:
        return False
    return True


def _for_year(names: str, year: int) -> str:
    """'[1983-2014]新市区,[2015-]竞秀区' → the name in force in `year`."""
    for part in names.split(","):
        m = re.fullmatch(r"\[(\d*)-(\d*)\](.*)", part)
        if not m:
            return part
        start, end, name = m.groups()
        if (not start or year >= int(start)) and (not end or year <= int(end)):
            return name
    return names.split("]")[-1]


@lru_cache(maxsize=4096)
def place_name(code: str, year: int) -> str:
    """'河南省郑州市中原区' for an area code, as the table names it for `year`."""
    info = ric.get_birth_place(f"{code}{year}01010010")
    province, county = info["province"], info["county"]
    parts = numdb.get("cn/loc").info(code[:4] + "00")
    city = _for_year(parts[-1][1].get("county", ""), year) if len(parts) > 1 else ""
    if city in ("市辖区", "县", province) or city.startswith("["):
        city = ""
    return province + city + county


class _Generator:
    """Makes households with their members, all from one seeded random stream."""

    def __init__(self, seed: int, division_code: str):
        self.rng = random.Random(seed)
        self.division_code = division_code
        self.home_area = division_code[:6]
        self.used_ids: set[int] = set()
        self.household_seq = 0
        self.homes = self._compound_homes()
        # Place ids from a stream of their own: the residents stay as they were per seed.
        place_rng = random.Random(f"places:{seed}")
        self.places = DemoPlaces(lambda: str(uuid.UUID(int=place_rng.getrandbits(128), version=4)))
        self.farms = self._village_homes()
        self.landlords: deque[str] = deque(maxlen=500)
        self.today = REFERENCE_DATE
        year = REFERENCE_DATE.year
        # "北京市朝阳区" before a registered address, when the table knows the office's district.
        self.home_place = (
            place_name(self.home_area, year) if area_valid(self.home_area, year) else ""
        )

    # -- small helpers -------------------------------------------------------------
    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def pick(self, table: tuple[list[str], list[float]]) -> str:
        return self.rng.choices(table[0], cum_weights=table[1])[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days_ago(self, low: int, high: int, *, not_before: dt.date | None = None) -> dt.date:
        d = self.today - dt.timedelta(days=self.rng.randint(low, high))
        return max(d, not_before) if not_before else d

    def birth_date(self, age: int) -> dt.date:
        return self.today - dt.timedelta(days=int(age * 365.25) + self.rng.randrange(365))

    def name(self, sex: str, year: int, surname: str | None = None) -> str:
        era = "old" if year < 1960 else "mid" if year < 1980 else "young" if year < 2000 else "new"
        first, second = data.GIVEN[(era, sex)]
        surname = surname or self.pick(_SURNAMES)
        if self.chance(data.SINGLE_GIVEN[era]):
            return surname + self.rng.choice(second)
        return surname + self.rng.choice(first) + self.rng.choice(second)

    def phone(self) -> str:
        return self.rng.choice(data.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def id_number(self, area: str, birth: dt.date, sex: str) -> str:
        while True:
            seq = (
                2 * self.rng.randrange(500) + 1 if sex == "male" else 2 * self.rng.randrange(1, 500)
            )
            body = f"{area}{birth:%Y%m%d}{seq:03d}"
            key = int(body)
            if key not in self.used_ids:
                self.used_ids.add(key)
                return body + ric.calc_check_digit(body + "0")

    def area_for(self, preferred: str, year: int, pool: str) -> str:
        """An area code the table knows for `year`: the preferred one, else one from `pool`."""
        if area_valid(preferred, year):
            return preferred
        for _ in range(8):
            code = self.pick(_ORIGINS) if pool == "origin" else self.rng.choice(data.BEIJING_AREAS)
            if area_valid(code, year):
                return code
        return "110105"  # valid for every year in the table

    # -- addresses -----------------------------------------------------------------
    def _compound_homes(self) -> Iterator[str]:
        names = [s + x for s in data.COMPOUND_STEMS for x in data.COMPOUND_SUFFIXES]
        self.rng.shuffle(names)
        for phase in itertools.count(1):
            for compound in names:
                if phase > 1:
                    compound += f"{phase}期" if phase < 10 else f"({phase}期)"
                buildings = self.rng.randint(6, 30)
                units = self.rng.randint(2, 6)
                floors = self.rng.choice((5, 6, 6, 7, 11, 18, 24))
                per_floor = self.rng.choice((2, 2, 3, 4))
                for b in range(1, buildings + 1):
                    for u in range(1, units + 1):
                        for f in range(1, floors + 1):
                            for r in range(1, per_floor + 1):
                                if self.chance(0.88):  # some flats stand empty
                                    yield f"{compound}{b}号楼{u}单元{f}{r:02d}室"

    def _village_homes(self) -> Iterator[str]:
        for phase in itertools.count(1):
            for village in data.VILLAGES:
                # Later rounds are neighbouring villages: 东前进村, 西前进村, …
                n = phase - 2
                prefix = "" if n < 0 else data.DIRECTIONS[n] if n < len(data.DIRECTIONS) else f"{n}"
                name = prefix + village
                for g in range(self.rng.randint(4, 10)):
                    group = data.GROUP_NUMERALS[g]
                    for house in range(1, self.rng.randint(40, 120)):
                        if self.chance(0.9):
                            yield f"{name}村第{group}村民小组{house}号"

    def elsewhere(self, area: str, year: int) -> str:
        """A registered address in another place (for 常住 and 流动 people)."""
        if self.chance(0.5) or area.startswith(("11", "12", "31")):
            street = self.rng.choice(data.STREETS)
            return f"{place_name(area, year)}{street}{self.rng.randint(1, 300)}号"
        stem = self.rng.choice(data.VILLAGE_STEMS)
        suffix = self.rng.choice(("庄村", "家村", "营村", "屯村"))
        return f"{place_name(area, year)}{stem}{suffix}{self.rng.randint(1, 200)}号"

    # -- households ----------------------------------------------------------------
    def batches(self, total: int, chunk_size: int) -> Iterator[_Batch]:
        batch = _Batch()
        made = 0
        while made < total:
            hh, members, changes, care = self.household()
            members = members[: total - made]  # the head comes first and is always kept
            kept = {m["id"] for m in members}
            batch.places.extend(self.places.take())
            batch.households.append(hh)
            batch.residents.extend(members)
            batch.status_changes.extend(c for c in changes if c["resident_id"] in kept)
            batch.care_links.extend(c for c in care if c["resident_id"] in kept)
            made += len(members)
            if len(batch.residents) >= chunk_size:
                yield batch
                batch = _Batch()
        if batch.households:
            yield batch

    def household(self) -> tuple[dict, list[dict], list[dict], list[dict]]:
        r = self.rng.random()
        ptype = (
            "registered"
            if r < 0.72
            else "resident"
            if r < 0.82
            else "floating"
            if r < 0.99
            else "foreign"
        )
        rural = self.chance(0.08)
        address = next(self.farms) if rural else next(self.homes)
        self.household_seq += 1
        collective = ptype == "registered" and self.chance(0.015)
        hh = {
            "id": self.uuid(),
            "household_number": f"{110000000 + self.household_seq:09d}",
            "household_type": "collective" if collective else "family",
            "address": address,
            "status": "active",
            "place_id": self.places.home_of(address),  # 以房管人: its building or house
        }
        if ptype == "foreign":
            plan = self.foreign_plan()
        elif collective:
            plan = [
                (
                    "head" if i == 0 else "other",
                    self.rng.randint(19, 55),
                    self.rng.choice(("male", "female")),
                )
                for i in range(self.rng.randint(2, 6))
            ]
        elif ptype == "floating":
            plan = self.floating_plan()
        else:
            plan = self.family_plan()
        members = self.members(hh, plan, ptype, rural)
        changes = self.status_changes(members) if ptype in ("registered", "resident") else []
        care = self.care(members, ptype)
        return hh, members, changes, care

    def family_plan(self) -> list[tuple[str, int, str]]:
        """(relation, age, sex) for a registered family: single, couple, with children or three generations."""
        r = self.rng.random()
        rng = self.rng
        head_sex = "male" if self.chance(0.62) else "female"
        other = "female" if head_sex == "male" else "male"
        if r < 0.18:
            return [("head", rng.randint(20, 92), head_sex)]
        if r < 0.42:
            age = rng.randint(24, 88)
            return [("head", age, head_sex), ("spouse", max(20, age + rng.randint(-5, 5)), other)]
        if r < 0.86:
            age = rng.randint(26, 62)
            plan = [("head", age, head_sex)]
            if self.chance(0.88):
                plan.append(("spouse", max(22, age + rng.randint(-5, 5)), other))
            for _ in range(rng.choices((1, 2, 3), (62, 33, 5))[0]):
                child_age = age - rng.randint(23, 38)
                if child_age >= 0:
                    sex = rng.choice(("male", "female"))
                    plan.append(("son" if sex == "male" else "daughter", child_age, sex))
            if self.chance(0.18):
                plan.append(
                    ("parent", min(99, age + rng.randint(23, 32)), rng.choice(("male", "female")))
                )
            return plan[:6]
        if r < 0.96:
            age = rng.randint(52, 80)
            plan = [("head", age, head_sex), ("spouse", max(45, age + rng.randint(-4, 4)), other)]
            child_age = age - rng.randint(23, 34)
            child_sex = "male" if self.chance(0.7) else "female"
            plan.append(("son" if child_sex == "male" else "daughter", child_age, child_sex))
            if self.chance(0.8):
                in_law_sex = "female" if child_sex == "male" else "male"
                plan.append(("child_in_law", max(20, child_age + rng.randint(-4, 4)), in_law_sex))
            for _ in range(rng.choices((0, 1, 2), (15, 60, 25))[0]):
                grand_age = child_age - rng.randint(23, 35)
                if grand_age >= 0:
                    plan.append(("grandchild", grand_age, rng.choice(("male", "female"))))
            return plan[:6]
        age = rng.randint(30, 70)
        plan = [("head", age, head_sex)]
        if self.chance(0.5):
            plan.append(
                ("sibling", max(18, age + rng.randint(-8, 8)), rng.choice(("male", "female")))
            )
        child_age = age - rng.randint(22, 36)
        if child_age >= 0:
            sex = rng.choice(("male", "female"))
            plan.append(("son" if sex == "male" else "daughter", child_age, sex))
        return plan

    def floating_plan(self) -> list[tuple[str, int, str]]:
        rng = self.rng
        age = rng.randint(18, 58)
        head_sex = "male" if self.chance(0.6) else "female"
        other = "female" if head_sex == "male" else "male"
        plan = [("head", age, head_sex)]
        if self.chance(0.55):
            plan.append(("spouse", max(18, age + rng.randint(-4, 4)), other))
            for _ in range(rng.choices((0, 1, 2), (40, 45, 15))[0]):
                child_age = age - rng.randint(21, 35)
                if child_age >= 0:
                    sex = rng.choice(("male", "female"))
                    plan.append(("son" if sex == "male" else "daughter", child_age, sex))
        return plan

    def foreign_plan(self) -> list[tuple[str, int, str]]:
        rng = self.rng
        age = rng.randint(24, 62)
        head_sex = rng.choice(("male", "female"))
        plan = [("head", age, head_sex)]
        if self.chance(0.4):
            plan.append(
                (
                    "spouse",
                    max(22, age + rng.randint(-5, 5)),
                    "female" if head_sex == "male" else "male",
                )
            )
            if self.chance(0.5) and age > 28:
                sex = rng.choice(("male", "female"))
                plan.append(("son" if sex == "male" else "daughter", rng.randint(0, age - 24), sex))
        return plan

    # -- people --------------------------------------------------------------------
    def members(
        self, hh: dict, plan: list[tuple[str, int, str]], ptype: str, rural: bool
    ) -> list[dict]:
        rng = self.rng
        head_sex = plan[0][2] or rng.choice(("male", "female"))
        origin = self.pick(_ORIGINS) if ptype == "floating" else rng.choice(data.BEIJING_AREAS)
        foreign = data.FOREIGNERS[
            rng.choices(range(len(data.FOREIGNERS)), cum_weights=_FOREIGNERS)[0]
        ]
        head_ethnicity = self.pick(_ETHNICITIES)
        landlord = None
        if ptype in ("floating", "foreign"):
            landlord = rng.choice(self.landlords) if self.landlords else self.name("male", 1965)
        arrival = self.days_ago(30, 3650)
        permit = f"{self.home_area}{arrival.year}{rng.randrange(10**6):06d}"
        # Children carry the father's surname; a woman heading a family with a husband keeps hers.
        head_surname = self.pick(_SURNAMES)
        has_husband = head_sex == "female" and any(
            r == "spouse" and (s or "male") == "male" for r, _, s in plan
        )
        family_surname = self.pick(_SURNAMES) if has_husband else head_surname
        people = []
        for index, (relation, age, sex) in enumerate(plan):
            sex = sex or rng.choice(("male", "female"))
            birth = self.birth_date(age)
            if relation == "head":
                surname: str | None = head_surname
            elif relation in ("son", "daughter", "grandchild") or (
                relation == "spouse" and has_husband
            ):
                surname = family_surname
            elif relation in ("sibling", "parent") and (relation == "sibling" or sex == "male"):
                surname = head_surname
            else:
                surname = None
            values: dict[str, Any] = dict.fromkeys(_PERSON_COLUMNS)
            values.update(
                name=self.name(sex, birth.year, surname),
                sex=sex,
                birth_date=birth,
                person_type=ptype,
                relation_to_head=relation,
                current_address=hh["address"],
            )
            if ptype == "foreign":
                values["name"] = f"{rng.choice(foreign[1])} {rng.choice(foreign[2])}"
                values["nationality"] = foreign[0]
                values["passport_no"] = "".join(
                    str(rng.randrange(10))
                    if ch == "#"
                    else chr(65 + rng.randrange(26))
                    if ch == "A"
                    else ch
                    for ch in foreign[3]
                )
                values["landlord"] = landlord
                values["arrival_date"] = max(arrival, birth)
                values["arrival_reason"] = rng.choice(("务工", "求学", "随迁家属", "经商"))
            else:
                own_family = relation in ("spouse", "parent", "child_in_law", "other")
                values["ethnicity"] = self.pick(_ETHNICITIES) if own_family else head_ethnicity
                if ptype == "registered":
                    local = self.chance(0.75)
                    area = self.home_area if local else rng.choice(data.BEIJING_AREAS)
                    if self.chance(0.06):  # moved their hukou in from another province
                        area = self.pick(_ORIGINS)
                    area = self.area_for(area, birth.year, "beijing")
                    values["registered_address"] = self.home_place + hh["address"]
                else:
                    pool = "beijing" if ptype == "resident" else "origin"
                    area = self.area_for(origin, birth.year, pool)
                    values["registered_address"] = self.elsewhere(area, birth.year)
                if ptype == "floating":
                    values["landlord"] = landlord
                    values["arrival_date"] = max(arrival, birth)
                    values["arrival_reason"] = (
                        "随迁家属" if relation != "head" else self.pick(_ARRIVAL_REASONS)
                    )
                    if age >= 16 and self.chance(0.75):
                        values["residence_permit_no"] = permit[:-2] + f"{index:02d}"
                values["id_number"] = self.id_number(area, birth, sex)
            self.fill_life(values, age, relation, plan, ptype)
            if (
                age >= 16
                and self.chance(0.9 if age < 75 else 0.6)
                or (10 <= age < 16 and self.chance(0.3))
            ):
                values["phone"] = self.phone()
            row = {"id": self.uuid(), **values, **search_keys(values)}
            row.update(
                household_id=hh["id"],
                status="on_register",
                status_date=None,
                status_reason=None,
                id_converted=False,
            )
            people.append(row)
        if ptype == "registered" and not rural:
            self.landlords.append(people[0]["name"])
        return people

    def fill_life(self, values: dict, age: int, relation: str, plan: list, ptype: str) -> None:
        """Education, marriage, politics and work that fit the person's age."""
        rng = self.rng
        year = values["birth_date"].year
        if age < 6:
            values["education"] = "preschool"
        elif age < 12:
            values["education"] = "primary"
        elif age < 15:
            values["education"] = "junior_high"
        elif age < 18:
            values["education"] = rng.choice(("high_school", "high_school", "secondary_vocational"))
        elif age < 22:  # at school or college now, or left after school
            values["education"] = rng.choices(
                ("high_school", "secondary_vocational", "college", "bachelor"), (35, 15, 25, 25)
            )[0]
        else:
            era = "old" if year < 1955 else "mid" if year < 1975 else "young"
            if era == "young" and ptype == "floating":
                era = "floating"
            pool = data.EDUCATION_BY_ERA[era]
            values["education"] = rng.choices([p for p, _ in pool], [w for _, w in pool])[0]
        has_spouse = any(r == "spouse" for r, _, _ in plan)
        if age < 20:
            values["marital_status"] = "unmarried" if age >= 16 else None
        elif relation in ("head", "spouse") and has_spouse or relation == "child_in_law":
            values["marital_status"] = "married"
        elif age >= 70:
            values["marital_status"] = rng.choices(
                ("widowed", "married", "divorced"), (60, 30, 10)
            )[0]
        elif age >= 32:
            values["marital_status"] = rng.choices(
                ("married", "divorced", "unmarried", "widowed"), (50, 25, 20, 5)
            )[0]
        else:
            values["marital_status"] = rng.choices(("unmarried", "married"), (75, 25))[0]
        if age >= 18 and self.chance(0.09 if ptype != "foreign" else 0):
            values["political_status"] = "party_member"
        elif 14 <= age <= 28 and ptype != "foreign" and self.chance(0.4):
            values["political_status"] = "league_member"
        elif age >= 14 and ptype != "foreign":
            values["political_status"] = (
                "probationary_member"
                if self.chance(0.003)
                else "democratic_party"
                if self.chance(0.002)
                else "masses"
            )
        if age < 6:
            values["occupation"] = None
        elif age < 19 or (age < 23 and self.chance(0.6)):
            values["occupation"] = "学生"
        elif age >= 60 or (age >= 55 and values["sex"] == "female" and ptype != "floating"):
            values["occupation"] = "离退休人员" if ptype != "floating" else "无业"
        else:
            values["occupation"] = self.pick(
                _FLOATING_OCCUPATIONS if ptype == "floating" else _OCCUPATIONS
            )
        if ptype == "foreign" and age >= 23:
            values["occupation"] = rng.choice(("外企职员", "外籍教师", "留学生", "商务人员"))

    def status_changes(self, members: list[dict]) -> list[dict]:
        """A few people moved out or died: the record stays, with its history row."""
        out = []
        for person in members[1:]:  # the head stays on the register: one head per household
            age = (self.today - person["birth_date"]).days // 365
            new = None
            if age >= 70 and self.chance(0.05):
                new, reason = "deceased", self.rng.choice(data.DEATH_REASONS)
            elif (
                person["relation_to_head"] in ("son", "daughter")
                and 18 <= age <= 40
                and self.chance(0.06)
            ):
                new, reason = "moved_out", self.rng.choice(data.MOVE_OUT_REASONS)
            if new is None:
                continue
            when = self.days_ago(10, 1100, not_before=person["birth_date"])
            person.update(status=new, status_date=when, status_reason=reason)
            out.append(
                {
                    "id": self.uuid(),
                    "resident_id": person["id"],
                    "old_status": "on_register",
                    "new_status": new,
                    "date": when,
                    "reason": reason,
                }
            )
        return out

    def care(self, members: list[dict], ptype: str) -> list[dict]:
        """Care categories in roughly the proportions a community sees."""
        links = []

        def link(
            person: dict, code: str, grade: str | None = None, note: str | None = None
        ) -> None:
            since = self.days_ago(30, 3650, not_before=person["birth_date"])
            links.append(
                {
                    "id": self.uuid(),
                    "resident_id": person["id"],
                    "category_code": code,
                    "grade": grade,
                    "since": since,
                    "until": None,
                    "note": note,
                    "active": True,
                }
            )

        on_register = [m for m in members if m["status"] == "on_register"]
        ages = {m["id"]: (self.today - m["birth_date"]).days // 365 for m in on_register}
        head = members[0]
        if ptype in ("registered", "resident"):
            if len(on_register) == 1 and ages[head["id"]] >= 65 and self.chance(0.8):
                link(head, "elderly_alone", note="独居")
            elif len(on_register) == 2 and all(a >= 65 for a in ages.values()) and self.chance(0.3):
                link(head, "elderly_alone", note="空巢")
            if ptype == "registered" and self.chance(0.015):
                link(head, "subsistence")
            if len(on_register) == 1 and ages[head["id"]] >= 60 and self.chance(0.03):
                link(head, "extreme_poverty")
        for person in on_register:
            age = ages[person["id"]]
            if self.chance(0.012 + (0.04 if age >= 60 else 0)):
                link(
                    person, "disabled", self.pick(_DISABILITY_GRADES), self.pick(_DISABILITY_KINDS)
                )
            if ptype == "foreign":
                continue
            if person["sex"] == "male" and age >= 22 and self.chance(0.025):
                link(person, "veteran")
            if age >= 18:
                if self.chance(0.003):
                    link(person, "severe_mental_illness", self.pick(_MENTAL_GRADES))
                if self.chance(0.0004):
                    link(person, "community_correction")
                if self.chance(0.001):
                    link(person, "released_prisoner")
                if self.chance(0.0003):
                    link(person, "drug_user")
        return links
