"""People's mediation (人民调解): code lists, the case life cycle, case numbers and deadlines.

Deadlines: `case_deadlines(...)` is pure and takes the handling period in `months`. The
office's period is a setting (services.mediation.handling_months); the service
`deadlines(source, case, today)` reads it, and a list of many cases reads it once with
`handling_months(db)` and passes it to `case_deadlines`. A deadline warns (`warn`) from
WARN_DAYS days before it is due and is `overdue` once passed. The 司法确认 clock (30 days from
a written agreement) stops once `confirmation_applied_on` is set.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from govdesk.domain.codes import Code, CodeList

# Offices extend this list in settings later (DOMAIN.md: keep it configurable); codes are stable.
DISPUTE_TYPES = CodeList(
    "mediation_dispute_type",
    [
        Code("marriage_family", "婚姻家庭", "Marriage and family"),
        Code("neighbour", "邻里", "Neighbours"),
        Code("house_land", "房屋宅基地", "Houses and homesteads"),
        Code("contract", "合同", "Contracts"),
        Code("business", "生产经营", "Production and business"),
        Code("damages", "损害赔偿", "Damages"),
        Code("labour", "劳动争议", "Labour (wage arrears too)"),
        Code("land_contract", "土地承包", "Land contracting"),
        Code("requisition", "征地拆迁", "Land requisition and demolition"),
        Code("pollution", "环境污染", "Environmental pollution"),
        Code("property_management", "物业", "Property management"),
        Code("traffic", "交通事故", "Traffic accidents"),
        Code("medical", "医疗", "Medical"),
        Code("other", "其他", "Other"),
    ],
    {"邻里纠纷": "neighbour", "婚姻家庭纠纷": "marriage_family", "拖欠工资": "labour"},
)

CASE_SOURCES = CodeList(
    "mediation_source",
    [
        Code("application", "当事人申请", "A party applied"),
        Code("own_initiative", "主动调解", "Committee's own initiative"),
        Code("police", "公安移交", "Police referral"),
        Code("court", "法院委托", "Court referral"),
        Code("procuratorate", "检察院", "Procuratorate referral"),
        Code("petition", "信访", "Petitions office"),
        Code("government", "政府指定", "Assigned by the government"),
        Code("grid_event", "网格事件", "Grid event"),
    ],
)

RISK_GRADES = CodeList(
    "mediation_risk",
    [
        Code("ordinary", "一般", "Ordinary"),
        Code("serious", "较大", "Serious"),
        Code("major", "重大", "Major"),
    ],
)

PARTY_ROLES = CodeList(
    "mediation_party_role",
    [Code("applicant", "申请人", "Applicant"), Code("respondent", "被申请人", "Respondent")],
    {"当事人": "applicant"},
)

AGREEMENT_KINDS = CodeList(
    "mediation_agreement",
    [Code("written", "书面协议", "Written agreement"), Code("oral", "口头协议", "Oral agreement")],
)

SESSION_KINDS = CodeList(
    "mediation_session",
    [Code("investigation", "调查", "Investigation"), Code("mediation", "调解", "Mediation")],
)

SATISFACTION = CodeList(
    "mediation_satisfaction",
    [
        Code("satisfied", "满意", "Satisfied"),
        Code("fairly", "基本满意", "Fairly satisfied"),
        Code("dissatisfied", "不满意", "Dissatisfied"),
    ],
)


class CaseState(StrEnum):
    REGISTERED = "registered"  # 登记
    ACCEPTED = "accepted"  # 受理
    DECLINED = "declined"  # 不予受理
    INVESTIGATING = "investigating"  # 调查
    MEDIATING = "mediating"  # 调解
    SETTLED = "settled"  # 调解成功
    FAILED = "failed"  # 调解不成
    TERMINATED = "terminated"  # 终止
    PERFORMING = "performing"  # 履行
    ARCHIVED = "archived"  # 归档


S = CaseState

CASE_STATES = CodeList(
    "mediation_state",
    [
        Code(S.REGISTERED, "已登记", "Registered"),
        Code(S.ACCEPTED, "已受理", "Accepted"),
        Code(S.DECLINED, "不予受理", "Declined"),
        Code(S.INVESTIGATING, "调查中", "Investigating"),
        Code(S.MEDIATING, "调解中", "Mediating"),
        Code(S.SETTLED, "调解成功", "Settled"),
        Code(S.FAILED, "调解不成", "Failed"),
        Code(S.TERMINATED, "终止", "Terminated"),
        Code(S.PERFORMING, "履行中", "Performing"),
        Code(S.ARCHIVED, "已归档", "Archived"),
    ],
)

# The one table of the life cycle (DOMAIN.md). A further session while mediating keeps the
# state, hence MEDIATING -> MEDIATING. Follow-up visits are records, not a state.
TRANSITIONS: dict[CaseState, frozenset[CaseState]] = {
    S.REGISTERED: frozenset({S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.INVESTIGATING, S.MEDIATING, S.TERMINATED}),
    S.INVESTIGATING: frozenset({S.INVESTIGATING, S.MEDIATING, S.TERMINATED}),
    S.MEDIATING: frozenset({S.MEDIATING, S.SETTLED, S.FAILED, S.TERMINATED}),
    S.SETTLED: frozenset({S.PERFORMING, S.ARCHIVED}),
    S.PERFORMING: frozenset({S.ARCHIVED}),
    S.FAILED: frozenset({S.ARCHIVED}),
    S.TERMINATED: frozenset({S.ARCHIVED}),
    S.DECLINED: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset(),
}

# States in which the one-month handling deadline still runs.
OPEN_STATES = frozenset({S.ACCEPTED, S.INVESTIGATING, S.MEDIATING})
# States in which a follow-up visit may be recorded.
FOLLOW_UP_STATES = frozenset({S.SETTLED, S.PERFORMING})


def can_move(current: str, target: str) -> bool:
    try:
        return CaseState(target) in TRANSITIONS[CaseState(current)]
    except ValueError:
        return False


# -- case numbers ---------------------------------------------------------------------------


def format_case_number(year: int, seq: int, prefix: str = "") -> str:
    """（2026）X人调字第12号; `prefix` is the office's short name (the X), may be empty."""
    return f"（{year}）{prefix}人调字第{seq}号"


