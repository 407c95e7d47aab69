"""Screening rounds: the periods, zero reports, refused reports, missing rounds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from govdesk.domain import mediation as rules
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import mediation_screening as screening
from govdesk.services.authz import PermissionDenied

D = dt.date


@pytest.mark.parametrize(
    ("round", "day", "period"),
    [
        ("weekly", D(2026, 3, 4), (D(2026, 3, 2), D(2026, 3, 8))),  # a Wednesday
        ("weekly", D(2026, 3, 1), (D(2026, 2, 23), D(2026, 3, 1))),  # a Sunday
        ("weekly", D(2026, 12, 31), (D(2026, 12, 28), D(2027, 1, 3))),
        ("ten_day", D(2026, 2, 10), (D(2026, 2, 1), D(2026, 2, 10))),
        ("ten_day", D(2026, 2, 11), (D(2026, 2, 11), D(2026, 2, 20))),
        ("ten_day", D(2026, 2, 21), (D(2026, 2, 21), D(2026, 2, 28))),
        ("ten_day", D(2028, 2, 29), (D(2028, 2, 21), D(2028, 2, 29))),
        ("ten_day", D(2026, 1, 31), (D(2026, 1, 21), D(2026, 1, 31))),
        ("monthly", D(2026, 4, 15), (D(2026, 4, 1), D(2026, 4, 30))),
    ],
)
def test_periods(round, day, period):
    assert rules.screening_period(round, day) == period


def test_periods_over_a_span():
    assert rules.screening_periods("ten_day", D(2026, 1, 15), D(2026, 2, 3)) == [
        (D(2026, 1, 11), D(2026, 1, 20)),
        (D(2026, 1, 21), D(2026, 1, 31)),
        (D(2026, 2, 1), D(2026, 2, 10)),
    ]
    assert len(rules.screening_periods("weekly", D(2026, 1, 1), D(2026, 12, 31))) == 53
    assert rules.screening_periods("monthly", D(2026, 3, 1), D(2026, 2, 1)) == []
    assert rules.SCREENING_ROUNDS.parse("每旬") == "ten_day"


def _file(db, **kw):
    values = {"round": "weekly", "period_start": D(2026, 3, 2), "reported_on": D(2026, 3, 8)}
    values.update(kw)
    values.setdefault("zero_report", False)
    with db.session() as s:
        return screening.file_report(s, **values)


def test_zero_and_findings_reports(db):
    zero = _file(db, zero_report=True, measures="继续排查")
    assert (zero.period_end, zero.zero_report, zero.disputes_found, zero.reporter) == (
        D(2026, 3, 8),
        True,
        0,
        "admin",
    )
    found = _file(
        db,
        round="每旬",
        period_start=D(2026, 3, 1),
        disputes_found=2,
        findings="两起邻里噪音纠纷",
        reporter="李调解",
        reported_on=D(2026, 3, 10),
    )
    assert (found.round, found.period_end, found.reporter) == ("ten_day", D(2026, 3, 10), "李调解")
    with db.session() as s:
        assert [(r.round, r.period_start) for r in screening.reports(s)] == [
            ("weekly", D(2026, 3, 2)),
            ("ten_day", D(2026, 3, 1)),
        ]
        assert [r.id for r in screening.reports(s, round="ten_day", year=2026)] == [found.id]
        assert screening.reports(s, year=2025) == []


@pytest.mark.parametrize(
    ("kw", "keys"),
    [
        ({"zero_report": True, "findings": "有一起"}, ["screening.zero_with_findings"]),
        ({"zero_report": True, "disputes_found": 1}, ["screening.zero_with_findings"]),
        ({"disputes_found": 1}, ["screening.no_findings"]),
        ({"findings": "情况"}, ["screening.no_disputes"]),
        ({"zero_report": True, "period_start": D(2026, 3, 3)}, ["screening.not_period_start"]),
        ({"zero_report": True, "reported_on": D(2026, 3, 1)}, ["screening.early"]),
        ({"disputes_found": -1, "findings": "x"}, ["screening.negative"]),
    ],
)
def test_refused_reports_store_nothing(db, kw, keys):
    with pytest.raises(DomainError) as err:
        _file(db, **kw)
    assert [i.key for i in err.value.issues] == keys
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM screening_report")).scalar_one() == 0


def test_second_report_for_a_period_is_refused(db):
    _file(db, zero_report=True)
    with pytest.raises(DomainError) as err:
        _file(db, disputes_found=1, findings="补报", reported_on=D(2026, 3, 9))
    assert err.value.issues[0].key == "screening.duplicate"
    assert "2026-03-02 至 2026-03-08 已于 2026-03-08 上报" in str(err.value)
    # The same dates in another round are another report.
    _file(
        db,
        round="monthly",
        period_start=D(2026, 3, 1),
        zero_report=True,
        reported_on=D(2026, 3, 31),
    )


def test_missing_rounds_only_count_ended_periods(db):
    _file(
        db,
        round="ten_day",
        period_start=D(2026, 3, 1),
        zero_report=True,
        reported_on=D(2026, 3, 10),
    )
    with db.session() as s:
        missing = screening.missing_rounds(
            s, "ten_day", D(2026, 2, 1), D(2026, 3, 31), D(2026, 3, 25)
        )
        statuses = screening.round_statuses(
            s, "ten_day", D(2026, 3, 1), D(2026, 3, 31), D(2026, 3, 25)
        )
    assert missing == [
        (D(2026, 2, 1), D(2026, 2, 10)),
        (D(2026, 2, 11), D(2026, 2, 20)),
        (D(2026, 2, 21), D(2026, 2, 28)),
        (D(2026, 3, 11), D(2026, 3, 20)),
    ]
    assert [(r.period_start.day, r.status) for r in statuses] == [
        (1, "zero"),
        (11, "missing"),
        (21, "running"),
    ]


def test_roles(db):
    db.actor = Actor("v", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        _file(db, zero_report=True)
    with db.session() as s:
        assert screening.reports(s) == []
    db.actor = Actor("m", Role.MEDIATOR)
    assert _file(db, zero_report=True).reporter == "m"
