"""exchange merge: tombstones, conflicts, acknowledgements, per-office unique keys

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27

- record_tombstone: a deleted record leaves its id and a new version, written by an AFTER
  DELETE trigger on every record table, so deletions travel in packages like edits.
- record_conflict: versions kept beside the one in the table until a person merges them.
- exchange_ack: high-water marks of what the township has applied, per sending instance.
- cross_office_review: the township's notes on one person found on two offices' registers.
- The keys that were unique in the whole file (ID number, household number, care category
  code, visit rule category) become unique per office: a township database holds many
  offices' registers side by side.
- meta office_id names this database's own office, which is no longer the only one.
docs/exchange-merge.md gives the rules.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The record tables of this schema, frozen here as migrations are (the same as 0012's).
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
TOMBSTONE_PREFIX = "record_tombstone_"
HISTORY_PREFIX = "record_history_"


def history_trigger_sql(table: str) -> str:
    # The same trigger as 0012's; tables rebuilt here lose theirs with the old table.
    return (
        f"CREATE TRIGGER {HISTORY_PREFIX}{table} AFTER UPDATE OF version, version_instance "
        f"ON {table} "
        "WHEN old.version IS NOT new.version OR old.version_instance IS NOT new.version_instance "
        "BEGIN INSERT OR IGNORE INTO record_history (table_name, record_id, instance, version) "
        f"VALUES ('{table}', old.id, old.version_instance, old.version); END"
    )


def tombstone_trigger_sql(table: str) -> str:
    """A deletion is a new version of the record: the next counter of this instance, taken
    in the same statement list, with the deleted row's version kept in its history."""
    return (
        f"CREATE TRIGGER {TOMBSTONE_PREFIX}{table} AFTER DELETE ON {table} BEGIN "
        "INSERT OR IGNORE INTO record_history (table_name, record_id, instance, version) "
        f"VALUES ('{table}', old.id, old.version_instance, old.version); "
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version_counter'; "
        "INSERT OR REPLACE INTO record_tombstone "
        "(table_name, record_id, office_id, instance, version, deleted_at) VALUES "
        f"('{table}', old.id, old.office_id, "
        "(SELECT value FROM meta WHERE key = 'instance_id'), "
        "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'version_counter'), "
        "strftime('%Y-%m-%d %H:%M:%f', 'now')); END"
    )


def _rebuild(table: str, columns: str, copy: str, indexes: list[str]) -> None:
    """SQLite cannot drop an inline UNIQUE: make the table anew and copy the rows."""
    op.execute(f"CREATE TABLE _new_{table} ({columns})")
    op.execute(f"INSERT INTO _new_{table} ({copy}) SELECT {copy} FROM {table}")
    op.execute(f"DROP TABLE {table}")
    op.execute(f"ALTER TABLE _new_{table} RENAME TO {table}")
    for sql in indexes:
        op.execute(sql)
    op.execute(history_trigger_sql(table))


_RECORD_COLUMNS = (
    "id VARCHAR(36) NOT NULL, office_id VARCHAR(36) NOT NULL, created_at DATETIME NOT NULL, "
    "updated_at DATETIME NOT NULL, version INTEGER NOT NULL, "
    "version_instance VARCHAR(36) NOT NULL, "
)
_RECORD_NAMES = "id, office_id, created_at, updated_at, version, version_instance, "


def upgrade() -> None:
    op.execute(
        "CREATE TABLE record_tombstone (table_name VARCHAR NOT NULL, record_id VARCHAR NOT NULL, "
        "office_id VARCHAR NOT NULL, instance VARCHAR NOT NULL, version INTEGER NOT NULL, "
        "deleted_at VARCHAR NOT NULL, PRIMARY KEY (table_name, record_id)) WITHOUT ROWID"
    )
    op.execute(
        "CREATE INDEX ix_record_tombstone_office ON record_tombstone (office_id, instance, version)"
    )
    op.create_table(
        "record_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("office_id", sa.String(), nullable=False),
        sa.Column("instance", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("row", sa.String(), nullable=True),
        sa.Column("history", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_record_conflict_version",
        "record_conflict",
        ["table_name", "record_id", "instance", "version"],
        unique=True,
    )
    op.create_index(
        "ix_record_conflict_open", "record_conflict", ["resolved_at", "table_name", "record_id"]
    )
    op.create_table(
        "exchange_ack",
        sa.Column("source_instance", sa.String(), nullable=False),
        sa.Column("instance", sa.String(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("office_code", sa.String(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_instance", "instance"),
    )
    op.create_table(
        "cross_office_review",
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("keep_office", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id_number"),
    )

    # Unique per office instead of in the whole file.
    op.execute("DROP INDEX ix_household_number")
    op.execute("CREATE UNIQUE INDEX ix_household_number ON household (office_id, household_number)")
    op.execute("DROP INDEX ix_resident_id_number")
    op.execute("CREATE UNIQUE INDEX ix_resident_id_number ON resident (office_id, id_number)")
    _rebuild(
        "care_category",
        _RECORD_COLUMNS + "code VARCHAR NOT NULL, name_zh VARCHAR NOT NULL, "
        "name_en VARCHAR NOT NULL, sensitive BOOLEAN NOT NULL, active BOOLEAN NOT NULL, "
        "sort_order INTEGER NOT NULL, PRIMARY KEY (id)",
        _RECORD_NAMES + "code, name_zh, name_en, sensitive, active, sort_order",
        [
            "CREATE INDEX ix_care_category_office_id ON care_category (office_id)",
            "CREATE UNIQUE INDEX ux_care_category_code ON care_category (office_id, code)",
        ],
    )
    _rebuild(
        "visit_rule",
        _RECORD_COLUMNS + "category_code VARCHAR NOT NULL, interval_days INTEGER NOT NULL, "
        "PRIMARY KEY (id)",
        _RECORD_NAMES + "category_code, interval_days",
        [
            "CREATE INDEX ix_visit_rule_office_id ON visit_rule (office_id)",
            "CREATE UNIQUE INDEX ux_visit_rule_category ON visit_rule (office_id, category_code)",
        ],
    )
    for table in RECORD_TABLES:
        op.execute(tombstone_trigger_sql(table))
    # This database's own office: the first one made, as current_office chose until now.
    op.execute(
        "INSERT OR IGNORE INTO meta (key, value) SELECT 'office_id', id FROM office "
        "ORDER BY created_at LIMIT 1"
    )


def downgrade() -> None:
    for table in RECORD_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {TOMBSTONE_PREFIX}{table}")
    op.execute("DELETE FROM meta WHERE key = 'office_id'")
    op.execute("DROP INDEX ix_household_number")
    op.execute("CREATE UNIQUE INDEX ix_household_number ON household (household_number)")
    op.execute("DROP INDEX ix_resident_id_number")
    op.execute("CREATE UNIQUE INDEX ix_resident_id_number ON resident (id_number)")
    op.drop_index("ux_care_category_code", "care_category")
    op.create_index("ux_care_category_code_old", "care_category", ["code"], unique=True)
    op.drop_index("ux_visit_rule_category", "visit_rule")
    op.create_index("ux_visit_rule_category_old", "visit_rule", ["category_code"], unique=True)
    op.drop_table("cross_office_review")
    op.drop_table("exchange_ack")
    op.drop_index("ix_record_conflict_open", "record_conflict")
    op.drop_index("ux_record_conflict_version", "record_conflict")
    op.drop_table("record_conflict")
    op.execute("DROP INDEX ix_record_tombstone_office")
    op.execute("DROP TABLE record_tombstone")
