"""grids: places, the grid tree, dated assignments, staff, visits and events

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

以房管人: households point at their place (building or rural house); places are assigned
to grids with dates, so a past month is counted with the grid of that month. Visits and
grid events; event photos keep their bytes in attachment_content like mediation attachments.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_RECORD = (
    ("id", sa.String(length=36)),
    ("office_id", sa.String(length=36)),
    ("created_at", sa.DateTime(timezone=True)),
    ("updated_at", sa.DateTime(timezone=True)),
    ("version", sa.Integer()),
    ("version_instance", sa.String(length=36)),
)


def _table(name: str, *columns: sa.Column | sa.ForeignKeyConstraint) -> None:
    op.create_table(
        name,
        *[sa.Column(n, t, nullable=False) for n, t in _RECORD],
        *columns,
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(f"ix_{name}_office_id", name, ["office_id"])


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def _date(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=nullable)


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"])


def upgrade() -> None:
    _table(
        "place",
        _text("kind"),
        _text("parent_id", True),
        _text("name"),
        _text("address"),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        _fk("parent_id", "place"),
    )
    op.create_index("ix_place_parent_id", "place", ["parent_id"])
    op.create_index("ix_place_address", "place", ["address"])
    _table(
        "grid",
        _text("parent_id", True),
        _text("number"),
        _text("code"),
        _text("name"),
        _text("area"),
        _date("retired_on", True),
        _text("merged_into_id", True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        _fk("parent_id", "grid"),
        _fk("merged_into_id", "grid"),
    )
    op.create_index("ix_grid_parent_id", "grid", ["parent_id"])
    op.create_index("ux_grid_code", "grid", ["office_id", "code"], unique=True)
    _table(
        "grid_assignment",
        _text("place_id"),
        _text("grid_id"),
        _date("start_on"),
        _date("end_on", True),
        _fk("place_id", "place"),
        _fk("grid_id", "grid"),
    )
    op.create_index("ix_grid_assignment_place", "grid_assignment", ["place_id", "start_on"])
    op.create_index("ix_grid_assignment_grid", "grid_assignment", ["grid_id", "end_on"])
    _table(
        "grid_staff",
        _text("resident_id", True),
        sa.Column("name", sa.String(length=60), nullable=False),
        _text("phone", True),
        _text("user_id", True),
        _text("note"),
        _fk("resident_id", "resident"),
    )
    op.create_index("ix_grid_staff_resident_id", "grid_staff", ["resident_id"])
    _table(
        "grid_post",
        _text("staff_id"),
        _text("grid_id"),
        _text("role"),
        _date("start_on"),
        _date("end_on", True),
        _fk("staff_id", "grid_staff"),
        _fk("grid_id", "grid"),
    )
    op.create_index("ix_grid_post_staff_id", "grid_post", ["staff_id"])
    op.create_index("ix_grid_post_grid", "grid_post", ["grid_id", "end_on"])
    _table(
        "visit_rule",
        _text("category_code"),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.UniqueConstraint("category_code"),
    )
    _table(
        "visit",
        _text("household_id"),
        _text("staff_id", True),
        _text("grid_id", True),
        _date("visited_on"),
        _text("kind"),
        _text("notes"),
        sa.Column("follow_up_needed", sa.Boolean(), nullable=False),
        _date("follow_up_done_on", True),
        _text("follow_up_note"),
        _fk("household_id", "household"),
        _fk("staff_id", "grid_staff"),
        _fk("grid_id", "grid"),
    )
    op.create_index("ix_visit_household", "visit", ["household_id", "visited_on"])
    op.create_index("ix_visit_staff_id", "visit", ["staff_id"])
    _table(
        "grid_event",
        _text("number"),
        _text("state"),
        _text("category"),
        _text("description"),
        _text("location"),
        _text("grid_id", True),
        _text("place_id", True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        _text("reporter"),
        _text("reporter_staff_id", True),
        _text("department", True),
        _date("dispatched_on", True),
        _date("due_on", True),
        _date("handled_on", True),
        _text("feedback", True),
        _date("closed_on", True),
        _date("returned_on", True),
        _text("returned_reason", True),
        _text("mediation_case_id", True),
        _fk("grid_id", "grid"),
        _fk("place_id", "place"),
        _fk("reporter_staff_id", "grid_staff"),
        _fk("mediation_case_id", "mediation_case"),
    )
    op.create_index("ix_grid_event_grid_id", "grid_event", ["grid_id"])
    op.create_index("ix_grid_event_state", "grid_event", ["state", "due_on"])
    op.create_index("ux_grid_event_number", "grid_event", ["office_id", "number"], unique=True)
    _table(
        "grid_event_photo",
        _text("event_id"),
        _text("file_name"),
        _text("media_type"),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        _date("added_on"),
        _fk("event_id", "grid_event"),
    )
    op.create_index("ix_grid_event_photo_event_id", "grid_event_photo", ["event_id"])
    # A plain ADD COLUMN: SQLite takes a REFERENCES clause with a NULL default, so the
    # household table (hundreds of thousands of rows) is not copied.
    # (alembic's add_column would ask for a separate ALTER of constraints, which SQLite lacks).
    op.execute("ALTER TABLE household ADD COLUMN place_id VARCHAR REFERENCES place (id)")
    op.create_index("ix_household_place_id", "household", ["place_id"])


def downgrade() -> None:
    op.drop_index("ix_household_place_id", table_name="household")
    with op.batch_alter_table("household") as batch:
        batch.drop_column("place_id")
    for table in (
        "grid_event_photo",
        "grid_event",
        "visit",
        "visit_rule",
        "grid_post",
        "grid_staff",
        "grid_assignment",
        "grid",
        "place",
    ):
        op.drop_table(table)  # their indexes go with them
