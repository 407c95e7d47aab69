"""Reusable pieces of a paper form: ruled field grids, headers, signature blocks, seal places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from govdesk.forms import styles as st
from govdesk.forms.fonts import FONT, text_width

BLANK_DATE = "　　　　年　　月　　日"
# Narrower, for a signature place a third of the page wide.
SIGN_DATE = "　　　年　　月　　日"


def format_date(value: dt.date | None) -> str:
    """The one date format of every form: 1990年03月07日; empty for no date."""
    return value.strftime("%Y年%m月%d日") if value else ""


# -- ruled field grid --------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """One box of a grid; `span` columns wide and `rows` rows tall."""

    text: str = ""
    kind: str = "value"  # label (shaded heading), value (what was registered), hint (grey)
    span: int = 1
    rows: int = 1
    align: str = "LEFT"
    valign: str = "MIDDLE"  # TOP for a tall box written into from its top line


def label(text: str, span: int = 1, rows: int = 1, align: str = "CENTER") -> Cell:
    return Cell(text, "label", span, rows, align)


def value(
    text: str | None, span: int = 1, rows: int = 1, align: str = "LEFT", valign: str = "MIDDLE"
) -> Cell:
    return Cell(text or "", "value", span, rows, align, valign)


def hint(text: str, span: int = 1, rows: int = 1) -> Cell:
    return Cell(text, "hint", span, rows, "CENTER")


@dataclass(frozen=True)
class GridRow:
    cells: Sequence[Cell]
    min_height: float | None = None


_CELL_LOOK = {
    # kind: (font size, paragraph style by alignment, text colour)
    "label": (st.LABEL_SIZE, {"CENTER": st.LABEL, "LEFT": st.LABEL_LEFT}, colors.black),
    "value": (st.VALUE_SIZE, {"LEFT": st.VALUE, "CENTER": st.VALUE_CENTER}, colors.black),
    "hint": (st.SMALL_SIZE, {"CENTER": st.HINT}, st.HINT_GREY),
}


class FieldGrid:
    """A ruled box of label and value cells laid on fixed columns, like a printed register form.

    Rows list their cells left to right; positions already covered by a cell spanning down
    from an earlier row are skipped, so a photo box is written once in its first row.
    """

    def __init__(
        self,
        rows: Sequence[GridRow | Sequence[Cell]],
        col_widths: Sequence[float],
        *,
        min_row_height: float = st.MIN_ROW_HEIGHT,
        repeat_rows: int = 0,
        pad_x: float = st.CELL_PAD_X,
        shrink_to: float | None = None,
    ):
        self.col_widths = list(col_widths)
        self.rows = [r if isinstance(r, GridRow) else GridRow(tuple(r)) for r in rows]
        self.min_row_height = min_row_height
        self.repeat_rows = repeat_rows
        self.pad_x = pad_x
        # Narrow columns (民族 in a member list): a value a little too wide is set smaller,
        # down to this size, before it is wrapped onto a second line.
        self.shrink_to = shrink_to
        self.placed = self._place()

    def _place(self) -> list[tuple[int, int, Cell]]:
        ncols, nrows = len(self.col_widths), len(self.rows)
        taken: set[tuple[int, int]] = set()
        placed = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row.cells:
                while (r, c) in taken:
                    c += 1
                if c + cell.span > ncols or r + cell.rows > nrows:
                    raise ValueError(f"cell {cell.text!r} in row {r} runs off the grid")
                for rr in range(r, r + cell.rows):
                    for cc in range(c, c + cell.span):
                        if (rr, cc) in taken:
                            raise ValueError(f"cell {cell.text!r} overlaps row {rr}, column {cc}")
                        taken.add((rr, cc))
                placed.append((r, c, cell))
                c += cell.span
            empty = [cc for cc in range(ncols) if (r, cc) not in taken]
            if empty:
                raise ValueError(f"row {r} leaves columns {empty} without a cell")
        return placed

    def texts(self) -> list[list[str]]:
        """The grid as plain text, one string per column; covered positions are empty."""
        out = [[""] * len(self.col_widths) for _ in self.rows]
        for r, c, cell in self.placed:
            out[r][c] = cell.text
        return out

    def table(self) -> Table:
        ncols = len(self.col_widths)
        data: list[list[object]] = [[""] * ncols for _ in self.rows]
        heights = [row.min_height or self.min_row_height for row in self.rows]
        commands: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), FONT, st.VALUE_SIZE, st.VALUE.leading),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
            ("INNERGRID", (0, 0), (-1, -1), st.INNER_LINE, colors.black),
            ("BOX", (0, 0), (-1, -1), st.OUTER_LINE, colors.black),
        ]
        spanned: list[tuple[int, int, float]] = []
        for r, c, cell in self.placed:
            first, last = (c, r), (c + cell.span - 1, r + cell.rows - 1)
            width = sum(self.col_widths[c : c + cell.span]) - 2 * self.pad_x
            size, by_align, color = _CELL_LOOK[cell.kind]
            style = by_align.get(cell.align) or next(iter(by_align.values()))
            text = cell.text
            one_line = "\n" not in text
            natural = text_width(text, size) if one_line else 0.0
            fits = one_line and natural <= width
            if (
                one_line
                and not fits
                and cell.kind == "value"
                and self.shrink_to
                and natural * self.shrink_to / size <= width
            ):
                size, fits = max(self.shrink_to, size * width / natural - 0.05), True
            # A plain string is drawn straight by the table; only text that needs wrapping
            # pays for a Paragraph.
            if fits:
                data[r][c] = text
                need = style.leading
                if size != st.VALUE_SIZE:
                    # The table centres a string by its leading, so it must match the size.
                    leading = style.leading * size / style.fontSize
                    commands.append(("FONT", first, last, FONT, size, leading))
                if color is not colors.black:
                    commands.append(("TEXTCOLOR", first, last, color))
                if cell.align != "LEFT":
                    commands.append(("ALIGN", first, last, cell.align))
            else:
                para = Paragraph(escape(text).replace("\n", "<br/>"), style)
                need = para.wrap(width, 10_000)[1]
                data[r][c] = para
            if cell.span > 1 or cell.rows > 1:
                commands.append(("SPAN", first, last))
            if cell.valign != "MIDDLE":
                commands.append(("VALIGN", first, last, cell.valign))
            if cell.kind == "label":
                commands.append(("BACKGROUND", first, last, st.LABEL_SHADE))
            need += 2 * st.CELL_PAD_Y
            if cell.rows == 1:
                heights[r] = max(heights[r], need)
            else:
                spanned.append((r, cell.rows, need))
        for r, n, need in spanned:
            short = need - sum(heights[r : r + n])
            if short > 0:
                heights[r + n - 1] += short
        return Table(
            data,
            colWidths=self.col_widths,
            rowHeights=heights,
            style=commands,
            repeatRows=self.repeat_rows,
        )


# -- header ----------------------------------------------------------------------------
class FormHeader(Flowable):
    """The title of the form, centred and heavy, over the line naming the office and date."""

    def __init__(
        self,
        title: str,
        office_name: str,
        division_code: str = "",
        *,
        date_label: str = "登记日期",
        date: dt.date | None = None,
        reference: str = "",
        height: float = 19 * mm,
    ):
        super().__init__()
        self.title = title
        self.office = f"{office_name}（{division_code}）" if division_code else office_name
        self.date_text = f"{date_label}：{format_date(date) or BLANK_DATE}"
        self.reference = reference
        self.height = height
        self.width = st.CONTENT_WIDTH

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        # The font has no bold face: fill and stroke the glyphs so the title reads as bold.
        spacing = 3.0
        width = text_width(self.title, st.TITLE_SIZE) + spacing * (len(self.title) - 1)
        t = c.beginText((self.width - width) / 2, self.height - st.TITLE_SIZE)
        t.setFont(FONT, st.TITLE_SIZE)
        t.setCharSpace(spacing)
        t.setTextRenderMode(2)
        c.setLineWidth(0.45)
        t.textOut(self.title)
        # Text state outlives the text object in PDF; later lines must not inherit it.
        t.setCharSpace(0)
        t.setTextRenderMode(0)
        c.drawText(t)
        y = 1.5 * mm
        c.setFont(FONT, st.LABEL_SIZE)
        left = f"填报单位：{self.office}"
        c.drawString(0, y, left)
        c.drawRightString(self.width, y, self.date_text)
        if self.reference:
            # Centred in the gap between the office and the date, however long they are.
            gap_start = text_width(left, st.LABEL_SIZE)
            gap_end = self.width - text_width(self.date_text, st.LABEL_SIZE)
            c.drawCentredString((gap_start + gap_end) / 2, y, self.reference)
        c.restoreState()


# -- signatures and seals ----------------------------------------------------------------
def draw_seal_place(canvas, cx: float, y: float, text: str = "（盖章）") -> None:
    """The place the office stamps: its text centred at (cx, y), in grey so a stamp covers it."""
    canvas.saveState()
    canvas.setFillColor(st.HINT_GREY)
    canvas.setFont(FONT, st.LABEL_SIZE)
    canvas.drawCentredString(cx, y, text)
    canvas.restoreState()


class SealPlaceholder(Flowable):
    """A free-standing stamp place: the office name, （盖章）, and the date under it."""

    def __init__(self, office_name: str = "", *, width: float = 70 * mm, dated: bool = True):
        super().__init__()
        self.office_name = office_name
        self.width = width
        self.dated = dated
        self.height = (22 if dated else 15) * mm
        self.hAlign = "RIGHT"

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        c = self.canv
        cx = self.width / 2
        top = self.height - st.LABEL_SIZE - 1 * mm
        if self.office_name:
            c.setFont(FONT, st.VALUE_SIZE)
            c.drawCentredString(cx, top, self.office_name)
        draw_seal_place(c, cx, top - 7 * mm)
        if self.dated:
            c.setFont(FONT, st.VALUE_SIZE)
            c.drawCentredString(cx, 1.5 * mm, BLANK_DATE)


@dataclass(frozen=True)
class SignatureSpot:
    """One place to sign in a signature block."""

    caption: str  # e.g. 本人签名（按指印）
    weight: float = 1.0  # share of the block's width
    dated: bool = True
    seal: str | None = None  # e.g. （盖章）: a stamp goes here rather than a signature


class SignatureBlock(Flowable):
    """A ruled box under a form: an optional declaration, then side-by-side signature places.

    Each place has its caption at the top, blank room for a signature or a fingerprint, and
    a date line; a seal place carries （盖章） where the stamp goes.
    """

    def __init__(
        self,
        spots: Sequence[SignatureSpot],
        *,
        declaration: str = "",
        height: float = 36 * mm,
    ):
        super().__init__()
        self.spots = list(spots)
        self.declaration = declaration
        self.height = height
        self.width = st.CONTENT_WIDTH

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        w, h = self.width, self.height
        pad = 2.5 * mm
        body = h
        if self.declaration:
            band = 9 * mm
            body = h - band
            c.setFont(FONT, st.VALUE_SIZE)
            c.drawString(pad, body + (band - st.VALUE_SIZE) / 2 + 1, self.declaration)
            c.setLineWidth(st.INNER_LINE)
            c.line(0, body, w, body)
        total = sum(s.weight for s in self.spots) or 1
        x = 0.0
        for i, spot in enumerate(self.spots):
            sw = w * spot.weight / total
            if i:
                c.setLineWidth(st.INNER_LINE)
                c.line(x, 0, x, body)
            c.setFont(FONT, st.VALUE_SIZE)
            c.drawString(x + pad, body - pad - st.VALUE_SIZE, f"{spot.caption}：")
            if spot.seal:
                draw_seal_place(c, x + sw / 2, body / 2 - 1 * mm, spot.seal)
            if spot.dated:
                c.setFont(FONT, st.VALUE_SIZE)
                c.drawRightString(x + sw - pad, pad, f"日期：{SIGN_DATE}")
            x += sw
        c.setLineWidth(st.OUTER_LINE)
        c.rect(0, 0, w, h)
        c.restoreState()


def registration_signatures(signer: str, declaration: str, height: float) -> SignatureBlock:
    """The signature row of a registration form: the person signing, the clerk, the seal."""
    return SignatureBlock(
        [
            SignatureSpot(f"{signer}（按指印）", weight=1.15),
            SignatureSpot("登记人"),
            SignatureSpot("单位（盖章）", seal="（盖章）"),
        ],
        declaration=declaration,
        height=height,
    )
