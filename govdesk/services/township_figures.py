"""Township figures across offices: residents by person type, special-care counts, mediation
调处率 and 成功率, volunteer hours; and the xlsx workbook with one sheet per topic.

Each figure is computed per office from the rows that office sent, then summed for 合计.
The mediation figures use services/mediation_stats.py's own counting (a case counts in the
period of each step's own date), so a township's figure for one office equals that office's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from govdesk.domain import codes, messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.permissions import Permission
from govdesk.services import authz, mediation_stats, spreadsheet
from govdesk.services.mediation_stats import GroupStats
from govdesk.services.privacy import sees_sensitive_care
from govdesk.services.residents_export import escape
from govdesk.services.township import office_names, own_office_id
from govdesk.store.database import Database

_ALL_TIME = (dt.date(1900, 1, 1), dt.date(9999, 12, 31))


@dataclass
class OfficeFigures:
    office_id: str
    code: str
    name: str
    by_type: dict[str, int] = field(default_factory=dict)  # person type -> on the register
    care: dict[str, int] = field(default_factory=dict)  # category code -> people (active)
    mediation: GroupStats = field(default_factory=lambda: GroupStats("", ""))
    volunteers: int = 0  # volunteers with confirmed hours in the period
    minutes: int = 0  # confirmed service minutes in the period
    pending_minutes: int = 0

    @property
    def residents(self) -> int:
        return sum(self.by_type.values())

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass
class Figures:
    year: int | None  # None: all time (residents and care are always as of now)
    offices: list[OfficeFigures]
    total: OfficeFigures
    care_categories: list[tuple[str, str]]  # (code, label) in the township's order
    person_types: list[tuple[str, str]]
    hidden_sensitive: bool = False  # sensitive categories left out for this role


def _period(year: int | None) -> tuple[dt.date, dt.date]:
    return _ALL_TIME if year is None else mediation_stats.period(year, None)


# Reads an index alone (migration 0014), not every resident row, and in the index's own
# order: filtering the status in SQL instead made SQLite sort a million index entries.
RESIDENTS_BY_TYPE = "SELECT office_id, status, person_type, count(*) FROM resident GROUP BY 1, 2, 3"


def figures(db: Database, year: int | None = None) -> Figures:
    """Every office's figures and their total; mediation and hours within `year` (all time
    when None). Sensitive care categories are left out for a role that may not see them."""
    authz.actor_of(db)
    start, end = _period(year)
    names = office_names(db)
    show_sensitive = sees_sensitive_care(db)
    with db.connect() as conn:
        own = own_office_id(conn)
        ids = [o for o in sorted(names, key=lambda i: names[i]) if o != own]
        per = {o: OfficeFigures(o, *names[o]) for o in ids}
        for office, status, ptype, n in conn.execute(text(RESIDENTS_BY_TYPE)):
            if office in per and status == "on_register":
                per[office].by_type[str(ptype)] = int(n)
        # Category labels: the township's own list first (it sends that list down), then
        # any code only an office has, labelled as that office named it.
        categories: dict[str, tuple[str, bool]] = {}
        for _office, code, zh, en, sensitive in conn.execute(
            text(
                "SELECT office_id, code, name_zh, name_en, sensitive FROM care_category "
                "ORDER BY office_id != :own, sort_order, code"
            ),
            {"own": own or ""},
        ):
            label = (en or zh) if messages.language() == "en" else zh
            known = categories.get(str(code))
            categories[str(code)] = (
                known[0] if known else str(label),
                bool(sensitive) or (known[1] if known else False),
            )
        for office, code, n in conn.execute(
            text(
                "SELECT rc.office_id, rc.category_code, count(DISTINCT rc.resident_id) "
                "FROM resident_care rc JOIN resident r ON r.id = rc.resident_id "
                "WHERE rc.active = 1 AND r.status = 'on_register' GROUP BY 1, 2"
            )
        ):
            if office in per:
                per[office].care[str(code)] = int(n)
                categories.setdefault(str(code), (str(code), False))
        for office, volunteers, minutes, pending in conn.execute(
            text(
                "SELECT office_id, count(DISTINCT CASE WHEN state = 'confirmed' THEN volunteer_id END), "
                "coalesce(sum(CASE WHEN state = 'confirmed' THEN minutes END), 0), "
                "coalesce(sum(CASE WHEN state = 'pending' THEN minutes END), 0) "
                "FROM hour_entry WHERE served_on BETWEEN :a AND :b GROUP BY 1"
            ),
            {"a": start.isoformat(), "b": end.isoformat()},
        ):
            if office in per:
                f = per[office]
                f.volunteers, f.minutes, f.pending_minutes = (
                    int(volunteers),
                    int(minutes),
                    int(pending),
                )
    hidden = not show_sensitive and any(s for _, s in categories.values())
    shown_categories = [
        (c, label) for c, (label, s) in categories.items() if show_sensitive or not s
    ]
    for f in per.values():
        f.care = {c: f.care.get(c, 0) for c, _ in shown_categories}
    if authz.can(db, Permission.MEDIATION_VIEW):
        with db.session() as s:
            cases = mediation_stats._cases(s, start, end)
        for office in per:
            mine = [c for c in cases if c.office_id == office]
            per[office].mediation, _, _ = mediation_stats._count(mine, start, end)
    total = _sum(list(per.values()), [c for c, _ in shown_categories])
    types = [(c.code, c.label) for c in codes.PERSON_TYPE]
    return Figures(
        year=year,
        offices=list(per.values()),
        total=total,
        care_categories=shown_categories,
        person_types=types,
        hidden_sensitive=hidden,
    )


def _sum(offices: list[OfficeFigures], care_codes: list[str]) -> OfficeFigures:
    total = OfficeFigures("", "", _total_label())
    total.mediation = GroupStats("", total.name)
    for f in offices:
        for k, n in f.by_type.items():
            total.by_type[k] = total.by_type.get(k, 0) + n
        for k in care_codes:
            total.care[k] = total.care.get(k, 0) + f.care.get(k, 0)
        m, t = f.mediation, total.mediation
        t.accepted += m.accepted
        t.settled += m.settled
        t.settled_written += m.settled_written
        t.settled_oral += m.settled_oral
        t.failed += m.failed
        t.terminated += m.terminated
        total.volunteers += f.volunteers
        total.minutes += f.minutes
        total.pending_minutes += f.pending_minutes
    return total


def _total_label() -> str:
    return "Total" if messages.language() == "en" else "合计"


# -- the workbook ------------------------------------------------------------------------------
MEDIATION_HEADINGS = ("受理", "调解成功", "调解不成", "终止", "调处", "调处率", "调解成功率")
HOURS_HEADINGS = ("有确认时长的志愿者", "确认服务时长（小时）", "待确认时长（小时）")
SHEETS = ("人员类型", "关爱对象", "人民调解", "志愿服务时长")


def sheet_rows(f: Figures) -> dict[str, list[list[object]]]:
    """Each sheet's rows (heading row first), as written to the workbook and shown on screen."""

    def office_cells(o: OfficeFigures) -> list[object]:
        return [o.code, o.name] if o.code else ["", o.name]

    offices = [*f.offices, f.total]
    types: list[list[object]] = [
        ["单位代码", "单位", *[label for _, label in f.person_types], "合计"],
        *[
            [*office_cells(o), *[o.by_type.get(c, 0) for c, _ in f.person_types], o.residents]
            for o in offices
        ],
    ]
    care: list[list[object]] = [
        ["单位代码", "单位", *[label for _, label in f.care_categories]],
        *[[*office_cells(o), *[o.care.get(c, 0) for c, _ in f.care_categories]] for o in offices],
    ]
    mediation: list[list[object]] = [
        ["单位代码", "单位", *MEDIATION_HEADINGS],
        *[
            [
                *office_cells(o),
                o.mediation.accepted,
                o.mediation.settled,
                o.mediation.failed,
                o.mediation.terminated,
                o.mediation.handled,
                o.mediation.handling_rate,
                o.mediation.success_rate,
            ]
            for o in offices
        ],
    ]
    hours: list[list[object]] = [
        ["单位代码", "单位", *HOURS_HEADINGS],
        *[
            [
                *office_cells(o),
                o.volunteers,
                round(o.minutes / 60, 1),
                round(o.pending_minutes / 60, 1),
            ]
            for o in offices
        ],
    ]
    return dict(zip(SHEETS, (types, care, mediation, hours), strict=True))


