"""exchange: trusted keys and the log of packages written and read

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26

Neither table is exchanged: keys are trusted on each machine by a person who checked the
fingerprint, and the package log is this database's own memory of what came and went.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "exchange_key",
        sa.Column("id", sa.String(length=36), nullable=False),
        _text("office_code"),
        _text("office_name"),
        _text("kind"),
        _text("sign_public"),
        _text("box_public"),
        _text("fingerprint"),
        sa.Column("trusted_at", sa.DateTime(), nullable=False),
        _text("trusted_by"),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )
    op.create_index("ix_exchange_key_office_code", "exchange_key", ["office_code"])
    op.create_table(
        "exchange_package",
        sa.Column("id", sa.String(length=36), nullable=False),
        _text("direction"),
        _text("file_name"),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        _text("source_office"),
        _text("source_instance"),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=False),
        _text("handled_by"),
        _text("outcome"),
        _text("reason"),
        _text("counts"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_exchange_package_sha256", "exchange_package", ["sha256"])
    op.create_index(
        "ix_exchange_package_source", "exchange_package", ["source_instance", "sequence"]
    )


def downgrade() -> None:
    op.drop_table("exchange_package")
    op.drop_table("exchange_key")
