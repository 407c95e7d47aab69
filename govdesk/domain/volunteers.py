"""Volunteer vocabulary (志愿服务): code lists, skills, availability, clashes, hours and star levels.

Star levels come from CONFIRMED minutes only: level n is reached at exactly STAR_HOURS[n-1]
hours (100 h = ★, 99 h 59 min = no star). Times are the office's wall-clock times; two
activities clash when they fall on the same day and their [start, end) spans overlap, so one
ending at 10:00 and the next starting at 10:00 do not clash.

Messages registered here all start with "volunteers."; other modules of the volunteer tab
register their own keys under their own prefixes (messages.register refuses a key twice).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from govdesk.domain import messages, office_labels
from govdesk.domain.codes import Code, CodeList
from govdesk.domain.messages import Issue

# -- statuses and states ----------------------------------------------------------------------
ACTIVE = "active"
PAUSED = "paused"
LEFT = "left"

VOLUNTEER_STATUS = CodeList(
    "volunteer_status",
    [
        Code(ACTIVE, "在册", "Active"),
        Code(PAUSED, "暂停", "Paused"),
        Code(LEFT, "已退出", "Left"),
    ],
    {"正常": ACTIVE, "在岗": ACTIVE, "停用": PAUSED, "退出": LEFT, "离开": LEFT},
)

SIGNED_UP = "signed_up"
CANCELLED = "cancelled"
CHECKED_IN = "checked_in"
CHECKED_OUT = "checked_out"
ABSENT = "absent"

SIGNUP_STATES = CodeList(
    "volunteer_signup_state",
    [
        Code(SIGNED_UP, "已报名", "Signed up"),
        Code(CANCELLED, "已取消", "Cancelled"),
        Code(CHECKED_IN, "已签到", "Checked in"),
        Code(CHECKED_OUT, "已签退", "Checked out"),
        Code(ABSENT, "缺席", "Absent"),
    ],
    {"报名": SIGNED_UP, "签到": CHECKED_IN, "签退": CHECKED_OUT, "取消": CANCELLED},
)

PLANNED = "planned"
DONE = "done"

ACTIVITY_STATES = CodeList(
    "volunteer_activity_state",
    [
        Code(PLANNED, "待开展", "Planned"),
        Code(DONE, "已完成", "Done"),
        Code(CANCELLED, "已取消", "Cancelled"),
    ],
    {"计划": PLANNED, "完成": DONE, "取消": CANCELLED},
)

REQUESTED = "requested"
DISPATCHED = "dispatched"
ACCEPTED = "accepted"

ORDER_STATES = CodeList(
    "service_order_state",
    [
        Code(REQUESTED, "待派单", "Requested"),
        Code(DISPATCHED, "已派单", "Dispatched"),
        Code(ACCEPTED, "已接单", "Accepted"),
        Code(DONE, "已完成", "Done"),
        Code(CANCELLED, "已取消", "Cancelled"),
    ],
    {"点单": REQUESTED, "派单": DISPATCHED, "接单": ACCEPTED, "完成": DONE, "取消": CANCELLED},
)

SERVICE = "service"
ADJUSTMENT = "adjustment"

HOUR_KINDS = CodeList(
    "hour_kind",
    [Code(SERVICE, "服务", "Service"), Code(ADJUSTMENT, "调整", "Adjustment")],
    {"更正": ADJUSTMENT},
)

PENDING = "pending"
CONFIRMED = "confirmed"

HOUR_STATES = CodeList(
    "hour_state",
    [Code(PENDING, "待确认", "Pending"), Code(CONFIRMED, "已确认", "Confirmed")],
)

DUTY_KINDS = CodeList(
    "duty_kind",
    [
        Code("patrol", "治安巡逻", "Security patrol"),
        Code("elderly_visit", "探访老人", "Elderly visits"),
        Code("cleaning", "环境清洁", "Cleaning"),
        Code("civility", "文明劝导", "Civility guidance"),
        Code("duty_desk", "值班值守", "Duty desk"),
        Code("other", "其他", "Other"),
    ],
    {"巡逻": "patrol", "助老": "elderly_visit", "探访": "elderly_visit", "值班": "duty_desk"},
)

# -- skills -----------------------------------------------------------------------------------
# Codes are stable; each office may rename a skill, switch it off or add its own (SkillSettings).
DEFAULT_SKILLS = CodeList(
    "volunteer_skill",
    [
        Code("patrol", "治安巡逻", "Security patrol"),
        Code("elderly_care", "助老服务", "Elderly care"),
        Code("cleaning", "环境清洁", "Cleaning"),
        Code("legal_advice", "法律咨询", "Legal advice"),
        Code("health", "医疗健康", "Health care"),
        Code("tutoring", "文化教育", "Tutoring and culture"),
        Code("counselling", "心理疏导", "Counselling"),
        Code("repairs", "维修", "Repairs"),
        Code("haircut", "理发", "Haircuts"),
        Code("emergency", "应急救援", "Emergency rescue"),
        Code("civility", "文明劝导", "Civility guidance"),
        Code("it_help", "信息技术", "IT help"),
    ],
    {"巡逻": "patrol", "助老": "elderly_care", "清洁": "cleaning", "法律": "legal_advice"},
)

SKILLS_KEY = "volunteer.skills"  # office meta: SkillSettings.to_json()
SKILL_LABEL_MAX = 20
# An office's own skill gets a code like this (custom_1, custom_2, …): stable once given.
_CUSTOM_CODE = re.compile(r"^custom_[1-9]\d{0,3}$")


@dataclass(frozen=True)
class SkillSettings(office_labels.OfficeLabels):
    """The office's skill list: built-in skills (perhaps renamed), its own added skills, and
    the ones switched off (kept for the volunteers who already have them)."""

    builtin = DEFAULT_SKILLS

    def codes(self) -> list[str]:
        """Every skill code: the built-in order, then the office's own in the order added."""
        own = sorted((c for c in self.labels if c not in DEFAULT_SKILLS), key=_custom_order)
        return [c.code for c in DEFAULT_SKILLS] + own

    def all_labels(self) -> dict[str, str]:
        return {code: self.label(code) for code in self.codes()}

    def enabled(self) -> dict[str, str]:
        """The skills offered in the choosers: code -> label, in order."""
        return {code: self.label(code) for code in self.codes() if code not in self.disabled}

    def parse(self, text: str | None) -> str | None:
        """A skill typed by code, by the office's label or by a built-in label or alias."""
        if text is None:
            return None
        wanted = str(text).strip().casefold()
        if not wanted:
            return None
        for code, label in self.labels.items():
            if label.casefold() == wanted or code == wanted:
                return code
        return DEFAULT_SKILLS.parse(text)


