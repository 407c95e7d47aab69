"""Spreadsheet headings map to fields whatever decoration offices add."""

import pytest

from govdesk.domain.columns import match_heading


@pytest.mark.parametrize(
    "heading, key",
    [
        ("姓名", "name"),
        ("姓名*", "name"),
        ("身份证号", "id_number"),
        ("公民身份号码（18位）", "id_number"),
        ("现居住地址", "current_address"),
        ("与 户主 关系", "relation_to_head"),
        ("联系电话", "phone"),
        ("人员类别", "person_type"),
        ("备注", "notes"),
    ],
)
def test_known_headings(heading, key):
    assert match_heading(heading) == key


def test_unknown_heading():
    assert match_heading("星座") is None
    assert match_heading(None) is None
