"""Prints the volunteer printouts from the stored records: certificate, duty roster, team roster.

The window and `govdesk print` call these. Reading needs VOLUNTEER_VIEW; ID numbers and
phones are printed in full only for a role with PRINT_FULL (and `mask` not asked for),
masked otherwise. The certificate lists confirmed hours only: pending lines are not yet
service time. A file is written under a temporary name and moved into place once whole, and
no PDF leaves without its audit entry (action `print`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from govdesk.domain import codes, messages
from govdesk.domain import volunteers as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    Resident,
    Volunteer,
    VolunteerTeam,
    VolunteerTeamMember,
)
from govdesk.domain.permissions import Permission
from govdesk.forms import volunteer_forms
from govdesk.forms.output import write_pdf
from govdesk.forms.volunteer_data import (
    CertificateData,
    DutyRosterData,
    RosterShift,
    ServiceLine,
    TeamMemberLine,
    TeamRosterData,
)
from govdesk.services import authz, duty_roster
from govdesk.services.office import current_office
from govdesk.services.privacy import refuse_when_read_only
from govdesk.services.volunteers import skill_settings
from govdesk.store.database import Database

messages.register(
    {
        "volunteer_print.no_volunteer": ("找不到志愿者“{name}”", "No volunteer '{name}'"),
        "volunteer_print.ambiguous": (
            "有 {count} 名志愿者叫“{name}”，请用编号指明",
            "{count} volunteers are called '{name}': name one by its number",
        ),
        "volunteer_print.no_team": ("找不到志愿服务队“{name}”", "No volunteer team '{name}'"),
        "volunteer_print.period": (
            "开始日期{start}晚于结束日期{end}",
            "The start {start} is after the end {end}",
        ),
    }
)


def _today() -> dt.date:
    return dt.date.today()


def _full(source: Session | Database, mask: bool) -> bool:
    return not mask and authz.can(source, Permission.PRINT_FULL)


def _shown(field: str, value: str | None, full: bool) -> str:
    if not value:
        return ""
    return value if full else str(mask_field(field, value) or "")


def _tally(session: Session, volunteer_ids: list[str]) -> dict[str, int]:
    """Confirmed minutes to date, from the per-volunteer tally the ledger's triggers keep."""
    if not volunteer_ids:
        return {}
    marks = ", ".join(f":v{i}" for i in range(len(volunteer_ids)))
    rows = session.connection().execute(
        text(f"SELECT volunteer_id, minutes FROM volunteer_tally WHERE volunteer_id IN ({marks})"),
        {f"v{i}": v for i, v in enumerate(volunteer_ids)},
    )
    return {r[0]: int(r[1]) for r in rows}


# -- finding -------------------------------------------------------------------------------


def find_volunteer(session: Session, key: str) -> Volunteer:
    """A volunteer by record id, number (V0001) or name (refused when several share it)."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    key = key.strip()
    found = (
        session.get(Volunteer, key)
        or session.exec(select(Volunteer).where(Volunteer.number == key.upper())).first()
    )
    if found is not None:
        return found
    named = session.exec(select(Volunteer).where(Volunteer.name == key)).all()
    if not named:
        raise DomainError(Issue("volunteer", "volunteer_print.no_volunteer", {"name": key}))
    if len(named) > 1:
        raise DomainError(
            Issue("volunteer", "volunteer_print.ambiguous", {"name": key, "count": len(named)})
        )
    return named[0]


def find_team(session: Session, key: str) -> VolunteerTeam:
    """A team by record id or by name."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    key = key.strip()
    found = (
        session.get(VolunteerTeam, key)
        or session.exec(select(VolunteerTeam).where(VolunteerTeam.name == key)).first()
    )
    if found is None:
        raise DomainError(Issue("team", "volunteer_print.no_team", {"name": key}))
    return found


# -- gathering -------------------------------------------------------------------------------

_LINES = """
SELECT h.served_on, h.minutes, h.kind, h.reason, a.title, a.place, o.need, o.place AS order_place,
       adj_a.title AS adjusted_title
FROM hour_entry h
LEFT JOIN volunteer_activity a ON a.id = h.activity_id
LEFT JOIN service_order o ON o.id = h.order_id
LEFT JOIN hour_entry adj ON adj.id = h.adjusts_id
LEFT JOIN volunteer_activity adj_a ON adj_a.id = adj.activity_id
WHERE h.volunteer_id = :v AND h.state = 'confirmed'
  AND h.served_on >= :start AND h.served_on <= :end
ORDER BY h.served_on, h.rowid
"""


