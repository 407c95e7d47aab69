"""Volunteers (志愿服务): the office's skill list, registering volunteers, changes and status.

A volunteer is a resident picked from the register or a person from outside. A resident's
name and sex are copied from the register (a snapshot for lists and printouts; the ID number
stays in the register only, so `id_number` is None), the phone and address too unless given;
their grid follows their household (`volunteer_grid`). An outsider needs a name; an ID
number is optional but, when given, must be valid, and the grid is the one the clerk picks.

The same resident, or the same ID number, is never registered twice (refused, naming the
volunteer who has it). An ID number of a resident on the register is refused for an
outsider: the clerk picks the resident instead.

Every change goes through a session, so the audit trail records it with the fields changed
(ID numbers and phones masked). Reading for display: `volunteer_view` (masked unless
revealed); `reveal` gives one full value and writes that to the trail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from govdesk.domain import codes, messages
from govdesk.domain import volunteers as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.dates import parse_date
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    Grid,
    Resident,
    Volunteer,
    VolunteerTeam,
    VolunteerTeamMember,
)
from govdesk.domain.names import pinyin_keys
from govdesk.domain.permissions import Actor, Permission
from govdesk.domain.validation import clean_person, errors
from govdesk.services import authz, office_settings
from govdesk.services.grids import grid_of_household
from govdesk.services.office import current_office
from govdesk.services.privacy import field_label, is_masked_text, refuse_when_read_only
from govdesk.services.volunteer_teams import teams_of
from govdesk.store.counters import next_in_sequence
from govdesk.store.database import Database

# What `data` may hold in add_volunteer / update_volunteer.
FIELDS = (
    "name",
    "sex",
    "id_number",
    "phone",
    "address",
    "grid_id",
    "skills",
    "available_days",
    "available_times",
    "party_member",
    "dual_report",
    "work_unit",
    "unit_party_org",
    "reported_on",
    "joined_on",
    "note",
)
# Fields a resident's register entry decides.
_FROM_REGISTER = frozenset({"name", "sex", "id_number"})
_TEXT_MAX = {"address": 200, "work_unit": 100, "unit_party_org": 100, "note": 1000}
_FIELD_ZH = {
    "address": ("住址", "Address"),
    "work_unit": ("工作单位", "Work unit"),
    "unit_party_org": ("单位党组织", "Unit party organisation"),
    "note": ("备注", "Note"),
    "joined_on": ("加入日期", "Date joined"),
    "reported_on": ("报到日期", "Date reported"),
}
# 1,3,5 / 1、3、5 / 135 all mean Monday, Wednesday, Friday.
_DAY_SEPARATORS = re.compile(r"[\s,，、;；]+")
_LIST_SEPARATORS = re.compile(r"[,，、;；/]+")


def _view(source: Session | Database) -> None:
    authz.require(source, Permission.VOLUNTEER_VIEW)


def _edit(session: Session) -> Actor:
    authz.require(session, Permission.VOLUNTEER_VIEW)
    return authz.require(session, Permission.VOLUNTEER_EDIT)


def _label(field: str) -> str:
    zh, en = _FIELD_ZH.get(field, (field, field))
    return en if messages.language() == "en" else zh


# -- skills -----------------------------------------------------------------------------------
def skill_settings(source: Session | Database) -> rules.SkillSettings:
    """The office's skill list: renamed, added and switched-off skills."""
    return rules.skill_settings_from_json(office_settings.stored(source, rules.SKILLS_KEY))


def skills(source: Session | Database, *, include_disabled: bool = False) -> dict[str, str]:
    """code -> label of the skills offered (in order); with `include_disabled`, every skill
    (a volunteer may still have one that was switched off)."""
    settings = skill_settings(source)
    return settings.all_labels() if include_disabled else settings.enabled()


def skill_labels(source: Session | Database, value: str | Iterable[str] | None) -> list[str]:
    """The labels of stored skill codes ("patrol,health" → ["治安巡逻", "医疗健康"])."""
    settings = skill_settings(source)
    return [settings.label(code) for code in rules.split_codes(value)]


