"""Places: adding them by hand, and linking households to buildings and houses by address."""

from __future__ import annotations

import pytest
from sqlmodel import select

from govdesk.domain.messages import DomainError
from govdesk.domain.models import Household, Place
from govdesk.services import places
from tests.services.grid_world import make_households


def test_add_place_builds_the_address_from_the_parent(db):
    with db.session() as s:
        compound = places.add_place(s, kind="compound", name="幸福里小区")
        building = places.add_place(s, kind="楼栋", name="3号楼", parent_id=compound.id)
        assert building.address == "幸福里小区3号楼"
        assert building.kind == "building"
        assert [p.name for p in places.places(s, compound.id)] == ["3号楼"]


def test_add_place_refuses_a_duplicate_address_and_a_wrong_parent(db):
    with db.session() as s:
        compound = places.add_place(s, kind="compound", name="幸福里小区")
        places.add_place(s, kind="building", name="3号楼", parent_id=compound.id)
    with pytest.raises(DomainError) as err, db.session() as s:
        places.add_place(s, kind="building", name="3号楼", parent_id=compound.id)
    assert err.value.issues[0].key == "grids.place_exists"
    with pytest.raises(DomainError) as err, db.session() as s:
        places.add_place(s, kind="house", name="12号", parent_id=compound.id)
    assert err.value.issues[0].key == "grids.bad_parent"


def test_link_households_makes_places_and_is_idempotent(db):
    made = make_households(db)
    with db.session() as s:
        result = places.link_households(s)
    assert (result.linked, result.unparsed, result.already) == (6, 1, 0)
    assert result.unparsed_examples == ["建设路5号"]
    # 幸福里小区, its 3号楼 and 12号楼, 和平家园 and its 1号楼, the village group and two houses
    assert result.places_created == 8
    with db.session() as s:
        by_address = {p.address: p for p in s.exec(select(Place)).all()}
        building = by_address["幸福里小区3号楼"]
        assert building.parent_id == by_address["幸福里小区"].id
        assert by_address["前进村第一村民小组12号"].kind == "house"
        hh = s.get(Household, made["幸福里小区3号楼1单元101室"])
        assert hh.place_id == building.id
        assert hh.version > 0
        assert s.get(Household, made["建设路5号"]).place_id is None
    with db.session() as s:
        again = places.link_households(s)
    assert (again.linked, again.already, again.places_created, again.unparsed) == (0, 6, 0, 1)
