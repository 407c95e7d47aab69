"""The grid printouts: 网格员公示表 (roster), 网格员联系卡 (contact cards), 走访任务单 (worksheet)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from govdesk.forms import styles as st
from govdesk.forms.flowables import (
    FieldGrid,
    FormHeader,
    GridRow,
    SealPlaceholder,
    SignatureBlock,
    SignatureSpot,
    format_date,
    hint,
    label,
    value,
)
from govdesk.forms.fonts import FONT, register_fonts, text_width
from govdesk.forms.grid_data import CardData, DueLine, GridEntry, RosterData, WorksheetData
from govdesk.forms.page import build_document

ROSTER = "网格员公示表"
CARD = "网格员联系卡"
WORKSHEET = "走访任务单"

ROSTER_HEADINGS = ["序号", "网格名称", "网格编码", "网格范围", "职务", "姓名", "联系电话"]
ROSTER_COLUMNS = [11 * mm, 29 * mm, 32 * mm, 35 * mm, 22 * mm, 20 * mm, 25 * mm]
ROSTER_ROW = 8 * mm
# A grid's own cells span its staff rows, and a table only breaks between spans: a grid with
# more staff than this is cut into blocks that each repeat the grid, so any block fits a page.
SPAN_ROWS = 12
NO_STAFF = "暂未配备网格员"

WORKSHEET_PAGE = landscape(st.PAGE_SIZE)
WORKSHEET_HEADINGS = [
    "序号",
    "住址",
    "户主",
    "联系电话",
    "关爱类别",
    "上次走访",
    "逾期天数",
    "走访日期",
    "走访情况记录",
    "居民签名",
]
# 261 mm: the width of landscape A4 inside the margins; the last three are written by hand.
WORKSHEET_COLUMNS = [
    11 * mm,
    50 * mm,
    17 * mm,
    24 * mm,
    28 * mm,
    27 * mm,
    17 * mm,
    22 * mm,
    43 * mm,
    22 * mm,
]
WORKSHEET_ROW = 12 * mm
# Room for households the worker calls on besides the list (a neighbour asks for a visit).
SPARE_ROWS = 3
NEVER = "从未走访"
SOON = "尽快走访"

CARDS_PER_ROW = 2
CARDS_PER_COLUMN = 2
CARD_MARGIN = 6 * mm
CARD_ROW = 7.5 * mm
CARD_BAND = 16 * mm
CARD_AREA = 16 * mm
CARD_FOOTER = 14 * mm
CUT_GREY = colors.Color(0.55, 0.55, 0.55)


def _indented(entry: GridEntry) -> str:
    # A sub-grid is set in under its parent so the tree reads down the column.
    return "　" * entry.depth + entry.name


# -- 网格员公示表 ---------------------------------------------------------------------------


def roster_blocks(data: RosterData) -> list[list[GridRow]]:
    """The roster's rows, one block per grid (or per SPAN_ROWS posts of a big grid)."""
    out: list[list[GridRow]] = []
    for number, entry in enumerate(data.grids, start=1):
        staff = list(entry.staff)
        blocks = [staff[i : i + SPAN_ROWS] for i in range(0, len(staff), SPAN_ROWS)] or [[]]
        for block in blocks:
            span = max(len(block), 1)
            first = [
                value(str(number), rows=span, align="CENTER"),
                value(_indented(entry), rows=span),
                value(entry.code, rows=span, align="CENTER"),
                value(entry.area, rows=span),
            ]
            if not block:
                out.append([GridRow([*first, hint(NO_STAFF, span=3)])])
                continue
            rows = []
            for i, line in enumerate(block):
                cells = [
                    value(line.role, align="CENTER"),
                    value(line.name, align="CENTER"),
                    value(line.phone, align="CENTER"),
                ]
                rows.append(GridRow(first + cells if i == 0 else cells))
            out.append(rows)
    return out


