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
    # Unique per office: the township keeps every office's list side by side (migration 0013).
    __table_args__ = (Index("ux_care_category_code", "office_id", "code", unique=True),)
    code: str
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
    # Per office: two communities may both have a household 0001 (the township holds both).
    __table_args__ = (
        Index("ix_household_number", "office_id", "household_number", unique=True),
        # The township's per-office counts read this index alone (migration 0014).
        Index("ix_household_office_status", "office_id", "status"),
    )
    status: str = Field(default="active")  # active / closed (never deleted)
    # 以房管人: the building or rural house the household lives in; its grid follows from the
    # place's dated grid assignment (grid_assignment), never stored on the household.
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)


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
        # Per office: the same person on two offices' registers is a cross-office duplicate
        # the township lists, not an error (issue 7).
        Index("ix_resident_id_number", "office_id", "id_number", unique=True),
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
        # The township's counts per office and person type read this index alone instead of
        # every resident row (1,000,000 residents: 0.5 s to 0.2 s; migration 0014).
        Index("ix_resident_office_status", "office_id", "status", "person_type"),
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
    __table_args__ = (
        # The few links whose active flag and dates disagree on a given day (migration 0008).
        Index("ix_resident_care_since", "since", sqlite_where=text("active")),
        Index("ix_resident_care_until", "until", sqlite_where=text("until IS NOT NULL")),
    )
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


class Place(RecordBase, table=True):
    """A 小区 (compound), 楼栋 (building), 村民小组 or rural house: what grids are made of."""

    __tablename__ = "place"
    kind: str  # grids.PLACE_KINDS: compound, building, village_group, house
    parent_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    name: str  # 3号楼, 幸福里小区, 门牌号 12
    # The address prefix households are matched by (幸福里小区3号楼); unique among places.
    address: str = Field(index=True)
    sort_order: int = 0


class Grid(RecordBase, table=True):
    """网格: a node of the office's grid tree (grid, sub-grid …, any depth); retired, not deleted."""

    __tablename__ = "grid"
    __table_args__ = (Index("ux_grid_code", "office_id", "code", unique=True),)
    parent_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    number: str  # the grid's own number, e.g. 03
    code: str  # the division code plus the numbers down the tree (grids.grid_code)
    name: str
    area: str = ""  # 四至范围 / the streets and buildings it covers, as printed on the roster
    retired_on: dt.date | None = None
    merged_into_id: str | None = Field(default=None, foreign_key="grid.id")
    sort_order: int = 0


class GridAssignment(RecordBase, table=True):
    """A place belongs to a grid from `start_on` until the day before `end_on` (None: still)."""

    __tablename__ = "grid_assignment"
    __table_args__ = (
        Index("ix_grid_assignment_place", "place_id", "start_on"),
        Index("ix_grid_assignment_grid", "grid_id", "end_on"),
    )
    place_id: str = Field(foreign_key="place.id")
    grid_id: str = Field(foreign_key="grid.id")
    start_on: dt.date
    end_on: dt.date | None = None  # exclusive: the first day it no longer holds


class GridStaff(RecordBase, table=True):
    """A person who serves in grids (一格多员): a resident on the register or someone from outside."""

    __tablename__ = "grid_staff"
    resident_id: str | None = Field(default=None, foreign_key="resident.id", index=True)
    name: str = Field(max_length=60)
    phone: str | None = None
    user_id: str | None = None  # the govdesk account, when the person signs in here
    note: str = ""


class GridPost(RecordBase, table=True):
    """One role of one staff member in one grid, with its dates (a person may hold many)."""

    __tablename__ = "grid_post"
    __table_args__ = (Index("ix_grid_post_grid", "grid_id", "end_on"),)
    staff_id: str = Field(foreign_key="grid_staff.id", index=True)
    grid_id: str = Field(foreign_key="grid.id")
    role: str  # grids.STAFF_ROLES: grid_leader, full_time, part_time, building_leader …
    start_on: dt.date
    end_on: dt.date | None = None  # exclusive


class VisitRule(RecordBase, table=True):
    """How often households with a care category are visited (独居老人 every 7 days …)."""

    __tablename__ = "visit_rule"
    __table_args__ = (Index("ux_visit_rule_category", "office_id", "category_code", unique=True),)
    category_code: str
    interval_days: int


class Visit(RecordBase, table=True):
    """走访 / 民情日志: one dated visit of a grid worker to a household."""

    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_household", "household_id", "visited_on"),)
    household_id: str = Field(foreign_key="household.id")
    staff_id: str | None = Field(default=None, foreign_key="grid_staff.id", index=True)
    grid_id: str | None = Field(default=None, foreign_key="grid.id")  # the grid on that day
    visited_on: dt.date
    kind: str = "routine"  # grids.VISIT_KINDS
    notes: str = ""
    follow_up_needed: bool = False
    follow_up_done_on: dt.date | None = None
    follow_up_note: str = ""


