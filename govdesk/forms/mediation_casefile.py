"""The rights notice and the case-file wrappers: 告知书, 卷宗封面, 卷内目录, 卷内备考表 (封底)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from govdesk.forms import styles as st
from govdesk.forms.flowables import (
    FieldGrid,
    GridRow,
    SignatureBlock,
    SignatureSpot,
    format_date,
    label,
    value,
)
from govdesk.forms.fonts import register_fonts
from govdesk.forms.mediation_data import MediationCaseData
from govdesk.forms.mediation_forms import GAP, write_form
from govdesk.forms.mediation_parts import RuledText, official_signatures, party_signatures

NOTICE = "人民调解当事人权利义务告知书"
COVER = "人民调解卷宗"
CONTENTS = "卷内目录"
BACK_COVER = "卷内备考表"

# The documents of a case file in their filing order (DOMAIN.md, 司法部 2010 formats).
FILE_ORDER = [
    "人民调解申请书（受理登记表）",
    "当事人权利义务告知书",
    "当事人身份证明",
    "授权委托书",
    "人民调解调查记录",
    "证据材料",
    "人民调解记录",
    "人民调解协议书（口头协议登记表）",
    "履行凭证",
    "人民调解回访记录",
    "司法确认材料",
    "卷宗情况说明",
    "封底",
]

RIGHTS = [
    "选择或者接受人民调解员；",
    "接受调解、拒绝调解或者要求终止调解；",
    "要求调解公开进行或者不公开进行；",
    "自主表达意愿、自愿达成调解协议。",
]
DUTIES = [
    "如实陈述纠纷事实；",
    "遵守调解现场秩序，尊重人民调解员；",
    "尊重对方当事人行使权利。",
]
NOTICE_TEXT = (
    "根据《中华人民共和国人民调解法》的规定，人民调解委员会调解民间纠纷，不收取任何费用。"
    "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
    "调解协议生效之日起三十日内，双方当事人可以共同向人民法院申请司法确认。"
    "调解不成的，当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。"
)
ACKNOWLEDGEMENT = "以上权利义务已告知，本人已知悉。"

_BODY = ParagraphStyle(
    "govdesk.notice", parent=st.VALUE, fontSize=11.5, leading=20, firstLineIndent=23
)
_HEAD = ParagraphStyle("govdesk.notice.head", parent=_BODY, firstLineIndent=0, spaceBefore=4)
_BIG = ParagraphStyle(
    "govdesk.cover", parent=st.VALUE, fontSize=16, leading=24, alignment=TA_CENTER
)


def notice_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    story: list[Flowable] = [
        Paragraph("当事人：" + "、".join(p.name for p in case.parties), _HEAD),
        Spacer(1, GAP),
        Paragraph(NOTICE_TEXT, _BODY),
        Paragraph("一、在人民调解活动中，当事人享有下列权利：", _HEAD),
    ]
    story += [Paragraph(f"（{n}）{t}", _BODY) for n, t in zip("一二三四", RIGHTS, strict=True)]
    story.append(Paragraph("二、在人民调解活动中，当事人履行下列义务：", _HEAD))
    story += [Paragraph(f"（{n}）{t}", _BODY) for n, t in zip("一二三", DUTIES, strict=True)]
    story += [
        Spacer(1, 2 * GAP),
        KeepTogether(
            [
                Paragraph(ACKNOWLEDGEMENT, st.VALUE),
                Spacer(1, GAP),
                *party_signatures(case),
                official_signatures(case),
            ]
        ),
    ]
    return story


def build_notice(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """当事人权利义务告知书: the parties' rights and duties, signed by each party as read."""
    write_form(out, notice_story(case), NOTICE, case)


def cover_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    span = ""
    if case.started_on or case.ended_on:
        span = f"{format_date(case.started_on)} 至 {format_date(case.ended_on)}"
    fields = [
        ("卷名", case.default_file_title),
        ("卷号", case.volume or case.case_number),
        ("调解员", "、".join(case.mediators)),
        ("调解起止日期", span),
        ("立卷人", case.filed_by),
        ("立卷日期", format_date(case.filed_on)),
        ("保管期限", case.retention),
    ]
    grid = FieldGrid(
        [GridRow([label(name), value(text)], 15 * mm) for name, text in fields],
        [40 * mm, 134 * mm],
    )
    return [
        Spacer(1, 30 * mm),
        Paragraph(case.committee_name, _BIG),
        Spacer(1, 25 * mm),
        grid.table(),
    ]


def build_cover(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """卷宗封面: the file's name and number, mediators, dates, who filed it and for how long."""
    write_form(out, cover_story(case), COVER, case)


def contents_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    rows = [GridRow([label("序号"), label("文书名称"), label("页号"), label("页数")], 9 * mm)]
    # Without a list of the filed documents, print the filing order with blank page numbers.
    entries = [(e.title, e.page, e.pages) for e in case.contents] or [
        (t, None, None) for t in FILE_ORDER
    ]
    for number, (title, page, pages) in enumerate(entries, start=1):
        rows.append(
            GridRow(
                [
                    value(str(number), align="CENTER"),
                    value(title),
                    value("" if page is None else str(page), align="CENTER"),
                    value("" if pages is None else str(pages), align="CENTER"),
                ],
                11 * mm,
            )
        )
    return [FieldGrid(rows, [18 * mm, 110 * mm, 23 * mm, 23 * mm], repeat_rows=1).table()]


def build_contents(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """卷内目录: each filed document with the page it starts on; the header repeats."""
    write_form(out, contents_story(case), CONTENTS, case)


def back_cover_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    known = [e.pages for e in case.contents if e.pages is not None]
    if case.contents and case.total_pages is not None:
        # Bound by govdesk: the page numbers of the contents run from the cover.
        count = (
            f"本卷共{len(case.contents)}件文书，连同封面、卷内目录和本表共{case.total_pages}页。"
        )
    elif case.contents and len(known) == len(case.contents):
        count = f"本卷共{len(case.contents)}件，共{sum(known)}页。"
    else:
        count = "本卷共（　　）件，共（　　）页。"
    notes = count + ("\n" + case.file_notes if case.file_notes else "")
    return [
        RuledText("本卷情况说明", notes, min_height=110 * mm),
        Spacer(1, GAP),
        KeepTogether(
            SignatureBlock(
                [
                    SignatureSpot(f"立卷人 {case.filed_by}".strip() + "（签名）"),
                    SignatureSpot(f"检查人 {case.checked_by}".strip() + "（签名）"),
                    SignatureSpot("人民调解委员会（盖章）", seal="（盖章）"),
                ],
                height=30 * mm,
            )
        ),
    ]


def build_back_cover(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """卷内备考表 (封底): how many documents and pages the file holds, who filed and checked it."""
    write_form(out, back_cover_story(case), BACK_COVER, case)


BUILDERS = {
    "notice": build_notice,
    "cover": build_cover,
    "contents": build_contents,
    "back-cover": build_back_cover,
}
