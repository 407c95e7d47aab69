"""`govdesk audit verify|export`: check the audit trail's hash chain, or export it to xlsx."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from govdesk.cli import bilingual, db_path, open_db, terminal_progress
from govdesk.domain import audit_labels
from govdesk.domain.audit import AuditAction


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("audit", help="check the audit trail's integrity, or export it")
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    check = actions.add_parser(
        "verify",
        parents=[common],
        help="walk the hash chain; exit 1 naming the first entry that was edited, removed "
        "or reordered (needs no sign-in: it shows nothing personal, and changes nothing)",
    )
    check.add_argument(
        "--anchor",
        metavar="SEQ:HASH",
        help="an entry noted down from an earlier check: it must still be in the trail with "
        "this hash (shows a trail rewritten as a whole)",
    )
    check.set_defaults(func=run_verify)

    exp = actions.add_parser(
        "export",
        parents=[common],
        help="write the trail to an xlsx (administrator; sign in with --user)",
    )
    exp.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    # --user is the account that signs in, so the entries' user is --by.
    exp.add_argument("--by", metavar="NAME", help="only entries by this user")
    exp.add_argument(
        "--action",
        type=_action,
        help="only this action: " + ", ".join(a.value for a in AuditAction) + " (or 登录, 修改…)",
    )
    exp.add_argument("--record", help="only entries about this record id, or with this text")
    exp.add_argument(
        "--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="from this day"
    )
    exp.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="to this day")
    exp.set_defaults(func=run_export)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def _action(value: str) -> str:
    for action in AuditAction:
        if value.strip().lower() in (
            action.value,
            audit_labels.action_label(action, "zh_CN"),
            audit_labels.action_label(action, "en").lower(),
        ):
            return action.value
    raise argparse.ArgumentTypeError(f"unknown action: {value}")


def run_verify(args: argparse.Namespace) -> int:
    """Exit 0: the chain holds; 1: it does not (the first bad entry is named); 2: no database."""
    from govdesk.services import audit
    from govdesk.store.database import Database

    # Read-only: an inspector's check must not change the file it checks (no upgrade,
    # no journal switch), and it may run while the office has the file open.
    # No whole-file quick_check first: the walk reads every entry anyway and reports a
    # damaged page as the point where the trail cannot be read.
    db = Database.open(db_path(args), read_only=True, check=False)
    try:
        result = audit.verify(db, anchor=args.anchor, progress=terminal_progress())
    finally:
        db.close()
    if result.ok:
        print(result.message)
        if result.anchor:
            # Kept outside the file, this shows later that the trail was not rewritten.
            print(
                bilingual(
                    "末条（可记下，供以后 --anchor 核对）：",
                    "newest entry (note it for a later --anchor): ",
                )
                + result.anchor
            )
        return 0
    print(bilingual("审计日志未通过校验：", "The audit trail FAILED the check: ") + result.message)
    return 1


def run_export(args: argparse.Namespace) -> int:
    from govdesk.services import audit

    db = open_db(args)
    try:
        count = audit.export_xlsx(
            db,
            args.out,
            progress=terminal_progress(),
            user=args.by,
            action=args.action,
            record=args.record,
            date_from=args.date_from,
            date_to=args.date_to,
        )
    finally:
        db.close()
    print(
        bilingual(f"已导出审计日志{count}条：{args.out}", f"exported {count} entries: {args.out}")
    )
    return 0
