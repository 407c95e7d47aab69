"""people's mediation

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

Mediation cases (人民调解), their parties, sessions and follow-up visits. Case numbers
are unique per office and year; the counter that hands them out lives in meta.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mediation_case",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(), nullable=True),
        sa.Column("dispute_type", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("risk", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("request", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("registered_by", sa.String(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("declined_reason", sa.String(), nullable=True),
        sa.Column("mediators", sa.String(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome_reason", sa.String(), nullable=True),
        sa.Column("agreement_kind", sa.String(), nullable=True),
        sa.Column("agreement_on", sa.Date(), nullable=True),
        sa.Column("agreement_facts", sa.String(), nullable=True),
        sa.Column("agreement_terms", sa.String(), nullable=True),
        sa.Column("performance_manner", sa.String(), nullable=True),
        sa.Column("performance_place", sa.String(), nullable=True),
        sa.Column("performance_deadline", sa.String(), nullable=True),
        sa.Column("archive_volume", sa.String(), nullable=True),
        sa.Column("archived_by", sa.String(), nullable=True),
        sa.Column("archived_on", sa.Date(), nullable=True),
        sa.Column("retention", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mediation_case_office_id", "mediation_case", ["office_id"], unique=False)
    op.create_index(
        "ix_mediation_case_state", "mediation_case", ["state", "accepted_on"], unique=False
    )
    op.create_index(
        "ux_mediation_case_number", "mediation_case", ["office_id", "year", "seq"], unique=True
    )
    op.create_table(
        "mediation_follow_up",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visitor", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("performance", sa.String(), nullable=False),
        sa.Column("satisfaction", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mediation_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_mediation_follow_up_case_id", "mediation_follow_up", ["case_id"], unique=False
    )
    op.create_index(
        "ix_mediation_follow_up_office_id", "mediation_follow_up", ["office_id"], unique=False
    )
    op.create_table(
        "mediation_session",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("participants", sa.String(), nullable=False),
        sa.Column("mediators", sa.String(), nullable=False),
        sa.Column("recorder", sa.String(), nullable=False),
        sa.Column("statements", sa.String(), nullable=False),
        sa.Column("facts", sa.String(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mediation_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mediation_session_case_id", "mediation_session", ["case_id"], unique=False)
    op.create_index(
        "ix_mediation_session_office_id", "mediation_session", ["office_id"], unique=False
    )
    op.create_table(
        "mediation_party",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("resident_id", sa.String(), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("sex", sa.String(), nullable=True),
        sa.Column("ethnicity", sa.String(), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("occupation", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("address", sa.String(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mediation_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["resident.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mediation_party_case_id", "mediation_party", ["case_id"], unique=False)
    op.create_index("ix_mediation_party_office_id", "mediation_party", ["office_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_mediation_party_office_id", table_name="mediation_party")
    op.drop_index("ix_mediation_party_case_id", table_name="mediation_party")
    op.drop_table("mediation_party")
    op.drop_index("ix_mediation_session_office_id", table_name="mediation_session")
    op.drop_index("ix_mediation_session_case_id", table_name="mediation_session")
    op.drop_table("mediation_session")
    op.drop_index("ix_mediation_follow_up_office_id", table_name="mediation_follow_up")
    op.drop_index("ix_mediation_follow_up_case_id", table_name="mediation_follow_up")
    op.drop_table("mediation_follow_up")
    op.drop_index("ux_mediation_case_number", table_name="mediation_case")
    op.drop_index("ix_mediation_case_state", table_name="mediation_case")
    op.drop_index("ix_mediation_case_office_id", table_name="mediation_case")
    op.drop_table("mediation_case")
