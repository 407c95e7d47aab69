"""New grids' numbers written with two or three digits, as the office chooses."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import grid_codes, grids
from govdesk.services.office import current_office


def test_three_digit_numbers_apply_to_new_grids_only(db):
    with db.session() as s:
        division = current_office(s).division_code
        first = grids.create_grid(s, name="第一网格")
    assert first.code == division + "01"
    assert grid_codes.number_width(db) == 2
    with db.session() as s:
        assert grid_codes.set_number_width(s, 3) == 3
    assert grid_codes.number_width(db) == 3
    with db.session() as s:
        second = grids.create_grid(s, name="第二网格")
        sub = grids.create_grid(s, name="东片", parent_id=first.id)
        assert s.get(type(first), first.id).code == division + "01"  # unchanged
    assert second.code == division + "002"
    assert sub.code == division + "01" + "001"
    # 001 is the number 1, which 第一网格 already has.
    with db.session() as s, pytest.raises(DomainError, match="01"):
        grids.create_grid(s, name="重复", number="001")
    with db.connect() as conn:
        audited = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE record_id = 'grid.number_width'")
        ).scalar()
    assert audited == 1


def test_only_two_or_three_digits_and_only_for_the_administrator(db):
    with db.session() as s, pytest.raises(DomainError, match="2位或3位"):
        grid_codes.set_number_width(s, 4)
    assert grid_codes.number_width(db) == 2
    db.actor = Actor(username="g", role=Role.GRID)
    with db.session() as s, pytest.raises(PermissionDenied):
        grid_codes.set_number_width(s, 3)
    assert grid_codes.number_width(db) == 2
