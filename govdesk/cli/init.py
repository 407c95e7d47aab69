"""`govdesk init`: a new, empty office database, as the first-run dialog makes it."""

from __future__ import annotations

import argparse

from govdesk.cli import db_path
from govdesk.services import office


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create a new, empty office database")
    p.add_argument("--office-name", required=True, help="e.g. 幸福社区居民委员会")
    p.add_argument("--division", required=True, help="12-digit statistical division code")
    p.add_argument("--kind", choices=["community", "village", "township"], default="community")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.db = db_path(args)
    db = office.init_database(
        args.db, name=args.office_name, division_code=args.division, kind=args.kind
    )
    db.close()
    print(args.db)
    return 0
