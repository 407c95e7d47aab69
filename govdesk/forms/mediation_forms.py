"""The people's mediation documents (司法部 2010 formats): agreement, application, register, record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from govdesk.forms import styles as st
from govdesk.forms.flowables import (
    BLANK_DATE,
    FieldGrid,
    GridRow,
    SignatureBlock,
    SignatureSpot,
    format_date,
    label,
    value,
)
from govdesk.forms.fonts import register_fonts
from govdesk.forms.mediation_data import APPLICANT, MediationCaseData
from govdesk.forms.mediation_parts import (
    MediationHeader,
    RuledText,
    numbered,
    official_signatures,
    parties_grid,
    party_signatures,
)
from govdesk.forms.page import build_document

AGREEMENT = "人民调解协议书"
APPLICATION = "人民调解申请书"
REGISTRATION = "人民调解受理登记表"
SESSION_RECORD = "人民调解记录"
ORAL_AGREEMENT = "人民调解口头协议登记表"
FOLLOW_UP = "人民调解回访记录"
INVESTIGATION = "人民调解调查记录"

GAP = 3 * mm
# Four label/value columns for the short fields; 174 mm in all.
PAIR_COLUMNS = [26 * mm, 61 * mm, 26 * mm, 61 * mm]
ROW = 9.5 * mm


def _pairs(rows: list[list[tuple[str, str]]]) -> FieldGrid:
    """Rows of one or two label/value pairs; a lone pair takes the whole width."""
    grid_rows = []
    for pairs in rows:
        cells = []
        for caption, text in pairs:
            cells += [label(caption), value(text, span=3 if len(pairs) == 1 else 1)]
        grid_rows.append(GridRow(cells, ROW))
    return FieldGrid(grid_rows, PAIR_COLUMNS)


def when(day: dt.date | None, time: dt.time | None) -> str:
    """2026年03月10日 09时30分; the date alone when the time is not known."""
    if day is None:
        return ""
    return format_date(day) + (f" {time:%H时%M分}" if time is not None else "")


def write_form(out, story: list[Flowable], title: str, case: MediationCaseData) -> None:
    build_document(
        out,
        story,
        header=MediationHeader(title, case.committee_name, case.case_number, case.qr_payload),
        title=f"{title}：{case.case_number}" if case.case_number else title,
        author=case.committee_name,
    )


def copy_line(case: MediationCaseData) -> str:
    """The closing line of an agreement: one copy per party and one for the committee."""
    return (
        "本协议书自各方当事人签名（按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。"
        f"本协议书一式{case.copy_count}份，当事人各执一份，人民调解委员会留存一份。"
    )


def agreement_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    performance = _pairs(
        [
            [("履行方式", case.performance_manner)],
            [("履行地点", case.performance_place), ("履行期限", case.performance_deadline)],
        ]
    )
    signed = format_date(case.agreement_date) or BLANK_DATE
    return [
        parties_grid(case).table(),
        Spacer(1, GAP),
        RuledText(
            "纠纷主要事实、争议事项及各方责任",
            case.agreement_facts or case.summary,
            min_height=32 * mm,
        ),
        Spacer(1, GAP),
        RuledText("经调解，自愿达成如下协议", numbered(case.agreement_terms), min_height=38 * mm),
        Spacer(1, GAP),
        performance.table(),
        Spacer(1, GAP),
        Paragraph(copy_line(case), st.VALUE),
        Spacer(1, GAP),
        KeepTogether(
            [
                *party_signatures(case),
                official_signatures(case),
                Spacer(1, 2 * mm),
                Paragraph(f"协议签订日期：{signed}", st.SMALL_RIGHT),
            ]
        ),
    ]


def build_agreement(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解协议书: parties, facts, terms, performance, copy count, every signature."""
    write_form(out, agreement_story(case), AGREEMENT, case)


def application_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    applicants = [p for p in case.parties if p.role == APPLICANT]
    names = [p.name for p in applicants] or [""]
    spots = [SignatureSpot(f"申请人 {name}".strip() + "（签名并按指印）") for name in names]
    return [
        parties_grid(case).table(),
        Spacer(1, GAP),
        RuledText("纠纷简要情况", case.summary, min_height=60 * mm),
        Spacer(1, GAP),
        RuledText("申请事项", case.request, min_height=40 * mm),
        Spacer(1, GAP),
        Paragraph(f"此致\n{case.committee_name}".replace("\n", "<br/>"), st.VALUE),
        Spacer(1, GAP),
        KeepTogether(
            [
                *[
                    SignatureBlock(spots[i : i + 2], height=28 * mm)
                    for i in range(0, len(spots), 2)
                ],
                Spacer(1, 2 * mm),
                Paragraph(
                    f"申请日期：{format_date(case.applied_on) or BLANK_DATE}", st.SMALL_RIGHT
                ),
            ]
        ),
    ]


