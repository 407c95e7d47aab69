"""Builds a form document: A4 pages with the form header on each and page numbers when needed."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from govdesk.forms import styles as st
from govdesk.forms.flowables import FormHeader
from govdesk.forms.fonts import FONT, register_fonts

HEADER_GAP = 2 * mm


class _PagedCanvas(Canvas):
    """Holds pages back until the end so a multi-page form can print "第 1 页 共 2 页"."""

    def __init__(self, *args, **kwargs):
        # Otherwise every page names Helvetica, a font the PDF does not embed.
        if kwargs.get("initialFontName") is None:
            kwargs["initialFontName"] = FONT
            kwargs["initialFontSize"] = st.VALUE_SIZE
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if total > 1:
                self.setFont(FONT, st.SMALL_SIZE)
                self.drawCentredString(
                    self._pagesize[0] / 2, st.MARGIN / 2, f"第 {number} 页　共 {total} 页"
                )
            super().showPage()
        super().save()


def build_document(
    out: Path | str | BinaryIO,
    story: list[Flowable],
    *,
    header: FormHeader,
    later_header: FormHeader | None = None,
    title: str,
    author: str = "",
    pagesize: tuple[float, float] = st.PAGE_SIZE,
) -> None:
    """Lay out `story` under `header` (or `later_header` from page 2 on) and write the PDF.

    `pagesize` may be landscape A4 (a wide list); the margins stay the same.
    """
    register_fonts()
    content_width = pagesize[0] - 2 * st.MARGIN
    header.wrap(content_width, header.height)
    later = later_header or header
    later.wrap(content_width, later.height)
    top = pagesize[1] - st.MARGIN
    doc = BaseDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=pagesize,
        leftMargin=st.MARGIN,
        rightMargin=st.MARGIN,
        topMargin=st.MARGIN,
        bottomMargin=st.MARGIN,
        title=title,
        author=author,
        creator="govdesk",
    )

    def template(name: str, head: FormHeader) -> PageTemplate:
        # No frame padding: ruled tables are laid out to the exact content width.
        frame = Frame(
            st.MARGIN,
            st.MARGIN,
            content_width,
            top - head.height - HEADER_GAP - st.MARGIN,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

        def decorate(canvas, _doc):
            head.drawOn(canvas, st.MARGIN, top - head.height)

        return PageTemplate(id=name, frames=[frame], onPage=decorate, pagesize=pagesize)

    doc.addPageTemplates([template("first", header), template("later", later)])
    doc.build([NextPageTemplate("later"), *story], canvasmaker=_PagedCanvas)