def _custom_order(code: str) -> tuple[int, str]:
    tail = code.rpartition("_")[2]
    return (int(tail) if tail.isdigit() else 0, code)


DEFAULT_SKILL_SETTINGS = SkillSettings(labels={}, disabled=frozenset())


def _known(code: str) -> bool:
    return code in DEFAULT_SKILLS or bool(_CUSTOM_CODE.match(code))


def skill_settings_from_json(value: str | None) -> SkillSettings:
    """What the meta row holds; a missing or unreadable value means the built-in list."""
    stored = office_labels.from_json(value, _known)
    if stored is None:
        return DEFAULT_SKILL_SETTINGS
    labels, disabled = stored
    codes = {c.code for c in DEFAULT_SKILLS} | set(labels)
    return SkillSettings(labels=labels, disabled=frozenset(c for c in disabled if c in codes))


def next_custom_code(current: SkillSettings, taken: Iterable[str] = ()) -> str:
    """A code for a skill the office adds, never one already used (custom_1, custom_2, …)."""
    used = {c for c in [*current.labels, *taken] if _CUSTOM_CODE.match(c)}
    n = max((int(c.rpartition("_")[2]) for c in used), default=0) + 1
    return f"custom_{n}"


def check_skill_settings(
    current: SkillSettings, labels: Mapping[str, str], disabled: Sequence[str] | set[str]
) -> tuple[SkillSettings, list[Issue]]:
    """The settings after naming the skills in `labels` (a built-in code renames it, a new
    custom_N code adds one; other skills keep their names) and switching off exactly
    `disabled`; with the problems, each on the skill's code as field.

    A label equal to the built-in Chinese name is the built-in name again (not stored). An
    office's own skill is never removed, only switched off: volunteers may still have it."""
    issues: list[Issue] = []
    merged = {code: current.labels.get(code, DEFAULT_SKILLS.zh(code)) for code in current.codes()}
    for code, label in labels.items():
        if not _known(str(code)):
            issues.append(Issue(str(code), "volunteers.unknown_skill", {"value": code}))
            continue
        text = " ".join(str(label or "").split())
        if not text:
            shown = merged.get(code) or code
            issues.append(Issue(code, "volunteers.skill_label_blank", {"skill": shown}))
        elif len(text) > SKILL_LABEL_MAX:
            issues.append(
                Issue(code, "volunteers.skill_label_long", {"value": text, "max": SKILL_LABEL_MAX})
            )
        else:
            merged[code] = text
    for code in disabled:
        if code not in merged:
            issues.append(Issue(str(code), "volunteers.unknown_skill", {"value": code}))
    seen: dict[str, str] = {}
    bad = {i.field for i in issues}
    for code, text in merged.items():
        key = text.casefold()
        if key in seen and code not in bad:
            # Blame the skill that was just named, so the message sits beside its box.
            blamed = code if code in labels else seen[key]
            issues.append(Issue(blamed, "volunteers.skill_label_taken", {"value": text}))
        seen.setdefault(key, code)
    settings = SkillSettings(
        labels={
            code: text
            for code, text in merged.items()
            if code not in DEFAULT_SKILLS or text != DEFAULT_SKILLS.zh(code)
        },
        disabled=frozenset(c for c in disabled if c in merged),
    )
    return settings, issues


