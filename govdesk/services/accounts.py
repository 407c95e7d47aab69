"""Accounts: Argon2id passwords, signing in with lockout after failed attempts, and user administration."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, select, update
from sqlmodel import col

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import UserAccount, table_of, utcnow
from govdesk.domain.permissions import ROLE_LABELS, SYSTEM, Actor, Permission, Role
from govdesk.services import authz
from govdesk.store import audit_log
from govdesk.store.database import Database

MAX_FAILED = 5
LOCK_MINUTES = 15
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 24 * 60
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
MAX_USERNAME_LENGTH = 40
IDLE_KEY = "idle_lock_minutes"

# The only fixed password in govdesk: demo databases made by `govdesk demo`.
DEMO_PASSWORD = "govdesk-demo"
DEMO_ACCOUNTS: dict[str, Role] = {
    "admin": Role.ADMIN,
    "clerk": Role.CLERK,
    "grid": Role.GRID,
    "mediator": Role.MEDIATOR,
    "volunteers": Role.VOLUNTEERS,
    "viewer": Role.VIEWER,
}

Clock = Callable[[], dt.datetime]

messages.register(
    {
        "login.refused": ("用户名或密码不正确", "Wrong username or password"),
        "login.delayed": (
            "尝试过于频繁，请在{seconds}秒后再试",
            "Too many attempts; try again in {seconds} s",
        ),
        "login.locked": (
            "登录失败次数过多，账户已锁定，请在{minutes}分钟后再试，或请管理员解锁",
            "Too many failed attempts: the account is locked; try again in {minutes} min "
            "or ask an administrator to unlock it",
        ),
        "login.inactive": (
            "该账户已停用，请联系管理员",
            "This account has been deactivated; ask an administrator",
        ),
        "login.no_accounts": (
            "该数据库还没有任何账户，请先创建管理员（govdesk init --admin 用户名）",
            "This database has no accounts yet; create the administrator first "
            "(govdesk init --admin NAME)",
        ),
        "account.exists_first": (
            "该数据库已有账户，不能再创建初始管理员",
            "This database already has accounts; the first administrator exists",
        ),
        "account.username": (
            "用户名须为1至{max}个字符，不能含空格",
            "A username has 1 to {max} characters and no spaces",
        ),
        "account.username_taken": ("用户名“{username}”已被使用", "Username '{username}' is taken"),
        "account.unknown": ("没有用户名为“{username}”的账户", "No account named '{username}'"),
        "account.role": ("“{raw}”不是有效的角色", "'{raw}' is not a valid role"),
        "account.last_admin": (
            "“{username}”是最后一个启用的管理员，不能停用或改为其他角色",
            "'{username}' is the last active administrator and must stay one",
        ),
        "account.idle_minutes": (
            "自动锁定时间须为0至{max}分钟（0表示不自动锁定）",
            "The idle time is 0 to {max} minutes (0: never lock)",
        ),
        "password.short": (
            "密码至少需要{min}个字符",
            "A password needs at least {min} characters",
        ),
        "password.long": (
            "密码不能超过{max}个字符",
            "A password has at most {max} characters",
        ),
        "password.username": (
            "密码不能与用户名相同",
            "The password must not be the username",
        ),
        "password.demo": (
            "这是演示数据库的公开密码，不能用作真实密码",
            "This is the published demo password; it cannot be a real password",
        ),
        "password.same": (
            "新密码不能与原密码相同",
            "The new password must differ from the old one",
        ),
        "password.old_wrong": ("原密码不正确", "The current password is wrong"),
    }
)

# argon2-cffi's defaults are RFC 9106's low-memory profile (64 MiB, 3 passes).
_hasher = PasswordHasher(type=Type.ID)
_table = table_of(UserAccount)


class LoginRefused(DomainError):
    """Signing in was refused; `retry_after` (seconds) is set when waiting will help.

    `reason` is one of "wrong" (unknown user or wrong password: the same text for both),
    "delayed", "locked", "inactive" or "no_accounts".
    """

    def __init__(self, issue: Issue, *, reason: str, retry_after: float | None = None):
        super().__init__(issue)
        self.reason = reason
        self.retry_after = retry_after


@dataclass(frozen=True)
class AccountInfo:
    """One account as the administrator's list shows it (never the password hash)."""

    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    failed_attempts: int
    must_change_password: bool = False
    id: str = ""
    created_at: dt.datetime | None = None
    password_changed_at: dt.datetime | None = None

    def locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and (now or utcnow()) < self.locked_until


