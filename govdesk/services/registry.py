"""The resident registry: people, households, status changes and care categories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, func, select

from govdesk.domain import codes, messages
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import (
    CareCategory,
    Household,
    PersonFields,
    Resident,
    ResidentCare,
    ResidentStatusChange,
)
from govdesk.domain.names import pinyin_keys
from govdesk.domain.permissions import Permission
from govdesk.domain.validation import clean_person, errors
from govdesk.services import authz, places
from govdesk.services.office import current_office
from govdesk.services.privacy import field_label, is_masked_text, sees_sensitive_care

EDITABLE_FIELDS = set(PersonFields.model_fields)


def _view(session: Session) -> None:
    authz.require(session, Permission.RESIDENT_VIEW)


def _edit(session: Session) -> None:
    authz.require(session, Permission.RESIDENT_VIEW)
    authz.require(session, Permission.RESIDENT_EDIT)


def _masked_issue(key: str) -> Issue:
    return Issue(key, "privacy.masked_value", {"field": field_label(key)})


def _unmasked(
    session: Session, values: dict[str, Any], person_id: str | None
) -> tuple[dict[str, Any], set[str]]:
    """`values` with each masked number that is still the stored one's mask put back in full.

    A form shows 110105********002X; sending that back unchanged means "keep the number",
    never "store the stars". Returns the values and the fields so restored.
    """
    masked = [k for k in MASKED_FIELDS if is_masked_text(values.get(k))]
    if not masked:
        return values, set()
    person = session.get(Resident, person_id) if person_id else None
    out = dict(values)
    restored: set[str] = set()
    for key in masked:
        stored = getattr(person, key) if person is not None else None
        if stored and mask_field(key, stored) == values[key]:
            out[key] = stored
            restored.add(key)
        else:
            raise DomainError(_masked_issue(key))
    return out, restored


@dataclass
class SaveResult:
    """A stored person and the warnings the clerk should still see."""

    person: Resident
    warnings: list[Issue] = field(default_factory=list)


def search_keys(values: dict[str, Any]) -> dict[str, Any]:
    """The derived search columns for the given person values."""
    out: dict[str, Any] = {}
    if "name" in values:
        out["name_pinyin"], out["name_initials"] = pinyin_keys(values["name"] or "")
    if "id_number" in values:
        out["id_number_rev"] = values["id_number"][::-1] if values["id_number"] else None
    if "phone" in values:
        out["phone_rev"] = values["phone"][::-1] if values["phone"] else None
    return out


def _household_where(session: Session, household_id: str | None) -> str:
    if not household_id:
        return ""
    hh = session.get(Household, household_id)
    return hh.household_number if hh else ""


def duplicate_issues(
    session: Session, values: dict[str, Any], *, exclude_id: str | None = None
) -> list[Issue]:
    """The same ID number is refused; the same name and birth date only warns."""
    _view(session)
    issues: list[Issue] = []
    if values.get("id_number"):
        q = select(Resident).where(Resident.id_number == values["id_number"])
        if exclude_id:
            q = q.where(Resident.id != exclude_id)
        other = session.exec(q).first()
        if other is not None:
            where = codes.RESIDENT_STATUS.label(other.status)
            hh = _household_where(session, other.household_id)
            issues.append(
                Issue(
                    "id_number",
                    "id.duplicate",
                    {"name": other.name, "where": f"{hh} {where}".strip(), "person_id": other.id},
                )
            )
    if values.get("name") and values.get("birth_date"):
        q = select(Resident).where(
            Resident.name == values["name"], Resident.birth_date == values["birth_date"]
        )
        if exclude_id:
            q = q.where(Resident.id != exclude_id)
        if values.get("id_number"):
            q = q.where(col(Resident.id_number) != values["id_number"])
        other = session.exec(q).first()
        if other is not None:
            issues.append(
                Issue(
                    "name",
                    "name.duplicate",
                    {"name": other.name, "person_id": other.id},
                    warning=True,
                )
            )
    return issues


def check_person(
    session: Session, raw: dict[str, Any], *, exclude_id: str | None = None
) -> tuple[dict[str, Any], list[Issue]]:
    """Validate without storing: what the form shows inline as the clerk types.

    A masked number left as it was is checked as the stored number, and handed back masked.
    """
    _edit(session)
    try:
        raw, restored = _unmasked(session, raw, exclude_id)
    except DomainError as exc:
        values, issues = clean_person({k: v for k, v in raw.items() if not is_masked_text(v)})
        return values, exc.issues + issues
    values, issues = clean_person(raw)
    issues += duplicate_issues(session, values, exclude_id=exclude_id)
    for key in restored:
        values[key] = mask_field(key, values[key])
    return values, issues


def create_person(
    session: Session,
    *,
    data: dict[str, Any],
    household_id: str | None = None,
    care_codes: list[str] | None = None,
) -> SaveResult:
    """Register a new person; raises DomainError and stores nothing on any error."""
    _edit(session)
    masked = [k for k in MASKED_FIELDS if is_masked_text(data.get(k))]
    if masked:
        raise DomainError([_masked_issue(k) for k in masked])
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    values, issues = check_person(session, {"name": data.get("name"), **data})
    if errors(issues):
        raise DomainError(errors(issues))
    office = current_office(session)
    person = Resident(**values, **search_keys(values), office_id=office.id)
    if household_id:
        _check_join(session, household_id, values.get("relation_to_head"))
        person.household_id = household_id
    session.add(person)
    session.flush()
    if care_codes:
        set_care_categories(session, person_id=person.id, category_codes=care_codes)
    return SaveResult(person, [i for i in issues if i.warning])


def update_person(session: Session, *, person_id: str, changes: dict[str, Any]) -> SaveResult:
    """Change some fields of a person (the audit trail keeps the old values).

    A masked number equal to the stored one's mask is no change; any other masked text is refused.
    """
    _edit(session)
    person = get_person(session, person_id=person_id)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    raw, restored = _unmasked(session, dict(changes), person_id)
    for key in restored:
        del raw[key]
    # Birth date and sex are checked against the ID number even when only one changes.
    if "id_number" in raw:
        raw.setdefault("birth_date", person.birth_date)
        raw.setdefault("sex", person.sex)
    values, issues = clean_person(raw)
    merged = {
        "name": person.name,
        "birth_date": person.birth_date,
        "id_number": person.id_number,
        **values,
    }
    issues += duplicate_issues(session, merged, exclude_id=person.id)
    if errors(issues):
        raise DomainError(errors(issues))
    becomes_head = values.get("relation_to_head") == "head" and person.relation_to_head != "head"
    if becomes_head and person.household_id:
        _check_join(session, person.household_id, "head", exclude_id=person.id)
    for key, value in {**values, **search_keys(values)}.items():
        setattr(person, key, value)
    session.add(person)
    session.flush()
    return SaveResult(person, [i for i in issues if i.warning])


def get_person(session: Session, *, person_id: str) -> Resident:
    _view(session)
    person = session.get(Resident, person_id)
    if person is None:
        raise DomainError(Issue("person", "not_found"))
    return person


def person_form_values(session: Session, *, person_id: str) -> dict[str, Any]:
    """The person's editable fields as a form shows them: numbers masked for every role.

    privacy.reveal shows one of them in full (audited); sending a masked value back
    unchanged through update_person keeps the stored number.
    """
    p = get_person(session, person_id=person_id)
    return {
        k: mask_field(k, getattr(p, k)) if k in MASKED_FIELDS else getattr(p, k)
        for k in EDITABLE_FIELDS
    }


def find_by_id_number(session: Session, *, id_number: str) -> Resident | None:
    _view(session)
    return session.exec(select(Resident).where(Resident.id_number == id_number)).first()


def change_status(
    session: Session, *, person_id: str, new_status: str, date: dt.date, reason: str
) -> Resident:
    """迁出/死亡/注销 (or back to 在册) with a date and reason; the record itself stays."""
    _edit(session)
    person = get_person(session, person_id=person_id)
    if new_status not in codes.RESIDENT_STATUS:
        raise DomainError(Issue("status", "code.invalid", {"raw": new_status, "field": "status"}))
    if new_status == person.status:
        raise DomainError(
            Issue("status", "status.same", {"status": codes.RESIDENT_STATUS.label(new_status)})
        )
    if not reason.strip():
        raise DomainError(Issue("status_reason", "status.reason"))
    if date > dt.date.today():
        raise DomainError(Issue("status_date", "date.future", {"date": date.isoformat()}))
    if new_status == "on_register" and person.relation_to_head == "head" and person.household_id:
        _check_join(session, person.household_id, "head", exclude_id=person.id)
    session.add(
        ResidentStatusChange(
            resident_id=person.id,
            old_status=person.status,
            new_status=new_status,
            date=date,
            reason=reason.strip(),
            office_id=person.office_id,
        )
    )
    person.status, person.status_date, person.status_reason = new_status, date, reason.strip()
    session.add(person)
    session.flush()
    return person


def status_history(session: Session, *, person_id: str) -> list[ResidentStatusChange]:
    _view(session)
    q = select(ResidentStatusChange).where(ResidentStatusChange.resident_id == person_id)
    return list(session.exec(q.order_by(col(ResidentStatusChange.created_at))))


# -- households --------------------------------------------------------------------
def create_household(
    session: Session, *, household_number: str, address: str = "", household_type: str = "family"
) -> Household:
    _edit(session)
    number = household_number.strip()
    if not number:
        raise DomainError(Issue("household_number", "required", {"field": "户号"}))
    if session.exec(select(Household).where(Household.household_number == number)).first():
        raise DomainError(Issue("household_number", "household.number_taken", {"number": number}))
    if household_type not in codes.HOUSEHOLD_TYPE:
        household_type = codes.HOUSEHOLD_TYPE.parse(household_type) or "family"
    hh = Household(
        household_number=number,
        address=address.strip(),
        household_type=household_type,
        office_id=current_office(session).id,
    )
    session.add(hh)
    session.flush()
    return hh


messages.register(
    {
        "household.number_long": (
            "户号不能超过{max}个字符",
            "A household number has at most {max} characters",
        ),
        "household.address_long": (
            "地址不能超过{max}个字",
            "An address has at most {max} characters",
        ),
        "household.address_no_place": (
            "地址“{address}”看不出楼栋或门牌号，该户暂不属于任何楼栋和网格（在网格管理的“未划分”中）",
            "The address '{address}' names no building or house, so the household belongs to "
            "no building or grid for now (it shows under 未划分 in grid management)",
        ),
    }
)

HOUSEHOLD_EDITABLE = ("household_number", "household_type", "address")
HOUSEHOLD_NUMBER_MAX = 40
HOUSEHOLD_ADDRESS_MAX = 200


@dataclass
class HouseholdSaveResult:
    """What `update_household` changed: fields as (old, new), the place, members who followed."""

    household: Household
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    old_place_id: str | None = None
    place_id: str | None = None
    # Members whose 现住址 was the household's old address: they moved with it.
    members_followed: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def _same_address(a: str | None, b: str | None) -> bool:
    return "".join((a or "").split()) == "".join((b or "").split())


def check_household(
    session: Session, changes: dict[str, Any], *, household_id: str | None = None
) -> tuple[dict[str, Any], list[Issue]]:
    """Clean a household's fields as create_household does; errors block, nothing is stored."""
    _edit(session)
    unknown = set(changes) - set(HOUSEHOLD_EDITABLE)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    if "household_number" in changes:
        number = (changes["household_number"] or "").strip()
        taken = select(Household).where(Household.household_number == number)
        if household_id:
            taken = taken.where(Household.id != household_id)
        if not number:
            issues.append(Issue("household_number", "required", {"field": "户号"}))
        elif len(number) > HOUSEHOLD_NUMBER_MAX:
            issues.append(
                Issue("household_number", "household.number_long", {"max": HOUSEHOLD_NUMBER_MAX})
            )
        elif session.exec(taken).first() is not None:
            issues.append(Issue("household_number", "household.number_taken", {"number": number}))
        values["household_number"] = number
    if "household_type" in changes:
        raw = (changes["household_type"] or "").strip()
        kind = raw if raw in codes.HOUSEHOLD_TYPE else codes.HOUSEHOLD_TYPE.parse(raw)
        if kind is None:
            issues.append(Issue("household_type", "code.invalid", {"raw": raw, "field": "户别"}))
        values["household_type"] = kind
    if "address" in changes:
        address = (changes["address"] or "").strip()
        if len(address) > HOUSEHOLD_ADDRESS_MAX:
            issues.append(
                Issue("address", "household.address_long", {"max": HOUSEHOLD_ADDRESS_MAX})
            )
        values["address"] = address
    return values, issues