def split_codes(value: str | Iterable[str] | None) -> list[str]:
    """ "patrol, cleaning" or an iterable → ["patrol", "cleaning"]: stripped, no blanks, no
    repeats, order kept."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for part in parts:
        code = str(part).strip()
        if code and code not in out:
            out.append(code)
    return out


def join_codes(codes: Iterable[str]) -> str:
    """The stored form of a code list: "patrol,cleaning"."""
    return ",".join(split_codes(list(codes)))


def missing_skills(wanted: str | Iterable[str], has: str | Iterable[str]) -> list[str]:
    """The wanted skills the volunteer lacks, in the wanted order."""
    own = set(split_codes(has))
    return [code for code in split_codes(wanted) if code not in own]


# -- availability ------------------------------------------------------------------------------
MORNING = "morning"
AFTERNOON = "afternoon"
EVENING = "evening"

AVAILABLE_TIMES = CodeList(
    "volunteer_time",
    [
        Code(MORNING, "上午", "Morning"),
        Code(AFTERNOON, "下午", "Afternoon"),
        Code(EVENING, "晚上", "Evening"),
    ],
    {"早上": MORNING, "中午": AFTERNOON, "晚间": EVENING, "夜间": EVENING},
)

# Each time of day as [start, end) wall-clock hours.
TIME_SPANS: dict[str, tuple[dt.time, dt.time]] = {
    MORNING: (dt.time(8), dt.time(12)),
    AFTERNOON: (dt.time(12), dt.time(18)),
    EVENING: (dt.time(18), dt.time(22)),
}

WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_label(weekday: int) -> str:
    """1 → 周一 (or Mon in English)."""
    names = WEEKDAY_EN if messages.language() == "en" else WEEKDAY_ZH
    return names[weekday - 1]


def parse_days(value: str | Iterable[int | str] | None) -> list[int]:
    """ "135" or [1, 3, 5] → [1, 3, 5]; sorted, without repeats. Raises ValueError on a day
    outside 1–7."""
    if value is None:
        return []
    items = list(value) if not isinstance(value, str) else [c for c in value if not c.isspace()]
    days: set[int] = set()
    for item in items:
        text = str(item).strip()
        if not text.isdigit() or not 1 <= int(text) <= 7:
            raise ValueError(item)
        days.add(int(text))
    return sorted(days)


def list_text(items: Iterable[str]) -> str:
    """Labels joined the way the interface language lists things: 甲、乙 or A, B."""
    return (", " if messages.language() == "en" else "、").join(items)


def days_text(value: str | None) -> str:
    """ "135" → "周一、周三、周五" ("Mon, Wed, Fri"); "" when not stated."""
    try:
        days = parse_days(value)
    except ValueError:
        return value or ""
    return list_text(weekday_label(d) for d in days)


def time_of_day(at: dt.time) -> str | None:
    """The time of day a wall-clock time falls in; None before 08:00 or from 22:00."""
    for code, (start, end) in TIME_SPANS.items():
        if start <= at < end:
            return code
    return None


def times_of_span(start: dt.time, end: dt.time) -> list[str]:
    """The times of day a [start, end) span touches: 11:00–14:00 → morning, afternoon."""
    return [code for code, (s, e) in TIME_SPANS.items() if start < e and s < end]


def is_available(
    available_days: str | None,
    available_times: str | None,
    *,
    weekday: int | None = None,
    time_code: str | None = None,
) -> bool | None:
    """Whether a volunteer who stated these days and times can come on `weekday` (1–7) at
    `time_code` (morning…); None when they stated nothing that answers it (unknown, not no).
    A part not asked about (None) is not checked."""
    answered = False
    if weekday is not None and available_days:
        try:
            days = parse_days(available_days)
        except ValueError:
            days = []
        if days:
            answered = True
            if weekday not in days:
                return False
    if time_code and available_times:
        times = split_codes(available_times)
        if times:
            answered = True
            if time_code not in times:
                return False
    return True if answered else None


# -- clashes ----------------------------------------------------------------------------------
class Slot(NamedTuple):
    """An activity's place in time: a day and a [start, end) wall-clock span."""

    day: dt.date
    start: dt.time
    end: dt.time


