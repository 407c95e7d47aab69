"""`govdesk init`: a new, empty office database with its administrator, as the first-run dialog makes it."""

from __future__ import annotations

import argparse
import sys

from govdesk.cli import PASSWORD_ENV, bilingual, db_path, read_password
from govdesk.domain.messages import DomainError, Issue
from govdesk.services import accounts, office
from govdesk.store.database import Database


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help="create a new, empty office database and its administrator",
        description="Create a new office database. With --admin the first administrator is "
        f"created too (password from a prompt or {PASSWORD_ENV}); on an existing database "
        "that has no account yet, --admin alone creates that administrator.",
    )
    p.add_argument("--office-name", help="e.g. 幸福社区居民委员会 (required for a new database)")
    p.add_argument("--division", help="12-digit statistical division code (for a new database)")
    p.add_argument("--kind", choices=["community", "village", "township"], default="community")
    p.add_argument("--admin", metavar="NAME", help="username of the first administrator")
    p.add_argument("--display-name", default="", help="the administrator's name, e.g. 张丽")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.db = db_path(args)
    creating = args.office_name is not None or args.division is not None or not args.db.exists()
    if not creating and not args.admin:
        raise DomainError(Issue("database", "db.exists", {"path": args.db}))
    if creating and (args.office_name is None or args.division is None):
        print(
            bilingual(
                "新建数据库需要 --office-name 和 --division",
                "A new database needs --office-name and --division",
            ),
            file=sys.stderr,
        )
        return 2
    password = _admin_password(args.admin) if args.admin else None
    if creating:
        db = office.init_database(
            args.db, name=args.office_name, division_code=args.division, kind=args.kind
        )
        from govdesk.exchange.keys import own_keys

        own_keys(db)  # made at first run, so the fingerprint can be read out from day one
    else:
        db = Database.open(args.db)
    try:
        if password is not None:
            accounts.create_first_admin(
                db, username=args.admin, password=password, display_name=args.display_name
            )
        elif not accounts.has_accounts(db):
            print(
                bilingual(
                    f"尚无账户：请用 govdesk init --db {args.db} --admin 用户名 创建管理员",
                    f"No accounts yet: create the administrator with "
                    f"govdesk init --db {args.db} --admin NAME",
                ),
                file=sys.stderr,
            )
    finally:
        db.close()
    print(args.db)
    return 0


def _admin_password(username: str) -> str:
    """The administrator's password, checked before any file is made."""
    issues = accounts.username_issues(username)
    if issues:
        raise DomainError(issues)
    password = read_password(
        bilingual(f"管理员 {username} 的密码：", f"Password for the administrator {username}: "),
        env=PASSWORD_ENV,
        confirm=bilingual("再次输入密码：", "Type it again: "),
    )
    issues = accounts.password_issues(username, password)
    if issues:
        raise DomainError(issues)
    return password
