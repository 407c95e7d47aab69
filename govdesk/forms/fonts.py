"""Registers the bundled CJK TrueType font with reportlab, once per process."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from govdesk.resources import CJK_FONT_FILE, resource_path

# The name forms use in styles and canvas calls; the embedded subset is named after the
# font's own PostScript name (WenQuanYiMicroHei), which is what a PDF viewer shows.
FONT = "GovdeskCJK"

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Make FONT usable; cheap after the first call (parsing the 5 MB collection is not)."""
    global _registered
    if _registered:
        return FONT
    with _lock:
        if not _registered:
            # Subfont 0 of the collection is the proportional "WenQuanYi Micro Hei".
            font = TTFont(FONT, str(resource_path(*CJK_FONT_FILE)), subfontIndex=0)
            pdfmetrics.registerFont(font)
            _registered = True
    return FONT


def text_width(text: str, size: float) -> float:
    """Width in points of one line of text in the form font."""
    register_fonts()
    return pdfmetrics.stringWidth(text, FONT, size)
