"""The person form: inline reasons, derived fields, duplicates, saving and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from govdesk.services import registry
from govdesk.ui.residents.person_dialog import PersonDialog
from tests.ui.residents_helpers import add_person, make_id, type_text


def _count(db) -> int:
    with db.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM resident")).scalar_one()


def _save(dlg: PersonDialog) -> None:
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_bad_check_character_is_explained_and_nothing_stored(qtbot, db):
    dlg = PersonDialog(db)
    qtbot.addWidget(dlg)
    good = make_id("19491231", 2)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    type_text(qtbot, dlg.form.widgets["name"], "王小明")
    type_text(qtbot, dlg.form.widgets["id_number"], bad)
    assert f"校验位应为 {good[-1]}" in dlg.message_for("id_number")
    before = _count(db)
    _save(dlg)
    assert _count(db) == before
    assert dlg.result() == 0


def test_birth_date_and_sex_come_from_the_id_and_mismatch_is_flagged(qtbot, db):
    dlg = PersonDialog(db)
    qtbot.addWidget(dlg)
    type_text(qtbot, dlg.form.widgets["name"], "李华")
    type_text(qtbot, dlg.form.widgets["id_number"], make_id("19800215", 13))
    assert dlg.form.widgets["birth_date"].text() == "1980-02-15"
    assert dlg.form.widgets["sex"].currentData() == "male"
    dlg.form.set_value("sex", "female")
    dlg.validate()
    assert "不一致" in dlg.message_for("sex")
    # A warning does not block the save.
    _save(dlg)
    with db.session() as s:
        p = registry.find_by_id_number(s, id_number=make_id("19800215", 13))
        assert p is not None and p.name == "李华" and p.sex == "female"


def test_duplicate_id_refused_with_a_way_to_the_existing_person(qtbot, db):
    number = make_id("19700101", 21)
    existing = add_person(db, "张三", id_number=number)
    dlg = PersonDialog(db)
    qtbot.addWidget(dlg)
    opened: list[str] = []
    dlg.open_person_requested.connect(opened.append)
    type_text(qtbot, dlg.form.widgets["name"], "张叁")
    type_text(qtbot, dlg.form.widgets["id_number"], number)
    assert "已登记" in dlg.message_for("id_number")
    assert dlg.form.open_duplicate.isVisibleTo(dlg)
    before = _count(db)
    _save(dlg)
    assert _count(db) == before
    qtbot.mouseClick(dlg.form.open_duplicate, Qt.MouseButton.LeftButton)
    assert opened == [existing]


def test_same_name_and_birth_date_warns_and_asks_for_a_second_save(qtbot, db):
    add_person(db, "赵敏", birth_date="1990-05-01")
    dlg = PersonDialog(db)
    qtbot.addWidget(dlg)
    type_text(qtbot, dlg.form.widgets["name"], "赵敏")
    type_text(qtbot, dlg.form.widgets["birth_date"], "1990-05-01")
    assert "同名同出生日期" in dlg.message_for("name")
    _save(dlg)
    assert _count(db) == 1
    _save(dlg)
    assert _count(db) == 2


def test_new_person_with_household_number_and_care_category(qtbot, db):
    dlg = PersonDialog(db)
    qtbot.addWidget(dlg)
    type_text(qtbot, dlg.form.widgets["name"], "孙丽")
    type_text(qtbot, dlg.form.widgets["household_number"], "H0001")
    dlg.form.set_value("relation_to_head", "head")
    dlg.form.set_care_codes(["elderly_alone"])
    _save(dlg)
    assert dlg.person_id is not None
    with db.session() as s:
        p = registry.get_person(s, person_id=dlg.person_id)
        hh = registry.find_household(s, household_number="H0001")
        assert hh is not None and p.household_id == hh.id and p.relation_to_head == "head"
        care = [c.category_code for c in registry.person_care(s, person_id=p.id)]
    assert care == ["elderly_alone"]


def test_floating_group_only_for_floating_population(qtbot, db):
    dlg = PersonDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.form.floating_box.isVisible()
    combo = dlg.form.widgets["person_type"]
    combo.setCurrentIndex(combo.findData("floating"))
    assert dlg.form.floating_box.isVisible()
    assert not dlg.form.foreign_box.isVisible()
