"""Cleaning gives the same answer the thousandth time a cell text is seen as the first."""

import datetime as dt

import pytest

from govdesk.domain.dates import parse_date
from govdesk.domain.idnumber import normalise
from govdesk.domain.validation import clean_person


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("13900001111", "13900001111"),
        ("1234567", "1234567"),
        ("123456789012345", "123456789012345"),
        ("139-0000-1111", "13900001111"),
        ("１３９００００１１１１", "13900001111"),
        ("+8613900001111", "+8613900001111"),
    ],
)
def test_phone_forms_are_cleaned_alike(raw, expected):
    for _ in range(2):
        values, issues = clean_person({"phone": raw})
        assert issues == []
        assert values["phone"] == expected


@pytest.mark.parametrize("raw", ["123456", "1234567890123456", "13９", "139 0000 1111x"])
def test_bad_phones_are_reported_every_time(raw):
    for _ in range(2):
        values, issues = clean_person({"phone": raw})
        assert [i.key for i in issues] == ["phone.invalid"]
        assert "phone" not in values


def test_code_labels_repeat_and_unknown_labels_are_reported_every_time():
    for _ in range(3):
        values, issues = clean_person({"sex": "男", "ethnicity": "汉族", "education": "天书"})
        assert values["sex"] == "male"
        assert values["ethnicity"] == "01"
        assert [(i.field, i.key, i.params["raw"]) for i in issues] == [
            ("education", "code.invalid", "天书")
        ]


def test_names_keep_latin_spaces_and_lose_chinese_ones():
    assert clean_person({"name": "张 三"})[0]["name"] == "张三"
    assert clean_person({"name": "PARK HANA"})[0]["name"] == "PARK HANA"
    assert clean_person({"name": "张三"})[0]["name"] == "张三"


def test_dates_read_again_and_bad_dates_fail_again():
    for _ in range(2):
        assert parse_date("1990年3月7日") == dt.date(1990, 3, 7)
        assert parse_date("１９９０／３／７") == dt.date(1990, 3, 7)
        with pytest.raises(ValueError):
            parse_date("1990-02-30")
        with pytest.raises(ValueError, match="1990x"):
            parse_date("1990x")


def test_normalise_ascii_and_wide_forms():
    assert normalise("11010519491231002x") == "11010519491231002X"
    assert normalise("１１０１ 05") == "110105"
    assert normalise(" 110105\t") == "110105"
