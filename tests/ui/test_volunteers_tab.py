"""The 志愿服务 tab: the list with hours and stars, search, filters, dialogs, the window's tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from govdesk.domain.permissions import Actor, Role
from govdesk.services import registry, volunteer_hours, volunteer_teams, volunteers
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.view import VolunteersTab


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


def _volunteer(db, name, **data):
    with db.session() as s:
        return volunteers.add_volunteer(s, data={"name": name, **data}).id


def _hours(db, volunteer_id, minutes):
    """Confirmed hours through the ledger's own steps (a pending line, then confirmed)."""
    with db.session() as s:
        entry = volunteer_hours.adjust(
            s,
            volunteer_id=volunteer_id,
            minutes=minutes,
            reason="补录历史时长",
            served_on=_today() - dt.timedelta(days=30),
        )
        return entry.id


@pytest.fixture
def people(db):
    ids = {
        "wang": _volunteer(db, "王芳", skills="cleaning,elderly_care", phone="13812345678"),
        "li": _volunteer(
            db,
            "李强",
            skills="patrol",
            dual_report=True,
            party_member=True,
            work_unit="区税务局",
            reported_on=_today(),
        ),
        "zhao": _volunteer(db, "赵敏", skills="repairs"),
    }
    _hours(db, ids["wang"], 100 * 60)  # exactly ★
    _hours(db, ids["li"], 300 * 60 - 1)  # one minute short of ★★
    with db.session() as s:
        team = volunteer_teams.create_team(s, name="平安巡逻队", founded_on=_today())
        volunteer_teams.add_member(s, team_id=team.id, volunteer_id=ids["li"], joined_on=_today())
        ids["team"] = team.id
    return ids


def _tab(qtbot, db, role: Role | None = None) -> VolunteersTab:
    if role is not None:
        db.actor = Actor(role.value, role)
    tab = VolunteersTab(db)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _column(tab, name):

    model = tab.list_page.model
    return [model.cell_text(r, name) for r in range(model.rowCount())]


def test_list_shows_hours_stars_teams_and_headings(qtbot, db, people):
    tab = _tab(qtbot, db)
    model = tab.list_page.model
    headings = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headings == ["编号", "姓名", "性别", "技能", "所属队伍", "服务时长", "星级", "状态"]
    assert _column(tab, "name") == ["王芳", "李强", "赵敏"]
    assert _column(tab, "number") == ["V0001", "V0002", "V0003"]
    assert _column(tab, "minutes") == ["100 小时", "299.9 小时", "0 小时"]
    assert _column(tab, "stars") == ["★☆☆☆☆", "★☆☆☆☆", ""]
    assert _column(tab, "teams") == ["", "平安巡逻队", ""]
    assert _column(tab, "skills")[0] == "环境清洁、助老服务"
    assert tab.list_page.filters.count_label.text() == "共 3 人"
    # The first volunteer is chosen; the panel shows the ledger line and the star.
    assert tab.panel.detail is not None and tab.panel.detail.name == "王芳"
    assert "★☆☆☆☆" in tab.panel.hours.text()
    assert tab.panel.ledger.topLevelItem(0).text(1) == "调整"
    assert tab.panel.ledger.topLevelItem(0).text(2) == "100 小时"
    # Sorting by hours puts the most first.
    tab.list_page._sort_by(5)
    assert _column(tab, "name")[0] == "李强"


def test_search_is_debounced_and_filters_narrow_the_list(qtbot, db, people):
    tab = _tab(qtbot, db)
    assert tab.find_action.shortcut().toString() == "Ctrl+F"
    tab.table.setFocus()
    tab.find_action.trigger()
    assert tab.focusWidget() is tab.search
    qtbot.keyClicks(tab.search, "lq")
    # Nothing happens until the pause after typing.
    assert tab.list_page.model.rowCount() == 3
    qtbot.waitUntil(lambda: tab.list_page.model.rowCount() == 1)
    assert _column(tab, "name") == ["李强"]
    assert tab.panel.detail.name == "李强"
    assert "区税务局" in tab.panel.facts.text()
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.list_page.model.rowCount() == 3)
    filters = tab.list_page.filters
    filters.dual.setChecked(True)
    assert _column(tab, "name") == ["李强"]
    filters.dual.setChecked(False)
    filters.skill.setCurrentIndex(filters.skill.findData("repairs"))
    assert _column(tab, "name") == ["赵敏"]
    filters.skill.setCurrentIndex(0)
    filters.team.setCurrentIndex(filters.team.findData(people["team"]))
    assert _column(tab, "name") == ["李强"]
    filters.team.setCurrentIndex(0)
    filters.search.setText("5678")  # phone tail
    filters.flush()
    assert _column(tab, "name") == ["王芳"]


