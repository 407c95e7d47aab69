"""Pieces shared by the mediation forms: the header with its QR code, long-text boxes, parties."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from govdesk.forms import styles as st
from govdesk.forms.flowables import (
    Cell,
    FieldGrid,
    FormHeader,
    GridRow,
    SignatureBlock,
    SignatureSpot,
    label,
    value,
)
from govdesk.forms.fonts import FONT, register_fonts, text_width
from govdesk.forms.mediation_data import MediationCaseData, PartyData

QR_SIZE = 20 * mm
HEADER_HEIGHT = 24 * mm
ROW = 9.5 * mm
# Role column, then four label/value pairs; 174 mm in all.
PARTY_COLUMNS = [18 * mm, 16 * mm, 30 * mm, 14 * mm, 16 * mm, 14 * mm, 20 * mm, 14 * mm, 32 * mm]
PARTY_SIGN = "（签名并按指印）"


def qr_widget(case_number: str) -> QrCodeWidget:
    """The QR code carrying the case number, as reportlab's widget (its `value` is the number)."""
    return QrCodeWidget(case_number, barBorder=0)


@functools.lru_cache(maxsize=64)
def qr_modules(value: str) -> tuple[tuple[float, float, float, float], ...]:
    """The dark runs of the QR code as (x, y, width, height) in a unit square.

    Encoding is the slow part (choosing the mask pattern): each value is encoded once per
    process, not once per page.
    """
    widget = qr_widget(value)
    x0, y0, x1, y1 = widget.getBounds()
    side = x1 - x0
    return tuple(
        ((r.x - x0) / side, (r.y - y0) / side, r.width / side, r.height / side)
        for r in widget.draw().contents
        # The widget's first rectangle is an unpainted outline of the whole code.
        if r.fillColor is not None
    )


@functools.lru_cache(maxsize=64)
def _qr_path(value: str, size: float) -> str:
    """The PDF operators filling the code's runs in a `size` square at the origin."""
    runs = " ".join(
        f"{fp_str(x * size, y * size, w * size, h * size)} re" for x, y, w, h in qr_modules(value)
    )
    return f"{runs} f"


