"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_category",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("care_category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_category_office_id"), ["office_id"], unique=False)

    op.create_table(
        "household",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("household_number", sa.String(length=40), nullable=False),
        sa.Column("household_type", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index("ix_household_number", ["household_number"], unique=True)
        batch_op.create_index(batch_op.f("ix_household_office_id"), ["office_id"], unique=False)

    op.create_table(
        "meta",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "office",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_office_division_code"), ["division_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_office_office_id"), ["office_id"], unique=False)

    op.create_table(
        "resident",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("sex", sa.String(), nullable=True),
        sa.Column("ethnicity", sa.String(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("political_status", sa.String(), nullable=True),
        sa.Column("education", sa.String(), nullable=True),
        sa.Column("marital_status", sa.String(), nullable=True),
        sa.Column("occupation", sa.String(), nullable=True),
        sa.Column("registered_address", sa.String(), nullable=True),
        sa.Column("current_address", sa.String(), nullable=True),
        sa.Column("person_type", sa.String(), nullable=False),
        sa.Column("residence_permit_no", sa.String(), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("arrival_reason", sa.String(), nullable=True),
        sa.Column("landlord", sa.String(), nullable=True),
        sa.Column("nationality", sa.String(), nullable=True),
        sa.Column("passport_no", sa.String(), nullable=True),
        sa.Column("relation_to_head", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("household_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("status_reason", sa.String(), nullable=True),
        sa.Column("id_converted", sa.Boolean(), nullable=False),
        sa.Column("name_pinyin", sa.String(), nullable=False),
        sa.Column("name_initials", sa.String(), nullable=False),
        sa.Column("id_number_rev", sa.String(), nullable=True),
        sa.Column("phone_rev", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.create_index("ix_resident_birth", ["birth_date"], unique=False)
        batch_op.create_index("ix_resident_household", ["household_id"], unique=False)
        batch_op.create_index("ix_resident_id_number", ["id_number"], unique=True)
        batch_op.create_index("ix_resident_id_rev", ["id_number_rev"], unique=False)
        batch_op.create_index("ix_resident_initials", ["name_initials"], unique=False)
        batch_op.create_index("ix_resident_name", ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_resident_office_id"), ["office_id"], unique=False)
        batch_op.create_index("ix_resident_phone", ["phone"], unique=False)
        batch_op.create_index("ix_resident_phone_rev", ["phone_rev"], unique=False)
        batch_op.create_index("ix_resident_pinyin", ["name_pinyin"], unique=False)
        batch_op.create_index("ix_resident_updated", ["updated_at"], unique=False)
        batch_op.create_index(
            "ux_resident_one_head",
            ["household_id"],
            unique=True,
            sqlite_where=sa.text("relation_to_head = 'head' AND status = 'on_register'"),
        )

    op.create_table(
        "resident_care",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(), nullable=False),
        sa.Column("category_code", sa.String(), nullable=False),
        sa.Column("grade", sa.String(), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["resident.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resident_care", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resident_care_category_code"), ["category_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_resident_care_office_id"), ["office_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_resident_care_resident_id"), ["resident_id"], unique=False
        )

    op.create_table(
        "resident_status_change",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("version_instance", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(), nullable=False),
        sa.Column("old_status", sa.String(), nullable=False),
        sa.Column("new_status", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["resident.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resident_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resident_status_change_office_id"), ["office_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_resident_status_change_resident_id"), ["resident_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("resident_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_status_change_resident_id"))
        batch_op.drop_index(batch_op.f("ix_resident_status_change_office_id"))

    op.drop_table("resident_status_change")
    with op.batch_alter_table("resident_care", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_care_resident_id"))
        batch_op.drop_index(batch_op.f("ix_resident_care_office_id"))
        batch_op.drop_index(batch_op.f("ix_resident_care_category_code"))

    op.drop_table("resident_care")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_index(
            "ux_resident_one_head",
            sqlite_where=sa.text("relation_to_head = 'head' AND status = 'on_register'"),
        )
        batch_op.drop_index("ix_resident_updated")
        batch_op.drop_index("ix_resident_pinyin")
        batch_op.drop_index("ix_resident_phone_rev")
        batch_op.drop_index("ix_resident_phone")
        batch_op.drop_index(batch_op.f("ix_resident_office_id"))
        batch_op.drop_index("ix_resident_name")
        batch_op.drop_index("ix_resident_initials")
        batch_op.drop_index("ix_resident_id_rev")
        batch_op.drop_index("ix_resident_id_number")
        batch_op.drop_index("ix_resident_household")
        batch_op.drop_index("ix_resident_birth")

    op.drop_table("resident")
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_office_office_id"))
        batch_op.drop_index(batch_op.f("ix_office_division_code"))

    op.drop_table("office")
    op.drop_table("meta")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_office_id"))
        batch_op.drop_index("ix_household_number")

    op.drop_table("household")
    with op.batch_alter_table("care_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_category_office_id"))

    op.drop_table("care_category")
