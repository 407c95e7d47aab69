"""Three offices, a laptop copy of one of them, and a township: random edits, deletions and moves,
packages exchanged in random order and some imported twice. Whatever the order, the township ends
the same, and no version any office sent is lost (hypothesis stateful testing)."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    precondition,
    rule,
    run_state_machine_as_test,
)

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.apply import import_package
from govdesk.exchange.export import export_package, record_tables
from govdesk.exchange.package import read_package
from govdesk.services import mediation, mediation_attachments, office, registry
from govdesk.services.mediation import PartyInput
from govdesk.store.database import Database

OFFICES = {
    "110105001001": "幸福社区居民委员会",
    "110105001002": "和睦社区居民委员会",
    "110105001003": "安康村民委员会",
}
TOWNSHIP = ("110105001000", "和平街道办事处")
ADMIN = Actor("admin", Role.ADMIN)
DAY = dt.date(2026, 11, 20)
SOURCES = ("office1", "office2", "office3", "laptop1")


# -- the world every example starts from, made once ----------------------------------------
def _open(path: Path) -> Database:
    db = Database.open(path)
    db.actor = ADMIN
    return db


def _seed(db: Database) -> None:
    """Two households of three, and a mediation case with three attachments to delete."""
    with db.session() as s:
        for n in (1, 2):
            hh = registry.create_household(
                s, household_number=f"H000{n}", address=f"幸福里小区{n}号楼"
            )
            for name, rel in ((f"户主{n}", "head"), (f"配偶{n}", "spouse"), (f"子女{n}", "son")):
                registry.create_person(
                    s,
                    data={"name": name, "sex": "male", "relation_to_head": rel},
                    household_id=hh.id,
                )
        case = mediation.register_case(
            s,
            dispute_type="邻里",
            source="当事人申请",
            summary="楼上漏水，楼下墙面受损",
            parties=[
                PartyInput(role="申请人", name="王芳"),
                PartyInput(role="被申请人", name="赵强"),
            ],
            registered_on=DAY,
        )
        for n in range(3):
            mediation_attachments.add_attachment(
                s,
                case.id,
                data=b"%PDF-1.4 scan " + str(n).encode(),
                file_name=f"scan{n}.pdf",
                kind="evidence",
                added_on=DAY,
            )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three seeded offices and a township, each trusting the other side's key."""
    folder = tmp_path_factory.mktemp("three-offices")
    township = office.init_database(
        folder / "township.db", name=TOWNSHIP[1], division_code=TOWNSHIP[0], kind="township"
    )
    township.actor = ADMIN
    township_card = keys.read_key_file(keys.public_key_file(township), name="t.json")
    for n, (code, name) in enumerate(OFFICES.items(), start=1):
        db = office.init_database(folder / f"office{n}.db", name=name, division_code=code)
        db.actor = ADMIN
        _seed(db)
        with db.session() as s:
            keys.trust(s, township_card)
        card = keys.read_key_file(keys.public_key_file(db), name="o.json")
        with township.session() as s:
            keys.trust(s, card)
        db.close()
    township.close()
    return folder


# -- one example ----------------------------------------------------------------------------
@dataclass
class Source:
    name: str
    db: Database
    stick: Path
    people: list[str] = field(default_factory=list)
    households: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


