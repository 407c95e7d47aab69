"""Exports the residents on the register to xlsx or CSV under the import's own headings."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import text

from govdesk.domain import codes
from govdesk.domain.audit import AuditAction
from govdesk.domain.columns import REGISTER_COLUMNS
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.domain.validation import CODED_FIELDS, DATE_FIELDS
from govdesk.services import authz
from govdesk.services.privacy import refuse_when_read_only
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store.database import Database

PROGRESS_EVERY = 1000
# Spreadsheet programs run a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
# Long digit strings that Excel would turn into numbers and truncate.
TEXT_COLUMNS = {"id_number", "phone", "household_number", "residence_permit_no", "passport_no"}
# Readable widths (in characters) for the xlsx columns.
WIDTHS = {"id_number": 21, "phone": 14, "birth_date": 12, "registered_address": 30}
WIDTHS |= {"current_address": 30, "care_categories": 18, "notes": 20, "household_number": 12}
_CARE_SEP = "\x1f"  # between care codes in the query; never typed by anyone

_QUERY = """
SELECT r.*, h.household_number AS household_number, h.household_type AS household_type,
       (SELECT group_concat(rc.category_code, :sep) FROM resident_care rc
         WHERE rc.resident_id = r.id AND rc.active = 1) AS care_codes
FROM resident r LEFT JOIN household h ON h.id = r.household_id
WHERE r.status = 'on_register'
-- rowid order: the order people were registered or imported, and no sort of a million rows
ORDER BY r.rowid
"""


def escape(value: str) -> str:
    """A leading apostrophe keeps =HYPERLINK(...) a name (CSV injection); import removes it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_residents(
    db: Database,
    out: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Write every resident on the register to `out` (.xlsx or .csv); returns the rows written.

    Needs RESIDENT_EXPORT. ID numbers, phones and document numbers are written in full only
    for a role with IDENTITY_REVEAL (the township's own registers need them), masked
    otherwise; sensitive care categories only with CARE_SENSITIVE. Every export is audited.

    The file appears only when complete: it is written beside the target and
    renamed at the end, so a cancel or a full disk never leaves half a register.
    """
    actor = authz.require(db, Permission.RESIDENT_EXPORT)
    full = actor.can(Permission.IDENTITY_REVEAL)
    sensitive = actor.can(Permission.CARE_SENSITIVE)
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise DomainError(Issue("file", "file.format", {"path": out, "suffix": suffix or "?"}))
    refuse_when_read_only(db, "export")
    partial = out.with_name(out.name + ".part")
    try:
        with db.connect() as conn:
            total = conn.execute(
                text("SELECT count(*) FROM resident WHERE status = 'on_register'")
            ).scalar_one()
            care_names = {
                row.code: (row.sort_order, row.name_zh)
                for row in conn.execute(
                    text("SELECT code, name_zh, sort_order, sensitive FROM care_category")
                )
                if sensitive or not row.sensitive
            }
            result = conn.execution_options(stream_results=True).execute(
                text(_QUERY), {"sep": _CARE_SEP}
            )
            records = _records(result, care_names, total, progress, cancel, masked=not full)
            if suffix == ".xlsx":
                written = _write_xlsx(partial, records)
            else:
                written = _write_csv(partial, records)
        # Recorded before the file is handed over: an export the trail missed never exists.
        db.audit(
            AuditAction.EXPORT,
            record_type="resident",
            detail={
                "file": str(out),
                "format": suffix[1:],
                "count": written,
                "columns": [c.zh for c in REGISTER_COLUMNS],
                "masked": not full,
                "sensitive_care": sensitive,
            },
        )
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(written, total)
    return written


def _records(
    result: Any,
    care_names: dict[str, tuple[int, str]],
    total: int,
    progress: ProgressFn | None,
    cancel: threading.Event | None,
    *,
    masked: bool = False,
) -> Iterator[list[object]]:
    """One list of display values per resident, in REGISTER_COLUMNS order.

    Care codes missing from `care_names` (sensitive ones the user may not see) are left out.
    """
    for n, row in enumerate(result):
        if n % PROGRESS_EVERY == 0:
            checkpoint(cancel)
            if progress is not None and n:
                progress(n, total)
        m = row._mapping
        values: list[object] = []
        for column in REGISTER_COLUMNS:
            key = column.key
            if key == "care_categories":
                found = [
                    care_names[c]
                    for c in (m["care_codes"] or "").split(_CARE_SEP)
                    if c in care_names
                ]
                values.append("、".join(name for _, name in sorted(found)))
            elif key == "household_type":
                values.append(
                    codes.HOUSEHOLD_TYPE.zh(m["household_type"]) if m["household_number"] else ""
                )
            elif key in CODED_FIELDS:
                values.append(CODED_FIELDS[key].zh(m[key]))
            elif key in DATE_FIELDS:
                values.append(_date(m[key]))
            elif masked and key in MASKED_FIELDS:
                values.append(mask_field(key, m[key]) or "")
            else:
                values.append(m[key] if m[key] is not None else "")
        yield values


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _write_csv(path: Path, records: Iterator[list[object]]) -> int:
    count = 0
    # utf-8-sig: the BOM tells Excel the file is UTF-8, not the local GBK.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([c.zh for c in REGISTER_COLUMNS])
        for values in records:
            writer.writerow([_csv_cell(v) for v in values])
            count += 1
    return count


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape(str(value))


def _write_xlsx(path: Path, records: Iterator[list[object]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # write_only streams rows to disk, so a million residents never sit in memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民花名册")
    for index, column in enumerate(REGISTER_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key, 10)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in REGISTER_COLUMNS:
        cell = WriteOnlyCell(ws, value=column.zh)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    keys = [c.key for c in REGISTER_COLUMNS]
    count = 0
    try:
        for values in records:
            row: list[object] = []
            for key, value in zip(keys, values, strict=True):
                if isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    row.append(cell)
                elif key in TEXT_COLUMNS and value:
                    cell = WriteOnlyCell(ws, value=escape(str(value)))
                    cell.number_format = "@"  # text: Excel keeps all 18 characters
                    row.append(cell)
                elif isinstance(value, str):
                    row.append(escape(value) if value else None)
                else:
                    row.append(value)
            ws.append(row)
            count += 1
    except BaseException:
        discard_sheet(ws)
        raise
    wb.save(path)
    return count


def discard_sheet(ws: Any) -> None:
    """Close a cancelled sheet and delete its temporary file, which openpyxl removes only on save."""
    with contextlib.suppress(Exception):
        ws.close()
    with contextlib.suppress(Exception):
        ws._writer.cleanup()
