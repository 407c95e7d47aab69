"""`govdesk demo` grids: linked households, a tree with sub-grids, staff, gaps left on purpose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govdesk.domain.permissions import Actor, Role
from govdesk.services import demo, grid_staff, grids
from govdesk.services.grid_tree import GridTree
from govdesk.store.database import Database

TODAY = dt.date(2026, 3, 12)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Database:
    path: Path = tmp_path_factory.mktemp("gdemo") / "demo.db"
    demo.create_demo(path, residents=2000, seed=1, today=TODAY)
    db = Database.open(path)
    db.actor = Actor("grid", Role.GRID)
    yield db
    db.close()


def test_every_household_is_linked_and_a_few_buildings_are_left_out(demo_db):
    with demo_db.connect() as conn:
        unlinked = conn.exec_driver_sql(
            "SELECT count(*) FROM household WHERE place_id IS NULL"
        ).scalar()
    assert unlinked == 0
    with demo_db.session() as s:
        report = grid_staff.coverage(s, TODAY)
    assert len(report.unassigned_places) == 3
    assert {p.kind for p in report.unassigned_places} == {"building"}
    assert report.unassigned_households == sum(p.households for p in report.unassigned_places) > 0
    assert len(report.grids_without_full_time) == 1


def test_the_tree_has_sub_grids_and_counts_add_up(demo_db):
    nodes = GridTree(demo_db).load(TODAY)
    by_name = {n.name: n for n in nodes}
    assert by_name["东片"].parent_id == by_name["第一网格"].id
    assert by_name["西片"].parent_id == by_name["第一网格"].id
    top = [n for n in nodes if n.parent_id is None and not n.unassigned]
    with demo_db.connect() as conn:
        households = conn.exec_driver_sql("SELECT count(*) FROM household").scalar()
    assert sum(n.households for n in top) + nodes[-1].households == households
    assert all(n.area for n in nodes if not n.unassigned and not n.children)


def test_staff_in_every_role_and_one_person_in_two_grids(demo_db):
    with demo_db.session() as s:
        posts = grid_staff.posts(s, on=TODAY)
        roles = {p.role for p in posts}
        assert roles == {
            "grid_leader",
            "full_time",
            "part_time",
            "building_leader",
            "party_household",
            "safety_steward",
            "mediator",
            "police_assistant",
        }
        grids_per_worker: dict[str, set[str]] = {}
        for p in posts:
            if p.role in ("full_time", "part_time"):
                grids_per_worker.setdefault(p.staff_id, set()).add(p.grid_id)
        assert max(len(v) for v in grids_per_worker.values()) == 2
        # A former worker's post ended; history is kept.
        assert len(grid_staff.posts(s)) > len(posts)


def test_one_place_changed_grid_three_months_ago(demo_db):
    with demo_db.connect() as conn:
        place_id = conn.exec_driver_sql(
            "SELECT place_id FROM grid_assignment GROUP BY place_id HAVING count(*) = 2"
        ).scalar()
    assert place_id is not None
    with demo_db.session() as s:
        before = grids.grid_of_place(s, place_id, TODAY - dt.timedelta(days=91))
        after = grids.grid_of_place(s, place_id, TODAY)
        assert before is not None and after is not None and before.id != after.id


@pytest.mark.parametrize("residents", [0, 40, 300])
def test_small_demos_still_make_grids(tmp_path, residents):
    path = tmp_path / "small.db"
    demo.create_demo(path, residents=residents, seed=3, today=TODAY)
    db = Database.open(path)
    db.actor = Actor("grid", Role.GRID)
    try:
        nodes = GridTree(db).load(TODAY)
    finally:
        db.close()
    assert nodes[-1].unassigned


def test_a_big_office_gets_more_workers_than_the_fixed_names():
    """100,000 residents make more grids than the list of hired workers' names."""
    import random

    from govdesk.services.demo_grids import WORKERS, _Maker

    maker = _Maker(None, random.Random(1), TODAY)  # type: ignore[arg-type]
    names = [maker._worker_name() for _ in range(len(WORKERS) + 30)]
    assert set(WORKERS) <= set(names)
    extra = names[len(WORKERS) :]
    assert all(2 <= len(n) <= 4 for n in extra) and len(set(extra)) > 20
