"""The mediation dialogs: fill them as a clerk would, save, read the case back through the services."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from govdesk.domain import mediation as rules
from govdesk.domain.permissions import Actor, Role
from govdesk.services import mediation
from govdesk.services.mediation import PartyInput
from govdesk.ui.mediation import actions
from govdesk.ui.mediation.step_dialogs import STEP_DIALOGS
from tests.ui.residents_helpers import add_person, make_id


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


def _start() -> dt.date:
    return _today() - dt.timedelta(days=10)


def new_case(db, *, respondent: bool = True) -> str:
    parties = [PartyInput(role="applicant", name="王大伟", phone="13800000001")]
    if respondent:
        parties.append(PartyInput(role="respondent", name="李小红"))
    with db.session() as s:
        return mediation.register_case(
            s,
            dispute_type="neighbour",
            source="application",
            summary="楼上漏水，双方就维修费用发生争执",
            parties=parties,
            registered_on=_start(),
        ).id


def case(db, case_id: str):
    with db.session() as s:
        c = mediation.get_case(s, case_id)
        s.expunge(c)
        return c


def step(db, case_id: str, key: str, parent=None) -> QDialog:
    return STEP_DIALOGS[key](db, case_id, parent)


def accepted(db) -> str:
    case_id = new_case(db)
    with db.session() as s:
        mediation.accept_case(s, case_id, accepted_on=_start(), mediators="张调解")
    return case_id


def mediating(db) -> str:
    case_id = accepted(db)
    with db.session() as s:
        mediation.record_session(
            s, case_id, held_at=dt.datetime.now(dt.UTC), statements="双方陈述", result="继续调解"
        )
    return case_id


def settled(db, kind: str = "written") -> str:
    case_id = mediating(db)
    with db.session() as s:
        mediation.settle_case(
            s, case_id, agreement_on=_start(), agreement_kind=kind, agreement_terms="赔偿八百元"
        )
    return case_id


def rows(db, table: str) -> int:
    with db.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def set_date(edit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


# -- the action table ------------------------------------------------------------------------


def test_actions_in_the_agreed_order_with_states_from_the_life_cycle():
    keys = [a.key for a in actions.ACTIONS]
    assert keys == [
        "register",
        "edit",
        "accept",
        "decline",
        "investigate",
        "session",
        "settle",
        "fail",
        "terminate",
        "perform",
        "confirm",
        "follow_up",
        "archive",
        "add_attachment",
        "screening",
        "stats",
        "settings",
    ]
    act = actions.action
    assert act("register").shortcut == "Ctrl+N" and not act("register").needs_case
    assert act("accept").states == {"registered"}
    assert act("session").states == {"accepted", "investigating", "mediating"}
    assert act("settle").states == {"mediating"}
    assert act("archive").states == {"settled", "performing", "failed", "terminated", "declined"}
    assert act("follow_up").states == {"settled", "performing"}
    assert act("accept").applies("registered") and not act("accept").applies("mediating")
    assert not act("accept").applies(None) and act("stats").applies(None)
    assert act("accept").text() == "受理"


def test_allowed_follows_the_role(db):
    db.actor = Actor(username="viewer", role=Role.VIEWER)
    allowed = {a.key for a in actions.ACTIONS if a.allowed(db)}
    assert allowed == {"stats"}
    db.actor = Actor(username="mediator", role=Role.MEDIATOR)
    allowed = {a.key for a in actions.ACTIONS if a.allowed(db)}
    assert "settings" not in allowed and {"register", "accept", "archive"} <= allowed


# -- registration ----------------------------------------------------------------------------


def test_register_with_a_resident_found_by_initials_and_an_outsider(qtbot, db):
    add_person(db, "张建国", id_number=make_id("19650304", 11), phone="13911112222")
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    dlg.dispute_type.setCurrentIndex(dlg.dispute_type.findData("house_land"))
    dlg.source.setCurrentIndex(dlg.source.findData("police"))
    dlg.risk.setCurrentIndex(dlg.risk.findData("serious"))
    dlg.summary.setPlainText("宅基地边界争议")
    dlg.request.setPlainText("确认边界")
    picker = dlg.picker
    picker.search.setText("zjg")
    picker.run_search()
    assert picker.results.count() == 1
    assert "张建国" in picker.results.item(0).text()
    assert "*" in picker.results.item(0).text()  # the ID number is masked in the list
    assert picker.pick_resident()
    picker.role.setCurrentIndex(picker.role.findData("respondent"))
    picker.pages.setCurrentIndex(1)
    picker.name.setText("赵外来")
    picker.id_number.setText(make_id("19800101", 22))
    picker.phone.setText("13700000000")
    assert picker.pick_outsider()
    assert dlg.party_table.rowCount() == 2
    assert dlg.save()
    with db.session() as s:
        c = mediation.get_case(s, dlg.created_id)
        assert (c.dispute_type, c.source, c.risk, c.state) == (
            "house_land",
            "police",
            "serious",
            "registered",
        )
        assert c.summary == "宅基地边界争议" and c.request == "确认边界"
        assert c.party_names == "张建国、赵外来"
        assert c.applied_on is None  # a police referral has no 申请书
        people = mediation.parties(s, c.id)
        assert [(p.role, p.name) for p in people] == [
            ("applicant", "张建国"),
            ("respondent", "赵外来"),
        ]
        assert people[0].resident_id is not None and people[0].phone == "13911112222"
        assert people[1].sex == "female" and people[1].birth_date == dt.date(1980, 1, 1)
        assert people[1].id_number == make_id("19800101", 22) and people[1].age is not None


def test_register_needs_an_applicant_and_a_summary(qtbot, db):
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    dlg.picker.role.setCurrentIndex(dlg.picker.role.findData("respondent"))
    dlg.picker.pages.setCurrentIndex(1)
    dlg.picker.name.setText("李四")
    assert dlg.picker.pick_outsider()
    assert not dlg.save()
    assert "纠纷简要情况不能为空" in dlg.error.text()
    assert "申请人" in dlg.error.text()
    assert rows(db, "mediation_case") == 0
    assert dlg.result() == 0


def test_outsider_with_a_bad_id_number_is_refused_in_the_picker(qtbot, db):
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    good = make_id("19800101", 22)
    dlg.picker.name.setText("钱某")
    dlg.picker.id_number.setText(good[:-1] + ("0" if good[-1] != "0" else "1"))
    assert not dlg.picker.pick_outsider()
    assert "校验位" in dlg.picker.message.text()
    assert dlg.party_table.rowCount() == 0


def test_edit_registration_keeps_parties_and_changes_the_summary(qtbot, db):
    case_id = new_case(db)
    dlg = actions.make_dialog("edit", None, db, case_id)
    qtbot.addWidget(dlg)
    assert dlg.party_table.rowCount() == 2
    assert dlg.summary.toPlainText() == "楼上漏水，双方就维修费用发生争执"
    dlg.summary.setPlainText("楼上漏水，维修费用争执")
    dlg.party_table.selectRow(1)
    dlg.remove_selected()
    assert dlg.save()
    c = case(db, case_id)
    assert c.summary == "楼上漏水，维修费用争执" and c.party_names == "王大伟"


# -- acceptance and refusal ------------------------------------------------------------------


def test_accept_gives_the_number_and_the_mediators(qtbot, db):
    case_id = new_case(db)
    dlg = step(db, case_id, "accept")
    qtbot.addWidget(dlg)
    set_date(dlg.date, _start())
    dlg.mediators.setText("张调解、刘调解")
    assert dlg.save()
    c = case(db, case_id)
    assert c.state == "accepted" and c.accepted_on == _start()
    assert c.number == f"（{_start().year}）人调字第1号" == dlg.number
    assert c.mediators == "张调解、刘调解"


def test_accept_offers_no_date_before_registration(qtbot, db):
    case_id = new_case(db)
    dlg = step(db, case_id, "accept")
    qtbot.addWidget(dlg)
    set_date(dlg.date, _start() - dt.timedelta(days=5))
    assert dlg.date.date().toPython() == _start()


def test_decline_needs_a_reason(qtbot, db):
    case_id = new_case(db)
    dlg = step(db, case_id, "decline")
    qtbot.addWidget(dlg)
    assert not dlg.save()
    assert "不予受理理由不能为空" in dlg.error.text()
    assert case(db, case_id).state == "registered"
    dlg.reason.setPlainText("属于法院专属管辖")
    assert dlg.save()
    c = case(db, case_id)
    assert c.state == "declined" and c.declined_reason == "属于法院专属管辖"


def test_a_step_the_life_cycle_refuses_shows_the_services_message(qtbot, db):
    case_id = accepted(db)
    dlg = step(db, case_id, "accept")
    qtbot.addWidget(dlg)
    assert not dlg.save()
    assert "已受理" in dlg.error.text()
    assert case(db, case_id).number == f"（{_start().year}）人调字第1号"


# -- records ---------------------------------------------------------------------------------


def test_session_statements_one_box_per_party_joined_with_heads(qtbot, db):
    case_id = accepted(db)
    dlg = step(db, case_id, "session")
    qtbot.addWidget(dlg)
    names = [box.objectName() for _party, box in dlg.statements]
    assert names == ["sessionStatement0", "sessionStatement1"]
    dlg.held_at.setDateTime(
        QDateTime(QDate(_start().year, _start().month, _start().day), QTime(9, 30))
    )
    dlg.place.setText("社区调解室")
    dlg.statements[0][1].setPlainText("楼上漏水三个月了。")
    dlg.statements[1][1].setPlainText("我已经请人修过。")
    dlg.facts.setPlainText("漏水属实")
    dlg.result_box.setPlainText("同意赔偿")
    assert dlg.save()
    with db.session() as s:
        (record,) = mediation.sessions(s, case_id)
        assert record.kind == "mediation" and record.place == "社区调解室"
        assert record.statements == "【王大伟】\n楼上漏水三个月了。\n\n【李小红】\n我已经请人修过。"
        assert record.mediators == "张调解"
        assert record.held_at.replace(tzinfo=dt.UTC).astimezone().hour == 9
    assert case(db, case_id).state == "mediating"


def test_investigation_moves_to_investigating_and_an_empty_record_is_refused(qtbot, db):
    case_id = accepted(db)
    dlg = step(db, case_id, "investigate")
    qtbot.addWidget(dlg)
    assert dlg.objectName() == "investigateDialog"
    assert not dlg.save()
    assert rows(db, "mediation_session") == 0
    dlg.other.setPlainText("走访邻居两户，证实漏水。")
    assert dlg.save()
    with db.session() as s:
        (record,) = mediation.sessions(s, case_id)
        assert record.kind == "investigation" and record.statements == "走访邻居两户，证实漏水。"
    assert case(db, case_id).state == "investigating"


# -- outcome ---------------------------------------------------------------------------------


def test_settle_with_a_written_agreement(qtbot, db):
    case_id = mediating(db)
    dlg = step(db, case_id, "settle")
    qtbot.addWidget(dlg)
    assert not dlg.save()
    assert "协议内容不能为空" in dlg.error.text()
    dlg.kind.setCurrentIndex(dlg.kind.findData("oral"))
    dlg.terms.setPlainText("李小红赔偿王大伟八百元")
    dlg.facts.setPlainText("漏水属实，李小红负全部责任")
    dlg.manner.setText("现金")
    dlg.place.setText("调解室")
    dlg.deadline.setText("协议生效之日起十日内")
    assert dlg.save()
    c = case(db, case_id)
    assert c.state == "settled" and c.agreement_kind == "oral" and c.agreement_on == _today()
    assert c.agreement_terms == "李小红赔偿王大伟八百元"
    assert (c.performance_manner, c.performance_place, c.performance_deadline) == (
        "现金",
        "调解室",
        "协议生效之日起十日内",
    )


def test_fail_records_the_advice_given(qtbot, db):
    case_id = mediating(db)
    dlg = step(db, case_id, "fail")
    qtbot.addWidget(dlg)
    dlg.reason.setPlainText("双方对赔偿数额分歧过大")
    dlg.advice.setCurrentIndex(1)
    assert dlg.save()
    c = case(db, case_id)
    assert c.state == "failed"
    assert c.outcome_reason == "双方对赔偿数额分歧过大。已告知当事人可以依法向人民法院提起诉讼。"


def test_terminate_needs_a_reason(qtbot, db):
    case_id = accepted(db)
    dlg = step(db, case_id, "terminate")
    qtbot.addWidget(dlg)
    assert not dlg.save()
    assert case(db, case_id).state == "accepted"
    dlg.reason.setPlainText("申请人撤回申请")
    assert dlg.save()
    assert case(db, case_id).outcome_reason == "申请人撤回申请"


# -- after the outcome -----------------------------------------------------------------------


def test_performance_moves_a_settled_case_on(qtbot, db):
    case_id = settled(db)
    dlg = step(db, case_id, "perform")
    qtbot.addWidget(dlg)
    dlg.note.setPlainText("已当场支付")
    assert dlg.save()
    c = case(db, case_id)
    assert (
        c.state == "performing"
        and c.performed_on == _today()
        and c.performance_note == "已当场支付"
    )


def test_confirmation_stops_the_clock_and_is_refused_for_an_oral_agreement(qtbot, db):
    case_id = settled(db)
    dlg = step(db, case_id, "confirm")
    qtbot.addWidget(dlg)
    assert (
        dlg.findChild(type(dlg.error), "confirmDue").text()
        == (_start() + dt.timedelta(days=30)).isoformat()
    )
    dlg.court.setText("朝阳区人民法院")
    assert dlg.save()
    c = case(db, case_id)
    assert c.confirmation_applied_on == _today() and c.confirmation_court == "朝阳区人民法院"

    # Later the court's answer is added: the dialog opens with what was recorded.
    again = step(db, case_id, "confirm")
    qtbot.addWidget(again)
    assert again.court.text() == "朝阳区人民法院" and again.date.date().toPython() == _today()
    again.result_box.setText("裁定确认协议有效")
    assert again.save()
    assert case(db, case_id).confirmation_result == "裁定确认协议有效"

    oral = settled(db, "oral")
    dlg = step(db, oral, "confirm")
    qtbot.addWidget(dlg)
    assert not dlg.ok_button.isEnabled()
    assert "口头协议不能申请司法确认" in dlg.findChild(type(dlg.error), "confirmRefused").text()
    assert not dlg.save()  # the service refuses too, should 确定 be pressed some other way
    assert dlg.error.text() == "案件没有书面调解协议，不能申请司法确认"
    assert case(db, oral).confirmation_applied_on is None


def test_follow_up_with_satisfaction(qtbot, db):
    case_id = settled(db)
    dlg = step(db, case_id, "follow_up")
    qtbot.addWidget(dlg)
    assert dlg.visitor.text() == "admin"  # the signed-in user
    dlg.performance.setPlainText("已履行完毕")
    dlg.satisfaction.setCurrentIndex(dlg.satisfaction.findData("fairly"))
    assert dlg.save()
    with db.session() as s:
        (visit,) = mediation.follow_ups(s, case_id)
        assert (visit.visited_on, visit.visitor, visit.satisfaction) == (
            _today(),
            "admin",
            "fairly",
        )
        assert visit.reason == "了解调解协议履行情况" and visit.performance == "已履行完毕"


def test_archive_defaults_to_the_case_number_and_the_signed_in_user(qtbot, db):
    case_id = settled(db)
    dlg = step(db, case_id, "archive")
    qtbot.addWidget(dlg)
    number = case(db, case_id).number
    assert dlg.volume.text() == number and dlg.archived_by.text() == "admin"
    assert [dlg.retention.itemText(i) for i in range(dlg.retention.count())] == [
        "长期",
        "永久",
        "短期",
    ]
    dlg.retention.setCurrentIndex(1)
    dlg.checked_by.setText("周主任")
    dlg.notes.setPlainText("卷内材料齐全")
    assert dlg.save()
    c = case(db, case_id)
    assert c.state == "archived" and c.archive_volume == number and c.retention == "永久"
    assert (c.archived_by, c.checked_by, c.file_notes) == ("admin", "周主任", "卷内材料齐全")


def test_archive_without_a_number_or_filer_changes_nothing(qtbot, db):
    case_id = settled(db)
    dlg = step(db, case_id, "archive")
    qtbot.addWidget(dlg)
    dlg.archived_by.clear()
    assert not dlg.save()
    assert "立卷人不能为空" in dlg.error.text()
    assert case(db, case_id).state == "settled"


# -- settings --------------------------------------------------------------------------------


def test_settings_prefix_and_handling_months(qtbot, db):
    dlg = actions.make_dialog("settings", None, db, None)
    qtbot.addWidget(dlg)
    dlg.prefix.setText("幸福")
    assert dlg.preview.text() == f"（{_today().year}）幸福人调字第1号"
    dlg.months.setValue(2)
    assert dlg.save()
    with db.session() as s:
        assert mediation.number_prefix(s) == "幸福"
        assert mediation.handling_months(s) == 2


def test_enter_saves_and_escape_cancels(qtbot, db):
    from PySide6.QtCore import Qt

    case_id = new_case(db)
    dlg = step(db, case_id, "decline")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.reason.setPlainText("不属于民间纠纷")
    dlg.date.setFocus()
    qtbot.keyClick(dlg.date, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert case(db, case_id).state == "declined"

    other = new_case(db)
    dlg = step(db, other, "decline")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.reason.setPlainText("不属于民间纠纷")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert case(db, other).state == "registered"


def test_enter_in_the_party_search_searches_and_does_not_save(qtbot, db):
    from PySide6.QtCore import Qt

    add_person(db, "欧阳秀英", id_number=make_id("19550505", 42))
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.summary.setPlainText("赡养纠纷")
    dlg.picker.search.setFocus()
    qtbot.keyClicks(dlg.picker.search, "oyxy")
    qtbot.keyClick(dlg.picker.search, Qt.Key.Key_Return)
    assert dlg.isVisible() and rows(db, "mediation_case") == 0
    assert dlg.picker.results.count() == 1
    qtbot.keyClick(dlg.picker.results, Qt.Key.Key_Return)  # adds the resident
    assert dlg.party_table.rowCount() == 1 and dlg.isVisible()
    dlg.picker.pages.setCurrentIndex(1)
    dlg.picker.role.setCurrentIndex(1)
    dlg.picker.name.setFocus()
    dlg.picker.name.setText("外来甲")  # QTest types Latin-1 only
    qtbot.keyClick(dlg.picker.name, Qt.Key.Key_Return)  # adds the outsider
    assert dlg.party_table.rowCount() == 2 and dlg.isVisible()
    dlg.date.setFocus()
    qtbot.keyClick(dlg.date, Qt.Key.Key_Return)  # now Enter is 确定
    assert dlg.result() == QDialog.DialogCode.Accepted
    with db.session() as s:
        assert mediation.get_case(s, dlg.created_id).party_names == "欧阳秀英、外来甲"


def test_a_major_dispute_reminds_to_report_upward(qtbot, db):
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.risk_hint.isVisible()
    dlg.risk.setCurrentIndex(dlg.risk.findData("major"))
    assert dlg.risk_hint.isVisible() and "立即" in dlg.risk_hint.text()


def test_a_mediator_registers_but_the_settings_refuse_them(qtbot, db):
    add_person(db, "冯志强", id_number=make_id("19780808", 51))
    db.actor = Actor(username="mediator", role=Role.MEDIATOR)
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    dlg.summary.setPlainText("欠薪")
    dlg.picker.search.setText("冯志强")
    dlg.picker.run_search()
    assert dlg.picker.pick_resident()
    assert dlg.save()
    assert not actions.action("settings").allowed(db)
    settings = actions.make_dialog("settings", None, db, None)
    qtbot.addWidget(settings)
    settings.prefix.setText("冒名")
    assert not settings.save()
    assert "权限" in settings.error.text()
    db.actor = Actor(username="admin", role=Role.ADMIN)
    with db.session() as s:
        assert mediation.number_prefix(s) == ""


def test_step_dialogs_show_the_running_deadline_and_start_from_the_last_facts(qtbot, db):
    case_id = new_case(db)
    long_ago = _today() - dt.timedelta(days=60)
    with db.session() as s:
        c = mediation.get_case(s, case_id)
        c.registered_on = long_ago  # registered two months ago, accepted at once
        mediation.accept_case(s, case_id, accepted_on=long_ago)
        mediation.record_session(
            s, case_id, held_at=dt.datetime.now(dt.UTC), facts="漏水系楼上水管老化所致"
        )
    dlg = step(db, case_id, "settle")
    qtbot.addWidget(dlg)
    shown = dlg.findChild(type(dlg.error), "settleDeadline").text()
    due = rules.handling_due(long_ago)
    assert shown == f"调解期限 {due.isoformat()}（已逾期 {(_today() - due).days} 天）"
    assert dlg.facts.toPlainText() == "漏水系楼上水管老化所致"
    session_dlg = step(db, case_id, "session")
    qtbot.addWidget(session_dlg)
    assert session_dlg.subject.text() == "邻里纠纷"


def test_the_same_resident_is_not_added_twice(qtbot, db):
    add_person(db, "蒋文华", id_number=make_id("19660606", 61))
    dlg = actions.make_dialog("register", None, db, None)
    qtbot.addWidget(dlg)
    dlg.picker.search.setText("蒋文华")
    dlg.picker.run_search()
    dlg.picker.pick_resident()
    dlg.picker.pick_resident()
    assert dlg.party_table.rowCount() == 1
    assert "已在当事人名单中" in dlg.picker.message.text()


def test_performance_not_finished_needs_a_note(qtbot, db):
    case_id = settled(db)
    dlg = step(db, case_id, "perform")
    qtbot.addWidget(dlg)
    dlg.completed.setChecked(False)
    assert not dlg.date.isEnabled()
    assert not dlg.save()
    assert dlg.error.text() == "请填写履行情况或履行完毕日期"
    assert case(db, case_id).state == "settled"
    dlg.note.setPlainText("已支付一半，余款月底付清")
    assert dlg.save()
    c = case(db, case_id)
    assert c.state == "performing" and c.performed_on is None
    assert c.performance_note == "已支付一半，余款月底付清"


def test_performance_recorded_in_two_visits(qtbot, db):
    case_id = settled(db)
    first = step(db, case_id, "perform")
    qtbot.addWidget(first)
    first.completed.setChecked(False)
    first.note.setPlainText("已付一半")
    assert first.save()
    second = step(db, case_id, "perform")
    qtbot.addWidget(second)
    assert second.note.toPlainText() == "已付一半" and not second.completed.isChecked()
    second.completed.setChecked(True)
    second.note.setPlainText("已全部付清")
    assert second.save()
    c = case(db, case_id)
    assert (c.state, c.performed_on, c.performance_note) == ("performing", _today(), "已全部付清")
