"""What the mediation forms print: a case's plain data, independent of the database models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

APPLICANT = "申请人"
RESPONDENT = "被申请人"


@dataclass
class PartyData:
    """One party as printed; every value is already the Chinese text to show (性别 男, 民族 汉族)."""

    name: str
    role: str = APPLICANT  # 申请人 or 被申请人
    sex: str = ""
    ethnicity: str = ""
    age: int | None = None
    occupation: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class StatementData:
    """What one person said at a mediation session, recorded as one block of text."""

    speaker: str  # e.g. 申请人王建国
    text: str


@dataclass
class ContentsEntry:
    """One line of the contents list of a case file: a document and the page it starts on."""

    title: str
    page: int | None = None
    pages: int | None = None  # how many pages it has


@dataclass
class MediationCaseData:
    """One case's printable data; forms print an empty ruled box for anything left blank."""

    committee_name: str  # e.g. 幸福社区人民调解委员会
    case_number: str  # e.g. （2026）X人调字第12号; empty before acceptance
    # What the QR code carries when it is not the case number (a case not yet numbered is
    # known by its record id, so a signed application can still be matched back to it).
    qr_value: str = ""
    parties: list[PartyData] = field(default_factory=list)
    dispute_type: str = ""
    source: str = ""
    summary: str = ""  # 纠纷简要情况
    agreement_facts: str = ""  # 纠纷主要事实、争议事项及各方责任; the summary when empty
    request: str = ""  # 申请事项
    applied_on: dt.date | None = None
    registered_on: dt.date | None = None
    accepted_on: dt.date | None = None
    registrar: str = ""  # 登记人
    mediators: list[str] = field(default_factory=list)
    recorder: str = ""
    # One mediation session (调解记录).
    session_date: dt.date | None = None
    session_time: dt.time | None = None  # printed after the date when known
    session_place: str = ""
    session_cause: str = ""  # 事由
    participants: list[str] = field(default_factory=list)  # 参加人 besides the parties
    rights_explained: str = ""  # 告知当事人的权利义务
    statements: list[StatementData] = field(default_factory=list)
    facts: str = ""  # 查明的事实
    result: str = ""  # the agreement reached, or why mediation failed
    # One investigation (调查记录).
    investigated_on: dt.date | None = None
    investigation_time: dt.time | None = None
    investigation_place: str = ""
    investigators: list[str] = field(default_factory=list)  # 调查人
    interviewee: str = ""  # 被调查人
    investigation: str = ""  # what was asked and answered
    # The agreement (协议书).
    agreement_terms: list[str] = field(default_factory=list)
    performance_manner: str = ""
    performance_place: str = ""
    performance_deadline: str = ""  # free text: a date, or 协议生效之日起十日内
    agreement_date: dt.date | None = None
    copies: int | None = None  # None: one per party plus one for the committee
    # The follow-up visit (回访记录).
    agreement_number: str = ""  # 协议编号; the case number when left empty
    visit_reason: str = ""  # 回访事由
    performance_status: str = ""  # 履行情况
    satisfaction: str = ""  # 当事人满意度, e.g. 满意 / 基本满意 / 不满意
    visitor: str = ""  # 回访人
    visited_on: dt.date | None = None
    # The case file (卷宗): cover, contents list, back cover.
    file_title: str = ""  # 卷名; built from the parties and the dispute type when empty
    volume: str = ""  # 卷号; the case number when empty
    started_on: dt.date | None = None  # 调解起止日期
    ended_on: dt.date | None = None
    filed_by: str = ""  # 立卷人
    filed_on: dt.date | None = None
    retention: str = ""  # 保管期限, e.g. 长期
    checked_by: str = ""  # 检查人
    file_notes: str = ""  # 卷宗情况说明, printed on the back cover
    total_pages: int | None = None  # of the bound file, cover and back cover included
    contents: list[ContentsEntry] = field(default_factory=list)

    @property
    def qr_payload(self) -> str:
        return self.qr_value or self.case_number

    @property
    def copy_count(self) -> int:
        return self.copies if self.copies is not None else len(self.parties) + 1

    @property
    def default_file_title(self) -> str:
        """卷名 as usually written: 王某某与李某某邻里纠纷."""
        if self.file_title:
            return self.file_title
        sides = [
            "、".join(p.name for p in self.parties if p.role == r) for r in (APPLICANT, RESPONDENT)
        ]
        names = "与".join(n for n in sides if n)
        return f"{names}{self.dispute_type}纠纷" if names else ""

    def parties_in(self, role: str) -> list[PartyData]:
        return [p for p in self.parties if p.role == role]