def slot_of(item: Any) -> Slot:
    """A Slot from a Slot, a (day, start, end) tuple or a record with held_on, start_time and
    end_time (a VolunteerActivity)."""
    if isinstance(item, Slot):
        return item
    if isinstance(item, tuple):
        return Slot(*item)
    return Slot(item.held_on, item.start_time, item.end_time)


def clashes(a: Any, b: Any) -> bool:
    """Same day and overlapping [start, end) times; one ending as the other starts is fine."""
    x, y = slot_of(a), slot_of(b)
    return x.day == y.day and x.start < y.end and y.start < x.end


# -- hours and star levels --------------------------------------------------------------------
STAR_HOURS = (100, 300, 600, 1000, 1500)
MAX_STARS = len(STAR_HOURS)
STAR = "★"
EMPTY_STAR = "☆"


def star_level(minutes: int | None) -> int:
    """0–5 from confirmed minutes: exactly 100 h is ★, 99 h 59 min is none."""
    total = minutes or 0
    return sum(1 for hours in STAR_HOURS if total >= hours * 60)


def next_star(minutes: int | None) -> tuple[int, int] | None:
    """(the next level, minutes still needed), or None at ★★★★★."""
    level = star_level(minutes)
    if level >= MAX_STARS:
        return None
    return level + 1, STAR_HOURS[level] * 60 - (minutes or 0)


def stars_text(level: int, *, full: bool = True) -> str:
    """2 → "★★☆☆☆" (full) or "★★"; level 0 → "☆☆☆☆☆" or ""."""
    level = max(0, min(MAX_STARS, int(level)))
    return STAR * level + (EMPTY_STAR * (MAX_STARS - level) if full else "")


def hours_number(minutes: int | None) -> str:
    """Minutes as hours with at most one decimal, cut (not rounded) toward zero so a total
    never shows more than was served: 750 → "12.5", 720 → "12", 5999 → "99.9", -30 → "-0.5"."""
    total = minutes or 0
    sign = "-" if total < 0 else ""
    tenths = abs(total) // 6  # 6 minutes = 0.1 h
    whole, tenth = divmod(tenths, 10)
    if sign and tenths == 0:
        sign = ""
    return f"{sign}{whole}" + (f".{tenth}" if tenth else "")


def format_hours(minutes: int | None) -> str:
    """750 → "12.5 小时" ("12.5 h" in English)."""
    unit = "h" if messages.language() == "en" else "小时"
    return f"{hours_number(minutes)} {unit}"


def format_minutes(minutes: int | None) -> str:
    """Exact duration: 150 → "2小时30分" ("2 h 30 min"), 45 → "45分", -90 → "-1小时30分"."""
    total = minutes or 0
    sign = "-" if total < 0 else ""
    h, m = divmod(abs(total), 60)
    if messages.language() == "en":
        parts = ([f"{h} h"] if h else []) + ([f"{m} min"] if m or not h else [])
        return sign + " ".join(parts)
    return sign + (f"{h}小时" if h else "") + (f"{m}分" if m or not h else "")


_HM = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d)$")
_ZH = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*(?:小时|个小时|h|hr|hrs|hours?))?\s*"
    r"(?:(?P<m>\d+)\s*(?:分钟|分|m|min|mins|minutes?))?$",
    re.IGNORECASE,
)


def parse_hours(text: str | None) -> int | None:
    """Minutes from what a clerk types: "2.5" or "2.5小时" (hours), "2:30", "90分钟",
    "1小时30分", "-1.5" (an adjustment); None when it cannot be read. Hours are rounded to
    the nearest whole minute."""
    raw = "".join(str(text or "").split())
    if not raw:
        return None
    sign = 1
    if raw[0] in "-−":
        sign, raw = -1, raw[1:]
    elif raw[0] == "+":
        raw = raw[1:]
    if not raw:
        return None
    try:
        return sign * round(float(raw) * 60)
    except ValueError:
        pass
    m = _HM.match(raw)
    if m:
        return sign * (int(m["h"]) * 60 + int(m["m"]))
    m = _ZH.match(raw)
    if m and (m["h"] or m["m"]):
        hours = float(m["h"]) if m["h"] else 0.0
        return sign * (round(hours * 60) + (int(m["m"]) if m["m"] else 0))
    return None