def _copy_db(source: Path, target: Path) -> Path:
    """A database file copied into another folder: opened there, it is a new instance."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target


def _source(name: str, path: Path, stick: Path) -> Source:
    db = _open(path)
    stick.mkdir(parents=True, exist_ok=True)
    src = Source(name, db, stick)
    with db.connect() as conn:
        src.households = list(
            conn.exec_driver_sql("SELECT id FROM household ORDER BY household_number").scalars()
        )
        src.people = list(conn.exec_driver_sql("SELECT id FROM resident ORDER BY name").scalars())
        src.attachments = list(
            conn.exec_driver_sql("SELECT id FROM mediation_attachment ORDER BY file_name").scalars()
        )
    return src


def _set_clock_back(db: Database, person: str, hours: int) -> None:
    """The row as a machine whose clock is `hours` behind would have saved it: the same
    version, an earlier updated_at (a laptop's clock is often wrong)."""
    with db.begin() as conn:
        saved = conn.exec_driver_sql(
            "SELECT updated_at FROM resident WHERE id = ?", (person,)
        ).scalar()
        earlier = dt.datetime.fromisoformat(str(saved)) - dt.timedelta(hours=hours)
        text = earlier.isoformat(sep=" " if " " in str(saved) else "T")
        conn.exec_driver_sql("UPDATE resident SET updated_at = ? WHERE id = ?", (text, person))


def _phone(db: Database, person: str, phone: str) -> None:
    with db.session() as s:
        registry.update_person(s, person_id=person, changes={"phone": phone})


class ThreeOffices(RuleBasedStateMachine):
    template: Path  # set by the test before the machine runs

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="govdesk-three-"))
        self.sources: dict[str, Source] = {}
        for n in (1, 2, 3):
            path = _copy_db(self.template / f"office{n}.db", self.root / f"office{n}" / "o.db")
            self.sources[f"office{n}"] = _source(f"office{n}", path, self.root / f"stick{n}")
        # The laptop: the office PC's file taken out for field visits.
        first = self.sources["office1"]
        first.db.close()
        laptop = _copy_db(first.db.path, self.root / "laptop" / "o.db")
        self.sources["office1"] = _source("office1", first.db.path, first.stick)
        self.sources["laptop1"] = _source("laptop1", laptop, self.root / "stick-laptop")
        assert self.sources["laptop1"].db.instance_id != self.sources["office1"].db.instance_id
        self.township = self._township("live")
        self.pending: list[Path] = []
        self.imported: list[Path] = []
        self.counter = 0

    def _township(self, name: str) -> Database:
        return _open(_copy_db(self.template / "township.db", self.root / name / "t.db"))

    # ---- the offices' work
    @rule(
        source=st.sampled_from(SOURCES),
        pick=st.integers(0, 7),
        digits=st.integers(0, 9),
        behind=st.sampled_from([0, 0, 1, 3]),
    )
    def edit_person(self, source: str, pick: int, digits: int, behind: int) -> None:
        """A phone changed; on a machine whose clock is `behind` hours slow, sometimes."""
        src = self.sources[source]
        person = src.people[pick % len(src.people)]
        _phone(src.db, person, f"139{digits:02d}00{pick:04d}")
        if behind:
            _set_clock_back(src.db, person, behind)

    @rule()
    def take_the_laptop_again(self) -> None:
        """The laptop is given a fresh copy of the office PC's file: a new instance that
        holds the office's versions (what it had not exported is gone with the old copy)."""
        office1, laptop = self.sources["office1"], self.sources["laptop1"]
        laptop.db.close()
        office1.db.close()
        self.counter += 1
        copy = _copy_db(office1.db.path, self.root / f"laptop-{self.counter}" / "o.db")
        self.sources["office1"] = _source("office1", office1.db.path, office1.stick)
        self.sources["laptop1"] = _source("laptop1", copy, laptop.stick)

    @rule(source=st.sampled_from(SOURCES), pick=st.integers(0, 1))
    def add_person(self, source: str, pick: int) -> None:
        src = self.sources[source]
        self.counter += 1
        with src.db.session() as s:
            made = registry.create_person(
                s,
                data={
                    "name": f"新居民{self.counter}",
                    "sex": "female",
                    "relation_to_head": "other",
                },
                household_id=src.households[pick],
            )
            src.people.append(made.person.id)

    @rule(source=st.sampled_from(SOURCES), pick=st.integers(0, 7))
    def move_person(self, source: str, pick: int) -> None:
        src = self.sources[source]
        person = src.people[pick % len(src.people)]
        with src.db.session() as s:
            here = registry.get_person(s, person_id=person).household_id
            there = next(h for h in src.households if h != here)
            try:
                registry.move_person(s, person_id=person, household_id=there, relation="other")
            except DomainError:
                return  # a head with members stays: the service says so, nothing changes

    @rule(source=st.sampled_from(SOURCES))
    def remove_attachment(self, source: str) -> None:
        src = self.sources[source]
        if not src.attachments:
            return
        with src.db.session() as s:
            mediation_attachments.remove_attachment(s, src.attachments.pop(0))

    @rule(source=st.sampled_from(SOURCES))
    def export(self, source: str) -> None:
        src = self.sources[source]
        self.pending.append(export_package(src.db, src.stick, full=True).path)

    # ---- the township's
    @precondition(lambda self: bool(self.pending))
    @rule(pick=st.integers(0, 50))
    def import_one(self, pick: int) -> None:
        path = self.pending[pick % len(self.pending)]
        report = import_package(self.township, path)
        assert report.outcome in ("applied", "nothing_new"), report.reason
        if path in self.imported:
            assert report.outcome == "nothing_new"  # the same file twice changes nothing
        self.imported.append(path)

    # ---- the end
    def teardown(self) -> None:
        try:
            if self.pending:
                self._check()
        finally:
            for src in self.sources.values():
                src.db.close()
            self.township.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def _check(self) -> None:
        in_order = list(self.pending)
        shuffled = list(self.pending)
        random.Random(len(shuffled)).shuffle(shuffled)
        shuffled += shuffled[: len(shuffled) // 2]  # some twice
        ends = []
        for name, order in (("first", in_order), ("second", shuffled)):
            township = self._township(name)
            try:
                for path in order:
                    report = import_package(township, path)
                    assert report.outcome in ("applied", "nothing_new"), report.reason
                ends.append(_state(township))
                _no_version_lost(township, self.pending)
            finally:
                township.close()
        # The live township, given what it had not seen yet, ends the same too.
        for path in self.pending:
            assert import_package(self.township, path).outcome in ("applied", "nothing_new")
        ends.append(_state(self.township))
        _no_version_lost(self.township, self.pending)
        first = ends[0]
        for other in ends[1:]:
            for table in first:
                assert other[table] == first[table], table


def _state(db: Database) -> dict[str, Any]:
    """What must not depend on the order: every imported record row by id, the histories,
    the tombstones and the open conflicts."""
    own = db.meta("office_id")
    state: dict[str, Any] = {}
    with db.connect() as conn:
        for table in record_tables():
            rows = conn.exec_driver_sql(
                f"SELECT id, * FROM {table} WHERE office_id != ?", (own,)
            ).all()
            state[table] = {r[0]: tuple(r) for r in rows}
        state["record_history"] = set(conn.exec_driver_sql("SELECT * FROM record_history").all())
        state["record_tombstone"] = set(
            conn.exec_driver_sql(
                "SELECT table_name, record_id, office_id, instance, version, deleted_at "
                "FROM record_tombstone WHERE office_id != ?",
                (own,),
            ).all()
        )
        state["open_conflicts"] = {
            (t, rid, inst, ver): (row, json.dumps(sorted(json.loads(hist))))
            for t, rid, inst, ver, row, hist in conn.exec_driver_sql(
                "SELECT table_name, record_id, instance, version, row, history "
                "FROM record_conflict WHERE resolved_at IS NULL"
            )
        }
    return state


def _sent_versions(
    db: Database, pending: list[Path]
) -> dict[tuple[str, str], set[tuple[str, int]]]:
    """Per (table, record id): every version the packages carried, with their histories."""
    sent: dict[tuple[str, str], set[tuple[str, int]]] = {}
    ring, own = keys.keyring(db), keys.own_keys(db)
    for path in pending:
        opened = read_package(path, keyring=ring, own=own)
        for data in opened.members.values():
            document = json.loads(data)
            table, columns = document["table"], document["columns"]
            at_id = columns.index("id")
            at_i, at_v = columns.index("version_instance"), columns.index("version")
            for row in document["rows"]:
                sent.setdefault((table, row[at_id]), set()).add((row[at_i], row[at_v]))
            for rid, instance, version, _when in document["deleted"]:
                sent.setdefault((table, rid), set()).add((instance, version))
            for rid, versions in document["history"].items():
                sent.setdefault((table, rid), set()).update((i, v) for i, v in versions)
    return sent


def _no_version_lost(db: Database, pending: list[Path]) -> None:
    """Every version sent is the row, in its history, a tombstone, or a kept conflict."""
    known: dict[tuple[str, str], set[tuple[str, int]]] = {}
    with db.connect() as conn:
        for table in record_tables():
            for rid, instance, version in conn.exec_driver_sql(
                f"SELECT id, version_instance, version FROM {table}"
            ):
                known.setdefault((table, rid), set()).add((instance, version))
        for t, rid, instance, version in conn.exec_driver_sql(
            "SELECT table_name, record_id, instance, version FROM record_history"
        ):
            known.setdefault((t, rid), set()).add((instance, version))
        for t, rid, instance, version in conn.exec_driver_sql(
            "SELECT table_name, record_id, instance, version FROM record_tombstone"
        ):
            known.setdefault((t, rid), set()).add((instance, version))
        for t, rid, instance, version, history in conn.exec_driver_sql(
            "SELECT table_name, record_id, instance, version, history FROM record_conflict"
        ):
            mine = known.setdefault((t, rid), set())
            mine.add((instance, version))
            mine.update((i, v) for i, v in json.loads(history))
    for key, versions in _sent_versions(db, pending).items():
        lost = versions - known.get(key, set())
        assert not lost, (key, lost)


def test_three_offices_and_a_township_end_the_same_whatever_the_order(template: Path) -> None:
    ThreeOffices.template = template
    run_state_machine_as_test(
        ThreeOffices,
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )


def test_a_laptop_with_its_clock_behind_ends_the_same_in_any_order(
    template: Path, tmp_path: Path
) -> None:
    """Laptop A (copied early) and the office PC change one person; laptop B, copied after
    the office's change, changes it again with its clock two hours behind. Its version
    supersedes the office's but loses to laptop A's: whichever package comes first, the
    township shows laptop A's and keeps laptop B's as the open conflict."""
    office_path = _copy_db(template / "office1.db", tmp_path / "pc" / "o.db")
    pc = _source("office1", office_path, tmp_path / "stick-pc")
    person = pc.people[0]
    pc.db.close()
    laptop_a = _source("a", _copy_db(office_path, tmp_path / "a" / "o.db"), tmp_path / "stick-a")
    pc = _source("office1", office_path, tmp_path / "stick-pc")
    _phone(laptop_a.db, person, "13900000001")
    _set_clock_back(laptop_a.db, person, 1)
    _phone(pc.db, person, "13900000002")
    pc.db.close()
    laptop_b = _source("b", _copy_db(office_path, tmp_path / "b" / "o.db"), tmp_path / "stick-b")
    pc = _source("office1", office_path, tmp_path / "stick-pc")
    _phone(laptop_b.db, person, "13900000003")
    _set_clock_back(laptop_b.db, person, 2)
    packages = {
        src.name: export_package(src.db, src.stick, full=True).path
        for src in (pc, laptop_a, laptop_b)
    }
    orders = (("office1", "a", "b"), ("b", "a", "office1"), ("a", "b", "office1"))
    ends = []
    try:
        for n, order in enumerate(orders):
            township = _open(_copy_db(template / "township.db", tmp_path / f"t{n}" / "t.db"))
            try:
                outcomes = [import_package(township, packages[n]).outcome for n in order]
                # The office's package after laptop B's brings nothing B did not know.
                assert outcomes[0] == "applied" and set(outcomes) <= {"applied", "nothing_new"}
                with township.connect() as conn:
                    shown = conn.exec_driver_sql(
                        "SELECT phone FROM resident WHERE id = ?", (person,)
                    ).scalar()
                assert shown == "13900000001", order
                ends.append(_state(township))
                _no_version_lost(township, list(packages.values()))
            finally:
                township.close()
    finally:
        for src in (pc, laptop_a, laptop_b):
            src.db.close()
    for other in ends[1:]:
        for table in ends[0]:
            assert other[table] == ends[0][table], table
