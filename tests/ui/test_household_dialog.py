"""The household view: members with relations, the head in bold, new head, moves and 分户."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from govdesk.services import registry
from govdesk.ui.residents.household_dialog import HouseholdDialog
from govdesk.ui.residents.household_tools import AddMemberDialog, MoveDialog
from tests.ui.residents_helpers import add_person, make_id


def _family(db) -> dict[str, str]:
    with db.session() as s:
        hh = registry.create_household(s, household_number="H100", address="幸福路1号")
        ids = {}
        for name, rel, birth, seq in (
            ("王建国", "head", "19600101", 11),
            ("李秀英", "spouse", "19620202", 22),
            ("王小军", "son", "19880303", 33),
            ("刘芳", "child_in_law", "19900404", 44),
        ):
            p = registry.create_person(
                s,
                data={"name": name, "id_number": make_id(birth, seq), "relation_to_head": rel},
                household_id=hh.id,
            )
            ids[name] = p.person.id
        ids["household"] = hh.id
    return ids


def _ok(dlg) -> None:
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_members_with_relations_and_the_head_in_bold(qtbot, db):
    ids = _family(db)
    dlg = HouseholdDialog(db, ids["李秀英"])
    qtbot.addWidget(dlg)
    assert dlg.number.text() == "H100"
    rows = dlg.member_rows()
    assert rows[0] == ("王建国", "户主", True)
    assert ("李秀英", "配偶", False) in rows
    assert len(rows) == 4


def test_set_head_moves_the_bold_mark(qtbot, db):
    ids = _family(db)
    dlg = HouseholdDialog(db, ids["王小军"])
    qtbot.addWidget(dlg)
    assert dlg.set_head(ids["王小军"], old_head_relation="parent")
    rows = {name: (rel, bold) for name, rel, bold in dlg.member_rows()}
    assert rows["王小军"] == ("户主", True)
    assert rows["王建国"] == ("父母", False)


def test_split_household_moves_the_chosen_members(qtbot, db):
    ids = _family(db)
    changed: list[str] = []
    dlg = HouseholdDialog(db, ids["王建国"], on_change=changed.append)
    qtbot.addWidget(dlg)
    split = dlg.split_dialog()
    qtbot.addWidget(split)
    split.set_chosen([ids["王小军"], ids["刘芳"]])
    split.number.setText("H101")
    split.head.setCurrentIndex(split.head.findData(ids["王小军"]))
    _ok(split)
    assert split.result() == 1, split.error.text()
    dlg.load(dlg.household_id)
    assert [r[0] for r in dlg.member_rows()] == ["王建国", "李秀英"]
    with db.session() as s:
        new = registry.find_household(s, household_number="H101")
        members = {
            m.name: m.relation_to_head for m in registry.household_members(s, household_id=new.id)
        }
    assert members["王小军"] == "head"
    assert set(members) == {"王小军", "刘芳"}


def test_split_refuses_the_head_leaving_members_behind(qtbot, db):
    ids = _family(db)
    dlg = HouseholdDialog(db, ids["王建国"])
    qtbot.addWidget(dlg)
    split = dlg.split_dialog()
    qtbot.addWidget(split)
    split.set_chosen([ids["王建国"]])
    split.number.setText("H102")
    _ok(split)
    assert split.result() == 0
    assert "户主" in split.error.text()
    with db.session() as s:
        assert registry.find_household(s, household_number="H102") is None


def test_add_existing_person_and_move_to_another_household(qtbot, db):
    ids = _family(db)
    loner = add_person(db, "赵敏", id_number=make_id("19950505", 55))
    dlg = HouseholdDialog(db, ids["王建国"])
    qtbot.addWidget(dlg)
    add = AddMemberDialog(db, ids["household"], dlg)
    qtbot.addWidget(add)
    add.search.setText(make_id("19950505", 55)[-4:])
    assert add.results.count() == 1
    add.relation.setCurrentIndex(add.relation.findData("other"))
    _ok(add)
    assert add.result() == 1
    dlg.load(dlg.household_id)
    assert "赵敏" in [r[0] for r in dlg.member_rows()]

    with db.session() as s:
        registry.create_household(s, household_number="H200")
    move = MoveDialog(db, loner, "赵敏", dlg)
    qtbot.addWidget(move)
    move.number.setText("H200")
    move.relation.setCurrentIndex(move.relation.findData("head"))
    _ok(move)
    assert move.result() == 1
    with db.session() as s:
        hh = registry.find_household(s, household_number="H200")
        assert registry.household_head(s, household_id=hh.id).name == "赵敏"


def test_second_head_is_refused_in_words(qtbot, db):
    ids = _family(db)
    loner = add_person(db, "赵敏")
    move = MoveDialog(db, loner, "赵敏")
    qtbot.addWidget(move)
    move.number.setText("H100")
    move.relation.setCurrentIndex(move.relation.findData("head"))
    _ok(move)
    assert move.result() == 0
    assert "已有户主王建国" in move.error.text()
    assert ids


def test_person_without_household_can_found_one(qtbot, db):
    pid = add_person(db, "孙悦")
    dlg = HouseholdDialog(db, pid)
    qtbot.addWidget(dlg)
    assert "尚未入户" in dlg.info.text()
    dlg.number.setText("H300")
    dlg.buttons["create"].click()
    assert dlg.member_rows() == [("孙悦", "户主", True)]


def test_new_head_and_moves_can_be_undone(qtbot, db):
    from PySide6.QtGui import QUndoStack

    ids = _family(db)
    with db.session() as s:
        other = registry.create_household(s, household_number="H400")
        registry.create_person(
            s, data={"name": "周明", "relation_to_head": "head"}, household_id=other.id
        )
    stack = QUndoStack()
    changed: list[str] = []
    dlg = HouseholdDialog(db, ids["王小军"], on_change=changed.append, undo_stack=stack)
    qtbot.addWidget(dlg)
    assert dlg.set_head(ids["王小军"], old_head_relation="parent")
    stack.undo()
    rows = {name: (rel, bold) for name, rel, bold in dlg.member_rows()}
    assert rows["王建国"] == ("户主", True)
    assert rows["王小军"] == ("子", False)
    stack.redo()
    assert {n: r for n, r, _ in dlg.member_rows()}["王小军"] == "户主"
    stack.undo()

    move = MoveDialog(db, ids["刘芳"], "刘芳", dlg)
    qtbot.addWidget(move)
    move.number.setText("H400")
    _ok(move)
    dlg.record_move(move)
    with db.session() as s:
        assert registry.get_person(s, person_id=ids["刘芳"]).household_id == other.id
    stack.undo()
    with db.session() as s:
        p = registry.get_person(s, person_id=ids["刘芳"])
        assert (p.household_id, p.relation_to_head) == (ids["household"], "child_in_law")
    assert changed
