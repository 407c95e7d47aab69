"""The volunteer printouts: 志愿服务证明 (certificate), 排班表 (duty roster), 志愿服务队花名册 (team roster)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from govdesk.domain import volunteers as rules
from govdesk.forms import styles as st
from govdesk.forms.flowables import (
    FieldGrid,
    FormHeader,
    GridRow,
    SealPlaceholder,
    format_date,
    hint,
    label,
    value,
)
from govdesk.forms.fonts import register_fonts
from govdesk.forms.page import build_document
from govdesk.forms.volunteer_data import (
    CertificateData,
    DutyRosterData,
    RosterShift,
    ServiceGroup,
    TeamRosterData,
    service_groups,
)

CERTIFICATE = "志愿服务证明"
DUTY_ROSTER = "志愿服务排班表"
TEAM_ROSTER = "志愿服务队花名册"

GAP = 4 * mm
# Four label/value columns, 174 mm: the width of A4 portrait inside the margins.
PAIR_COLUMNS = [26 * mm, 61 * mm, 26 * mm, 61 * mm]
LINE_HEADINGS = ["序号", "服务日期", "服务内容", "服务地点", "时长（小时）"]
LINE_COLUMNS = [12 * mm, 30 * mm, 72 * mm, 38 * mm, 22 * mm]
LINE_ROW = 8 * mm
NO_SERVICE = "本期间暂无已确认的服务记录"
# A long record is summed up per kind of service (CertificateData.itemise).
SUMMARY_HEADINGS = ["序号", "服务期间", "服务内容", "次数", "时长（小时）"]
SUMMARY_COLUMNS = [12 * mm, 38 * mm, 76 * mm, 26 * mm, 22 * mm]

ROSTER_PAGE = landscape(st.PAGE_SIZE)
# 261 mm: landscape A4 inside the margins; the time column, then seven days.
ROSTER_TIME_COLUMN = 23 * mm
ROSTER_DAY_COLUMN = (ROSTER_PAGE[0] - 2 * st.MARGIN - ROSTER_TIME_COLUMN) / 7
ROSTER_ROW = 17 * mm
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
NOBODY = "（待排）"

TEAM_HEADINGS = [
    "序号",
    "编号",
    "姓名",
    "性别",
    "联系电话",
    "技能特长",
    "入队日期",
    "服务时长",
    "星级",
]
# 174 mm; five stars and a leader's name (with （队长）) each keep to one line.
TEAM_COLUMNS = [
    11 * mm,
    15 * mm,
    24 * mm,
    11 * mm,
    25 * mm,
    25 * mm,
    25 * mm,
    18 * mm,
    20 * mm,
]
TEAM_ROW = 8 * mm
NO_MEMBERS = "暂无队员"


def _pairs(rows: list[list[tuple[str, str]]]) -> FieldGrid:
    """Rows of one or two label/value pairs; a lone pair takes the whole width."""
    grid_rows = []
    for pairs in rows:
        cells = []
        for caption, text in pairs:
            cells += [label(caption), value(text, span=3 if len(pairs) == 1 else 1)]
        grid_rows.append(GridRow(cells, st.MIN_ROW_HEIGHT))
    return FieldGrid(grid_rows, PAIR_COLUMNS)


def hours_text(minutes: int) -> str:
    """Hours as the forms print them: 12.5 (cut, never rounded up; see rules.hours_number)."""
    return rules.hours_number(minutes)


def stars_line(level: int) -> str:
    """★★☆☆☆（二星级）; 未达星级 below the first level."""
    if level <= 0:
        return "未达星级"
    return f"{rules.stars_text(level)}（{'一二三四五'[level - 1]}星级）"


def period_text(data: CertificateData) -> str:
    start = data.start or data.joined_on
    if start is None and data.end is None:
        return "全部服务记录"
    return f"{format_date(start) or '加入之日'}至{format_date(data.end) or '今'}"


# -- 志愿服务证明 ------------------------------------------------------------------------------


def certificate_body(data: CertificateData) -> str:
    """The statement the office signs and stamps."""
    ident = f"，证件号码{data.id_number}" if data.id_number else ""
    sex = f"，{data.sex}" if data.sex else ""
    return (
        f"兹证明{data.name}（志愿者编号{data.number}{sex}{ident}）系{data.office_name}"
        f"注册志愿者。{period_text(data)}期间，参加志愿服务{data.activities}次，"
        f"经确认的服务时长共计{hours_text(data.period_minutes)}小时；"
        f"截至{format_date(data.issued_on)}，累计服务时长{hours_text(data.total_minutes)}小时，"
        + (
            f"星级为{stars_line(data.star_level)}。"
            if data.star_level > 0
            else f"尚未达到一星级（{rules.STAR_HOURS[0]}小时）。"
        )
        + ("" if data.itemise() else "服务记录较多，下表按服务内容汇总。")
    )


def certificate_rows(data: CertificateData) -> FieldGrid:
    """The table of the period's service: one row per confirmed line (or, for a long record,
    per kind of service), then the total."""
    if not data.itemise():
        return certificate_summary_rows(data)
    rows: list[GridRow] = [GridRow([label(h) for h in LINE_HEADINGS], 9 * mm)]
    for n, line in enumerate(data.lines, start=1):
        rows.append(
            GridRow(
                [
                    value(str(n), align="CENTER"),
                    value(format_date(line.served_on), align="CENTER"),
                    value(line.activity),
                    value(line.place),
                    value(hours_text(line.minutes), align="CENTER"),
                ]
            )
        )
    if not data.lines:
        rows.append(GridRow([hint(NO_SERVICE, span=5)]))
    rows.append(
        GridRow(
            [
                label("合计", span=4),
                value(hours_text(data.period_minutes), align="CENTER"),
            ]
        )
    )
    return FieldGrid(rows, LINE_COLUMNS, min_row_height=LINE_ROW, repeat_rows=1, shrink_to=8)


def _span_text(group: ServiceGroup) -> str:
    if group.first == group.last:
        return format_date(group.first)
    return f"{format_date(group.first)}\n至{format_date(group.last)}"


def certificate_summary_rows(data: CertificateData) -> FieldGrid:
    """The service by kind: when, what, how many times and how long; adjustments one by one."""
    rows: list[GridRow] = [GridRow([label(h) for h in SUMMARY_HEADINGS], 9 * mm)]
    for n, group in enumerate(service_groups(data.lines), start=1):
        rows.append(
            GridRow(
                [
                    value(str(n), align="CENTER"),
                    value(_span_text(group), align="CENTER"),
                    value(group.activity),
                    value("—" if group.adjustment else f"{group.times}次", align="CENTER"),
                    value(hours_text(group.minutes), align="CENTER"),
                ]
            )
        )
    rows.append(
        GridRow(
            [
                label("合计", span=3),
                value(f"{data.activities}次", align="CENTER"),
                value(hours_text(data.period_minutes), align="CENTER"),
            ]
        )
    )
    return FieldGrid(rows, SUMMARY_COLUMNS, min_row_height=LINE_ROW, repeat_rows=1, shrink_to=8)


def certificate_story(data: CertificateData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    summary = _pairs(
        [
            [("姓名", data.name), ("志愿者编号", data.number)],
            [("性别", data.sex), ("证件号码", data.id_number)],
            [("服务期间", period_text(data))],
            [
                ("本期服务时长", f"{hours_text(data.period_minutes)} 小时"),
                ("累计服务时长", f"{hours_text(data.total_minutes)} 小时"),
            ],
            [("志愿者星级", stars_line(data.star_level)), ("所属队伍", "、".join(data.teams))],
        ]
    )
    body = Paragraph(escape(certificate_body(data)), st.VALUE)
    closing = KeepTogether(
        [
            Paragraph("特此证明。", st.VALUE),
            Spacer(1, 8 * mm),
            SealPlaceholder(data.office_name),
        ]
    )
    return [
        summary.table(),
        Spacer(1, GAP),
        body,
        Spacer(1, GAP),
        certificate_rows(data).table(),
        Spacer(1, GAP),
        closing,
    ]


def build_certificate(data: CertificateData, out: Path | str | BinaryIO) -> None:
    """Write the 志愿服务证明: the summary, the statement, the service table, the seal place."""

    def header(title: str) -> FormHeader:
        return FormHeader(
            title,
            data.office_name,
            data.division_code,
            date_label="开具日期",
            date=data.issued_on,
            reference=f"编号：{data.number}",
        )

    build_document(
        out,
        certificate_story(data),
        header=header(CERTIFICATE),
        later_header=header(f"{CERTIFICATE}（续）"),
        title=f"{CERTIFICATE}：{data.name}",
        author=data.office_name,
    )


# -- 排班表 ----------------------------------------------------------------------------------


def _span(shift: RosterShift) -> tuple[str, str]:
    return f"{shift.start:%H:%M}", f"{shift.end:%H:%M}"


def roster_slots(data: DutyRosterData) -> list[tuple[str, str]]:
    """The distinct duty times of the week, earliest first: the roster's rows."""
    return sorted({_span(s) for day in data.days for s in day})


