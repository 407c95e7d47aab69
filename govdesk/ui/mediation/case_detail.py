"""What the case panel shows, read through the services into plain values, and as HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import Deadline
from govdesk.services import mediation
from govdesk.services.mediation import PartyView, SessionView
from govdesk.store.database import Database
from govdesk.ui.mediation.case_model import COLOURS, deadline_kind_label, deadline_note, urgency

CONTEXT = "CaseDetail"

LABELS = {
    "registration": QT_TRANSLATE_NOOP("CaseDetail", "登记"),
    "dispute_type": QT_TRANSLATE_NOOP("CaseDetail", "纠纷类型"),
    "source": QT_TRANSLATE_NOOP("CaseDetail", "案件来源"),
    "risk": QT_TRANSLATE_NOOP("CaseDetail", "风险等级"),
    "registered_on": QT_TRANSLATE_NOOP("CaseDetail", "登记日期"),
    "registered_by": QT_TRANSLATE_NOOP("CaseDetail", "登记人"),
    "applied_on": QT_TRANSLATE_NOOP("CaseDetail", "申请日期"),
    "accepted_on": QT_TRANSLATE_NOOP("CaseDetail", "受理日期"),
    "mediators": QT_TRANSLATE_NOOP("CaseDetail", "调解员"),
    "summary": QT_TRANSLATE_NOOP("CaseDetail", "纠纷简要情况"),
    "request": QT_TRANSLATE_NOOP("CaseDetail", "申请事项"),
    "declined_reason": QT_TRANSLATE_NOOP("CaseDetail", "不予受理理由"),
    "parties": QT_TRANSLATE_NOOP("CaseDetail", "当事人"),
    "role": QT_TRANSLATE_NOOP("CaseDetail", "身份"),
    "name": QT_TRANSLATE_NOOP("CaseDetail", "姓名"),
    "sex": QT_TRANSLATE_NOOP("CaseDetail", "性别"),
    "age": QT_TRANSLATE_NOOP("CaseDetail", "年龄"),
    "phone": QT_TRANSLATE_NOOP("CaseDetail", "联系电话"),
    "id_number": QT_TRANSLATE_NOOP("CaseDetail", "身份证号"),
    "address": QT_TRANSLATE_NOOP("CaseDetail", "住址"),
    "sessions": QT_TRANSLATE_NOOP("CaseDetail", "调查与调解"),
    "place": QT_TRANSLATE_NOOP("CaseDetail", "地点"),
    "subject": QT_TRANSLATE_NOOP("CaseDetail", "事由"),
    "participants": QT_TRANSLATE_NOOP("CaseDetail", "参加人"),
    "recorder": QT_TRANSLATE_NOOP("CaseDetail", "记录人"),
    "statements": QT_TRANSLATE_NOOP("CaseDetail", "当事人陈述"),
    "facts": QT_TRANSLATE_NOOP("CaseDetail", "查明事实"),
    "result": QT_TRANSLATE_NOOP("CaseDetail", "结果"),
    "outcome": QT_TRANSLATE_NOOP("CaseDetail", "调解结果"),
    "agreement_kind": QT_TRANSLATE_NOOP("CaseDetail", "协议形式"),
    "agreement_on": QT_TRANSLATE_NOOP("CaseDetail", "协议日期"),
    "agreement_facts": QT_TRANSLATE_NOOP("CaseDetail", "纠纷事实及责任"),
    "agreement_terms": QT_TRANSLATE_NOOP("CaseDetail", "协议内容"),
    "performance_manner": QT_TRANSLATE_NOOP("CaseDetail", "履行方式"),
    "performance_place": QT_TRANSLATE_NOOP("CaseDetail", "履行地点"),
    "performance_deadline": QT_TRANSLATE_NOOP("CaseDetail", "履行期限"),
    "closed_on": QT_TRANSLATE_NOOP("CaseDetail", "结案日期"),
    "outcome_reason": QT_TRANSLATE_NOOP("CaseDetail", "原因"),
    "ended_as": QT_TRANSLATE_NOOP("CaseDetail", "结案方式"),
    "performance": QT_TRANSLATE_NOOP("CaseDetail", "履行与司法确认"),
    "performed_on": QT_TRANSLATE_NOOP("CaseDetail", "履行完毕日期"),
    "performance_note": QT_TRANSLATE_NOOP("CaseDetail", "履行情况"),
    "confirmation_applied_on": QT_TRANSLATE_NOOP("CaseDetail", "申请司法确认日期"),
    "confirmation_court": QT_TRANSLATE_NOOP("CaseDetail", "受理法院"),
    "confirmation_result": QT_TRANSLATE_NOOP("CaseDetail", "确认结果"),
    "follow_ups": QT_TRANSLATE_NOOP("CaseDetail", "回访"),
    "visited_on": QT_TRANSLATE_NOOP("CaseDetail", "回访日期"),
    "visitor": QT_TRANSLATE_NOOP("CaseDetail", "回访人"),
    "visit_reason": QT_TRANSLATE_NOOP("CaseDetail", "回访事由"),
    "satisfaction": QT_TRANSLATE_NOOP("CaseDetail", "满意度"),
    "archive": QT_TRANSLATE_NOOP("CaseDetail", "归档"),
    "archive_volume": QT_TRANSLATE_NOOP("CaseDetail", "卷号"),
    "archived_by": QT_TRANSLATE_NOOP("CaseDetail", "立卷人"),
    "archived_on": QT_TRANSLATE_NOOP("CaseDetail", "立卷日期"),
    "retention": QT_TRANSLATE_NOOP("CaseDetail", "保管期限"),
    "checked_by": QT_TRANSLATE_NOOP("CaseDetail", "检查人"),
    "file_notes": QT_TRANSLATE_NOOP("CaseDetail", "卷宗情况说明"),
    "deadlines": QT_TRANSLATE_NOOP("CaseDetail", "期限"),
    "no_number": QT_TRANSLATE_NOOP("CaseDetail", "（未受理，尚无案号）"),
    "hidden": QT_TRANSLATE_NOOP("CaseDetail", "（无权查看）"),
    "no_deadline": QT_TRANSLATE_NOOP("CaseDetail", "没有正在计算的期限"),
}


def label(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, LABELS[key])


@dataclass(frozen=True)
class FollowUpView:
    id: str
    visited_on: dt.date
    visitor: str
    reason: str
    performance: str
    satisfaction_label: str


@dataclass(frozen=True)
class AttachmentView:
    id: str
    kind: str
    kind_label: str
    title: str
    file_name: str
    media_type: str
    size: int
    added_on: dt.date


@dataclass(frozen=True)
class ChecklistView:
    number: int
    title: str
    requirement_label: str
    needed: bool
    status: str  # scanned / printable / missing / not_needed
    attachment_ids: tuple[str, ...]
    form: str | None


@dataclass
class CaseDetail:
    """One case as the signed-in user may see it, copied out of the session."""

    id: str
    values: dict[str, Any]  # the case's columns
    parties: list[PartyView] = field(default_factory=list)
    sessions: list[SessionView] = field(default_factory=list)
    follow_ups: list[FollowUpView] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    attachments: list[AttachmentView] = field(default_factory=list)
    checklist: list[ChecklistView] = field(default_factory=list)

    @property
    def state(self) -> str:
        return str(self.values["state"])

    @property
    def number(self) -> str:
        return str(self.values.get("number") or "")

    def title(self) -> str:
        number = self.number or label("no_number")
        return f"{number}　{rules.CASE_STATES.label(self.state)}"


def load_detail(db: Database, case_id: str, today: dt.date) -> CaseDetail:
    """Everything the panel shows about one case, in one read transaction."""
    from govdesk.services import mediation_attachments

    with db.session() as s:
        case = mediation.get_case(s, case_id)
        detail = CaseDetail(id=case.id, values=case.model_dump())
        detail.parties = mediation.party_views(s, case_id)
        detail.sessions = mediation.session_views(s, case_id)
        detail.follow_ups = [
            FollowUpView(
                f.id,
                f.visited_on,
                f.visitor,
                f.reason,
                f.performance,
                rules.SATISFACTION.label(f.satisfaction) if f.satisfaction else "",
            )
            for f in mediation.follow_ups(s, case_id)
        ]
        detail.deadlines = mediation.deadlines(s, case, today)
        detail.attachments = [
            AttachmentView(
                a.id,
                a.kind,
                rules.ATTACHMENT_KINDS.label(a.kind),
                a.title,
                a.file_name,
                a.media_type,
                a.size,
                a.added_on,
            )
            for a in mediation_attachments.attachments(s, case_id)
        ]
        detail.checklist = [
            ChecklistView(
                r.number,
                r.title,
                r.requirement_label,
                r.needed,
                r.status,
                tuple(r.attachment_ids),
                r.form,
            )
            for r in mediation_attachments.case_file_checklist(s, case_id)
        ]
        # The ORM object is left behind in the session; nothing of it leaves this block.
        s.expunge_all()
    return detail


# -- HTML ---------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _para(value: object) -> str:
    """Clerks' free text, with its line breaks kept."""
    return escape(_text(value)).replace("\n", "<br>")


