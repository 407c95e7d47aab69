"""Volunteer teams: members over time (end exclusive), the leader, renaming, dissolving."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.models import VolunteerTeam
from govdesk.services import volunteer_teams as teams
from govdesk.services import volunteers

DAY = dt.date(2026, 3, 1)


def _day(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def _world(db) -> tuple[str, list[str]]:
    with db.session() as s:
        ids = [
            volunteers.add_volunteer(s, data={"name": name, "joined_on": DAY}).id
            for name in ("赵敏", "钱多", "孙立")
        ]
        team = teams.create_team(s, name="平安巡逻队", founded_on=DAY, service_area="治安巡逻")
        return team.id, ids


def test_members_over_time_with_the_leader_first(db):
    tid, (a, b, c) = _world(db)
    with db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=DAY)
        teams.add_member(s, team_id=tid, volunteer_id=b, joined_on=_day(10))
        teams.set_leader(s, tid, b, on=_day(10))
        teams.remove_member(s, team_id=tid, volunteer_id=a, on=_day(20))
    with db.session() as s:
        assert [m.number for m in teams.team_members(s, tid, DAY)] == ["V0001"]
        on_15 = teams.team_members(s, tid, _day(15))
        assert [(m.number, m.leader) for m in on_15] == [("V0002", True), ("V0001", False)]
        # end exclusive: the day they leave they are no longer in the team
        assert [m.number for m in teams.team_members(s, tid, _day(19))] == ["V0002", "V0001"]
        assert [m.number for m in teams.team_members(s, tid, _day(20))] == ["V0002"]
        assert [t.name for t in teams.teams_of(s, a, _day(5))] == ["平安巡逻队"]
        assert teams.teams_of(s, a, _day(20)) == []
        assert teams.teams_of(s, c, _day(5)) == []
    # and they may join again later, a second membership
    with db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=_day(40))
        assert [m.number for m in teams.team_members(s, tid, _day(40))] == ["V0002", "V0001"]
        assert len(teams.memberships(s, a)) == 2
    # joining again inside a past membership would overlap it
    with pytest.raises(DomainError) as err, db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=_day(19))
    assert err.value.issues[0].key == "volunteers.already_member"


def test_refusals(db):
    tid, (a, b, c) = _world(db)
    with db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=DAY)
    cases = [
        (
            lambda s: teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=_day(3)),
            "volunteers.already_member",
        ),
        (
            lambda s: teams.add_member(s, team_id=tid, volunteer_id=b, joined_on=_day(-1)),
            "volunteers.date_before",
        ),
        (lambda s: teams.set_leader(s, tid, b, on=DAY), "volunteers.leader_not_member"),
        (
            lambda s: teams.remove_member(s, team_id=tid, volunteer_id=c, on=DAY),
            "volunteers.not_member",
        ),
        (
            lambda s: teams.remove_member(s, team_id=tid, volunteer_id=a, on=_day(-1)),
            "volunteers.date_before",
        ),
        (
            lambda s: teams.create_team(s, name="平安巡逻队", founded_on=DAY),
            "volunteers.team_name_taken",
        ),
        (
            lambda s: teams.create_team(s, name="  ", founded_on=DAY),
            "volunteers.team_name_required",
        ),
        (
            lambda s: teams.add_member(s, team_id="nope", volunteer_id=a, joined_on=DAY),
            "volunteers.no_team",
        ),
    ]
    for action, key in cases:
        with pytest.raises(DomainError) as err, db.session() as s:
            action(s)
        assert err.value.issues[0].key == key
    with db.session() as s:
        volunteers.set_status(s, c, "left", _day(2))
    with pytest.raises(DomainError) as err, db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=c, joined_on=_day(3))
    assert err.value.issues[0].key == "volunteers.not_active"


def test_rename_and_dissolve(db):
    tid, (a, b, _c) = _world(db)
    with db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=DAY)
        teams.add_member(s, team_id=tid, volunteer_id=b, joined_on=_day(1))
        teams.update_team(s, tid, name=" 平安 巡逻队 ", note="每周二晚")
        other = teams.create_team(s, name="助老服务队", founded_on=DAY).id
    with db.session() as s:
        team = s.get(VolunteerTeam, tid)
        assert (team.name, team.note, team.service_area) == ("平安 巡逻队", "每周二晚", "治安巡逻")
        teams.dissolve(s, tid, on=_day(30))
    with db.session() as s:
        assert teams.team_members(s, tid, _day(29)) != []
        assert teams.team_members(s, tid, _day(30)) == []
        assert [t.id for t in teams.teams(s)] == [other]
        assert {t.id for t in teams.teams(s, include_dissolved=True)} == {tid, other}
        assert {t.id for t in teams.teams(s, on=_day(29))} == {tid, other}
        # the name of a dissolved team is free again
        teams.create_team(s, name="平安 巡逻队", founded_on=_day(31))
    with pytest.raises(DomainError) as err, db.session() as s:
        teams.add_member(s, team_id=tid, volunteer_id=a, joined_on=_day(31))
    assert err.value.issues[0].key == "volunteers.team_dissolved"