def set_skills(
    session: Session, labels: Mapping[str, str], disabled: Iterable[str] = ()
) -> rules.SkillSettings:
    """Names the skills in `labels` (a built-in code renames it; a new code from
    `rules.next_custom_code` adds one; the built-in name resets a rename) and switches off
    exactly `disabled` (SETTINGS_MANAGE, audited).

    On any problem a DomainError with one issue per skill (field = its code); nothing stored."""
    actor = authz.require(session, Permission.SETTINGS_MANAGE)
    before = skill_settings(session)
    after, issues = rules.check_skill_settings(before, dict(labels), list(disabled))
    if issues:
        raise DomainError(issues)
    if after == before:
        return after
    old, new = before.all_labels(), after.all_labels()
    detail: dict[str, object] = {
        code: [old.get(code, ""), label] for code, label in new.items() if old.get(code) != label
    }
    if before.disabled != after.disabled:
        detail["disabled"] = [",".join(sorted(before.disabled)), ",".join(sorted(after.disabled))]
    office_settings.store(session, actor, rules.SKILLS_KEY, after.to_json(), detail)
    return after


def add_skill(session: Session, label: str) -> str:
    """Adds an office's own skill called `label`; returns its new code (custom_N)."""
    code = rules.next_custom_code(skill_settings(session))
    set_skills(session, {code: label}, skill_settings(session).disabled)
    return code


# -- cleaning what the clerk typed -------------------------------------------------------------
def _parse_skills(session: Session, value: Any, had: Iterable[str], issues: list[Issue]) -> str:
    settings = skill_settings(session)
    items = _LIST_SEPARATORS.split(value) if isinstance(value, str) else list(value or [])
    had_set = set(had)
    out: list[str] = []
    for item in items:
        typed = str(item).strip()
        if not typed:
            continue
        code = settings.parse(typed)
        if code is None or code not in settings.all_labels():
            issues.append(Issue("skills", "volunteers.unknown_skill", {"value": typed}))
        elif code in settings.disabled and code not in had_set:
            issues.append(
                Issue("skills", "volunteers.skill_disabled", {"skill": settings.label(code)})
            )
        elif code not in out:
            out.append(code)
    return rules.join_codes(out)


def _parse_days(value: Any, issues: list[Issue]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        compact = _DAY_SEPARATORS.sub("", value)
        items: list[Any] = list(compact)
    else:
        items = list(value)
    try:
        days = rules.parse_days([str(i) for i in items])
    except ValueError:
        issues.append(Issue("available_days", "volunteers.bad_days", {"value": value}))
        return ""
    return "".join(str(d) for d in days)


def _parse_times(value: Any, issues: list[Issue]) -> str:
    items = _LIST_SEPARATORS.split(value) if isinstance(value, str) else list(value or [])
    out: list[str] = []
    for item in items:
        typed = str(item).strip()
        if not typed:
            continue
        code = rules.AVAILABLE_TIMES.parse(typed)
        if code is None:
            issues.append(Issue("available_times", "volunteers.bad_time", {"value": typed}))
        elif code not in out:
            out.append(code)
    # Stored in the day's order, whatever order they were ticked in.
    order = [c.code for c in rules.AVAILABLE_TIMES]
    return rules.join_codes(sorted(out, key=order.index))


def _parse_day(field: str, value: Any, issues: list[Issue]) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        issues.append(Issue(field, "date.invalid", {"raw": value}))
        return None


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "是", "√", "✓"}
    return bool(value)


def clean_volunteer(
    session: Session,
    data: Mapping[str, Any],
    *,
    current: Volunteer | None = None,
    resident: Resident | None = None,
) -> tuple[dict[str, Any], list[Issue]]:
    """Cleaned values for the keys present in `data` and every problem found (warnings
    included), without storing anything. `current` is the volunteer being changed;
    `resident` the register entry of a resident volunteer (its name, sex and ID win)."""
    issues: list[Issue] = []
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown volunteer fields: {sorted(unknown)}")
    raw = dict(data)
    if resident is not None:
        for key in _FROM_REGISTER:
            raw.pop(key, None)
    # A masked value handed back unchanged means "keep it", never "store the stars".
    for key in ("id_number", "phone"):
        value = raw.get(key)
        if is_masked_text(value):
            stored = getattr(current, key) if current is not None else None
            if stored and mask_field(key, stored) == value:
                raw.pop(key)
            else:
                issues.append(Issue(key, "privacy.masked_value", {"field": field_label(key)}))
                raw.pop(key)
    person: dict[str, Any] = {k: raw[k] for k in ("name", "sex", "phone", "id_number") if k in raw}
    values, person_issues = clean_person(person)
    values.pop("id_converted", None)
    values.pop("birth_date", None)
    issues += person_issues
    if "name" in raw and not values.get("name"):
        # clean_person says "姓名不能为空"; say whose name.
        issues = [i for i in issues if not (i.field == "name" and i.key == "required")]
        issues.append(Issue("name", "volunteers.name_required"))
    if resident is not None:
        values["name"] = resident.name
        values["sex"] = resident.sex
        values["id_number"] = None
    for key, limit in _TEXT_MAX.items():
        if key in raw:
            value = (
                " ".join(str(raw[key] or "").split())
                if key != "note"
                else str(raw[key] or "").strip()
            )
            if len(value) > limit:
                issues.append(
                    Issue(key, "volunteers.text_long", {"field": _label(key), "max": limit})
                )
            values[key] = value
    if "skills" in raw:
        had = rules.split_codes(current.skills) if current is not None else []
        values["skills"] = _parse_skills(session, raw["skills"], had, issues)
    if "available_days" in raw:
        values["available_days"] = _parse_days(raw["available_days"], issues)
    if "available_times" in raw:
        values["available_times"] = _parse_times(raw["available_times"], issues)
    for key in ("party_member", "dual_report"):
        if key in raw:
            values[key] = _flag(raw[key])
    for key in ("reported_on", "joined_on"):
        if key in raw:
            values[key] = _parse_day(key, raw[key], issues)
    if (
        "joined_on" in raw
        and values.get("joined_on") is None
        and not any(i.field == "joined_on" for i in issues)
    ):
        issues.append(Issue("joined_on", "required", {"field": _label("joined_on")}))
    # 双报到 is for in-service party members: ticking it says they are one.
    if values.get("dual_report"):
        values["party_member"] = True
    if "grid_id" in raw:
        grid_id = raw["grid_id"] or None
        if resident is not None or (current is not None and current.resident_id):
            grid_id = None  # a resident's grid follows their household
        elif grid_id is not None and session.get(Grid, grid_id) is None:
            issues.append(Issue("grid_id", "volunteers.no_grid"))
        values["grid_id"] = grid_id
    issues += _duplicate_issues(session, values, current=current, resident=resident)
    return values, issues