def update_household(
    session: Session,
    *,
    household_id: str,
    changes: dict[str, Any],
    members_follow: bool = True,
) -> HouseholdSaveResult:
    """Change a household's 户号, 户别 or address; raises DomainError and stores nothing on error.

    A new address re-points the household at the building or house it names (made when new,
    as link_households does), so the household and its members are in that building's grid
    at once. Grids are assigned places, so the old building keeps its grid; the household
    keeps no dated list of its buildings (visits keep the grid of their day). Members on the
    register whose 现住址 was the old address move with the household (`members_follow`).
    """
    hh = get_household(session, household_id=household_id)
    values, issues = check_household(session, changes, household_id=hh.id)
    if errors(issues):
        raise DomainError(errors(issues))
    result = HouseholdSaveResult(household=hh, old_place_id=hh.place_id, place_id=hh.place_id)
    old_address = hh.address
    for key, value in values.items():
        if getattr(hh, key) != value:
            result.changed[key] = (getattr(hh, key), value)
    if not result.changed:
        return result
    if "address" in result.changed:
        # Found (or made) before the household changes, so its one audit entry holds both
        # the new address and the new place.
        result.place_id = places.place_for_address(
            session, values["address"], office_id=hh.office_id
        )
        if result.place_id is None:
            issues.append(
                Issue(
                    "address",
                    "household.address_no_place",
                    {"address": values["address"]},
                    warning=True,
                )
            )
        hh.place_id = result.place_id
    for key, (_old, new) in result.changed.items():
        setattr(hh, key, new)
    session.add(hh)
    # A cleared address is "not known", not "moved": members keep theirs.
    if "address" in result.changed and members_follow and hh.address:
        for member in household_members(session, household_id=hh.id):
            if _same_address(member.current_address, old_address):
                member.current_address = hh.address
                session.add(member)
                result.members_followed.append(member.id)
    session.flush()
    result.warnings = [i for i in issues if i.warning]
    return result


