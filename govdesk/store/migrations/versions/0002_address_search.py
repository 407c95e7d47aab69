"""address search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Addresses are searched by any part ("幸福路12号"), which no B-tree index serves.
A trigram FTS5 index answers substring queries of three or more characters.
It is an external-content index over resident's rowid, kept in step by triggers;
VACUUM and VACUUM INTO keep those rowids (tests/store/test_search_index.py checks it).
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE resident_address_fts USING fts5("
        "current_address, registered_address, content='resident', content_rowid='rowid', "
        "tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER resident_address_ai AFTER INSERT ON resident BEGIN "
        "INSERT INTO resident_address_fts(rowid, current_address, registered_address) "
        "VALUES (new.rowid, new.current_address, new.registered_address); END"
    )
    op.execute(
        "CREATE TRIGGER resident_address_ad AFTER DELETE ON resident BEGIN "
        "INSERT INTO resident_address_fts(resident_address_fts, rowid, current_address, registered_address) "
        "VALUES ('delete', old.rowid, old.current_address, old.registered_address); END"
    )
    op.execute(
        "CREATE TRIGGER resident_address_au AFTER UPDATE OF current_address, registered_address ON resident BEGIN "
        "INSERT INTO resident_address_fts(resident_address_fts, rowid, current_address, registered_address) "
        "VALUES ('delete', old.rowid, old.current_address, old.registered_address); "
        "INSERT INTO resident_address_fts(rowid, current_address, registered_address) "
        "VALUES (new.rowid, new.current_address, new.registered_address); END"
    )
    op.execute("INSERT INTO resident_address_fts(resident_address_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("resident_address_ai", "resident_address_ad", "resident_address_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS resident_address_fts")
