"""Exports confirmed service hours to xlsx or CSV, in the columns the office chose (for upload
to a national volunteer platform).

The column set is a catalogue (EXPORT_COLUMNS); the office keeps its ordered choice in the
meta row "volunteer.export_columns" (SETTINGS_MANAGE, audited). Only confirmed lines are
exported: pending hours are not yet hours. ID numbers and phones are written in full only
for a role with IDENTITY_REVEAL; cells that would start a formula are escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from govdesk.domain import codes, messages
from govdesk.domain import volunteers as rules
from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.services import authz, office_settings
from govdesk.services.privacy import refuse_when_read_only
from govdesk.services.residents_export import discard_sheet, escape
from govdesk.store.database import Database

COLUMNS_KEY = "volunteer.export_columns"

messages.register(
    {
        "volunteer_export.unknown_column": (
            "未知的导出列“{column}”",
            "Unknown export column '{column}'",
        ),
        "volunteer_export.no_columns": ("至少要选择一列", "Choose at least one column"),
        "volunteer_export.format": (
            "不能导出为“{suffix}”文件，请选择 .xlsx 或 .csv",
            "Hours cannot be exported as '{suffix}'; choose .xlsx or .csv",
        ),
        "volunteer_export.repeated": ("导出列“{column}”重复", "The column '{column}' is repeated"),
        "volunteer_export.period": (
            "开始日期{start}晚于结束日期{end}",
            "The start {start} is after the end {end}",
        ),
        "privacy.what.volunteer_export": ("导出志愿服务时长", "export volunteer hours"),
    }
)


@dataclass(frozen=True)
class ExportColumn:
    code: str
    zh: str  # the heading written in the file (always Chinese: the platform's template)
    en: str  # the name shown in an English interface
    width: int = 12  # xlsx column width in characters

    @property
    def label(self) -> str:
        return self.en if messages.language() == "en" else self.zh


EXPORT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("number", "志愿者编号", "Volunteer number", 11),
    ExportColumn("name", "姓名", "Name", 10),
    ExportColumn("sex", "性别", "Sex", 6),
    ExportColumn("id_type", "证件类型", "ID type", 12),
    ExportColumn("id_number", "证件号码", "ID number", 21),
    ExportColumn("phone", "联系电话", "Phone", 14),
    ExportColumn("served_on", "服务日期", "Date served", 12),
    ExportColumn("activity", "活动名称", "Activity", 24),
    ExportColumn("project", "服务项目", "Project", 14),
    ExportColumn("place", "服务地点", "Place", 18),
    ExportColumn("team", "所属队伍", "Team", 18),
    ExportColumn("start_time", "开始时间", "Start", 8),
    ExportColumn("end_time", "结束时间", "End", 8),
    ExportColumn("hours", "服务时长（小时）", "Hours", 10),
    ExportColumn("minutes", "服务时长（分钟）", "Minutes", 10),
    ExportColumn("kind", "记录类型", "Kind", 8),
    ExportColumn("reason", "调整原因", "Reason", 24),
    ExportColumn("order_number", "点单编号", "Order number", 11),
    ExportColumn("confirmed_at", "确认时间", "Confirmed at", 17),
    ExportColumn("confirmed_by", "确认人", "Confirmed by", 10),
    ExportColumn("organiser", "组织单位", "Organiser", 16),
)
BY_CODE = {c.code: c for c in EXPORT_COLUMNS}
# What the national platform's hours template asks for, in its order.
DEFAULT_COLUMNS: tuple[str, ...] = (
    "number",
    "name",
    "id_type",
    "id_number",
    "phone",
    "served_on",
    "activity",
    "hours",
    "kind",
    "reason",
    "confirmed_at",
)
TEXT_COLUMNS = {"id_number", "phone", "number", "order_number"}
ID_CARD = "居民身份证"

_QUERY = """
SELECT v.number, v.name, v.sex, COALESCE(v.id_number, r.id_number) AS id_number,
       COALESCE(v.phone, r.phone) AS phone,
       h.served_on, h.minutes, h.kind, h.reason, h.confirmed_at, h.confirmed_by,
       a.title AS activity, a.project, a.place, a.start_time, a.end_time, a.organiser,
       t.name AS team, o.number AS order_number, o.need AS order_need, o.place AS order_place