def seq_meta_key(year: int) -> str:
    """The meta key of the year's number counter: numbers are never reused."""
    return f"mediation_seq:{year}"


# -- deadlines --------------------------------------------------------------------------------

HANDLING_MONTHS = 1  # 《人民调解工作若干规定》: settled within one month of acceptance
CONFIRMATION_DAYS = 30  # 人民调解法 art. 33: 司法确认 applied for within 30 days
WARN_DAYS = 3  # the list highlights cases due within 3 days (and overdue ones)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (1-31 → 2-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def handling_due(accepted_on: dt.date, months: int = HANDLING_MONTHS) -> dt.date:
    return add_months(accepted_on, months)


def confirmation_due(agreement_on: dt.date, days: int = CONFIRMATION_DAYS) -> dt.date:
    return agreement_on + dt.timedelta(days=days)


class DeadlineKind(StrEnum):
    HANDLING = "handling"  # 调解期限
    CONFIRMATION = "confirmation"  # 司法确认申请期限


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: dt.date
    days_left: int  # negative once passed
    warn: bool  # within the warning window or passed

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def deadline(
    kind: DeadlineKind, due: dt.date, today: dt.date, warn_days: int = WARN_DAYS
) -> Deadline:
    left = (due - today).days
    return Deadline(kind, due, left, left <= warn_days)