def write_workbook(db: Database, path: Path, *, year: int | None = None) -> Path:
    """The figures as one xlsx workbook, one sheet per topic, one row per office and 合计.
    Rates are numbers shown as percentages (empty when nothing to divide by). The file
    appears only when complete."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    f = figures(db, year)
    period = f"{year}年" if year else "全部年份"
    bold = Font(bold=True)
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheet_rows(f).items():
        ws = wb.create_sheet(title)
        ws.append([f"{title}（{period}，人员与关爱对象为当前在册）"])
        ws["A1"].font = bold
        for i, row in enumerate(rows):
            ws.append([escape(v) if isinstance(v, str) else v for v in row])
            if i == 0 or i == len(rows) - 1:
                for cell in ws[ws.max_row]:
                    cell.font = bold
        if title == "人民调解":
            for row in ws.iter_rows(min_row=3, min_col=8, max_col=9):
                for cell in row:
                    cell.number_format = "0.0%"
        ws.column_dimensions["A"].width = 15
        ws.column_dimensions["B"].width = 22
        for index in range(3, len(rows[0]) + 1):
            ws.column_dimensions[get_column_letter(index)].width = 12
        ws.freeze_panes = "C3"
    out = spreadsheet.save_workbook(wb, Path(path))
    db.audit(
        AuditAction.EXPORT,
        record_type="township_figures",
        detail={"file": out.name, "year": year, "offices": len(f.offices)},
    )
    return out
