"""`govdesk users`: an administrator manages accounts; everyone changes their own password."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from govdesk.cli import main
from govdesk.services import accounts
from govdesk.store.database import Database
from tests.cli.conftest import PASSWORD

CLERK_PASSWORD = "clerk-pass-1"


@pytest.fixture
def path(db, admin, db_path):
    """A database with the administrator admin and the clerk li; closed for the CLI to open."""
    accounts.create_account(db, username="li", password=CLERK_PASSWORD, role="clerk")
    db.close()
    return db_path


def users(path, *args: str, user: str = "admin") -> int:
    return main(["users", *args, "--db", str(path), "--user", user])


def listing(path, capsys) -> dict[str, list[str]]:
    capsys.readouterr()
    assert users(path, "list") == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    return {r[0]: r[1:] for r in rows}


def can_sign_in(path, username: str, password: str) -> bool:
    db = Database.open(path)
    try:
        accounts.login(db, username, password)
        return True
    except accounts.LoginRefused:
        return False
    finally:
        db.close()


def password_hash(path, username: str) -> str:
    db = Database.open(path)
    try:
        with db.connect() as conn:
            return conn.execute(
                text("SELECT password_hash FROM user_account WHERE username = :u"),
                {"u": username},
            ).scalar_one()
    finally:
        db.close()


def test_list_shows_names_roles_and_state(path, capsys):
    rows = listing(path, capsys)
    assert set(rows) == {"admin", "li"}
    assert rows["li"][:3] == ["-", "登记员", "启用"]
    assert rows["li"][3] == "-"  # never signed in
    assert rows["admin"][1:3] == ["管理员", "启用"]


def test_add_a_user_who_must_change_the_password(path, capsys, monkeypatch):
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "grid-pass-9")
    assert users(path, "add", "zhou", "--role", "网格员", "--display-name", "周强") == 0
    assert "已创建账户 zhou（网格员）" in capsys.readouterr().out
    assert listing(path, capsys)["zhou"][:3] == ["周强", "网格员", "启用（待修改密码）"]
    # The new user signs in, is reminded, and sets a password only they know.
    monkeypatch.setenv("GOVDESK_PASSWORD", "grid-pass-9")
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "my-own-grid-pass")
    assert users(path, "passwd", user="zhou") == 0
    assert capsys.readouterr().out.strip() == "zhou 的密码已修改"
    assert can_sign_in(path, "zhou", "my-own-grid-pass")
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)
    assert listing(path, capsys)["zhou"][2] == "启用"
    assert not can_sign_in(path, "zhou", "grid-pass-9")


def test_add_refuses_a_weak_password_or_a_taken_name(path, capsys, monkeypatch):
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "short")
    assert users(path, "add", "zhou", "--role", "clerk") == 2
    assert "至少需要8个字符" in capsys.readouterr().err
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "long-enough-1")
    assert users(path, "add", "LI", "--role", "clerk") == 2
    assert "已被使用" in capsys.readouterr().err
    assert users(path, "add", "zhou", "--role", "boss") == 2
    assert "不是有效的角色" in capsys.readouterr().err
    assert set(listing(path, capsys)) == {"admin", "li"}


def test_set_role_deactivate_and_activate(path, capsys, monkeypatch):
    assert users(path, "set-role", "li", "viewer") == 0
    assert capsys.readouterr().out.strip() == "li 现为只读/乡镇查看"
    assert users(path, "deactivate", "li") == 0
    assert listing(path, capsys)["li"][1:3] == ["只读/乡镇查看", "停用"]
    monkeypatch.setenv("GOVDESK_PASSWORD", CLERK_PASSWORD)
    assert users(path, "passwd", user="li") == 2
    assert "已停用" in capsys.readouterr().err
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)
    assert users(path, "activate", "li") == 0
    assert listing(path, capsys)["li"][2] == "启用"


def test_the_last_administrator_cannot_be_removed(path, capsys):
    assert users(path, "deactivate", "admin") == 2
    assert "最后一个启用的管理员" in capsys.readouterr().err
    assert users(path, "set-role", "admin", "clerk") == 2
    assert listing(path, capsys)["admin"][1:3] == ["管理员", "启用"]


def test_unlock(path, capsys):
    db = Database.open(path)
    with db.begin() as conn:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=15)
        conn.execute(
            text(
                "UPDATE user_account SET failed_attempts = 5, locked_until = :t "
                "WHERE username = 'li'"
            ),
            {"t": until.replace(tzinfo=None)},
        )
    db.close()
    assert listing(path, capsys)["li"][2].startswith("锁定至")
    assert users(path, "unlock", "li") == 0
    assert capsys.readouterr().out.strip() == "已解锁 li"
    assert listing(path, capsys)["li"][2] == "启用"
    assert can_sign_in(path, "li", CLERK_PASSWORD)


def test_an_administrator_resets_a_password(path, capsys, monkeypatch):
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "temporary-9")
    assert users(path, "passwd", "li") == 0
    assert "li 的密码已重设" in capsys.readouterr().out
    assert can_sign_in(path, "li", "temporary-9")
    # Until li chooses their own, nothing else is done under li's name.
    monkeypatch.setenv("GOVDESK_PASSWORD", "temporary-9")
    assert users(path, "idle-minutes", user="li") == 2
    assert "users passwd" in capsys.readouterr().err
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "li-own-choice-7")
    assert users(path, "passwd", user="li") == 0
    monkeypatch.setenv("GOVDESK_PASSWORD", "li-own-choice-7")
    assert users(path, "idle-minutes", user="li") == 0


def test_passwd_needs_the_right_current_password(path, capsys, monkeypatch):
    before = password_hash(path, "li")
    monkeypatch.setenv("GOVDESK_PASSWORD", "wrong-password")
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "new-pass-123")
    assert users(path, "passwd", user="li") == 2
    assert capsys.readouterr().err.strip() == "用户名或密码不正确"
    assert password_hash(path, "li") == before


def test_idle_minutes(path, capsys):
    assert users(path, "idle-minutes") == 0
    assert capsys.readouterr().out.strip() == "无操作10分钟后锁定"
    assert users(path, "idle-minutes", "0") == 0
    assert capsys.readouterr().out.strip() == "不自动锁定"
    assert users(path, "idle-minutes", "-3") == 2
    assert "0至1440分钟" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["add", "zhou", "--role", "clerk"],
        ["unlock", "admin"],
        ["passwd", "admin"],
        ["set-role", "li", "admin"],
        ["deactivate", "admin"],
        ["activate", "li"],
        ["idle-minutes", "0"],
    ],
)
def test_a_clerk_manages_no_accounts(path, capsys, monkeypatch, command):
    monkeypatch.setenv("GOVDESK_PASSWORD", CLERK_PASSWORD)
    monkeypatch.setenv("GOVDESK_NEW_PASSWORD", "sneaky-pass-1")
    assert users(path, *command, user="li") == 2
    assert "当前账户（登记员）没有“管理账户”权限" in capsys.readouterr().err
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)
    rows = listing(path, capsys)
    assert set(rows) == {"admin", "li"}
    assert rows["li"][1:3] == ["登记员", "启用"]
    assert can_sign_in(path, "admin", PASSWORD)