def get_household(session: Session, *, household_id: str) -> Household:
    _view(session)
    hh = session.get(Household, household_id)
    if hh is None:
        raise DomainError(Issue("household", "not_found"))
    return hh


def find_household(session: Session, *, household_number: str) -> Household | None:
    _view(session)
    return session.exec(
        select(Household).where(Household.household_number == household_number.strip())
    ).first()


def household_members(
    session: Session, *, household_id: str, include_inactive: bool = False
) -> list[Resident]:
    _view(session)
    q = select(Resident).where(Resident.household_id == household_id)
    if not include_inactive:
        q = q.where(Resident.status == "on_register")
    members = list(session.exec(q))
    order = {c.code: i for i, c in enumerate(codes.RELATION)}
    members.sort(
        key=lambda p: (order.get(p.relation_to_head or "other", 99), p.birth_date or dt.date.max)
    )
    return members


def household_head(session: Session, *, household_id: str) -> Resident | None:
    return next(
        (
            m
            for m in household_members(session, household_id=household_id)
            if m.relation_to_head == "head"
        ),
        None,
    )


def _check_join(
    session: Session, household_id: str, relation: str | None, *, exclude_id: str | None = None
) -> None:
    get_household(session, household_id=household_id)
    if relation == "head":
        head = household_head(session, household_id=household_id)
        if head is not None and head.id != exclude_id:
            raise DomainError(
                Issue("relation_to_head", "household.head_exists", {"name": head.name})
            )


