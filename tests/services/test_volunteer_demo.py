"""`govdesk demo` volunteers: every star level, the ledger's rules kept, orders in every state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govdesk.domain import volunteers as rules
from govdesk.domain.permissions import Actor, Role
from govdesk.services import demo, volunteer_orders
from govdesk.store.database import Database

TODAY = dt.date(2026, 3, 12)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Database:
    path: Path = tmp_path_factory.mktemp("vdemo") / "demo.db"
    demo.create_demo(path, residents=2000, seed=1, today=TODAY)
    db = Database.open(path)
    db.actor = Actor("volunteers", Role.VOLUNTEERS)
    yield db
    db.close()


def scalar(db, sql):
    with db.connect() as conn:
        return conn.exec_driver_sql(sql).scalar()


def test_volunteers_stand_at_every_star_level_and_on_its_edges(demo_db):
    with demo_db.connect() as conn:
        minutes = [r[0] for r in conn.exec_driver_sql("SELECT minutes FROM volunteer_tally")]
    levels = {rules.star_level(m) for m in minutes}
    assert levels == {0, 1, 2, 3, 4, 5}
    assert {1500 * 60, 100 * 60, 99 * 60 + 30} <= set(minutes)
    # The tally the triggers kept is the sum of the confirmed lines.
    assert sum(minutes) == scalar(
        demo_db, "SELECT SUM(minutes) FROM hour_entry WHERE state = 'confirmed'"
    )


def test_the_people_teams_and_roster(demo_db):
    assert scalar(demo_db, "SELECT count(*) FROM volunteer WHERE resident_id IS NOT NULL") == 44
    assert scalar(demo_db, "SELECT count(*) FROM volunteer WHERE resident_id IS NULL") == 16
    outsiders_dual = scalar(
        demo_db, "SELECT count(*) FROM volunteer WHERE dual_report AND resident_id IS NULL"
    )
    assert outsiders_dual == 12
    assert scalar(demo_db, "SELECT count(DISTINCT status) FROM volunteer") == 3
    assert scalar(demo_db, "SELECT count(*) FROM volunteer_team WHERE leader_id IS NOT NULL") == 3
    assert scalar(demo_db, "SELECT count(*) FROM duty_shift") == 7
    assert scalar(demo_db, "SELECT count(*) FROM duty_assignment") >= 7
    # Past and coming activities, sign-ups checked out and only signed up.
    assert (
        scalar(demo_db, f"SELECT count(*) FROM volunteer_activity WHERE held_on > '{TODAY}'") == 5
    )
    states = {
        r[0]
        for r in demo_db.engine.connect().exec_driver_sql(
            "SELECT DISTINCT state FROM volunteer_signup"
        )
    }
    assert {"checked_out", "signed_up", "absent"} <= states
    assert scalar(demo_db, "SELECT count(*) FROM hour_entry WHERE state = 'pending'") > 0
    assert scalar(demo_db, "SELECT count(*) FROM hour_entry WHERE kind = 'adjustment'") == 1
    # Every resident volunteer is on the register and was added once.
    assert (
        scalar(
            demo_db,
            "SELECT count(*) FROM volunteer v JOIN resident r ON r.id = v.resident_id "
            "WHERE r.status = 'on_register'",
        )
        == 44
    )


def test_orders_in_every_state_and_their_hours_pending(demo_db):
    now = dt.datetime.combine(TODAY, dt.time(12)).astimezone(dt.UTC)
    every = volunteer_orders.orders(demo_db, now=now)
    counts: dict[str, int] = {}
    for row in every:
        counts[row.order.state] = counts.get(row.order.state, 0) + 1
    assert counts == {"requested": 2, "dispatched": 2, "accepted": 2, "done": 3, "cancelled": 1}
    assert [r.order.number for r in every][-1] == "2026-0001"
    assert scalar(demo_db, "SELECT count(*) FROM hour_entry WHERE order_id IS NOT NULL") == 3
    open_rows = volunteer_orders.open_orders(demo_db, now)
    assert len(open_rows) == 6 and open_rows[0].age_days == 12
    found = volunteer_orders.suggestions(demo_db, open_rows[0].order.id, on=TODAY)
    assert found and found[0].score >= found[-1].score
