"""`govdesk users`: accounts from the command line (administrators; `passwd` for oneself too)."""

from __future__ import annotations

import argparse
import datetime as dt

from govdesk.cli import NEW_PASSWORD_ENV, bilingual, open_db, read_password, sign_in_user
from govdesk.domain.messages import language
from govdesk.domain.permissions import Permission, Role, role_label
from govdesk.services import accounts, authz

ROLE_HELP = ", ".join(r.value for r in Role) + " (or the Chinese name, e.g. 登记员)"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "users",
        help="list and manage accounts (administrator; passwd also for your own password)",
    )
    actions = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    ls = actions.add_parser("list", parents=[common], help="every account with role and state")
    ls.set_defaults(func=run_list)

    add = actions.add_parser(
        "add",
        parents=[common],
        help=f"a new account (its password from a prompt or {NEW_PASSWORD_ENV})",
    )
    add.add_argument("name", help="the new username")
    add.add_argument("--role", required=True, help=ROLE_HELP)
    add.add_argument("--display-name", default="", help="the person's name, e.g. 王丽")
    add.set_defaults(func=run_add)

    unlock = actions.add_parser("unlock", parents=[common], help="lift a lock after failed logins")
    unlock.add_argument("name")
    unlock.set_defaults(func=run_unlock)

    passwd = actions.add_parser(
        "passwd",
        parents=[common],
        help=f"change your own password, or (administrator) set NAME's; the new one from a "
        f"prompt or {NEW_PASSWORD_ENV}",
    )
    passwd.add_argument("name", nargs="?", help="another user's account (administrator)")
    passwd.set_defaults(func=run_passwd)

    role = actions.add_parser("set-role", parents=[common], help="give an account another role")
    role.add_argument("name")
    role.add_argument("role", help=ROLE_HELP)
    role.set_defaults(func=run_set_role)

    off = actions.add_parser(
        "deactivate", parents=[common], help="stop an account signing in (it is kept)"
    )
    off.add_argument("name")
    off.set_defaults(func=run_active, active=False)

    on = actions.add_parser("activate", parents=[common], help="let a deactivated account in again")
    on.add_argument("name")
    on.set_defaults(func=run_active, active=True)

    idle = actions.add_parser(
        "idle-minutes",
        parents=[common],
        help="minutes without input before the window locks (0: never); shows it without N",
    )
    idle.add_argument("minutes", type=int, nargs="?", metavar="N")
    idle.set_defaults(func=run_idle)


def run_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = accounts.list_accounts(db)
    finally:
        db.close()
    now = dt.datetime.now(dt.UTC)
    lang = language()
    for a in rows:
        if not a.active:
            state = bilingual("停用", "inactive")
        elif a.locked(now):
            state = bilingual(
                f"锁定至{_local(a.locked_until)}", f"locked until {_local(a.locked_until)}"
            )
        elif a.must_change_password:
            state = bilingual("启用（待修改密码）", "active (password to be changed)")
        else:
            state = bilingual("启用", "active")
        last = _local(a.last_login_at) if a.last_login_at else "-"
        name = a.display_name or "-"
        print(f"{a.username}\t{name}\t{role_label(a.role, lang)}\t{state}\t{last}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        authz.require(db, Permission.ACCOUNTS_MANAGE)  # before asking for a password
        role = accounts.parse_role(args.role)
        password = _new_password(args.name)
        accounts.create_account(
            db,
            username=args.name,
            password=password,
            role=role,
            display_name=args.display_name,
            must_change_password=True,
        )
    finally:
        db.close()
    print(
        bilingual(
            f"已创建账户 {args.name}（{role_label(role, 'zh_CN')}），首次登录后须修改密码",
            f"Created account {args.name} ({role_label(role, 'en')}); "
            "the password must be changed at the first sign-in",
        )
    )
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        accounts.unlock(db, username=args.name)
    finally:
        db.close()
    print(bilingual(f"已解锁 {args.name}", f"Unlocked {args.name}"))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    db = open_db(args, sign_in=False)
    try:
        current = sign_in_user(db, args, remind=False)
        me = db.actor
        assert me is not None
        if args.name is None or args.name.strip().lower() == me.username.lower():
            new = _new_password(me.username)
            accounts.change_password(db, old_password=current, new_password=new)
            who = me.username
        else:
            authz.require(db, Permission.ACCOUNTS_MANAGE)
            new = _new_password(args.name)
            accounts.reset_password(db, username=args.name, new_password=new)
            who = args.name
    finally:
        db.close()
    if who == me.username:
        print(bilingual(f"{who} 的密码已修改", f"The password of {who} was changed"))
    else:
        print(
            bilingual(
                f"{who} 的密码已重设，其下次登录后须修改",
                f"The password of {who} was set; they must change it at the next sign-in",
            )
        )
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        role = accounts.parse_role(args.role)
        accounts.set_role(db, username=args.name, role=role)
    finally:
        db.close()
    print(
        bilingual(
            f"{args.name} 现为{role_label(role, 'zh_CN')}",
            f"{args.name} is now: {role_label(role, 'en')}",
        )
    )
    return 0


def run_active(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        accounts.set_active(db, username=args.name, active=args.active)
    finally:
        db.close()
    if args.active:
        print(bilingual(f"已启用 {args.name}", f"Activated {args.name}"))
    else:
        print(bilingual(f"已停用 {args.name}", f"Deactivated {args.name}"))
    return 0


def run_idle(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.minutes is not None:
            accounts.set_idle_minutes(db, args.minutes)
        minutes = accounts.idle_minutes(db)
    finally:
        db.close()
    if minutes == 0:
        print(bilingual("不自动锁定", "The window never locks by itself"))
    else:
        print(
            bilingual(
                f"无操作{minutes}分钟后锁定",
                f"The window locks after {minutes} minutes without input",
            )
        )
    return 0


def _new_password(username: str) -> str:
    """A new password from GOVDESK_NEW_PASSWORD or typed twice (the service checks it)."""
    return read_password(
        bilingual(f"{username} 的新密码：", f"New password for {username}: "),
        env=NEW_PASSWORD_ENV,
        confirm=bilingual("再次输入新密码：", "Type it again: "),
    )


def _local(moment: dt.datetime | None) -> str:
    return "-" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")
