"""`govdesk print`: the registry's paper forms as A4 PDFs (the same services as the window)."""

from __future__ import annotations

import argparse
from pathlib import Path

from govdesk.cli import open_db
from govdesk.domain import idnumber
from govdesk.domain.messages import DomainError, Issue
from govdesk.forms import registry_print
from govdesk.services import registry


def _options() -> argparse.ArgumentParser:
    """--db and --lang accepted after the form name too, without hiding a value given earlier
    (`govdesk --db X print resident`): argparse copies a subparser's defaults over it."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="database file")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS)
    p.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help="sign in as")
    return p


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    common = _options()
    p = sub.add_parser("print", parents=[common], help="print a registry form to a PDF file")
    forms = p.add_subparsers(dest="form", metavar="FORM", required=True)

    res = forms.add_parser("resident", parents=[common], help="居民信息登记表 of one person")
    who = res.add_mutually_exclusive_group(required=True)
    who.add_argument("--id-number", help="公民身份号码 of the person")
    who.add_argument("--person-id", help="the person's record id")
    res.add_argument("--out", type=Path, required=True, help="PDF file to write")
    res.set_defaults(func=run_resident)

    hh = forms.add_parser("household", parents=[common], help="户信息表 of one household")
    hh.add_argument("--household-number", required=True, help="户号")
    hh.add_argument("--out", type=Path, required=True, help="PDF file to write")
    hh.set_defaults(func=run_household)


def run_resident(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        person_id = args.person_id
        if args.id_number:
            with db.session() as session:
                person = registry.find_by_id_number(
                    session, id_number=idnumber.normalise(args.id_number)
                )
                if person is None:
                    raise DomainError(Issue("person", "not_found"))
                person_id = person.id
        out = registry_print.resident_pdf(db, person_id, args.out)
    finally:
        db.close()
    print(out)
    return 0


def run_household(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        with db.session() as session:
            household = registry.find_household(session, household_number=args.household_number)
            if household is None:
                raise DomainError(Issue("household", "not_found"))
            household_id = household.id
        out = registry_print.household_pdf(db, household_id, args.out)
    finally:
        db.close()
    print(out)
    return 0