def case_deadlines(
    state: str,
    accepted_on: dt.date | None,
    agreement_on: dt.date | None,
    agreement_kind: str | None,
    today: dt.date,
    *,
    months: int = HANDLING_MONTHS,
    days: int = CONFIRMATION_DAYS,
    warn_days: int = WARN_DAYS,
    confirmation_applied_on: dt.date | None = None,
) -> list[Deadline]:
    """The deadlines that still run for a case in `state` on `today`, nearest first."""
    out: list[Deadline] = []
    if state in OPEN_STATES and accepted_on is not None:
        out.append(
            deadline(DeadlineKind.HANDLING, handling_due(accepted_on, months), today, warn_days)
        )
    # Court confirmation needs a written agreement; it runs while the case is not archived.
    # Once the parties have applied, the court's timetable takes over: the clock stops.
    if (
        state in FOLLOW_UP_STATES
        and agreement_on is not None
        and agreement_kind == "written"
        and confirmation_applied_on is None
    ):
        due = confirmation_due(agreement_on, days)
        out.append(deadline(DeadlineKind.CONFIRMATION, due, today, warn_days))
    out.sort(key=lambda d: d.due)
    return out


def nearest_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline due first, or None when none runs."""
    return min(deadlines, key=lambda d: d.due, default=None)


# -- statements ---------------------------------------------------------------------------------

# A session's statements are kept as one text: each block opens with 【speaker】 on its own line,
# so a clerk who types freely (no marker) still gets one block, and the forms can head each
# party's words with their name.
_SPEAKER_OPEN, _SPEAKER_CLOSE = "【", "】"


def join_statements(blocks: list[tuple[str, str]]) -> str:
    """One text from (speaker, words) pairs; empty words are dropped."""
    out = []
    for speaker, words in blocks:
        words = words.strip()
        if not words:
            continue
        head = f"{_SPEAKER_OPEN}{speaker.strip()}{_SPEAKER_CLOSE}\n" if speaker.strip() else ""
        out.append(head + words)
    return "\n\n".join(out)


def split_statements(text: str) -> list[tuple[str, str]]:
    """(speaker, words) pairs back from `join_statements`; text without markers is one block
    with an empty speaker."""
    blocks: list[tuple[str, list[str]]] = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if (
            stripped.startswith(_SPEAKER_OPEN)
            and stripped.endswith(_SPEAKER_CLOSE)
            and len(stripped) > 2
        ):
            blocks.append((stripped[1:-1].strip(), []))
            continue
        if not blocks:
            blocks.append(("", []))
        blocks[-1][1].append(line)
    return [(s, "\n".join(lines).strip()) for s, lines in blocks if "\n".join(lines).strip()]


# -- attachments and the 卷宗 -------------------------------------------------------------------

ATTACHMENT_KINDS = CodeList(
    "mediation_attachment",
    [
        Code("application", "申请书/受理登记表", "Application or acceptance register"),
        Code("notice", "权利义务告知书", "Notice of rights and duties"),
        Code("id_proof", "当事人身份证明", "Parties' proof of identity"),
        Code("proxy", "授权委托书", "Power of attorney"),
        Code("investigation", "调查记录", "Investigation record"),
        Code("evidence", "证据材料", "Evidence"),
        Code("session", "调解记录", "Mediation record"),
        Code("agreement", "协议书/口头协议登记表", "Agreement or oral-agreement register"),
        Code("performance_proof", "履行凭证", "Proof of performance"),
        Code("follow_up", "回访记录", "Follow-up record"),
        Code("confirmation", "司法确认材料", "Court confirmation papers"),
        Code("file_note", "卷宗情况说明", "Note on the case file"),
        Code("photo", "照片", "Photo"),
        Code("other", "其他", "Other"),
    ],
    {"申请书": "application", "受理登记表": "application", "协议书": "agreement"},
)


class Requirement(StrEnum):
    """When a 卷宗 document belongs in the file (the "in every file?" column of DOMAIN.md)."""

    REQUIRED = "required"
    WHEN_INVESTIGATED = "when_investigated"
    WHEN_PROXY = "when_proxy"
    WHEN_ANY = "when_any"
    WHEN_SETTLED = "when_settled"
    WHEN_VISITED = "when_visited"
    WHEN_NEEDED = "when_needed"


REQUIREMENTS = CodeList(
    "mediation_requirement",
    [
        Code(Requirement.REQUIRED, "必备", "Required"),
        Code(Requirement.WHEN_INVESTIGATED, "有调查时", "When investigated"),
        Code(Requirement.WHEN_PROXY, "有代理人时", "When a proxy acts"),
        Code(Requirement.WHEN_ANY, "有则附", "When any"),
        Code(Requirement.WHEN_SETTLED, "调解成功时", "When settled"),
        Code(Requirement.WHEN_VISITED, "有回访时", "When visited"),
        Code(Requirement.WHEN_NEEDED, "需要时", "When needed"),
    ],
)


@dataclass(frozen=True)
class CaseFileDocument:
    """One row of the 卷宗 table: `kinds` are the attachment kinds that are this document
    (a signed scan); `forms` the printable form keys govdesk makes it from (forms package),
    the first one being the usual one."""

    number: int
    title: str
    requirement: Requirement
    kinds: tuple[str, ...]
    forms: tuple[str, ...] = ()

    @property
    def form(self) -> str | None:
        return self.forms[0] if self.forms else None


R = Requirement

# DOMAIN.md's 卷宗 table, in the order the documents are bound.
CASE_FILE_DOCUMENTS: tuple[CaseFileDocument, ...] = (
    CaseFileDocument(
        1,
        "人民调解申请书/人民调解受理登记表",
        R.REQUIRED,
        ("application",),
        ("application", "registration"),
    ),
    CaseFileDocument(2, "当事人权利义务告知书", R.REQUIRED, ("notice",), ("notice",)),
    CaseFileDocument(3, "当事人身份证明", R.REQUIRED, ("id_proof",)),
    CaseFileDocument(4, "授权委托书", R.WHEN_PROXY, ("proxy",)),
    CaseFileDocument(
        5, "人民调解调查记录", R.WHEN_INVESTIGATED, ("investigation",), ("investigation",)
    ),
    CaseFileDocument(6, "证据材料", R.WHEN_ANY, ("evidence", "photo")),
    CaseFileDocument(7, "人民调解记录", R.REQUIRED, ("session",), ("session",)),
    CaseFileDocument(
        8,
        "人民调解协议书/口头协议登记表",
        R.WHEN_SETTLED,
        ("agreement",),
        ("agreement", "oral-agreement"),
    ),
    CaseFileDocument(9, "履行凭证", R.WHEN_ANY, ("performance_proof",)),
    CaseFileDocument(10, "人民调解回访记录", R.WHEN_VISITED, ("follow_up",), ("follow-up",)),
    CaseFileDocument(11, "司法确认材料", R.WHEN_ANY, ("confirmation",)),
    CaseFileDocument(12, "卷宗情况说明", R.WHEN_NEEDED, ("file_note",)),
    CaseFileDocument(13, "封底", R.REQUIRED, (), ("back-cover",)),
)


# -- screening rounds (排查) ---------------------------------------------------------------------

SCREENING_ROUNDS = CodeList(
    "mediation_screening_round",
    [
        Code("weekly", "每周", "Weekly"),
        Code("ten_day", "每旬", "Ten-day"),
        Code("monthly", "每月", "Monthly"),
    ],
    {"周": "weekly", "旬": "ten_day", "月": "monthly", "周排查": "weekly", "月排查": "monthly"},
)


def screening_period(round: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the round that holds `day`: a Monday-to-Sunday week, a 旬 (1–10, 11–20,
    21–month end) or a calendar month; both ends included."""
    if round == "weekly":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    if round == "ten_day":
        if day.day <= 10:
            return day.replace(day=1), day.replace(day=10)
        if day.day <= 20:
            return day.replace(day=11), day.replace(day=20)
        return day.replace(day=21), day.replace(day=last)
    if round == "monthly":
        return day.replace(day=1), day.replace(day=last)
    raise ValueError(f"unknown screening round {round!r}")


def screening_periods(round: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every period of the round that overlaps start..end (both included), in order."""
    out: list[tuple[dt.date, dt.date]] = []
    day = start
    while day <= end:
        period = screening_period(round, day)
        out.append(period)
        day = period[1] + dt.timedelta(days=1)
    return out