def _duplicate_issues(
    session: Session,
    values: Mapping[str, Any],
    *,
    current: Volunteer | None,
    resident: Resident | None,
) -> list[Issue]:
    issues: list[Issue] = []
    own_id = current.id if current is not None else None
    if resident is not None:
        q = select(Volunteer).where(Volunteer.resident_id == resident.id)
        if own_id:
            q = q.where(Volunteer.id != own_id)
        other = session.exec(q).first()
        if other is not None:
            issues.append(
                Issue(
                    "resident_id",
                    "volunteers.resident_taken",
                    {"name": other.name, "number": other.number, "volunteer_id": other.id},
                )
            )
    number = values.get("id_number")
    if number:
        q = select(Volunteer).where(Volunteer.id_number == number)
        if own_id:
            q = q.where(Volunteer.id != own_id)
        other = session.exec(q).first()
        if other is not None:
            issues.append(
                Issue(
                    "id_number",
                    "volunteers.id_taken",
                    {"name": other.name, "number": other.number, "volunteer_id": other.id},
                )
            )
        else:
            person = session.exec(
                select(Resident).where(
                    Resident.id_number == number, Resident.status == "on_register"
                )
            ).first()
            if person is not None:
                taken = session.exec(
                    select(Volunteer).where(Volunteer.resident_id == person.id)
                ).first()
                if taken is not None and taken.id != own_id:
                    issues.append(
                        Issue(
                            "id_number",
                            "volunteers.id_taken",
                            {"name": taken.name, "number": taken.number, "volunteer_id": taken.id},
                        )
                    )
                else:
                    issues.append(
                        Issue(
                            "id_number",
                            "volunteers.id_is_resident",
                            {"name": person.name, "resident_id": person.id},
                        )
                    )
    return issues


# -- registering and changing ------------------------------------------------------------------
def add_volunteer(
    session: Session, *, resident_id: str | None = None, data: Mapping[str, Any]
) -> Volunteer:
    """Registers a volunteer (VOLUNTEER_EDIT) and gives them the next number (V0001…).

    With `resident_id`, the resident's name, sex, phone and address come from the register
    (a phone or address in `data` wins for those two). `joined_on` defaults to today.
    DomainError with every problem when anything is wrong; warnings do not block."""
    _edit(session)
    resident = None
    if resident_id is not None:
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise DomainError(Issue("resident_id", "volunteers.no_resident"))
    raw = dict(data)
    raw.setdefault("joined_on", dt.date.today())
    if resident is None:
        raw.setdefault("name", "")
    else:
        if not raw.get("phone"):
            raw["phone"] = resident.phone
        if not raw.get("address"):
            raw["address"] = resident.current_address or resident.registered_address or ""
    values, issues = clean_volunteer(session, raw, resident=resident)
    if errors(issues):
        raise DomainError(errors(issues))
    n = next_in_sequence(session, rules.NUMBER_KEY)
    pinyin, initials = pinyin_keys(values["name"])
    volunteer = Volunteer(
        office_id=current_office(session).id,
        number=rules.volunteer_number(n),
        resident_id=resident.id if resident is not None else None,
        name_pinyin=pinyin,
        name_initials=initials,
        **{k: v for k, v in values.items() if k in FIELDS},
    )
    session.add(volunteer)
    session.flush()
    return volunteer