class GridEvent(RecordBase, table=True):
    """网格事件 ("吹哨报到"): reported, dispatched, handled, closed or returned."""

    __tablename__ = "grid_event"
    __table_args__ = (
        Index("ux_grid_event_number", "office_id", "number", unique=True),
        Index("ix_grid_event_state", "state", "due_on"),
    )
    number: str  # 2026-0001, per office and year, never reused (meta counter)
    state: str = "reported"  # grids.EventState
    category: str  # grids.EVENT_CATEGORIES
    description: str
    location: str = ""
    grid_id: str | None = Field(default=None, foreign_key="grid.id", index=True)
    place_id: str | None = Field(default=None, foreign_key="place.id")
    reported_at: dt.datetime
    reporter: str = ""  # who reported it (a grid worker's or resident's name)
    reporter_staff_id: str | None = Field(default=None, foreign_key="grid_staff.id")
    department: str | None = None  # 交办: the department it is dispatched to
    dispatched_on: dt.date | None = None
    due_on: dt.date | None = None  # the deadline given with the dispatch
    handled_on: dt.date | None = None
    feedback: str | None = None  # 办理反馈
    closed_on: dt.date | None = None  # 办结/销号
    returned_on: dt.date | None = None
    returned_reason: str | None = None  # 退回
    # The mediation case made from it; the case's source_ref names this event back.
    mediation_case_id: str | None = Field(default=None, foreign_key="mediation_case.id")


class GridEventPhoto(RecordBase, table=True):
    """A photo of an event; the bytes live once per SHA-256 in attachment_content."""

    __tablename__ = "grid_event_photo"
    event_id: str = Field(foreign_key="grid_event.id", index=True)
    file_name: str = ""
    media_type: str = ""
    size: int = 0
    sha256: str = Field(max_length=64)
    added_on: dt.date


# -- 志愿服务 (issue 6) ------------------------------------------------------------------------


class Volunteer(RecordBase, table=True):
    """A volunteer: a resident of the register or a person from outside; never deleted."""

    __tablename__ = "volunteer"
    __table_args__ = (
        Index("ux_volunteer_number", "office_id", "number", unique=True),
        Index("ix_volunteer_name", "name_pinyin"),
        Index("ix_volunteer_initials", "name_initials"),
    )
    number: str  # V0001, per office (meta counter), never reused
    resident_id: str | None = Field(default=None, foreign_key="resident.id", index=True)
    name: str
    name_pinyin: str = ""  # derived (pypinyin), for search and sorting
    name_initials: str = ""
    sex: str | None = None  # codes.SEX
    id_number: str | None = Field(default=None, index=True)  # outsiders; masked on display
    phone: str | None = None
    address: str = ""
    grid_id: str | None = Field(default=None, foreign_key="grid.id")  # outsiders' grid
    skills: str = ""  # skill codes joined by "," (volunteers.SKILLS, configurable labels)
    available_days: str = ""  # ISO weekdays, e.g. "135" = Mon, Wed, Fri; "" = not stated
    available_times: str = ""  # codes joined by ",": morning, afternoon, evening
    party_member: bool = False
    dual_report: bool = False  # 在职党员进社区 ("双报到")
    work_unit: str = ""  # 双报到: the unit the party member works in
    unit_party_org: str = ""  # 双报到: the unit's party organisation
    reported_on: dt.date | None = None  # 双报到: the day they registered with the community
    status: str = "active"  # volunteers.VOLUNTEER_STATUS: active, paused, left
    joined_on: dt.date
    left_on: dt.date | None = None
    stars_reviewed: int = 0  # the star level at the last review (volunteers.STAR_HOURS)
    note: str = ""


class VolunteerTeam(RecordBase, table=True):
    """志愿服务队: a team with a leader and members."""

    __tablename__ = "volunteer_team"
    name: str
    leader_id: str | None = Field(default=None, foreign_key="volunteer.id")
    service_area: str = ""  # what the team does: 治安巡逻, 助老服务, …
    founded_on: dt.date
    dissolved_on: dt.date | None = None
    note: str = ""


class VolunteerTeamMember(RecordBase, table=True):
    """A volunteer's membership of a team, dated (end exclusive)."""

    __tablename__ = "volunteer_team_member"
    team_id: str = Field(foreign_key="volunteer_team.id", index=True)
    volunteer_id: str = Field(foreign_key="volunteer.id", index=True)
    joined_on: dt.date
    left_on: dt.date | None = None


