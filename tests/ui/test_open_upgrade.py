"""Opening an older database from the window: upgraded on a worker while the window paints."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from govdesk.store import migrate
from govdesk.store.database import Database
from govdesk.store.engine import make_engine
from govdesk.ui import app as app_module


def _back_to(path, revision: str) -> None:
    """The file as a govdesk of `revision` left it: the real downgrade of the newer steps."""
    engine = make_engine(path)
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), revision)
    engine.dispose()


@pytest.fixture
def older_file(db):
    path = db.path
    db.close()
    _back_to(path, "0011")
    assert Database.upgrade_pending(path)
    return path


def _watch_notices(seen: list[str], ticks: list[int]) -> QTimer:
    """Every 5 ms: the window's thread is free to run, and any opening notice is noted."""
    timer = QTimer()
    timer.setInterval(5)

    def look() -> None:
        ticks.append(1)
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "openingNotice" and w.isVisible():
                seen.append(w.labelText())  # type: ignore[attr-defined]

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_an_older_file_is_upgraded_on_a_worker_with_a_notice(shell, older_file, monkeypatch):
    monkeypatch.setattr(app_module, "OPEN_NOTICE_AFTER_MS", 0)
    window = QWidget()
    window.show()
    seen: list[str] = []
    ticks: list[int] = []
    timer = _watch_notices(seen, ticks)
    try:
        db = app_module._try_open(older_file, window)
    finally:
        timer.stop()
    assert isinstance(db, Database), db
    try:
        assert db.backup_made is not None and db.backup_made.exists()
        with db.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        db.close()
    # The window's thread ran its timers while the file was upgraded (nothing else in
    # _try_open runs an event loop here), and said what was going on.
    assert ticks
    assert seen and seen[0].startswith("正在升级数据库")
    assert window.isEnabled()  # blocked only while the open ran
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]
    window.close()


def test_a_current_file_opens_without_a_notice(shell, db):
    path = db.path
    db.close()
    assert not Database.upgrade_pending(path)
    seen: list[str] = []
    timer = _watch_notices(seen, [])
    try:
        opened = app_module._try_open(path)
    finally:
        timer.stop()
    assert isinstance(opened, Database)
    opened.close()
    assert not [
        t for t in seen if t.startswith("正在升级")
    ]  # nothing to upgrade, nothing said of it


def test_a_file_that_is_not_a_database_still_says_so(shell, tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database, just some notes" * 100)
    assert not Database.upgrade_pending(path)
    problem = app_module._try_open(path)
    assert isinstance(problem, str) and "notes.db" in problem
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT 1 FROM sqlite_master").fetchall()
