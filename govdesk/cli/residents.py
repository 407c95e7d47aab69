"""`govdesk residents import|export|update`: the register to and from spreadsheets, and one
person's scripted corrections, as the window does them.

Signed in as --user (cli.open_db): import and export need their permissions, exports are
masked unless the role may reveal numbers, and all are written to the audit trail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlmodel import Session

from govdesk.cli import open_db, terminal_progress
from govdesk.domain import audit_labels, columns, messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.messages import DomainError, Issue, language
from govdesk.domain.models import Resident
from govdesk.domain.permissions import Permission
from govdesk.services import authz, privacy, registry, residents_export, residents_import

messages.register(
    {
        "cli.update.no_equals": (
            "“{text}”的写法不对：请写成 --set 字段=值，例如 --set 联系电话=13800000000",
            "'{text}' is not FIELD=VALUE: write it as --set FIELD=VALUE, e.g. --set phone=13800000000",
        ),
        "cli.update.unknown_field": (
            "没有名为“{field}”的字段：请用花名册的列名（如 联系电话）或英文字段名（如 phone）",
            "There is no field called '{field}': use a register heading (e.g. 联系电话) "
            "or an English field name (e.g. phone)",
        ),
        "cli.update.household_field": (
            "“{field}”属于户，不能这样修改：迁入其他户或修改户的信息请在窗口的“户”中办理",
            "'{field}' belongs to the household and cannot be set here: move the person or "
            "edit the household in the window",
        ),
        "cli.update.twice": (
            "字段“{field}”给了两次，只能给一次",
            "The field '{field}' was given twice; give it once",
        ),
        "cli.update.no_person": (
            "找不到公民身份号码为 {id_number} 的居民，没有修改任何内容",
            "No resident has the ID number {id_number}; nothing was changed",
        ),
        "cli.update.unknown_care": (
            "没有这个关爱类别：{labels}",
            "There is no such care category: {labels}",
        ),
    }
)

# Fields of the register that belong to the household, not to the person.
_HOUSEHOLD_FIELDS = frozenset({"household_number", "household_type"})
_CARE = "care_categories"


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

    upd = actions.add_parser(
        "update",
        parents=[common],
        help="correct fields of one resident, found by ID number (for scripts)",
    )
    upd.add_argument("--id-number", required=True, help="the resident's full ID number")
    upd.add_argument(
        "--set",
        dest="changes",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help="a field (English name or register heading, e.g. phone or 联系电话) and its new "
        "value, written as in an import spreadsheet; an empty value clears the field",
    )
    upd.set_defaults(func=run_update)


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


def parse_changes(pairs: list[str]) -> dict[str, str]:
    """FIELD=VALUE texts as {field name: value text}; DomainError for a bad one."""
    changes: dict[str, str] = {}
    for pair in pairs:
        field_text, sep, value = pair.partition("=")
        if not sep or not field_text.strip():
            raise DomainError(Issue("set", "cli.update.no_equals", {"text": pair}))
        name = field_text.strip()
        key = name if name in registry.EDITABLE_FIELDS else columns.match_heading(name)
        if key is None:
            raise DomainError(Issue("set", "cli.update.unknown_field", {"field": name}))
        if key in _HOUSEHOLD_FIELDS:
            raise DomainError(Issue(key, "cli.update.household_field", {"field": name}))
        if key in changes:
            raise DomainError(Issue(key, "cli.update.twice", {"field": name}))
        changes[key] = value.strip()
    return changes


def _care_labels(session: Session, person_id: str) -> str | None:
    """The person's care categories the user may see, as the register writes them."""
    names = {c.code: c for c in registry.care_categories(session, include_inactive=True)}
    en = language() == "en"
    labels = [
        (names[link.category_code].name_en or names[link.category_code].name_zh)
        if en
        else names[link.category_code].name_zh
        for link in registry.person_care(session, person_id=person_id)
        if link.category_code in names
    ]
    return "、".join(sorted(labels)) or None


def _snapshot(session: Session, person: Resident, keys: list[str]) -> dict[str, Any]:
    return {k: _care_labels(session, person.id) if k == _CARE else getattr(person, k) for k in keys}


def update_resident(
    session: Session, *, id_number: str, changes: dict[str, str]
) -> tuple[Resident, dict[str, tuple[Any, Any]], list[Issue]]:
    """Apply `changes` to the resident with `id_number` through the registry services.

    Returns the person, {field: (old, new)} for what really changed, and the warnings.
    Any refusal raises DomainError, and the caller's session then stores nothing.
    """
    person = registry.find_by_id_number(session, id_number=id_number.strip().upper())
    if person is None:
        shown = mask_field("id_number", id_number.strip())
        raise DomainError(Issue("id_number", "cli.update.no_person", {"id_number": shown}))
    keys = list(changes)
    before = _snapshot(session, person, keys)
    fields: dict[str, Any] = {k: v for k, v in changes.items() if k != _CARE}
    if fields.keys() & {"sex", "birth_date"} and "id_number" not in fields and person.id_number:
        # The form always sends the ID number along, so a sex or birth date that
        # contradicts it is refused there; the same check here.
        fields["id_number"] = person.id_number
    warnings: list[Issue] = []
    if fields:
        warnings = registry.update_person(session, person_id=person.id, changes=fields).warnings
    if _CARE in changes:
        found, unknown = registry.parse_care_labels(session, changes[_CARE])
        if unknown:
            raise DomainError(
                Issue(_CARE, "cli.update.unknown_care", {"labels": "、".join(unknown)})
            )
        registry.set_care_categories(session, person_id=person.id, category_codes=found)
    after = _snapshot(session, person, keys)
    changed = {k: (before[k], after[k]) for k in keys if before[k] != after[k]}
    return person, changed, warnings


def _shown(key: str, value: Any, reveal: bool) -> str:
    if key in MASKED_FIELDS and not reveal:
        value = mask_field(key, value)
    return audit_labels.value_text(key, value)


def run_update(args: argparse.Namespace) -> int:
    """Exit 0: stored (or nothing to change); 2: refused, and nothing was stored.

    Numbers print masked unless the role may reveal them; a stored number then printed in
    full (the old value of a corrected phone) is written to the trail as a reveal, as the
    window's 显示 is.
    """
    # A bad --set is refused before the database is even opened.
    changes = parse_changes(args.changes)
    db = open_db(args)
    try:
        reveal = authz.can(db, Permission.IDENTITY_REVEAL)
        try:
            with db.session() as session:
                person, changed, warnings = update_resident(
                    session, id_number=args.id_number, changes=changes
                )
                person_id, name, id_number = person.id, person.name, person.id_number
        except DomainError as exc:
            # The reason may quote a number from the database (a duplicate's): masked here.
            print(privacy.mask_ids_in_text(str(exc)), file=sys.stderr)
            return 2
        if reveal:
            for key, (old, _new) in changed.items():
                if key in MASKED_FIELDS and old:
                    db.audit(
                        AuditAction.REVEAL,
                        record_type="resident",
                        record_id=person_id,
                        detail={"field": key},
                    )
    finally:
        db.close()
    sep = ": " if language() == "en" else "："
    print(f"{name} {_shown('id_number', id_number, reveal)}")
    for key, (old, new) in changed.items():
        label = audit_labels.field_label(key)
        print(f"{label}{sep}{_shown(key, old, reveal)} → {_shown(key, new, reveal)}")
    if not changed:
        print("没有变化" if language() != "en" else "nothing changed")
    for issue in warnings:
        print(privacy.mask_ids_in_text(issue.message), file=sys.stderr)
    return 0
