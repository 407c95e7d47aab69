"""`govdesk screenshot`: renders the main window with one tab open to a PNG (the README picture)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from govdesk.cli import open_db
from govdesk.domain.messages import DomainError, Issue

TAB_NAMES = (
    "residents",
    "grids",
    "mediation",
    "volunteers",
    # a township database (ui/township)
    "township_offices",
    "township_residents",
    "township_grids",
    "township_cases",
    "township_hours",
    "township_duplicates",
    "township_figures",
    "township_reference",
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "screenshot", parents=[common], help="render the main window with one tab open to a PNG"
    )
    p.add_argument("--tab", default="residents", help=f"one of: {', '.join(TAB_NAMES)}")
    p.add_argument("--out", type=Path, required=True, help="PNG file to write")
    p.add_argument("--size", default="1366x768", help="window size WIDTHxHEIGHT (default 1366x768)")
    p.set_defaults(func=run)


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{3,5})\s*[xX×*]\s*(\d{3,5})\s*", text)
    if not m:
        raise ValueError(f"--size must look like 1366x768, not {text!r}")
    return int(m.group(1)), int(m.group(2))


def needs_offscreen(environ: os._Environ[str] | dict[str, str]) -> bool:
    """No screen to draw on (a server, CI): Qt's offscreen platform draws into memory instead."""
    if environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("win") or sys.platform == "darwin":
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def fail(message: str) -> int:
    print(f"govdesk screenshot: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        return fail("--db is required")
    if args.tab not in TAB_NAMES:
        return fail(f"unknown tab {args.tab!r}; the tabs are: {', '.join(TAB_NAMES)}")
    try:
        width, height = parse_size(args.size)
    except ValueError as exc:
        return fail(str(exc))
    if not args.db.is_file():
        raise DomainError(Issue("database", "db.missing", {"path": args.db}))
    # The picture shows what the signed-in user's role may see, nothing more.
    db = open_db(args)
    actor = db.actor
    db.close()
    if needs_offscreen(os.environ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Qt is imported only now, after the platform is chosen.
    from govdesk.ui.app import render_window

    try:
        image = render_window(args.db, args.tab, (width, height), lang=args.lang, actor=actor)
    except KeyError:
        return fail(f"the {args.tab!r} tab is not available in this version of govdesk")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out), "PNG"):
        return fail(f"cannot write {args.out}")
    print(args.out)
    return 0
