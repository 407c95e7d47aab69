"""The rights notice and the case-file wrappers: cover, contents list, back cover."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.forms import mediation_casefile as cf
from govdesk.forms.mediation_data import ContentsEntry, MediationCaseData
from tests.forms.conftest import page_fonts, page_text, read_pdf
from tests.forms.test_mediation_forms import CASE_NUMBER, COMMITTEE, make_case

TITLES = {
    "notice": "人民调解当事人权利义务告知书",
    "cover": "人民调解卷宗",
    "contents": "卷内目录",
    "back-cover": "卷内备考表",
}
LABELS = {
    "notice": ["当事人", "享有下列权利", "履行下列义务", "（签名并按指印）", "人民调解员"],
    "cover": ["卷名", "卷号", "调解员", "调解起止日期", "立卷人", "立卷日期", "保管期限"],
    "contents": ["序号", "文书名称", "页号", "页数"],
    "back-cover": ["本卷情况说明", "立卷人", "检查人", "人民调解委员会（盖章）"],
}


def file_case(**changes) -> MediationCaseData:
    case = make_case(
        filed_by="李秀英",
        filed_on=dt.date(2026, 4, 20),
        retention="长期",
        started_on=dt.date(2026, 3, 3),
        ended_on=dt.date(2026, 3, 10),
    )
    for key, val in changes.items():
        setattr(case, key, val)
    return case


def build(form: str, case: MediationCaseData, tmp_path):
    out = tmp_path / f"{form}.pdf"
    cf.BUILDERS[form](case, out)
    return out


@pytest.mark.parametrize("form", sorted(TITLES))
def test_title_labels_and_embedded_fonts(form, tmp_path):
    reader = read_pdf(build(form, file_case(), tmp_path))
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    for expected in [TITLES[form], COMMITTEE, CASE_NUMBER, *LABELS[form]]:
        assert expected in text, expected
    fonts = page_fonts(reader.pages[0])
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_cover_values(tmp_path):
    text = page_text(read_pdf(build("cover", file_case(), tmp_path)).pages[0])
    for expected in [
        "王建国与欧阳娜娜邻里纠纷",
        "张伟、刘丽",
        "2026年03月03日至2026年03月10日",
        "2026年04月20日",
        "长期",
    ]:
        assert expected in text, expected


def test_contents_lists_the_filing_order_when_empty(tmp_path):
    text = page_text(read_pdf(build("contents", file_case(), tmp_path)).pages[0])
    positions = [text.index(title) for title in cf.FILE_ORDER]
    assert positions == sorted(positions)
    assert len(cf.FILE_ORDER) == 13


def test_long_contents_repeat_the_header(tmp_path):
    entries = [ContentsEntry(f"证据材料第{i}份", i * 2 + 1, 2) for i in range(40)]
    reader = read_pdf(build("contents", file_case(contents=entries), tmp_path))
    assert len(reader.pages) == 2
    texts = [page_text(p) for p in reader.pages]
    assert all("序号文书名称页号页数" in t for t in texts)
    whole = "".join(texts)
    assert all(f"证据材料第{i}份" in whole for i in range(40))


def test_back_cover_counts_documents_and_pages(tmp_path):
    entries = [ContentsEntry("人民调解申请书", 1, 2), ContentsEntry("人民调解协议书", 3, 3)]
    case = file_case(contents=entries, checked_by="赵强", file_notes="协议已履行完毕。")
    text = page_text(read_pdf(build("back-cover", case, tmp_path)).pages[0])
    assert "本卷共2件，共5页。" in text
    assert "协议已履行完毕。" in text
    assert "检查人赵强（签名）" in text
