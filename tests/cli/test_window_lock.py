"""The command line beside a window that holds the database: it reads, and never writes."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLockFile

from govdesk.cli import main
from govdesk.store import writer_lock


@pytest.fixture
def window_lock(db):
    """The lock a govdesk window takes on the file (a real QLockFile of this live process)."""
    lock = QLockFile(str(writer_lock.Path(f"{db.path}.lock")))
    assert lock.tryLock(0)
    yield lock
    lock.unlock()


def test_nobody_holds_a_file_without_a_lock(db):
    assert writer_lock.holder(db.path) is None


def test_the_live_lock_names_its_computer(db, window_lock):
    assert writer_lock.holder(db.path) is not None


def test_a_lock_of_a_dead_process_holds_nothing(db, tmp_path):
    import socket
    import subprocess
    import sys

    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(child.stdout)
    (tmp_path / "office.db.lock").write_text(f"{dead}\ngovdesk\n{socket.gethostname()}\n")
    assert writer_lock.holder(db.path) is None


def test_a_change_from_the_command_line_is_refused_while_the_window_holds_the_file(
    db, admin, window_lock, capsys, monkeypatch
):
    db.close()
    before = db.path.read_bytes()
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "another-good-pass")
    code = main(
        ["users", "add", "wangli", "--role", "clerk", "--db", str(db.path), "--user", admin]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "govdesk窗口中使用" in err
    assert "只读" in err or "不能修改" in err
    assert db.path.read_bytes() == before
    assert not os.path.exists(f"{db.path}-wal") or os.path.getsize(f"{db.path}-wal") == 0


def test_reading_still_works_while_the_window_holds_the_file(db, admin, window_lock, capsys):
    db.close()
    assert main(["users", "list", "--db", str(db.path), "--user", admin]) == 0
    assert "admin" in capsys.readouterr().out