class VolunteerActivity(RecordBase, table=True):
    """An activity or a duty on one day; its times are the office's wall-clock times."""

    __tablename__ = "volunteer_activity"
    __table_args__ = (Index("ix_volunteer_activity_day", "held_on", "start_time"),)
    title: str
    project: str = ""  # the project (项目) it belongs to, free text
    team_id: str | None = Field(default=None, foreign_key="volunteer_team.id")
    held_on: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str = ""
    headcount: int = 0  # how many volunteers are needed; 0 = any number
    skills: str = ""  # skill codes wanted, joined by ","
    organiser: str = ""
    duty_id: str | None = Field(default=None, foreign_key="duty_shift.id")  # made from a roster
    state: str = "planned"  # planned, done, cancelled
    note: str = ""


class VolunteerSignup(RecordBase, table=True):
    """A volunteer signed up for an activity, checked in and out (UTC, shown in local time)."""

    __tablename__ = "volunteer_signup"
    __table_args__ = (
        Index("ux_volunteer_signup", "activity_id", "volunteer_id", unique=True),
        Index("ix_volunteer_signup_volunteer", "volunteer_id", "activity_id"),
    )
    activity_id: str = Field(foreign_key="volunteer_activity.id")
    volunteer_id: str = Field(foreign_key="volunteer.id")
    signed_up_at: dt.datetime
    state: str = "signed_up"  # signed_up, cancelled, checked_in, checked_out, absent
    check_in_at: dt.datetime | None = None
    check_out_at: dt.datetime | None = None
    warnings: str = ""  # what the sign-up was warned about (clash, skill), kept for the record


class DutyShift(RecordBase, table=True):
    """A recurring weekly duty (排班): 治安巡逻 every Tuesday 19:00–21:00, and who takes it."""

    __tablename__ = "duty_shift"
    duty: str  # volunteers.DUTY_KINDS code or free text: patrol, elderly_visit, …
    title: str
    weekday: int  # ISO: 1 = Monday … 7 = Sunday
    start_time: dt.time
    end_time: dt.time
    place: str = ""
    headcount: int = 1
    team_id: str | None = Field(default=None, foreign_key="volunteer_team.id")
    start_on: dt.date
    end_on: dt.date | None = None  # exclusive; None = still running


class DutyAssignment(RecordBase, table=True):
    """A volunteer on a weekly duty from one day to another (end exclusive)."""

    __tablename__ = "duty_assignment"
    shift_id: str = Field(foreign_key="duty_shift.id", index=True)
    volunteer_id: str = Field(foreign_key="volunteer.id", index=True)
    start_on: dt.date
    end_on: dt.date | None = None


class HourEntry(RecordBase, table=True):
    """One line of the service-hours ledger. Confirmed lines are never changed or removed
    (triggers refuse it); a correction is a new adjusting line with a reason."""

    __tablename__ = "hour_entry"
    __table_args__ = (
        # A volunteer's confirmed total for a period, from the index alone.
        Index("ix_hour_entry_volunteer", "volunteer_id", "state", "served_on", "minutes"),
        # The few adjusting lines, for the adjustments in a total (migration 0010).
        Index(
            "ix_hour_entry_adjustment",
            "volunteer_id",
            "state",
            "served_on",
            "minutes",
            sqlite_where=text("kind = 'adjustment'"),
        ),
        Index("ix_hour_entry_served", "served_on"),
    )
    volunteer_id: str = Field(foreign_key="volunteer.id")
    served_on: dt.date
    minutes: int  # service time in whole minutes (negative only on an adjusting line)
    kind: str = "service"  # service, adjustment
    activity_id: str | None = Field(default=None, foreign_key="volunteer_activity.id")
    order_id: str | None = Field(default=None, foreign_key="service_order.id")
    adjusts_id: str | None = Field(default=None, foreign_key="hour_entry.id")
    reason: str = ""  # required on an adjusting line
    state: str = "pending"  # pending, confirmed
    recorded_by: str = ""
    confirmed_at: dt.datetime | None = None
    confirmed_by: str = ""