def test_register_an_outsider_and_bad_input_stores_nothing(qtbot, db, people):
    tab = _tab(qtbot, db)
    messages = []

    def bad(dialog):
        dialog.who.setCurrentIndex(1)
        dialog.name.setText("陈静")
        dialog.id_number.setText("110105199001011234")  # wrong check digit
        assert dialog.save() is False
        messages.append(dialog.error.text())

    with common.driven(bad):
        assert tab.run_action("register") is False
    assert messages and messages[0]
    assert _column(tab, "name") == ["王芳", "李强", "赵敏"]

    def empty(dialog):
        dialog.who.setCurrentIndex(1)
        assert dialog.save() is False
        messages.append(dialog.error.text())

    with common.driven(empty):
        assert tab.run_action("register") is False
    assert "姓名" in messages[-1]

    def good(dialog):
        dialog.who.setCurrentIndex(1)
        dialog.name.setText("陈静")
        dialog.phone.setText("13900001111")
        dialog.skills.set_checked(["tutoring"])
        dialog.days.boxes[5].setChecked(True)  # Saturday
        dialog.times.boxes["morning"].setChecked(True)
        assert dialog.save() is True, dialog.error.text()

    with common.driven(good):
        assert tab.run_action("register") is True
    assert _column(tab, "name") == ["王芳", "李强", "赵敏", "陈静"]
    assert tab.panel.detail.name == "陈静" and tab.panel.detail.number == "V0004"
    facts = tab.panel.facts.text()
    assert "文化教育" in facts and "周六" in facts and "上午" in facts
    assert "139****1111" in facts


def test_register_a_resident_picked_by_search(qtbot, db, people):
    with db.session() as s:
        registry.create_person(
            s, data={"name": "孙丽", "sex": "female", "id_number": "110105199003071239"}
        )
    tab = _tab(qtbot, db)

    def pick(dialog):
        dialog.search.setText("孙丽")
        dialog.run_search()
        assert dialog.results.count() == 1
        assert "110105********1239" in dialog.results.item(0).text()
        assert dialog.save() is True, dialog.error.text()

    with common.driven(pick):
        assert tab.run_action("register") is True
    assert tab.panel.detail.name == "孙丽"
    assert "本社区居民" in tab.panel.facts.text()


def test_adjusting_line_sits_under_the_line_it_corrects(qtbot, db, people):
    tab = _tab(qtbot, db)
    assert tab.panel.detail.name == "王芳"
    tab.panel.ledger.topLevelItem(0).setSelected(True)

    def correct(dialog):
        dialog.hours.setText("-2")
        assert dialog.save() is False  # the reason is required
        assert "原因" in dialog.error.text()
        dialog.reason.setPlainText("重复登记")
        assert dialog.save() is True, dialog.error.text()

    with common.driven(correct):
        assert tab.run_action("adjust") is True
    top = tab.panel.ledger.topLevelItem(0)
    assert tab.panel.ledger.topLevelItemCount() == 1
    assert top.childCount() == 1
    assert top.child(0).text(2) == "-2 小时" and top.child(0).text(4) == "重复登记"
    assert _column(tab, "minutes")[0] == "98 小时"
    assert _column(tab, "stars")[0] == ""


def test_viewer_sees_no_writing_actions(qtbot, db, people):
    tab = _tab(qtbot, db, Role.VIEWER)
    assert "register" not in tab.tool_actions and "skills" not in tab.tool_actions
    assert tab.activities.buttons == {}
    assert _column(tab, "name") == ["王芳", "李强", "赵敏"]


def test_the_window_has_the_tab(qtbot, db, people):
    from govdesk.ui.main_window import MainWindow

    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    assert "volunteers" in window.tab_keys()
    assert window.show_tab("volunteers") is True
    tab = window.tabs.currentWidget()
    assert tab.objectName() == "volunteersTab"
    assert tab.findChild(type(tab.table), "volunteerTable") is tab.table


def _wait_preview(qtbot, tab):
    qtbot.waitUntil(lambda: tab.last_preview is not None, timeout=20_000)
    return tab.last_preview