def _service_line(m: Any) -> ServiceLine:
    adjustment = m["kind"] == rules.ADJUSTMENT
    if adjustment:
        about = m["title"] or m["adjusted_title"] or ""
        what = f"（调整）{about}：{m['reason']}" if about else f"（调整）{m['reason']}"
    elif m["title"]:
        what = m["title"]
    elif m["need"]:
        what = f"点单服务：{m['need']}"
    else:
        what = "志愿服务"
    served = m["served_on"]
    return ServiceLine(
        served_on=served if isinstance(served, dt.date) else dt.date.fromisoformat(str(served)),
        activity=what,
        place=m["place"] or m["order_place"] or "",
        minutes=int(m["minutes"]),
        adjustment=adjustment,
    )


def _teams_of(session: Session, volunteer_id: str, on: dt.date) -> list[str]:
    rows = session.exec(
        select(VolunteerTeam.name)
        .join(VolunteerTeamMember, col(VolunteerTeamMember.team_id) == col(VolunteerTeam.id))
        .where(
            VolunteerTeamMember.volunteer_id == volunteer_id,
            col(VolunteerTeamMember.joined_on) <= on,
            (col(VolunteerTeamMember.left_on).is_(None)) | (col(VolunteerTeamMember.left_on) > on),
        )
        .order_by(col(VolunteerTeam.name))
    ).all()
    return list(rows)


def certificate_data(
    session: Session,
    volunteer_id: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date,
    full: bool,
) -> CertificateData:
    """The 志愿服务证明 contents: the confirmed service from `start` to `end` (inclusive; open
    ends: since joining, up to today), the total to date and its star level."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    if start is not None and end is not None and start > end:
        raise DomainError(
            Issue(
                "start",
                "volunteer_print.period",
                {"start": start.isoformat(), "end": end.isoformat()},
            )
        )
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(
            Issue("volunteer", "volunteer_print.no_volunteer", {"name": volunteer_id})
        )
    office = current_office(session)
    id_number = volunteer.id_number
    if volunteer.resident_id:
        resident = session.get(Resident, volunteer.resident_id)
        id_number = resident.id_number if resident is not None else id_number
    rows = session.connection().execute(
        text(_LINES),
        {
            "v": volunteer.id,
            "start": (start or dt.date.min).isoformat(),
            "end": (end or dt.date.max).isoformat(),
        },
    )
    lines = [_service_line(r._mapping) for r in rows]
    total = _tally(session, [volunteer.id]).get(volunteer.id, 0)
    return CertificateData(
        office_name=office.name,
        division_code=office.division_code,
        name=volunteer.name,
        number=volunteer.number,
        sex=codes.SEX.zh(volunteer.sex),
        id_number=_shown("id_number", id_number, full),
        start=start,
        end=end or today,
        joined_on=volunteer.joined_on,
        lines=lines,
        period_minutes=sum(line.minutes for line in lines),
        total_minutes=total,
        star_level=rules.star_level(total),
        teams=_teams_of(session, volunteer.id, end or today),
        issued_on=today,
        masked=not full,
    )


def _holds(start: dt.date, end: dt.date | None, on: dt.date) -> bool:
    return start <= on and (end is None or end > on)


def duty_roster_data(
    session: Session, *, week: dt.date, today: dt.date | None = None
) -> DutyRosterData:
    """The 排班表 of the week holding `week`, as the tab's week view shows it
    (duty_roster.week): each day's running duties, by start time, with the volunteers
    assigned on that day, by number."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    office = current_office(session)
    roster = duty_roster.week(session, week)
    data = DutyRosterData(
        office_name=office.name,
        division_code=office.division_code,
        monday=roster.monday,
        printed_on=today or _today(),
    )
    for i, views in enumerate(roster.days):
        for view in sorted(views, key=lambda v: (v.shift.start_time, v.shift.end_time)):
            data.days[i].append(
                RosterShift(
                    title=view.shift.title,
                    start=view.shift.start_time,
                    end=view.shift.end_time,
                    place=view.shift.place,
                    headcount=view.shift.headcount,
                    names=[p.name for p in view.volunteers],
                    team=view.shift.team_name,
                )
            )
    return data


