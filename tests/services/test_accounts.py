"""Accounts: Argon2id hashes, lockout timing on an injected clock, administration and its permissions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import accounts
from govdesk.services.accounts import LoginRefused
from govdesk.services.authz import PermissionDenied

PASSWORD = "river-stone-42"


class FakeClock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def clerk(db):
    accounts.create_account(db, username="wangli", password=PASSWORD, role=Role.CLERK)
    return "wangli"


def audit_rows(db, action: str | None = None) -> list[dict]:
    sql = "SELECT username, action, record_type, record_id, detail FROM audit_log"
    params = {}
    if action:
        sql += " WHERE action = :a"
        params["a"] = action
    with db.connect() as conn:
        rows = conn.execute(text(sql + " ORDER BY seq"), params).mappings().all()
    return [dict(r, detail=json.loads(r["detail"])) for r in rows]


def stored(db, username: str) -> dict:
    with db.connect() as conn:
        row = conn.execute(
            text("SELECT * FROM user_account WHERE username = :u"), {"u": username}
        ).mappings()
        return dict(row.one())


def fail(db, username: str, password: str, clock: FakeClock) -> LoginRefused:
    with pytest.raises(LoginRefused) as info:
        accounts.login(db, username, password, clock=clock)
    return info.value


# -- hashing ------------------------------------------------------------------------------
def test_passwords_are_stored_as_argon2id(db, clerk):
    row = stored(db, clerk)
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in row["password_hash"]


def test_a_weaker_hash_is_replaced_at_the_next_sign_in(db, clerk, clock):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with db.begin() as conn:
        conn.execute(
            text("UPDATE user_account SET password_hash = :h WHERE username = :u"),
            {"h": weak, "u": clerk},
        )
    accounts.login(db, clerk, PASSWORD, clock=clock)
    renewed = stored(db, clerk)["password_hash"]
    assert renewed != weak
    assert renewed.startswith("$argon2id$v=19$m=65536,t=3")
    assert audit_rows(db, "login")[-1]["detail"] == {"rehashed": True}
    accounts.login(db, clerk, PASSWORD, clock=clock)  # the new hash works


# -- lockout timing ---------------------------------------------------------------------------
def test_growing_delays_then_a_lock_after_the_fifth_failure(db, clerk, clock):
    for n, delay in enumerate([1, 2, 4, 8], start=1):
        refusal = fail(db, clerk, "wrong-password", clock)
        assert refusal.reason == "wrong"
        assert refusal.retry_after == delay
        assert stored(db, clerk)["failed_attempts"] == n
        # Too early, even with the right password: refused, and not counted.
        clock.advance(delay - 0.5)
        early = fail(db, clerk, PASSWORD, clock)
        assert early.reason == "delayed"
        assert early.retry_after == pytest.approx(0.5)
        assert "秒后再试" in str(early)
        assert stored(db, clerk)["failed_attempts"] == n
        clock.advance(0.5)
    refusal = fail(db, clerk, "wrong-password", clock)
    assert refusal.reason == "locked"
    assert refusal.retry_after == 15 * 60
    assert "已锁定" in str(refusal)
    row = stored(db, clerk)
    assert row["failed_attempts"] == 5
    assert row["locked_until"] is not None
    locked = audit_rows(db, "account_locked")
    assert [r["username"] for r in locked] == [clerk]

    # The right password during the lock is refused without being checked.
    clock.advance(14 * 60 + 59)
    during = fail(db, clerk, PASSWORD, clock)
    assert during.reason == "locked"
    assert during.retry_after == pytest.approx(1)
    assert stored(db, clerk)["failed_attempts"] == 5

    clock.advance(1)  # the 15 minutes have passed
    actor = accounts.login(db, clerk, PASSWORD, clock=clock)
    assert actor == Actor(clerk, Role.CLERK, stored(db, clerk)["id"])
    row = stored(db, clerk)
    assert (row["failed_attempts"], row["locked_until"], row["last_failed_at"]) == (0, None, None)


def test_an_expired_lock_gives_a_fresh_round_of_attempts(db, clerk, clock):
    for delay in [1, 2, 4, 8, 0]:
        fail(db, clerk, "wrong-password", clock)
        clock.advance(delay)
    clock.advance(15 * 60)
    refusal = fail(db, clerk, "wrong-password", clock)
    assert refusal.reason == "wrong"
    assert refusal.retry_after == 1
    assert stored(db, clerk)["failed_attempts"] == 1
    assert stored(db, clerk)["locked_until"] is None


def test_a_good_login_resets_the_count(db, clerk, clock):
    for delay in [1, 2, 4]:
        fail(db, clerk, "wrong-password", clock)
        clock.advance(delay)
    assert stored(db, clerk)["failed_attempts"] == 3
    accounts.login(db, clerk, PASSWORD, clock=clock)
    assert stored(db, clerk)["failed_attempts"] == 0
    assert stored(db, clerk)["last_login_at"] is not None
    refusal = fail(db, clerk, "wrong-password", clock)
    assert refusal.retry_after == 1  # counting starts again at one


def test_an_administrator_unlocks(db, clerk, clock):
    for delay in [1, 2, 4, 8, 0]:
        fail(db, clerk, "wrong-password", clock)
        clock.advance(delay)
    assert fail(db, clerk, PASSWORD, clock).reason == "locked"
    info = {a.username: a for a in accounts.list_accounts(db)}[clerk]
    assert info.locked(clock())
    accounts.unlock(db, username=clerk)
    accounts.login(db, clerk, PASSWORD, clock=clock)
    entry = audit_rows(db, "account_unlocked")[-1]
    assert entry["username"] == "admin"
    assert entry["detail"] == {"account": clerk, "failed_attempts": 5}


def test_failed_attempts_are_audited_without_the_password(db, clerk, clock):
    fail(db, clerk, "my-secret-guess", clock)
    entries = audit_rows(db, "login_failed")
    assert entries[-1]["username"] == clerk
    assert entries[-1]["detail"] == {"attempts": 1, "reason": "wrong_password"}
    with db.connect() as conn:
        everything = " ".join(
            str(v) for row in conn.execute(text("SELECT * FROM audit_log")) for v in row
        )
    assert "my-secret-guess" not in everything
    assert PASSWORD not in everything
    assert "$argon2" not in everything


def test_login_is_audited_and_bookkeeping_is_no_update_entry(db, clerk, clock):
    before = len(audit_rows(db, "update"))
    accounts.login(db, clerk, PASSWORD, clock=clock)
    entry = audit_rows(db, "login")[-1]
    assert entry["username"] == clerk
    assert entry["record_id"] == stored(db, clerk)["id"]
    assert len(audit_rows(db, "update")) == before


# -- unknown and inactive accounts -----------------------------------------------------------------
def test_an_unknown_username_gets_the_wrong_password_answer_and_is_audited(db, clerk, clock):
    wrong = fail(db, clerk, "wrong-password", clock)
    unknown = fail(db, "nobody", "wrong-password", clock)
    assert str(unknown) == str(wrong) == "用户名或密码不正确"
    assert (unknown.reason, unknown.retry_after) == (wrong.reason, wrong.retry_after)
    entry = audit_rows(db, "login_failed")[-1]
    assert entry["username"] == "nobody"
    assert entry["detail"] == {"reason": "unknown_user"}
    # The same delays as a real account, so waiting times tell nothing either.
    assert fail(db, "nobody", "wrong-password", clock).reason == "delayed"


def test_an_inactive_account_cannot_sign_in(db, clerk, clock):
    accounts.set_active(db, username=clerk, active=False)
    refusal = fail(db, clerk, PASSWORD, clock)
    assert refusal.reason == "inactive"
    assert "停用" in str(refusal)
    # A wrong password says nothing about the account being inactive.
    clock.advance(1)
    assert fail(db, clerk, "wrong-password", clock).reason == "wrong"
    accounts.set_active(db, username=clerk, active=True)
    clock.advance(60)
    accounts.login(db, clerk, PASSWORD, clock=clock)


def test_usernames_are_found_whatever_their_case(db, clerk, clock):
    assert accounts.login(db, "WangLi", PASSWORD, clock=clock).username == clerk
    with pytest.raises(DomainError, match="已被使用"):
        accounts.create_account(db, username="WANGLI", password=PASSWORD, role=Role.VIEWER)


# -- signing in -------------------------------------------------------------------------------------
def test_sign_in_sets_the_actor_and_sign_out_clears_it(db, clerk, clock):
    db.actor = None
    actor = accounts.sign_in(db, clerk, PASSWORD, clock=clock)
    assert db.actor == actor
    assert actor.role is Role.CLERK
    accounts.sign_out(db)
    assert db.actor is None
    assert audit_rows(db, "logout")[-1]["username"] == clerk


def test_sign_in_without_accounts_says_to_create_the_administrator(db):
    db.actor = None
    with pytest.raises(LoginRefused) as info:
        accounts.sign_in(db, "admin", PASSWORD)
    assert info.value.reason == "no_accounts"
    assert "govdesk init --admin" in str(info.value)
    assert db.actor is None


def test_check_password_counts_failures_like_a_login(db, clerk, clock):
    accounts.sign_in(db, clerk, PASSWORD, clock=clock)
    assert accounts.check_password(db, PASSWORD, clock=clock) is True
    assert accounts.check_password(db, "wrong-password", clock=clock) is False
    assert stored(db, clerk)["failed_attempts"] == 1
    with pytest.raises(LoginRefused) as info:
        accounts.check_password(db, PASSWORD, clock=clock)
    assert info.value.reason == "delayed"
    clock.advance(1)
    assert accounts.check_password(db, PASSWORD, clock=clock) is True
    assert stored(db, clerk)["failed_attempts"] == 0


# -- first administrator and new accounts --------------------------------------------------------------
def test_the_first_administrator_only_once(db):
    db.actor = None
    assert not accounts.has_accounts(db)
    actor = accounts.create_first_admin(db, username="zhang", password=PASSWORD)
    assert actor.role is Role.ADMIN
    assert actor.user_id == stored(db, "zhang")["id"]
    assert db.actor is None  # creating is not signing in
    assert accounts.has_accounts(db)
    created = audit_rows(db, "create")[-1]
    assert (created["username"], created["record_type"]) == ("zhang", "user_account")
    assert "password_hash" not in created["detail"]
    with pytest.raises(DomainError, match="已有账户"):
        accounts.create_first_admin(db, username="other", password=PASSWORD)


def test_new_passwords_must_be_strong_enough(db):
    assert [i.key for i in accounts.password_issues("li", "short")] == ["password.short"]
    assert [i.key for i in accounts.password_issues("liming123", "LiMing123")] == [
        "password.username"
    ]
    assert [i.key for i in accounts.password_issues("li", accounts.DEMO_PASSWORD)] == [
        "password.demo"
    ]
    assert accounts.password_issues("li", "a long enough one") == []
    with pytest.raises(DomainError, match="至少需要8个字符"):
        accounts.create_first_admin(db, username="zhang", password="1234567")
    with pytest.raises(DomainError, match="不能含空格"):
        accounts.create_account(db, username="li ming", password=PASSWORD, role=Role.CLERK)
    with pytest.raises(DomainError, match="不是有效的角色"):
        accounts.create_account(db, username="liming", password=PASSWORD, role="boss")
    assert not accounts.has_accounts(db)


def test_demo_accounts_one_per_role(db, clock):
    accounts.create_demo_accounts(db)
    for username, role in accounts.DEMO_ACCOUNTS.items():
        assert accounts.login(db, username, accounts.DEMO_PASSWORD, clock=clock).role is role
    assert {a.role for a in accounts.list_accounts(db)} == set(Role)


# -- passwords after creation -------------------------------------------------------------------------
def test_a_user_changes_their_own_password(db, clerk, clock):
    accounts.sign_in(db, clerk, PASSWORD, clock=clock)
    updates = len(audit_rows(db, "update"))
    with pytest.raises(DomainError, match="原密码不正确"):
        accounts.change_password(db, old_password="wrong-password", new_password="new-pass-77")
    with pytest.raises(DomainError, match="不能与原密码相同"):
        accounts.change_password(db, old_password=PASSWORD, new_password=PASSWORD)
    accounts.change_password(db, old_password=PASSWORD, new_password="new-pass-77")
    assert fail(db, clerk, PASSWORD, clock).reason == "wrong"
    clock.advance(1)
    accounts.login(db, clerk, "new-pass-77", clock=clock)
    entry = audit_rows(db, "password_changed")[-1]
    assert entry["username"] == clerk
    assert entry["detail"] == {"account": clerk, "must_change": False}
    assert len(audit_rows(db, "update")) == updates  # one entry, not an UPDATE beside it


def test_an_administrator_resets_a_password_which_must_then_be_changed(db, clerk, clock):
    for delay in [1, 2, 4, 8, 0]:
        fail(db, clerk, "wrong-password", clock)
        clock.advance(delay)
    accounts.reset_password(db, username=clerk, new_password="temporary-1")
    info = {a.username: a for a in accounts.list_accounts(db)}[clerk]
    assert info.must_change_password
    assert not info.locked(clock())
    accounts.sign_in(db, clerk, "temporary-1", clock=clock)
    assert accounts.account_info(db).must_change_password
    accounts.change_password(db, old_password="temporary-1", new_password="my-own-pass")
    assert not accounts.account_info(db).must_change_password
    entry = audit_rows(db, "password_changed")[0]
    assert entry["username"] == "admin"
    assert entry["detail"] == {"account": clerk, "must_change": True}


# -- administration ---------------------------------------------------------------------------------
def test_the_last_active_administrator_is_kept(db):
    accounts.create_first_admin(db, username="zhang", password=PASSWORD)
    with pytest.raises(DomainError, match="最后一个启用的管理员"):
        accounts.set_role(db, username="zhang", role=Role.CLERK)
    with pytest.raises(DomainError, match="最后一个启用的管理员"):
        accounts.set_active(db, username="zhang", active=False)
    accounts.create_account(db, username="liu", password=PASSWORD, role=Role.ADMIN)
    accounts.set_active(db, username="liu", active=False)
    # An inactive administrator does not count.
    with pytest.raises(DomainError, match="最后一个启用的管理员"):
        accounts.set_role(db, username="zhang", role=Role.VIEWER)
    accounts.set_active(db, username="liu", active=True)
    accounts.set_role(db, username="zhang", role=Role.VIEWER)
    roles = {a.username: (a.role, a.active) for a in accounts.list_accounts(db)}
    assert roles == {"zhang": (Role.VIEWER, True), "liu": (Role.ADMIN, True)}
    change = audit_rows(db, "update")[-1]
    assert change["record_type"] == "user_account"
    assert change["detail"] == {"role": ["admin", "viewer"]}


def test_unknown_accounts_are_named_in_the_refusal(db):
    with pytest.raises(DomainError, match="没有用户名为“ghost”的账户"):
        accounts.unlock(db, username="ghost")
    with pytest.raises(DomainError, match="ghost"):
        accounts.set_role(db, username="ghost", role=Role.CLERK)


def test_idle_minutes(db):
    assert accounts.idle_minutes(db) == accounts.DEFAULT_IDLE_MINUTES == 10
    accounts.set_idle_minutes(db, 0)
    assert accounts.idle_minutes(db) == 0
    accounts.set_idle_minutes(db, 25)
    assert accounts.idle_minutes(db) == 25
    with pytest.raises(DomainError):
        accounts.set_idle_minutes(db, -1)
    assert audit_rows(db, "update")[-1]["detail"] == {"idle_lock_minutes": [0, 25]}


ADMIN_CALLS = {
    "create_account": lambda db: accounts.create_account(
        db, username="newone", password=PASSWORD, role=Role.CLERK
    ),
    "reset_password": lambda db: accounts.reset_password(
        db, username="wangli", new_password="other-pass-1"
    ),
    "unlock": lambda db: accounts.unlock(db, username="wangli"),
    "set_role": lambda db: accounts.set_role(db, username="wangli", role=Role.ADMIN),
    "set_active": lambda db: accounts.set_active(db, username="wangli", active=False),
    "set_display_name": lambda db: accounts.set_display_name(
        db, username="wangli", display_name="王莉"
    ),
    "list_accounts": accounts.list_accounts,
    "account_info": lambda db: accounts.account_info(db, "wangli"),
    "set_idle_minutes": lambda db: accounts.set_idle_minutes(db, 30),
}


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_only_administrators_manage_accounts(db, clerk, role):
    before = stored(db, clerk)
    entries = len(audit_rows(db))
    db.actor = Actor("someone", role)
    for name, call in ADMIN_CALLS.items():
        with pytest.raises(PermissionDenied, match="管理账户"):
            call(db)
            pytest.fail(f"{name} was allowed for {role}")
    assert stored(db, clerk) == before
    # Only the refusals are written down: one per call, naming the permission asked for.
    after = audit_rows(db)[entries:]
    assert [r["action"] for r in after] == ["refused"] * len(ADMIN_CALLS)
    assert {r["detail"]["permission"] for r in after} == {"accounts.manage"}
    assert {r["username"] for r in after} == {"someone"}
    assert accounts.idle_minutes(db) == 10


def test_nobody_signed_in_manages_nothing(db, clerk):
    db.actor = None
    for name, call in ADMIN_CALLS.items():
        with pytest.raises(PermissionDenied, match="请先登录"):
            call(db)
            pytest.fail(f"{name} was allowed without signing in")


def test_everyone_reads_their_own_account(db, clerk, clock):
    accounts.sign_in(db, clerk, PASSWORD, clock=clock)
    assert accounts.account_info(db).username == clerk
    assert accounts.account_info(db, "WANGLI").role is Role.CLERK


def test_govdesk_demo_makes_the_demo_accounts(tmp_path, clock):
    from govdesk.services import demo
    from govdesk.store.database import Database

    result = demo.create_demo(tmp_path / "demo.db", residents=0)
    assert result.accounts == list(accounts.DEMO_ACCOUNTS)
    db = Database.open(tmp_path / "demo.db")
    try:
        actor = accounts.sign_in(db, "viewer", accounts.DEMO_PASSWORD, clock=clock)
        assert actor.role is Role.VIEWER
    finally:
        db.close()


def test_a_read_only_copy_signs_in_without_writing_and_still_delays(db, clerk, clock):
    from govdesk.store.database import Database

    db.close()
    before = db.path.read_bytes()
    copy = Database.open(db.path, read_only=True)
    try:
        with pytest.raises(LoginRefused) as wrong:
            accounts.sign_in(copy, clerk, "not-the-password", clock=clock)
        assert wrong.value.reason == "wrong"
        # The failure is remembered although the file cannot hold it: the delay applies.
        with pytest.raises(LoginRefused) as delayed:
            accounts.sign_in(copy, clerk, PASSWORD, clock=clock)
        assert delayed.value.reason == "delayed"
        clock.advance(1.5)
        actor = accounts.sign_in(copy, clerk, PASSWORD, clock=clock)
        assert (actor.username, actor.role) == (clerk, Role.CLERK)
        accounts.sign_out(copy)
    finally:
        copy.close()
    assert db.path.read_bytes() == before
