"""Binds a case file (卷宗) into one PDF: cover, contents with page numbers, documents, back cover.

The documents follow the filing order of DOMAIN.md. A document with a signed scan attached is
bound as the scan (PDF pages as they are, an image on a page of its own); one without is
printed from the record. Page numbers in the contents are the pages of the bound PDF, cover
first, so a reader can turn straight to them on paper and in a PDF viewer alike.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from govdesk.forms import mediation_casefile as cf
from govdesk.forms import mediation_forms as mf
from govdesk.forms import styles as st
from govdesk.forms.flowables import format_date
from govdesk.forms.fonts import FONT, register_fonts
from govdesk.forms.mediation_catalog import TITLES
from govdesk.forms.mediation_data import ContentsEntry, MediationCaseData
from govdesk.forms.mediation_pages import lay_out
from govdesk.forms.mediation_parts import draw_qr
from govdesk.services.mediation_attachments import media_type_of
from govdesk.services.progress import ProgressFn, checkpoint

BUILDERS: dict[str, Callable] = {**mf.BUILDERS, **cf.BUILDERS}
# The last line of the contents: DOMAIN.md calls it 封底, the form is titled 卷内备考表.
BACK_COVER_TITLE = f"{cf.BACK_COVER}（{cf.FILE_ORDER[-1]}）"

# pdfium keeps global state and is not safe to call from two threads at once.
_pdfium_lock = threading.Lock()


@dataclass
class Scan:
    """An attachment to bind: its bytes and what they are."""

    title: str
    file_name: str
    media_type: str
    data: bytes | None  # None: withheld from this user; a page says so in its place


@dataclass
class FileItem:
    """One document of the case file: a printed form (`form`, `data`) or scans."""

    title: str  # its line in the contents
    form: str | None = None
    data: MediationCaseData | None = None
    scans: list[Scan] = field(default_factory=list)


@dataclass
class BoundFile:
    pdf: bytes
    contents: list[ContentsEntry]
    pages: int


def render(form: str, data: MediationCaseData) -> bytes:
    """One form as PDF bytes."""
    buffer = io.BytesIO()
    BUILDERS[form](data, buffer)
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with _pdfium_lock:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def merge(parts: list[bytes]) -> bytes:
    """The parts' pages, one after another, in one PDF."""
    return assemble([(part, None) for part in parts])


def assemble(pieces: list[tuple[bytes, list[int] | None]]) -> bytes:
    """One PDF of the pages of each piece (all of them, or the page indices given), in order.

    The pages of a PDF given several times are copied in one go and the other pieces put in
    between: pdfium copies a page's fonts and images on every import, so importing a laid-out
    file piece by piece would store its embedded font once per piece.
    """
    import pypdfium2 as pdfium

    with _pdfium_lock:
        out = pdfium.PdfDocument.new()
        opened: dict[int, pdfium.PdfDocument] = {}
        try:
            # Where each piece's pages go in the finished file.
            positions, at = [], 0
            for data, pages in pieces:
                src = opened.get(id(data))
                if src is None:
                    src = opened[id(data)] = pdfium.PdfDocument(data)
                positions.append(at)
                at += len(src) if pages is None else len(pages)
            shared = {key for key in opened if sum(1 for data, _ in pieces if id(data) == key) > 1}
            for key in shared:
                everything = range(len(opened[key]))
                wanted = [
                    p for data, pages in pieces if id(data) == key for p in (pages or everything)
                ]
                out.import_pages(opened[key], pages=wanted)
            # The rest, in order: each lands at its final place, the shared pages after it
            # having been pushed along.
            for (data, pages), position in zip(pieces, positions, strict=True):
                if id(data) not in shared:
                    out.import_pages(opened[id(data)], pages=pages, index=position)
            buffer = io.BytesIO()
            out.save(buffer)
            return buffer.getvalue()
        finally:
            for src in opened.values():
                src.close()
            out.close()


# -- scans ----------------------------------------------------------------------------------


