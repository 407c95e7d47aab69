"""The hours ledger at the storage level: confirmed lines are final, totals kept per volunteer."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError

from govdesk.domain.models import HourEntry, Volunteer
from govdesk.services.office import current_office

DAY = dt.date(2026, 5, 1)


def _tally(db, volunteer_id):
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT minutes, entries FROM volunteer_tally WHERE volunteer_id = ?", (volunteer_id,)
        ).one_or_none()


def test_confirmed_lines_are_final_and_counted_once(db):
    with db.session() as s:
        office = current_office(s)
        v = Volunteer(office_id=office.id, number="V0001", name="王芳", joined_on=DAY)
        s.add(v)
        s.flush()
        pending = HourEntry(office_id=office.id, volunteer_id=v.id, served_on=DAY, minutes=90)
        done = HourEntry(
            office_id=office.id, volunteer_id=v.id, served_on=DAY, minutes=120, state="confirmed"
        )
        s.add_all([pending, done])
    assert tuple(_tally(db, v.id)) == (120, 1)
    with db.session() as s:
        s.get(HourEntry, pending.id).state = "confirmed"
    assert tuple(_tally(db, v.id)) == (210, 2)
    for change in ("UPDATE hour_entry SET minutes = 1", "DELETE FROM hour_entry"):
        with (
            pytest.raises(IntegrityError, match="confirmed hours are never"),
            db.begin() as conn,
        ):
            conn.exec_driver_sql(change + " WHERE id = ?", (done.id,))
    assert tuple(_tally(db, v.id)) == (210, 2)
