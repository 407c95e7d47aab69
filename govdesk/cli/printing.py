"""`govdesk print`: registry, mediation, grid and volunteer forms as A4 PDFs (the same services as the window)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from govdesk.cli import open_db, terminal_progress
from govdesk.domain import idnumber, messages
from govdesk.domain.messages import DomainError, Issue
from govdesk.forms import registry_print
from govdesk.services import registry

messages.register(
    {
        "print.no_item": (
            "没有第 {item} 份记录：该案件共有 {count} 份",
            "There is no record number {item}: the case has {count}",
        ),
    }
)


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
    p = sub.add_parser("print", parents=[common], help="print a form to a PDF file")
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

    # The catalogue only: the printing modules load when a form is printed.
    from govdesk.forms import mediation_catalog as catalog

    for form in catalog.FORMS:
        title = catalog.TITLES[form]
        mf = forms.add_parser(form, parents=[common], help=f"{title} of a mediation case")
        mf.add_argument("--case", required=True, help="案号, e.g. （2026）X人调字第12号")
        mf.add_argument("--out", type=Path, required=True, help="PDF file to write")
        if form in catalog.ITEM_FORMS:
            mf.add_argument(
                "--item",
                type=int,
                metavar="N",
                help="only the N-th record (1 = the first); all of them when left out",
            )
        mf.set_defaults(func=run_mediation_form, mediation_form=form)
    cf = forms.add_parser(
        catalog.CASE_FILE,
        parents=[common],
        help="the whole 卷宗 of a mediation case (several --case: one PDF)",
    )
    cf.add_argument("--case", required=True, action="append", help="案号; repeat for a batch")
    cf.add_argument("--out", type=Path, required=True, help="PDF file to write")
    cf.set_defaults(func=run_case_file)
    _register_grid_forms(forms, common)
    _register_volunteer_forms(forms, common)


# -- grid printouts -------------------------------------------------------------------------


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def _register_grid_forms(
    forms: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    for form, title, printer in (
        ("grid-roster", "网格员公示表 (grid roster)", "print_roster"),
        ("grid-card", "网格员联系卡, four to a page (contact cards)", "print_cards"),
    ):
        gp = forms.add_parser(form, parents=[common], help=title)
        gp.add_argument(
            "--grid",
            action="append",
            metavar="CODE",
            help="only this grid and its sub-grids (code or id); repeat for several",
        )
        gp.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="the day (default: today)")
        gp.add_argument(
            "--masked", action="store_true", help="mask phones even where the role may print them"
        )
        gp.add_argument("--out", type=Path, required=True, help="PDF file to write")
        gp.set_defaults(func=run_grid_form, grid_printer=printer)
    ws = forms.add_parser(
        "visit-worksheet", parents=[common], help="走访任务单 of a grid worker (due visits)"
    )
    who = ws.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--staff",
        action="append",
        help="the grid worker's name or record id; repeat for several in one PDF",
    )
    who.add_argument(
        "--all",
        dest="all_workers",
        action="store_true",
        help="every full-time and part-time grid worker of the day, one after another",
    )
    ws.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD", help="the day of the round (default: today)"
    )
    ws.add_argument(
        "--masked", action="store_true", help="mask phones even where the role may print them"
    )
    ws.add_argument("--out", type=Path, required=True, help="PDF file to write")
    ws.set_defaults(func=run_visit_worksheet)


def _grid_ids(db, keys: list[str] | None) -> list[str] | None:
    from govdesk.services import grids

    if not keys:
        return None
    ids = []
    with db.session() as session:
        for key in keys:
            grid = grids.find_grid(session, key)
            if grid is None:
                raise DomainError(Issue("grid", "grids.no_grid", {"grid": key}))
            ids.append(grid.id)
    return ids


def run_grid_form(args: argparse.Namespace) -> int:
    """The roster or the cards: the same choice of grids and day, another layout."""
    from govdesk.forms import grid_print

    printer = getattr(grid_print, args.grid_printer)
    db = open_db(args)
    try:
        out = printer(db, args.out, on=args.on, grid_ids=_grid_ids(db, args.grid), mask=args.masked)
    finally:
        db.close()
    print(out)
    return 0


def run_visit_worksheet(args: argparse.Namespace) -> int:
    from govdesk.forms import grid_print

    db = open_db(args)
    try:
        staff_ids = None
        if args.staff:
            with db.session() as session:
                staff_ids = [grid_print.find_staff(session, key).id for key in args.staff]
        if staff_ids is not None and len(staff_ids) == 1:
            out = grid_print.print_worksheet(
                db, args.out, staff_id=staff_ids[0], today=args.today, mask=args.masked
            )
        else:
            out = grid_print.print_worksheets(
                db,
                args.out,
                staff_ids=staff_ids,
                today=args.today,
                mask=args.masked,
                progress=terminal_progress(),
            )
    finally:
        db.close()
    print(out)
    return 0


# -- volunteer printouts --------------------------------------------------------------------


def _register_volunteer_forms(
    forms: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    cert = forms.add_parser(
        "certificate", parents=[common], help="志愿服务证明 of a volunteer (certificate of service)"
    )
    cert.add_argument("--volunteer", required=True, metavar="ID|NUMBER", help="e.g. V0012")
    cert.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD")
    cert.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    cert.add_argument(
        "--masked", action="store_true", help="mask the ID number even where the role may print it"
    )
    listing = cert.add_mutually_exclusive_group()
    listing.add_argument(
        "--itemised",
        dest="itemised",
        action="store_const",
        const=True,
        help="list every line of service (default: up to 40 lines, then summed up by kind)",
    )
    listing.add_argument(
        "--summary",
        dest="itemised",
        action="store_const",
        const=False,
        help="sum the service up by kind, however few the lines",
    )
    cert.add_argument("--out", type=Path, required=True, help="PDF file to write")
    cert.set_defaults(func=run_certificate)
    duty = forms.add_parser("duty-roster", parents=[common], help="排班表 of a week (landscape)")
    duty.add_argument(
        "--week", type=_date, metavar="YYYY-MM-DD", help="any day of the week (default: this week)"
    )
    duty.add_argument("--out", type=Path, required=True, help="PDF file to write")
    duty.set_defaults(func=run_duty_roster)
    team = forms.add_parser("team-roster", parents=[common], help="志愿服务队花名册 of a team")
    team.add_argument("--team", required=True, metavar="NAME|ID", help="the team's name or id")
    team.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="the day (default: today)")
    team.add_argument(
        "--masked", action="store_true", help="mask phones even where the role may print them"
    )
    team.add_argument("--out", type=Path, required=True, help="PDF file to write")
    team.set_defaults(func=run_team_roster)


def run_certificate(args: argparse.Namespace) -> int:
    from govdesk.forms import volunteer_print

    db = open_db(args)
    try:
        with db.session() as session:
            volunteer_id = volunteer_print.find_volunteer(session, args.volunteer).id
        out = volunteer_print.print_certificate(
            db,
            volunteer_id,
            out=args.out,
            start=args.start,
            end=args.end,
            mask=args.masked,
            itemised=args.itemised,
        )
    finally:
        db.close()
    print(out)
    return 0


def run_duty_roster(args: argparse.Namespace) -> int:
    from govdesk.forms import volunteer_print

    db = open_db(args)
    try:
        out = volunteer_print.print_duty_roster(db, out=args.out, week=args.week)
    finally:
        db.close()
    print(out)
    return 0


def run_team_roster(args: argparse.Namespace) -> int:
    from govdesk.forms import volunteer_print

    db = open_db(args)
    try:
        with db.session() as session:
            team_id = volunteer_print.find_team(session, args.team).id
        out = volunteer_print.print_team_roster(
            db, team_id, out=args.out, on=args.on, mask=args.masked
        )
    finally:
        db.close()
    print(out)
    return 0


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


def run_mediation_form(args: argparse.Namespace) -> int:
    from govdesk.forms import mediation_print

    db = open_db(args)
    try:
        form = args.mediation_form
        item_id = None
        with db.session() as session:
            case_id = mediation_print.find_case_id(session, args.case)
            if getattr(args, "item", None) is not None:
                ids = mediation_print.item_ids(session, case_id, form)
                if not 1 <= args.item <= len(ids):
                    raise DomainError(
                        Issue("item", "print.no_item", {"item": args.item, "count": len(ids)})
                    )
                item_id = ids[args.item - 1]
        out = mediation_print.print_form(db, case_id, form, args.out, item_id=item_id)
    finally:
        db.close()
    print(out)
    return 0


def run_case_file(args: argparse.Namespace) -> int:
    from govdesk.forms import mediation_print

    db = open_db(args)
    try:
        with db.session() as session:
            case_ids = [mediation_print.find_case_id(session, c) for c in args.case]
        progress = terminal_progress()
        if len(case_ids) == 1:
            out = mediation_print.print_case_file(db, case_ids[0], args.out, progress=progress)
        else:
            out = mediation_print.print_case_files(db, case_ids, args.out, progress)
    finally:
        db.close()
    print(out)
    return 0
