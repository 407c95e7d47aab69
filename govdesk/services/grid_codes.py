"""How new grids' numbers are written in their codes: two digits (01) or three (001), per office."""

from __future__ import annotations

from sqlmodel import Session

from govdesk.domain import grids as rules
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.services import authz, office_settings
from govdesk.services.office import current_office
from govdesk.store.database import Database


def number_width(source: Session | Database) -> int:
    """The office's width for new grid numbers (2 unless the office chose 3)."""
    value = office_settings.stored(source, rules.NUMBER_WIDTH_KEY)
    try:
        width = int(value) if value else rules.NUMBER_WIDTH
    except ValueError:  # a hand-edited file: fall back rather than refuse to open the tab
        return rules.NUMBER_WIDTH
    return width if width in rules.NUMBER_WIDTHS else rules.NUMBER_WIDTH


def set_number_width(session: Session, width: int) -> int:
    """Write new grids' numbers with `width` digits (SETTINGS_MANAGE, audited). Codes already
    given keep their digits: they are printed on rosters and known to the township."""
    actor = authz.require(session, Permission.SETTINGS_MANAGE)
    if width not in rules.NUMBER_WIDTHS:
        raise DomainError(Issue("width", "grids.bad_width"))
    before = number_width(session)
    if width == before:
        return width
    office_settings.store(
        session, actor, rules.NUMBER_WIDTH_KEY, str(width), {"width": [before, width]}
    )
    return width


def examples(db: Database, width: int) -> tuple[str, str]:
    """The codes a first top grid and its second sub-grid would get at `width`."""
    with db.session() as s:
        division = current_office(s).division_code
    return rules.grid_code(division, [1], width), rules.grid_code(division, [1, 2], width)
