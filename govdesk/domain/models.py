"""SQLModel tables of govdesk, following the record conventions of ARCHITECTURE.md."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Index, Table, text
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    # Always UTC; the interface converts to local time on display.
    return dt.datetime.now(dt.UTC)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, for bulk inserts (typed, unlike `Model.__table__`)."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


class RecordBase(SQLModel):
    """Provenance every exchanged record carries: who made it, when, and which version."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    office_id: str = Field(max_length=36, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    # (version_instance, version) is the record's version: the counter of the database
    # instance that wrote it, bumped in the same transaction as the change.
    version: int = Field(default=0)
    version_instance: str = Field(default="", max_length=36)


class Meta(SQLModel, table=True):
    """Key/value facts about this database file (instance id, counters); not exchanged."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class Office(RecordBase, table=True):
    __tablename__ = "office"
    name: str
    division_code: str = Field(max_length=12, index=True)
    kind: str = Field(default="community")  # codes.OFFICE_KIND


class CareCategory(RecordBase, table=True):
    """A special-care or key-group category (重点人群/关爱对象); the township may update the list."""

    __tablename__ = "care_category"
    code: str = Field(unique=True)
    name_zh: str
    name_en: str = ""
    sensitive: bool = False
    active: bool = True
    sort_order: int = 0


class HouseholdFields(SQLModel):
    household_number: str = Field(max_length=40)
    household_type: str = Field(default="family")  # codes.HOUSEHOLD_TYPE
    address: str = ""


class Household(HouseholdFields, RecordBase, table=True):
    """户: exactly one head among the members on the register."""

    __tablename__ = "household"
    __table_args__ = (Index("ix_household_number", "household_number", unique=True),)
    status: str = Field(default="active")  # active / closed (never deleted)


class PersonFields(SQLModel):
    """The fields a clerk types for one person (DOMAIN.md, 实有人口)."""

    name: str = Field(max_length=60)
    sex: str | None = None  # codes.SEX
    ethnicity: str | None = None  # codes.ETHNICITY (GB 3304 number)
    id_number: str | None = Field(default=None, max_length=18)
    birth_date: dt.date | None = None
    phone: str | None = None
    political_status: str | None = None
    education: str | None = None
    marital_status: str | None = None
    occupation: str | None = None
    registered_address: str | None = None
    current_address: str | None = None
    person_type: str = "registered"  # codes.PERSON_TYPE
    # floating population (流动人口)
    residence_permit_no: str | None = None
    arrival_date: dt.date | None = None
    arrival_reason: str | None = None
    landlord: str | None = None
    # foreigners (境外人员)
    nationality: str | None = None
    passport_no: str | None = None
    relation_to_head: str | None = None  # codes.RELATION
    notes: str | None = None


class Resident(PersonFields, RecordBase, table=True):
    __tablename__ = "resident"
    __table_args__ = (
        Index("ix_resident_id_number", "id_number", unique=True),
        # Search indexes carry status and the name's sort key, so that a search reads the
        # index alone and never the table rows (store/resident_search.py).
        Index("ix_resident_pinyin", "name_pinyin", "status"),
        Index("ix_resident_name", "name", "status", "name_pinyin"),
        Index("ix_resident_initials", "name_initials", "status", "name_pinyin"),
        Index("ix_resident_id_cover", "id_number", "status", "name_pinyin"),
        Index("ix_resident_id_rev", "id_number_rev", "status", "name_pinyin"),
        Index("ix_resident_phone", "phone", "status", "name_pinyin"),
        Index("ix_resident_phone_rev", "phone_rev", "status", "name_pinyin"),
        Index("ix_resident_household", "household_id"),
        Index("ix_resident_birth", "birth_date"),
        Index("ix_resident_updated", "updated_at"),
        # The database itself refuses a second head among a household's members.
        Index(
            "ux_resident_one_head",
            "household_id",
            unique=True,
            sqlite_where=text("relation_to_head = 'head' AND status = 'on_register'"),
        ),
    )
    household_id: str | None = Field(default=None, foreign_key="household.id")
    status: str = Field(default="on_register")  # codes.RESIDENT_STATUS
    status_date: dt.date | None = None
    status_reason: str | None = None
    id_converted: bool = False  # converted from a 15-digit number
    # Search keys kept beside the record so that every search is an index range scan.
    name_pinyin: str = ""
    name_initials: str = ""
    id_number_rev: str | None = None
    phone_rev: str | None = None


class ResidentStatusChange(RecordBase, table=True):
    """One status change (迁出/死亡/注销/恢复) with its date and reason; the history of a record."""

    __tablename__ = "resident_status_change"
    resident_id: str = Field(foreign_key="resident.id", index=True)
    old_status: str
    new_status: str
    date: dt.date
    reason: str


class ResidentCare(RecordBase, table=True):
    """A resident's membership of a care category, with dates so history is kept."""

    __tablename__ = "resident_care"
    resident_id: str = Field(foreign_key="resident.id", index=True)
    category_code: str = Field(index=True)
    grade: str | None = None  # disability grade, risk grade 0-5, ...
    since: dt.date | None = None
    until: dt.date | None = None
    note: str | None = None
    active: bool = True