def team_roster_data(session: Session, team_id: str, *, on: dt.date, full: bool) -> TeamRosterData:
    """The 花名册 of one team on `on`: the leader first, then the members by number."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    office = current_office(session)
    team = session.get(VolunteerTeam, team_id)
    if team is None:
        raise DomainError(Issue("team", "volunteer_print.no_team", {"name": team_id}))
    memberships = [
        m
        for m in session.exec(
            select(VolunteerTeamMember).where(VolunteerTeamMember.team_id == team.id)
        )
        if _holds(m.joined_on, m.left_on, on)
    ]
    ids = [m.volunteer_id for m in memberships]
    people = {
        v.id: v for v in session.exec(select(Volunteer).where(col(Volunteer.id).in_(ids or [""])))
    }
    resident_ids = [v.resident_id for v in people.values() if v.resident_id]
    phones = {
        r.id: r.phone
        for r in session.exec(select(Resident).where(col(Resident.id).in_(resident_ids or [""])))
    }
    minutes = _tally(session, ids)
    skills = skill_settings(session)
    lines = []
    for m in memberships:
        v = people[m.volunteer_id]
        phone = v.phone or phones.get(v.resident_id or "")
        lines.append(
            TeamMemberLine(
                number=v.number,
                name=v.name,
                sex=codes.SEX.zh(v.sex),
                phone=_shown("phone", phone, full),
                skills="、".join(skills.zh(c) for c in rules.split_codes(v.skills)),
                joined_on=m.joined_on,
                minutes=minutes.get(v.id, 0),
                star_level=rules.star_level(minutes.get(v.id, 0)),
                leader=v.id == team.leader_id,
                dual_report=v.dual_report,
            )
        )
    lines.sort(key=lambda line: (not line.leader, line.number))
    leader = people.get(team.leader_id or "")
    leader_phone = ""
    if leader is not None:
        leader_phone = _shown("phone", leader.phone or phones.get(leader.resident_id or ""), full)
    return TeamRosterData(
        office_name=office.name,
        division_code=office.division_code,
        name=team.name,
        service_area=team.service_area,
        founded_on=team.founded_on,
        leader=leader.name if leader is not None else "",
        leader_phone=leader_phone,
        on=on,
        members=lines,
        masked=not full,
    )


# -- writing ---------------------------------------------------------------------------------


def _render(build: Callable[[Any, io.BytesIO], None], data: object) -> bytes:
    buffer = io.BytesIO()
    build(data, buffer)
    return buffer.getvalue()


def _start(db: Database) -> None:
    authz.require(db, Permission.VOLUNTEER_VIEW)
    refuse_when_read_only(db, "print")


def _audit(db: Database, out: Path, form: str, detail: dict, **fields: object) -> None:
    """The print's audit entry; the PDF is removed when the trail cannot take it."""
    try:
        db.audit(
            AuditAction.PRINT,
            detail={
                "file": str(out),
                "form": form,
                "title": volunteer_forms.TITLES[form],
                **detail,
            },
            **fields,
        )
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def print_certificate(
    db: Database,
    volunteer_id: str,
    *,
    out: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
    mask: bool = False,
    itemised: bool | None = None,
) -> Path:
    """Write one volunteer's 志愿服务证明 for the period (see certificate_data); `itemised`
    True lists every line, False sums them up per kind of service, None decides by length."""
    _start(db)
    out, today = Path(out), today or _today()
    with db.session() as session:
        full = _full(session, mask)
        data = certificate_data(session, volunteer_id, start=start, end=end, today=today, full=full)
    data.itemised = itemised
    write_pdf(out, _render(volunteer_forms.build_certificate, data))
    detail = {
        "volunteer": data.number,
        "start": start.isoformat() if start else None,
        "end": data.end.isoformat() if data.end else None,
        "lines": len(data.lines),
        "itemised": data.itemise(),
        "minutes": data.period_minutes,
        "masked": not full,
    }
    _audit(db, out, "certificate", detail, record_type="volunteer", record_id=volunteer_id)
    return out


def print_duty_roster(db: Database, *, out: Path, week: dt.date | None = None) -> Path:
    """Write the 排班表 of the week holding `week` (this week by default)."""
    _start(db)
    out = Path(out)
    with db.session() as session:
        data = duty_roster_data(session, week=week or _today())
    write_pdf(out, _render(volunteer_forms.build_duty_roster, data))
    assert data.monday is not None
    detail = {
        "week": data.monday.isoformat(),
        "shifts": sum(len(day) for day in data.days),
    }
    _audit(db, out, "duty-roster", detail, record_type="duty_shift")
    return out


def print_team_roster(
    db: Database,
    team_id: str,
    *,
    out: Path,
    on: dt.date | None = None,
    mask: bool = False,
) -> Path:
    """Write one team's 志愿服务队花名册 on `on` (today by default)."""
    _start(db)
    out, on = Path(out), on or _today()
    with db.session() as session:
        full = _full(session, mask)
        data = team_roster_data(session, team_id, on=on, full=full)
    write_pdf(out, _render(volunteer_forms.build_team_roster, data))
    detail = {"team": data.name, "on": on.isoformat(), "members": len(data.members)}
    detail["masked"] = not full
    _audit(db, out, "team-roster", detail, record_type="volunteer_team", record_id=team_id)
    return out


__all__ = [
    "certificate_data",
    "duty_roster_data",
    "find_team",
    "find_volunteer",
    "print_certificate",
    "print_duty_roster",
    "print_team_roster",
    "team_roster_data",
]
