"""Signing in on the command line: --user, GOVDESK_PASSWORD or a prompt, and `init --admin`."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from govdesk.cli import main
from govdesk.services import accounts, office
from govdesk.store.database import Database
from tests.cli.conftest import PASSWORD, add_admin

NEW_OFFICE = ["--office-name", "幸福社区居民委员会", "--division", "110105001001"]


class Terminal(io.StringIO):
    """Standard input that is a terminal, as when a person runs govdesk by hand."""

    def isatty(self) -> bool:
        return True


class Typist:
    """A person at the terminal: types `answers` in order at getpass prompts."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []

    def getpass(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Typist:
    typist = Typist()
    monkeypatch.delenv("GOVDESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", typist.getpass)
    return typist


def audit(path: Path) -> list[tuple[str, str, dict]]:
    db = Database.open(path)
    try:
        with db.connect() as conn:
            rows = conn.execute(text("SELECT username, action, detail FROM audit_log ORDER BY seq"))
            return [(u, a, json.loads(d)) for u, a, d in rows]
    finally:
        db.close()


def export(path: Path, out: Path, *extra: str) -> int:
    return main(["residents", "export", "--db", str(path), "--out", str(out), *extra])


# -- signing in -------------------------------------------------------------------------------
def test_govdesk_password_signs_in(db, db_path, admin, tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert export(db_path, out, "--user", "admin") == 0
    assert out.exists()
    assert ("admin", "login", {}) in audit(db_path)


def test_the_user_may_stand_before_the_subcommand(db, db_path, admin, tmp_path):
    out = tmp_path / "r.csv"
    assert (
        main(["--user", "admin", "residents", "export", "--db", str(db_path), "--out", str(out)])
        == 0
    )
    assert out.exists()


def test_a_wrong_password_exits_2_and_writes_nothing(
    db, db_path, admin, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("GOVDESK_PASSWORD", "not-the-password")
    out = tmp_path / "r.csv"
    assert export(db_path, out, "--user", "admin") == 2
    assert capsys.readouterr().err.strip() == "用户名或密码不正确"
    assert not out.exists()
    assert audit(db_path)[-1] == (
        "admin",
        "login_failed",
        {"attempts": 1, "reason": "wrong_password"},
    )


def test_an_unknown_user_gets_the_same_answer(db, db_path, admin, tmp_path, capsys):
    assert export(db_path, tmp_path / "r.csv", "--user", "nobody", "--lang", "en") == 2
    assert capsys.readouterr().err.strip() == "Wrong username or password"
    assert audit(db_path)[-1] == ("nobody", "login_failed", {"reason": "unknown_user"})


def test_without_user_the_message_says_how_to_sign_in(db, db_path, admin, tmp_path, capsys):
    assert export(db_path, tmp_path / "r.csv") == 2
    err = capsys.readouterr().err
    assert "--user" in err and "GOVDESK_PASSWORD" in err
    assert not (tmp_path / "r.csv").exists()


def test_no_terminal_and_no_password_is_refused_clearly(
    db, db_path, admin, tmp_path, capsys, monkeypatch
):
    monkeypatch.delenv("GOVDESK_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert export(db_path, tmp_path / "r.csv", "--user", "admin", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "no terminal" in err and "GOVDESK_PASSWORD" in err


def test_the_password_is_asked_at_a_terminal(db, db_path, tmp_path, typed):
    add_admin(db)
    typed.answers.append(PASSWORD)
    assert export(db_path, tmp_path / "r.csv", "--user", "admin") == 0
    assert typed.prompts == ["admin 的密码："]


def test_a_database_without_accounts_says_to_create_the_administrator(
    db, db_path, tmp_path, capsys, password
):
    assert export(db_path, tmp_path / "r.csv", "--user", "admin") == 2
    assert "govdesk init --admin" in capsys.readouterr().err


def test_a_locked_account_is_told_how_long(db, db_path, admin, tmp_path, capsys):
    accounts.create_account(db, username="li", password="li-password", role="clerk")
    with db.begin() as conn:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
        conn.execute(
            text(
                "UPDATE user_account SET failed_attempts = 5, locked_until = :t WHERE username = 'li'"
            ),
            {"t": until.replace(tzinfo=None)},
        )
    assert export(db_path, tmp_path / "r.csv", "--user", "li") == 2
    assert "账户已锁定，请在10分钟后再试" in capsys.readouterr().err


def test_a_role_without_the_permission_is_refused(
    db, db_path, admin, tmp_path, capsys, monkeypatch
):
    accounts.create_account(db, username="zhao", password="viewer-pass", role="volunteers")
    monkeypatch.setenv("GOVDESK_PASSWORD", "viewer-pass")
    assert main(["users", "list", "--db", str(db_path), "--user", "zhao"]) == 2
    assert "没有“管理账户”权限" in capsys.readouterr().err


# -- init --admin -----------------------------------------------------------------------------------
def test_init_with_admin_creates_the_administrator(tmp_path, capsys, password):
    path = tmp_path / "office.db"
    assert main(["init", "--db", str(path), *NEW_OFFICE, "--admin", "zhangli"]) == 0
    assert capsys.readouterr().out.strip() == str(path)
    db = Database.open(path)
    try:
        actor = accounts.login(db, "zhangli", PASSWORD)
    finally:
        db.close()
    assert actor.role == "admin"
    assert main(["users", "list", "--db", str(path), "--user", "zhangli"]) == 0
    assert capsys.readouterr().out.startswith("zhangli\t-\t管理员\t启用\t")


def test_init_asks_for_the_password_twice_at_a_terminal(tmp_path, capsys, typed):
    path = tmp_path / "office.db"
    typed.answers.extend(["first-try-1", "first-try-2"])
    assert main(["init", "--db", str(path), *NEW_OFFICE, "--admin", "zhangli"]) == 2
    assert "两次输入的密码不一致" in capsys.readouterr().err
    assert not path.exists()
    typed.answers.extend([PASSWORD, PASSWORD])
    assert main(["init", "--db", str(path), *NEW_OFFICE, "--admin", "zhangli"]) == 0
    db = Database.open(path)
    try:
        assert accounts.login(db, "zhangli", PASSWORD).username == "zhangli"
    finally:
        db.close()


def test_init_refuses_a_weak_password_before_making_the_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GOVDESK_PASSWORD", "zhangli")
    path = tmp_path / "office.db"
    assert main(["init", "--db", str(path), *NEW_OFFICE, "--admin", "zhangli"]) == 2
    err = capsys.readouterr().err
    assert "至少需要8个字符" in err and "不能与用户名相同" in err
    assert not path.exists()


def test_init_admin_on_a_database_without_accounts(tmp_path, capsys, password):
    path = tmp_path / "office.db"
    assert main(["init", "--db", str(path), *NEW_OFFICE]) == 0
    assert "govdesk init --db" in capsys.readouterr().err  # says what is still missing
    assert main(["init", "--db", str(path), "--admin", "zhangli"]) == 0
    # Only the first administrator: a second run is refused.
    assert main(["init", "--db", str(path), "--admin", "other"]) == 2
    assert "已有账户" in capsys.readouterr().err
    db = Database.open(path)
    try:
        db.actor = accounts.login(db, "zhangli", PASSWORD)
        assert [a.username for a in accounts.list_accounts(db)] == ["zhangli"]
    finally:
        db.close()


def test_init_on_an_existing_database_without_admin_is_refused(tmp_path, capsys):
    path = tmp_path / "office.db"
    office.init_database(path, name="幸福社区居民委员会", division_code="110105001001").close()
    before = path.read_bytes()
    assert main(["init", "--db", str(path)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert path.read_bytes() == before