def move_person(session: Session, *, person_id: str, household_id: str, relation: str) -> Resident:
    """Move a person into another household with a new relation to its head."""
    _edit(session)
    person = get_person(session, person_id=person_id)
    relation = codes.RELATION.parse(relation) or relation
    if relation not in codes.RELATION:
        raise DomainError(
            Issue("relation_to_head", "code.invalid", {"raw": relation, "field": "与户主关系"})
        )
    if (
        person.relation_to_head == "head"
        and person.household_id
        and person.household_id != household_id
    ):
        others = [
            m
            for m in household_members(session, household_id=person.household_id)
            if m.id != person.id
        ]
        if others:
            raise DomainError(Issue("relation_to_head", "household.head_leaving"))
    _check_join(session, household_id, relation, exclude_id=person.id)
    person.household_id, person.relation_to_head = household_id, relation
    session.add(person)
    session.flush()
    return person


def set_head(
    session: Session, *, household_id: str, person_id: str, old_head_relation: str = "other"
) -> None:
    """Make a member the head; the previous head gets `old_head_relation`."""
    _edit(session)
    head = household_head(session, household_id=household_id)
    person = get_person(session, person_id=person_id)
    if person.household_id != household_id:
        raise DomainError(Issue("person", "not_found"))
    if head is not None and head.id != person.id:
        head.relation_to_head = old_head_relation
        session.add(head)
        session.flush()  # the unique index allows only one head at any moment
    person.relation_to_head = "head"
    session.add(person)
    session.flush()


