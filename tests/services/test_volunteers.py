"""Registering volunteers: residents and outsiders, the duplicate guard, changes, status, skills."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlmodel import select

from govdesk.domain.messages import DomainError
from govdesk.domain.models import Resident, Volunteer, VolunteerTeam
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import grids, registry
from govdesk.services import volunteer_teams as teams
from govdesk.services import volunteers as svc
from tests.services.grid_world import linked_world
from tests.ui.residents_helpers import make_id

DAY = dt.date(2026, 3, 1)
OUTSIDER_ID = make_id("19850505", 15)


def _resident(db, name="张伟", **data) -> str:
    with db.session() as s:
        hh = registry.create_household(s, household_number="1001", address="幸福路1号")
        return registry.create_person(
            s,
            data={
                "name": name,
                "id_number": make_id("19800101", 11),
                "phone": "13912345678",
                "current_address": "幸福路1号",
                "relation_to_head": "head",
                **data,
            },
            household_id=hh.id,
        ).person.id


def _audit(db, record_id):
    with db.connect() as conn:
        return [
            (r[0], json.loads(r[1] or "{}"))
            for r in conn.exec_driver_sql(
                "SELECT action, detail FROM audit_log WHERE record_id = ? ORDER BY seq",
                (record_id,),
            )
        ]


def test_a_resident_becomes_a_volunteer_with_the_register_details(db):
    person = _resident(db)
    with db.session() as s:
        v = svc.add_volunteer(
            s,
            resident_id=person,
            data={
                "name": "别的名字",  # the register decides
                "skills": "治安巡逻、health",
                "available_days": "1,3,5",
                "available_times": ["晚上", "morning"],
                "dual_report": True,
                "work_unit": "区税务局",
                "joined_on": DAY,
            },
        )
        vid = v.id
    with db.session() as s:
        v = s.get(Volunteer, vid)
        assert (v.number, v.name, v.sex, v.id_number) == ("V0001", "张伟", "male", None)
        assert (v.phone, v.address) == ("13912345678", "幸福路1号")
        assert (v.name_pinyin, v.name_initials) == ("zhangwei", "zw")
        assert v.skills == "patrol,health"
        assert (v.available_days, v.available_times) == ("135", "morning,evening")
        assert v.dual_report and v.party_member  # 双报到 means a party member
        view = svc.volunteer_view(s, vid, on=DAY)
    assert view.id_number == make_id("19800101", 11)[:6] + "********" + make_id("19800101", 11)[-4:]
    assert view.phone == "139****5678"
    assert view.skill_labels == ("治安巡逻", "医疗健康")
    assert view.days_text == "周一、周三、周五"
    assert view.times_text == "上午、晚上"
    assert _audit(db, vid)[0][0] == "create"
    assert svc.reveal(db, vid, "id_number") == make_id("19800101", 11)
    assert _audit(db, vid)[-1] == ("reveal", {"field": "id_number"})


def test_the_same_resident_or_id_number_is_refused_twice(db):
    person = _resident(db)
    with db.session() as s:
        svc.add_volunteer(s, resident_id=person, data={"joined_on": DAY})
        svc.add_volunteer(s, data={"name": "赵敏", "id_number": OUTSIDER_ID, "joined_on": DAY})
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(s, resident_id=person, data={})
    assert [i.key for i in err.value.issues] == ["volunteers.resident_taken"]
    assert err.value.issues[0].params["number"] == "V0001"
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(s, data={"name": "赵敏敏", "id_number": OUTSIDER_ID.lower()})
    assert [i.key for i in err.value.issues] == ["volunteers.id_taken"]
    # A resident's ID typed for an outsider: pick the resident, who is a volunteer already.
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(s, data={"name": "张伟", "id_number": make_id("19800101", 11)})
    assert [i.key for i in err.value.issues] == ["volunteers.id_taken"]
    with db.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM volunteer").scalar() == 2
        # A refused registration gives its number back: the next one is V0003.
    with db.session() as s:
        v = svc.add_volunteer(s, data={"name": "钱多", "joined_on": DAY})
        assert v.number == "V0003"


def test_an_outsider_needs_a_name_and_a_valid_id_or_none(db):
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(s, data={"name": " ", "id_number": "110105198505050151"})
    keys = {(i.field, i.key) for i in err.value.issues}
    assert ("name", "volunteers.name_required") in keys
    assert ("id_number", "id.check") in keys
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(
            s, data={"name": "赵敏", "skills": "飞行", "available_days": "8", "phone": "12"}
        )
    assert {i.field for i in err.value.issues} == {"skills", "available_days", "phone"}
    with db.session() as s:
        v = svc.add_volunteer(s, data={"name": "赵 敏", "id_number": OUTSIDER_ID})
        assert v.sex == "male"  # from the ID number
        assert v.id_number == OUTSIDER_ID
        assert v.joined_on == dt.date.today()
    with db.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM volunteer").scalar() == 1


def test_an_id_of_a_resident_not_yet_volunteering_points_to_the_register(db):
    _resident(db)
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(s, data={"name": "张伟", "id_number": make_id("19800101", 11)})
    assert [i.key for i in err.value.issues] == ["volunteers.id_is_resident"]


def test_update_keeps_a_masked_value_and_records_the_change(db):
    with db.session() as s:
        vid = svc.add_volunteer(
            s, data={"name": "赵敏", "id_number": OUTSIDER_ID, "phone": "13800001111"}
        ).id
    with db.session() as s:
        view = svc.volunteer_view(s, vid)
        svc.update_volunteer(
            s,
            vid,
            {"id_number": view.id_number, "phone": view.phone, "name": "赵小敏", "note": "会开车"},
        )
    with db.session() as s:
        v = s.get(Volunteer, vid)
        assert (v.id_number, v.phone, v.name, v.name_pinyin) == (
            OUTSIDER_ID,
            "13800001111",
            "赵小敏",
            "zhaoxiaomin",
        )
    action, detail = _audit(db, vid)[-1]
    assert action == "update"
    assert detail["name"] == ["赵敏", "赵小敏"]
    assert "id_number" not in detail
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.update_volunteer(s, vid, {"phone": "139****0000"})
    assert [i.key for i in err.value.issues] == ["privacy.masked_value"]


def test_status_left_ends_team_memberships_and_leadership(db):
    with db.session() as s:
        vid = svc.add_volunteer(s, data={"name": "赵敏", "joined_on": DAY}).id
        team = teams.create_team(s, name="巡逻队", founded_on=DAY)
        teams.add_member(s, team_id=team.id, volunteer_id=vid, joined_on=DAY)
        teams.set_leader(s, team.id, vid, on=DAY)
        tid = team.id
    left = DAY + dt.timedelta(days=30)
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.set_status(s, vid, "left", DAY - dt.timedelta(days=1))
    assert err.value.issues[0].key == "volunteers.left_before_joined"
    with db.session() as s:
        svc.set_status(s, vid, "已退出", left)
    with db.session() as s:
        v = s.get(Volunteer, vid)
        assert (v.status, v.left_on) == ("left", left)
        assert s.get(VolunteerTeam, tid).leader_id is None
        assert teams.team_members(s, tid, left) == []
        assert [m.name for m in teams.team_members(s, tid, left - dt.timedelta(days=1))] == ["赵敏"]
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.set_status(s, vid, "left", left)
    assert err.value.issues[0].key == "volunteers.same_status"
    with db.session() as s:
        svc.set_status(s, vid, "active", left + dt.timedelta(days=5))
        assert s.get(Volunteer, vid).left_on is None


def test_a_residents_grid_follows_the_household_an_outsiders_is_recorded(db):
    places = linked_world(db)
    with db.session() as s:
        north = grids.create_grid(s, name="北区")
        south = grids.create_grid(s, name="南区")
        grids.assign_places(s, place_ids=[places["幸福里小区3号楼"]], grid_id=north.id, on=DAY)
        resident = s.exec(select(Resident).where(Resident.name == "居民10")).one()
        inside = svc.add_volunteer(s, resident_id=resident.id, data={"grid_id": south.id}).id
        outside = svc.add_volunteer(s, data={"name": "赵敏", "grid_id": south.id}).id
        north_id, south_id = north.id, south.id
    with db.session() as s:
        assert svc.volunteer_grid(s, inside, DAY).id == north_id
        assert svc.volunteer_grid(s, inside, DAY - dt.timedelta(days=1)) is None
        assert svc.volunteer_grid(s, outside, DAY).id == south_id
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.add_volunteer(s, data={"name": "钱多", "grid_id": "no-such-grid"})
    assert err.value.issues[0].key == "volunteers.no_grid"


def test_find_volunteer_by_number(db):
    with db.session() as s:
        vid = svc.add_volunteer(s, data={"name": "赵敏"}).id
    with db.session() as s:
        for key in ("V0001", "v1", "1", vid):
            assert svc.find_volunteer(s, key).id == vid
        assert svc.find_volunteer(s, "V0002") is None


def test_skills_are_configurable_and_audited(db):
    with db.session() as s:
        code = svc.add_skill(s, "手机教学")
        svc.set_skills(s, {"patrol": "夜间巡逻"}, ["haircut"])
    assert code == "custom_1"
    offered = svc.skills(db)
    assert offered["patrol"] == "夜间巡逻"
    assert offered["custom_1"] == "手机教学"
    assert "haircut" not in offered
    assert svc.skills(db, include_disabled=True)["haircut"] == "理发"
    with db.session() as s:
        v = svc.add_volunteer(s, data={"name": "赵敏", "skills": "手机教学,夜间巡逻"})
        assert v.skills == "custom_1,patrol"
        vid = v.id
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.update_volunteer(s, vid, {"skills": "理发"})
    assert err.value.issues[0].key == "volunteers.skill_disabled"
    with pytest.raises(DomainError) as err, db.session() as s:
        svc.set_skills(s, {"health": "夜间巡逻"})
    assert [(i.field, i.key) for i in err.value.issues] == [
        ("health", "volunteers.skill_label_taken")
    ]
    entries = _audit(db, "volunteer.skills")
    assert [a for a, _ in entries] == ["update", "update"]
    assert entries[1][1]["patrol"] == ["治安巡逻", "夜间巡逻"]


def test_permissions(db):
    db.actor = Actor("viewer", Role.VIEWER)
    with pytest.raises(PermissionDenied), db.session() as s:
        svc.add_volunteer(s, data={"name": "赵敏"})
    db.actor = Actor("vol", Role.VOLUNTEERS)
    with db.session() as s:
        vid = svc.add_volunteer(s, data={"name": "赵敏"}).id
    with pytest.raises(PermissionDenied), db.session() as s:
        svc.set_skills(s, {"patrol": "巡逻"})
    with pytest.raises(PermissionDenied):
        svc.reveal(db, vid, "phone")
