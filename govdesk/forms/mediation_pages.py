"""Lays several mediation forms out in one PDF, each under its own header and page count.

A case file holds a dozen forms. Built one document each, reportlab embeds a font subset and
writes a whole file a dozen times; laid out here in one document it does so once. Each form
still starts on a new page, has its own header and reads 第 x 页 共 y 页 over its own pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from govdesk.forms import mediation_casefile as cf
from govdesk.forms import mediation_forms as mf
from govdesk.forms import styles as st
from govdesk.forms.fonts import FONT, register_fonts
from govdesk.forms.mediation_catalog import TITLES
from govdesk.forms.mediation_data import MediationCaseData
from govdesk.forms.mediation_parts import MediationHeader
from govdesk.forms.page import HEADER_GAP

STORIES: dict[str, Callable[[MediationCaseData], list[Flowable]]] = {
    "application": mf.application_story,
    "registration": mf.registration_story,
    "notice": cf.notice_story,
    "investigation": mf.investigation_story,
    "session": mf.session_story,
    "agreement": mf.agreement_story,
    "oral-agreement": mf.oral_agreement_story,
    "follow-up": mf.follow_up_story,
    "cover": cf.cover_story,
    "contents": cf.contents_story,
    "back-cover": cf.back_cover_story,
}


@dataclass
class Laid:
    """The PDF and, for each form given, the index of its first page and its page count."""

    pdf: bytes
    starts: list[int]
    counts: list[int]


def _canvas_class(owners: list[int]) -> type[Canvas]:
    """A canvas that numbers each form's pages on their own; `owners[n]` is the form that
    page n belongs to (filled in as the pages begin)."""

    class FormsCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            # Otherwise every page names Helvetica, a font the PDF does not embed.
            if kwargs.get("initialFontName") is None:
                kwargs["initialFontName"] = FONT
                kwargs["initialFontSize"] = st.VALUE_SIZE
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            totals: dict[int, int] = {}
            for owner in owners:
                totals[owner] = totals.get(owner, 0) + 1
            seen: dict[int, int] = {}
            for state, owner in zip(self._held, owners, strict=True):
                self.__dict__.update(state)
                seen[owner] = seen.get(owner, 0) + 1
                if totals[owner] > 1:
                    self.setFont(FONT, st.SMALL_SIZE)
                    self.drawCentredString(
                        st.PAGE_SIZE[0] / 2,
                        st.MARGIN / 2,
                        f"第 {seen[owner]} 页　共 {totals[owner]} 页",
                    )
                super().showPage()
            super().save()

    return FormsCanvas


def lay_out(forms: list[tuple[str, MediationCaseData]], *, title: str, author: str) -> Laid:
    """One PDF of the forms (key, data) in the order given."""
    register_fonts()
    top = st.PAGE_SIZE[1] - st.MARGIN
    owners: list[int] = []
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=st.PAGE_SIZE,
        leftMargin=st.MARGIN,
        rightMargin=st.MARGIN,
        topMargin=st.MARGIN,
        bottomMargin=st.MARGIN,
        title=title,
        author=author,
        creator="govdesk",
    )
    templates, story = [], []
    for index, (form, data) in enumerate(forms):
        header = MediationHeader(
            TITLES[form], data.committee_name, data.case_number, data.qr_payload
        )
        header.wrap(st.CONTENT_WIDTH, header.height)
        # No frame padding: ruled tables are laid out to the exact content width.
        frame = Frame(
            st.MARGIN,
            st.MARGIN,
            st.CONTENT_WIDTH,
            top - header.height - HEADER_GAP - st.MARGIN,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"form{index}",
        )

        def decorate(canvas, _doc, header=header, index=index):
            owners.append(index)
            header.drawOn(canvas, st.MARGIN, top - header.height)

        templates.append(
            PageTemplate(id=f"form{index}", frames=[frame], onPage=decorate, pagesize=st.PAGE_SIZE)
        )
        if index:
            story += [NextPageTemplate(f"form{index}"), PageBreak()]
        story += STORIES[form](data)
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_canvas_class(owners))
    counts = [owners.count(i) for i in range(len(forms))]
    starts = [sum(counts[:i]) for i in range(len(forms))]
    return Laid(buffer.getvalue(), starts, counts)
