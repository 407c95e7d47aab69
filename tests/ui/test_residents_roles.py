"""The 居民登记 tab per role: what a role may not use is absent; numbers masked until revealed."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton

from govdesk.domain.permissions import Actor, Permission, Role
from govdesk.services import registry
from govdesk.store.database import Database
from govdesk.ui.residents.household_dialog import HouseholdDialog
from govdesk.ui.residents.person_dialog import PersonDialog
from govdesk.ui.residents.view import ResidentsTab
from tests.ui.residents_helpers import make_id

ZHANG_ID = make_id("19850612", 17)
LI_ID = make_id("19900101", 22)
ADMIN = Actor("admin", Role.ADMIN)
SENSITIVE = "社区矫正对象"


def _fill(db) -> dict[str, str]:
    db.actor = ADMIN
    with db.session() as s:
        hh = registry.create_household(s, household_number="1001")
        zhang = registry.create_person(
            s,
            data={"name": "张三", "id_number": ZHANG_ID, "phone": "13912345678"},
            household_id=hh.id,
            care_codes=["subsistence", "community_correction"],
        ).person.id
        li = registry.create_person(
            s, data={"name": "李四", "id_number": LI_ID, "phone": "13700001111"}
        ).person.id
    return {"zhang": zhang, "li": li, "household": hh.id}


def _tab(qtbot, db, role: Role) -> ResidentsTab:
    db.actor = Actor(role.value, role)
    tab = ResidentsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _texts(tab: ResidentsTab) -> set[str]:
    return {a.text() for actions in tab.menu_actions().values() for a in actions}


def _cell(tab: ResidentsTab, row: int, column: str) -> str:
    return tab.model.data(tab.model.index(row, tab.model.columns.index(column)))


def _row_of(tab: ResidentsTab, name: str) -> int:
    col = tab.model.columns.index("name")
    return next(r for r in range(tab.model.rowCount()) if tab.model.index(r, col).data() == name)


EDIT_ACTIONS = {"新增居民", "状态变更（迁出/死亡/注销）…", "撤销", "重做"}


@pytest.mark.parametrize("role", list(Role))
def test_actions_and_buttons_follow_the_role_table(qtbot, db, role: Role) -> None:
    _fill(db)
    tab = _tab(qtbot, db, role)
    actor = db.actor
    texts = _texts(tab)
    buttons = set(tab.buttons)
    assert {"打印登记表…", "打印户信息表…", "查找", "户信息"} <= texts
    assert ("导入…" in texts) == ("import" in buttons) == actor.can(Permission.RESIDENT_IMPORT)
    assert ("导出…" in texts) == ("export" in buttons) == actor.can(Permission.RESIDENT_EXPORT)
    may_edit = actor.can(Permission.RESIDENT_EDIT)
    assert (texts >= EDIT_ACTIONS) == may_edit
    assert not (EDIT_ACTIONS & texts) or may_edit
    assert {"add", "status"} <= buttons if may_edit else not ({"add", "status"} & buttons)
    assert ("显示完整号码" in texts) == actor.can(Permission.IDENTITY_REVEAL)
    # Nothing greyed out instead of left out.
    assert all(b.isEnabled() for b in tab.findChildren(QPushButton))
    care = [tab.care_combo.itemText(i) for i in range(tab.care_combo.count())]
    assert "低保户" in care
    assert (SENSITIVE in care) == actor.can(Permission.CARE_SENSITIVE)


def test_a_read_only_file_has_no_write_or_audited_actions(qtbot, db) -> None:
    ids = _fill(db)
    db.close()
    ro = Database.open(db.path, read_only=True)
    try:
        tab = _tab(qtbot, ro, Role.ADMIN)
        texts = _texts(tab)
        # Writes are impossible, and so are the audit entries reveals, exports and prints need.
        assert texts == {"查找", "查看居民", "户信息"}
        assert set(tab.buttons) == {"open", "household"}
        assert tab.model.rowCount() == 2  # looking still works
        dlg = PersonDialog(ro, ids["zhang"])
        qtbot.addWidget(dlg)
        assert dlg.buttons.button(QDialogButtonBox.StandardButton.Save) is None
        assert not dlg.print_button.isVisibleTo(dlg)
        assert not any(b.isVisibleTo(dlg) for b in dlg.form.reveal_buttons.values())
        hh = HouseholdDialog(ro, ids["zhang"])
        qtbot.addWidget(hh)
        assert set(hh.buttons) == {"open"}
    finally:
        ro.close()


@pytest.mark.parametrize("role", list(Role))
def test_the_table_shows_masked_numbers_to_every_role(qtbot, db, role: Role) -> None:
    _fill(db)
    tab = _tab(qtbot, db, role)
    row = _row_of(tab, "张三")
    assert _cell(tab, row, "id_number") == ZHANG_ID[:6] + "*" * 8 + ZHANG_ID[-4:]
    assert _cell(tab, row, "phone") == "139****5678"


def test_reveal_shows_one_full_number_until_the_selection_changes(qtbot, db) -> None:
    ids = _fill(db)
    tab = _tab(qtbot, db, Role.CLERK)
    zhang, li = _row_of(tab, "张三"), _row_of(tab, "李四")
    tab.table.selectRow(zhang)
    tab.table.setCurrentIndex(tab.model.index(zhang, tab.model.columns.index("name")))
    tab.reveal_action.trigger()
    assert _cell(tab, zhang, "id_number") == ZHANG_ID
    assert _cell(tab, zhang, "phone") == "139****5678"
    tab.table.setCurrentIndex(tab.model.index(zhang, tab.model.columns.index("phone")))
    tab.reveal_action.trigger()
    assert _cell(tab, zhang, "phone") == "13912345678"
    tab.table.selectRow(li)
    assert _cell(tab, zhang, "id_number") != ZHANG_ID
    assert _cell(tab, zhang, "phone") == "139****5678"
    with db.connect() as conn:
        entries = conn.exec_driver_sql(
            "SELECT username, record_id, detail FROM audit_log WHERE action = 'reveal' ORDER BY seq"
        ).all()
    assert [(u, r, json.loads(d)["field"]) for u, r, d in entries] == [
        ("clerk", ids["zhang"], "id_number"),
        ("clerk", ids["zhang"], "phone"),
    ]


def test_the_context_menu_offers_reveal_only_to_roles_with_it(qtbot, db) -> None:
    _fill(db)
    for role, offered in ((Role.GRID, True), (Role.VOLUNTEERS, False)):
        tab = _tab(qtbot, db, role)
        rect = tab.table.visualRect(tab.model.index(0, 1))
        tab._context_menu(rect.center())
        texts = [a.text() for a in tab.context_menu.actions() if not a.isSeparator()]
        assert ("显示完整号码" in texts) == offered
        assert ("状态变更（迁出/死亡/注销）…" in texts) is False  # neither role may edit
        tab.context_menu.close()


# -- the person dialog --------------------------------------------------------------------
def _dialog(qtbot, db, role: Role, person_id: str) -> PersonDialog:
    db.actor = Actor(role.value, role)
    dlg = PersonDialog(db, person_id)
    qtbot.addWidget(dlg)
    return dlg


def _care_texts(dlg: PersonDialog) -> dict[str, bool]:
    lst = dlg.form.care_list
    return {
        lst.item(i).text(): lst.item(i).checkState() == Qt.CheckState.Checked
        for i in range(lst.count())
    }


def test_a_viewer_sees_the_person_masked_with_no_way_to_change_or_reveal(qtbot, db) -> None:
    ids = _fill(db)
    dlg = _dialog(qtbot, db, Role.VIEWER, ids["zhang"])
    id_edit = dlg.form.widgets["id_number"]
    assert isinstance(id_edit, QLineEdit)
    assert id_edit.text() == ZHANG_ID[:6] + "*" * 8 + ZHANG_ID[-4:] and id_edit.isReadOnly()
    assert dlg.form.widgets["phone"].text() == "139****5678"
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert not dlg.status_button.isVisibleTo(dlg)
    assert not any(b.isVisibleTo(dlg) for b in dlg.form.reveal_buttons.values())
    care = _care_texts(dlg)
    assert care["低保户"] is True and SENSITIVE not in care
    assert [t for t, checked in care.items() if checked] == ["低保户"]
    assert dlg.save() is False


def test_a_clerk_saves_other_fields_without_storing_the_masked_numbers(qtbot, db) -> None:
    ids = _fill(db)
    dlg = _dialog(qtbot, db, Role.CLERK, ids["zhang"])
    assert dlg.form.reveal_buttons["id_number"].isVisibleTo(dlg)
    occupation = dlg.form.widgets["occupation"]
    occupation.setText("厨师")
    assert dlg.save() is True
    db.actor = ADMIN
    with db.session() as s:
        p = registry.get_person(s, person_id=ids["zhang"])
        assert (p.id_number, p.phone, p.occupation) == (ZHANG_ID, "13912345678", "厨师")


def test_a_clerk_editing_care_keeps_the_sensitive_category_they_cannot_see(qtbot, db) -> None:
    ids = _fill(db)
    dlg = _dialog(qtbot, db, Role.CLERK, ids["zhang"])
    care = _care_texts(dlg)
    assert SENSITIVE not in care and care["低保户"] is True
    lst = dlg.form.care_list
    for i in range(lst.count()):
        item = lst.item(i)
        if item.text() == "低保户":
            item.setCheckState(Qt.CheckState.Unchecked)
        if item.text() == "残疾人":
            item.setCheckState(Qt.CheckState.Checked)
    assert dlg.save() is True
    db.actor = ADMIN
    with db.session() as s:
        codes = {c.category_code for c in registry.person_care(s, person_id=ids["zhang"])}
    assert codes == {"disabled", "community_correction"}


def test_reveal_in_the_dialog_then_edit_the_phone(qtbot, db) -> None:
    ids = _fill(db)
    dlg = _dialog(qtbot, db, Role.CLERK, ids["zhang"])
    phone = dlg.form.widgets["phone"]
    qtbot.mouseClick(dlg.form.reveal_buttons["phone"], Qt.MouseButton.LeftButton)
    assert phone.text() == "13912345678"
    assert not dlg.form.reveal_buttons["phone"].isVisibleTo(dlg)
    phone.clear()
    qtbot.keyClicks(phone, "13511112222")
    assert dlg.save() is True
    db.actor = ADMIN
    with db.session() as s:
        assert registry.get_person(s, person_id=ids["zhang"]).phone == "13511112222"


def test_a_half_edited_masked_number_is_refused_in_the_dialog(qtbot, db) -> None:
    ids = _fill(db)
    dlg = _dialog(qtbot, db, Role.CLERK, ids["zhang"])
    phone = dlg.form.widgets["phone"]
    phone.setText("139****0000")
    assert dlg.save() is False
    assert "遮挡" in dlg.message_for("phone")
    db.actor = ADMIN
    with db.session() as s:
        assert registry.get_person(s, person_id=ids["zhang"]).phone == "13912345678"


# -- the household dialog --------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.ADMIN, Role.CLERK, Role.VIEWER, Role.VOLUNTEERS])
def test_household_tools_only_for_roles_that_may_edit(qtbot, db, role: Role) -> None:
    ids = _fill(db)
    db.actor = Actor(role.value, role)
    dlg = HouseholdDialog(db, ids["zhang"])
    qtbot.addWidget(dlg)
    tools = {"add", "move", "head", "split"}
    if db.actor.can(Permission.RESIDENT_EDIT):
        assert tools <= set(dlg.buttons)
    else:
        assert tools.isdisjoint(dlg.buttons) and {"open", "print"} <= set(dlg.buttons)
    assert all(ZHANG_ID not in (dlg.table.item(r, 4).text()) for r in range(dlg.table.rowCount()))