def split_household(
    session: Session,
    *,
    household_id: str,
    person_ids: list[str],
    new_head_id: str,
    new_household_number: str,
    address: str | None = None,
    relations: dict[str, str] | None = None,
) -> Household:
    """分户: some members leave to form a new household with one of them as head."""
    _edit(session)
    old = get_household(session, household_id=household_id)
    if new_head_id not in person_ids:
        raise DomainError(Issue("relation_to_head", "household.no_head"))
    movers = [get_person(session, person_id=pid) for pid in person_ids]
    remaining = [
        m
        for m in household_members(session, household_id=household_id)
        if m.id not in set(person_ids)
    ]
    if any(p.relation_to_head == "head" for p in movers) and remaining:
        raise DomainError(Issue("relation_to_head", "household.head_leaving"))
    new = create_household(
        session,
        household_number=new_household_number,
        address=old.address if address is None else address,
        household_type=old.household_type,
    )
    relations = relations or {}
    # Clear the old head flag first so the one-head index never sees two.
    for p in movers:
        p.household_id = new.id
        p.relation_to_head = "other" if p.id != new_head_id else "head"
        session.add(p)
        session.flush()
    for p in movers:
        if p.id != new_head_id:
            p.relation_to_head = codes.RELATION.parse(relations.get(p.id, "other")) or "other"
            session.add(p)
    session.flush()
    return new


# -- care categories -------------------------------------------------------------------
def care_categories(session: Session, *, include_inactive: bool = False) -> list[CareCategory]:
    """The categories the acting user may see: sensitive ones only with CARE_SENSITIVE."""
    found = _all_categories(session, include_inactive=include_inactive)
    if sees_sensitive_care(session):
        return found
    return [c for c in found if not c.sensitive]


