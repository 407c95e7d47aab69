"""Prints registry forms: gathers a person or household through the registry services.

Forms carry full ID numbers and phones only for a role with PRINT_FULL (the person signs
the paper); everyone else prints them masked. Sensitive care categories appear only
with CARE_SENSITIVE (registry.person_care leaves them out). Every print is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import mask_field
from govdesk.domain.models import Resident
from govdesk.domain.permissions import Permission
from govdesk.forms import household_form, resident_form
from govdesk.services import authz, registry
from govdesk.services.office import current_office
from govdesk.services.privacy import refuse_when_read_only
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


def _full(session: Session, full: bool | None) -> bool:
    allowed = authz.can(session, Permission.PRINT_FULL)
    return allowed if full is None else full and allowed


def _shown(field: str, value: str | None, full: bool) -> str | None:
    return value if full else mask_field(field, value)  # type: ignore[return-value]


def resident_data(
    session: Session, *, person_id: str, full: bool | None = None
) -> resident_form.ResidentFormData:
    """The 居民信息登记表 contents for one person; numbers masked unless `full` is allowed.

    `full=None` means as full as the acting user's role allows.
    """
    full = _full(session, full)
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
        id_number=_shown("id_number", p.id_number, full),
        political_status=p.political_status,
        education=p.education,
        marital_status=p.marital_status,
        occupation=p.occupation,
        phone=_shown("phone", p.phone, full),
        person_type=p.person_type,
        household_number=household.household_number if household else None,
        relation_to_head=p.relation_to_head if household else None,
        registered_address=p.registered_address,
        current_address=p.current_address,
        residence_permit_no=_shown("residence_permit_no", p.residence_permit_no, full),
        arrival_date=p.arrival_date,
        arrival_reason=p.arrival_reason,
        landlord=p.landlord,
        care_categories=_care_labels(session, p.id),
        notes=p.notes,
        registration_date=_local_date(p.created_at),
    )


def _member(p: Resident, full: bool) -> household_form.MemberRow:
    return household_form.MemberRow(
        name=p.name,
        relation_to_head=p.relation_to_head,
        sex=p.sex,
        ethnicity=p.ethnicity,
        birth_date=p.birth_date,
        id_number=_shown("id_number", p.id_number, full),
        person_type=p.person_type,
        notes=p.notes,
    )


def household_data(
    session: Session, *, household_id: str, full: bool | None = None
) -> household_form.HouseholdFormData:
    """The 户信息表 contents: the household and its members on the register, head first."""
    full = _full(session, full)
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
        phone=_shown("phone", head.phone, full) if head else None,
        members=[_member(m, full) for m in members],
        registration_date=_local_date(hh.created_at),
    )


def _audited_build(
    db: Database, out: Path, build: Callable[[Path], None], detail: dict[str, object], **fields: str
) -> Path:
    """Build the PDF and record the print; no form leaves without its audit entry."""
    out = Path(out)
    build(out)
    try:
        db.audit(AuditAction.PRINT, detail={"file": str(out), **detail}, **fields)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out


def resident_pdf(db: Database, person_id: str, out: Path, *, mask_id: bool = False) -> Path:
    """Write the 居民信息登记表 of one person to `out`; `mask_id` masks even with PRINT_FULL."""
    authz.require(db, Permission.RESIDENT_VIEW)
    refuse_when_read_only(db, "print")
    full = not mask_id and authz.can(db, Permission.PRINT_FULL)
    with db.session() as session:
        data = resident_data(session, person_id=person_id, full=full)
    return _audited_build(
        db,
        out,
        lambda path: resident_form.build(data, path),
        {"form": resident_form.TITLE, "masked": not full},
        record_type="resident",
        record_id=person_id,
    )


def household_pdf(db: Database, household_id: str, out: Path, *, mask_id: bool = False) -> Path:
    """Write the 户信息表 of one household to `out`; `mask_id` masks even with PRINT_FULL."""
    authz.require(db, Permission.RESIDENT_VIEW)
    refuse_when_read_only(db, "print")
    full = not mask_id and authz.can(db, Permission.PRINT_FULL)
    with db.session() as session:
        data = household_data(session, household_id=household_id, full=full)
    return _audited_build(
        db,
        out,
        lambda path: household_form.build(data, path),
        {"form": household_form.TITLE, "masked": not full, "members": len(data.members)},
        record_type="household",
        record_id=household_id,
    )
