"""A file that is not a database, a truncated one and a read-only folder: a clear message, nothing written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govdesk.cli import main
from govdesk.domain.permissions import SYSTEM
from govdesk.services import accounts, registry
from govdesk.store import errors
from govdesk.store.database import Database, DatabaseError
from govdesk.ui.app import _try_open

PROBE = Path(__file__).with_name("storage_probe.py")
PASSWORD = "bad-files-test-pw"


def _listing(folder: Path) -> dict[str, str]:
    """Every file in `folder` with its SHA-256: any byte written or file left shows here."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _office_with_residents(path: Path) -> None:
    from govdesk.services import office

    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    db.actor = SYSTEM
    accounts.create_first_admin(db, username="admin", password=PASSWORD)
    with db.session() as s:
        for n in range(300):
            registry.create_person(
                s, data={"name": f"居民{n}", "current_address": "幸福路" * 10 + str(n)}
            )
    db.close()


@pytest.fixture
def not_a_database(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "居民.db"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)  # a zip someone renamed
    return path


@pytest.fixture
def truncated(tmp_path: Path) -> Path:
    whole = tmp_path / "whole.db"
    _office_with_residents(whole)
    data = whole.read_bytes()
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "office.db"
    path.write_bytes(data[: len(data) // 2])  # a copy that stopped half way
    return path


CASES = {
    "not_a_database": ("not_a_database", "不是govdesk数据库文件", errors.NOT_A_DATABASE),
    "truncated": ("truncated", "截断", errors.CORRUPT),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_gets_a_clear_message_and_is_not_touched(case, request, monkeypatch, capsys):
    fixture, words, kind = CASES[case]
    path: Path = request.getfixturevalue(fixture)
    before = _listing(path.parent)

    for check in (True, False):
        with pytest.raises(DatabaseError) as refused:
            Database.open(path, check=check)
        assert path.name in str(refused.value) and words in str(refused.value)
        assert refused.value.kind == kind
        assert _listing(path.parent) == before

    # The window: the same message, and no lock file or note left beside the file.
    problem = _try_open(path, ask=lambda *_a: pytest.fail("not a question of who writes"))
    assert isinstance(problem, str) and words in problem
    assert _listing(path.parent) == before

    # The command line: exit 2 with the message on stderr.
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)
    out = path.parent.parent / "export.csv"
    code = main(["residents", "export", "--db", str(path), "--out", str(out), "--user", "admin"])
    assert code == 2
    assert words in capsys.readouterr().err
    assert not out.exists()
    assert _listing(path.parent) == before


def test_the_damage_reason_is_in_the_clerks_language(truncated, monkeypatch):
    from govdesk.domain import messages
    from govdesk.store import database

    # Past the header check, SQLite's own finding is explained, not shown alone.
    monkeypatch.setattr(database, "_truncation", lambda _p: None)
    with pytest.raises(DatabaseError) as refused:
        Database.open(truncated)
    assert "文件已损坏，请用最近的备份恢复" in str(refused.value)
    assert "SQLite：" in str(refused.value)
    messages.set_language("en")
    with pytest.raises(DatabaseError) as refused:
        Database.open(truncated)
    assert "damaged; restore the most recent backup" in str(refused.value)


def _private_mounts_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def _read_only_bind(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run argv with `folder` made read-only for it alone (a private read-only bind mount)."""
    script = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    )
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "GOVDESK_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def test_a_database_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "office.db"
    _office_with_residents(path)
    before = _listing(folder)
    out = tmp_path / "export.csv"

    if os.geteuid() != 0:
        # An ordinary user: the folder's permissions are what stops writing.
        folder.chmod(0o555)
        try:
            with pytest.raises(DatabaseError) as refused:
                Database.open(path)
            assert refused.value.kind == errors.READ_ONLY_FOLDER
            assert "不能写入" in str(refused.value)
            reader = Database.open(path, read_only=True)
            with reader.connect() as conn:
                assert conn.exec_driver_sql("SELECT count(*) FROM resident").scalar() == 300
            reader.close()
            code = main(["residents", "export", "--db", str(path), "--out", str(out)])
            assert code == 2
        finally:
            folder.chmod(0o755)
        assert _listing(folder) == before
        return

    # root writes through any permission bits; a read-only mount stops even root.
    if not _private_mounts_work():
        pytest.skip(
            "running as root, where a folder's permissions do not stop writing, and "
            "`unshare -rm` (a private read-only mount) is not permitted here"
        )
    seen = _read_only_bind(folder, sys.executable, str(PROBE), "open", str(path))
    assert seen.returncode == 0, seen.stderr
    result = json.loads(seen.stdout.strip().splitlines()[-1])
    assert result["writable"] is False
    for attempt in ("open", "open_checked"):
        assert result[attempt]["kind"] == errors.READ_ONLY_FOLDER
        assert "不能写入" in result[attempt]["error"] and str(folder) in result[attempt]["error"]
    # Nor can a new database be made there; nothing is left of the attempt.
    assert result["create"]["kind"] == errors.READ_ONLY_FOLDER
    assert result["create_left"] == []
    # Read-only opening still works there, and refuses writes with its own message.
    assert result["residents"] == 300
    assert result["read_only_write"]["kind"] == errors.READ_ONLY_OPEN
    assert "只读" in result["read_only_write"]["error"]
    # The window asks, giving the reason, and opens read-only.
    assert len(result["window_asked"]) == 1 and "不能写入" in result["window_asked"][0]
    assert result["window_read_only"] is True

    cli = _read_only_bind(
        folder,
        sys.executable,
        "-m",
        "govdesk",
        "residents",
        "export",
        "--db",
        str(path),
        "--out",
        str(out),
        "--user",
        "admin",
    )
    assert cli.returncode == 2, cli.stderr
    assert "不能写入" in cli.stderr
    assert not out.exists()
    assert _listing(folder) == before
