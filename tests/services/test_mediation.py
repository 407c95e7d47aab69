"""Mediation cases: the life cycle table, case numbers, deadlines, permissions and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import CaseState, DeadlineKind
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import ROLE_PERMISSIONS, Actor, Permission, Role
from govdesk.services import mediation, registry
from govdesk.services.authz import PermissionDenied
from govdesk.services.mediation import PartyInput

ID_ZHANG = "11010519491231002X"
D = dt.date
REGISTERED = D(2026, 3, 2)
ACCEPTED = D(2026, 3, 3)


def _register(db, registered_on=REGISTERED, **extra):
    with db.session() as s:
        case = mediation.register_case(
            s,
            dispute_type=extra.pop("dispute_type", "邻里"),
            source=extra.pop("source", "当事人申请"),
            summary="楼上漏水，楼下墙面受损",
            parties=extra.pop(
                "parties",
                [
                    PartyInput(role="申请人", name="王芳", sex="女", age=52),
                    PartyInput(role="被申请人", name="赵强", phone="13812345678"),
                ],
            ),
            registered_on=registered_on,
            **extra,
        )
        return case.id


def _accept(db, case_id, on=ACCEPTED):
    with db.session() as s:
        return mediation.accept_case(s, case_id, accepted_on=on, mediators="李调解").number


def _mediate(db, case_id):
    with db.session() as s:
        mediation.record_session(
            s, case_id, held_at=dt.datetime(2026, 3, 5, 1, 30, tzinfo=dt.UTC), place="调解室"
        )


def _state(db, case_id):
    with db.session() as s:
        return mediation.get_case(s, case_id).state


def test_register_with_a_resident_and_an_outside_person(db):
    with db.session() as s:
        person = registry.create_person(
            s,
            data={"name": "张叁", "id_number": ID_ZHANG, "current_address": "幸福里3号"},
        ).person
    case_id = _register(
        db,
        parties=[
            PartyInput(role="applicant", resident_id=person.id, occupation="退休"),
            PartyInput(role="respondent", name="赵强", age=40),
        ],
    )
    with db.session() as s:
        case = mediation.get_case(s, case_id)
        parties = mediation.parties(s, case_id)
    assert case.state == "registered"
    assert case.number is None and case.dispute_type == "neighbour" and case.source == "application"
    assert [(p.role, p.name) for p in parties] == [("applicant", "张叁"), ("respondent", "赵强")]
    zhang = parties[0]
    assert zhang.resident_id == person.id
    assert zhang.id_number == ID_ZHANG and zhang.sex == "female"
    assert zhang.birth_date == D(1949, 12, 31) and zhang.age == 76
    assert zhang.address == "幸福里3号" and zhang.occupation == "退休"


def test_register_refuses_unknown_codes_and_no_parties(db):
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.register_case(
            s,
            dispute_type="打架",
            source="当事人申请",
            summary="x",
            parties=[],
            registered_on=D(2026, 3, 1),
        )
    keys = [i.key for i in err.value.issues]
    assert keys == ["mediation.unknown_code", "mediation.no_party"]


def test_full_life_cycle(db):
    case_id = _register(db)
    assert _accept(db, case_id) == "（2026）人调字第1号"
    with db.session() as s:
        mediation.record_session(
            s, case_id, kind="investigation", held_at=dt.datetime(2026, 3, 4, tzinfo=dt.UTC)
        )
    assert _state(db, case_id) == "investigating"
    _mediate(db, case_id)
    _mediate(db, case_id)  # a second session keeps the case mediating
    with db.session() as s:
        assert len(mediation.sessions(s, case_id)) == 3
        mediation.settle_case(
            s,
            case_id,
            agreement_on=D(2026, 3, 10),
            agreement_kind="书面协议",
            agreement_terms="赵强赔偿王芳维修费800元",
            performance_deadline="2026年3月20日前",
        )
        mediation.begin_performance(s, case_id)
        mediation.add_follow_up(
            s, case_id, visited_on=D(2026, 3, 25), visitor="李调解", satisfaction="满意"
        )
        case = mediation.archive_case(
            s, case_id, archived_on=D(2026, 4, 1), archived_by="李调解", retention="长期"
        )
        visits = mediation.follow_ups(s, case_id)
    assert case.state == "archived" and case.archive_volume == "（2026）人调字第1号"
    assert case.agreement_kind == "written" and case.closed_on == D(2026, 3, 10)
    assert case.performance_deadline == "2026年3月20日前"
    assert [v.satisfaction for v in visits] == ["satisfied"]


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (CaseState.REGISTERED, {"accepted", "declined"}),
        (CaseState.MEDIATING, {"mediating", "settled", "failed", "terminated"}),
        (CaseState.SETTLED, {"performing", "archived"}),
        (CaseState.ARCHIVED, set()),
    ],
)
def test_transition_table(state, allowed):
    assert {t for t in CaseState if rules.can_move(state, t)} == allowed


def test_refused_transitions_change_nothing(db):
    case_id = _register(db)
    # Not accepted yet: no session, no settlement, no archive.
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.record_session(s, case_id, held_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC))
    assert err.value.issues[0].key == "mediation.bad_transition"
    assert "已登记" in str(err.value)
    with pytest.raises(DomainError), db.session() as s:
        mediation.settle_case(
            s, case_id, agreement_on=D(2026, 3, 5), agreement_kind="oral", agreement_terms="x"
        )
    with pytest.raises(DomainError), db.session() as s:
        mediation.archive_case(s, case_id, archived_on=D(2026, 3, 5), archived_by="李")
    assert _state(db, case_id) == "registered"
    with db.session() as s:
        assert mediation.sessions(s, case_id) == []
    _accept(db, case_id)
    with pytest.raises(DomainError), db.session() as s:
        mediation.accept_case(s, case_id, accepted_on=D(2026, 3, 4))
    with pytest.raises(DomainError), db.session() as s:
        mediation.add_follow_up(s, case_id, visited_on=D(2026, 3, 5))
    with pytest.raises(DomainError), db.session() as s:
        mediation.decline_case(s, case_id, reason="不属于民间纠纷", declined_on=D(2026, 3, 5))
    assert _state(db, case_id) == "accepted"


def test_decline_needs_a_reason_and_takes_no_number(db):
    first = _register(db)
    with pytest.raises(DomainError), db.session() as s:
        mediation.decline_case(s, first, reason=" ", declined_on=D(2026, 3, 3))
    with db.session() as s:
        case = mediation.decline_case(s, first, reason="已起诉至法院", declined_on=D(2026, 3, 3))
    assert case.state == "declined" and case.number is None and case.seq is None
    second = _register(db)
    assert _accept(db, second) == "（2026）人调字第1号"
    # A declined case is archived under a volume number given by hand.
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.archive_case(s, first, archived_on=D(2026, 3, 4), archived_by="李")
    assert err.value.issues[0].key == "mediation.no_volume"


def test_numbers_never_repeat_per_year_with_prefix(db):
    with db.session() as s:
        mediation.set_number_prefix(s, "幸")
    ids = [_register(db) for _ in range(4)]
    numbers = [
        _accept(db, ids[0], D(2026, 3, 3)),
        _accept(db, ids[1], D(2026, 12, 31)),
        _accept(db, ids[2], D(2027, 1, 2)),
    ]
    # A failed acceptance (date before registration) rolls back and gives no number away.
    with pytest.raises(DomainError), db.session() as s:
        mediation.accept_case(s, ids[3], accepted_on=D(2026, 1, 1))
    numbers.append(_accept(db, ids[3], D(2027, 1, 3)))
    assert numbers == [
        "（2026）幸人调字第1号",
        "（2026）幸人调字第2号",
        "（2027）幸人调字第1号",
        "（2027）幸人调字第2号",
    ]
    assert db.meta("mediation_seq:2026") == "2" and db.meta("mediation_seq:2027") == "2"
    # The database itself refuses a number given twice.
    with pytest.raises(IntegrityError), db.begin() as conn:
        conn.execute(
            text("UPDATE mediation_case SET year = 2026, seq = 1 WHERE id = :i"), {"i": ids[1]}
        )


def test_deadline_rules_on_fixed_dates():
    assert rules.handling_due(D(2026, 1, 31)) == D(2026, 2, 28)
    assert rules.handling_due(D(2028, 1, 31)) == D(2028, 2, 29)
    assert rules.handling_due(D(2026, 12, 15)) == D(2027, 1, 15)
    assert rules.handling_due(D(2026, 3, 3), months=2) == D(2026, 5, 3)
    assert rules.confirmation_due(D(2026, 3, 10)) == D(2026, 4, 9)
    due = rules.case_deadlines("mediating", D(2026, 3, 3), None, None, D(2026, 3, 30))
    assert [(d.kind, d.due, d.days_left, d.warn, d.overdue) for d in due] == [
        (DeadlineKind.HANDLING, D(2026, 4, 3), 4, False, False)
    ]
    near = rules.case_deadlines("mediating", D(2026, 3, 3), None, None, D(2026, 3, 31))
    assert [(d.days_left, d.warn, d.overdue) for d in near] == [(3, True, False)]
    late = rules.case_deadlines("accepted", D(2026, 3, 3), None, None, D(2026, 4, 5))
    assert late[0].days_left == -2 and late[0].overdue
    assert rules.case_deadlines("failed", D(2026, 3, 3), None, None, D(2026, 3, 4)) == []
    settled = rules.case_deadlines(
        "settled", D(2026, 3, 3), D(2026, 3, 10), "written", D(2026, 3, 11)
    )
    assert [(d.kind, d.due, d.days_left, d.warn) for d in settled] == [
        (DeadlineKind.CONFIRMATION, D(2026, 4, 9), 29, False)
    ]
    assert (
        rules.case_deadlines("settled", D(2026, 3, 3), D(2026, 3, 10), "oral", D(2026, 3, 11)) == []
    )


def test_list_cases_by_state_and_due(db):
    late, fresh, new = _register(db), _register(db), _register(db)
    _accept(db, late, D(2026, 3, 3))
    _accept(db, fresh, D(2026, 3, 25))
    with db.session() as s:
        assert [
            d.due for d in mediation.deadlines(s, mediation.get_case(s, late), D(2026, 3, 30))
        ] == [D(2026, 4, 3)]
    assert {c.id for c in mediation.list_cases(db, state="accepted")} == {late, fresh}
    assert [c.id for c in mediation.list_cases(db, state="registered")] == [new]
    due = mediation.list_cases(db, due_within_days=7, today=D(2026, 3, 30))
    assert [c.id for c in due] == [late]


def test_roles_without_edit_are_refused(db):
    case_id = _register(db)
    for role in Role:
        if Permission.MEDIATION_EDIT in ROLE_PERMISSIONS[role]:
            continue
        db.actor = Actor("x", role)
        with pytest.raises(PermissionDenied), db.session() as s:
            mediation.register_case(
                s,
                dispute_type="other",
                source="application",
                summary="x",
                parties=[PartyInput(name="甲")],
                registered_on=D(2026, 3, 1),
            )
        with pytest.raises(PermissionDenied), db.session() as s:
            mediation.accept_case(s, case_id, accepted_on=D(2026, 3, 3))
    db.actor = Actor("m", Role.MEDIATOR)
    assert _accept(db, case_id) == "（2026）人调字第1号"
    db.actor = Actor("v", Role.VIEWER)
    assert [c.id for c in mediation.list_cases(db)] == [case_id]
    db.actor = Actor("vol", Role.VOLUNTEERS)
    with pytest.raises(PermissionDenied):
        mediation.list_cases(db)


def test_case_creation_is_audited(db):
    case_id = _register(db)
    with db.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT username, action, record_type, detail FROM audit_log "
                "WHERE record_type IN ('mediation_case', 'mediation_party') ORDER BY seq"
            )
        ).all()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("admin", "create", "mediation_case"),
        ("admin", "create", "mediation_party"),
        ("admin", "create", "mediation_party"),
    ]
    with db.connect() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                text("SELECT record_id FROM audit_log WHERE record_type = 'mediation_case'")
            )
        ]
    assert ids == [case_id]
    # The respondent's phone is masked on the trail.
    assert "13812345678" not in rows[2][3] and "138****5678" in rows[2][3]
