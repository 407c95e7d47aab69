"""`govdesk township figures|duplicates`: the township's figures as xlsx, its cross-office duplicates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govdesk.cli import bilingual, open_db
from govdesk.domain.messages import DomainError, Issue


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("township", help="a township database: figures across offices, duplicates")
    actions = p.add_subparsers(dest="township_command", metavar="ACTION", required=True)
    figures = actions.add_parser(
        "figures",
        parents=[common],
        help="write the figures across offices (residents by type, special care, mediation "
        "rates, volunteer hours) to one xlsx workbook, one sheet per topic",
    )
    figures.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    figures.add_argument("--year", type=int, help="mediation and hours of this year (default: all)")
    figures.set_defaults(func=run_figures)
    dups = actions.add_parser(
        "duplicates",
        parents=[common],
        help="list ID numbers on two offices' registers (masked), one line per office",
    )
    dups.set_defaults(func=run_duplicates)


def _township_db(args: argparse.Namespace):  # noqa: ANN202 - a Database
    from govdesk.services import township

    db = open_db(args)
    if not township.is_township(db):
        db.close()
        raise DomainError(Issue("database", "township.not_township"))
    return db


def run_figures(args: argparse.Namespace) -> int:
    from govdesk.services import township_figures

    db = _township_db(args)
    try:
        out = township_figures.write_workbook(db, args.out, year=args.year)
        offices = len(township_figures.figures(db, args.year).offices)
    finally:
        db.close()
    print(
        bilingual(
            f"已导出 {offices} 个单位的统计报表：{out}", f"figures of {offices} offices: {out}"
        )
    )
    return 0


def run_duplicates(args: argparse.Namespace) -> int:
    from govdesk.services import township_duplicates

    db = _township_db(args)
    try:
        found = township_duplicates.duplicates(db)
    finally:
        db.close()
    for d in found:
        state = d.keep_office or ("settled" if d.settled else "open")
        for e in d.entries:
            print("\t".join([d.shown_id, e.office_code, e.office_name, e.name, e.status, state]))
    print(
        bilingual(f"跨社区重复登记 {len(found)} 人", f"{len(found)} cross-office duplicates"),
        file=sys.stderr,
    )
    return 0