def update_volunteer(session: Session, volunteer_id: str, changes: Mapping[str, Any]) -> Volunteer:
    """Changes the fields given (VOLUNTEER_EDIT). A resident volunteer's name, sex and ID
    number follow the register (re-copied here); the status changes through `set_status`."""
    _edit(session)
    volunteer = get_volunteer(session, volunteer_id)
    resident = session.get(Resident, volunteer.resident_id) if volunteer.resident_id else None
    values, issues = clean_volunteer(session, changes, current=volunteer, resident=resident)
    if errors(issues):
        raise DomainError(errors(issues))
    joined = values.get("joined_on", volunteer.joined_on)
    if volunteer.left_on is not None and joined is not None and volunteer.left_on < joined:
        raise DomainError(
            Issue("joined_on", "volunteers.left_before_joined", {"joined": joined.isoformat()})
        )
    for key, value in values.items():
        if key in FIELDS and getattr(volunteer, key) != value:
            setattr(volunteer, key, value)
    if "name" in values:
        volunteer.name_pinyin, volunteer.name_initials = pinyin_keys(volunteer.name)
    session.add(volunteer)
    session.flush()
    return volunteer


def set_status(session: Session, volunteer_id: str, status: str, on: dt.date) -> Volunteer:
    """Active, paused or left (VOLUNTEER_EDIT). Leaving on `on` ends their team memberships
    and duty assignments that day, gives up any team they lead and cancels their sign-ups
    for coming activities; coming back clears the day they left."""
    _edit(session)
    volunteer = get_volunteer(session, volunteer_id)
    code = rules.VOLUNTEER_STATUS.parse(status)
    if code is None:
        raise DomainError(Issue("status", "volunteers.unknown_status", {"value": status}))
    if code == volunteer.status:
        raise DomainError(
            Issue(
                "status", "volunteers.same_status", {"status": rules.VOLUNTEER_STATUS.label(code)}
            )
        )
    if code == rules.LEFT:
        if on < volunteer.joined_on:
            raise DomainError(
                Issue(
                    "on",
                    "volunteers.left_before_joined",
                    {"joined": volunteer.joined_on.isoformat()},
                )
            )
        volunteer.left_on = on
        _leave_teams(session, volunteer.id, on)
        # Off the weekly roster and the coming activities too. (Imported here: the roster
        # module builds on this one.)
        from govdesk.services import duty_roster

        duty_roster.release(session, volunteer.id, on=on)
    else:
        volunteer.left_on = None
    volunteer.status = code
    session.add(volunteer)
    session.flush()
    return volunteer


def _leave_teams(session: Session, volunteer_id: str, on: dt.date) -> None:
    memberships = session.exec(
        select(VolunteerTeamMember).where(
            VolunteerTeamMember.volunteer_id == volunteer_id,
            col(VolunteerTeamMember.left_on).is_(None),
        )
    ).all()
    for m in memberships:
        # Joined after `on`: the membership never began; it ends the day it starts.
        m.left_on = max(on, m.joined_on)
        session.add(m)
    for team in session.exec(select(VolunteerTeam).where(VolunteerTeam.leader_id == volunteer_id)):
        team.leader_id = None
        session.add(team)


def get_volunteer(session: Session, volunteer_id: str) -> Volunteer:
    _view(session)
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise DomainError(Issue("volunteer_id", "volunteers.no_volunteer"))
    return volunteer


def find_volunteer(session: Session, key: str) -> Volunteer | None:
    """A volunteer by id or by number (V0007, v7 and 7 all find V0007)."""
    _view(session)
    key = (key or "").strip()
    if not key:
        return None
    found = session.get(Volunteer, key)
    if found is not None:
        return found
    digits = key[1:] if key[:1] in "Vv" else key
    number = rules.volunteer_number(int(digits)) if digits.isdigit() else key.upper()
    return session.exec(select(Volunteer).where(Volunteer.number == number)).first()


def volunteer_of_resident(session: Session, resident_id: str) -> Volunteer | None:
    """The volunteer registered for that resident, if any."""
    _view(session)
    return session.exec(select(Volunteer).where(Volunteer.resident_id == resident_id)).first()


