"""volunteers: teams, activities, sign-ups, weekly duties, the hours ledger and service orders

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26

Confirmed hours are a ledger: triggers refuse to change or remove a confirmed line, and
keep each volunteer's confirmed total in volunteer_tally in the same transaction, so the
list shows totals and star levels without summing a million lines.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
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


def _time(name: str) -> sa.Column:
    return sa.Column(name, sa.Time(), nullable=False)


def _stamp(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"])


# The ledger: a confirmed line is final; its total is kept per volunteer.
_TALLY_ADD = (
    "INSERT INTO volunteer_tally (volunteer_id, minutes, entries) "
    "SELECT new.volunteer_id, new.minutes, 1 WHERE new.state = 'confirmed' "
    "ON CONFLICT (volunteer_id) DO UPDATE SET minutes = minutes + excluded.minutes, "
    "entries = entries + excluded.entries"
)
TRIGGERS = {
    "hour_entry_confirmed_no_update": (
        "BEFORE UPDATE ON hour_entry WHEN old.state = 'confirmed' BEGIN "
        "SELECT RAISE(ABORT, 'confirmed hours are never changed: add an adjusting entry'); END"
    ),
    "hour_entry_confirmed_no_delete": (
        "BEFORE DELETE ON hour_entry WHEN old.state = 'confirmed' BEGIN "
        "SELECT RAISE(ABORT, 'confirmed hours are never removed: add an adjusting entry'); END"
    ),
    "volunteer_tally_ai": f"AFTER INSERT ON hour_entry BEGIN {_TALLY_ADD}; END",
    "volunteer_tally_au": (
        "AFTER UPDATE OF state ON hour_entry WHEN old.state IS NOT new.state "
        f"BEGIN {_TALLY_ADD}; END"
    ),
}


def upgrade() -> None:
    _table(
        "volunteer",
        _text("number"),
        _text("resident_id", True),
        _text("name"),
        _text("name_pinyin"),
        _text("name_initials"),
        _text("sex", True),
        _text("id_number", True),
        _text("phone", True),
        _text("address"),
        _text("grid_id", True),
        _text("skills"),
        _text("available_days"),
        _text("available_times"),
        _flag("party_member"),
        _flag("dual_report"),
        _text("work_unit"),
        _text("unit_party_org"),
        _date("reported_on", True),
        _text("status"),
        _date("joined_on"),
        _date("left_on", True),
        _int("stars_reviewed"),
        _text("note"),
        _fk("resident_id", "resident"),
        _fk("grid_id", "grid"),
    )
    op.create_index("ux_volunteer_number", "volunteer", ["office_id", "number"], unique=True)
    op.create_index("ix_volunteer_name", "volunteer", ["name_pinyin"])
    op.create_index("ix_volunteer_initials", "volunteer", ["name_initials"])
    op.create_index("ix_volunteer_resident_id", "volunteer", ["resident_id"])
    op.create_index("ix_volunteer_id_number", "volunteer", ["id_number"])
    _table(
        "volunteer_team",
        _text("name"),
        _text("leader_id", True),
        _text("service_area"),
        _date("founded_on"),
        _date("dissolved_on", True),
        _text("note"),
        _fk("leader_id", "volunteer"),
    )
    _table(
        "volunteer_team_member",
        _text("team_id"),
        _text("volunteer_id"),
        _date("joined_on"),
        _date("left_on", True),
        _fk("team_id", "volunteer_team"),
        _fk("volunteer_id", "volunteer"),
    )
    op.create_index("ix_volunteer_team_member_team_id", "volunteer_team_member", ["team_id"])
    op.create_index(
        "ix_volunteer_team_member_volunteer_id", "volunteer_team_member", ["volunteer_id"]
    )
    _table(
        "duty_shift",
        _text("duty"),
        _text("title"),
        _int("weekday"),
        _time("start_time"),
        _time("end_time"),
        _text("place"),
        _int("headcount"),
        _text("team_id", True),
        _date("start_on"),
        _date("end_on", True),
        _fk("team_id", "volunteer_team"),
    )
    _table(
        "duty_assignment",
        _text("shift_id"),
        _text("volunteer_id"),
        _date("start_on"),
        _date("end_on", True),
        _fk("shift_id", "duty_shift"),
        _fk("volunteer_id", "volunteer"),
    )
    op.create_index("ix_duty_assignment_shift_id", "duty_assignment", ["shift_id"])
    op.create_index("ix_duty_assignment_volunteer_id", "duty_assignment", ["volunteer_id"])
    _table(
        "volunteer_activity",
        _text("title"),
        _text("project"),
        _text("team_id", True),
        _date("held_on"),
        _time("start_time"),
        _time("end_time"),
        _text("place"),
        _int("headcount"),
        _text("skills"),
        _text("organiser"),
        _text("duty_id", True),
        _text("state"),
        _text("note"),
        _fk("team_id", "volunteer_team"),
        _fk("duty_id", "duty_shift"),
    )
    op.create_index("ix_volunteer_activity_day", "volunteer_activity", ["held_on", "start_time"])
    _table(
        "volunteer_signup",
        _text("activity_id"),
        _text("volunteer_id"),
        _stamp("signed_up_at", False),
        _text("state"),
        _stamp("check_in_at"),
        _stamp("check_out_at"),
        _text("warnings"),
        _fk("activity_id", "volunteer_activity"),
        _fk("volunteer_id", "volunteer"),
    )
    op.create_index(
        "ux_volunteer_signup", "volunteer_signup", ["activity_id", "volunteer_id"], unique=True
    )
    op.create_index(
        "ix_volunteer_signup_volunteer", "volunteer_signup", ["volunteer_id", "activity_id"]
    )
    _table(
        "service_order",
        _text("number"),
        _text("resident_id", True),
        _text("requester"),
        _text("phone", True),
        _text("need"),
        _text("skill"),
        _date("wanted_on", True),
        _text("wanted_time"),
        _text("place"),
        _text("grid_id", True),
        _text("state"),
        _stamp("requested_at", False),
        _text("volunteer_id", True),
        _stamp("dispatched_at"),
        _stamp("accepted_at"),
        _stamp("done_at"),
        _int("minutes", True),
        _stamp("cancelled_at"),
        _text("cancel_reason"),
        _text("feedback"),
        _text("note"),
        _fk("resident_id", "resident"),
        _fk("grid_id", "grid"),
        _fk("volunteer_id", "volunteer"),
    )
    op.create_index(
        "ux_service_order_number", "service_order", ["office_id", "number"], unique=True
    )
    op.create_index("ix_service_order_state", "service_order", ["state", "requested_at"])
    _table(
        "hour_entry",
        _text("volunteer_id"),
        _date("served_on"),
        _int("minutes"),
        _text("kind"),
        _text("activity_id", True),
        _text("order_id", True),
        _text("adjusts_id", True),
        _text("reason"),
        _text("state"),
        _text("recorded_by"),
        _stamp("confirmed_at"),
        _text("confirmed_by"),
        _fk("volunteer_id", "volunteer"),
        _fk("activity_id", "volunteer_activity"),
        _fk("order_id", "service_order"),
        _fk("adjusts_id", "hour_entry"),
    )
    op.create_index(
        "ix_hour_entry_volunteer", "hour_entry", ["volunteer_id", "state", "served_on", "minutes"]
    )
    op.create_index("ix_hour_entry_served", "hour_entry", ["served_on"])
    _table(
        "star_review",
        _date("reviewed_on"),
        _text("reviewed_by"),
        _int("promoted"),
        _text("note"),
    )
    op.execute(
        "CREATE TABLE volunteer_tally (volunteer_id VARCHAR NOT NULL PRIMARY KEY "
        "REFERENCES volunteer (id), minutes INTEGER NOT NULL, entries INTEGER NOT NULL) "
        "WITHOUT ROWID"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS volunteer_tally")
    for table in (
        "star_review",
        "hour_entry",
        "service_order",
        "volunteer_signup",
        "volunteer_activity",
        "duty_assignment",
        "duty_shift",
        "volunteer_team_member",
        "volunteer_team",
        "volunteer",
    ):
        op.drop_table(table)
