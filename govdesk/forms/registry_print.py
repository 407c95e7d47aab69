"""Prints registry forms: gathers a person or household through the registry services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session

from govdesk.domain.models import Resident
from govdesk.forms import household_form, resident_form
from govdesk.services import registry
from govdesk.services.office import current_office
from govdesk.store.database import Database


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    """Stored times are UTC (SQLite may hand them back naive); the form shows the local day."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().date()


def _care_labels(session: Session, person_id: str) -> list[str]:
    names = {c.code: c.name_zh for c in registry.care_categories(session, include_inactive=True)}
    links = registry.person_care(session, person_id=person_id)
    order = list(names)
    codes = sorted(
        (link.category_code for link in links),
        key=lambda c: order.index(c) if c in order else len(order),
    )
    return [names.get(code, code) for code in codes]


def resident_data(session: Session, *, person_id: str) -> resident_form.ResidentFormData:
    """The 居民信息登记表 contents for one person."""
    office = current_office(session)
    p = registry.get_person(session, person_id=person_id)
    household = (
        registry.get_household(session, household_id=p.household_id) if p.household_id else None
    )
    return resident_form.ResidentFormData(
        office_name=office.name,
        division_code=office.division_code,
        name=p.name,
        sex=p.sex,
        ethnicity=p.ethnicity,
        birth_date=p.birth_date,
        id_number=p.id_number,
        political_status=p.political_status,
        education=p.education,
        marital_status=p.marital_status,
        occupation=p.occupation,
        phone=p.phone,
        person_type=p.person_type,
        household_number=household.household_number if household else None,
        relation_to_head=p.relation_to_head if household else None,
        registered_address=p.registered_address,
        current_address=p.current_address,
        residence_permit_no=p.residence_permit_no,
        arrival_date=p.arrival_date,
        arrival_reason=p.arrival_reason,
        landlord=p.landlord,
        care_categories=_care_labels(session, p.id),
        notes=p.notes,
        registration_date=_local_date(p.created_at),
    )


def _member(p: Resident) -> household_form.MemberRow:
    return household_form.MemberRow(
        name=p.name,
        relation_to_head=p.relation_to_head,
        sex=p.sex,
        ethnicity=p.ethnicity,
        birth_date=p.birth_date,
        id_number=p.id_number,
        person_type=p.person_type,
        notes=p.notes,
    )


def household_data(session: Session, *, household_id: str) -> household_form.HouseholdFormData:
    """The 户信息表 contents: the household and its members on the register, head first."""
    office = current_office(session)
    hh = registry.get_household(session, household_id=household_id)
    members = registry.household_members(session, household_id=household_id)
    head = next((m for m in members if m.relation_to_head == "head"), None)
    return household_form.HouseholdFormData(
        office_name=office.name,
        division_code=office.division_code,
        household_number=hh.household_number,
        household_type=hh.household_type,
        address=hh.address or (head.current_address if head else None),
        head_name=head.name if head else None,
        phone=head.phone if head else None,
        members=[_member(m) for m in members],
        registration_date=_local_date(hh.created_at),
    )


def resident_pdf(db: Database, person_id: str, out: Path, *, mask_id: bool = False) -> Path:
    """Write the 居民信息登记表 of one person to `out`."""
    with db.session() as session:
        data = resident_data(session, person_id=person_id)
    data.mask_id = mask_id
    resident_form.build(data, Path(out))
    return Path(out)


def household_pdf(db: Database, household_id: str, out: Path, *, mask_id: bool = False) -> Path:
    """Write the 户信息表 of one household to `out`."""
    with db.session() as session:
        data = household_data(session, household_id=household_id)
    data.mask_id = mask_id
    household_form.build(data, Path(out))
    return Path(out)