def roster_grid(data: RosterData, blocks: list[list[GridRow]] | None = None) -> FieldGrid:
    """The roster's ruled table: a heading row, then one row per post, grid cells spanning them."""
    rows: list[GridRow] = [GridRow([label(h) for h in ROSTER_HEADINGS], 9 * mm)]
    for block in roster_blocks(data) if blocks is None else blocks:
        rows += block
    return FieldGrid(rows, ROSTER_COLUMNS, min_row_height=ROSTER_ROW, repeat_rows=1, shrink_to=8)


class _PageMark(Flowable):
    """Takes no room; notes the page it lands on, so a layout can be judged and redone."""

    def __init__(self, pages: list[int]):
        super().__init__()
        self.pages = pages

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.pages.append(self.canv.getPageNumber())


def roster_story(
    data: RosterData, *, last_apart: bool = False, marks: list[int] | None = None
) -> list[Flowable]:
    """The table, then the notice and the seal place.

    `last_apart` starts the last grid on a new page, so the seal is not left alone there.
    """
    register_fonts()  # a Paragraph looks its font up when it is made
    blocks = roster_blocks(data)
    marks = [] if marks is None else marks
    story: list[Flowable] = []
    if last_apart and len(blocks) > 1:
        story += [roster_grid(data, blocks[:-1]).table(), PageBreak()]
        blocks = blocks[-1:]
    story += [roster_grid(data, blocks).table(), _PageMark(marks), Spacer(1, 4 * mm)]
    closing: list[Flowable] = []
    if data.notice:
        closing += [Paragraph(escape(data.notice), st.VALUE), Spacer(1, 3 * mm)]
    closing.append(SealPlaceholder(data.office_name))
    story += [KeepTogether(closing), _PageMark(marks)]
    return story


def build_roster(data: RosterData, out: Path | str | BinaryIO) -> None:
    """Write the roster: every grid with its staff, the header row repeated on every page.

    When the notice and seal would stand alone on a last page, the last grid goes over
    with them (laid out again).
    """
    header = FormHeader(
        ROSTER, data.office_name, data.division_code, date_label="公示日期", date=data.on
    )
    later = FormHeader(
        f"{ROSTER}（续）", data.office_name, data.division_code, date_label="公示日期", date=data.on
    )

    def write(target, story: list[Flowable]) -> None:
        build_document(
            target, story, header=header, later_header=later, title=ROSTER, author=data.office_name
        )

    marks: list[int] = []
    first = io.BytesIO()
    write(first, roster_story(data, marks=marks))
    alone = len(marks) == 2 and marks[1] > marks[0]
    if not alone:
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(first.getvalue())
        else:
            out.write(first.getvalue())
        return
    write(out, roster_story(data, last_apart=True))


# -- 网格员联系卡 ---------------------------------------------------------------------------


