"""Migrations: a new database from empty, an older database upgraded, and no drift from the models."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from govdesk.store import migrate
from govdesk.store.database import Database
from govdesk.store.engine import make_engine


def test_create_from_empty_reaches_head(db_path):
    db = Database.create(db_path)
    with db.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        tables = {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        }
    assert {"resident", "household", "office", "care_category", "resident_care", "meta"} <= tables
    assert "resident_address_fts" in tables
    assert db.meta("version_counter") == "0"
    assert len(db.instance_id) == 36


def test_models_and_migrations_agree(db):
    # A model change without a migration would show up here as a difference.
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": migrate.include_name}
            ),
            SQLModel.metadata,
        )
    assert diff == []


def _make_0001_database(path):
    """A database as the first schema left it, with a resident in it."""
    engine = make_engine(path)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0001")
        conn.execute(
            text(
                "INSERT INTO meta VALUES ('instance_id', 'old-instance'), ('version_counter', '1')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO resident (id, office_id, created_at, updated_at, version, version_instance, name, "
                "person_type, status, id_converted, name_pinyin, name_initials, current_address) VALUES "
                "('r1', 'o1', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, 'old-instance', '王芳', "
                "'registered', 'on_register', 0, 'wangfang', 'wf', '幸福路12号院3号楼')"
            )
        )
    engine.dispose()


def test_upgrade_of_an_older_database_keeps_data_and_backs_up_first(db_path):
    _make_0001_database(db_path)
    db = Database.open(db_path)
    assert db.backup_made is not None and db.backup_made.exists()
    # The backup is the database as it was: still at the old revision.
    backup = sqlite3.connect(db.backup_made)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    backup.close()
    with db.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert conn.execute(text("SELECT name FROM resident WHERE id='r1'")).scalar_one() == "王芳"
        # The new address index was built over the rows that were already there.
        hit = conn.execute(
            text(
                "SELECT rowid FROM resident_address_fts WHERE resident_address_fts MATCH '\"3号楼\"'"
            )
        ).all()
    assert len(hit) == 1
    db.close()


def test_opening_a_current_database_makes_no_backup(db):
    db.close()
    again = Database.open(db.path)
    assert again.backup_made is None
    again.close()


def test_address_triggers_survive_the_upgrade(db_path):
    _make_0001_database(db_path)
    db = Database.open(db_path)
    with db.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO resident (id, office_id, created_at, updated_at, version, version_instance, name, "
                "person_type, status, id_converted, name_pinyin, name_initials, current_address) VALUES "
                "('r2', 'o1', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 2, 'old-instance', '李强', "
                "'registered', 'on_register', 0, 'liqiang', 'lq', '和平里7号楼')"
            )
        )
        hit = conn.execute(
            text(
                "SELECT rowid FROM resident_address_fts WHERE resident_address_fts MATCH '\"和平里\"'"
            )
        ).all()
    assert len(hit) == 1
    db.close()


def test_head_read_from_the_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in script.walk_revisions()}


def test_opening_a_current_database_does_not_import_alembic(db):
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from govdesk.store.database import Database; "
        f"Database.open(Path({str(db.path)!r}), check=False); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_0006_fills_party_names_and_outcomes_of_existing_cases(db_path):
    engine = make_engine(db_path)
    stamp = "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, 'old'"
    with engine.begin() as conn:
        migrate.upgrade(conn, "0005")
        conn.execute(
            text("INSERT INTO meta VALUES ('instance_id', 'old'), ('version_counter', '1')")
        )
        for case_id, state, extra_cols, extra_vals in (
            ("c1", "settled", ", agreement_on", ", '2026-02-01'"),
            ("c2", "failed", "", ""),
            ("c3", "archived", ", declined_reason", ", '不属调解范围'"),
            ("c4", "mediating", "", ""),
        ):
            conn.execute(
                text(
                    "INSERT INTO mediation_case (id, office_id, created_at, updated_at, version, "
                    "version_instance, dispute_type, source, risk, summary, request, state, "
                    f"registered_on, registered_by, mediators{extra_cols}) VALUES ('{case_id}', "
                    f"'o1', {stamp}, 'neighbour', 'application', 'ordinary', '噪音', '', "
                    f"'{state}', '2026-01-05', '', ''{extra_vals})"
                )
            )
        for order, name in enumerate(["王芳", "李强"]):
            conn.execute(
                text(
                    "INSERT INTO mediation_party (id, office_id, created_at, updated_at, version, "
                    f"version_instance, case_id, role, name, sort_order) VALUES ('p{order}', 'o1', "
                    f"{stamp}, 'c1', 'applicant', '{name}', {order})"
                )
            )
    engine.dispose()
    db = Database.open(db_path)
    with db.connect() as conn:
        rows = dict(
            (r[0], (r[1], r[2]))
            for r in conn.execute(text("SELECT id, party_names, outcome FROM mediation_case"))
        )
    db.close()
    assert rows == {
        "c1": ("王芳、李强", "settled"),
        "c2": ("", "failed"),
        "c3": ("", "declined"),
        "c4": ("", None),
    }


def _tables_and_columns(path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {t: con.execute(f'PRAGMA table_info("{t}")').fetchall() for t in tables}
    finally:
        con.close()


def test_index_only_migrations_change_no_table_or_column(tmp_path):
    # Exchange packages are marked and compared by migrate.data_revision(): a migration
    # listed as index-only must leave every table and column as the one before it.
    assert migrate.INDEX_ONLY
    for rev, before in migrate.INDEX_ONLY.items():
        shapes = []
        for target in (before, rev):
            path = tmp_path / f"{target}.db"
            engine = make_engine(path)
            with engine.begin() as conn:
                migrate.upgrade(conn, target)
            engine.dispose()
            shapes.append(_tables_and_columns(path))
        assert shapes[0] == shapes[1], rev
        assert migrate.data_revision(rev) == migrate.data_revision(before)
    assert migrate.data_revision("0012") == "0012"  # a revision that changed columns is its own
