"""Star reviews: who reached a new level since the last review, at the exact boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.models import StarReview, Volunteer
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import volunteer_stars as stars
from govdesk.services import volunteers
from tests.services.test_volunteer_list import hours

DAY = dt.date(2026, 3, 2)


def _add(db, *names):
    with db.session() as s:
        return [volunteers.add_volunteer(s, data={"name": n, "joined_on": DAY}).id for n in names]


def test_promotions_since_the_last_review(db):
    a, b, c, d, e = _add(db, "赵敏", "钱多", "孙立", "李娜", "周强")
    hours(db, a, 100 * 60)  # exactly ★
    hours(db, b, 100 * 60 - 1)  # not yet
    hours(db, c, 1500 * 60)  # ★★★★★ at once
    hours(db, d, 600 * 60 - 1)  # ★★ (one minute short of ★★★)
    hours(db, e, 400 * 60)
    with db.session() as s:
        volunteers.set_status(s, e, "left", DAY)
    found = stars.promotions(db)
    assert [(p.volunteer.name, p.old_level, p.new_level) for p in found] == [
        ("孙立", 0, 5),
        ("李娜", 0, 2),
        ("赵敏", 0, 1),
    ]
    assert found[0].stars_text == "★★★★★"
    assert found[2].minutes == 6000
    with db.session() as s:
        review = stars.record_review(s, on=DAY, note="第一季度评定")
        rid = review.id
    with db.session() as s:
        r = s.get(StarReview, rid)
        assert (r.promoted, r.reviewed_by, r.note) == (3, "admin", "第一季度评定")
        assert [s.get(Volunteer, v).stars_reviewed for v in (a, b, c, d)] == [1, 0, 5, 2]
    assert stars.promotions(db) == []
    # one more minute takes 钱多 to ★ and 李娜 to ★★★
    hours(db, b, 1)
    hours(db, d, 1)
    assert [(p.volunteer.name, p.old_level, p.new_level) for p in stars.promotions(db)] == [
        ("李娜", 2, 3),
        ("钱多", 0, 1),
    ]
    # a negative adjustment below the recorded level is no promotion and changes nothing
    hours(db, c, -60, kind="adjustment", reason="重复录入")
    assert "孙立" not in [p.volunteer.name for p in stars.promotions(db)]
    with db.session() as s:
        stars.record_review(s, on=DAY + dt.timedelta(days=90))
    with db.session() as s:
        assert s.get(Volunteer, c).stars_reviewed == 5
        assert [r.promoted for r in stars.reviews(s)] == [2, 3]
    with db.connect() as conn:
        audited = conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE record_type = 'star_review'"
        ).scalar()
    assert audited == 2


def test_recording_needs_volunteer_edit(db):
    db.actor = Actor("viewer", Role.VIEWER)
    assert stars.promotions(db) == []
    with pytest.raises(PermissionDenied), db.session() as s:
        stars.record_review(s, on=DAY)