def _pairs(rows: list[tuple[str, object]]) -> str:
    """A two-column table of the rows that have a value."""
    cells = [
        f"<tr><td class='k'>{escape(label(key))}</td><td>{_para(value)}</td></tr>"
        for key, value in rows
        if _text(value)
    ]
    return f"<table class='kv'>{''.join(cells)}</table>" if cells else ""


def _section(key: str, body: str) -> str:
    return f"<h3>{escape(label(key))}</h3>{body}" if body else ""


def _deadlines_html(detail: CaseDetail) -> str:
    if not detail.deadlines:
        return f"<p class='muted'>{escape(label('no_deadline'))}</p>"
    lines = []
    for d in detail.deadlines:
        level = urgency(d)
        style = ""
        if level:
            background, foreground = COLOURS[level]
            style = f" style='background:{background.name()};color:{foreground.name()}'"
        lines.append(
            f"<p{style}><b>{escape(deadline_kind_label(d.kind))}</b>："
            f"{escape(deadline_note(d))}</p>"
        )
    return "".join(lines)


def _parties_html(detail: CaseDetail) -> str:
    """One block per party: role and name, then what is known of them on one wrapping line
    (a narrow panel has no room for a seven-column table)."""
    parts = []
    for p in detail.parties:
        facts = [
            p.sex_label if p.sex else "",
            QCoreApplication.translate("CaseDetail", "%1岁").replace("%1", str(p.age))
            if p.age is not None
            else "",
            p.occupation or "",
        ]
        for key in ("phone", "id_number", "address"):
            value = getattr(p, key)
            if value:
                facts.append(f"{label(key)}：{value}")
        line = "　".join(escape(f) for f in facts if f)
        parts.append(
            f"<p><b>{escape(p.role_label)}：{escape(p.name)}</b>"
            + (f"<br>{line}" if line else "")
            + "</p>"
        )
    return "".join(parts)


