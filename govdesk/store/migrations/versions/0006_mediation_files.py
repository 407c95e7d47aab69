"""mediation case files: attachments, screening rounds, performance and confirmation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

Attachments are known by their SHA-256; their bytes live once per digest in
attachment_content, outside the record tables (and the audit trail). Screening rounds
(排查) are unique per office, round kind and period start.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
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


def _record_columns() -> list[sa.Column]:
    return [sa.Column(name, type_, nullable=False) for name, type_ in _RECORD]


def upgrade() -> None:
    op.create_table(
        "attachment_content",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "mediation_attachment",
        *_record_columns(),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["mediation_case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("case_id", "office_id", "sha256"):
        op.create_index(f"ix_mediation_attachment_{column}", "mediation_attachment", [column])
    op.create_table(
        "screening_report",
        *_record_columns(),
        sa.Column("round", sa.String(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("zero_report", sa.Boolean(), nullable=False),
        sa.Column("disputes_found", sa.Integer(), nullable=False),
        sa.Column("findings", sa.String(), nullable=False),
        sa.Column("measures", sa.String(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("reporter", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screening_report_office_id", "screening_report", ["office_id"])
    op.create_index(
        "ux_screening_round",
        "screening_report",
        ["office_id", "round", "period_start"],
        unique=True,
    )
    with op.batch_alter_table("mediation_case") as batch:
        # Existing cases get their names filled below; the default only makes the column legal.
        batch.add_column(sa.Column("party_names", sa.String(), nullable=False, server_default=""))
        for name in ("applied_on", "performed_on", "confirmation_applied_on"):
            batch.add_column(sa.Column(name, sa.Date(), nullable=True))
        for name in (
            "outcome",
            "source_ref",
            "performance_note",
            "confirmation_court",
            "confirmation_result",
            "file_notes",
            "checked_by",
        ):
            batch.add_column(sa.Column(name, sa.String(), nullable=True))
    op.execute(
        "UPDATE mediation_case SET party_names = coalesce(("
        " SELECT group_concat(name, '、') FROM ("
        "  SELECT name FROM mediation_party p WHERE p.case_id = mediation_case.id"
        "  ORDER BY sort_order)), '')"
    )
    # How open cases ended; an archived case from before this revision shows it in its fields.
    op.execute(
        "UPDATE mediation_case SET outcome = CASE"
        " WHEN agreement_on IS NOT NULL THEN 'settled'"
        " WHEN declined_reason IS NOT NULL THEN 'declined'"
        " WHEN state IN ('failed', 'terminated') THEN state END"
    )


def downgrade() -> None:
    with op.batch_alter_table("mediation_case") as batch:
        for name in (
            "checked_by",
            "file_notes",
            "confirmation_result",
            "confirmation_court",
            "confirmation_applied_on",
            "performance_note",
            "performed_on",
            "source_ref",
            "outcome",
            "applied_on",
            "party_names",
        ):
            batch.drop_column(name)
    op.drop_index("ux_screening_round", table_name="screening_report")
    op.drop_index("ix_screening_report_office_id", table_name="screening_report")
    op.drop_table("screening_report")
    for column in ("sha256", "office_id", "case_id"):
        op.drop_index(f"ix_mediation_attachment_{column}", table_name="mediation_attachment")
    op.drop_table("mediation_attachment")
    op.drop_table("attachment_content")
