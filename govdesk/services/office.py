"""The office that owns a database: creating it, reading it, and the first-run setup."""

from __future__ import annotations

import re
from pathlib import Path

from sqlmodel import Session, col, select

from govdesk.domain import codes
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import CareCategory, Meta, Office
from govdesk.store.database import Database

OFFICE_META = "office_id"


def check_office(name: str, division_code: str) -> list[Issue]:
    issues = []
    if not name.strip():
        issues.append(Issue("name", "office.name"))
    if not re.fullmatch(r"\d{12}", division_code.strip()):
        issues.append(Issue("division_code", "office.division", {"raw": division_code}))
    return issues


def init_database(
    path: Path, *, name: str, division_code: str, kind: str = "community"
) -> Database:
    """Create a new office database: schema, office row and the default care categories."""
    issues = check_office(name, division_code)
    if issues:
        raise DomainError(issues)
    db = Database.create(Path(path))
    with db.session() as s:
        office = Office(
            name=name.strip(), division_code=division_code.strip(), kind=kind, office_id=""
        )
        office.office_id = office.id  # an office is its own creator
        s.add(office)
        # Named in meta: a township database also holds the offices whose packages it read.
        s.add(Meta(key=OFFICE_META, value=office.id))
        for order, (code, zh, en, sensitive) in enumerate(codes.DEFAULT_CARE_CATEGORIES):
            s.add(
                CareCategory(
                    code=code,
                    name_zh=zh,
                    name_en=en,
                    sensitive=sensitive,
                    sort_order=order,
                    office_id=office.id,
                )
            )
    return db


def current_office(session: Session) -> Office:
    """This database's own office (meta office_id); other offices' rows come in packages."""
    own = session.get(Meta, OFFICE_META)
    office = session.get(Office, own.value) if own is not None else None
    if office is None:  # a file made before migration 0013 named it
        office = session.exec(select(Office).order_by(col(Office.created_at))).first()
    if office is None:
        raise DomainError(Issue("office", "not_found"))
    return office


def update_office(session: Session, *, name: str, division_code: str) -> Office:
    issues = check_office(name, division_code)
    if issues:
        raise DomainError(issues)
    office = current_office(session)
    office.name, office.division_code = name.strip(), division_code.strip()
    session.add(office)
    return office
