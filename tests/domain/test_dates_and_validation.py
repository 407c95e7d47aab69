"""Date parsing and the cleaning of a person's fields before storage."""

import datetime as dt

import pytest

from govdesk.domain.dates import parse_date
from govdesk.domain.validation import clean_person


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1990/3/7", dt.date(1990, 3, 7)),
        ("1990年3月7日", dt.date(1990, 3, 7)),
        ("1990-03-07", dt.date(1990, 3, 7)),
        ("19900307", dt.date(1990, 3, 7)),
        ("１９９０／３／７", dt.date(1990, 3, 7)),
        (32939, dt.date(1990, 3, 7)),  # an Excel serial number
        (dt.datetime(1990, 3, 7, 0, 0), dt.date(1990, 3, 7)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_accepts_office_formats(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["1990-02-30", "明年", "3/7/1990"])
def test_parse_date_refuses_non_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_clean_person_derives_birth_and_sex_from_id():
    values, issues = clean_person({"name": " 张三 ", "id_number": "11010519491231002x"})
    assert values["name"] == "张三"
    assert values["id_number"] == "11010519491231002X"
    assert values["birth_date"] == dt.date(1949, 12, 31)
    assert values["sex"] == "female"
    assert issues == []


def test_clean_person_flags_mismatch_as_warning():
    values, issues = clean_person(
        {"name": "张三", "id_number": "11010519491231002X", "sex": "男", "birth_date": "1950-01-01"}
    )
    keys = sorted(i.key for i in issues)
    assert keys == ["id.birth_mismatch", "id.sex_mismatch"]
    assert all(i.warning for i in issues)
    assert values["sex"] == "male"  # what was typed is kept; the clerk decides


def test_clean_person_reports_each_bad_field():
    values, issues = clean_person(
        {
            "name": "",
            "ethnicity": "火星族",
            "phone": "12ab",
            "birth_date": "2999-01-01",
            "person_type": "流动",
        }
    )
    by_field = {i.field: i.message for i in issues}
    assert by_field["name"] == "姓名不能为空"
    assert "火星族" in by_field["ethnicity"]
    assert "12ab" in by_field["phone"]
    assert "晚于今天" in by_field["birth_date"]
    assert values["person_type"] == "floating"


def test_code_labels_and_aliases_are_understood():
    values, issues = clean_person(
        {
            "ethnicity": "汉",
            "relation_to_head": "妻",
            "education": "本科",
            "political_status": "党员",
        }
    )
    assert issues == []
    assert values == {
        "ethnicity": "01",
        "relation_to_head": "spouse",
        "education": "bachelor",
        "political_status": "party_member",
    }


def test_an_unreadable_birth_date_is_one_error_not_also_a_mismatch():
    _, issues = clean_person(
        {"name": "张三", "id_number": "11010519491231002X", "birth_date": "去年"}
    )
    assert [(i.field, i.key) for i in issues] == [("birth_date", "date.invalid")]