def shift_text(shift: RosterShift) -> str:
    """One box: the duty, where, and who (待排 when nobody is on it yet)."""
    names = "、".join(shift.names) if shift.names else NOBODY
    short = len(shift.names) < shift.headcount
    lines = [shift.title]
    if shift.place:
        lines.append(f"（{shift.place}）")
    lines.append(names + (f"（缺{shift.headcount - len(shift.names)}人）" if short else ""))
    return "\n".join(lines)


def roster_grid(data: DutyRosterData) -> FieldGrid:
    """The week: a heading row of days and dates, then one row per duty time."""
    days = [data.monday + dt.timedelta(days=i) if data.monday else None for i in range(7)]
    head = [label("时段")] + [
        label(f"{WEEKDAYS[i]}\n{d:%m月%d日}" if d else WEEKDAYS[i]) for i, d in enumerate(days)
    ]
    rows: list[GridRow] = [GridRow(head, 12 * mm)]
    slots = roster_slots(data)
    for start, end in slots:
        cells = [label(f"{start}\n至\n{end}")]
        for day in data.days:
            here = [s for s in day if _span(s) == (start, end)]
            text = "\n".join(shift_text(s) for s in here)
            cells.append(value(text, valign="TOP"))
        rows.append(GridRow(cells))
    if not slots:
        rows.append(GridRow([hint("本周没有排班", span=8)]))
    return FieldGrid(
        rows,
        [ROSTER_TIME_COLUMN] + [ROSTER_DAY_COLUMN] * 7,
        min_row_height=ROSTER_ROW,
        repeat_rows=1,
        shrink_to=8,
    )


