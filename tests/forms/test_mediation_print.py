"""Printing mediation cases from the database: forms, the bound 卷宗, batches, masking, audit."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import threading

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from govdesk.domain.mediation import join_statements
from govdesk.domain.models import Meta
from govdesk.domain.permissions import Actor, Role
from govdesk.forms import mediation_print as mp
from govdesk.forms.fonts import FONT, register_fonts
from govdesk.forms.mediation_records import HIDDEN, agreement_terms, committee_name, names
from govdesk.services import mediation as med
from govdesk.services import mediation_attachments as attachments
from govdesk.services.mediation import PartyInput
from govdesk.services.progress import Cancelled
from tests.forms.conftest import page_fonts, page_text, read_pdf
from tests.forms.test_mediation_forms import statement_text

UTC = dt.UTC
COMMITTEE = "幸福社区人民调解委员会"
LONG = statement_text(3000)
TITLES = {
    "application": "人民调解申请书",
    "registration": "人民调解受理登记表",
    "notice": "人民调解当事人权利义务告知书",
    "investigation": "人民调解调查记录",
    "session": "人民调解记录",
    "agreement": "人民调解协议书",
    "oral-agreement": "人民调解口头协议登记表",
    "follow-up": "人民调解回访记录",
    "cover": "人民调解卷宗",
    "contents": "卷内目录",
    "back-cover": "卷内备考表",
}


def register(db, *, source: str = "当事人申请", summary: str = "彩钢棚雨水流入邻院。") -> str:
    with db.session() as s:
        case = med.register_case(
            s,
            dispute_type="邻里",
            source=source,
            summary=summary,
            request="请求被申请人改造排水口。",
            registered_on=dt.date(2026, 3, 2),
            registered_by="李秀英",
            applied_on=dt.date(2026, 3, 1),
            parties=[
                PartyInput(
                    "applicant", name="王建国", sex="男", ethnicity="汉族", age=58,
                    occupation="退休职工", phone="13800138000", address="幸福社区3号楼101室",
                ),
                PartyInput(
                    "respondent", name="欧阳娜娜", sex="女", ethnicity="满族", age=36,
                    occupation="个体经营", phone="13912345678", address="幸福社区3号楼102室",
                ),
            ],
        )  # fmt: skip
        return case.id


def settled_case(db, *, long_statement: bool = False, archived: bool = True) -> str:
    """A case taken through investigation, two sessions, a written agreement, a follow-up."""
    case_id = register(db)
    first = LONG if long_statement else "雨水流入院内。"
    with db.session() as s:
        med.accept_case(s, case_id, accepted_on=dt.date(2026, 3, 3), mediators="张伟、刘丽")
        med.record_session(
            s, case_id, kind="investigation", held_at=dt.datetime(2026, 3, 5, 1, 30, tzinfo=UTC),
            place="申请人家中", participants="邻居孙大妈", mediators="张伟", recorder="陈敏",
            statements="问：彩钢棚何时搭建？答：去年秋天。", facts="排水口朝向申请人院内。",
        )  # fmt: skip
        for day, words in ((10, first), (12, "同意改造。")):
            med.record_session(
                s, case_id, held_at=dt.datetime(2026, 3, day, 2, tzinfo=UTC),
                place="社区调解室", subject="彩钢棚排水纠纷", participants="网格员赵强",
                mediators="张伟，刘丽", recorder="陈敏",
                statements=join_statements(
                    [("申请人王建国", words), ("被申请人欧阳娜娜", f"{day}日：愿意改造排水口。")]
                ),
                facts="彩钢棚排水口朝向申请人院内。", result=f"{day}日双方达成协议。",
            )  # fmt: skip
        med.settle_case(
            s, case_id, agreement_on=dt.date(2026, 3, 12), agreement_kind="written",
            agreement_terms="一、被申请人改造排水口。\n2. 被申请人支付维修费贰仟元。",
            agreement_facts="彩钢棚排水口朝向申请人院内，致墙体受潮。",
            performance_manner="现金支付", performance_place="社区调解室",
            performance_deadline="2026年3月20日前",
        )  # fmt: skip
        med.add_follow_up(
            s, case_id, visited_on=dt.date(2026, 4, 10), visitor="张伟",
            reason="了解协议履行情况。", performance="排水口已改造，维修费已付清。",
            satisfaction="满意",
        )  # fmt: skip
        if archived:
            med.archive_case(
                s, case_id, archived_on=dt.date(2026, 4, 20), archived_by="李秀英",
                retention="长期", file_notes="协议已履行完毕。", checked_by="赵强",
            )  # fmt: skip
    return case_id


def small_pdf(lines: list[str]) -> bytes:
    """A scanned-looking PDF, one page per line of text."""
    register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, initialFontName=FONT)
    for line in lines:
        c.setFont(FONT, 14)
        c.drawString(100, 700, line)
        c.showPage()
    c.save()
    return buffer.getvalue()


def small_png(size=(40, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def attach(db, case_id: str, kind: str, data: bytes, name: str, title: str = "") -> str:
    with db.session() as s:
        return attachments.add_attachment(
            s, case_id, data=data, file_name=name, kind=kind, title=title,
            added_on=dt.date(2026, 4, 20),
        ).id  # fmt: skip


def prints(db) -> list[dict]:
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT record_id, detail FROM audit_log WHERE action = 'print' ORDER BY seq"
        ).all()
    return [{"record_id": r[0], **json.loads(r[1])} for r in rows]


def texts(path) -> list[str]:
    return [page_text(p) for p in read_pdf(path).pages]


# -- the data adapter ---------------------------------------------------------------------------


def test_case_data_from_the_records(db):
    case_id = settled_case(db)
    with db.session() as s:
        data = mp.case_data(s, case_id, full=True)
        number = med.get_case(s, case_id).number
    assert data.committee_name == COMMITTEE  # 幸福社区居民委员会 → its committee
    assert data.case_number == number and data.qr_payload == number
    assert [(p.role, p.name, p.sex, p.ethnicity, p.age) for p in data.parties] == [
        ("申请人", "王建国", "男", "汉族", 58),
        ("被申请人", "欧阳娜娜", "女", "满族", 36),
    ]
    assert data.parties[0].phone == "13800138000"
    assert data.parties[1].address == "幸福社区3号楼102室"
    assert (data.dispute_type, data.source) == ("邻里", "当事人申请")
    assert data.applied_on == dt.date(2026, 3, 1)
    assert data.mediators == ["张伟", "刘丽"]
    # The latest session unless one is chosen; statements one box per speaker.
    assert data.session_date == dt.date(2026, 3, 12)
    assert [(x.speaker, x.text) for x in data.statements] == [
        ("申请人王建国", "同意改造。"),
        ("被申请人欧阳娜娜", "12日：愿意改造排水口。"),
    ]
    assert data.investigators == ["张伟"] and data.interviewee == "邻居孙大妈"
    assert "问：彩钢棚何时搭建？答：去年秋天。" in data.investigation
    assert data.agreement_terms == ["被申请人改造排水口。", "被申请人支付维修费贰仟元。"]
    assert data.agreement_facts == "彩钢棚排水口朝向申请人院内，致墙体受潮。"
    assert (data.satisfaction, data.visitor) == ("满意", "张伟")
    assert (data.filed_by, data.retention, data.checked_by) == ("李秀英", "长期", "赵强")
    assert data.volume == number and data.file_notes == "协议已履行完毕。"
    assert (data.started_on, data.ended_on) == (dt.date(2026, 3, 3), dt.date(2026, 3, 12))


def test_form_data_one_copy_per_session_or_the_chosen_one(db):
    case_id = settled_case(db)
    with db.session() as s:
        copies = mp.form_data(s, case_id, "session", full=True)
        ids = mp.item_ids(s, case_id, "session")
        chosen = mp.form_data(s, case_id, "session", full=True, item_id=ids[0])
        assert mp.form_data(s, case_id, "agreement", full=True)[0].agreement_date == dt.date(
            2026, 3, 12
        )
    assert [c.session_date for c in copies] == [dt.date(2026, 3, 10), dt.date(2026, 3, 12)]
    assert len(chosen) == 1 and chosen[0].result == "10日双方达成协议。"


def test_helpers_split_names_and_terms():
    assert names("张伟、刘丽，陈敏, 赵强") == ["张伟", "刘丽", "陈敏", "赵强"]
    assert names("") == []
    assert agreement_terms("一、赔偿三百元；二、三日内清理杂物。") == [
        "赔偿三百元；",
        "三日内清理杂物。",
    ]
    # Not a list of terms: a sentence that merely holds a number is kept whole.
    assert agreement_terms("赔偿款分两期；三、四月各付一半。") == [
        "赔偿款分两期；三、四月各付一半。"
    ]
    assert agreement_terms("一、甲\n\n（二）乙\n3．丙\n十一、丁\n无编号") == [
        "甲",
        "乙",
        "丙",
        "丁",
        "无编号",
    ]


def test_committee_name_setting_wins(db):
    with db.session() as s:
        assert committee_name(s) == COMMITTEE
        s.add(Meta(key="mediation_committee_name", value="幸福联合人民调解委员会"))
    with db.session() as s:
        assert committee_name(s) == "幸福联合人民调解委员会"


@pytest.mark.parametrize(
    ("role", "phone", "address", "statements"),
    [
        (Role.MEDIATOR, "13800138000", "幸福社区3号楼101室", "同意改造。"),
        # PRINT_FULL without MEDIATION_PARTIES: masked, no address, no statements.
        (Role.CLERK, "138****8000", "", HIDDEN),
        (Role.VIEWER, "138****8000", "", HIDDEN),
    ],
)
def test_party_details_follow_the_role(db, role, phone, address, statements):
    case_id = settled_case(db)
    db.actor = Actor("someone", role)
    with db.session() as s:
        data = mp.case_data(s, case_id, full=True)
    assert data.parties[0].phone == phone
    assert data.parties[0].address == address
    assert data.statements[0].text == statements
    assert data.parties[0].name == "王建国"  # names are for every role


def test_unnumbered_case_prints_with_its_id_in_the_qr(db, tmp_path):
    case_id = register(db)
    out = mp.print_form(db, case_id, "application", tmp_path / "a.pdf")
    with db.session() as s:
        data = mp.case_data(s, case_id, full=True)
    assert data.case_number == "" and data.qr_payload == case_id
    text = texts(out)[0]
    assert "人民调解申请书" in text and "编号：（）人调字第号" in text
    assert "申请日期：2026年03月01日" in text


# -- single forms -------------------------------------------------------------------------------


@pytest.mark.parametrize("form", list(TITLES))
def test_every_form_prints_from_the_case_and_is_audited(db, tmp_path, form):
    case_id = settled_case(db)
    out = mp.print_form(db, case_id, form, tmp_path / f"{form}.pdf")
    pages = texts(out)
    whole = "".join(pages)
    with db.session() as s:
        number = med.get_case(s, case_id).number
    assert TITLES[form] in pages[0] and COMMITTEE in whole and number in whole
    for page in read_pdf(out).pages:
        fonts = page_fonts(page)
        assert fonts and all(embedded for _, embedded in fonts), fonts
    [entry] = prints(db)
    assert entry["record_id"] == case_id
    assert (entry["form"], entry["case_number"], entry["masked"]) == (form, number, False)
    assert entry["file"] == str(out)


def test_session_form_prints_every_session_or_the_chosen_one(db, tmp_path):
    case_id = settled_case(db)
    both = texts(mp.print_form(db, case_id, "session", tmp_path / "s.pdf"))
    whole = "".join(both)
    assert "10日双方达成协议。" in whole and "12日双方达成协议。" in whole
    assert whole.index("2026年03月10日") < whole.index("2026年03月12日")
    assert "2026年03月10日10时00分" in whole or "2026年03月10日" in whole
    with db.session() as s:
        second = mp.item_ids(s, case_id, "session")[1]
    one = "".join(texts(mp.print_form(db, case_id, "session", tmp_path / "1.pdf", item_id=second)))
    assert "12日双方达成协议。" in one and "10日双方达成协议。" not in one
    assert prints(db)[-1]["item_id"] == second


def test_unknown_item_or_form_is_refused(db, tmp_path):
    case_id = settled_case(db)
    from govdesk.domain.messages import DomainError

    with pytest.raises(DomainError):
        mp.print_form(db, case_id, "session", tmp_path / "x.pdf", item_id="nope")
    with pytest.raises(DomainError):
        mp.print_form(db, case_id, "letter", tmp_path / "y.pdf")
    assert not (tmp_path / "x.pdf").exists() and prints(db) == []


def test_long_statement_from_the_database_flows_on_intact(db, tmp_path):
    case_id = settled_case(db, long_statement=True)
    with db.session() as s:
        first = mp.item_ids(s, case_id, "session")[0]
    pages = texts(mp.print_form(db, case_id, "session", tmp_path / "s.pdf", item_id=first))
    assert len(pages) >= 2 and "申请人王建国陈述（续）" in pages[1]
    from tests.forms.test_mediation_forms import box_text

    assert box_text(pages, "申请人王建国陈述", "被申请人欧阳娜娜陈述") == LONG


def test_masked_print_for_a_clerk(db, tmp_path):
    case_id = settled_case(db)
    db.actor = Actor("clerk", Role.CLERK)
    whole = "".join(texts(mp.print_form(db, case_id, "agreement", tmp_path / "a.pdf")))
    assert "138****8000" in whole and "13800138000" not in whole
    assert prints(db)[-1]["masked"] is True


# -- the case file ------------------------------------------------------------------------------


def test_case_file_in_filing_order_with_true_page_numbers(db, tmp_path):
    case_id = settled_case(db, long_statement=True)
    attach(db, case_id, "id_proof", small_png(), "身份证.png", "王建国身份证复印件")
    attach(db, case_id, "evidence", small_pdf(["证据第一页", "证据第二页"]), "照片.pdf", "现场照片")
    steps = []
    out = mp.print_case_file(
        db, case_id, tmp_path / "file.pdf", progress=lambda d, t: steps.append((d, t))
    )
    pages = texts(out)
    entry = prints(db)[-1]
    titles = entry["documents"]
    assert titles == [
        "人民调解申请书",
        "人民调解当事人权利义务告知书",
        "当事人身份证明",
        "人民调解调查记录",
        "证据材料",
        "人民调解记录（2026年03月10日）",
        "人民调解记录（2026年03月12日）",
        "人民调解协议书",
        "人民调解回访记录",
        "卷内备考表（封底）",
    ]
    assert entry["form"] == "casefile" and entry["pages"] == len(pages)
    assert pages[0].startswith("人民调解卷宗") and "卷内目录" in pages[1]
    assert pages[-1].startswith("卷内备考表")
    # Each contents line's page number is where that document starts in the PDF.
    with db.session() as s:
        data, items = mp.case_file_items(s, case_id, full=True)
    from govdesk.forms.mediation_binding import bind

    bound = bind(data, items)
    starts = {
        "人民调解申请书": "人民调解申请书",
        "当事人身份证明": "王建国身份证复印件",
        "证据材料": "证据第一页",
        "人民调解记录（2026年03月10日）": "人民调解记录",
        "卷内备考表（封底）": "卷内备考表",
    }
    contents_page = pages[1]
    for e in bound.contents:
        assert f"{e.title}{e.page}{e.pages}" in contents_page, e
        if e.title in starts:
            assert starts[e.title] in pages[e.page - 1], (e.title, e.page)
    session = next(e for e in bound.contents if e.title.endswith("03月10日）"))
    assert session.pages >= 2  # the 3,000-character statement
    # Each document counts its own pages; a one-page document has no page line.
    for n in range(session.pages):
        page = pages[session.page - 1 + n]
        assert page.startswith("人民调解记录") and page.endswith(f"第{n + 1}页共{session.pages}页")
    agreement = next(e for e in bound.contents if e.title == "人民调解协议书")
    assert agreement.pages == 1 and "页共" not in pages[agreement.page - 1]
    evidence = next(e for e in bound.contents if e.title == "证据材料")
    assert evidence.pages == 2 and "证据第二页" in pages[evidence.page]
    assert bound.pages == len(pages)
    # The back cover counts the filed documents (not itself) and every page of the volume.
    count = len(bound.contents) - 1
    assert f"本卷共{count}件文书，连同封面、卷内目录和本表共{len(pages)}页。" in pages[-1]
    assert steps[-1][0] == steps[-1][1] and [d for d, _ in steps] == sorted(d for d, _ in steps)
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert all(row.split()[-5] == "yes" for row in listing.stdout.splitlines()[2:])


def test_scan_replaces_the_printed_form(db, tmp_path):
    case_id = settled_case(db)
    attach(db, case_id, "agreement", small_pdf(["已签名的协议书"]), "协议书.pdf")
    pages = texts(mp.print_case_file(db, case_id, tmp_path / "f.pdf"))
    whole = "".join(pages)
    assert "已签名的协议书" in whole
    # The unsigned printed agreement is not bound beside the signed scan.
    assert not any(p.startswith("人民调解协议书") for p in pages)


def test_scans_withheld_from_a_role_without_party_details(db, tmp_path):
    case_id = settled_case(db)
    attach(db, case_id, "id_proof", small_png(), "身份证.png")
    db.actor = Actor("clerk", Role.CLERK)
    whole = "".join(texts(mp.print_case_file(db, case_id, tmp_path / "f.pdf")))
    assert "附件“身份证.png”未打印" in whole
    assert prints(db)[-1]["masked"] is True


def test_damaged_image_and_pdf_get_a_notice_page(db, tmp_path):
    case_id = settled_case(db)
    attach(db, case_id, "photo", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "坏图.png")
    attach(db, case_id, "performance_proof", b"%PDF-1.4\n" + b"x" * 100, "坏文件.pdf")
    whole = "".join(texts(mp.print_case_file(db, case_id, tmp_path / "f.pdf")))
    assert "附件“坏图.png”无法读取" in whole and "附件“坏文件.pdf”无法读取" in whole


def test_sideways_photo_is_turned_upright(db, tmp_path):
    case_id = settled_case(db)
    image = Image.new("RGB", (80, 40), (10, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown turned 90°
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    attach(db, case_id, "photo", buffer.getvalue(), "侧放.jpg")
    out = mp.print_case_file(db, case_id, tmp_path / "f.pdf")
    reader = read_pdf(out)
    page = next(p for p in reader.pages if "侧放.jpg" in page_text(p) or "照片" in page_text(p))
    [image_obj] = page.images
    assert image_obj.image.size == (40, 80)


def test_cancel_leaves_no_file_and_no_audit(db, tmp_path):
    case_id = settled_case(db)
    cancel = threading.Event()

    def progress(done, total):
        if done == 3:
            cancel.set()

    with pytest.raises(Cancelled):
        mp.print_case_file(db, case_id, tmp_path / "f.pdf", progress=progress, cancel=cancel)
    assert not (tmp_path / "f.pdf").exists()
    assert list(tmp_path.glob("*.part")) == [] and prints(db) == []


def test_batch_of_case_files_is_one_pdf_with_one_audit_entry_per_case(db, tmp_path):
    first = settled_case(db)
    second = register(db, summary="楼上漏水。")
    with db.session() as s:
        med.accept_case(s, second, accepted_on=dt.date(2026, 3, 4), mediators="刘丽")
    singles = []
    for n, case_id in enumerate((first, second)):
        singles.append(len(texts(mp.print_case_file(db, case_id, tmp_path / f"{n}.pdf"))))
    steps = []
    out = mp.print_case_files(
        db, [first, second], tmp_path / "batch.pdf", lambda d, t: steps.append((d, t))
    )
    pages = texts(out)
    assert len(pages) == sum(singles)
    assert pages[0].startswith("人民调解卷宗") and pages[singles[0]].startswith("人民调解卷宗")
    assert steps == [(1, 2), (2, 2)]
    batch = prints(db)[-2:]
    assert [e["record_id"] for e in batch] == [first, second]
    assert all(e["batch"] == 2 and e["file"] == str(out) for e in batch)


def test_contents_form_alone_has_the_page_numbers_of_the_file(db, tmp_path):
    case_id = settled_case(db)
    alone = texts(mp.print_form(db, case_id, "contents", tmp_path / "c.pdf"))[0]
    bound = texts(mp.print_case_file(db, case_id, tmp_path / "f.pdf"))[1]
    assert alone == bound
    assert "人民调解协议书" in alone


def test_find_case_by_number_with_ascii_brackets(db):
    case_id = settled_case(db)
    with db.session() as s:
        number = med.get_case(s, case_id).number
        typed = number.replace("（", "(").replace("）", ")")
        assert mp.find_case_id(s, typed) == case_id
        assert mp.find_case_id(s, case_id) == case_id
        from govdesk.domain.messages import DomainError

        with pytest.raises(DomainError):
            mp.find_case_id(s, "（2026）人调字第99号")


def test_read_only_database_refuses_to_print(db, db_path, tmp_path):
    case_id = settled_case(db)
    from govdesk.domain.messages import DomainError
    from govdesk.store.database import Database

    ro = Database.open(db_path, read_only=True)
    ro.actor = db.actor
    try:
        with pytest.raises(DomainError):
            mp.print_form(ro, case_id, "cover", tmp_path / "c.pdf")
    finally:
        ro.close()
    assert not (tmp_path / "c.pdf").exists()


def test_catalogue_titles_are_the_forms_own():
    from govdesk.forms import mediation_casefile as cf
    from govdesk.forms import mediation_catalog as catalog
    from govdesk.forms import mediation_forms as mf
    from govdesk.forms.mediation_binding import BUILDERS

    assert catalog.TITLES == TITLES
    assert set(BUILDERS) == set(catalog.FORMS)
    assert [
        catalog.TITLES[k] for k in ("application", "registration", "notice", "investigation")
    ] == [mf.APPLICATION, mf.REGISTRATION, cf.NOTICE, mf.INVESTIGATION]
    assert [catalog.TITLES[k] for k in ("session", "agreement", "oral-agreement", "follow-up")] == [
        mf.SESSION_RECORD,
        mf.AGREEMENT,
        mf.ORAL_AGREEMENT,
        mf.FOLLOW_UP,
    ]
    assert [catalog.TITLES[k] for k in ("cover", "contents", "back-cover")] == [
        cf.COVER,
        cf.CONTENTS,
        cf.BACK_COVER,
    ]


def test_back_cover_notes_say_how_the_case_ended(db, tmp_path):
    declined = register(db)
    with db.session() as s:
        med.decline_case(
            s, declined, reason="不属于人民调解范围。", declined_on=dt.date(2026, 3, 3)
        )
    back = texts(mp.print_case_file(db, declined, tmp_path / "d.pdf"))[-1]
    assert "本卷情况说明本卷共1件文书" in back
    assert "本案不予受理，理由：不属于人民调解范围。" in back

    settled = settled_case(db, archived=False)
    with db.session() as s:
        med.record_performance(
            s, settled, performed_on=dt.date(2026, 3, 18), note="维修费已当面付清"
        )
        med.record_confirmation(
            s, settled, applied_on=dt.date(2026, 3, 20), court="朝阳区人民法院", result="已确认有效"
        )
    back = texts(mp.print_case_file(db, settled, tmp_path / "s.pdf"))[-1]
    assert "履行情况：维修费已当面付清（2026年03月18日履行完毕）" in back
    assert "司法确认：2026年03月20日向朝阳区人民法院申请，结果：已确认有效。" in back

    failed = register(db, summary="工钱纠纷。")
    with db.session() as s:
        med.accept_case(s, failed, accepted_on=dt.date(2026, 3, 3))
        med.record_session(s, failed, held_at=dt.datetime(2026, 3, 4, 2, tzinfo=UTC))
        med.fail_case(
            s,
            failed,
            reason="已告知双方可向劳动仲裁委员会申请仲裁。",
            closed_on=dt.date(2026, 3, 5),
        )
    back = texts(mp.print_case_file(db, failed, tmp_path / "f.pdf"))[-1]
    assert "调解不成，原因：已告知双方可向劳动仲裁委员会申请仲裁。" in back


def test_contents_of_two_pages_moves_every_page_number(db, tmp_path):
    case_id = register(db)
    with db.session() as s:
        med.accept_case(s, case_id, accepted_on=dt.date(2026, 3, 3), mediators="张伟")
        for n in range(26):
            med.record_session(
                s, case_id, held_at=dt.datetime(2026, 3, 4 + n // 2, 1 + n % 2 * 5, tzinfo=UTC),
                place="社区调解室", statements=f"第{n}次调解陈述。", result=f"第{n}次未达成协议。",
            )  # fmt: skip
    out = mp.print_case_file(db, case_id, tmp_path / "f.pdf")
    pages = texts(out)
    assert "卷内目录" in pages[1] and pages[2].startswith("卷内目录")  # two pages of contents
    assert "序号文书名称页号页数" in pages[2]  # the header row again
    with db.session() as s:
        data, items = mp.case_file_items(s, case_id, full=True)
    from govdesk.forms.mediation_binding import bind

    contents = bind(data, items).contents
    assert contents[0].page == 4  # cover, two pages of contents, then the 申请书
    sessions = [e for e in contents if e.title.startswith("人民调解记录")]
    assert len(sessions) == 26
    for n, entry in enumerate(sessions):
        assert f"第{n}次未达成协议。" in pages[entry.page - 1], (n, entry.page)
    assert contents[-1].page == len(pages)


def test_bound_file_embeds_its_font_once(db, tmp_path):
    """pdfium copies a page's resources on each import: the laid-out forms go in at once."""
    case_id = settled_case(db)
    attach(db, case_id, "id_proof", small_png(), "身份证.png")
    out = mp.print_case_file(db, case_id, tmp_path / "f.pdf")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    names = [row.split()[0] for row in listing.stdout.splitlines()[2:]]
    laid_out = [n for n in names if n.endswith("WenQuanYiMicroHei-0")]
    # The forms' subsets, the contents', the back cover's and the scan page's: not one per form.
    assert len(laid_out) <= 8, listing.stdout
    from govdesk.forms.mediation_binding import assemble, merge

    a, b = small_pdf(["甲一", "甲二", "甲三"]), small_pdf(["乙"])
    mixed = assemble([(a, [0]), (b, None), (a, [2, 1])])
    assert [page_text(p) for p in read_pdf(mixed).pages] == ["甲一", "乙", "甲三", "甲二"]
    assert [page_text(p) for p in read_pdf(merge([b, a])).pages] == ["乙", "甲一", "甲二", "甲三"]