def card_rows(height: float) -> int:
    """How many staff rows a card of `height` holds under its heading, grid and area lines."""
    fixed = CARD_BAND + 3 * CARD_ROW + CARD_AREA + CARD_FOOTER
    return max(int((height - 2 * CARD_MARGIN - fixed) // CARD_ROW), 1)


def card_pages(data: CardData, per_card: int) -> list[tuple[GridEntry, list, bool]]:
    """(grid, its staff on this card, continued) for every card; a big grid takes several."""
    cards = []
    for entry in data.grids:
        staff = list(entry.staff)
        blocks = [staff[i : i + per_card] for i in range(0, len(staff), per_card)] or [[]]
        for i, block in enumerate(blocks):
            cards.append((entry, block, i > 0))
    return cards


def _fit(text: str, size: float, width: float, smallest: float = 7) -> float:
    """The font size at which one line of `text` fits `width`, no smaller than `smallest`."""
    natural = text_width(text, size)
    return size if natural <= width else max(smallest, size * width / natural)


def _draw_card(c: Canvas, x: float, y: float, w: float, h: float, data, card) -> None:
    """One card inside the cut box at (x, y, w, h): heading band, grid, area, staff, slogan."""
    entry, staff, continued = card
    left, bottom = x + CARD_MARGIN, y + CARD_MARGIN
    width, height = w - 2 * CARD_MARGIN, h - 2 * CARD_MARGIN
    top = bottom + height
    pad = 2.5 * mm
    c.saveState()
    # Heading band: the card's title, heavy, over the office's name.
    band = CARD_BAND
    c.setFillColor(st.LABEL_SHADE)
    c.rect(left, top - band, width, band, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    title = CARD + ("（续）" if continued else "")
    size = 15
    t = c.beginText(
        left + (width - text_width(title, size) - 2 * (len(title) - 1)) / 2, top - 8 * mm
    )
    t.setFont(FONT, size)
    t.setCharSpace(2)
    t.setTextRenderMode(2)
    c.setLineWidth(0.4)
    t.textOut(title)
    t.setCharSpace(0)
    t.setTextRenderMode(0)
    c.drawText(t)
    office = data.office_name
    c.setFont(FONT, _fit(office, st.LABEL_SIZE, width - 2 * pad))
    c.drawCentredString(left + width / 2, top - band + 2.5 * mm, office)
    c.setLineWidth(st.INNER_LINE)
    c.line(left, top - band, left + width, top - band)
    # The grid: name and code on one ruled line each.
    y_line = top - band
    for caption, text in (("网格", _indented(entry).strip("　")), ("编码", entry.code)):
        c.setFillColor(st.LABEL_SHADE)
        c.rect(left, y_line - CARD_ROW, 16 * mm, CARD_ROW, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, st.LABEL_SIZE)
        c.drawCentredString(left + 8 * mm, y_line - CARD_ROW / 2 - 3.5, caption)
        room = width - 16 * mm - 2 * pad
        c.setFont(FONT, _fit(text, st.VALUE_SIZE, room))
        c.drawString(left + 16 * mm + pad, y_line - CARD_ROW / 2 - 3.5, text)
        y_line -= CARD_ROW
        c.line(left, y_line, left + width, y_line)
    # The area wraps onto as many as three lines; the rest of the card keeps its place.
    area_height = CARD_AREA
    c.setFillColor(st.LABEL_SHADE)
    c.rect(left, y_line - area_height, 16 * mm, area_height, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, st.LABEL_SIZE)
    c.drawCentredString(left + 8 * mm, y_line - area_height / 2 - 3.5, "范围")
    para = Paragraph(escape(entry.area), st.SMALL)
    _, ph = para.wrap(width - 16 * mm - 2 * pad, area_height)
    para.drawOn(c, left + 16 * mm + pad, y_line - pad - min(ph, area_height - 2 * pad))
    c.line(left + 16 * mm, top - band, left + 16 * mm, y_line - area_height)
    y_line -= area_height
    c.line(left, y_line, left + width, y_line)
    # Staff: role, name, phone in ruled rows under a shaded heading.
    columns = [width * 0.34, width * 0.28, width * 0.38]
    c.setFillColor(st.LABEL_SHADE)
    c.rect(left, y_line - CARD_ROW, width, CARD_ROW, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    xs = [left]
    for cw in columns:
        xs.append(xs[-1] + cw)
    c.setFont(FONT, st.LABEL_SIZE)
    for i, heading in enumerate(("职务", "姓名", "联系电话")):
        c.drawCentredString((xs[i] + xs[i + 1]) / 2, y_line - CARD_ROW / 2 - 3.5, heading)
    table_top = y_line
    y_line -= CARD_ROW
    c.line(left, y_line, left + width, y_line)
    rows = card_rows(h)
    for line in staff:
        for i, text in enumerate((line.role, line.name, line.phone)):
            room = columns[i] - 2 * pad
            c.setFont(FONT, _fit(text, st.VALUE_SIZE, room))
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, y_line - CARD_ROW / 2 - 3.5, text)
        y_line -= CARD_ROW
        c.line(left, y_line, left + width, y_line)
    if not staff:
        c.setFillColor(st.HINT_GREY)
        c.setFont(FONT, st.SMALL_SIZE)
        c.drawCentredString(left + width / 2, y_line - CARD_ROW / 2 - 3, NO_STAFF)
        c.setFillColorRGB(0, 0, 0)
    # Blank ruled rows up to the card's length: a new worker is written in by hand.
    for _ in range(rows - len(staff)):
        y_line -= CARD_ROW
        c.line(left, y_line, left + width, y_line)
    for xv in xs[1:-1]:
        c.line(xv, table_top, xv, table_top - CARD_ROW)
        # The no-staff note runs across the whole first row.
        body_top = table_top - CARD_ROW * (1 if staff else 2)
        c.line(xv, body_top, xv, y_line)
    # The slogan and the day the card holds for, under the table.
    c.setFont(FONT, st.VALUE_SIZE)
    if data.slogan:
        c.drawCentredString(left + width / 2, bottom + 7.5 * mm, data.slogan)
    if data.on is not None:
        c.setFont(FONT, st.SMALL_SIZE)
        c.setFillColor(st.HINT_GREY)
        c.drawCentredString(left + width / 2, bottom + 2.5 * mm, f"{format_date(data.on)}更新")
        c.setFillColorRGB(0, 0, 0)
    c.setLineWidth(st.OUTER_LINE)
    c.rect(left, bottom, width, height)
    c.restoreState()


def _cut_lines(c: Canvas, page_w: float, page_h: float) -> None:
    """Dashed lines between the cards, running off the page edges, and a note to cut along them."""
    c.saveState()
    c.setStrokeColor(CUT_GREY)
    c.setLineWidth(0.4)
    c.setDash(4, 3)
    for i in range(1, CARDS_PER_ROW):
        xv = page_w * i / CARDS_PER_ROW
        c.line(xv, 0, xv, page_h)
    for i in range(1, CARDS_PER_COLUMN):
        yv = page_h * i / CARDS_PER_COLUMN
        c.line(0, yv, page_w, yv)
    c.setDash()
    c.setFillColor(CUT_GREY)
    c.setFont(FONT, 7)
    c.drawString(2 * mm, page_h / 2 + 1 * mm, "沿虚线剪开")
    c.restoreState()


def build_cards(data: CardData, out: Path | str | BinaryIO) -> None:
    """Write the contact cards, four to an A4 page with cut lines; one grid per card."""
    register_fonts()
    page_w, page_h = st.PAGE_SIZE
    w, h = page_w / CARDS_PER_ROW, page_h / CARDS_PER_COLUMN
    per_card = card_rows(h)
    # Otherwise the page names Helvetica, a font the PDF does not embed.
    c = Canvas(
        str(out) if isinstance(out, Path) else out,
        pagesize=st.PAGE_SIZE,
        initialFontName=FONT,
        initialFontSize=st.VALUE_SIZE,
    )
    c.setTitle(CARD)
    c.setAuthor(data.office_name)
    c.setCreator("govdesk")
    cards = card_pages(data, per_card) or [(GridEntry(name=""), [], False)]
    per_page = CARDS_PER_ROW * CARDS_PER_COLUMN
    for start in range(0, len(cards), per_page):
        for i, card in enumerate(cards[start : start + per_page]):
            col, row = i % CARDS_PER_ROW, i // CARDS_PER_ROW
            _draw_card(c, col * w, page_h - (row + 1) * h, w, h, data, card)
        _cut_lines(c, page_w, page_h)
        c.showPage()
    c.save()


# -- 走访任务单 -----------------------------------------------------------------------------


def _overdue(line: DueLine) -> str:
    if line.overdue_days is None:
        return SOON
    return f"{line.overdue_days}天" if line.overdue_days > 0 else "今日到期"


def _categories(line: DueLine) -> str:
    if line.interval_days:
        return f"{line.categories}\n每{line.interval_days}天一访"
    return line.categories


def _address(line: DueLine, with_grid: bool) -> str:
    second = f"户号：{line.household_number}" if line.household_number else ""
    if with_grid and line.grid_name:
        # A worker serving several grids sees which one each household belongs to.
        second = f"{second}　{line.grid_name}".strip("　")
    return f"{line.address}\n{second}" if second else line.address


def worksheet_grid(data: WorksheetData) -> FieldGrid:
    """The due list as a ruled table: what the office knows, then columns to write in."""
    rows: list[GridRow] = [GridRow([label(h) for h in WORKSHEET_HEADINGS], 9 * mm)]
    with_grid = len({line.grid_name for line in data.lines}) > 1
    for number, line in enumerate(data.lines, start=1):
        last = format_date(line.last_visited_on) or NEVER
        rows.append(
            GridRow(
                [
                    value(str(number), align="CENTER"),
                    value(_address(line, with_grid)),
                    value(line.head_name, align="CENTER"),
                    value(line.phone, align="CENTER"),
                    value(_categories(line), align="CENTER"),
                    value(last, align="CENTER"),
                    value(_overdue(line), align="CENTER"),
                    value(""),
                    value(""),
                    value(""),
                ]
            )
        )
    rows += [GridRow([value("") for _ in WORKSHEET_HEADINGS]) for _ in range(SPARE_ROWS)]
    return FieldGrid(
        rows,
        WORKSHEET_COLUMNS,
        min_row_height=WORKSHEET_ROW,
        repeat_rows=1,
        pad_x=1.2 * mm,
        shrink_to=8,
    )


def summary_line(data: WorksheetData) -> str:
    never = sum(1 for line in data.lines if line.overdue_days is None)
    overdue = sum(1 for line in data.lines if line.overdue_days)
    return (
        f"共 {len(data.lines)} 户待走访，其中从未走访 {never} 户、逾期 {overdue} 户。"
        "逾期天数自应访日期（上次走访日期加走访周期）起算；从未走访的在前，其余逾期最久的在前。"
    )


def worksheet_story(data: WorksheetData) -> list[Flowable]:
    register_fonts()
    signatures = SignatureBlock(
        [SignatureSpot("网格员（签名）"), SignatureSpot("审核人（签名）")], height=20 * mm
    )
    return [
        Paragraph(escape(summary_line(data)), st.SMALL),
        Spacer(1, 2 * mm),
        worksheet_grid(data).table(),
        Spacer(1, 4 * mm),
        signatures,
    ]


def _worksheet_reference(data: WorksheetData) -> str:
    grids = "、".join(data.grids)
    parts = [f"网格员：{data.staff_name}"]
    if grids:
        parts.append(f"网格：{grids}")
    return "　".join(parts)


def build_worksheet(data: WorksheetData, out: Path | str | BinaryIO) -> None:
    """Write one worker's 走访任务单 on landscape A4, the header row repeated on every page."""
    reference = _worksheet_reference(data)

    def header(title: str) -> FormHeader:
        return FormHeader(
            title,
            data.office_name,
            data.division_code,
            date_label="任务日期",
            date=data.today,
            reference=reference,
        )

    build_document(
        out,
        worksheet_story(data),
        header=header(WORKSHEET),
        later_header=header(f"{WORKSHEET}（续）"),
        title=f"{WORKSHEET}：{data.staff_name}" if data.staff_name else WORKSHEET,
        author=data.office_name,
        pagesize=WORKSHEET_PAGE,
    )


BUILDERS = {
    "grid-roster": build_roster,
    "grid-card": build_cards,
    "visit-worksheet": build_worksheet,
}
TITLES = {"grid-roster": ROSTER, "grid-card": CARD, "visit-worksheet": WORKSHEET}

__all__: Sequence[str] = [
    "BUILDERS",
    "CARD",
    "ROSTER",
    "TITLES",
    "WORKSHEET",
    "build_cards",
    "build_roster",
    "build_worksheet",
]