def roster_story(data: DutyRosterData) -> list[Flowable]:
    register_fonts()
    # No seal place: the roster is a working schedule for the notice board, and a week of
    # evening duties should fit one landscape page.
    note = f"如遇特殊情况不能到岗，请提前与{data.office_name}联系调班。"
    return [roster_grid(data).table(), Spacer(1, 3 * mm), Paragraph(escape(note), st.SMALL)]


def week_text(data: DutyRosterData) -> str:
    if data.monday is None:
        return ""
    sunday = data.monday + dt.timedelta(days=6)
    return f"{format_date(data.monday)}—{format_date(sunday)}"


def build_duty_roster(data: DutyRosterData, out: Path | str | BinaryIO) -> None:
    """Write the week's 排班表 on landscape A4."""

    def header(title: str) -> FormHeader:
        return FormHeader(
            title,
            data.office_name,
            data.division_code,
            date_label="打印日期",
            date=data.printed_on,
            reference=week_text(data),
        )

    build_document(
        out,
        roster_story(data),
        header=header(DUTY_ROSTER),
        later_header=header(f"{DUTY_ROSTER}（续）"),
        title=f"{DUTY_ROSTER}：{week_text(data)}",
        author=data.office_name,
        pagesize=ROSTER_PAGE,
    )


# -- 志愿服务队花名册 ---------------------------------------------------------------------------


def team_rows(data: TeamRosterData) -> FieldGrid:
    rows: list[GridRow] = [GridRow([label(h) for h in TEAM_HEADINGS], 9 * mm)]
    for n, m in enumerate(data.members, start=1):
        name = m.name + ("（队长）" if m.leader else "")
        rows.append(
            GridRow(
                [
                    value(str(n), align="CENTER"),
                    value(m.number, align="CENTER"),
                    value(name, align="CENTER"),
                    value(m.sex, align="CENTER"),
                    value(m.phone, align="CENTER"),
                    value(m.skills),
                    value(format_date(m.joined_on), align="CENTER"),
                    value(f"{hours_text(m.minutes)}小时", align="CENTER"),
                    value(rules.stars_text(m.star_level, full=False) or "—", align="CENTER"),
                ]
            )
        )
    if not data.members:
        rows.append(GridRow([hint(NO_MEMBERS, span=len(TEAM_HEADINGS))]))
    return FieldGrid(rows, TEAM_COLUMNS, min_row_height=TEAM_ROW, repeat_rows=1, shrink_to=7.5)


def team_story(data: TeamRosterData) -> list[Flowable]:
    register_fonts()
    dual = sum(1 for m in data.members if m.dual_report)
    info = _pairs(
        [
            [("队伍名称", data.name), ("成立日期", format_date(data.founded_on))],
            [("队长", data.leader), ("队长电话", data.leader_phone)],
            [("服务领域", data.service_area)],
            [("队员人数", f"{len(data.members)} 人"), ("双报到党员", f"{dual} 人")],
        ]
    )
    return [
        info.table(),
        Spacer(1, GAP),
        team_rows(data).table(),
        Spacer(1, GAP),
        KeepTogether([SealPlaceholder(data.office_name)]),
    ]


def build_team_roster(data: TeamRosterData, out: Path | str | BinaryIO) -> None:
    """Write one team's 花名册: the team, then its members with hours and stars."""

    def header(title: str) -> FormHeader:
        return FormHeader(
            title, data.office_name, data.division_code, date_label="打印日期", date=data.on
        )

    build_document(
        out,
        team_story(data),
        header=header(TEAM_ROSTER),
        later_header=header(f"{TEAM_ROSTER}（续）"),
        title=f"{TEAM_ROSTER}：{data.name}",
        author=data.office_name,
    )


BUILDERS = {
    "certificate": build_certificate,
    "duty-roster": build_duty_roster,
    "team-roster": build_team_roster,
}
TITLES = {"certificate": CERTIFICATE, "duty-roster": DUTY_ROSTER, "team-roster": TEAM_ROSTER}

__all__: Sequence[str] = [
    "BUILDERS",
    "CERTIFICATE",
    "DUTY_ROSTER",
    "TEAM_ROSTER",
    "TITLES",
    "build_certificate",
    "build_duty_roster",
    "build_team_roster",
    "certificate_body",
    "certificate_rows",
    "roster_grid",
    "roster_slots",
    "shift_text",
    "team_rows",
]