def _scan_canvas(buffer: io.BytesIO) -> Canvas:
    register_fonts()
    # Otherwise the page names Helvetica, a font the PDF does not embed.
    return Canvas(
        buffer,
        pagesize=st.PAGE_SIZE,
        initialFontName=FONT,
        initialFontSize=st.SMALL_SIZE,
        pageCompression=1,
    )


def _scan_caption(c: Canvas, case: MediationCaseData, caption: str) -> None:
    """A small line over a bound scan saying which case and document it belongs to."""
    width, height = st.PAGE_SIZE
    y = height - st.MARGIN + 2
    c.setFont(FONT, st.SMALL_SIZE)
    c.drawString(st.MARGIN, y, caption)
    number = case.case_number or ""
    c.drawRightString(width - st.MARGIN - 12 * mm, y, f"{case.committee_name}　{number}")
    draw_qr(c, case.qr_payload, width - st.MARGIN - 10 * mm, y - 2, 10 * mm)


def _pictures(data: bytes) -> list[ImageReader]:
    """The pages of an image file as reportlab reads them: every page of a multi-page TIFF
    (a scanner's usual output), each turned as the camera's EXIF orientation says (a phone
    photo of a signed page is often stored on its side)."""
    from PIL import Image, ImageOps, ImageSequence

    with Image.open(io.BytesIO(data)) as probe:
        frames = getattr(probe, "n_frames", 1) if probe.format == "TIFF" else 1
        orientation = probe.getexif().get(0x0112, 1)
        if frames == 1 and orientation in (None, 1):
            # A JPEG goes into the PDF as it is, without decoding and encoding it again;
            # anything else is decoded here so a broken file gets the notice page.
            if probe.format != "JPEG":
                probe.load()
            return [ImageReader(io.BytesIO(data))]
        if frames == 1:
            return [ImageReader(ImageOps.exif_transpose(probe))]
        return [
            ImageReader(ImageOps.exif_transpose(frame.copy()))
            for frame in ImageSequence.Iterator(probe)
        ]


def image_pages(case: MediationCaseData, scans: list[Scan]) -> bytes:
    """Each image (each page of a multi-page TIFF) on an A4 page of its own, as large as the
    margins allow, upright."""
    buffer = io.BytesIO()
    c = _scan_canvas(buffer)
    width, height = st.PAGE_SIZE
    box_w = width - 2 * st.MARGIN
    box_h = height - 2 * st.MARGIN - 6
    for scan in scans:
        caption = scan.title or scan.file_name
        try:
            pictures = _pictures(scan.data or b"")
            sizes = [picture.getSize() for picture in pictures]
        except Exception:  # noqa: BLE001 - any undecodable file gets the notice page
            _notice_page(c, case, scan, UNREADABLE)
            continue
        for number, (picture, (iw, ih)) in enumerate(zip(pictures, sizes, strict=True)):
            scale = min(box_w / iw, box_h / ih)
            w, h = iw * scale, ih * scale
            more = f"（{number + 1}/{len(pictures)}）" if len(pictures) > 1 else ""
            _scan_caption(c, case, caption + more)
            x, y = st.MARGIN + (box_w - w) / 2, st.MARGIN + (box_h - h) / 2
            c.drawImage(picture, x, y, w, h, mask="auto")
            c.showPage()
    c.save()
    return buffer.getvalue()


UNREADABLE = "附件“{name}”无法读取（文件损坏或已加密），请查阅原件。"
WITHHELD = "附件“{name}”未打印：当前账户无权查看当事人材料（签名文书、身份证明等）。"


def _notice_page(c: Canvas, case: MediationCaseData, scan: Scan, text: str) -> None:
    _scan_caption(c, case, scan.title or scan.file_name)
    c.setFont(FONT, st.VALUE_SIZE)
    name = scan.file_name or scan.title
    c.drawString(st.MARGIN, st.PAGE_SIZE[1] / 2, text.format(name=name))
    c.showPage()


