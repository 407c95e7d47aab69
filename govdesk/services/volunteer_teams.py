"""Volunteer teams (志愿服务队): founding, members over time, the leader, dissolving.

A membership holds from `joined_on` up to the day before `left_on` (end exclusive), like
grid posts. A volunteer joins a team at most once at a time; leaving and joining again
makes a second dated membership. The leader must be a member: a leader who leaves the team
(or stops volunteering) leaves it without a leader. A dissolved team keeps its history and
takes no new members; dissolving ends every open membership that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from govdesk.domain import messages
from govdesk.domain import volunteers as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import Volunteer, VolunteerTeam, VolunteerTeamMember
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office

NAME_MAX = 50


def _view(session: Session) -> None:
    authz.require(session, Permission.VOLUNTEER_VIEW)


def _edit(session: Session) -> None:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    authz.require(session, Permission.VOLUNTEER_EDIT)


def _holds(on: dt.date):  # noqa: ANN202 - a SQL condition
    m = VolunteerTeamMember
    return (col(m.joined_on) <= on) & (col(m.left_on).is_(None) | (col(m.left_on) > on))


def get_team(session: Session, team_id: str) -> VolunteerTeam:
    _view(session)
    team = session.get(VolunteerTeam, team_id)
    if team is None:
        raise DomainError(Issue("team_id", "volunteers.no_team"))
    return team


def _open_team(session: Session, team_id: str) -> VolunteerTeam:
    team = get_team(session, team_id)
    if team.dissolved_on is not None:
        raise DomainError(
            Issue(
                "team_id",
                "volunteers.team_dissolved",
                {"name": team.name, "on": team.dissolved_on.isoformat()},
            )
        )
    return team


def _clean_name(session: Session, name: str, *, own_id: str | None = None) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise DomainError(Issue("name", "volunteers.team_name_required"))
    if len(text) > NAME_MAX:
        raise DomainError(
            Issue(
                "name",
                "volunteers.text_long",
                {
                    "field": "Team name" if messages.language() == "en" else "队伍名称",
                    "max": NAME_MAX,
                },
            )
        )
    # Names are unique among teams still running; a dissolved team's name may be reused.
    q = select(VolunteerTeam).where(
        VolunteerTeam.name == text, col(VolunteerTeam.dissolved_on).is_(None)
    )
    if own_id:
        q = q.where(VolunteerTeam.id != own_id)
    if session.exec(q).first() is not None:
        raise DomainError(Issue("name", "volunteers.team_name_taken", {"name": text}))
    return text


def create_team(
    session: Session,
    *,
    name: str,
    founded_on: dt.date,
    service_area: str = "",
    note: str = "",
) -> VolunteerTeam:
    """A new team (VOLUNTEER_EDIT); add members, then name the leader (`set_leader`)."""
    _edit(session)
    team = VolunteerTeam(
        office_id=current_office(session).id,
        name=_clean_name(session, name),
        founded_on=founded_on,
        service_area=(service_area or "").strip(),
        note=(note or "").strip(),
    )
    session.add(team)
    session.flush()
    return team


def update_team(
    session: Session,
    team_id: str,
    *,
    name: str | None = None,
    service_area: str | None = None,
    founded_on: dt.date | None = None,
    note: str | None = None,
) -> VolunteerTeam:
    """Renames the team or changes what it does (only the arguments given)."""
    _edit(session)
    team = get_team(session, team_id)
    if name is not None:
        new = _clean_name(session, name, own_id=team.id)
        if new != team.name:
            team.name = new
    if service_area is not None and service_area.strip() != team.service_area:
        team.service_area = service_area.strip()
    if founded_on is not None and founded_on != team.founded_on:
        team.founded_on = founded_on
    if note is not None and note.strip() != team.note:
        team.note = note.strip()
    session.add(team)
    session.flush()
    return team


rename_team = update_team


def _volunteer(session: Session, volunteer_id: str) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer_id", "volunteers.no_volunteer"))
    return volunteer


def _membership(
    session: Session, team_id: str, volunteer_id: str, on: dt.date
) -> VolunteerTeamMember | None:
    """A membership a new one from `on` (open-ended) would overlap: one still open, or one
    that ends after `on`."""
    m = VolunteerTeamMember
    return session.exec(
        select(m).where(
            m.team_id == team_id,
            m.volunteer_id == volunteer_id,
            col(m.left_on).is_(None) | (col(m.left_on) > on),
        )
    ).first()


def add_member(
    session: Session, *, team_id: str, volunteer_id: str, joined_on: dt.date
) -> VolunteerTeamMember:
    """`volunteer_id` is in the team from `joined_on` (not before the team was founded)."""
    _edit(session)
    team = _open_team(session, team_id)
    volunteer = _volunteer(session, volunteer_id)
    if volunteer.status == rules.LEFT:
        raise DomainError(
            Issue(
                "volunteer_id",
                "volunteers.not_active",
                {"name": volunteer.name, "status": rules.VOLUNTEER_STATUS.label(volunteer.status)},
            )
        )
    if joined_on < team.founded_on:
        raise DomainError(
            Issue("joined_on", "volunteers.date_before", {"start": team.founded_on.isoformat()})
        )
    if _membership(session, team.id, volunteer.id, joined_on) is not None:
        raise DomainError(
            Issue("volunteer_id", "volunteers.already_member", {"name": volunteer.name})
        )
    member = VolunteerTeamMember(
        office_id=team.office_id, team_id=team.id, volunteer_id=volunteer.id, joined_on=joined_on
    )
    session.add(member)
    session.flush()
    return member


def remove_member(
    session: Session, *, team_id: str, volunteer_id: str, on: dt.date
) -> VolunteerTeamMember:
    """The volunteer leaves the team on `on` (their last day is the day before). A leader
    leaving leaves the team without one."""
    _edit(session)
    team = get_team(session, team_id)
    volunteer = _volunteer(session, volunteer_id)
    m = VolunteerTeamMember
    member = session.exec(
        select(m).where(
            m.team_id == team.id, m.volunteer_id == volunteer.id, col(m.left_on).is_(None)
        )
    ).first()
    if member is None:
        raise DomainError(Issue("volunteer_id", "volunteers.not_member", {"name": volunteer.name}))
    if on < member.joined_on:
        raise DomainError(
            Issue("on", "volunteers.date_before", {"start": member.joined_on.isoformat()})
        )
    member.left_on = on
    session.add(member)
    if team.leader_id == volunteer.id:
        team.leader_id = None
        session.add(team)
    session.flush()
    return member


def set_leader(
    session: Session, team_id: str, volunteer_id: str | None, *, on: dt.date | None = None
) -> VolunteerTeam:
    """Names the team's leader (队长), who must be a member on `on` (today by default);
    None leaves the team without a leader."""
    _edit(session)
    team = _open_team(session, team_id)
    if volunteer_id is not None:
        volunteer = _volunteer(session, volunteer_id)
        m = VolunteerTeamMember
        held = session.exec(
            select(m).where(
                m.team_id == team.id, m.volunteer_id == volunteer.id, _holds(on or dt.date.today())
            )
        ).first()
        if held is None:
            raise DomainError(Issue("volunteer_id", "volunteers.leader_not_member"))
    if team.leader_id != volunteer_id:
        team.leader_id = volunteer_id
        session.add(team)
        session.flush()
    return team


def dissolve(session: Session, team_id: str, *, on: dt.date) -> VolunteerTeam:
    """The team ends on `on`: its open memberships end that day; its history stays."""
    _edit(session)
    team = _open_team(session, team_id)
    if on < team.founded_on:
        raise DomainError(
            Issue("on", "volunteers.date_before", {"start": team.founded_on.isoformat()})
        )
    m = VolunteerTeamMember
    for member in session.exec(
        select(m).where(m.team_id == team.id, col(m.left_on).is_(None))
    ).all():
        member.left_on = max(on, member.joined_on)
        session.add(member)
    team.dissolved_on = on
    session.add(team)
    session.flush()
    return team


@dataclass(frozen=True)
class TeamMember:
    """A member of a team on a given day."""

    volunteer_id: str
    number: str
    name: str
    phone: str | None  # as stored: mask it before showing (masking.mask_phone)
    status: str
    joined_on: dt.date
    left_on: dt.date | None
    leader: bool


def team_members(session: Session, team_id: str, on: dt.date) -> list[TeamMember]:
    """Who is in the team on `on`, the leader first, then by number."""
    team = get_team(session, team_id)
    m = VolunteerTeamMember
    rows = session.exec(
        select(m, Volunteer)
        .join(Volunteer, col(Volunteer.id) == col(m.volunteer_id))
        .where(m.team_id == team.id, _holds(on))
    ).all()
    members = [
        TeamMember(
            volunteer_id=v.id,
            number=v.number,
            name=v.name,
            phone=v.phone,
            status=v.status,
            joined_on=member.joined_on,
            left_on=member.left_on,
            leader=v.id == team.leader_id,
        )
        for member, v in rows
    ]
    members.sort(key=lambda x: (not x.leader, x.number))
    return members


def teams(
    session: Session, *, include_dissolved: bool = False, on: dt.date | None = None
) -> list[VolunteerTeam]:
    """Teams by name; without `include_dissolved`, only those running (on `on` when given:
    founded by then and not yet dissolved)."""
    _view(session)
    q = select(VolunteerTeam)
    if not include_dissolved:
        if on is None:
            q = q.where(col(VolunteerTeam.dissolved_on).is_(None))
        else:
            q = q.where(
                col(VolunteerTeam.founded_on) <= on,
                col(VolunteerTeam.dissolved_on).is_(None) | (col(VolunteerTeam.dissolved_on) > on),
            )
    return list(session.exec(q.order_by(col(VolunteerTeam.name))).all())


def teams_of(session: Session, volunteer_id: str, on: dt.date) -> list[VolunteerTeam]:
    """The teams the volunteer is in on `on`, by name."""
    _view(session)
    m = VolunteerTeamMember
    q = (
        select(VolunteerTeam)
        .join(m, col(m.team_id) == col(VolunteerTeam.id))
        .where(m.volunteer_id == volunteer_id, _holds(on))
        .order_by(col(VolunteerTeam.name))
    )
    return list(session.exec(q).all())


def memberships(
    session: Session, volunteer_id: str
) -> list[tuple[VolunteerTeam, VolunteerTeamMember]]:
    """Every membership the volunteer ever had, newest first (the detail panel's history)."""
    _view(session)
    m = VolunteerTeamMember
    q = (
        select(VolunteerTeam, m)
        .join(m, col(m.team_id) == col(VolunteerTeam.id))
        .where(m.volunteer_id == volunteer_id)
        .order_by(col(m.joined_on).desc())
    )
    return [(team, member) for team, member in session.exec(q).all()]
