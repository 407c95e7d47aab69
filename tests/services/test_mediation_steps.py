"""Mediation: registration changes, grid events, performance, 司法确认, settings, masked views."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import DeadlineKind
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import mediation, registry
from govdesk.services.authz import PermissionDenied
from govdesk.services.mediation import PartyInput

D = dt.date
ID_ZHANG = "11010519491231002X"


def _register(db, **extra):
    with db.session() as s:
        case = mediation.register_case(
            s,
            dispute_type="邻里",
            source=extra.pop("source", "当事人申请"),
            summary="楼上漏水",
            parties=extra.pop(
                "parties",
                [
                    PartyInput(
                        role="申请人", name="王芳", phone="13912345678", address="幸福里1号"
                    ),
                    PartyInput(role="被申请人", name="赵强", id_number=ID_ZHANG),
                ],
            ),
            registered_on=D(2026, 3, 2),
            **extra,
        )
        return case.id


AGREED = D(2026, 3, 10)


def _settle(db, case_id, kind="written", on=AGREED):
    with db.session() as s:
        mediation.accept_case(s, case_id, accepted_on=D(2026, 3, 3))
        mediation.record_session(
            s, case_id, held_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC), statements="【王芳】\n漏水"
        )
        mediation.settle_case(
            s, case_id, agreement_on=on, agreement_kind=kind, agreement_terms="赔偿800元"
        )


def test_register_keeps_names_application_date_and_source(db):
    case_id = _register(db, applied_on=D(2026, 3, 1))
    with db.session() as s:
        case = mediation.get_case(s, case_id)
        assert case.party_names == "王芳、赵强"
        assert case.applied_on == D(2026, 3, 1) and case.source_ref is None
        event = mediation.register_from_grid_event(
            s,
            event_id="evt-42",
            dispute_type="物业",
            summary="电梯停运",
            parties=[PartyInput(name="钱多")],
            registered_on=D(2026, 3, 4),
        )
        assert (event.source, event.source_ref, event.party_names) == (
            "grid_event",
            "evt-42",
            "钱多",
        )
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.register_from_grid_event(
            s,
            event_id=" ",
            dispute_type="物业",
            summary="x",
            parties=[PartyInput(name="钱多")],
            registered_on=D(2026, 3, 4),
        )
    assert err.value.issues[0].key == "mediation.no_event"


def test_update_registration_edits_adds_and_removes_parties(db):
    with db.session() as s:
        person = registry.create_person(
            s, data={"name": "张叁", "id_number": ID_ZHANG, "current_address": "幸福里3号"}
        ).person
    case_id = _register(db)
    with db.session() as s:
        wang, zhao = mediation.parties(s, case_id)
        mediation.update_registration(
            s,
            case_id,
            dispute_type="房屋宅基地",
            source="主动调解",
            risk="较大",
            summary=" 墙面开裂 ",
            request="修复",
            parties=[
                PartyInput(role="respondent", resident_id=person.id),
                PartyInput(role="applicant", name="王芳芳", party_id=wang.id),
            ],
            applied_on=D(2026, 3, 1),
        )
    with db.session() as s:
        case = mediation.get_case(s, case_id)
        rows = mediation.parties(s, case_id)
    assert (case.dispute_type, case.source, case.risk, case.summary) == (
        "house_land",
        "own_initiative",
        "serious",
        "墙面开裂",
    )
    assert case.party_names == "张叁、王芳芳" and case.applied_on == D(2026, 3, 1)
    assert [(p.name, p.role, p.sort_order) for p in rows] == [
        ("张叁", "respondent", 0),
        ("王芳芳", "applicant", 1),
    ]
    assert rows[1].id == wang.id and rows[0].address == "幸福里3号"
    with db.connect() as conn:
        removed = conn.execute(
            text("SELECT detail FROM audit_log WHERE record_id = :i AND action = 'update'"),
            {"i": zhao.id},
        ).scalar_one()
    assert "赵强" in removed


def test_update_registration_refused_after_mediation_starts(db):
    case_id = _register(db)
    _settle(db, case_id)
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.update_registration(
            s,
            case_id,
            dispute_type="邻里",
            source="当事人申请",
            risk="一般",
            summary="x",
            request="",
            parties=[PartyInput(name="甲")],
        )
    assert err.value.issues[0].key == "mediation.not_editable"
    with db.session() as s:
        assert mediation.get_case(s, case_id).party_names == "王芳、赵强"


def test_performance_and_confirmation(db):
    case_id = _register(db)
    _settle(db, case_id)
    with db.session() as s:
        due = mediation.deadlines(s, mediation.get_case(s, case_id), D(2026, 4, 7))
        assert [(d.kind, d.due, d.days_left, d.warn) for d in due] == [
            (DeadlineKind.CONFIRMATION, D(2026, 4, 9), 2, True)
        ]
        with pytest.raises(DomainError):
            mediation.record_performance(s, case_id, performed_on=None, note=" ")
        case = mediation.record_performance(s, case_id, performed_on=None, note="已付400元")
        assert case.state == "performing" and case.performance_note == "已付400元"
        case = mediation.record_performance(
            s, case_id, performed_on=D(2026, 3, 20), note="已全部履行"
        )
        assert case.state == "performing" and case.performed_on == D(2026, 3, 20)
        mediation.record_confirmation(s, case_id, applied_on=D(2026, 3, 25), court="朝阳区人民法院")
        # The clock stops once the parties have applied.
        assert mediation.deadlines(s, mediation.get_case(s, case_id), D(2026, 4, 7)) == []
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.record_confirmation(s, case_id, applied_on=D(2026, 3, 9))
    assert err.value.issues[0].key == "mediation.before_agreement"


def test_confirmation_needs_a_written_agreement(db):
    case_id = _register(db)
    _settle(db, case_id, kind="oral")
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.record_confirmation(s, case_id, applied_on=D(2026, 3, 12))
    assert err.value.issues[0].key == "mediation.no_agreement"
    other = _register(db)
    with pytest.raises(DomainError) as err, db.session() as s:
        mediation.record_performance(s, other, performed_on=D(2026, 3, 5), note="")
    assert err.value.issues[0].key == "mediation.bad_transition"


def test_archive_keeps_file_notes_and_checker(db):
    case_id = _register(db)
    _settle(db, case_id)
    with db.session() as s:
        case = mediation.archive_case(
            s,
            case_id,
            archived_on=D(2026, 4, 20),
            archived_by="李调解",
            retention="长期",
            file_notes="协议已履行完毕",
            checked_by="周主任",
        )
    assert (case.file_notes, case.checked_by, case.state) == (
        "协议已履行完毕",
        "周主任",
        "archived",
    )


def test_handling_months_setting(db):
    case_id = _register(db)
    with db.session() as s:
        mediation.accept_case(s, case_id, accepted_on=D(2026, 3, 3))
    assert mediation.handling_months(db) == 1
    with db.session() as s:
        assert [
            d.due for d in mediation.deadlines(s, mediation.get_case(s, case_id), D(2026, 3, 4))
        ] == [D(2026, 4, 3)]
        mediation.set_handling_months(s, 2)
    assert mediation.handling_months(db) == 2 and db.meta("mediation_handling_months") == "2"
    with db.connect() as conn:
        audited = (
            conn.exec_driver_sql(
                "SELECT detail FROM audit_log WHERE record_type = 'settings' "
                "AND record_id = 'mediation_handling_months'"
            )
            .scalars()
            .all()
        )
    assert audited == ['{"handling_months": [null, 2]}']
    with db.session() as s:
        mediation.set_handling_months(s, 2)  # unchanged: nothing stored, nothing noted
    with db.connect() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM audit_log WHERE record_id = 'mediation_handling_months'"
            ).scalar()
            == 1
        )
    with db.session() as s:
        assert mediation.handling_months(s) == 2
        assert [
            d.due for d in mediation.deadlines(db, mediation.get_case(s, case_id), D(2026, 3, 4))
        ] == [D(2026, 5, 3)]
    for bad in (0, 13):
        with pytest.raises(DomainError), db.session() as s:
            mediation.set_handling_months(s, bad)
    db.actor = Actor("m", Role.MEDIATOR)
    with pytest.raises(PermissionDenied), db.session() as s:
        mediation.set_handling_months(s, 3)
    assert mediation.handling_months(db) == 2


def test_warning_window_is_three_days():
    assert rules.WARN_DAYS == 3
    due = rules.case_deadlines("accepted", D(2026, 3, 3), None, None, D(2026, 3, 30))
    assert (due[0].days_left, due[0].warn) == (4, False)


@pytest.mark.parametrize(
    ("role", "full"), [(Role.MEDIATOR, True), (Role.VIEWER, False), (Role.CLERK, False)]
)
def test_party_and_session_views_follow_the_permission(db, role, full):
    case_id = _register(db)
    _settle(db, case_id)
    db.actor = Actor("u", role)
    with db.session() as s:
        views = mediation.party_views(s, case_id)
        sessions = mediation.session_views(s, case_id)
    wang, zhao = views
    assert (wang.name, wang.role_label, zhao.name) == ("王芳", "申请人", "赵强")
    if full:
        assert wang.phone == "13912345678" and wang.address == "幸福里1号"
        assert zhao.id_number == ID_ZHANG
        assert sessions[0].statements == "【王芳】\n漏水"
    else:
        assert wang.phone == "139****5678" and wang.address is None
        assert zhao.id_number == "110105********002X"
        assert sessions[0].statements == "" and not sessions[0].full
        with pytest.raises(PermissionDenied), db.session() as s:
            mediation.parties(s, case_id)
    # The stored values are untouched by masking.
    db.actor = Actor("a", Role.ADMIN)
    with db.session() as s:
        assert mediation.parties(s, case_id)[0].phone == "13912345678"


def test_outcome_stays_after_archiving(db):
    """The state of an archived case says only 已归档; the outcome keeps how it ended."""
    from govdesk.domain.models import MediationCase

    ids = {}
    with db.session() as s:
        for outcome in ("failed", "terminated", "declined"):
            case = mediation.register_case(
                s,
                dispute_type="邻里",
                source="当事人申请",
                summary="噪音",
                parties=[mediation.PartyInput(name="甲")],
                registered_on=dt.date(2026, 3, 1),
            )
            if outcome == "declined":
                mediation.decline_case(
                    s, case.id, reason="不属调解范围", declined_on=dt.date(2026, 3, 2)
                )
            else:
                mediation.accept_case(s, case.id, accepted_on=dt.date(2026, 3, 2))
                mediation.record_session(
                    s, case.id, held_at=dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC)
                )
                step = mediation.fail_case if outcome == "failed" else mediation.terminate_case
                step(s, case.id, reason="一方不同意", closed_on=dt.date(2026, 3, 4))
            ids[outcome] = case.id
    with db.session() as s:
        for case_id in ids.values():
            mediation.archive_case(
                s, case_id, archived_on=dt.date(2026, 3, 5), archived_by="李", volume="卷"
            )
    with db.session() as s:
        for outcome, case_id in ids.items():
            case = s.get(MediationCase, case_id)
            assert (case.state, case.outcome) == ("archived", outcome)
