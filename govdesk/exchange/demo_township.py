"""`govdesk demo --township`: a township demo database filled the way a real one is, by
importing packages from small office demo databases made beside it.

The offices' files go in a folder next to the township file (`<name>-offices/`). Keys are
trusted both ways, each office exports a package and the township imports it. Two things a
township meets in real life are staged on purpose:

- a laptop copy of the first office (the file copied to another folder, so it takes a new
  instance id) and the office PC both change the same person: one open conflict;
- a person who moved from the first office to the second, registered by the new one before
  the old one recorded the move: one cross-office duplicate.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import SYSTEM
from govdesk.exchange import apply, export, keys
from govdesk.services import accounts, demo, registry
from govdesk.services.office import current_office, init_database
from govdesk.services.progress import ProgressFn
from govdesk.store.database import Database

TOWNSHIP_NAME = "朝阳门街道办事处"
TOWNSHIP_DIVISION = "110105001000"
OFFICE_NAMES = (
    "幸福社区居民委员会",
    "和平社区居民委员会",
    "光明村村民委员会",
    "团结社区居民委员会",
    "东风村村民委员会",
    "新华社区居民委员会",
)
OFFICE_RESIDENTS = 300
MAX_OFFICES = 99


@dataclass
class TownshipDemoResult:
    path: Path
    folder: Path  # the offices' demo databases and their packages
    offices: list[Path] = field(default_factory=list)
    laptop: Path | None = None
    packages: list[Path] = field(default_factory=list)
    reports: list[apply.ImportReport] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    replaced: bool = False


def office_division(index: int) -> str:
    """The division code of the demo's office number `index` (0-based): 110105001001, …"""
    return f"{TOWNSHIP_DIVISION[:9]}{index + 1:03d}"


def office_name(index: int) -> str:
    if index < len(OFFICE_NAMES):
        return OFFICE_NAMES[index]
    return f"第{index + 1}社区居民委员会"


def _fresh(path: Path) -> bool:
    """Remove an old demo file at `path` (never a real one); True when one was replaced."""
    kind = demo.probe(path)
    if kind == "real":
        raise DomainError(Issue("database", "db.not_demo", {"path": path}))
    if kind == "foreign":
        raise DomainError(Issue("database", "db.exists", {"path": path}))
    if kind == "demo":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return kind == "demo"


def _open(path: Path) -> Database:
    db = Database.open(path)
    db.actor = SYSTEM
    return db


def _trust_both_ways(township: Database, office: Database) -> None:
    township_card = keys.read_key_file(keys.public_key_file(township))
    office_card = keys.read_key_file(keys.public_key_file(office))
    with township.session() as s:
        keys.trust(s, office_card)
    with office.session() as s:
        keys.trust(s, township_card)


def _first_on_register(db: Database, *, skip: int = 0) -> dict[str, str]:
    with db.connect() as conn:
        row = (
            conn.execute(
                text(
                    "SELECT id, name, id_number, sex, birth_date FROM resident "
                    "WHERE status = 'on_register' AND id_number IS NOT NULL "
                    "ORDER BY rowid LIMIT 1 OFFSET :skip"
                ),
                {"skip": skip},
            )
            .mappings()
            .one()
        )
    return {k: str(v) for k, v in row.items() if v is not None}


def _register_moved_person(source: Database, target: Database) -> str:
    """Someone from `source` registered again by `target`: the cross-office duplicate."""
    person = _first_on_register(source, skip=5)
    with target.session() as s:
        registry.create_person(
            s,
            data={
                "name": person["name"],
                "id_number": person["id_number"],
                "current_address": "新搬入，尚未核实原社区迁出",
                "notes": "从其他社区迁入",
            },
        )
    return person["id_number"]


def _edit(db: Database, person_id: str, changes: dict[str, str]) -> None:
    with db.session() as s:
        registry.update_person(s, person_id=person_id, changes=changes)


def _laptop_copy(office_path: Path, laptop_path: Path) -> None:
    """A consistent copy of the office file, as a clerk would take it out for field visits."""
    laptop_path.unlink(missing_ok=True)
    con = sqlite3.connect(office_path, isolation_level=None)
    try:
        con.execute("VACUUM INTO ?", (str(laptop_path),))
    finally:
        con.close()


def make_township_demo(
    path: Path,
    offices: int = 3,
    *,
    residents: int = OFFICE_RESIDENTS,
    seed: int = 1,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
) -> TownshipDemoResult:
    """A township demo database at `path` filled from `offices` office demo databases in
    `<stem>-offices/` beside it (all replaced when they are demo files; real files are
    refused). Returns where everything went and each import's report."""
    path = Path(path)
    if not 1 <= offices <= MAX_OFFICES:
        raise ValueError(f"offices must be 1 to {MAX_OFFICES}")
    folder = path.parent / f"{path.stem}-offices"
    folder.mkdir(parents=True, exist_ok=True)
    office_paths = [folder / f"{office_division(i)}.db" for i in range(offices)]
    laptop_path = folder / f"{office_division(0)}-laptop.db"
    for p in [*office_paths, laptop_path]:
        _fresh(p)
    result = TownshipDemoResult(path=path, folder=folder, replaced=_fresh(path))
    steps, done = offices * 3 + 4, 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    township = init_database(
        path, name=TOWNSHIP_NAME, division_code=TOWNSHIP_DIVISION, kind="township"
    )
    try:
        with township.begin() as conn:
            township.set_meta(conn, demo.DEMO_KEY, "1")
        result.accounts = accounts.create_demo_accounts(township)
        township.actor = SYSTEM
        for i, office_path in enumerate(office_paths):
            demo.create_demo(
                office_path,
                residents=residents,
                seed=seed + i,
                office_name=office_name(i),
                division_code=office_division(i),
                today=today,
            )
            step()
            office = _open(office_path)
            try:
                if "村" in office_name(i):  # the office demo makes a community
                    with office.session() as s:
                        current_office(s).kind = "village"
                _trust_both_ways(township, office)
            finally:
                office.close()
        result.offices = office_paths
        if offices >= 2:
            first, second = _open(office_paths[0]), _open(office_paths[1])
            try:
                _register_moved_person(first, second)
            finally:
                first.close()
                second.close()
        # The laptop is copied before either side edits the person they both change.
        _laptop_copy(office_paths[0], laptop_path)
        result.laptop = laptop_path
        first = _open(office_paths[0])
        try:
            shared = _first_on_register(first)
        finally:
            first.close()
        outbox = folder / "packages"
        outbox.mkdir(exist_ok=True)
        laptop_box = folder / "laptop-packages"
        laptop_box.mkdir(exist_ok=True)
        for p in [*outbox.glob("*.gdx"), *laptop_box.glob("*.gdx")]:
            p.unlink()
        step()
        for i, office_path in enumerate(office_paths):
            office = _open(office_path)
            try:
                if i == 0:
                    _edit(office, shared["id"], {"phone": "13911112222"})
                made = export.export_package(office, outbox, today=today)
                result.packages.append(made.path)
            finally:
                office.close()
            step()
        laptop = _open(laptop_path)
        try:
            _edit(laptop, shared["id"], {"current_address": "幸福路8号2单元301（走访时核实）"})
            result.packages.append(export.export_package(laptop, laptop_box, today=today).path)
        finally:
            laptop.close()
        step()
        for package in result.packages:
            result.reports.append(apply.import_package(township, package))
            step()
    finally:
        township.close()
    step()
    return result