def volunteer_grid(session: Session, volunteer_id: str, on: dt.date) -> Grid | None:
    """The volunteer's grid on `on`: a resident's follows their household; an outsider's is
    the one recorded."""
    volunteer = get_volunteer(session, volunteer_id)
    if volunteer.resident_id:
        resident = session.get(Resident, volunteer.resident_id)
        if resident is None or not resident.household_id:
            return None
        return grid_of_household(session, resident.household_id, on)
    return session.get(Grid, volunteer.grid_id) if volunteer.grid_id else None


# -- reading for display -----------------------------------------------------------------------
@dataclass(frozen=True)
class VolunteerView:
    """A volunteer as shown: labels resolved, ID number and phone masked. Plain data, never
    an ORM object (a masked value on one would be written back by autoflush)."""

    id: str
    number: str
    resident_id: str | None
    name: str
    sex: str | None
    sex_label: str
    id_number: str | None  # masked; a resident's comes from the register
    phone: str | None  # masked
    address: str
    grid_id: str | None
    grid_name: str
    skills: tuple[str, ...]  # codes
    skill_labels: tuple[str, ...]
    available_days: str
    days_text: str
    available_times: tuple[str, ...]
    times_text: str
    party_member: bool
    dual_report: bool
    work_unit: str
    unit_party_org: str
    reported_on: dt.date | None
    status: str
    status_label: str
    joined_on: dt.date
    left_on: dt.date | None
    stars_reviewed: int
    note: str
    teams: tuple[str, ...]  # names of the teams they are in on the day asked


def volunteer_view(
    session: Session, volunteer_id: str, *, on: dt.date | None = None
) -> VolunteerView:
    """The volunteer with labels, their grid and teams on `on` (today by default)."""
    on = on or dt.date.today()
    v = get_volunteer(session, volunteer_id)
    id_number = v.id_number
    phone = v.phone
    if v.resident_id:
        resident = session.get(Resident, v.resident_id)
        if resident is not None:
            id_number = resident.id_number
            phone = phone or resident.phone
    grid = volunteer_grid(session, v.id, on)
    settings = skill_settings(session)
    skill_codes = tuple(rules.split_codes(v.skills))
    time_codes = tuple(rules.split_codes(v.available_times))
    return VolunteerView(
        id=v.id,
        number=v.number,
        resident_id=v.resident_id,
        name=v.name,
        sex=v.sex,
        sex_label=codes.SEX.label(v.sex),
        id_number=mask_field("id_number", id_number),  # type: ignore[arg-type]
        phone=mask_field("phone", phone),  # type: ignore[arg-type]
        address=v.address,
        grid_id=grid.id if grid is not None else None,
        grid_name=grid.name if grid is not None else "",
        skills=skill_codes,
        skill_labels=tuple(settings.label(c) for c in skill_codes),
        available_days=v.available_days,
        days_text=rules.days_text(v.available_days),
        available_times=time_codes,
        times_text=rules.list_text(rules.AVAILABLE_TIMES.label(c) for c in time_codes),
        party_member=v.party_member,
        dual_report=v.dual_report,
        work_unit=v.work_unit,
        unit_party_org=v.unit_party_org,
        reported_on=v.reported_on,
        status=v.status,
        status_label=rules.VOLUNTEER_STATUS.label(v.status),
        joined_on=v.joined_on,
        left_on=v.left_on,
        stars_reviewed=v.stars_reviewed,
        note=v.note,
        teams=tuple(t.name for t in teams_of(session, v.id, on)),
    )


def reveal(db: Database, volunteer_id: str, field: str) -> str:
    """The full ID number or phone of one volunteer (a resident's from the register),
    written to the audit trail (IDENTITY_REVEAL; the entry names the field, never the value)."""
    if field not in MASKED_FIELDS or field not in ("id_number", "phone"):
        raise DomainError(Issue(field, "privacy.field", {"field": field}))
    authz.require(db, Permission.VOLUNTEER_VIEW)
    authz.require(db, Permission.IDENTITY_REVEAL)
    refuse_when_read_only(db, "reveal")
    with db.connect() as conn:
        # `field` is id_number or phone (checked above), never text from outside.
        row = conn.execute(
            text(
                f"SELECT COALESCE(v.{field}, r.{field}) FROM volunteer v "
                "LEFT JOIN resident r ON r.id = v.resident_id WHERE v.id = :id"
            ),
            {"id": volunteer_id},
        ).first()
    if row is None:
        raise DomainError(Issue("volunteer_id", "volunteers.no_volunteer"))
    db.audit(
        AuditAction.REVEAL,
        record_type="volunteer",
        record_id=volunteer_id,
        detail={"field": field},
    )
    return str(row[0] or "")
