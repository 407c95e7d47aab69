"""Sizes, colours and paragraph styles shared by every printed form."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from govdesk.forms.fonts import FONT

PAGE_SIZE = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN

TITLE_SIZE = 18
VALUE_SIZE = 10.5
LABEL_SIZE = 10
SMALL_SIZE = 9

OUTER_LINE = 0.8
INNER_LINE = 0.5
# Hand-written entries need room: no ruled row is lower than this.
MIN_ROW_HEIGHT = 9.5 * mm
CELL_PAD_X = 1.5 * mm
CELL_PAD_Y = 1.2 * mm

LABEL_SHADE = colors.Color(0.91, 0.91, 0.91)
HINT_GREY = colors.Color(0.45, 0.45, 0.45)


def _style(name: str, size: float, align: int, color=colors.black) -> ParagraphStyle:
    # wordWrap='CJK' lets a line break between any two Chinese characters, so a long
    # address wraps inside its box instead of running past the ruled line.
    return ParagraphStyle(
        name,
        fontName=FONT,
        fontSize=size,
        leading=round(size * 1.3, 1),
        alignment=align,
        wordWrap="CJK",
        textColor=color,
    )


VALUE = _style("govdesk.value", VALUE_SIZE, TA_LEFT)
VALUE_CENTER = _style("govdesk.value.center", VALUE_SIZE, TA_CENTER)
LABEL = _style("govdesk.label", LABEL_SIZE, TA_CENTER)
LABEL_LEFT = _style("govdesk.label.left", LABEL_SIZE, TA_LEFT)
HINT = _style("govdesk.hint", SMALL_SIZE, TA_CENTER, HINT_GREY)
SMALL = _style("govdesk.small", SMALL_SIZE, TA_LEFT)
SMALL_RIGHT = _style("govdesk.small.right", SMALL_SIZE, TA_RIGHT)