# -- passwords ---------------------------------------------------------------------
def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Unknown usernames are checked against this, so they take as long as a wrong password.
    return _hasher.hash("govdesk: no account has this password")


def password_issues(username: str, password: str) -> list[Issue]:
    """Why a new password cannot be used; empty when it can."""
    issues = []
    if len(password) < MIN_PASSWORD_LENGTH:
        issues.append(Issue("password", "password.short", {"min": MIN_PASSWORD_LENGTH}))
    if len(password) > MAX_PASSWORD_LENGTH:
        issues.append(Issue("password", "password.long", {"max": MAX_PASSWORD_LENGTH}))
    if username.strip() and password.strip().casefold() == username.strip().casefold():
        issues.append(Issue("password", "password.username"))
    if password == DEMO_PASSWORD:
        issues.append(Issue("password", "password.demo"))
    return issues


def username_issues(username: str) -> list[Issue]:
    name = username.strip()
    if not name or len(name) > MAX_USERNAME_LENGTH or any(c.isspace() for c in name):
        return [Issue("username", "account.username", {"max": MAX_USERNAME_LENGTH})]
    if not name.isprintable():
        return [Issue("username", "account.username", {"max": MAX_USERNAME_LENGTH})]
    return []


def parse_role(value: Role | str) -> Role:
    """A role from its code (clerk) or its label in either language (登记员, Registry clerk)."""
    if isinstance(value, Role):
        return value
    wanted = value.strip().casefold()
    for role in Role:
        if wanted in (role.value, *(label.casefold() for label in ROLE_LABELS[role])):
            return role
    raise DomainError(Issue("role", "account.role", {"raw": value}))


_role = parse_role


# -- reading accounts ------------------------------------------------------------------
def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite keeps datetimes without a zone; govdesk writes them in UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _find(conn: Connection, username: str) -> Any:
    """The account row of a username; case does not matter (usernames differ by more)."""
    return (
        conn.execute(
            select(_table).where(func.lower(_table.c.username) == username.strip().lower())
        )
        .mappings()
        .first()
    )


def _info(row: Any) -> AccountInfo:
    return AccountInfo(
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        active=bool(row["active"]),
        locked_until=_aware(row["locked_until"]),
        last_login_at=_aware(row["last_login_at"]),
        failed_attempts=int(row["failed_attempts"]),
        must_change_password=bool(row["must_change_password"]),
        id=row["id"],
        created_at=_aware(row["created_at"]),
        password_changed_at=_aware(row["password_changed_at"]),
    )


def _actor(row: Any) -> Actor:
    return Actor(username=row["username"], role=Role(row["role"]), user_id=row["id"])


def has_accounts(db: Database) -> bool:
    with db.connect() as conn:
        return conn.execute(select(func.count()).select_from(_table)).scalar_one() > 0


def list_accounts(db: Database) -> list[AccountInfo]:
    """Every account, active or not, by username (ACCOUNTS_MANAGE)."""
    authz.require(db, Permission.ACCOUNTS_MANAGE)
    with db.connect() as conn:
        rows = conn.execute(select(_table).order_by(_table.c.username)).mappings().all()
    return [_info(r) for r in rows]


def account_info(db: Database, username: str | None = None) -> AccountInfo:
    """One account: the signed-in user's own (username None or theirs), others need ACCOUNTS_MANAGE."""
    actor = authz.actor_of(db)
    name = actor.username if username is None else username
    if name.strip().lower() != actor.username.lower():
        authz.require(db, Permission.ACCOUNTS_MANAGE)
    with db.connect() as conn:
        row = _find(conn, name)
    if row is None:
        raise DomainError(Issue("username", "account.unknown", {"username": name}))
    return _info(row)


