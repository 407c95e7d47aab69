"""`govdesk residents import|export`: the register to and from spreadsheets, as the window does it.

Signed in as --user (cli.open_db): import and export need their permissions, exports are
masked unless the role may reveal numbers, and both are written to the audit trail.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govdesk.cli import open_db, terminal_progress
from govdesk.domain.messages import language
from govdesk.services import privacy, residents_export, residents_import


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("residents", help="import or export the resident register")
    actions = p.add_subparsers(dest="residents_command", metavar="ACTION", required=True)

    imp = actions.add_parser(
        "import", parents=[common], help="import residents from .xlsx, .xls, .ods or .csv"
    )
    imp.add_argument("file", type=Path, help="the spreadsheet to import")
    imp.add_argument(
        "--report", type=Path, help="write every problem to this CSV (row,field,reason)"
    )
    imp.set_defaults(func=run_import)

    exp = actions.add_parser(
        "export", parents=[common], help="export the residents on the register"
    )
    exp.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    """Exit 0: every row imported; 1: some rows rejected; 2: the file cannot be used."""
    # Read the file before opening the database: a useless file changes nothing at all.
    plan = residents_import.plan_import(args.file)
    db = open_db(args)
    try:
        report = residents_import.run_import(db, plan, progress=terminal_progress())
    finally:
        db.close()
    zh = language() != "en"
    for p in report.problems:
        kind = ("提示" if zh else "warning") if p.warning else ("拒绝" if zh else "rejected")
        where = f"第{p.row}行" if zh else f"row {p.row}"
        # Terminals end up in logs and scrollback: ID numbers show masked there
        # (the --report file, which the clerk asked for, keeps the full message).
        print(f"{where} {p.field} [{kind}] {privacy.mask_ids_in_text(p.reason)}")
    if args.report:
        residents_import.write_report(report, args.report)
    if zh:
        print(
            f"导入{report.imported}人，拒绝{report.rejected}行，新建{report.households_created}户"
        )
    print(f"imported {report.imported}, rejected {report.rejected}")
    return 1 if report.rejected else 0


def run_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        count = residents_export.export_residents(db, args.out, progress=terminal_progress())
    finally:
        db.close()
    print(f"已导出{count}人：{args.out}" if language() != "en" else f"exported {count}: {args.out}")
    return 0
