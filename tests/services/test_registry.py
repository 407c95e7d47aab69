"""Registry services: people, duplicates, households with one head, status changes, care categories."""

import datetime as dt

import pytest
from sqlmodel import select

from govdesk.domain.messages import DomainError
from govdesk.domain.models import Resident, ResidentStatusChange
from govdesk.services import registry

ID_ZHANG = "11010519491231002X"


def make_id(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")


def add(db, **data):
    with db.session() as s:
        return registry.create_person(s, data=data).person


def count(db):
    with db.session() as s:
        return len(s.exec(select(Resident)).all())


def test_create_fills_derived_fields(db):
    p = add(db, name="张三", id_number=ID_ZHANG.lower(), phone="138 0013 8000")
    assert (p.sex, p.birth_date) == ("female", dt.date(1949, 12, 31))
    assert (p.name_pinyin, p.name_initials) == ("zhangsan", "zs")
    assert p.id_number_rev == ID_ZHANG[::-1]
    assert p.phone == "13800138000" and p.phone_rev == "00083100831"
    assert p.status == "on_register"


def test_same_id_number_is_refused_with_a_link_to_the_existing_person(db):
    first = add(db, name="张三", id_number=ID_ZHANG)
    with pytest.raises(DomainError) as err, db.session() as s:
        registry.create_person(s, data={"name": "张叁", "id_number": ID_ZHANG})
    issue = err.value.issues[0]
    assert issue.key == "id.duplicate" and issue.params["person_id"] == first.id
    assert "张三" in issue.message
    assert count(db) == 1


def test_same_name_and_birth_date_only_warns(db):
    add(db, name="李娜", birth_date="1980-05-01")
    with db.session() as s:
        result = registry.create_person(s, data={"name": "李娜", "birth_date": "1980/5/1"})
    assert [w.key for w in result.warnings] == ["name.duplicate"]
    assert count(db) == 2


def test_bad_input_stores_nothing(db):
    with pytest.raises(DomainError, match="校验位应为 X"), db.session() as s:
        registry.create_person(s, data={"name": "王五", "id_number": "110105194912310021"})
    assert count(db) == 0


def test_update_rechecks_the_id_against_typed_birth_date(db):
    p = add(db, name="王五", birth_date="1960-01-01")
    with db.session() as s:
        result = registry.update_person(s, person_id=p.id, changes={"id_number": ID_ZHANG})
    assert [w.key for w in result.warnings] == ["id.birth_mismatch", "id.sex_mismatch"] or [
        w.key for w in result.warnings
    ] == ["id.birth_mismatch"]
    with db.session() as s:
        registry.update_person(s, person_id=p.id, changes={"name": "王武"})
        again = registry.get_person(s, person_id=p.id)
    assert again.name_pinyin == "wangwu"


def test_household_has_exactly_one_head(db):
    with db.session() as s:
        hh = registry.create_household(s, household_number="H001", address="幸福路1号")
        head = registry.create_person(
            s, data={"name": "户主甲", "relation_to_head": "户主"}, household_id=hh.id
        ).person
        registry.create_person(
            s, data={"name": "配偶乙", "relation_to_head": "配偶"}, household_id=hh.id
        )
    with pytest.raises(DomainError, match="已有户主户主甲"), db.session() as s:
        registry.create_person(
            s, data={"name": "丙", "relation_to_head": "head"}, household_id=hh.id
        )
    with db.session() as s:
        assert registry.household_head(s, household_id=hh.id).id == head.id
        assert [m.name for m in registry.household_members(s, household_id=hh.id)] == [
            "户主甲",
            "配偶乙",
        ]


def test_set_head_moves_the_mark(db):
    with db.session() as s:
        hh = registry.create_household(s, household_number="H002")
        registry.create_person(
            s, data={"name": "老张", "relation_to_head": "head"}, household_id=hh.id
        )
        son = registry.create_person(
            s, data={"name": "小张", "relation_to_head": "子"}, household_id=hh.id
        ).person
    with db.session() as s:
        registry.set_head(s, household_id=hh.id, person_id=son.id, old_head_relation="parent")
    with db.session() as s:
        members = {
            m.name: m.relation_to_head for m in registry.household_members(s, household_id=hh.id)
        }
    assert members == {"小张": "head", "老张": "parent"}


def test_split_household(db):
    with db.session() as s:
        hh = registry.create_household(s, household_number="H003", address="幸福路3号")
        registry.create_person(
            s, data={"name": "父", "relation_to_head": "head"}, household_id=hh.id
        )
        son = registry.create_person(
            s, data={"name": "子", "relation_to_head": "son"}, household_id=hh.id
        ).person
        wife = registry.create_person(
            s, data={"name": "媳", "relation_to_head": "child_in_law"}, household_id=hh.id
        ).person
    with db.session() as s:
        new = registry.split_household(
            s,
            household_id=hh.id,
            person_ids=[son.id, wife.id],
            new_head_id=son.id,
            new_household_number="H004",
            relations={wife.id: "配偶"},
        )
    with db.session() as s:
        old_members = [m.name for m in registry.household_members(s, household_id=hh.id)]
        new_members = {
            m.name: m.relation_to_head for m in registry.household_members(s, household_id=new.id)
        }
        assert registry.get_household(s, household_id=new.id).address == "幸福路3号"
    assert old_members == ["父"]
    assert new_members == {"子": "head", "媳": "spouse"}


def test_head_cannot_leave_while_others_remain(db):
    with db.session() as s:
        hh = registry.create_household(s, household_number="H005")
        other = registry.create_household(s, household_number="H006")
        head = registry.create_person(
            s, data={"name": "甲", "relation_to_head": "head"}, household_id=hh.id
        ).person
        registry.create_person(
            s, data={"name": "乙", "relation_to_head": "spouse"}, household_id=hh.id
        )
    with pytest.raises(DomainError, match="先指定新的户主"), db.session() as s:
        registry.move_person(s, person_id=head.id, household_id=other.id, relation="其他")


def test_duplicate_household_number(db):
    with db.session() as s:
        registry.create_household(s, household_number="H007")
    with pytest.raises(DomainError, match="H007"), db.session() as s:
        registry.create_household(s, household_number=" H007 ")


def test_status_change_keeps_the_record_and_its_history(db):
    p = add(db, name="周老伯", id_number=make_id("11010519400101001"))
    with db.session() as s:
        registry.change_status(
            s, person_id=p.id, new_status="deceased", date=dt.date(2026, 3, 1), reason="病故"
        )
    with db.session() as s:
        again = registry.get_person(s, person_id=p.id)
        history = registry.status_history(s, person_id=p.id)
    assert (again.status, again.status_date, again.status_reason) == (
        "deceased",
        dt.date(2026, 3, 1),
        "病故",
    )
    assert [(h.old_status, h.new_status, h.reason) for h in history] == [
        ("on_register", "deceased", "病故")
    ]
    with pytest.raises(DomainError, match="原因"), db.session() as s:
        registry.change_status(
            s, person_id=p.id, new_status="on_register", date=dt.date(2026, 3, 2), reason=" "
        )
    with db.session() as s:
        assert len(s.exec(select(ResidentStatusChange)).all()) == 1


def test_care_categories_keep_history(db):
    p = add(db, name="孙婆婆")
    with db.session() as s:
        registry.set_care_categories(
            s,
            person_id=p.id,
            category_codes=["elderly_alone", "subsistence"],
            today=dt.date(2026, 1, 1),
        )
    with db.session() as s:
        registry.set_care_categories(
            s, person_id=p.id, category_codes=["elderly_alone"], today=dt.date(2026, 6, 1)
        )
        active = sorted(c.category_code for c in registry.person_care(s, person_id=p.id))
        codes, unknown = registry.parse_care_labels(s, "低保户、独居/空巢老人，外星人")
    assert active == ["elderly_alone"]
    assert codes == ["subsistence", "elderly_alone"] and unknown == ["外星人"]
    with pytest.raises(DomainError), db.session() as s:
        registry.set_care_categories(s, person_id=p.id, category_codes=["no_such"])


def test_default_care_categories_mark_sensitive_ones(db):
    with db.session() as s:
        cats = {c.code: c.sensitive for c in registry.care_categories(s)}
    assert cats["community_correction"] and cats["severe_mental_illness"]
    assert not cats["subsistence"]