class UserAccount(SQLModel, table=True):
    """One person who signs in on this office PC; never exchanged, never deleted (deactivated)."""

    __tablename__ = "user_account"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    username: str = Field(max_length=40, unique=True)
    display_name: str = ""
    role: str  # permissions.Role
    password_hash: str  # Argon2id, as argon2-cffi encodes it
    active: bool = True
    must_change_password: bool = False
    failed_attempts: int = 0
    last_failed_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None
    last_login_at: dt.datetime | None = None
    password_changed_at: dt.datetime = Field(default_factory=utcnow)
    created_at: dt.datetime = Field(default_factory=utcnow)


class AuditEntry(SQLModel, table=True):
    """One line of the append-only, hash-chained audit trail (store/audit_log.py)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_user", "username", "seq"),
        Index("ix_audit_action", "action", "seq"),
        Index("ix_audit_record", "record_id", "seq"),
        Index("ix_audit_at", "at"),
    )
    seq: int | None = Field(default=None, primary_key=True)
    # Text, not a datetime: the hash is taken over exactly these characters.
    at: str  # ISO 8601, UTC, microseconds
    username: str
    action: str  # domain.audit.AuditAction
    record_type: str | None = None
    record_id: str | None = None
    detail: str = "{}"  # JSON with sorted keys
    prev_hash: str
    hash: str = Field(unique=True)


class MediationCase(RecordBase, table=True):
    """人民调解案件: one dispute from registration to the archived case file (domain.mediation)."""

    __tablename__ = "mediation_case"
    __table_args__ = (
        # A number is allocated once (meta counter per year) and never given twice.
        Index("ux_mediation_case_number", "office_id", "year", "seq", unique=True),
        Index("ix_mediation_case_state", "state", "accepted_on"),
    )
    year: int | None = None  # the year of acceptance; None until accepted
    seq: int | None = None
    number: str | None = None  # （2026）X人调字第12号
    dispute_type: str  # mediation.DISPUTE_TYPES
    source: str  # mediation.CASE_SOURCES
    risk: str = "ordinary"  # mediation.RISK_GRADES
    summary: str = ""  # 纠纷简要情况
    request: str = ""  # 申请事项
    state: str = "registered"  # mediation.CaseState
    registered_on: dt.date
    registered_by: str = ""  # 登记人
    # The parties' names joined by 、, kept with the case so the list shows and searches them
    # without a join (20,000 cases filter in one indexed pass).
    party_names: str = ""
    applied_on: dt.date | None = None  # 申请日期, on the 申请书; None when not applied for
    # What the case came from, e.g. the id of a grid event (source grid_event).
    source_ref: str | None = None
    accepted_on: dt.date | None = None
    declined_reason: str | None = None
    mediators: str = ""  # 调解员
    closed_on: dt.date | None = None  # settled, failed or terminated
    # How the case ended (settled, failed, terminated, declined); kept after archiving, when
    # the state only says archived.
    outcome: str | None = None
    outcome_reason: str | None = None  # why it failed or was terminated
    agreement_kind: str | None = None  # mediation.AGREEMENT_KINDS
    agreement_on: dt.date | None = None
    agreement_facts: str | None = None  # 纠纷主要事实、争议事项及各方责任
    agreement_terms: str | None = None  # 协议内容
    performance_manner: str | None = None  # 履行方式
    performance_place: str | None = None  # 履行地点
    # 履行期限 as the agreement words it: a date, or 协议生效之日起十日内
    performance_deadline: str | None = None
    performed_on: dt.date | None = None  # 履行完毕日期
    performance_note: str | None = None  # 履行情况
    confirmation_applied_on: dt.date | None = None  # 申请司法确认日期 (stops the 30-day clock)
    confirmation_court: str | None = None  # 受理司法确认的法院
    confirmation_result: str | None = None  # 司法确认结果
    file_notes: str | None = None  # 卷宗情况说明
    checked_by: str | None = None  # 检查人, on the back cover
    archive_volume: str | None = None  # 卷号
    archived_by: str | None = None  # 立卷人
    archived_on: dt.date | None = None  # 立卷日期
    retention: str | None = None  # 保管期限


class MediationParty(RecordBase, table=True):
    """A 申请人 or 被申请人 of a case: a resident on the register, or a person from outside."""

    __tablename__ = "mediation_party"
    case_id: str = Field(foreign_key="mediation_case.id", index=True)
    role: str  # mediation.PARTY_ROLES
    resident_id: str | None = Field(default=None, foreign_key="resident.id")
    # Copied from the register when a resident: the documents show the person as they applied.
    name: str = Field(max_length=60)
    sex: str | None = None
    ethnicity: str | None = None
    age: int | None = None
    birth_date: dt.date | None = None
    occupation: str | None = None
    phone: str | None = None
    address: str | None = None
    id_number: str | None = Field(default=None, max_length=18)
    sort_order: int = 0


class MediationSession(RecordBase, table=True):
    """One investigation (调查记录) or mediation session (调解记录) of a case."""

    __tablename__ = "mediation_session"
    case_id: str = Field(foreign_key="mediation_case.id", index=True)
    kind: str = "mediation"  # mediation.SESSION_KINDS
    held_at: dt.datetime  # aware; shown in local time
    place: str = ""
    subject: str = ""  # 事由
    participants: str = ""  # 参加人 / 被调查人
    mediators: str = ""  # 调解员 / 调查人
    recorder: str = ""  # 记录人
    statements: str = ""  # each party's statement, or what was found out
    facts: str = ""  # the facts checked
    result: str = ""


class MediationFollowUp(RecordBase, table=True):
    """回访记录: a visit after the agreement, about its performance."""

    __tablename__ = "mediation_follow_up"
    case_id: str = Field(foreign_key="mediation_case.id", index=True)
    visited_on: dt.date
    visitor: str = ""  # 回访人
    reason: str = ""  # 回访事由
    performance: str = ""  # 履行情况
    satisfaction: str | None = None  # mediation.SATISFACTION


class MediationAttachment(RecordBase, table=True):
    """A file kept with a case (scanned signed form, photo, evidence), known by its SHA-256."""

    __tablename__ = "mediation_attachment"
    case_id: str = Field(foreign_key="mediation_case.id", index=True)
    kind: str  # mediation.ATTACHMENT_KINDS: which 卷宗 document it is
    title: str = ""
    file_name: str = ""  # the name it had when it was added
    media_type: str = ""  # application/pdf, image/jpeg ...
    size: int = 0
    sha256: str = Field(max_length=64, index=True)
    added_on: dt.date


class AttachmentContent(SQLModel, table=True):
    """The bytes of attachments, one row per distinct SHA-256; not a record: never exchanged
    row by row, and kept out of the audit trail (the attachment record is audited)."""

    __tablename__ = "attachment_content"
    sha256: str = Field(primary_key=True, max_length=64)
    data: bytes


class ScreeningReport(RecordBase, table=True):
    """排查: one weekly, ten-day or monthly round of dispute screening, or its 零报告."""

    __tablename__ = "screening_report"
    __table_args__ = (
        Index("ux_screening_round", "office_id", "round", "period_start", unique=True),
    )
    round: str  # mediation.SCREENING_ROUNDS
    period_start: dt.date
    period_end: dt.date
    zero_report: bool = False  # 零报告: nothing found, and the round is still filed
    disputes_found: int = 0
    findings: str = ""  # 排查情况
    measures: str = ""  # 处置措施
    reported_on: dt.date
    reporter: str = ""
