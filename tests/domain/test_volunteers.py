"""Volunteer vocabulary: star levels at their boundaries, clashes, hours text, skills."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain import messages
from govdesk.domain import volunteers as v

DAY = dt.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("minutes", "level"),
    [
        (None, 0),
        (0, 0),
        (100 * 60 - 1, 0),
        (100 * 60, 1),
        (300 * 60 - 1, 1),
        (300 * 60, 2),
        (600 * 60 - 1, 2),
        (600 * 60, 3),
        (1000 * 60 - 1, 3),
        (1000 * 60, 4),
        (1500 * 60 - 1, 4),
        (1500 * 60, 5),
        (9000 * 60, 5),
        (-120, 0),
    ],
)
def test_star_level_at_the_exact_boundaries(minutes, level):
    assert v.star_level(minutes) == level


def test_stars_text_and_next_star():
    assert v.stars_text(2) == "★★☆☆☆"
    assert v.stars_text(2, full=False) == "★★"
    assert v.stars_text(0) == "☆☆☆☆☆"
    assert v.stars_text(0, full=False) == ""
    assert v.stars_text(7) == "★★★★★"
    assert v.next_star(100 * 60 - 1) == (1, 1)
    assert v.next_star(100 * 60) == (2, 200 * 60)
    assert v.next_star(1500 * 60) is None


def _slot(start, end, day=DAY):
    return v.Slot(day, dt.time(*start), dt.time(*end))


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (_slot((9,), (11,)), _slot((10,), (12,)), True),
        (_slot((9,), (12,)), _slot((10,), (11,)), True),  # one inside the other
        (_slot((9,), (10,)), _slot((10,), (11,)), False),  # touching: end == start
        (_slot((10,), (11,)), _slot((9,), (10,)), False),
        (_slot((9,), (10, 1)), _slot((10,), (11,)), True),  # one minute over
        (_slot((9,), (11,)), _slot((9,), (11,), DAY + dt.timedelta(days=1)), False),
        (_slot((9,), (11,)), _slot((9,), (11,)), True),
    ],
)
def test_clashes(a, b, clash):
    assert v.clashes(a, b) is clash
    assert v.clashes(b, a) is clash


def test_clashes_reads_activity_records_and_tuples():
    class Activity:
        held_on = DAY
        start_time = dt.time(19)
        end_time = dt.time(21)

    assert v.clashes(Activity(), (DAY, dt.time(20, 30), dt.time(22)))
    assert not v.clashes(Activity(), (DAY, dt.time(21), dt.time(22)))


@pytest.mark.parametrize(
    ("minutes", "number", "exact"),
    [
        (750, "12.5", "12小时30分"),
        (720, "12", "12小时"),
        (5999, "99.9", "99小时59分"),
        (5, "0", "5分"),
        (0, "0", "0分"),
        (-30, "-0.5", "-30分"),
        (-90, "-1.5", "-1小时30分"),
    ],
)
def test_hours_text(minutes, number, exact):
    assert v.hours_number(minutes) == number
    assert v.format_hours(minutes) == f"{number} 小时"
    assert v.format_minutes(minutes) == exact


def test_hours_text_in_english():
    messages.set_language("en")
    try:
        assert v.format_hours(750) == "12.5 h"
        assert v.format_minutes(150) == "2 h 30 min"
        assert v.VOLUNTEER_STATUS.label("paused") == "Paused"
        assert v.days_text("17") == "Mon, Sun"
    finally:
        messages.set_language("zh_CN")


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2.5", 150),
        ("2.5小时", 150),
        ("2:30", 150),
        ("90分钟", 90),
        ("90分", 90),
        ("1小时30分", 90),
        ("1 小时 30 分钟", 90),
        ("-1.5", -90),
        ("3h", 180),
        ("", None),
        ("abc", None),
        ("2:75", None),
        ("-", None),
    ],
)
def test_parse_hours(typed, minutes):
    assert v.parse_hours(typed) == minutes


def test_code_lists_have_chinese_labels():
    assert v.VOLUNTEER_STATUS.zh("active") == "在册"
    assert v.VOLUNTEER_STATUS.parse("已退出") == "left"
    assert v.SIGNUP_STATES.zh("checked_out") == "已签退"
    assert v.ACTIVITY_STATES.zh("planned") == "待开展"
    assert v.ORDER_STATES.parse("接单") == "accepted"
    assert v.DUTY_KINDS.zh("patrol") == "治安巡逻"
    assert [c.code for c in v.DEFAULT_SKILLS][:3] == ["patrol", "elderly_care", "cleaning"]
    assert len(v.DEFAULT_SKILLS.codes) == 12
    assert v.AVAILABLE_TIMES.zh("evening") == "晚上"


def test_availability():
    assert v.time_of_day(dt.time(8)) == "morning"
    assert v.time_of_day(dt.time(11, 59)) == "morning"
    assert v.time_of_day(dt.time(12)) == "afternoon"
    assert v.time_of_day(dt.time(21, 59)) == "evening"
    assert v.time_of_day(dt.time(22)) is None
    assert v.time_of_day(dt.time(7, 59)) is None
    assert v.times_of_span(dt.time(11), dt.time(14)) == ["morning", "afternoon"]
    assert v.times_of_span(dt.time(12), dt.time(18)) == ["afternoon"]
    assert v.parse_days("531") == [1, 3, 5]
    with pytest.raises(ValueError):
        v.parse_days("18")
    assert v.days_text("135") == "周一、周三、周五"
    assert v.list_text(["上午", "晚上"]) == "上午、晚上"
    assert v.is_available("135", "evening", weekday=3, time_code="evening") is True
    assert v.is_available("135", "evening", weekday=2) is False
    assert v.is_available("135", "evening", time_code="morning") is False
    assert v.is_available("", "", weekday=2, time_code="morning") is None
    assert v.is_available("", "morning", weekday=2) is None


def test_code_strings():
    assert v.split_codes(" patrol, ,cleaning,patrol") == ["patrol", "cleaning"]
    assert v.join_codes(["b", "a", "b"]) == "b,a"
    assert v.missing_skills("patrol,health", "health,repairs") == ["patrol"]
    assert v.volunteer_number(7) == "V0007"


def test_skill_settings_rename_add_disable():
    current = v.DEFAULT_SKILL_SETTINGS
    code = v.next_custom_code(current)
    assert code == "custom_1"
    settings, issues = v.check_skill_settings(
        current, {"patrol": "夜间巡逻", code: "手机教学", "health": "医疗健康"}, ["haircut"]
    )
    assert issues == []
    # The built-in name given again is not stored as a rename.
    assert dict(settings.labels) == {"patrol": "夜间巡逻", "custom_1": "手机教学"}
    assert settings.codes()[-1] == "custom_1"
    assert "haircut" not in settings.enabled()
    assert settings.label("haircut") == "理发"  # still shown for who has it
    assert settings.parse("手机教学") == "custom_1"
    assert settings.parse("治安巡逻") == "patrol"
    back = v.skill_settings_from_json(settings.to_json())
    assert back == settings
    assert v.next_custom_code(back) == "custom_2"


def test_skill_settings_refusals():
    current = v.DEFAULT_SKILL_SETTINGS
    _, issues = v.check_skill_settings(current, {"patrol": "  "}, [])
    assert [(i.field, i.key) for i in issues] == [("patrol", "volunteers.skill_label_blank")]
    _, issues = v.check_skill_settings(current, {"health": "理发"}, [])
    assert [(i.field, i.key) for i in issues] == [("health", "volunteers.skill_label_taken")]
    _, issues = v.check_skill_settings(current, {"nonsense": "x"}, ["nothing"])
    assert [i.key for i in issues] == ["volunteers.unknown_skill"] * 2
    _, issues = v.check_skill_settings(current, {"patrol": "巡" * 21}, [])
    assert [i.key for i in issues] == ["volunteers.skill_label_long"]


def test_skill_settings_from_bad_json_is_the_default():
    assert v.skill_settings_from_json(None) == v.DEFAULT_SKILL_SETTINGS
    assert v.skill_settings_from_json("{") == v.DEFAULT_SKILL_SETTINGS
    assert v.skill_settings_from_json("[1]") == v.DEFAULT_SKILL_SETTINGS
    loaded = v.skill_settings_from_json('{"labels": {"x": "y", "repairs": "家电维修"}}')
    assert dict(loaded.labels) == {"repairs": "家电维修"}


def test_messages_are_registered_in_both_languages():
    assert messages.text("volunteers.name_required") == "志愿者姓名不能为空"
    messages.set_language("en")
    try:
        assert messages.text("volunteers.full", headcount=3).startswith("The activity")
    finally:
        messages.set_language("zh_CN")