def test_unwritable_target_is_a_clear_message_and_no_audit(db, tmp_path):
    case_id = settled_case(db)
    from govdesk.domain.messages import DomainError

    blocked = tmp_path / "file.pdf"
    blocked.mkdir()  # a folder where the PDF should go: the rename fails
    with pytest.raises(DomainError) as caught:
        mp.print_form(db, case_id, "cover", blocked)
    assert f"无法写入文件“{blocked}”" in str(caught.value)
    assert prints(db) == [] and list(tmp_path.glob("*.part")) == []


def test_every_page_of_a_multi_page_tiff_is_bound(db, tmp_path):
    case_id = settled_case(db)
    frames = [Image.new("L", (60, 90), shade) for shade in (40, 120, 200)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    attach(db, case_id, "evidence", buffer.getvalue(), "扫描件.tif", "现场勘查记录")
    out = mp.print_case_file(db, case_id, tmp_path / "f.pdf")
    pages = texts(out)
    scanned = [n for n, p in enumerate(pages) if p.startswith("现场勘查记录")]
    assert [pages[n][:11] for n in scanned] == [f"现场勘查记录（{i}/3）" for i in (1, 2, 3)]
    reader = read_pdf(out)
    assert all(len(reader.pages[n].images) == 1 for n in scanned)
    assert "证据材料" in prints(db)[-1]["documents"]
