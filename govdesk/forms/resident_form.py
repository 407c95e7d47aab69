"""居民信息登记表: one person's registration form on one A4 page, to be checked and signed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm

from govdesk.domain import codes, idnumber
from govdesk.forms.flowables import (
    Cell,
    FieldGrid,
    FormHeader,
    GridRow,
    format_date,
    hint,
    label,
    registration_signatures,
    value,
)
from govdesk.forms.page import build_document

TITLE = "居民信息登记表"
DECLARATION = "本人确认以上信息真实准确。"
# Seven columns: three label/value pairs and the photo column; 174 mm in all.
COLUMNS = [25 * mm, 31 * mm, 18 * mm, 22 * mm, 21 * mm, 30 * mm, 27 * mm]
# The four rows beside the photo make a box of about 27 x 38 mm; the rest get more room
# for handwriting since the page has it.
PHOTO_ROW = 9.5 * mm
ROW = 11 * mm


@dataclass
class ResidentFormData:
    """What the form shows; code fields hold codes (codes.SEX …), printed as Chinese labels."""

    office_name: str
    division_code: str
    name: str
    sex: str | None = None
    ethnicity: str | None = None
    birth_date: dt.date | None = None
    id_number: str | None = None
    political_status: str | None = None
    education: str | None = None
    marital_status: str | None = None
    occupation: str | None = None
    phone: str | None = None
    person_type: str | None = None
    household_number: str | None = None
    relation_to_head: str | None = None
    registered_address: str | None = None
    current_address: str | None = None
    residence_permit_no: str | None = None
    arrival_date: dt.date | None = None
    arrival_reason: str | None = None
    landlord: str | None = None
    care_categories: list[str] = field(default_factory=list)  # labels, e.g. 低保户
    notes: str | None = None
    registration_date: dt.date | None = None
    # The person signs the form, so the full number is printed unless a rule says otherwise.
    mask_id: bool = False


def grid(data: ResidentFormData) -> FieldGrid:
    """The ruled box of the form: the data the PDF is built from."""
    id_text = idnumber.mask(data.id_number) if data.mask_id else (data.id_number or "")
    floating = data.person_type == "floating"
    rows: list[GridRow | list[Cell]] = [
        [
            label("姓名"),
            value(data.name),
            label("性别"),
            value(codes.SEX.zh(data.sex), align="CENTER"),
            label("民族"),
            value(codes.ETHNICITY.zh(data.ethnicity)),
            hint("照片\n（二寸免冠）", rows=4),
        ],
        [
            label("出生日期"),
            value(format_date(data.birth_date)),
            label("婚姻状况"),
            value(codes.MARITAL_STATUS.zh(data.marital_status), align="CENTER"),
            label("政治面貌"),
            value(codes.POLITICAL_STATUS.zh(data.political_status)),
        ],
        [
            label("公民身份号码"),
            value(id_text, span=3),
            label("文化程度"),
            value(codes.EDUCATION.zh(data.education)),
        ],
        [
            label("联系电话"),
            value(data.phone),
            label("职业"),
            value(data.occupation, span=3),
        ],
        [
            label("人员类别"),
            value(codes.PERSON_TYPE.zh(data.person_type)),
            label("户号"),
            value(data.household_number, span=1),
            label("与户主关系"),
            value(codes.RELATION.zh(data.relation_to_head), span=2),
        ],
        [label("户籍地址"), value(data.registered_address, span=6)],
        [label("现住址"), value(data.current_address, span=6)],
        GridRow([label("流动人口信息（仅流动人口填写）", span=7, align="LEFT")], 8 * mm),
        [
            label("居住证号码"),
            value(data.residence_permit_no if floating else "", span=3),
            label("来本地日期"),
            value(format_date(data.arrival_date) if floating else "", span=2),
        ],
        [
            label("来本地事由"),
            value(data.arrival_reason if floating else "", span=3),
            label("房东"),
            value(data.landlord if floating else "", span=2),
        ],
        [label("关爱类别"), value("、".join(data.care_categories), span=6)],
        GridRow([label("备注"), value(data.notes, span=6, valign="TOP")], 42 * mm),
    ]
    sized = [
        r if isinstance(r, GridRow) else GridRow(r, PHOTO_ROW if i < 4 else ROW)
        for i, r in enumerate(rows)
    ]
    return FieldGrid(sized, COLUMNS)


def build(data: ResidentFormData, out: Path | BinaryIO) -> None:
    """Write the form for one person as a one-page A4 PDF."""
    header = FormHeader(TITLE, data.office_name, data.division_code, date=data.registration_date)
    signatures = registration_signatures("本人签名", DECLARATION, 52 * mm)
    build_document(
        out,
        [grid(data).table(), signatures],
        header=header,
        title=f"{TITLE}：{data.name}",
        author=data.office_name,
    )
