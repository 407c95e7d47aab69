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


def _set_address(db, household_id: str, address: str) -> None:
    """A household's address changed (the register has no service for it yet)."""
    with db.session() as s:
        hh = s.get(Household, household_id)
        hh.address = address
        s.add(hh)


def test_relink_moves_changed_addresses_and_unlinks_unparsed_ones(db):
    made = make_households(db)
    with db.session() as s:
        places.link_households(s)
    moved_id = made["幸福里小区3号楼1单元101室"]
    gone_id = made["和平家园1号楼1单元201室"]
    _set_address(db, moved_id, "幸福里小区7号楼1单元101室")
    _set_address(db, gone_id, "人民路8号")
    with db.session() as s:
        plain = places.link_households(s)
    # without relink nothing already linked moves
    assert (plain.linked, plain.moved, plain.unlinked) == (0, 0, 0)
    with db.session() as s:
        result = places.link_households(s, relink=True)
    assert (result.linked, result.moved, result.unlinked, result.already) == (0, 1, 1, 4)
    assert result.places_created == 1
    assert sorted(result.unparsed_examples) == ["人民路8号", "建设路5号"]
    with db.session() as s:
        by_address = {p.address: p.id for p in s.exec(select(Place)).all()}
        assert s.get(Household, moved_id).place_id == by_address["幸福里小区7号楼"]
        assert s.get(Household, gone_id).place_id is None
    with db.session() as s:
        again = places.link_households(s, relink=True)
    assert (again.linked, again.moved, again.unlinked, again.places_created) == (0, 0, 0, 0)


def test_relink_household_follows_one_changed_address(db):
    made = make_households(db)
    with db.session() as s:
        places.link_households(s)
    hid = made["幸福里小区3号楼1单元101室"]
    _set_address(db, hid, "新兴小区2号楼3单元301室")
    with db.session() as s:
        place_id = places.relink_household(s, hid)
    with db.session() as s:
        place = s.get(Place, place_id)
        assert place.address == "新兴小区2号楼"
        assert s.get(Place, place.parent_id).address == "新兴小区"
        assert s.get(Household, hid).place_id == place_id
    _set_address(db, hid, "建设路9号")
    with db.session() as s:
        assert places.relink_household(s, hid) is None
        assert s.get(Household, hid).place_id is None