# -- signing in ----------------------------------------------------------------------
@dataclass
class _Attempts:
    """The failure count of one username, as the lockout rules read it."""

    failed: int = 0
    last_failed_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


def delay_after(failed: int) -> float:
    """Seconds the next attempt must wait after `failed` consecutive failures: 0, 1, 2, 4, 8."""
    return 0.0 if failed <= 0 else float(2 ** (failed - 1))


def _waiting(state: _Attempts, now: dt.datetime) -> LoginRefused | None:
    """The refusal while the account is locked or the delay has not passed, else None."""
    if state.locked_until is not None and now < state.locked_until:
        seconds = (state.locked_until - now).total_seconds()
        minutes = max(1, -(-int(seconds) // 60))
        return LoginRefused(
            Issue("password", "login.locked", {"minutes": minutes}),
            reason="locked",
            retry_after=seconds,
        )
    if 0 < state.failed < MAX_FAILED and state.last_failed_at is not None:
        ready = state.last_failed_at + dt.timedelta(seconds=delay_after(state.failed))
        if now < ready:
            seconds = (ready - now).total_seconds()
            return LoginRefused(
                Issue("password", "login.delayed", {"seconds": max(1, round(seconds))}),
                reason="delayed",
                retry_after=seconds,
            )
    return None


def _failed(state: _Attempts, now: dt.datetime) -> tuple[_Attempts, LoginRefused]:
    """The state after one more wrong password, and the refusal to give."""
    # A lock that has run out gives a fresh round of attempts.
    expired = state.locked_until is not None and now >= state.locked_until
    failed = (0 if expired else state.failed) + 1
    if failed >= MAX_FAILED:
        until = now + dt.timedelta(minutes=LOCK_MINUTES)
        return _Attempts(failed, now, until), LoginRefused(
            Issue("password", "login.locked", {"minutes": LOCK_MINUTES}),
            reason="locked",
            retry_after=LOCK_MINUTES * 60.0,
        )
    return _Attempts(failed, now, None), LoginRefused(
        Issue("password", "login.refused"), reason="wrong", retry_after=delay_after(failed)
    )


# Unknown usernames get the same delays and lock as real ones, kept in memory only, so
# that what a refusal says does not tell which usernames exist.
_unknown: dict[tuple[str, str], _Attempts] = {}
_UNKNOWN_KEPT = 1000
_unknown_lock = threading.Lock()


def login(db: Database, username: str, password: str, *, clock: Clock = utcnow) -> Actor:
    """Check a username and password; the actor on success, LoginRefused otherwise.

    Every attempt is written to the audit trail (never the password). Does not set db.actor.
    """
    now = _utc(clock())
    with db.connect() as conn:
        row = _find(conn, username)
    if row is None:
        return _refuse_unknown(db, username, password, now)
    state = _Attempts(
        int(row["failed_attempts"]), _aware(row["last_failed_at"]), _aware(row["locked_until"])
    )
    if db.read_only:
        return _login_read_only(db, row, state, password, now)
    # Refused before the password is even checked, so waiting out the delay is the only
    # way forward and a locked account answers nothing about its password.
    refusal = _waiting(state, now)
    if refusal is not None:
        _audit(db, row, AuditAction.LOGIN_FAILED, {"reason": refusal.reason})
        raise refusal
    if not _verify(row["password_hash"], password):
        new_state, refusal = _failed(state, now)
        with db.begin() as conn:
            conn.execute(
                update(_table)
                .where(_table.c.id == row["id"])
                .values(
                    failed_attempts=new_state.failed,
                    last_failed_at=new_state.last_failed_at,
                    locked_until=new_state.locked_until,
                )
            )
            _append(
                conn,
                row,
                AuditAction.LOGIN_FAILED,
                {"reason": "wrong_password", "attempts": new_state.failed},
            )
            if refusal.reason == "locked":
                _append(conn, row, AuditAction.ACCOUNT_LOCKED, {"minutes": LOCK_MINUTES})
        raise refusal
    if not row["active"]:
        _audit(db, row, AuditAction.LOGIN_FAILED, {"reason": "inactive"})
        raise LoginRefused(Issue("username", "login.inactive"), reason="inactive")
    values: dict[str, Any] = {
        "failed_attempts": 0,
        "last_failed_at": None,
        "locked_until": None,
        "last_login_at": now,
    }
    detail: dict[str, object] = {}
    if _hasher.check_needs_rehash(row["password_hash"]):
        # Stronger parameters of a newer govdesk take effect at the next sign-in.
        values["password_hash"] = _hasher.hash(password)
        detail["rehashed"] = True
    with db.begin() as conn:
        conn.execute(update(_table).where(_table.c.id == row["id"]).values(**values))
        _append(conn, row, AuditAction.LOGIN, detail)
    return _actor(row)


# A read-only copy cannot store failed attempts nor write the trail; its own attempts
# are counted in memory on top of what the file holds, so the delays and the lock still hold.
_read_only_attempts: dict[tuple[str, str], _Attempts] = {}


def _login_read_only(
    db: Database, row: Any, stored: _Attempts, password: str, now: dt.datetime
) -> Actor:
    key = (str(db.path), str(row["username"]).lower())
    with _unknown_lock:
        state = _read_only_attempts.get(key, stored)
    refusal = _waiting(state, now)
    if refusal is not None:
        raise refusal
    if not _verify(row["password_hash"], password):
        state, refusal = _failed(state, now)
        with _unknown_lock:
            _read_only_attempts[key] = state
        raise refusal
    if not row["active"]:
        raise LoginRefused(Issue("username", "login.inactive"), reason="inactive")
    with _unknown_lock:
        _read_only_attempts.pop(key, None)
    return _actor(row)


def _refuse_unknown(db: Database, username: str, password: str, now: dt.datetime) -> Actor:
    key = (str(db.path), username.strip().lower())
    with _unknown_lock:
        state = _unknown.get(key, _Attempts())
    refusal = _waiting(state, now)
    if refusal is None:
        _verify(_dummy_hash(), password)
        state, refusal = _failed(state, now)
        with _unknown_lock:
            if len(_unknown) >= _UNKNOWN_KEPT:  # a script trying names must not fill memory
                _unknown.clear()
            _unknown[key] = state
    if not db.read_only:
        with db.begin() as conn:
            audit_log.append(
                conn,
                username=username.strip(),
                action=AuditAction.LOGIN_FAILED,
                detail={"reason": "unknown_user"},
            )
    raise refusal


def sign_in(db: Database, username: str, password: str, *, clock: Clock = utcnow) -> Actor:
    """login(), then the database acts as that user (db.actor)."""
    if not has_accounts(db):
        raise LoginRefused(Issue("username", "login.no_accounts"), reason="no_accounts")
    actor = login(db, username, password, clock=clock)
    db.actor = actor
    return actor


def sign_out(db: Database) -> None:
    """The signed-in user leaves; written to the audit trail."""
    if db.actor is not None and db.actor.user_id is not None and not db.read_only:
        db.audit(AuditAction.LOGOUT, record_type="user_account", record_id=db.actor.user_id)
    db.actor = None


def check_password(db: Database, password: str, *, clock: Clock = utcnow) -> bool:
    """The signed-in user's password again (unlocking an idle session).

    False for a wrong password, which counts as a failed attempt like a login; raises
    LoginRefused while the account is locked or the delay has not passed (retry_after),
    or when the account has been deactivated meanwhile.
    """
    actor = authz.actor_of(db)
    try:
        login(db, actor.username, password, clock=clock)
    except LoginRefused as exc:
        if exc.reason == "wrong":
            return False
        raise
    return True


def _append(conn: Connection, row: Any, action: AuditAction, detail: dict[str, object]) -> None:
    audit_log.append(
        conn,
        username=row["username"],
        action=action,
        record_type="user_account",
        record_id=row["id"],
        detail=detail,
    )


def _audit(db: Database, row: Any, action: AuditAction, detail: dict[str, object]) -> None:
    with db.begin() as conn:
        _append(conn, row, action, detail)


# -- creating accounts --------------------------------------------------------------------
def _check_new(conn: Connection, username: str, password: str) -> list[Issue]:
    issues = username_issues(username) + password_issues(username, password)
    if not issues and _find(conn, username) is not None:
        issues.append(Issue("username", "account.username_taken", {"username": username.strip()}))
    return issues


def create_first_admin(
    db: Database, *, username: str, password: str, display_name: str = ""
) -> Actor:
    """The first administrator of a new database; refused once any account exists.

    Does not sign in: the caller sets db.actor (or calls sign_in) when it wants to.
    """
    actor: Actor | None = None
    with db.session() as s:
        conn = s.connection()
        if conn.execute(select(func.count()).select_from(_table)).scalar_one() > 0:
            raise DomainError(Issue("username", "account.exists_first"))
        issues = _check_new(conn, username, password)
        if issues:
            raise DomainError(issues)
        account = UserAccount(
            username=username.strip(),
            display_name=display_name.strip(),
            role=Role.ADMIN.value,
            password_hash=hash_password(password),
        )
        actor = Actor(account.username, Role.ADMIN, account.id)
        # The trail says the administrator created their own account.
        s.info["actor"] = actor
        s.add(account)
    return actor


def create_account(
    db: Database,
    *,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    must_change_password: bool = False,
) -> UserAccount:
    """A new account (ACCOUNTS_MANAGE); audited as a create by the administrator.

    `must_change_password`: the password the administrator chose is only for the first sign-in.
    """
    authz.require(db, Permission.ACCOUNTS_MANAGE)
    role = _role(role)
    with db.session() as s:
        issues = _check_new(s.connection(), username, password)
        if issues:
            raise DomainError(issues)
        account = UserAccount(
            username=username.strip(),
            display_name=display_name.strip(),
            role=role.value,
            password_hash=hash_password(password),
            must_change_password=must_change_password,
        )
        s.add(account)
    return account


def create_demo_accounts(db: Database) -> list[str]:
    """The demo accounts, one per role, all with DEMO_PASSWORD; only `govdesk demo` calls this."""
    with db.session() as s:
        s.info["actor"] = SYSTEM
        for username, role in DEMO_ACCOUNTS.items():
            s.add(
                UserAccount(
                    username=username,
                    display_name=username,
                    role=role.value,
                    password_hash=hash_password(DEMO_PASSWORD),
                )
            )
    return list(DEMO_ACCOUNTS)


# -- passwords after creation ------------------------------------------------------------------
def change_password(
    db: Database, *, old_password: str, new_password: str, clock: Clock = utcnow
) -> None:
    """The signed-in user's own password; the old one must be given again."""
    actor = authz.actor_of(db)
    with db.connect() as conn:
        row = _find(conn, actor.username)
    if row is None:
        raise DomainError(Issue("username", "account.unknown", {"username": actor.username}))
    if not _verify(row["password_hash"], old_password):
        raise DomainError(Issue("old_password", "password.old_wrong"))
    issues = password_issues(row["username"], new_password)
    if new_password == old_password:
        issues.append(Issue("password", "password.same"))
    if issues:
        raise DomainError(issues)
    _store_password(db, row, new_password, clock=clock, must_change=False, by=actor)


def reset_password(
    db: Database, *, username: str, new_password: str, clock: Clock = utcnow
) -> None:
    """An administrator sets someone's password (ACCOUNTS_MANAGE); they must change it at
    their next sign-in. Also lifts a lock: a forgotten password is why accounts lock."""
    admin = authz.require(db, Permission.ACCOUNTS_MANAGE)
    row = _existing(db, username)
    issues = password_issues(row["username"], new_password)
    if issues:
        raise DomainError(issues)
    own = row["id"] == admin.user_id
    _store_password(db, row, new_password, clock=clock, must_change=not own, by=admin)


def _store_password(
    db: Database, row: Any, password: str, *, clock: Clock, must_change: bool, by: Actor
) -> None:
    # Core, not the ORM session: the trail gets one PASSWORD_CHANGED entry, not an UPDATE too.
    with db.begin() as conn:
        conn.execute(
            update(_table)
            .where(_table.c.id == row["id"])
            .values(
                password_hash=hash_password(password),
                password_changed_at=_utc(clock()),
                must_change_password=must_change,
                failed_attempts=0,
                last_failed_at=None,
                locked_until=None,
            )
        )
        audit_log.append(
            conn,
            username=by.username,
            action=AuditAction.PASSWORD_CHANGED,
            record_type="user_account",
            record_id=row["id"],
            detail={"account": row["username"], "must_change": must_change},
        )


# -- administration ---------------------------------------------------------------------------
def _existing(db: Database, username: str) -> Any:
    with db.connect() as conn:
        row = _find(conn, username)
    if row is None:
        raise DomainError(Issue("username", "account.unknown", {"username": username.strip()}))
    return row


def unlock(db: Database, *, username: str) -> None:
    """Lift a lock and forget the failed attempts (ACCOUNTS_MANAGE)."""
    admin = authz.require(db, Permission.ACCOUNTS_MANAGE)
    row = _existing(db, username)
    with db.begin() as conn:
        conn.execute(
            update(_table)
            .where(_table.c.id == row["id"])
            .values(failed_attempts=0, last_failed_at=None, locked_until=None)
        )
        audit_log.append(
            conn,
            username=admin.username,
            action=AuditAction.ACCOUNT_UNLOCKED,
            record_type="user_account",
            record_id=row["id"],
            detail={"account": row["username"], "failed_attempts": int(row["failed_attempts"])},
        )


def _change(db: Database, username: str, apply: Callable[[UserAccount], None]) -> None:
    """Change one account through a session (audited as an update), keeping an administrator."""
    authz.require(db, Permission.ACCOUNTS_MANAGE)
    with db.session() as s:
        account = s.scalars(
            select(UserAccount).where(
                func.lower(col(UserAccount.username)) == username.strip().lower()
            )
        ).first()
        if account is None:
            raise DomainError(Issue("username", "account.unknown", {"username": username.strip()}))
        was_admin = account.active and account.role == Role.ADMIN.value
        apply(account)
        still_admin = account.active and account.role == Role.ADMIN.value
        if was_admin and not still_admin:
            others = s.connection().execute(
                select(func.count())
                .select_from(_table)
                .where(
                    _table.c.role == Role.ADMIN.value,
                    _table.c.active.is_(True),
                    _table.c.id != account.id,
                )
            )
            if others.scalar_one() == 0:
                raise DomainError(
                    Issue("username", "account.last_admin", {"username": account.username})
                )
        s.add(account)


def set_role(db: Database, *, username: str, role: Role | str) -> None:
    """Give an account another role (ACCOUNTS_MANAGE); the last active administrator stays one."""
    new_role = _role(role)

    def apply(account: UserAccount) -> None:
        account.role = new_role.value

    _change(db, username, apply)


def set_active(db: Database, *, username: str, active: bool) -> None:
    """Deactivate or reactivate an account (ACCOUNTS_MANAGE); accounts are never deleted."""

    def apply(account: UserAccount) -> None:
        account.active = active

    _change(db, username, apply)


def set_display_name(db: Database, *, username: str, display_name: str) -> None:
    def apply(account: UserAccount) -> None:
        account.display_name = display_name.strip()

    _change(db, username, apply)


# -- idle lock ------------------------------------------------------------------------------------
def idle_minutes(db: Database) -> int:
    """Minutes without input after which the window locks; 0 means never."""
    value = db.meta(IDLE_KEY)
    try:
        return DEFAULT_IDLE_MINUTES if value is None else max(0, int(value))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def set_idle_minutes(db: Database, minutes: int) -> None:
    """Set the idle lock time (ACCOUNTS_MANAGE); 0 turns the lock off."""
    admin = authz.require(db, Permission.ACCOUNTS_MANAGE)
    if not isinstance(minutes, int) or not 0 <= minutes <= MAX_IDLE_MINUTES:
        raise DomainError(Issue("minutes", "account.idle_minutes", {"max": MAX_IDLE_MINUTES}))
    old = idle_minutes(db)
    with db.begin() as conn:
        db.set_meta(conn, IDLE_KEY, str(minutes))
        audit_log.append(
            conn,
            username=admin.username,
            action=AuditAction.UPDATE,
            record_type="meta",
            record_id=IDLE_KEY,
            detail={IDLE_KEY: [old, minutes]},
        )