class ServiceOrder(RecordBase, table=True):
    """群众点单 → 社区派单 → 志愿者接单: a resident's request and what became of it."""

    __tablename__ = "service_order"
    __table_args__ = (
        Index("ux_service_order_number", "office_id", "number", unique=True),
        Index("ix_service_order_state", "state", "requested_at"),
    )
    number: str  # 2026-0001 per office and year (meta counter), never reused
    resident_id: str | None = Field(default=None, foreign_key="resident.id")
    requester: str  # who asked (name)
    phone: str | None = None
    need: str  # what is asked for
    skill: str = ""  # the skill code it needs, if any
    wanted_on: dt.date | None = None  # when
    wanted_time: str = ""  # free text: 上午, 14:00 前, …
    place: str = ""  # where
    grid_id: str | None = Field(default=None, foreign_key="grid.id")
    state: str = "requested"  # requested, dispatched, accepted, done, cancelled
    requested_at: dt.datetime
    volunteer_id: str | None = Field(default=None, foreign_key="volunteer.id")
    dispatched_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    done_at: dt.datetime | None = None
    minutes: int | None = None  # service time when done; it goes to the hours ledger
    cancelled_at: dt.datetime | None = None
    cancel_reason: str = ""
    feedback: str = ""  # the requester's word on the service, when done
    note: str = ""


class StarReview(RecordBase, table=True):
    """A review of star levels: who reached a new level since the one before."""

    __tablename__ = "star_review"
    reviewed_on: dt.date
    reviewed_by: str = ""
    promoted: int = 0  # how many volunteers reached a new level
    note: str = ""


# -- exchange with the township (issue 7) ------------------------------------------------------


class ExchangeKey(SQLModel, table=True):
    """Another database's public keys this one trusts: the township's (in an office) or each
    office's (in the township). Own keys live in meta; keys are never exchanged as records."""

    __tablename__ = "exchange_key"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    office_code: str = Field(index=True)  # the 12-digit division code of the key's owner
    office_name: str = ""
    kind: str = "office"  # office, township
    sign_public: str  # Ed25519, base64
    box_public: str  # X25519, base64
    fingerprint: str = Field(unique=True)  # read out over the phone to check the key
    trusted_at: dt.datetime = Field(default_factory=utcnow)
    trusted_by: str = ""
    revoked_at: dt.datetime | None = None


class ExchangePackage(SQLModel, table=True):
    """Every package written or read, refused ones too: replays are recognised by the
    file's hash and by (source instance, sequence)."""

    __tablename__ = "exchange_package"
    __table_args__ = (Index("ix_exchange_package_source", "source_instance", "sequence"),)
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    direction: str  # out, in
    file_name: str
    sha256: str = Field(max_length=64, index=True)  # of the whole file
    source_office: str = ""  # division code of the office that wrote it
    source_instance: str = ""
    sequence: int = 0  # per source instance, counted up with each package it writes
    full: bool = False  # a full package rather than one since the last acknowledgement
    created_at: dt.datetime | None = None  # as the manifest says
    handled_at: dt.datetime = Field(default_factory=utcnow)
    handled_by: str = ""
    outcome: str  # written, applied, nothing_new, refused
    reason: str = ""  # why it was refused, as the clerk was told
    counts: str = ""  # JSON: new, updated, unchanged, conflicts … per table


class RecordConflict(SQLModel, table=True):
    """A version of a record that neither supersedes nor is superseded by the one in the
    table: kept until a person merges them (docs/exchange-merge.md). `row` is the record as
    JSON (null for a deletion); `history` the versions it superseded."""

    __tablename__ = "record_conflict"
    __table_args__ = (
        Index(
            "ux_record_conflict_version",
            "table_name",
            "record_id",
            "instance",
            "version",
            unique=True,
        ),
        Index("ix_record_conflict_open", "resolved_at", "table_name", "record_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    table_name: str
    record_id: str
    office_id: str
    instance: str
    version: int
    updated_at: str = ""  # as stored in the row, so every machine compares the same text
    row: str | None = None  # JSON object of the columns, null for a deletion
    history: str = "[]"  # JSON [[instance, counter], …]
    source: str = ""  # the package file it came in, or "local"
    found_at: dt.datetime = Field(default_factory=utcnow)
    resolved_at: dt.datetime | None = None
    resolved_by: str = ""


class ExchangeAck(SQLModel, table=True):
    """High-water marks: in the township, the highest counter per record instance it has
    applied from each sending instance; in an office, the same as the township
    acknowledged it, so the next package carries only what is newer."""

    __tablename__ = "exchange_ack"
    source_instance: str = Field(primary_key=True)  # the database instance that sent
    instance: str = Field(primary_key=True)  # whose counter
    counter: int
    office_code: str = ""  # division code of the sending office
    acknowledged_at: dt.datetime = Field(default_factory=utcnow)


class CrossOfficeReview(SQLModel, table=True):
    """The township's note on one ID number found on two offices' registers."""

    __tablename__ = "cross_office_review"
    id_number: str = Field(primary_key=True, max_length=18)
    decided_at: dt.datetime = Field(default_factory=utcnow)
    decided_by: str = ""
    keep_office: str = ""  # division code of the office that keeps the person, if decided
    note: str = ""
