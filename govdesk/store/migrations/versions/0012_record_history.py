"""record history: every version a record has been superseded from, kept by triggers

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26

The exchange decides per incoming record whether it is already known, extends the local
record or conflicts with it (EXCHANGE.md "Record versions"); for that each record keeps the
versions it has had. An AFTER UPDATE trigger per record table appends the old
(version_instance, version) whenever either changes, whoever writes: the session hook,
Core bulk updates, the importer. Inserts add nothing (a new record has no history).
docs/exchange-merge.md gives the rules that read it.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# The record tables of this schema (every table with version_instance), frozen here as
# migrations are; a later table gets its trigger in its own migration.
RECORD_TABLES = (
    "care_category",
    "duty_assignment",
    "duty_shift",
    "grid",
    "grid_assignment",
    "grid_event",
    "grid_event_photo",
    "grid_post",
    "grid_staff",
    "hour_entry",
    "household",
    "mediation_attachment",
    "mediation_case",
    "mediation_follow_up",
    "mediation_party",
    "mediation_session",
    "office",
    "place",
    "resident",
    "resident_care",
    "resident_status_change",
    "screening_report",
    "service_order",
    "star_review",
    "visit",
    "visit_rule",
    "volunteer",
    "volunteer_activity",
    "volunteer_signup",
    "volunteer_team",
    "volunteer_team_member",
)
PREFIX = "record_history_"


def trigger_sql(table: str) -> str:
    return (
        f"CREATE TRIGGER {PREFIX}{table} AFTER UPDATE OF version, version_instance ON {table} "
        "WHEN old.version IS NOT new.version OR old.version_instance IS NOT new.version_instance "
        "BEGIN INSERT OR IGNORE INTO record_history (table_name, record_id, instance, version) "
        f"VALUES ('{table}', old.id, old.version_instance, old.version); END"
    )


def upgrade() -> None:
    op.execute(
        "CREATE TABLE record_history (table_name VARCHAR NOT NULL, record_id VARCHAR NOT NULL, "
        "instance VARCHAR NOT NULL, version INTEGER NOT NULL, "
        "PRIMARY KEY (table_name, record_id, instance, version)) WITHOUT ROWID"
    )
    for table in RECORD_TABLES:
        op.execute(trigger_sql(table))


def downgrade() -> None:
    for table in RECORD_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {PREFIX}{table}")
    op.execute("DROP TABLE IF EXISTS record_history")
