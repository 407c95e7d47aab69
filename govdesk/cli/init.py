"""`govdesk init`: a new, empty office database, as the first-run dialog makes it."""

from __future__ import annotations

import argparse

from govdesk.services import office


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create a new, empty office database")
    p.add_argument("--office-name", required=True, help="e.g. 幸福社区居民委员会")
    p.add_argument("--division", required=True, help="12-digit statistical division code")
    p.add_argument("--kind", choices=["community", "village", "township"], default="community")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        from govdesk.cli import default_db_path

        args.db = default_db_path()
    db = office.init_database(
        args.db, name=args.office_name, division_code=args.division, kind=args.kind
    )
    db.close()
    print(args.db)
    return 0
