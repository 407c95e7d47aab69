"""`govdesk township figures|duplicates|categories|category`: the township's figures, duplicates, categories."""

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
    listing = actions.add_parser(
        "categories",
        parents=[common],
        help="list the township's own care categories (the list it sends down), tab-separated: "
        "order, code, name, English name, sensitive, in use",
    )
    listing.set_defaults(func=run_categories)
    one = actions.add_parser(
        "category",
        parents=[common],
        help="change one of the township's care categories, or add one with --add",
    )
    one.add_argument("code", metavar="CODE", help="the category's code, e.g. subsistence")
    one.add_argument("--add", action="store_true", help="add a new category with this code")
    one.add_argument("--name-zh", help="名称")
    one.add_argument("--name-en", help="英文名称")
    one.add_argument("--sensitive", choices=["yes", "no"], help="敏感类别")
    one.add_argument("--active", choices=["yes", "no"], help="启用")
    one.add_argument("--order", type=int, help="排序 (0–9999; the list is sorted by it)")
    one.set_defaults(func=run_category)


def _township_db(args: argparse.Namespace):  # noqa: ANN202 - a Database
    from govdesk.services import township

    db = open_db(args)
    if not township.is_township(db):
        db.close()
        raise DomainError(Issue("database", "township.not_township"))
    return db


def _yes(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def _category_line(c) -> str:  # noqa: ANN001 - care_categories.Category
    return "\t".join(
        [str(c.sort_order), c.code, c.name_zh, c.name_en, _flag(c.sensitive), _flag(c.active)]
    )


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def run_categories(args: argparse.Namespace) -> int:
    from govdesk.services import care_categories

    db = _township_db(args)
    try:
        found = care_categories.categories(db)
    finally:
        db.close()
    for c in found:
        print(_category_line(c))
    return 0


def run_category(args: argparse.Namespace) -> int:
    from govdesk.services import care_categories

    db = _township_db(args)
    try:
        if args.add:
            if args.name_zh is None:
                raise DomainError(Issue("name_zh", "care_category.name_required"))
            made = care_categories.add_category(
                db,
                args.code,
                args.name_zh,
                args.name_en or "",
                bool(_yes(args.sensitive)),
                active=_yes(args.active) is not False,
                sort_order=args.order,
            )
            print(bilingual(f"已新增关爱类别：{made.name_zh}", f"care category added: {made.code}"))
        else:
            made = care_categories.update_category(
                db,
                args.code,
                name_zh=args.name_zh,
                name_en=args.name_en,
                sensitive=_yes(args.sensitive),
                active=_yes(args.active),
                sort_order=args.order,
            )
        print(_category_line(made))
    finally:
        db.close()
    return 0


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