def _sessions_html(detail: CaseDetail) -> str:
    parts = []
    for r in detail.sessions:
        statements: object = r.statements
        if not r.full:
            statements = label("hidden")
        parts.append(
            f"<p><b>{escape(_text(r.held_at))}　{escape(r.kind_label)}</b></p>"
            + _pairs(
                [
                    ("place", r.place),
                    ("subject", r.subject),
                    ("participants", r.participants),
                    ("mediators", r.mediators),
                    ("recorder", r.recorder),
                    ("statements", statements),
                    ("facts", r.facts),
                    ("result", r.result),
                ]
            )
        )
    return "".join(parts)


def _outcome_html(v: dict[str, Any]) -> str:
    kind = v.get("agreement_kind")
    ended = v.get("outcome")
    return _pairs(
        [
            # Kept after archiving, when the state only says 已归档.
            ("ended_as", rules.CASE_STATES.label(ended) if ended else ""),
            ("declined_reason", v.get("declined_reason")),
            ("agreement_kind", rules.AGREEMENT_KINDS.label(kind) if kind else ""),
            ("agreement_on", v.get("agreement_on")),
            ("agreement_facts", v.get("agreement_facts")),
            ("agreement_terms", v.get("agreement_terms")),
            ("performance_manner", v.get("performance_manner")),
            ("performance_place", v.get("performance_place")),
            ("performance_deadline", v.get("performance_deadline")),
            ("outcome_reason", v.get("outcome_reason")),
            ("closed_on", v.get("closed_on")),
        ]
    )


def _follow_ups_html(detail: CaseDetail) -> str:
    return "".join(
        _pairs(
            [
                ("visited_on", f.visited_on),
                ("visitor", f.visitor),
                ("visit_reason", f.reason),
                ("performance_note", f.performance),
                ("satisfaction", f.satisfaction_label),
            ]
        )
        for f in detail.follow_ups
    )


STYLE = (
    "<style>"
    "h2 { margin: 0 0 4px 0; } h3 { margin: 10px 0 2px 0; color: #1f4e79; }"
    "td.k { color: #555; padding-right: 10px; white-space: nowrap; vertical-align: top; }"
    "table.grid th { background: #e8eef5; padding: 2px 6px; }"
    "table.grid td { padding: 2px 6px; border-bottom: 1px solid #ddd; }"
    ".muted { color: #777; }"
    "</style>"
)


def detail_html(detail: CaseDetail) -> str:
    """The 案件详情 page: deadlines, registration, parties, sessions, outcome, follow-ups."""
    v = detail.values
    source = v.get("source")
    registration = _pairs(
        [
            ("dispute_type", rules.DISPUTE_TYPES.label(v.get("dispute_type"))),
            ("source", rules.CASE_SOURCES.label(source) if source else ""),
            ("risk", rules.RISK_GRADES.label(v.get("risk"))),
            ("registered_on", v.get("registered_on")),
            ("registered_by", v.get("registered_by")),
            ("applied_on", v.get("applied_on")),
            ("accepted_on", v.get("accepted_on")),
            ("mediators", v.get("mediators")),
            ("summary", v.get("summary")),
            ("request", v.get("request")),
        ]
    )
    performance = _pairs(
        [
            ("performance_note", v.get("performance_note")),
            ("performed_on", v.get("performed_on")),
            ("confirmation_applied_on", v.get("confirmation_applied_on")),
            ("confirmation_court", v.get("confirmation_court")),
            ("confirmation_result", v.get("confirmation_result")),
        ]
    )
    archive = _pairs(
        [
            ("archive_volume", v.get("archive_volume")),
            ("archived_by", v.get("archived_by")),
            ("archived_on", v.get("archived_on")),
            ("retention", v.get("retention")),
            ("checked_by", v.get("checked_by")),
            ("file_notes", v.get("file_notes")),
        ]
    )
    return "".join(
        [
            STYLE,
            _section("deadlines", _deadlines_html(detail)),
            _section("parties", _parties_html(detail)),
            _section("registration", registration),
            _section("sessions", _sessions_html(detail)),
            _section("outcome", _outcome_html(v)),
            _section("performance", performance),
            _section("follow_ups", _follow_ups_html(detail)),
            _section("archive", archive),
        ]
    )
