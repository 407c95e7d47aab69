"""A household with a head and members, registered through the real registry services."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from govdesk.services import registry

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "秀英", "伟", "丽", "桂兰", "小明", "敏", "静", "强", "磊", "洋", "艳", "勇", "军"]


def make_id(birth: dt.date, seq: int) -> str:
    """A valid 18-character number for a Beijing Chaoyang birth (odd seq = male)."""
    from stdnum.cn import ric

    body = f"110105{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def sex_of(seq: int) -> str:
    return "male" if seq % 2 else "female"


@pytest.fixture
def make_household(db):
    """make_household(n) registers household H-<n> with a head and n-1 members; returns its id."""

    def make(n: int, number: str = "110105001001-0023") -> str:
        relations = ["spouse", "son", "daughter", "parent", "grandchild", "sibling", "other"]
        with db.session() as s:
            hh = registry.create_household(
                s, household_number=number, address="北京市朝阳区幸福社区3号楼2单元101室"
            )
            for i in range(n):
                birth = dt.date(1950 + i * 3, 3, 7)
                seq = 11 + i
                registry.create_person(
                    s,
                    data={
                        "name": SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)],
                        "id_number": make_id(birth, seq),
                        "sex": sex_of(seq),
                        "birth_date": birth,
                        "ethnicity": "汉族",
                        "phone": "13800138000" if i == 0 else None,
                        "relation_to_head": "head" if i == 0 else relations[(i - 1) % 7],
                    },
                    household_id=hh.id,
                )
        return hh.id

    return make


def read_pdf(path_or_bytes) -> PdfReader:
    if isinstance(path_or_bytes, bytes):
        return PdfReader(io.BytesIO(path_or_bytes))
    return PdfReader(str(path_or_bytes))


def page_text(page) -> str:
    # Table cells come out with layout spaces; compare without them.
    return "".join(page.extract_text().split())


def page_fonts(page) -> list[tuple[str, bool]]:
    """(BaseFont, has an embedded TrueType program) for each font the page uses."""
    fonts = page["/Resources"]["/Font"]
    out = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        out.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    return out