def _all_categories(session: Session, *, include_inactive: bool = False) -> list[CareCategory]:
    q = select(CareCategory)
    if not include_inactive:
        q = q.where(col(CareCategory.active).is_(True))
    return list(session.exec(q.order_by(col(CareCategory.sort_order))))


def add_care_category(
    session: Session, *, code: str, name_zh: str, name_en: str = "", sensitive: bool = False
) -> CareCategory:
    _edit(session)
    if sensitive:
        authz.require(session, Permission.CARE_SENSITIVE)
    if session.exec(select(CareCategory).where(CareCategory.code == code)).first():
        raise DomainError(Issue("code", "code.invalid", {"raw": code, "field": "category"}))
    order = session.exec(select(func.count()).select_from(CareCategory)).one()
    cat = CareCategory(
        code=code,
        name_zh=name_zh,
        name_en=name_en,
        sensitive=sensitive,
        sort_order=order,
        office_id=current_office(session).id,
    )
    session.add(cat)
    session.flush()
    return cat


def person_care(session: Session, *, person_id: str) -> list[ResidentCare]:
    """The person's active categories that the acting user may see."""
    _view(session)
    links = _active_links(session, person_id)
    if sees_sensitive_care(session):
        return links
    hidden = {c.code for c in _all_categories(session, include_inactive=True) if c.sensitive}
    return [link for link in links if link.category_code not in hidden]


def _active_links(session: Session, person_id: str) -> list[ResidentCare]:
    q = select(ResidentCare).where(
        ResidentCare.resident_id == person_id, col(ResidentCare.active).is_(True)
    )
    return list(session.exec(q))


def set_care_categories(
    session: Session, *, person_id: str, category_codes: list[str], today: dt.date | None = None
) -> None:
    """Make the person's active categories that the user may see exactly these.

    A user without CARE_SENSITIVE sees no sensitive categories, so their list says nothing
    about them: those stay as they are, and naming one is refused.
    """
    _edit(session)
    today = today or dt.date.today()
    every = _all_categories(session, include_inactive=True)
    known = {c.code for c in every}
    bad = [c for c in category_codes if c not in known]
    if bad:
        raise DomainError(
            [Issue("care_categories", "code.invalid", {"raw": b, "field": "关爱类别"}) for b in bad]
        )
    sees_all = sees_sensitive_care(session)
    hidden = set() if sees_all else {c.code for c in every if c.sensitive}
    if hidden & set(category_codes):
        authz.require(session, Permission.CARE_SENSITIVE)
    person = get_person(session, person_id=person_id)
    current = {c.category_code: c for c in _active_links(session, person.id)}
    for code, link in current.items():
        if code not in category_codes and code not in hidden:
            link.active, link.until = False, today
            session.add(link)
    for code in category_codes:
        if code not in current:
            session.add(
                ResidentCare(
                    resident_id=person.id,
                    category_code=code,
                    since=today,
                    office_id=person.office_id,
                )
            )
    session.flush()


def parse_care_labels(session: Session, text: str) -> tuple[list[str], list[str]]:
    """'低保户、残疾人' → (codes, unknown labels)."""
    by_label: dict[str, str] = {}
    for c in _all_categories(session, include_inactive=True):
        for key in (c.code, c.name_zh, c.name_en):
            if key:
                by_label[key.lower()] = c.code
    found: list[str] = []
    unknown: list[str] = []
    for part in _split_labels(text):
        code = by_label.get(part.lower())
        if code:
            found.append(code)
        else:
            unknown.append(part)
    return found, unknown


def _split_labels(text: str) -> list[str]:
    for sep in "、,，;； ":  # not "/": labels such as 独居/空巢老人 contain it
        text = text.replace(sep, "|")
    return [p.strip() for p in text.split("|") if p.strip()]
