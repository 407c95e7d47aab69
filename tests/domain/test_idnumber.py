"""ID number rules of DOMAIN.md: layout, check character, dates, clean-up, Excel damage, 15 digits."""

import datetime as dt

import pytest

from govdesk.domain import idnumber

TODAY = dt.date(2026, 11, 26)


def messages_of(result):
    return [i.message for i in result.issues]


def test_domain_example_is_valid_and_derives_birth_and_sex():
    r = idnumber.check("11010519491231002X", today=TODAY)
    assert r.ok
    assert r.number == "11010519491231002X"
    assert r.birth_date == dt.date(1949, 12, 31)
    assert r.sex == "female"  # sequence 002 is even
    assert r.issues == []


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "110105 19491231 002X",
    ],
)
def test_typing_habits_are_normalised(typed):
    assert idnumber.check(typed, today=TODAY).number == "11010519491231002X"


def test_wrong_check_character_names_the_right_one():
    r = idnumber.check("110105194912310021", today=TODAY)
    assert not r.ok
    assert messages_of(r) == ["校验位应为 X，实际为 1"]


def test_wrong_length():
    r = idnumber.check("1101051949123100", today=TODAY)
    assert not r.ok and "实际为16位" in messages_of(r)[0]


def test_impossible_date():
    r = idnumber.check("110105194902300020", today=TODAY)
    assert not r.ok and messages_of(r) == ["身份证号中的出生日期 1949-02-30 不存在"]


def test_future_date_is_refused():
    body = "11010520301231002"
    from stdnum.cn import ric

    number = body + ric.calc_check_digit(body + "0")
    r = idnumber.check(number, today=TODAY)
    assert not r.ok and "晚于今天" in messages_of(r)[0]


@pytest.mark.parametrize("damaged", [1.10105194912310e17, "1.10105E+17", "110105194912310000.0"])
def test_excel_damage_is_detected_not_repaired(damaged):
    r = idnumber.check(damaged, today=TODAY)
    assert not r.ok
    assert r.number == ""
    assert "Excel" in messages_of(r)[0]


def test_fifteen_digit_number_is_converted_and_marked():
    r = idnumber.check("110105491231002", today=TODAY)
    assert r.ok
    assert r.number == "11010519491231002X"
    assert r.converted_from_15
    assert any(i.key == "id.converted" and i.warning for i in r.issues)


def test_unknown_area_code_only_warns():
    from stdnum.cn import ric

    body = "99999919800101001"
    number = body + ric.calc_check_digit(body + "0")
    r = idnumber.check(number, today=TODAY)
    assert r.ok  # never refuse a real person over the bundled table
    assert [i.key for i in r.issues] == ["id.area"]
    assert r.issues[0].warning


def test_mask_keeps_area_and_last_four():
    assert idnumber.mask("11010519491231002X") == "110105********002X"
    assert idnumber.mask_phone("13800138000") == "138****8000"
    assert idnumber.mask(None) == ""


def test_english_messages():
    from govdesk.domain import messages

    messages.set_language("en")
    r = idnumber.check("110105194912310021", today=TODAY)
    assert messages_of(r) == ["The check character should be X, not 1"]


@pytest.mark.parametrize("cell", [110105491231002.0, 110105491231002])
def test_a_fifteen_digit_number_cell_is_intact_and_converted(cell):
    # Excel keeps 15 significant digits, so an old number stored as a number lost nothing.
    r = idnumber.check(cell, today=TODAY)
    assert r.ok and r.number == "11010519491231002X" and r.converted_from_15
