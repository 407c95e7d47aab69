"""`govdesk demo` mediation data: every state, deadlines around today, attachments, screening rounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govdesk.domain import mediation as rules
from govdesk.domain.permissions import Actor, Role
from govdesk.services import (
    demo,
    mediation,
    mediation_attachments,
    mediation_screening,
    mediation_stats,
)
from govdesk.store.database import Database

TODAY = dt.date(2026, 3, 12)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Database:
    path: Path = tmp_path_factory.mktemp("mdemo") / "demo.db"
    result = demo.create_demo(path, residents=300, seed=5, today=TODAY)
    assert result.mediation_cases >= 30 and result.screening_reports >= 10
    db = Database.open(path)
    db.actor = Actor("mediator", Role.MEDIATOR)
    yield db
    db.close()


def _cases(db):
    return mediation.list_cases(db)


def test_every_state_is_there(demo_db):
    states = {c.state for c in _cases(demo_db)}
    assert states == {s.value for s in rules.CaseState}
    settled_kinds = {c.agreement_kind for c in _cases(demo_db) if c.state == "settled"}
    assert settled_kinds == {"written", "oral"}
    numbers = [c.number for c in _cases(demo_db) if c.number]
    assert len(numbers) == len(set(numbers)) and all("幸福人调字" in n for n in numbers)


def test_deadlines_overdue_and_due_soon(demo_db):
    months = mediation.handling_months(demo_db)
    nearest = [
        rules.nearest_deadline(mediation.case_deadlines(c, TODAY, months)) for c in _cases(demo_db)
    ]
    running = [d for d in nearest if d is not None]
    overdue = [d for d in running if d.overdue]
    soon = [d for d in running if d.warn and not d.overdue]
    assert {d.kind for d in overdue} == {"handling", "confirmation"}
    assert len(soon) >= 3 and {d.kind for d in soon} == {"handling", "confirmation"}
    assert any(not d.warn for d in running)


def test_sessions_agreements_follow_ups_and_attachments(demo_db):
    with demo_db.session() as s:
        cases = {c.id: c for c in _cases(demo_db)}
        settled = [c for c in cases.values() if c.agreement_on is not None]
        assert settled and all(c.agreement_terms and c.performance_manner for c in settled)
        statements = [
            rules.split_statements(r.statements) for c in cases for r in mediation.sessions(s, c)
        ]
        assert statements and all(len(blocks) >= 2 for blocks in statements)
        party_names = {p.name for c in cases for p in mediation.parties(s, c)}
        assert all(speaker in party_names for blocks in statements for speaker, _ in blocks)
        visits = [v for c in cases for v in mediation.follow_ups(s, c)]
        assert visits and {v.satisfaction for v in visits} >= {"satisfied", "fairly"}
        files = [a for c in cases for a in mediation_attachments.attachments(s, c)]
        assert {a.media_type for a in files} == {"application/pdf", "image/png"}
        for a in files:
            data = mediation_attachments.read_attachment(s, a.id)
            assert data[:5] == b"%PDF-" or data[:4] == b"\x89PNG"
        filed = next(a.case_id for a in files if a.kind == "agreement")
        rows = {r.number: r.status for r in mediation_attachments.case_file_checklist(s, filed)}
        assert rows[3] == "scanned" and rows[8] == "scanned" and rows[13] == "printable"


def test_screening_has_zero_reports_and_missing_rounds(demo_db):
    with demo_db.session() as s:
        reports = mediation_screening.reports(s)
        assert {r.round for r in reports} == {"weekly", "ten_day", "monthly"}
        assert any(r.zero_report for r in reports) and any(not r.zero_report for r in reports)
        for round_ in ("weekly", "ten_day", "monthly"):
            missing = mediation_screening.missing_rounds(
                s, round_, TODAY - dt.timedelta(days=40), TODAY, TODAY
            )
            assert len(missing) == 1, round_


def test_statistics_have_figures(demo_db):
    # The archived cases reach back about eight months: over the turn of the year here.
    with demo_db.session() as s:
        last_year = mediation_stats.monthly_stats(s, TODAY.year - 1)
        this_year = mediation_stats.monthly_stats(s, TODAY.year)
    assert last_year.accepted + this_year.accepted >= 25
    assert last_year.handled + this_year.handled >= 20
    assert last_year.failed + this_year.failed + last_year.terminated + this_year.terminated >= 1
