"""The case list behind the mediation table: filters, order, the nearest deadline, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.mediation import DeadlineKind
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import mediation
from govdesk.services.mediation import PartyInput
from govdesk.services.mediation_list import UNFINISHED, CaseList

D = dt.date
TODAY = D(2026, 11, 20)


def _case(db, names, registered_on, *, summary="邻里噪音", dispute_type="邻里"):
    with db.session() as s:
        return mediation.register_case(
            s,
            dispute_type=dispute_type,
            source="当事人申请",
            summary=summary,
            parties=[
                PartyInput(role="申请人" if i == 0 else "被申请人", name=n)
                for i, n in enumerate(names)
            ],
            registered_on=registered_on,
        ).id


def _accept(db, case_id, on):
    with db.session() as s:
        return mediation.accept_case(s, case_id, accepted_on=on).number


def _settle(db, case_id, on, kind="written"):
    with db.session() as s:
        mediation.record_session(
            s, case_id, held_at=dt.datetime.combine(on, dt.time(2), dt.UTC), place="调解室"
        )
        mediation.settle_case(
            s, case_id, agreement_on=on, agreement_kind=kind, agreement_terms="赔偿五百元"
        )


@pytest.fixture
def cases(db):
    """Five cases around TODAY: registered only, overdue, due in 2 days, in 20 days, settled."""
    ids = {
        "new": _case(db, ["王芳", "赵强"], D(2026, 11, 18), summary="楼上漏水"),
        "overdue": _case(db, ["李四"], D(2026, 10, 1)),
        "soon": _case(db, ["张三", "欧阳秀英"], D(2026, 10, 20), dispute_type="合同"),
        "later": _case(db, ["陈静"], D(2026, 11, 9)),
        "settled": _case(db, ["刘洋", "周敏"], D(2026, 10, 2)),
    }
    _accept(db, ids["overdue"], D(2026, 10, 2))  # due 11-02: 18 days over
    _accept(db, ids["soon"], D(2026, 10, 22))  # due 11-22: 2 days left
    _accept(db, ids["later"], D(2026, 11, 10))  # due 12-10: 20 days left
    _accept(db, ids["settled"], D(2026, 10, 3))
    _settle(db, ids["settled"], D(2026, 10, 25))  # 司法确认 due 11-24: 4 days left
    return ids


def test_rows_newest_registration_first_with_labels_and_names(db, cases):
    rows = CaseList(db).rows(today=TODAY)
    assert [r.id for r in rows] == [
        cases["new"],
        cases["later"],
        cases["soon"],
        cases["settled"],
        cases["overdue"],
    ]
    first = rows[0]
    assert first.number == "" and first.state == "registered" and first.state_label == "已登记"
    assert first.party_names == "王芳、赵强"
    assert first.dispute_type_label == "邻里" and first.risk_label == "一般"
    assert first.registered_on == D(2026, 11, 18) and first.accepted_on is None
    assert first.deadline is None
    soon = rows[2]
    assert soon.number == "（2026）人调字第2号" and soon.dispute_type_label == "合同"
    assert soon.accepted_on == D(2026, 10, 22)


def test_nearest_deadline_per_case(db, cases):
    by_id = {r.id: r for r in CaseList(db).rows(today=TODAY)}
    overdue = by_id[cases["overdue"]].deadline
    assert overdue.kind == DeadlineKind.HANDLING and overdue.due == D(2026, 11, 2)
    assert overdue.days_left == -18 and overdue.overdue
    soon = by_id[cases["soon"]].deadline
    assert (soon.due, soon.days_left, soon.warn, soon.overdue) == (D(2026, 11, 22), 2, True, False)
    later = by_id[cases["later"]].deadline
    assert (later.days_left, later.warn) == (20, False)
    settled = by_id[cases["settled"]].deadline
    assert settled.kind == DeadlineKind.CONFIRMATION and settled.due == D(2026, 11, 24)
    assert (settled.days_left, settled.warn) == (4, False)


def test_state_filter_by_code_label_and_unfinished(db, cases):
    service = CaseList(db)
    assert [r.id for r in service.rows(state="settled", today=TODAY)] == [cases["settled"]]
    assert [r.id for r in service.rows(state="已登记", today=TODAY)] == [cases["new"]]
    unfinished = {r.id for r in service.rows(state=UNFINISHED, today=TODAY)}
    assert unfinished == {cases["new"], cases["overdue"], cases["soon"], cases["later"]}
    assert service.rows(state="archived", today=TODAY) == []


def test_text_finds_names_numbers_and_summary(db, cases):
    service = CaseList(db)
    assert [r.id for r in service.rows(text="欧阳", today=TODAY)] == [cases["soon"]]
    assert [r.id for r in service.rows(text="第2号", today=TODAY)] == [cases["soon"]]
    assert [r.id for r in service.rows(text="漏水", today=TODAY)] == [cases["new"]]
    # LIKE wildcards typed by the clerk are plain characters.
    assert service.rows(text="%", today=TODAY) == []
    assert service.rows(text="_", today=TODAY) == []


def test_due_soon_keeps_overdue_and_within_three_days(db, cases):
    service = CaseList(db)
    found = {r.id for r in service.rows(due_soon=True, today=TODAY)}
    assert found == {cases["overdue"], cases["soon"]}
    # Two days on, the confirmation deadline (11-24) is within three days too.
    later = {r.id for r in service.rows(due_soon=True, today=D(2026, 11, 22))}
    assert later == {cases["overdue"], cases["soon"], cases["settled"]}
    # Filters combine.
    assert [r.id for r in service.rows(due_soon=True, text="李四", today=TODAY)] == [
        cases["overdue"]
    ]
    assert service.rows(due_soon=True, state="registered", today=TODAY) == []


def test_confirmation_application_stops_the_clock(db, cases):
    with db.session() as s:
        mediation.record_confirmation(s, cases["settled"], applied_on=D(2026, 11, 1))
    row = next(r for r in CaseList(db).rows(today=TODAY) if r.id == cases["settled"])
    assert row.deadline is None


def test_handling_months_setting_moves_the_deadline(db, cases):
    with db.session() as s:
        mediation.set_handling_months(s, 2)
    service = CaseList(db)
    row = next(r for r in service.rows(today=TODAY) if r.id == cases["overdue"])
    assert row.deadline.due == D(2026, 12, 2) and not row.deadline.warn


def test_viewer_sees_the_list_and_a_role_without_mediation_does_not(db, cases):
    db.actor = Actor("viewer", Role.VIEWER)
    names = [r.party_names for r in CaseList(db).rows(today=TODAY)]
    assert "张三、欧阳秀英" in names
    db.actor = Actor("grid", Role.GRID)
    with pytest.raises(PermissionDenied):
        CaseList(db).rows(today=TODAY)


def test_a_write_is_seen_by_the_same_list(db, cases):
    service = CaseList(db)
    assert len(service.rows(today=TODAY)) == 5
    new = _case(db, ["Li Ming", "黄河"], D(2026, 11, 19), summary="Noise at night")
    rows = service.rows(today=TODAY)
    assert rows[0].id == new and len(rows) == 6
    # Latin letters match in any case, as LIKE did.
    assert [r.id for r in service.rows(text="li ming", today=TODAY)] == [new]
    assert [r.id for r in service.rows(text="NOISE", today=TODAY)] == [new]
    _accept(db, new, D(2026, 11, 19))
    row = service.rows(text="黄河", today=TODAY)[0]
    assert row.state == "accepted" and row.number == "（2026）人调字第5号"
    assert row.deadline.due == D(2026, 12, 19)


def test_only_changed_cases_are_read_again_and_keep_the_order(db, cases):
    service = CaseList(db)
    before = [r.id for r in service.rows(today=TODAY)]
    # Registered later, but dated earlier than three of the cases: it goes in its place.
    older = _case(db, ["何必"], D(2026, 10, 10))
    after = [r.id for r in service.rows(today=TODAY)]
    assert after == before[:3] + [older] + before[3:]
    _accept(db, cases["new"], D(2026, 11, 19))
    rows = service.rows(today=TODAY)
    assert [r.id for r in rows] == after
    assert rows[0].state == "accepted" and rows[0].number == "（2026）人调字第5号"


def test_a_row_written_without_a_new_version_still_shows(db, cases):
    """A row that came in without this database's counter (not expected: every write stamps
    one) is caught by the count, and everything is read again."""
    service = CaseList(db)
    assert len(service.rows(today=TODAY)) == 5
    with db.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO mediation_case (id, office_id, created_at, updated_at, version,"
            " version_instance, dispute_type, source, risk, summary, request, state,"
            " registered_on, registered_by, party_names, mediators)"
            " SELECT 'outside-1', office_id, created_at, updated_at, 0, 'elsewhere',"
            " 'neighbour', 'application', 'ordinary', '外来记录', '', 'registered',"
            " '2026-11-01', '', '外来', '' FROM mediation_case LIMIT 1"
        )
        conn.exec_driver_sql(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version_counter'"
        )
    assert "outside-1" in [r.id for r in service.rows(today=TODAY)]
