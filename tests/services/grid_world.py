"""A small office with households in two compounds and a village, for the grid tests."""

from __future__ import annotations

from govdesk.services import places, registry

ADDRESSES = (
    "幸福里小区3号楼2单元301室",
    "幸福里小区3号楼1单元101室",
    "幸福里小区12号楼1单元101室",
    "和平家园1号楼1单元201室",
    "前进村第一村民小组12号",
    "前进村第一村民小组15号",
    "建设路5号",  # names no building: stays unlinked
)


def make_households(db, addresses=ADDRESSES, members: int = 2) -> dict[str, str]:
    """One household per address with `members` residents; returns {address: household id}."""
    made: dict[str, str] = {}
    with db.session() as s:
        for n, address in enumerate(addresses, 1):
            hh = registry.create_household(s, household_number=f"H{n:04d}", address=address)
            for m in range(members):
                registry.create_person(
                    s,
                    data={
                        "name": f"居民{n}{m}",
                        "sex": "male",
                        "relation_to_head": "head" if m == 0 else "son",
                        "current_address": address,
                    },
                    household_id=hh.id,
                )
            made[address] = hh.id
    return made


def linked_world(db) -> dict[str, str]:
    """Households made and linked; returns {place address: place id}."""
    make_households(db)
    with db.session() as s:
        places.link_households(s)
    with db.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT address, id FROM place").all())
