"""Figure 8: a whole mediation case file (卷宗) PDF, against bare reportlab drawing the same pages.

Measured: govdesk.forms.mediation_print.print_case_file(db, case_id, out) for one archived
case with ten documents (cover, contents, 申请书, 告知书, 调查记录, two 调解记录 — the second
with long statements running onto a second page — 协议书, 回访记录, 卷内备考表), median of
20, font registered once before. It reads the case from the database, lays out every form,
lays the contents out twice when needed (page numbers), merges the parts with pypdfium2 and
writes the audit entry. `mediation_binding.bind` (layout and merge, no database) is printed
too.
Baseline: one plain reportlab canvas drawing the same pages: every text run (same string,
position and size, same embedded font), every ruled line and filled box (the QR modules
too) of every page, as read back from the PDF govdesk made, saved to a file the same way;
median of 20. The case is made through the services in a new office database (no demo
database is needed).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import time
from pathlib import Path

from bench_pdf import page_drawing
from common import Result, cli, finish, median

TARGET_RATIO = 3.0
REPEATS = 20


def make_case(path: Path) -> tuple[object, str]:
    """An office database with one archived case that fills ten documents."""
    from govdesk.domain.mediation import join_statements
    from govdesk.domain.permissions import Actor, Role
    from govdesk.services import mediation as med
    from govdesk.services import office
    from govdesk.services.mediation import PartyInput

    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    db.actor = Actor(username="admin", role=Role.ADMIN)
    words = "被申请人在院内搭建彩钢棚，雨水流入申请人院内导致墙体受潮开裂。"
    utc = dt.UTC
    with db.session() as s:
        case = med.register_case(
            s,
            dispute_type="邻里",
            source="当事人申请",
            summary="被申请人搭建彩钢棚，雨水流入申请人院内，墙体受潮开裂。",
            request="请求被申请人改造排水口并赔偿维修费用。",
            registered_on=dt.date(2026, 3, 2),
            registered_by="李秀英",
            parties=[
                PartyInput("applicant", name="王建国", sex="男", ethnicity="汉族", age=58,
                           occupation="退休职工", phone="13800138000",
                           address="幸福社区3号楼2单元101室"),
                PartyInput("respondent", name="欧阳娜娜", sex="女", ethnicity="满族", age=36,
                           occupation="个体经营", phone="13912345678",
                           address="幸福社区3号楼2单元102室"),
            ],
        )  # fmt: skip
        case_id = case.id
    with db.session() as s:
        med.accept_case(s, case_id, accepted_on=dt.date(2026, 3, 3), mediators="张伟、刘丽")
        med.record_session(
            s, case_id, kind="investigation", held_at=dt.datetime(2026, 3, 5, 2, tzinfo=utc),
            place="申请人家中", participants="邻居孙大妈", mediators="张伟", recorder="陈敏",
            statements="问：彩钢棚何时搭建？答：去年秋天。" * 8, facts="排水口朝向申请人院内。",
        )  # fmt: skip
        for day, repeat in ((10, 3), (12, 40)):
            med.record_session(
                s, case_id, held_at=dt.datetime(2026, 3, day, 2, tzinfo=utc),
                place="社区调解室", subject="彩钢棚排水纠纷", participants="网格员赵强",
                mediators="张伟、刘丽", recorder="陈敏",
                statements=join_statements(
                    [("申请人王建国", words * repeat), ("被申请人欧阳娜娜", "愿意改造排水口。")]
                ),
                facts="彩钢棚排水口朝向申请人院内。", result="双方达成协议。",
            )  # fmt: skip
        med.settle_case(
            s, case_id, agreement_on=dt.date(2026, 3, 12), agreement_kind="written",
            agreement_terms="被申请人改造排水口。\n被申请人支付维修费贰仟元。",
            agreement_facts="彩钢棚排水口朝向申请人院内，致墙体受潮。",
            performance_manner="现金支付", performance_place="社区调解室",
            performance_deadline="2026年3月20日前",
        )  # fmt: skip
        med.begin_performance(s, case_id)
        med.add_follow_up(
            s, case_id, visited_on=dt.date(2026, 4, 10), visitor="张伟",
            reason="了解协议履行情况。", performance="排水口已改造，维修费已付清。",
            satisfaction="满意",
        )  # fmt: skip
        med.archive_case(
            s, case_id, archived_on=dt.date(2026, 4, 20), archived_by="李秀英", retention="长期"
        )
    return db, case_id


def page_drawings(pdf: Path, folder: Path) -> list[dict]:
    """The drawing of every page (bench_pdf.page_drawing reads a file's first page)."""
    from pypdf import PdfReader, PdfWriter

    drawings = []
    for number, page in enumerate(PdfReader(str(pdf)).pages):
        single = folder / f"page-{number}.pdf"
        writer = PdfWriter()
        writer.add_page(page)
        with single.open("wb") as fh:
            writer.write(fh)
        drawings.append(page_drawing(single))
    return drawings


def join_runs(drawing: dict, font: str) -> dict:
    """Text runs that continue each other on a line made one again.

    Reportlab splits a string where its characters fall into different font subsets (256
    glyphs each); a file of many forms uses several subsets, so one line may come back as
    several runs (pypdf reports the later runs of a text object at its start). The baseline
    draws each line as one string, as a hand-written canvas would.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    joined: list[list] = []
    for x, y, size, text in drawing["texts"]:
        if joined:
            px, py, psize, ptext = joined[-1]
            end = px + stringWidth(ptext, font, psize)
            same_line = abs(py - y) < 0.01 and psize == size
            if same_line and (abs(end - x) < 0.5 or abs(px - x) < 0.01):
                joined[-1][3] = ptext + text
                continue
        joined.append([x, y, size, text])
    return {**drawing, "texts": [tuple(t) for t in joined]}


def draw_bare(drawings: list[dict], out: Path, font: str) -> None:
    """The same pages with nothing but one reportlab canvas."""
    from reportlab.pdfgen.canvas import Canvas

    box = drawings[0]["size"]
    c = Canvas(str(out), pagesize=(float(box.width), float(box.height)))
    for drawing in drawings:
        for x, y, w, h, colour in drawing["fills"]:
            if colour is not None:
                c.setFillColorRGB(*colour)
                c.rect(x, y, w, h, stroke=0, fill=1)
        for x1, y1, x2, y2, width, colour in drawing["lines"]:
            c.setLineWidth(width)
            c.setStrokeColorRGB(*colour)
            c.line(x1, y1, x2, y2)
        c.setFillColorRGB(0, 0, 0)
        for x, y, size, text in drawing["texts"]:
            c.setFont(font, size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()


def main() -> None:
    args = cli(__doc__.splitlines()[0]).parse_args()
    from govdesk.forms import mediation_binding, mediation_print
    from govdesk.forms.fonts import register_fonts

    font = register_fonts()
    with tempfile.TemporaryDirectory(prefix="govdesk-casefile-") as tmp:
        folder = Path(tmp)
        db, case_id = make_case(folder / "office.db")
        out = folder / "casefile.pdf"
        bare_out = folder / "bare.pdf"
        mediation_print.print_case_file(db, case_id, out)  # warm: modules imported
        with db.session() as s:
            data, items = mediation_print.case_file_items(s, case_id, full=True)
        bound = mediation_binding.bind(data, items)
        split = page_drawings(out, folder)
        drawings = [join_runs(d, font) for d in split]
        draw_bare(drawings, bare_out, font)
        file_runs, bind_runs, bare_runs = [], [], []
        for _ in range(REPEATS):
            # In turns, so a burst of load on the machine hits both alike.
            t0 = time.perf_counter()
            mediation_print.print_case_file(db, case_id, out)
            file_runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            draw_bare(drawings, bare_out, font)
            bare_runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            mediation_binding.bind(data, items)
            bind_runs.append(time.perf_counter() - t0)
        sizes = (out.stat().st_size, bare_out.stat().st_size)
        keep = Path(__file__).resolve().parent / "data"
        keep.mkdir(exist_ok=True)
        (keep / "casefile-govdesk.pdf").write_bytes(out.read_bytes())
        (keep / "casefile-bare.pdf").write_bytes(bare_out.read_bytes())
        db.close()
    value, base = median(file_runs) * 1000, median(bare_runs) * 1000
    buffer = io.StringIO()
    for entry in bound.contents:
        buffer.write(f"{entry.title} p.{entry.page} ({entry.pages}); ")
    result = Result(
        figure=f"whole case file PDF (卷宗, {len(bound.contents) + 2} documents, "
        f"{bound.pages} pages)",
        value=value,
        baseline=base,
        unit="ms",
        baseline_name="bare reportlab canvas, same pages",
        target=f"<= {TARGET_RATIO:g}x baseline",
        met=value <= TARGET_RATIO * base,
        repeats=REPEATS,
        details={
            "bind only (layout + merge, no database, no audit), median": f"{median(bind_runs) * 1000:.1f} ms",
            "documents": buffer.getvalue().rstrip("; "),
            "page content replayed by the baseline": f"{sum(len(d['texts']) for d in drawings)} "
            f"text runs (read back as {sum(len(d['texts']) for d in split)}), "
            f"{sum(len(d['lines']) for d in drawings)} lines, "
            f"{sum(len(d['fills']) for d in drawings)} boxes",
            "file sizes govdesk / bare (bytes)": f"{sizes[0]} / {sizes[1]}",
        },
    )
    finish([result], args.json)


if __name__ == "__main__":
    main()