def notice_pages(case: MediationCaseData, scans: list[Scan], text: str) -> bytes:
    """A page in place of each scan that cannot be bound, saying why."""
    buffer = io.BytesIO()
    c = _scan_canvas(buffer)
    for scan in scans:
        _notice_page(c, case, scan, text)
    c.save()
    return buffer.getvalue()


def scan_parts(case: MediationCaseData, scans: list[Scan]) -> list[bytes]:
    """PDF scans as they are, runs of images on pages of their own, in the order given."""
    from pypdfium2 import PdfiumError

    parts: list[bytes] = []
    images: list[Scan] = []
    for scan in scans:
        if scan.data is not None and media_type_of(scan.data) != "application/pdf":
            images.append(scan)
            continue
        if images:
            parts.append(image_pages(case, images))
            images = []
        if scan.data is None:
            parts.append(notice_pages(case, [scan], WITHHELD))
            continue
        try:
            page_count(scan.data)
            parts.append(scan.data)
        except PdfiumError:
            parts.append(notice_pages(case, [scan], UNREADABLE))
    if images:
        parts.append(image_pages(case, images))
    return parts


# -- the whole file -------------------------------------------------------------------------


def item_title(form: str, data: MediationCaseData, several: bool) -> str:
    """A form's line in the contents; a session or visit of several carries its date."""
    title = TITLES[form]
    if not several:
        return title
    day = {
        "investigation": data.investigated_on,
        "session": data.session_date,
        "follow-up": data.visited_on,
    }.get(form)
    return f"{title}（{format_date(day)}）" if day else title


def bind(
    case: MediationCaseData,
    items: list[FileItem],
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> BoundFile:
    """Cover, contents, `items` in the order given, back cover: one PDF.

    The contents are laid out twice when needed: its page numbers depend on how many pages
    the contents list itself takes.
    """
    total = len(items) + 3
    done = 0

    def step() -> None:
        nonlocal done
        checkpoint(cancel)
        done += 1
        if progress is not None:
            progress(done, total)

    # Every printed form in one layout (one font subset, one file written), then split.
    printed = [(item.form, item.data) for item in items if item.form is not None]
    laid = lay_out(
        [("cover", case), *printed],  # type: ignore[list-item]
        title=f"{cf.COVER}：{case.case_number}" if case.case_number else cf.COVER,
        author=case.committee_name,
    )
    step()
    bodies: list[list[tuple[bytes, list[int] | None]]] = []
    counts: list[int] = []
    form_index = 1
    for item in items:
        if item.form is not None:
            start, count = laid.starts[form_index], laid.counts[form_index]
            form_index += 1
            bodies.append([(laid.pdf, list(range(start, start + count)))])
            counts.append(count)
        else:
            parts = scan_parts(case, item.scans)
            bodies.append([(part, None) for part in parts])
            counts.append(sum(page_count(p) for p in parts))
        step()
    titles = [item.title for item in items] + [BACK_COVER_TITLE]
    cover_pages = laid.counts[0]
    back_pages = 1
    contents_pages = 1
    for _ in range(4):
        entries, page = [], cover_pages + contents_pages + 1
        for title, pages in zip(titles, [*counts, back_pages], strict=True):
            entries.append(ContentsEntry(title, page, pages))
            page += pages
        volume_pages = page - 1  # the back cover is the last entry
        contents = render("contents", replace(case, contents=entries))
        # The back cover counts the filed documents, not itself.
        back = render("back-cover", replace(case, contents=entries[:-1], total_pages=volume_pages))
        took = (page_count(contents), page_count(back))
        if took == (contents_pages, back_pages):
            break
        contents_pages, back_pages = took
    step()
    pieces = [
        (laid.pdf, list(range(cover_pages))),
        (contents, None),
        *(piece for body in bodies for piece in body),
        (back, None),
    ]
    pdf = assemble(pieces)
    step()
    return BoundFile(pdf, entries, cover_pages + contents_pages + sum(counts) + back_pages)
