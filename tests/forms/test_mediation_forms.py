"""The mediation documents: built from plain case data, read back with pypdf and poppler."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from govdesk.forms import mediation_forms as mf
from govdesk.forms.mediation_data import (
    APPLICANT,
    RESPONDENT,
    MediationCaseData,
    PartyData,
    StatementData,
)
from govdesk.forms.mediation_parts import numbered, qr_modules, qr_widget
from tests.forms.conftest import page_fonts, page_text, read_pdf

CASE_NUMBER = "（2026）幸人调字第12号"
COMMITTEE = "幸福社区人民调解委员会"
LONG_ADDRESS = "北京市朝阳区幸福社区3号楼2单元201室（原纺织厂家属院东侧第二排平房改建）"

PARTY_LABELS = ["申请人", "被申请人", "姓名", "性别", "民族", "年龄", "职业", "联系方式", "住址"]
LABELS = {
    "agreement": PARTY_LABELS
    + [
        "纠纷主要事实、争议事项及各方责任",
        "经调解，自愿达成如下协议",
        "履行方式",
        "履行地点",
        "履行期限",
        "（签名并按指印）",
        "人民调解员",
        "人民调解委员会（盖章）",
        "协议签订日期",
    ],
    "application": PARTY_LABELS + ["纠纷简要情况", "申请事项", "（签名并按指印）", "申请日期"],
    "registration": PARTY_LABELS
    + ["纠纷类型", "案件来源", "纠纷简要情况", "登记人", "受理时间", "人民调解委员会（盖章）"],
    "session": [
        "时间",
        "地点",
        "事由",
        "当事人",
        "参加人",
        "人民调解员",
        "记录人",
        "告知当事人的权利义务",
        "陈述",
        "查明的事实",
        "调解结果",
        "（签名并按指印）",
        "人民调解委员会（盖章）",
    ],
}
LABELS["oral-agreement"] = PARTY_LABELS + [
    "纠纷简要情况",
    "口头协议内容",
    "履行方式",
    "履行地点",
    "履行期限",
    "调解日期",
    "登记人",
    "（签名并按指印）",
    "人民调解员",
    "人民调解委员会（盖章）",
]
LABELS["follow-up"] = [
    "当事人",
    "协议编号",
    "回访时间",
    "回访人",
    "当事人满意度",
    "回访事由",
    "履行情况",
    "（签名并按指印）",
    "人民调解委员会（盖章）",
]
LABELS["investigation"] = [
    "时间",
    "地点",
    "调查人",
    "记录人",
    "被调查人",
    "调查内容",
    "（签名并按指印）",
    "与本人所述一致",
]
TITLES = {
    "investigation": "人民调解调查记录",
    "oral-agreement": "人民调解口头协议登记表",
    "follow-up": "人民调解回访记录",
    "agreement": "人民调解协议书",
    "application": "人民调解申请书",
    "registration": "人民调解受理登记表",
    "session": "人民调解记录",
}


def make_case(**changes) -> MediationCaseData:
    case = MediationCaseData(
        committee_name=COMMITTEE,
        case_number=CASE_NUMBER,
        parties=[
            PartyData(
                "王建国",
                APPLICANT,
                "男",
                "汉族",
                58,
                "退休职工",
                "13800138000",
                "幸福社区3号楼101室",
            ),
            PartyData(
                "欧阳娜娜", RESPONDENT, "女", "满族", 36, "个体经营", "13912345678", LONG_ADDRESS
            ),
        ],
        dispute_type="邻里",
        source="当事人申请",
        summary="彩钢棚雨水流入邻院，墙体受潮。",
        request="请求被申请人改造排水并赔偿维修费用。",
        applied_on=dt.date(2026, 3, 1),
        registered_on=dt.date(2026, 3, 2),
        accepted_on=dt.date(2026, 3, 3),
        registrar="李秀英",
        mediators=["张伟", "刘丽"],
        recorder="陈敏",
        session_date=dt.date(2026, 3, 10),
        session_place="社区调解室",
        participants=["网格员赵强"],
        rights_explained="告知双方在人民调解活动中的权利和义务。",
        statements=[StatementData("申请人王建国", "雨水流入院内。")],
        facts="彩钢棚排水口朝向申请人院内。",
        result="双方达成协议。",
        agreement_terms=["被申请人改造排水口。", "被申请人支付维修费贰仟元。"],
        performance_manner="现金支付",
        performance_place="社区调解室",
        performance_deadline="2026年3月20日前",
        agreement_date=dt.date(2026, 3, 10),
        visit_reason="了解协议履行情况。",
        performance_status="排水口已改造，维修费已付清。",
        satisfaction="满意",
        visitor="张伟",
        visited_on=dt.date(2026, 4, 10),
        investigated_on=dt.date(2026, 3, 5),
        investigation_place="申请人家中",
        investigators=["张伟"],
        interviewee="邻居孙大妈",
        investigation="问：彩钢棚何时搭建？答：去年秋天。",
    )
    for key, val in changes.items():
        setattr(case, key, val)
    return case


def build(form: str, case: MediationCaseData, tmp_path):
    out = tmp_path / f"{form}.pdf"
    mf.BUILDERS[form](case, out)
    return out


@pytest.mark.parametrize("form", sorted(TITLES))
def test_form_carries_title_committee_number_and_every_label(form, tmp_path):
    out = build(form, make_case(), tmp_path)
    reader = read_pdf(out)
    text = "".join(page_text(p) for p in reader.pages)
    for expected in [TITLES[form], COMMITTEE, CASE_NUMBER, *LABELS[form]]:
        assert expected in text, expected
    assert reader.metadata.title == f"{TITLES[form]}：{CASE_NUMBER}"


@pytest.mark.parametrize("form", sorted(TITLES))
def test_form_embeds_every_font(form, tmp_path):
    out = build(form, make_case(), tmp_path)
    for page in read_pdf(out).pages:
        fonts = page_fonts(page)
        assert fonts and all(embedded for _, embedded in fonts), fonts
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows
    # Columns: name type encoding emb sub uni object id; "emb" is the fourth from the end.
    assert all(row.split()[-5] == "yes" for row in rows), listing.stdout


def test_agreement_values_and_copy_count(tmp_path):
    out = build("agreement", make_case(), tmp_path)
    text = "".join(page_text(p) for p in read_pdf(out).pages)
    for expected in [
        "王建国",
        "欧阳娜娜",
        "58",
        "满族",
        LONG_ADDRESS,  # wrapped in its box, nothing lost
        "一、被申请人改造排水口。",
        "二、被申请人支付维修费贰仟元。",
        "2026年3月20日前",
        "本协议书一式3份，当事人各执一份，人民调解委员会留存一份。",
        "申请人王建国（签名并按指印）",
        "被申请人欧阳娜娜（签名并按指印）",
        "人民调解员张伟、刘丽（签名）",
        "协议签订日期：2026年03月10日",
    ]:
        assert expected in text, expected


def test_copy_count_follows_the_parties():
    case = make_case()
    assert case.copy_count == 3
    case.parties.append(PartyData("赵强", RESPONDENT))
    assert case.copy_count == 4
    assert f"一式{4}份" in mf.copy_line(case)
    case.copies = 6
    assert "一式6份" in mf.copy_line(case)


def test_numbered_terms():
    assert numbered(["甲"]) == "甲"
    terms = numbered([str(i) for i in range(12)])
    assert terms.splitlines()[0] == "一、0"
    assert terms.splitlines()[9] == "十、9"
    assert terms.splitlines()[11] == "十二、11"


def statement_text(n: int) -> str:
    # Numbered sentences, so a lost or repeated line would show.
    parts, i = [], 0
    while sum(map(len, parts)) < n:
        parts.append(f"第{i}句：被申请人在院内搭建彩钢棚，雨水流入申请人院内导致墙体受潮开裂。")
        i += 1
    return "".join(parts)[:n]


def box_text(texts: list[str], caption: str, after: str) -> str:
    """What a ruled text box holds, read back across pages: from its caption (then from
    "caption（续）" on each later page) to the next label, without headers and footers."""
    body = []
    for number, text in enumerate(texts):
        text = re.sub(r"第\d+页共\d+页$", "", text)
        head = caption if number == 0 else f"{caption}（续）"
        if head not in text:
            break
        # The caption's last place on the first page: a value above may hold the same words.
        start = (text.rindex(head) if number == 0 else text.index(head)) + len(head)
        end = text.find(after, start)
        body.append(text[start : end if end >= 0 else len(text)])
        if end >= 0:
            break
    return "".join(body)


LONG_BOXES = {
    # form: (field, the box's caption, the label that follows the box)
    "session": ("statements", "申请人王建国陈述", "查明的事实"),
    "agreement": ("summary", "纠纷主要事实、争议事项及各方责任", "经调解，自愿达成如下协议"),
    "application": ("summary", "纠纷简要情况", "申请事项"),
    "follow-up": ("performance_status", "履行情况", "申请人王建国（签名并按指印）"),
    "investigation": ("investigation", "调查内容", "以上记录已阅"),
    "oral-agreement": ("agreement_terms", "口头协议内容", "履行方式"),
}


@pytest.mark.parametrize("form", sorted(LONG_BOXES))
def test_long_text_flows_onto_the_next_page_intact(form, tmp_path):
    field, caption, after = LONG_BOXES[form]
    long = statement_text(3000)
    assert len(long) == 3000
    value = {"statements": [StatementData("申请人王建国", long)], "agreement_terms": [long]}
    out = build(form, make_case(**{field: value.get(field, long)}), tmp_path)
    reader = read_pdf(out)
    assert len(reader.pages) >= 2
    texts = [page_text(p) for p in reader.pages]
    assert f"{caption}（续）" in texts[1]
    assert texts[0].endswith(f"第1页共{len(texts)}页")
    # Every character, in order, nothing repeated: the box's text read back is the input.
    assert box_text(texts, caption, after) == long


def test_qr_code_carries_the_case_number(tmp_path):
    widget = qr_widget(CASE_NUMBER)
    assert widget.value == CASE_NUMBER
    # 25 modules a side or more, drawn as filled runs.
    dark = [r for r in widget.draw().contents if r.fillColor is not None]
    assert len(dark) > 50
    modules = qr_modules(CASE_NUMBER)
    assert len(modules) == len(dark)
    assert qr_modules("（2026）幸人调字第13号") != modules
    header = mf.MediationHeader("人民调解受理登记表", COMMITTEE, CASE_NUMBER)
    assert header.qr_value == CASE_NUMBER
    # The header paints it on every page as one filled path of the code's runs.
    out = build("registration", make_case(), tmp_path)
    content = read_pdf(out).pages[0].get_contents().get_data().decode("latin-1")
    path = max(re.split(r"\sf\b", content), key=lambda p: p.count(" re"))
    assert path.count(" re") == len(dark)


def test_unnumbered_case_qr_carries_its_id(tmp_path):
    case = make_case(case_number="", qr_value="3f1c0a52-0000-4000-8000-000000000001")
    assert case.qr_payload == "3f1c0a52-0000-4000-8000-000000000001"
    out = build("application", case, tmp_path)
    reader = read_pdf(out)
    text = page_text(reader.pages[0])
    assert "编号：（）人调字第号" in text
    assert reader.metadata.title == "人民调解申请书"


def test_blank_case_prints_empty_boxes(tmp_path):
    case = MediationCaseData(committee_name=COMMITTEE, case_number=CASE_NUMBER)
    for form in TITLES:
        out = build(form, case, tmp_path)
        reader = read_pdf(out)
        assert len(reader.pages) == 1, form
        assert TITLES[form] in page_text(reader.pages[0])


def test_follow_up_values(tmp_path):
    out = build("follow-up", make_case(), tmp_path)
    text = "".join(page_text(p) for p in read_pdf(out).pages)
    for expected in [
        "申请人王建国、被申请人欧阳娜娜",
        f"协议编号{CASE_NUMBER}",
        "2026年04月10日",
        "满意",
        "排水口已改造，维修费已付清。",
        "回访人张伟（签名）",
    ]:
        assert expected in text, expected


def test_investigation_values(tmp_path):
    out = build("investigation", make_case(), tmp_path)
    text = "".join(page_text(p) for p in read_pdf(out).pages)
    for expected in [
        "2026年03月05日",
        "申请人家中",
        "被调查人邻居孙大妈（签名并按指印）",
        "问：彩钢棚何时搭建？答：去年秋天。",
        "陈敏",
    ]:
        assert expected in text, expected
