"""Figure 5: one 居民信息登记表 PDF, against bare reportlab drawing the same page.

Measured: govdesk.forms.resident_form.build(data, out) for one demo resident (data from
govdesk.forms.registry_print.resident_data), median of 30, font registered once before.
registry_print.resident_pdf (which also reads the person from the database) is printed too.
Baseline: a plain reportlab canvas drawing the same page: every text run (same string,
position and size, same embedded font) and every ruled line and shaded box, as read back
from the PDF govdesk made, then saved to a file the same way; median of 30.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import Result, cli, demo_db, finish, median

TARGET_RATIO = 2.0
REPEATS = 30


def _mul(a: list[float], b: list[float]) -> list[float]:
    """Product of two PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def page_drawing(pdf: Path) -> dict:
    """Texts (x, y, size, text), strokes and fills of page 1, in page coordinates."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(str(pdf))
    page = reader.pages[0]
    texts: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            m = _mul(list(tm), list(cm))
            texts.append((m[4], m[5], size * m[0], text.replace("\n", "")))

    page.extract_text(visitor_text=visit)
    lines: list[tuple[float, float, float, float, float, tuple]] = []
    fills: list[tuple[float, float, float, float, tuple]] = []
    ctm = [1.0, 0, 0, 1.0, 0, 0]
    stack: list[tuple] = []
    width, stroke, fill = 1.0, (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)
    path: list[tuple] = []
    point = (0.0, 0.0)

    def at(x: float, y: float) -> tuple[float, float]:
        return (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])

    for operands, op in ContentStream(page.get_contents(), reader).operations:
        args = [float(v) for v in operands if isinstance(v, int | float)] if op != b"TJ" else []
        if op == b"q":
            stack.append((list(ctm), width, stroke, fill))
        elif op == b"Q" and stack:
            ctm, width, stroke, fill = stack.pop()
        elif op == b"cm":
            ctm = _mul(args, ctm)
        elif op == b"w":
            width = args[0] * ctm[0]
        elif op == b"RG":
            stroke = tuple(args)
        elif op == b"G":
            stroke = (args[0],) * 3
        elif op == b"rg":
            fill = tuple(args)
        elif op == b"g":
            fill = (args[0],) * 3
        elif op == b"m":
            point = at(*args)
        elif op == b"l":
            end = at(*args)
            path.append(("line", point, end))
            point = end
        elif op == b"re":
            x, y = at(args[0], args[1])
            path.append(("rect", (x, y), (args[2] * ctm[0], args[3] * ctm[3])))
        elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"b", b"n"):
            for kind, p, q in path:
                if op in (b"S", b"s", b"B", b"b") and kind == "line":
                    lines.append((*p, *q, width, stroke))
                elif kind == "rect" and op != b"n":
                    fills.append((*p, *q, fill if op not in (b"S", b"s") else None))
                    if op in (b"S", b"s", b"B", b"b"):
                        x, y = p
                        w, h = q
                        for a, b in (
                            ((x, y), (x + w, y)),
                            ((x + w, y), (x + w, y + h)),
                            ((x + w, y + h), (x, y + h)),
                            ((x, y + h), (x, y)),
                        ):
                            lines.append((*a, *b, width, stroke))
            path = []
    return {"texts": texts, "lines": lines, "fills": fills, "size": page.mediabox}


def draw_bare(drawing: dict, out: Path, font: str) -> None:
    """The same page with nothing but reportlab's canvas."""
    from reportlab.pdfgen.canvas import Canvas

    box = drawing["size"]
    c = Canvas(str(out), pagesize=(float(box.width), float(box.height)))
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
    from govdesk.domain.permissions import Actor, Role
    from govdesk.forms import registry_print, resident_form
    from govdesk.forms.fonts import register_fonts
    from govdesk.store.database import Database

    db = Database.open(demo_db("100k"))
    db.actor = Actor("admin", Role.ADMIN)  # full details on the forms, as the administrator
    with db.connect() as conn:
        # A floating resident with a care category fills most boxes of the form.
        person_id = conn.exec_driver_sql(
            "SELECT r.id FROM resident r JOIN resident_care c ON c.resident_id = r.id "
            "WHERE r.person_type = 'floating' AND r.residence_permit_no IS NOT NULL "
            "ORDER BY r.rowid LIMIT 1"
        ).scalar_one()
    with db.session() as session:
        data = registry_print.resident_data(session, person_id=person_id)
    font = register_fonts()
    with tempfile.TemporaryDirectory(prefix="govdesk-pdf-") as tmp:
        out = Path(tmp) / "form.pdf"
        bare_out = Path(tmp) / "bare.pdf"
        resident_form.build(data, out)  # warm: font parsed, modules imported
        drawing = page_drawing(out)
        draw_bare(drawing, bare_out, font)
        build_runs, pdf_runs, bare_runs = [], [], []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            resident_form.build(data, out)
            build_runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            draw_bare(drawing, bare_out, font)
            bare_runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            registry_print.resident_pdf(db, person_id, out)
            pdf_runs.append(time.perf_counter() - t0)
        sizes = (out.stat().st_size, bare_out.stat().st_size)
        keep = Path(__file__).resolve().parent / "data"
        keep.mkdir(exist_ok=True)
        (keep / "form-govdesk.pdf").write_bytes(out.read_bytes())
        (keep / "form-bare.pdf").write_bytes(bare_out.read_bytes())
    db.close()
    value, base = median(build_runs) * 1000, median(bare_runs) * 1000
    result = Result(
        figure="one resident form PDF (居民信息登记表)",
        value=value,
        baseline=base,
        unit="ms",
        baseline_name="bare reportlab canvas, same page",
        target=f"<= {TARGET_RATIO:g}x baseline",
        met=value <= TARGET_RATIO * base,
        repeats=REPEATS,
        details={
            "resident_pdf incl. database read, median": f"{median(pdf_runs) * 1000:.1f} ms",
            "page content replayed by the baseline": f"{len(drawing['texts'])} text runs, "
            f"{len(drawing['lines'])} lines, {len(drawing['fills'])} boxes",
            "file sizes govdesk / bare (bytes)": f"{sizes[0]} / {sizes[1]}",
        },
    )
    finish([result], args.json)


if __name__ == "__main__":
    main()