FROM hour_entry h
JOIN volunteer v ON v.id = h.volunteer_id
LEFT JOIN resident r ON r.id = v.resident_id
LEFT JOIN volunteer_activity a ON a.id = h.activity_id
LEFT JOIN volunteer_team t ON t.id = a.team_id
LEFT JOIN service_order o ON o.id = h.order_id
WHERE h.state = 'confirmed' AND h.served_on >= :start AND h.served_on <= :end
ORDER BY h.served_on, v.number, h.rowid
"""


# -- the office's column choice ----------------------------------------------------------


def check_columns(chosen: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    if not chosen:
        issues.append(Issue("columns", "volunteer_export.no_columns"))
    seen: set[str] = set()
    for code in chosen:
        if code not in BY_CODE:
            issues.append(Issue("columns", "volunteer_export.unknown_column", {"column": code}))
        elif code in seen:
            issues.append(Issue("columns", "volunteer_export.repeated", {"column": code}))
        seen.add(code)
    return issues


def _parse(value: str | None) -> list[str]:
    try:
        chosen = json.loads(value) if value else None
    except ValueError:
        chosen = None
    if not isinstance(chosen, list) or check_columns([str(c) for c in chosen]):
        return list(DEFAULT_COLUMNS)
    return [str(c) for c in chosen]


def export_columns(source: Database | Session) -> list[str]:
    """The office's column choice, in order (the platform's set when none was saved)."""
    return _parse(office_settings.stored(source, COLUMNS_KEY))


def set_export_columns(session: Session, chosen: Sequence[str]) -> list[str]:
    """Save the ordered column choice (SETTINGS_MANAGE, audited); refused with one issue per
    problem, storing nothing."""
    actor = authz.require(session, Permission.SETTINGS_MANAGE)
    chosen = [str(c).strip() for c in chosen]
    issues = check_columns(chosen)
    if issues:
        raise DomainError(issues)
    before = export_columns(session)
    if chosen == before:
        return chosen
    office_settings.store(
        session,
        actor,
        COLUMNS_KEY,
        json.dumps(chosen),
        {"columns": [",".join(before), ",".join(chosen)]},
    )
    return chosen


# -- the export ------------------------------------------------------------------------------


def _day(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _local(value: object) -> dt.datetime | None:
    """A stored UTC time (text) as the office's wall-clock time, without a zone for Excel."""
    if value is None or value == "":
        return None
    at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().replace(tzinfo=None, microsecond=0)


def _clock(value: object) -> str:
    return str(value)[:5] if value else ""


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _values(m: Any, masked: bool) -> dict[str, object]:
    """Every catalogue column of one ledger line, as written."""
    id_number = m["id_number"] or ""
    phone = m["phone"] or ""
    activity = m["activity"] or ""
    if not activity and m["order_number"]:
        activity = f"点单服务：{m['order_need']}"
    return {
        "number": m["number"],
        "name": m["name"],
        "sex": codes.SEX.zh(m["sex"]),
        "id_type": ID_CARD if id_number else "",
        "id_number": (mask_field("id_number", id_number) if masked else id_number) or "",
        "phone": (mask_field("phone", phone) if masked else phone) or "",
        "served_on": _day(m["served_on"]),
        "activity": activity,
        "project": m["project"] or "",
        "place": m["place"] or m["order_place"] or "",
        "team": m["team"] or "",
        "start_time": _clock(m["start_time"]),
        "end_time": _clock(m["end_time"]),
        "hours": _hours(int(m["minutes"])),
        "minutes": int(m["minutes"]),
        "kind": rules.HOUR_KINDS.zh(m["kind"]),
        "reason": m["reason"] or "",
        "order_number": m["order_number"] or "",
        "confirmed_at": _local(m["confirmed_at"]),
        "confirmed_by": m["confirmed_by"] or "",
        "organiser": m["organiser"] or "",
    }


