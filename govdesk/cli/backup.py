"""`govdesk backup` and `govdesk restore`: the window's backup menu from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govdesk.cli import bilingual, db_path, open_db, read_password, sign_in_user
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Actor, Permission
from govdesk.services import backups
from govdesk.services.authz import require
from govdesk.store import writer_lock
from govdesk.store.database import Database

PASSPHRASE_ENV = "GOVDESK_BACKUP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "GOVDESK_NEW_BACKUP_PASSPHRASE"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="back up the office database (encrypted once a backup passphrase is set)",
        description="Make a consistent, encrypted copy of the database while it may be in "
        "use. Without --out the copy goes to the backups folder beside the database. "
        "--set-passphrase sets or changes the backup passphrase (administrators); the "
        f"new one comes from {NEW_PASSPHRASE_ENV} or a prompt, the current one from "
        f"{PASSPHRASE_ENV} or a prompt.",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="where to write the backup")
    p.add_argument(
        "--set-passphrase", action="store_true", help="set or change the backup passphrase"
    )
    p.add_argument(
        "--new-key",
        action="store_true",
        help="with --set-passphrase: the current passphrase is lost, make a new key "
        "(earlier backups keep needing their old passphrase)",
    )
    p.set_defaults(func=run_backup)

    r = sub.add_parser(
        "restore",
        parents=[common],
        help="restore a backup file over the office database (the old file is kept aside)",
        description="Restore FILE to the database path. The file there now is renamed "
        "<name>-replaced-<time>.db and kept. The passphrase comes from "
        f"{PASSPHRASE_ENV} or a prompt. When the current database can be opened and has "
        "accounts, --user must name an account allowed to restore backups.",
    )
    r.add_argument("file", type=Path, metavar="FILE", help="the backup file (.gdbak or .db)")
    r.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.set_passphrase:
            return _set_passphrase(db, new_key=args.new_key)
        encrypted = backups.has_backup_key(db)
        path = backups.make_backup(db, args.out)
    finally:
        db.close()
    print(path)
    if not encrypted:
        print(
            bilingual(
                "警告：尚未设置备份口令，这份备份没有加密，其中的居民个人信息任何人都能读取。"
                "请用 govdesk backup --set-passphrase 设置口令。",
                "Warning: no backup passphrase is set, so this backup is NOT encrypted and "
                "anyone can read the personal data in it. Set one with "
                "govdesk backup --set-passphrase.",
            ),
            file=sys.stderr,
        )
    return 0


def _set_passphrase(db: Database, *, new_key: bool) -> int:
    require(db, Permission.SETTINGS_MANAGE)  # before any prompt
    old = None
    if backups.has_backup_key(db) and not new_key:
        old = read_password(
            bilingual("当前的备份口令：", "Current backup passphrase: "), env=PASSPHRASE_ENV
        )
    new = read_password(
        bilingual("新的备份口令：", "New backup passphrase: "),
        env=NEW_PASSPHRASE_ENV,
        confirm=bilingual("再输入一次：", "Again: "),
    )
    backups.set_backup_passphrase(db, new, old_passphrase=old, new_key=new_key)
    print(
        bilingual(
            "备份口令已设置。今后的备份都会加密；恢复时需要这个口令，请妥善保管。",
            "The backup passphrase is set. Backups are encrypted from now on; restoring "
            "needs this passphrase, so keep it safe.",
        )
    )
    return 0


def _restoring_actor(args: argparse.Namespace, target: Path) -> Actor | None:
    """Who restores: the signed-in --user when the current database can be opened and has
    accounts; nobody (the passphrase alone) when it is missing or cannot be opened."""
    from govdesk.services import accounts

    if not target.exists():
        return None
    try:
        db = Database.open(target, upgrade=False, check=False)
    except DomainError:
        return None  # damaged or not a database: the passphrase is the only authority left
    try:
        try:
            has_accounts = accounts.has_accounts(db)
        except Exception:  # noqa: BLE001 - a file from before accounts existed has none
            has_accounts = False
        if not has_accounts:
            return None
        sign_in_user(db, args)
        return db.actor
    finally:
        db.close()


def run_restore(args: argparse.Namespace) -> int:
    target = db_path(args)
    summary = backups.describe(args.file)  # a file that is not a backup is named before any prompt
    held_by = writer_lock.holder(target)
    if held_by is not None:  # replacing the file under an open window would lose its work
        raise DomainError(Issue("database", "cli.held_by_window", {"holder": held_by}))
    actor = _restoring_actor(args, target)
    passphrase = ""
    if summary.encrypted:
        passphrase = read_password(
            bilingual("备份口令：", "Backup passphrase: "), env=PASSPHRASE_ENV
        )
    result = backups.restore_backup(args.file, target, passphrase, actor=actor)
    print(bilingual(f"已恢复到 {result.path}", f"Restored to {result.path}"))
    if result.replaced is not None:
        print(
            bilingual(
                f"原来的文件保留为 {result.replaced}",
                f"The file that was there is kept as {result.replaced}",
            )
        )
    return 0
