"""place tally: active households and residents on the register per place, kept by triggers

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26

The grid tree counts households and residents by place. Counting them from the register
on every open reads every household and resident (about 0.15 s at 40,000 households);
the tally is 20,000 short rows. Triggers keep it in the same transaction as any change to
a household's status or place or a resident's status or household, whoever makes it (the
window, the CLI, an import, a restored exchange), so it cannot drift from the register.
place_id '' holds the households that name no place.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO place_tally (place_id, households, residents, care) SELECT {values} "
    "ON CONFLICT (place_id) DO UPDATE SET households = households + excluded.households, "
    "residents = residents + excluded.residents, care = care + excluded.care"
)
# A resident counts under care while any of their care links is active (the dates of the
# links are applied when the tree is read: services/grid_tree.py).
_CARED = "EXISTS (SELECT 1 FROM resident_care c WHERE c.resident_id = {r}.id AND c.active)"
_MEMBERS = (
    "(SELECT count(*) FROM resident m WHERE m.household_id = {h}.id AND m.status = 'on_register')"
)
_CARED_MEMBERS = (
    "(SELECT count(*) FROM resident m WHERE m.household_id = {h}.id AND m.status = 'on_register' "
    "AND " + _CARED.format(r="m") + ")"
)


def _household(row: str, sign: str) -> str:
    """Add (sign '') or take away (sign '-') a household and its residents at its place.
    (The WHERE of the SELECT also keeps SQLite from reading ON CONFLICT as a join.)"""
    return _UPSERT.format(
        values=f"IFNULL({row}.place_id, ''), {sign}1, {sign}{_MEMBERS.format(h=row)}, "
        f"{sign}{_CARED_MEMBERS.format(h=row)} WHERE {row}.status = 'active'"
    )


def _resident(row: str, sign: str) -> str:
    """Add or take away one resident, and their care, at the place of their household, while
    the household is active and they are on the register."""
    return _UPSERT.format(
        values=f"IFNULL(h.place_id, ''), 0, {sign}1, {sign}{_CARED.format(r=row)} "
        f"FROM household h WHERE h.id = {row}.household_id AND h.status = 'active' "
        f"AND {row}.status = 'on_register'"
    )


def _care(row: str, sign: str, links: int) -> str:
    """Add or take away a resident's care when their active links go from 0 to 1 (or 1 to
    0): `links` is how many active links the resident has once the change is made."""
    count = f"(SELECT count(*) FROM resident_care c WHERE c.resident_id = {row}.resident_id AND c.active)"
    return _UPSERT.format(
        values=f"IFNULL(h.place_id, ''), 0, 0, {sign}1 FROM resident r "
        "JOIN household h ON h.id = r.household_id "
        f"WHERE r.id = {row}.resident_id AND r.status = 'on_register' AND h.status = 'active' "
        f"AND {row}.active AND {count} = {links}"
    )


TRIGGERS = {
    # A new household has no members yet (foreign keys are on: a resident needs the
    # household first), and a large import builds the resident indexes only at its end.
    "place_tally_household_ai": (
        "AFTER INSERT ON household BEGIN "
        + _UPSERT.format(values="IFNULL(new.place_id, ''), 1, 0, 0 WHERE new.status = 'active'")
        + "; END"
    ),
    "place_tally_household_au": (
        "AFTER UPDATE OF status, place_id ON household "
        "WHEN old.status IS NOT new.status OR old.place_id IS NOT new.place_id "
        f"BEGIN {_household('old', '-')}; {_household('new', '')}; END"
    ),
    "place_tally_household_ad": f"AFTER DELETE ON household BEGIN {_household('old', '-')}; END",
    "place_tally_resident_ai": f"AFTER INSERT ON resident BEGIN {_resident('new', '')}; END",
    "place_tally_resident_au": (
        "AFTER UPDATE OF status, household_id ON resident "
        "WHEN old.status IS NOT new.status OR old.household_id IS NOT new.household_id "
        f"BEGIN {_resident('old', '-')}; {_resident('new', '')}; END"
    ),
    "place_tally_resident_ad": f"AFTER DELETE ON resident BEGIN {_resident('old', '-')}; END",
    "place_tally_care_ai": f"AFTER INSERT ON resident_care BEGIN {_care('new', '', 1)}; END",
    "place_tally_care_au": (
        "AFTER UPDATE OF active, resident_id ON resident_care "
        "WHEN old.active IS NOT new.active OR old.resident_id IS NOT new.resident_id "
        f"BEGIN {_care('old', '-', 0)}; {_care('new', '', 1)}; END"
    ),
    "place_tally_care_ad": f"AFTER DELETE ON resident_care BEGIN {_care('old', '-', 0)}; END",
}

REBUILD = (
    "DELETE FROM place_tally; "
    "INSERT INTO place_tally (place_id, households, residents, care) "
    "SELECT IFNULL(h.place_id, ''), count(*), IFNULL(sum(m.n), 0), IFNULL(sum(m.cared), 0) "
    "FROM household h LEFT JOIN (SELECT r.household_id, count(*) AS n, "
    "sum(" + _CARED.format(r="r") + ") AS cared FROM resident r "
    "WHERE r.status = 'on_register' AND r.household_id IS NOT NULL GROUP BY r.household_id) m "
    "ON m.household_id = h.id WHERE h.status = 'active' GROUP BY 1"
)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE place_tally (place_id VARCHAR NOT NULL PRIMARY KEY, "
        "households INTEGER NOT NULL, residents INTEGER NOT NULL, care INTEGER NOT NULL) "
        "WITHOUT ROWID"
    )
    # The links whose active flag may disagree with their dates on a day: the few a
    # reading of the tree for that day corrects (services/grid_tree.py).
    op.create_index(
        "ix_resident_care_since", "resident_care", ["since"], sqlite_where=sa.text("active")
    )
    op.create_index(
        "ix_resident_care_until",
        "resident_care",
        ["until"],
        sqlite_where=sa.text("until IS NOT NULL"),
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    for statement in REBUILD.split("; "):
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS place_tally")
    op.drop_index("ix_resident_care_until", table_name="resident_care")
    op.drop_index("ix_resident_care_since", table_name="resident_care")