def draw_qr(canvas, case_number: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """Paint the case's QR code as a `size`-wide square with its lower left corner at (x, y).

    The runs are written as one filled path, formatted once per code and size (a page of
    a case file would otherwise spend longer on its QR code than on its text). Reportlab's
    drawing renderer is not used: it would set Helvetica, a font the PDF does not embed.
    """
    canvas.saveState()
    canvas.translate(x, y)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral(_qr_path(case_number, round(size, 3)))
    canvas.restoreState()


class MediationHeader(FormHeader):
    """Title centred, the committee and the case number under it, the case QR code at the right.

    The QR code lets a scanned signed copy be matched back to its case.
    """

    def __init__(self, title: str, committee_name: str, case_number: str, qr_value: str = ""):
        super().__init__(title, committee_name, height=HEADER_HEIGHT)
        self.committee_name = committee_name
        self.case_number = case_number
        self.qr_value = qr_value or case_number

    def draw(self):
        c = self.canv
        c.saveState()
        spacing = 3.0
        width = text_width(self.title, st.TITLE_SIZE) + spacing * (len(self.title) - 1)
        t = c.beginText((self.width - width) / 2, self.height - st.TITLE_SIZE - 1 * mm)
        t.setFont(FONT, st.TITLE_SIZE)
        t.setCharSpace(spacing)
        # The font has no bold face: fill and stroke the glyphs.
        t.setTextRenderMode(2)
        c.setLineWidth(0.45)
        t.textOut(self.title)
        t.setCharSpace(0)
        t.setTextRenderMode(0)
        c.drawText(t)
        y = 1.5 * mm
        c.setFont(FONT, st.LABEL_SIZE)
        c.drawString(0, y, self.committee_name)
        # Before acceptance the number is left for the clerk to write in.
        number = self.case_number or "（　　）　人调字第　　号"
        c.drawRightString(self.width - QR_SIZE - 3 * mm, y, f"编号：{number}")
        if self.qr_value:
            draw_qr(c, self.qr_value, self.width - QR_SIZE, 0)
        c.restoreState()


class RuledText(Flowable):
    """A ruled box with a shaded caption band over long text; splits across pages.

    The text wraps between any two Chinese characters; when it runs past the page the
    rest continues in a box captioned （续） on the next page, so nothing is cut off.
    """

    BAND = 7.5 * mm
    PAD = 2 * mm

    def __init__(self, caption: str, text: str = "", *, min_height: float = 30 * mm, para=None):
        super().__init__()
        register_fonts()  # a Paragraph looks its font up when it is made
        self.caption = caption
        self.text = text
        self.min_height = min_height
        self.para = para or Paragraph(escape(text).replace("\n", "<br/>"), st.VALUE)
        self.width = st.CONTENT_WIDTH
        self.height = 0.0

    def _body_height(self, avail_width: float) -> float:
        return self.para.wrap(avail_width - 2 * self.PAD, 100_000)[1] + 2 * self.PAD

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        body = max(self._body_height(availWidth), self.min_height - self.BAND)
        self.height = self.BAND + body
        return self.width, self.height

    def split(self, availWidth, availHeight):
        room = availHeight - self.BAND - 2 * self.PAD
        # Less than three lines left on the page: start the whole box on the next one.
        if room < 3 * st.VALUE.leading:
            return []
        parts = self.para.split(availWidth - 2 * self.PAD, room)
        if len(parts) < 2:
            return []
        return [
            RuledText(self.caption, para=parts[0], min_height=0),
            RuledText(f"{self.caption}（续）", para=parts[1], min_height=self.min_height / 2),
        ]

    def draw(self):
        c = self.canv
        c.saveState()
        w, h = self.width, self.height
        c.setFillColor(st.LABEL_SHADE)
        c.rect(0, h - self.BAND, w, self.BAND, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, st.LABEL_SIZE)
        c.drawString(self.PAD, h - self.BAND + (self.BAND - st.LABEL_SIZE) / 2 + 1, self.caption)
        c.setLineWidth(st.INNER_LINE)
        c.line(0, h - self.BAND, w, h - self.BAND)
        c.setLineWidth(st.OUTER_LINE)
        c.rect(0, 0, w, h)
        _, ph = self.para.wrap(w - 2 * self.PAD, 100_000)
        self.para.drawOn(c, self.PAD, h - self.BAND - self.PAD - ph)
        c.restoreState()


def numbered(items: Sequence[str]) -> str:
    """Agreement terms as 一、… lines; a single term is printed as it is."""
    digits = "一二三四五六七八九十"
    if len(items) <= 1:
        return "".join(items)

    def mark(i: int) -> str:
        if i < 10:
            return digits[i]
        tens, ones = divmod(i + 1, 10)
        return (digits[tens - 1] if tens > 1 else "") + "十" + (digits[ones - 1] if ones else "")

    return "\n".join(f"{mark(i)}、{item}" for i, item in enumerate(items))


def party_rows(party: PartyData) -> list[GridRow]:
    """Three ruled rows for one party: name, sex, ethnicity, age; occupation, phone; address."""
    age = "" if party.age is None else str(party.age)
    return [
        GridRow(
            [
                label(party.role, rows=3),
                label("姓名"),
                value(party.name),
                label("性别"),
                value(party.sex, align="CENTER"),
                label("民族"),
                value(party.ethnicity, align="CENTER"),
                label("年龄"),
                value(age, align="CENTER"),
            ],
            ROW,
        ),
        GridRow(
            [label("职业"), value(party.occupation, span=3), label("联系方式", span=2)]
            + [value(party.phone, span=2)],
            ROW,
        ),
        GridRow([label("住址"), value(party.address, span=7)], ROW),
    ]


def parties_grid(case: MediationCaseData, roles: Sequence[str] | None = None) -> FieldGrid:
    """Every party of the case (applicants first); a blank party box when there is none."""
    parties = list(case.parties)
    if roles is not None:
        parties = [p for p in parties if p.role in roles]
    parties.sort(key=lambda p: 0 if p.role == "申请人" else 1)
    if not parties:
        parties = [PartyData(name="", role="当事人")]
    rows: list[GridRow | Sequence[Cell]] = []
    for party in parties:
        rows.extend(party_rows(party))
    return FieldGrid(rows, PARTY_COLUMNS)


def party_signatures(case: MediationCaseData, *, per_row: int = 2) -> list[SignatureBlock]:
    """Signature and fingerprint places for every party, two to a row so a long name fits."""
    # A blank form still gives both sides a place to sign.
    parties = case.parties or [PartyData(name="", role="当事人")] * 2
    spots = [SignatureSpot(f"{p.role} {p.name}".strip() + PARTY_SIGN) for p in parties]
    return [
        SignatureBlock(spots[i : i + per_row], height=28 * mm)
        for i in range(0, len(spots), per_row)
    ]


def official_signatures(case: MediationCaseData, *, recorder: bool = False) -> SignatureBlock:
    """The mediator's signature, the recorder's when asked, and the committee's seal place."""
    mediators = "、".join(case.mediators)
    spots = [SignatureSpot(f"人民调解员 {mediators}".strip() + "（签名）", weight=1.3)]
    if recorder:
        spots.append(SignatureSpot(f"记录人 {case.recorder}".strip() + "（签名）"))
    spots.append(SignatureSpot("人民调解委员会（盖章）", seal="（盖章）"))
    return SignatureBlock(spots, height=28 * mm)