def export_hours(
    db: Database,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    out: Path,
    columns: Sequence[str] | None = None,
) -> int:
    """Write the confirmed hour lines served from `start` to `end` (inclusive; open ends mean
    all) to `out` (.xlsx or .csv by suffix) in `columns` (the office's choice by default);
    returns the lines written. Needs VOLUNTEER_VIEW; audited; the file appears only whole."""
    actor = authz.require(db, Permission.VOLUNTEER_VIEW)
    masked = not actor.can(Permission.IDENTITY_REVEAL)
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise DomainError(Issue("file", "volunteer_export.format", {"suffix": suffix or "?"}))
    chosen = list(columns) if columns is not None else export_columns(db)
    issues = check_columns(chosen)
    if start is not None and end is not None and start > end:
        issues.append(
            Issue(
                "start",
                "volunteer_export.period",
                {"start": start.isoformat(), "end": end.isoformat()},
            )
        )
    if issues:
        raise DomainError(issues)
    refuse_when_read_only(db, "volunteer_export")
    params = {
        "start": (start or dt.date.min).isoformat(),
        "end": (end or dt.date.max).isoformat(),
    }
    partial = out.with_name(out.name + ".part")
    try:
        with db.connect() as conn:
            result = conn.execute(text(_QUERY), params)
            records = (_values(row._mapping, masked) for row in result)
            if suffix == ".xlsx":
                written, minutes = _write_xlsx(partial, chosen, records)
            else:
                written, minutes = _write_csv(partial, chosen, records)
        db.audit(
            AuditAction.EXPORT,
            record_type="hour_entry",
            detail={
                "file": str(out),
                "format": suffix[1:],
                "count": written,
                "minutes": minutes,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "columns": chosen,
                "masked": masked,
            },
        )
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)  # a negative adjustment is a number, not a formula
    return escape(str(value))


def _write_csv(
    path: Path, chosen: list[str], records: Iterator[dict[str, object]]
) -> tuple[int, int]:
    count = minutes = 0
    # utf-8-sig: the BOM tells Excel the file is UTF-8, not the local GBK.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([BY_CODE[c].zh for c in chosen])
        for values in records:
            writer.writerow([_cell_text(values[c]) for c in chosen])
            count += 1
            minutes += int(values["minutes"])  # type: ignore[call-overload]
    return count, minutes


def _write_xlsx(
    path: Path, chosen: list[str], records: Iterator[dict[str, object]]
) -> tuple[int, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("志愿服务时长")
    for index, code in enumerate(chosen, start=1):
        ws.column_dimensions[get_column_letter(index)].width = BY_CODE[code].width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for code in chosen:
        cell = WriteOnlyCell(ws, value=BY_CODE[code].zh)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = minutes = 0
    try:
        for values in records:
            row: list[object] = []
            for code in chosen:
                value = values[code]
                if isinstance(value, dt.datetime):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "yyyy-mm-dd hh:mm"
                    row.append(cell)
                elif isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    row.append(cell)
                elif code in TEXT_COLUMNS and value:
                    cell = WriteOnlyCell(ws, value=escape(str(value)))
                    cell.number_format = "@"  # text: Excel keeps all 18 characters
                    row.append(cell)
                elif isinstance(value, str):
                    row.append(escape(value) if value else None)
                else:
                    row.append(value)
            ws.append(row)
            count += 1
            minutes += int(values["minutes"])  # type: ignore[call-overload]
    except BaseException:
        discard_sheet(ws)
        raise
    wb.save(path)
    return count, minutes


__all__ = [
    "DEFAULT_COLUMNS",
    "EXPORT_COLUMNS",
    "ExportColumn",
    "export_columns",
    "export_hours",
    "set_export_columns",
]