def test_certificate_and_duty_roster_open_in_the_print_preview(qtbot, db, people):
    import subprocess

    tab = _tab(qtbot, db)
    assert tab.panel.detail.name == "王芳"
    assert [a.objectName() for a in tab.print_menu.actions()] == [
        "volunteerPrint_certificate",
        "volunteerPrint_duty-roster",
        "volunteerPrint_team-roster",
    ]

    def period(dialog):
        dialog.start.setDate(dialog.start.date().addYears(-1))
        dialog.save()

    with common.driven(period):
        tab.print_form("certificate")
    preview = _wait_preview(qtbot, tab)
    text = subprocess.run(
        ["pdftotext", str(preview.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "志愿服务证明" in text.replace(" ", "") and "王芳" in text
    preview.dialog.close()
    tab.last_preview = None
    tab.print_form("duty-roster")
    preview = _wait_preview(qtbot, tab)
    text = subprocess.run(
        ["pdftotext", str(preview.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "排班表" in text.replace(" ", "")
    preview.dialog.close()


def test_export_hours_to_csv(qtbot, db, people, tmp_path):
    from govdesk.ui.volunteers import printing

    tab = _tab(qtbot, db)
    out = tmp_path / "hours.csv"

    def period(dialog):
        dialog.start.setDate(dialog.start.date().addYears(-1))
        dialog.save()

    with common.driven(period):
        op = printing.export_hours(tab, out)
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    text = out.read_text(encoding="utf-8-sig")
    assert "王芳" in text and "李强" in text
    assert "赵敏" not in text  # no confirmed hours


def test_stars_review_lists_and_records_promotions(qtbot, db, people):
    from govdesk.services import volunteer_stars

    tab = _tab(qtbot, db)
    seen = []

    def review(dialog):
        tree = dialog.list
        seen.extend(tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount()))
        dialog.note.setText("年度评定")
        dialog.save()

    with common.driven(review):
        assert tab.run_action("stars") is True
    assert sorted(seen) == ["李强", "王芳"]
    assert volunteer_stars.promotions(db) == []


def test_teams_dialog_new_team_member_and_leader(qtbot, db, people):
    from govdesk.ui.volunteers.team_dialogs import NewTeamDialog, TeamsDialog

    tab = _tab(qtbot, db)

    def drive(dialog):
        if isinstance(dialog, TeamsDialog):
            assert dialog.run("new") is True
            assert dialog.teams.currentItem().text() == "助老服务队"
            assert dialog.run("add") is True
            assert dialog.members.topLevelItem(0).text(1) == "王芳"
            dialog.members.setCurrentItem(dialog.members.topLevelItem(0))
            assert dialog.run("leader") is True
            assert dialog.members.topLevelItem(0).text(2) == "队长"
            dialog.accept()
        elif isinstance(dialog, NewTeamDialog):
            dialog.name_edit.setText("助老服务队")
            dialog.save()
        else:  # the volunteer picker
            assert dialog.choose("王芳")
            dialog.save()

    with common.driven(drive):
        assert tab.run_action("teams") is True
    assert _column(tab, "teams")[0] == "助老服务队"


def test_edit_status_and_skills_dialogs(qtbot, db, people):
    tab = _tab(qtbot, db)
    assert tab.panel.detail.name == "王芳"

    def edit(dialog):
        dialog.name.setText("")
        assert dialog.save() is False and "姓名" in dialog.error.text()
        dialog.name.setText("王芳芳")
        dialog.skills.set_checked(["health"])
        assert dialog.save() is True, dialog.error.text()

    with common.driven(edit):
        assert tab.run_action("edit") is True
    assert _column(tab, "name")[0] == "王芳芳"
    assert _column(tab, "skills")[0] == "医疗健康"

    def pause(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData("paused"))
        assert dialog.save() is True, dialog.error.text()

    with common.driven(pause):
        assert tab.run_action("status") is True
    # The list shows 在册 volunteers at first: the paused one leaves it.
    assert _column(tab, "name") == ["李强", "赵敏"]
    tab.list_page.filters.status.setCurrentIndex(0)
    assert _column(tab, "status")[0] == "暂停"

    def skills(dialog):
        dialog.edits["repairs"].setText("")
        assert dialog.save() is False and dialog.error.text()
        dialog.edits["repairs"].setText("家电维修")
        dialog.boxes["haircut"].setChecked(False)
        dialog.new_skill.setText("手工编织")
        assert dialog.save() is True, dialog.error.text()

    with common.driven(skills):
        assert tab.run_action("skills") is True
    offered = [
        tab.list_page.filters.skill.itemText(i) for i in range(tab.list_page.filters.skill.count())
    ]
    assert "家电维修" in offered and "手工编织" in offered and "理发" not in offered
    assert _column(tab, "skills")[2] == "家电维修"


def test_team_roster_prints_the_chosen_team(qtbot, db, people):
    import subprocess

    tab = _tab(qtbot, db)

    def choose(dialog):
        assert dialog.team.currentText() == "平安巡逻队"
        dialog.save()

    with common.driven(choose):
        tab.print_form("team-roster")
    preview = _wait_preview(qtbot, tab)
    text = subprocess.run(
        ["pdftotext", str(preview.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "平安巡逻队" in text and "李强" in text
    preview.dialog.close()


def test_an_edit_of_a_volunteer_can_be_undone_and_redone(qtbot, db, people):
    from govdesk.ui.main_window import MainWindow

    db.actor = Actor("admin", Role.ADMIN)
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    window.show()
    assert window.show_tab("volunteers")
    tab = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: tab.panel.detail is not None and tab.panel.detail.name == "王芳")

    def edit(dialog):
        dialog.name.setText("王芳芳")
        dialog.phone.setText("13900001111")
        dialog.skills.set_checked(["health"])
        assert dialog.save() is True, dialog.error.text()

    with common.driven(edit):
        assert tab.run_action("edit") is True
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "撤销 修改志愿者 V0001 王芳"

    def stored():
        with db.session() as s:
            v = volunteers.get_volunteer(s, people["wang"])
            return v.name, v.phone, v.skills

    assert stored() == ("王芳芳", "13900001111", "health")
    window.undo_action.trigger()
    assert stored() == ("王芳", "13812345678", "cleaning,elderly_care")
    assert _column(tab, "name")[0] == "王芳"
    window.redo_action.trigger()
    assert stored() == ("王芳芳", "13900001111", "health")
    assert _column(tab, "skills")[0] == "医疗健康"

    # A save that changes nothing leaves nothing to undo beyond the first edit.
    with common.driven(lambda dialog: dialog.save()):
        assert tab.run_action("edit") is True
    assert tab.undo_stack.count() == 1


def test_the_list_keeps_its_status_column_in_view_in_english(qtbot, qapp, db, people):
    from govdesk.ui import app, fonts

    before = qapp.font()
    app.install_translators(qapp, "en")
    fonts.set_point_size(qapp, fonts.DEFAULT_POINT_SIZE, remember=False)  # as the window opens
    try:
        tab = _tab(qtbot, db)
        tab.resize(1346, 680)  # what a maximised window leaves the tab on a 1366×768 screen
        table = tab.list_page.table
        header = table.horizontalHeader()
        qtbot.waitUntil(
            lambda: (
                header.length() <= table.viewport().width()
                and not table.horizontalScrollBar().isVisible()
            )
        )
        status = tab.list_page.model.columnCount() - 1
        label = str(tab.list_page.model.headerData(status, Qt.Orientation.Horizontal))
        assert header.sectionSize(status) >= table.fontMetrics().horizontalAdvance(label)
    finally:
        qapp.setFont(before)
        app.install_translators(qapp, "zh_CN")


def test_an_undo_the_rules_no_longer_take_says_why_and_changes_nothing(qtbot, db, people):
    from PySide6.QtWidgets import QMessageBox

    db.actor = Actor("admin", Role.ADMIN)
    tab = _tab(qtbot, db)
    assert tab.panel.detail.name == "王芳"

    def edit(dialog):
        dialog.skills.set_checked(["health"])  # 保洁 and 助老 taken off
        assert dialog.save() is True, dialog.error.text()

    with common.driven(edit):
        assert tab.run_action("edit") is True
    with db.session() as s:  # then the office switches 保洁 off
        labels = volunteers.skills(s, include_disabled=True)
        volunteers.set_skills(s, labels, disabled=["cleaning"])

    tab.undo_stack.undo()
    boxes = [w for w in tab.findChildren(QMessageBox) if w.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["无法撤销/重做"]
    assert boxes[0].text() == "技能“环境清洁”已停用"
    with db.session() as s:
        assert volunteers.get_volunteer(s, people["wang"]).skills == "health"
    assert tab.undo_stack.count() == 0  # not offered again
    boxes[0].close()
