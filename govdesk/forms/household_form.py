"""户信息表: a household and its members on A4, continued on further pages for big households."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph

from govdesk.domain import codes, idnumber
from govdesk.forms import styles as st
from govdesk.forms.flowables import (
    FieldGrid,
    FormHeader,
    GridRow,
    format_date,
    label,
    registration_signatures,
    value,
)
from govdesk.forms.page import build_document

TITLE = "户信息表"
DECLARATION = "本户确认以上信息真实准确。"
HEAD_COLUMNS = [20 * mm, 44 * mm, 20 * mm, 30 * mm, 22 * mm, 38 * mm]
# Narrow cell padding lets a full 18-character ID number and a date stay on one line.
MEMBER_PAD = 1 * mm
MEMBER_COLUMNS = [
    10 * mm,
    19.5 * mm,
    16 * mm,
    10 * mm,
    14 * mm,
    30 * mm,
    40 * mm,
    17 * mm,
    17.5 * mm,
]
MEMBER_HEADINGS = [
    "序号",
    "姓名",
    "与户主\n关系",
    "性别",
    "民族",
    "出生日期",
    "公民身份号码",
    "人员类别",
    "备注",
]
ROW = 10 * mm
# The whole household fits on one page up to this many members; a bigger one goes on over
# pages of NEXT_PAGE_ROWS, and the signatures close the last page.
FIRST_PAGE_ROWS = 12
NEXT_PAGE_ROWS = 16
# Blank ruled rows give the clerk room to add members by hand; like a printed form, the
# member list keeps its full length even for a household of one.
MIN_ROWS = FIRST_PAGE_ROWS


@dataclass
class MemberRow:
    """One member line; code fields hold codes, printed as Chinese labels."""

    name: str
    relation_to_head: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    birth_date: dt.date | None = None
    id_number: str | None = None
    person_type: str | None = None
    notes: str | None = None


@dataclass
class HouseholdFormData:
    office_name: str
    division_code: str
    household_number: str
    household_type: str | None = None
    address: str | None = None
    head_name: str | None = None
    phone: str | None = None
    members: list[MemberRow] = field(default_factory=list)  # the head first
    registration_date: dt.date | None = None
    mask_id: bool = False


def head_grid(data: HouseholdFormData) -> FieldGrid:
    rows = [
        [
            label("户号"),
            value(data.household_number),
            label("户别"),
            value(codes.HOUSEHOLD_TYPE.zh(data.household_type), align="CENTER"),
            label("户主姓名"),
            value(data.head_name),
        ],
        [
            label("住址"),
            value(data.address, span=3),
            label("联系电话"),
            value(data.phone),
        ],
    ]
    return FieldGrid(rows, HEAD_COLUMNS, min_row_height=11 * mm)


def page_chunks(members: list[MemberRow]) -> list[list[tuple[int, MemberRow | None]]]:
    """Members with their 序号, page by page; None marks a blank row for handwriting."""
    numbered: list[tuple[int, MemberRow | None]] = list(enumerate(members, start=1))
    if len(numbered) <= FIRST_PAGE_ROWS:
        chunks = [numbered]
    else:
        chunks = [numbered[:FIRST_PAGE_ROWS]]
        rest = numbered[FIRST_PAGE_ROWS:]
        while rest:
            chunks.append(rest[:NEXT_PAGE_ROWS])
            rest = rest[NEXT_PAGE_ROWS:]
    last = chunks[-1]
    last.extend([(0, None)] * (MIN_ROWS - len(last)))
    return chunks


def member_grid(data: HouseholdFormData, chunk: list[tuple[int, MemberRow | None]]) -> FieldGrid:
    rows: list[GridRow] = [GridRow([label(h) for h in MEMBER_HEADINGS], 11 * mm)]
    for number, m in chunk:
        if m is None:
            rows.append(GridRow([value("") for _ in MEMBER_HEADINGS]))
            continue
        id_text = idnumber.mask(m.id_number) if data.mask_id else (m.id_number or "")
        cells = [
            value(str(number), align="CENTER"),
            value(m.name, align="CENTER"),
            value(codes.RELATION.zh(m.relation_to_head), align="CENTER"),
            value(codes.SEX.zh(m.sex), align="CENTER"),
            value(codes.ETHNICITY.zh(m.ethnicity), align="CENTER"),
            value(format_date(m.birth_date), align="CENTER"),
            value(id_text, align="CENTER"),
            value(codes.PERSON_TYPE.zh(m.person_type), align="CENTER"),
            value(m.notes),
        ]
        rows.append(GridRow(cells))
    return FieldGrid(
        rows, MEMBER_COLUMNS, min_row_height=ROW, repeat_rows=1, pad_x=MEMBER_PAD, shrink_to=8
    )


def build(data: HouseholdFormData, out: Path | BinaryIO) -> None:
    """Write the household form: the household, its members (head first) and signatures."""
    chunks = page_chunks(list(data.members))
    reference = f"户号：{data.household_number}"
    header = FormHeader(
        TITLE,
        data.office_name,
        data.division_code,
        date=data.registration_date,
        reference=reference,
    )
    later = FormHeader(
        f"{TITLE}（续）",
        data.office_name,
        data.division_code,
        date=data.registration_date,
        reference=reference,
    )
    story: list[Flowable] = [head_grid(data).table()]
    for i, chunk in enumerate(chunks):
        if i:
            story.append(PageBreak())
        story.append(member_grid(data, chunk).table())
        if i < len(chunks) - 1:
            story.append(Paragraph("（下页续）", st.SMALL_RIGHT))
    story.append(registration_signatures("户主签名", DECLARATION, 45 * mm))
    build_document(
        out,
        story,
        header=header,
        later_header=later,
        title=f"{TITLE}：{data.household_number}",
        author=data.office_name,
    )