def build_application(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解申请书: the parties, the dispute, what is asked for, the applicants' signatures."""
    write_form(out, application_story(case), APPLICATION, case)


def registration_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    facts = _pairs(
        [
            [("纠纷类型", case.dispute_type), ("案件来源", case.source)],
            [
                ("登记日期", format_date(case.registered_on)),
                ("受理时间", format_date(case.accepted_on)),
            ],
            [("登记人", case.registrar), ("人民调解员", "、".join(case.mediators))],
        ]
    )
    return [
        parties_grid(case).table(),
        Spacer(1, GAP),
        facts.table(),
        Spacer(1, GAP),
        RuledText("纠纷简要情况", case.summary, min_height=60 * mm),
        Spacer(1, GAP),
        KeepTogether(
            SignatureBlock(
                [
                    SignatureSpot(f"登记人 {case.registrar}".strip() + "（签名）"),
                    SignatureSpot("人民调解委员会（盖章）", seal="（盖章）"),
                ],
                height=30 * mm,
            )
        ),
    ]


def build_registration(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解受理登记表: parties, type, source, dates, summary, the registrar and the seal."""
    write_form(out, registration_story(case), REGISTRATION, case)


def session_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    parties = "、".join(f"{p.role}{p.name}" for p in case.parties)
    facts = _pairs(
        [
            [("时间", when(case.session_date, case.session_time)), ("地点", case.session_place)],
            [("事由", case.session_cause or case.dispute_type)],
            [("当事人", parties)],
            [("参加人", "、".join(case.participants))],
            [("人民调解员", "、".join(case.mediators)), ("记录人", case.recorder)],
        ]
    )
    story: list[Flowable] = [
        facts.table(),
        Spacer(1, GAP),
        RuledText("告知当事人的权利义务", case.rights_explained, min_height=18 * mm),
    ]
    statements = case.statements or []
    if not statements:
        story += [Spacer(1, GAP), RuledText("当事人陈述", "", min_height=40 * mm)]
    # Several parties' boxes share the page with the signatures: smaller empty room each.
    room = 30 * mm if len(statements) < 2 else 20 * mm
    for statement in statements:
        story += [
            Spacer(1, GAP),
            RuledText(f"{statement.speaker}陈述", statement.text, min_height=room),
        ]
    story += [
        Spacer(1, GAP),
        RuledText("查明的事实", case.facts, min_height=20 * mm),
        Spacer(1, GAP),
        RuledText("调解结果（达成的协议或调解不成的原因）", case.result, min_height=20 * mm),
        Spacer(1, GAP),
        KeepTogether([*party_signatures(case), official_signatures(case, recorder=True)]),
    ]
    return story


def build_session_record(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解记录: one session, each party's statement, the facts, the result, signatures."""
    write_form(out, session_story(case), SESSION_RECORD, case)


def oral_agreement_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    details = _pairs(
        [
            [("履行方式", case.performance_manner)],
            [("履行地点", case.performance_place), ("履行期限", case.performance_deadline)],
            [
                ("调解日期", format_date(case.agreement_date or case.session_date)),
                ("登记人", case.registrar),
            ],
        ]
    )
    return [
        parties_grid(case).table(),
        Spacer(1, GAP),
        RuledText("纠纷简要情况", case.summary, min_height=25 * mm),
        Spacer(1, GAP),
        RuledText("口头协议内容", numbered(case.agreement_terms), min_height=30 * mm),
        Spacer(1, GAP),
        details.table(),
        Spacer(1, GAP),
        KeepTogether([*party_signatures(case), official_signatures(case)]),
    ]


def build_oral_agreement(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解口头协议登记表: the essentials of an oral agreement on one page."""
    write_form(out, oral_agreement_story(case), ORAL_AGREEMENT, case)


def follow_up_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    parties = "、".join(f"{p.role}{p.name}" for p in case.parties)
    facts = _pairs(
        [
            [("当事人", parties)],
            [
                ("协议编号", case.agreement_number or case.case_number),
                ("回访时间", format_date(case.visited_on)),
            ],
            [("回访人", case.visitor), ("当事人满意度", case.satisfaction)],
        ]
    )
    officials = SignatureBlock(
        [
            SignatureSpot(f"回访人 {case.visitor}".strip() + "（签名）"),
            SignatureSpot("人民调解委员会（盖章）", seal="（盖章）"),
        ],
        height=28 * mm,
    )
    return [
        facts.table(),
        Spacer(1, GAP),
        RuledText("回访事由", case.visit_reason, min_height=30 * mm),
        Spacer(1, GAP),
        RuledText("履行情况", case.performance_status, min_height=55 * mm),
        Spacer(1, GAP),
        KeepTogether([*party_signatures(case), officials]),
    ]


def build_follow_up(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解回访记录: who was visited, why, how the agreement is being kept, satisfaction."""
    write_form(out, follow_up_story(case), FOLLOW_UP, case)


def investigation_story(case: MediationCaseData) -> list[Flowable]:
    register_fonts()  # a Paragraph looks its font up when it is made
    facts = _pairs(
        [
            [
                ("时间", when(case.investigated_on, case.investigation_time)),
                ("地点", case.investigation_place),
            ],
            [("调查人", "、".join(case.investigators)), ("记录人", case.recorder)],
            [("被调查人", case.interviewee)],
        ]
    )
    signatures = SignatureBlock(
        [
            SignatureSpot(f"被调查人 {case.interviewee}".strip() + "（签名并按指印）", weight=1.4),
            SignatureSpot("调查人（签名）"),
            SignatureSpot("记录人（签名）"),
        ],
        declaration="以上记录已阅（已向本人宣读），与本人所述一致。",
        height=36 * mm,
    )
    return [
        facts.table(),
        Spacer(1, GAP),
        RuledText("调查内容", case.investigation, min_height=120 * mm),
        Spacer(1, GAP),
        KeepTogether(signatures),
    ]


def build_investigation(case: MediationCaseData, out: Path | BinaryIO) -> None:
    """人民调解调查记录: who was asked what, where and when, signed by the person asked."""
    write_form(out, investigation_story(case), INVESTIGATION, case)


BUILDERS = {
    "agreement": build_agreement,
    "application": build_application,
    "registration": build_registration,
    "session": build_session_record,
    "oral-agreement": build_oral_agreement,
    "follow-up": build_follow_up,
    "investigation": build_investigation,
}
