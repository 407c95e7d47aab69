"""One entry point: the window by default, subcommands for scripting (same services as the window)."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from govdesk import __version__
from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue
from govdesk.paths import default_db_path

if TYPE_CHECKING:
    from govdesk.store.database import Database

# Each module defines register(subparsers, common) and sets a `func` default.
COMMAND_MODULES = (
    "init",
    "demo",
    "residents",
    "screenshot",
    "printing",
    "users",
    "backup",
    "audit",
    "mediation",
    "grids",
    "volunteers",
    "exchange",
    "township",
)

# Scripts give the password here instead of at a prompt; it never appears on a command line.
PASSWORD_ENV = "GOVDESK_PASSWORD"
# A new password (another user's, or one's own new one) for `users add` and `users passwd`.
NEW_PASSWORD_ENV = "GOVDESK_NEW_PASSWORD"

messages.register(
    {
        "cli.user_required": (
            "该命令需要登录：请用 --user 用户名 指定账户"
            "（密码从提示输入，或设置环境变量 GOVDESK_PASSWORD）",
            "This command needs you to sign in: give --user NAME "
            "(the password is asked for, or taken from GOVDESK_PASSWORD)",
        ),
        "cli.no_terminal": (
            "没有可以输入密码的终端：请设置环境变量 {env}",
            "There is no terminal to type a password on: set the environment variable {env}",
        ),
        "cli.password_mismatch": (
            "两次输入的密码不一致",
            "The two passwords typed differ",
        ),
        "cli.must_change_password": (
            "您的密码由管理员设置，请先用 govdesk users passwd 改为只有您知道的密码，再做其他操作",
            "An administrator set your password: first change it to one only you know "
            "with govdesk users passwd, then try again",
        ),
        "cli.held_by_window": (
            "该数据库正由 {holder} 在govdesk窗口中使用，命令行只能读取，不能修改。",
            "{holder} has this database open in the govdesk window; "
            "the command line may read it but not change it.",
        ),
    }
)


def db_path(args: argparse.Namespace) -> Path:
    """The --db given, or the default database in the user's data folder."""
    return args.db if args.db is not None else default_db_path()


def open_db(args: argparse.Namespace, *, sign_in: bool = True) -> Database:
    """The database a subcommand works on, signed in as --user; DomainError (exit 2) when
    it cannot be used or signing in is refused.

    `sign_in=False` opens without an actor, for commands that read no personal data.
    """
    from govdesk.store import writer_lock
    from govdesk.store.database import Database

    path = db_path(args)
    # A window holding the file stays its one writer: the command line then only reads,
    # and any change it tries is refused with the holder's name.
    held_by = writer_lock.holder(path)
    db = Database.open(path, read_only=held_by is not None)
    if held_by is not None:
        db.read_only_note = messages.text("cli.held_by_window", holder=held_by)
        print(db.read_only_note, file=sys.stderr)
    if sign_in:
        try:
            sign_in_user(db, args)
        except BaseException:
            db.close()
            raise
    return db


def sign_in_user(db: Database, args: argparse.Namespace, *, remind: bool = True) -> str:
    """Sign in as --user with the password from GOVDESK_PASSWORD or a prompt; returns the
    password, for `users passwd`, which needs it again as the old password."""
    from govdesk.services import accounts

    if not accounts.has_accounts(db):
        raise accounts.LoginRefused(Issue("username", "login.no_accounts"), reason="no_accounts")
    username = getattr(args, "user", None)
    if not username:
        raise DomainError(Issue("user", "cli.user_required"))
    password = read_password(bilingual(f"{username} 的密码：", f"Password for {username}: "))
    accounts.sign_in(db, username, password)
    # As in the window: a password an administrator set is replaced before any other work.
    if remind and accounts.account_info(db).must_change_password:
        accounts.sign_out(db)
        raise DomainError(Issue("password", "cli.must_change_password"))
    return password


def read_password(prompt: str, *, env: str = PASSWORD_ENV, confirm: str | None = None) -> str:
    """A password from the environment variable `env`, else typed at the terminal (twice
    when `confirm` is the second prompt); refuses when there is neither."""
    given = os.environ.get(env)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise DomainError(Issue("password", "cli.no_terminal", {"env": env}))
    password = getpass.getpass(prompt)
    if confirm is not None and getpass.getpass(confirm) != password:
        raise DomainError(Issue("password", "cli.password_mismatch"))
    return password


def bilingual(zh: str, en: str) -> str:
    """The text in the interface language, for the CLI's own short messages."""
    return en if messages.language() == "en" else zh


def common_options(default: object = None) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=default,
        help="database file (default: the one in your user data folder)",
    )
    common.add_argument(
        "--lang", choices=["zh_CN", "en"], default=default, help="interface language"
    )
    common.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help=f"sign in as this account (password from a prompt or {PASSWORD_ENV})",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    # The options may stand before or after the subcommand. The subcommand's copies
    # default to SUPPRESS, so an option given before it is not reset to None after it.
    common = common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="govdesk",
        parents=[common_options()],
        description="govdesk: resident registry, grids, mediation and volunteers for community offices",
    )
    parser.add_argument("--version", action="version", version=f"govdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"govdesk.cli.{name}").register(sub, common)
    return parser


def _window_only(argv: list[str]) -> argparse.Namespace | None:
    """The options when argv asks for nothing but the window, else None.

    Building the full parser imports every subcommand and, through them, the database
    layer; the window wants to paint before that happens (see govdesk.ui.app.run_window).
    """
    args, rest = common_options().parse_known_args(argv)
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _window_only(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    else:
        args.command = None
    if args.lang:
        messages.set_language(args.lang)
    try:
        if args.command is None:
            from govdesk.ui.app import run_window

            return run_window(db_path=args.db, lang=args.lang)
        return int(args.func(args) or 0)
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `govdesk mediation list | head`: the reader has had enough; not an error. Point
        # stdout at nothing so the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def terminal_progress() -> Callable[[int, int], None] | None:
    """A percentage on the terminal for long work; nothing when output goes to a file."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != shown[0]:
            shown[0] = percent
            end = "\n" if done >= total else ""
            print(f"\r{done}/{total} ({percent}%)", end=end, file=sys.stderr, flush=True)

    return show