# -- numbers ----------------------------------------------------------------------------------
NUMBER_KEY = "volunteer.number"  # office meta counter behind V0001, V0002, …


def volunteer_number(n: int) -> str:
    """1 → V0001; past 9999 the number simply grows (V10000)."""
    return f"V{n:04d}"


messages.register(
    {
        "volunteers.name_required": ("志愿者姓名不能为空", "A volunteer's name is required"),
        "volunteers.no_volunteer": ("找不到该志愿者", "That volunteer does not exist"),
        "volunteers.no_resident": ("找不到该居民", "That resident does not exist"),
        "volunteers.resident_taken": (
            "{name}已登记为志愿者（{number}）",
            "{name} is already registered as a volunteer ({number})",
        ),
        "volunteers.id_taken": (
            "该身份证号已登记为志愿者：{name}（{number}）",
            "This ID number is already registered as a volunteer: {name} ({number})",
        ),
        "volunteers.id_is_resident": (
            "该身份证号属于本社区居民{name}，请从居民中选择",
            "This ID number belongs to the resident {name}: pick them from the register",
        ),
        "volunteers.unknown_status": (
            "“{value}”不是有效的志愿者状态",
            "'{value}' is not a volunteer status",
        ),
        "volunteers.same_status": ("志愿者已是“{status}”状态", "The volunteer is already {status}"),
        "volunteers.left_before_joined": (
            "退出日期不能早于加入日期{joined}",
            "The day they left cannot be before the day they joined ({joined})",
        ),
        "volunteers.unknown_skill": ("“{value}”不是有效的技能", "'{value}' is not a skill"),
        "volunteers.skill_disabled": (
            "技能“{skill}”已停用",
            "The skill '{skill}' is switched off",
        ),
        "volunteers.skill_label_blank": (
            "技能“{skill}”的名称不能为空",
            "The name of the skill '{skill}' cannot be blank",
        ),
        "volunteers.skill_label_long": (
            "技能名称“{value}”太长，最多{max}个字",
            "The skill name '{value}' is too long: at most {max} characters",
        ),
        "volunteers.skill_label_taken": (
            "技能名称“{value}”与另一项技能重复",
            "Another skill is already called '{value}'",
        ),
        "volunteers.bad_days": (
            "可服务日期“{value}”应为1至7的数字（1=周一）",
            "Available days '{value}' must be digits 1 to 7 (1 = Monday)",
        ),
        "volunteers.bad_time": (
            "“{value}”不是有效的服务时段（上午、下午、晚上）",
            "'{value}' is not a time of day (morning, afternoon, evening)",
        ),
        "volunteers.bad_hours": ("无法识别的时长：{value}", "Unrecognised duration: {value}"),
        "volunteers.no_grid": ("找不到该网格", "That grid does not exist"),
        "volunteers.text_long": (
            "{field}太长，最多{max}个字",
            "{field} is too long: at most {max} characters",
        ),
        "volunteers.team_name_required": ("队伍名称不能为空", "A team's name is required"),
        "volunteers.team_name_taken": (
            "已有名为“{name}”的队伍",
            "A team called '{name}' already exists",
        ),
        "volunteers.no_team": ("找不到该队伍", "That team does not exist"),
        "volunteers.team_dissolved": (
            "队伍“{name}”已于{on}解散",
            "The team '{name}' was dissolved on {on}",
        ),
        "volunteers.already_member": (
            "{name}已是该队伍成员",
            "{name} is already a member of this team",
        ),
        "volunteers.not_member": ("{name}不是该队伍成员", "{name} is not a member of this team"),
        "volunteers.leader_not_member": (
            "队长必须是该队伍的成员",
            "The leader must be a member of the team",
        ),
        "volunteers.date_before": (
            "日期不能早于{start}",
            "The date cannot be before {start}",
        ),
        "volunteers.not_active": (
            "志愿者{name}当前为“{status}”状态",
            "The volunteer {name} is {status}",
        ),
        "volunteers.clash": (
            "与{title}（{day} {start}–{end}）时间冲突",
            "Clashes with {title} ({day} {start}–{end})",
        ),
        "volunteers.missing_skill": (
            "缺少活动所需技能：{skills}",
            "Lacks the skills the activity wants: {skills}",
        ),
        "volunteers.full": (
            "报名人数已满（需要{headcount}人）",
            "The activity already has the {headcount} volunteers it needs",
        ),
        "volunteers.end_before_start": (
            "结束时间应晚于开始时间",
            "The end time must be after the start time",
        ),
    }
)
