"""One entry point: the window by default, subcommands for scripting (same services as the window)."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govdesk import __version__
from govdesk.domain import messages
from govdesk.domain.messages import DomainError
from govdesk.paths import default_db_path

if TYPE_CHECKING:
    from govdesk.store.database import Database

# Each module defines register(subparsers, common) and sets a `func` default.
COMMAND_MODULES = ("init", "demo", "residents", "screenshot", "printing")


def db_path(args: argparse.Namespace) -> Path:
    """The --db given, or the default database in the user's data folder."""
    return args.db if args.db is not None else default_db_path()


def open_db(args: argparse.Namespace) -> Database:
    """The database a subcommand works on; DatabaseError (exit 2) when it cannot be used."""
    from govdesk.store.database import Database

    return Database.open(db_path(args))


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
