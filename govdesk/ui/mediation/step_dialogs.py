"""One dialog per step of a case's life: accept, decline, records, outcome, performance, archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime
from PySide6.QtWidgets import QCheckBox, QWidget
from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import Deadline, DeadlineKind
from govdesk.services import mediation
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import (
    ERROR_COLOUR,
    MediationDialog,
    pydate,
    required,
    signed_in_name,
)
from govdesk.ui.ops import notify


@dataclass(frozen=True)
class CaseFacts:
    """What the dialogs show of a case, copied out of the session that read it."""

    id: str
    number: str
    state: str
    registered_on: dt.date
    accepted_on: dt.date | None
    agreement_on: dt.date | None
    agreement_kind: str | None
    mediators: str
    party_names: str
    parties: tuple[tuple[str, str], ...]  # (name, role code)
    dispute_type: str = ""
    deadlines: tuple[Deadline, ...] = ()
    last_facts: str = ""  # the facts of the latest session, to start the agreement from
    confirmation: tuple[dt.date | None, str, str] = (None, "", "")  # applied on, court, result
    performance: tuple[dt.date | None, str] = (None, "")  # performed on, note


def read_case(db: Database, case_id: str) -> CaseFacts:
    with db.session() as s:
        case = mediation.get_case(s, case_id)
        people = tuple((p.name, p.role) for p in mediation.party_views(s, case_id))
        records = mediation.session_views(s, case_id)
        facts = next((r.facts for r in reversed(records) if r.facts.strip()), "")
        return CaseFacts(
            id=case.id,
            number=case.number or "",
            state=case.state,
            registered_on=case.registered_on,
            accepted_on=case.accepted_on,
            agreement_on=case.agreement_on,
            agreement_kind=case.agreement_kind,
            mediators=case.mediators or "",
            party_names="、".join(name for name, _ in people),
            parties=people,
            dispute_type=case.dispute_type,
            deadlines=tuple(mediation.deadlines(s, case, dt.date.today())),
            last_facts=facts,
            performance=(case.performed_on, case.performance_note or ""),
            confirmation=(
                case.confirmation_applied_on,
                case.confirmation_court or "",
                case.confirmation_result or "",
            ),
        )


class CaseStepDialog(MediationDialog):
    """A dialog about one case; the case's number (or 未编号) and parties head the form."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None, *, name: str):
        self.case = read_case(db, case_id)
        super().__init__(db, parent, name=name)
        number = self.case.number or self.tr("（尚未编号）")
        self.info("Case", self.tr("案件："), f"{number}　{self.case.party_names}")
        if self.case.deadlines:
            shown = self.info("Deadline", self.tr("期限："), self.deadline_text())
            if any(d.warn for d in self.case.deadlines):
                shown.setStyleSheet(f"color: {ERROR_COLOUR};")

    def deadline_text(self) -> str:
        parts = []
        for d in self.case.deadlines:
            kind = (
                self.tr("调解期限")
                if d.kind == DeadlineKind.HANDLING
                else self.tr("司法确认申请期限")
            )
            if d.overdue:
                left = self.tr("已逾期 %1 天").replace("%1", str(-d.days_left))
            else:
                left = self.tr("还剩 %1 天").replace("%1", str(d.days_left))
            parts.append(f"{kind} {d.due.isoformat()}（{left}）")
        return "；".join(parts)


class AcceptDialog(CaseStepDialog):
    """受理: date and mediators; the case gets its number, shown when saved."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="accept")
        self.setWindowTitle(self.tr("受理案件"))
        self.date = self.date_edit("Date", self.tr("受理日期："), earliest=self.case.registered_on)
        self.mediators = self.line(
            "Mediators", self.tr("调解员："), self.case.mediators, self.tr("多人用“、”分开")
        )
        self.number = ""
        self.finish()

    def apply(self, session: Session) -> None:
        case = mediation.accept_case(
            session, self.case.id, accepted_on=pydate(self.date), mediators=self.mediators.text()
        )
        self.number = case.number or ""

    def saved(self) -> None:
        notify(
            self.parentWidget(),
            self.tr("已受理"),
            self.tr("案件已受理，案号：%1").replace("%1", self.number),
        )


class DeclineDialog(CaseStepDialog):
    """不予受理, with the reason the applicant is told."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="decline")
        self.setWindowTitle(self.tr("不予受理"))
        self.date = self.date_edit("Date", self.tr("日期："), earliest=self.case.registered_on)
        self.reason = self.text_box(
            "Reason", self.tr("不予受理理由："), placeholder=self.tr("如：属于法院专属管辖的纠纷")
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("不予受理理由"), self.reason.toPlainText())

    def apply(self, session: Session) -> None:
        mediation.decline_case(
            session, self.case.id, reason=self.reason.toPlainText(), declined_on=pydate(self.date)
        )


class RecordDialog(CaseStepDialog):
    """调查记录 or 调解记录: each party's words in a box of their own, joined with 【name】 heads."""

    KIND = "mediation"

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        investigation = self.KIND == "investigation"
        name = "investigate" if investigation else "session"
        super().__init__(db, case_id, parent, name=name)
        self.setWindowTitle(self.tr("调查记录") if investigation else self.tr("调解记录"))
        self.held_at = self.datetime_edit(
            "HeldAt", self.tr("时间："), earliest=self.case.registered_on
        )
        self.place = self.line("Place", self.tr("地点："), placeholder=self.tr("如：社区调解室"))
        self.subject = self.line(
            "Subject",
            self.tr("调查事项：") if investigation else self.tr("事由："),
            self.tr("%1纠纷").replace("%1", rules.DISPUTE_TYPES.label(self.case.dispute_type)),
        )
        self.participants = self.line(
            "Participants",
            self.tr("被调查人：") if investigation else self.tr("参加人："),
            "" if investigation else self.case.party_names,
        )
        self.mediators = self.line(
            "Mediators",
            self.tr("调查人：") if investigation else self.tr("调解员："),
            self.case.mediators,
        )
        self.recorder = self.line("Recorder", self.tr("记录人："), signed_in_name(db))
        self.statements = []
        for i, (party, role) in enumerate(self.case.parties):
            label = (
                self.tr("%1（%2）陈述：")
                .replace("%1", party)
                .replace("%2", rules.PARTY_ROLES.label(role))
            )
            self.statements.append((party, self.text_box(f"Statement{i}", label, lines=3)))
        self.other = self.text_box(
            "StatementOther",
            self.tr("调查内容：") if investigation else self.tr("其他陈述："),
            placeholder=self.tr("不属于某一方当事人的记录"),
        )
        self.facts = self.text_box("Facts", self.tr("查明的事实："))
        self.result_box = self.text_box(
            "Result",
            self.tr("调查结论：") if investigation else self.tr("调解结果："),
            lines=2,
        )
        self.finish(640)

    def statements_text(self) -> str:
        blocks = [(party, box.toPlainText()) for party, box in self.statements]
        blocks.append(("", self.other.toPlainText()))
        return rules.join_statements(blocks)

    def check(self) -> list[str]:
        filled = [self.statements_text(), self.facts.toPlainText(), self.result_box.toPlainText()]
        if any(t.strip() for t in filled):
            return []
        return required(self.tr("陈述、事实或结果"), "")

    def apply(self, session: Session) -> None:
        held: QDateTime = self.held_at.dateTime()
        mediation.record_session(
            session,
            self.case.id,
            held_at=held.toPython().astimezone(dt.UTC),  # type: ignore[union-attr]
            kind=self.KIND,
            place=self.place.text().strip(),
            subject=self.subject.text().strip(),
            participants=self.participants.text().strip(),
            mediators=self.mediators.text().strip(),
            recorder=self.recorder.text().strip(),
            statements=self.statements_text(),
            facts=self.facts.toPlainText().strip(),
            result=self.result_box.toPlainText().strip(),
        )


class InvestigationDialog(RecordDialog):
    KIND = "investigation"


class SessionDialog(RecordDialog):
    KIND = "mediation"


class SettleDialog(CaseStepDialog):
    """调解成功: a written 协议书 or an oral agreement, its terms and how it is carried out."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="settle")
        self.setWindowTitle(self.tr("调解成功"))
        self.kind = self.combo("Kind", self.tr("协议形式："), rules.AGREEMENT_KINDS, "written")
        self.date = self.date_edit("Date", self.tr("协议日期："), earliest=self.case.registered_on)
        self.facts = self.text_box(
            "Facts",
            self.tr("纠纷主要事实、争议事项及各方责任："),
            self.case.last_facts,
            lines=4,
        )
        self.terms = self.text_box("Terms", self.tr("协议内容："), lines=4)
        self.manner = self.line(
            "PerformanceManner", self.tr("履行方式："), placeholder=self.tr("如：一次性现金支付")
        )
        self.place = self.line("PerformancePlace", self.tr("履行地点："))
        self.deadline = self.line(
            "PerformanceDeadline",
            self.tr("履行期限："),
            placeholder=self.tr("如：协议生效之日起十日内"),
        )
        self.finish(640)

    def check(self) -> list[str]:
        return required(self.tr("协议内容"), self.terms.toPlainText())

    def apply(self, session: Session) -> None:
        mediation.settle_case(
            session,
            self.case.id,
            agreement_on=pydate(self.date),
            agreement_kind=self.kind.currentData(),
            agreement_terms=self.terms.toPlainText(),
            agreement_facts=self.facts.toPlainText(),
            performance_manner=self.manner.text(),
            performance_place=self.place.text(),
            performance_deadline=self.deadline.text(),
        )


# 人民调解法 art. 26: when mediation fails the parties are told the ways still open to them.
ADVICE = (
    QT_TRANSLATE_NOOP("FailDialog", "可以依法通过仲裁、行政、司法等途径维护自己的权利"),
    QT_TRANSLATE_NOOP("FailDialog", "可以依法向人民法院提起诉讼"),
    QT_TRANSLATE_NOOP("FailDialog", "可以依法申请仲裁"),
    QT_TRANSLATE_NOOP("FailDialog", "可以依法申请劳动争议仲裁"),
    QT_TRANSLATE_NOOP("FailDialog", "可以请求有关行政机关依法处理"),
)


class FailDialog(CaseStepDialog):
    """调解不成: why, and which way the parties were told to go (litigation, arbitration ...)."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="fail")
        self.setWindowTitle(self.tr("调解不成"))
        self.date = self.date_edit("Date", self.tr("日期："), earliest=self.case.registered_on)
        self.reason = self.text_box(
            "Reason", self.tr("调解不成的原因："), placeholder=self.tr("如：双方对赔偿数额分歧过大")
        )
        self.advice = self.text_combo(
            "Advice", self.tr("已告知当事人："), [self.tr(t) for t in ADVICE], editable=True
        )
        self.finish()

    def reason_text(self) -> str:
        reason = self.reason.toPlainText().strip().rstrip("。")
        advice = self.advice.currentText().strip().rstrip("。")
        if not advice:
            return reason
        return self.tr("%1。已告知当事人%2。").replace("%1", reason).replace("%2", advice)

    def check(self) -> list[str]:
        return required(self.tr("调解不成的原因"), self.reason.toPlainText())

    def apply(self, session: Session) -> None:
        mediation.fail_case(
            session, self.case.id, reason=self.reason_text(), closed_on=pydate(self.date)
        )


class TerminateDialog(CaseStepDialog):
    """终止调解 (a party withdraws or sues, the dispute is gone ...)."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="terminate")
        self.setWindowTitle(self.tr("终止调解"))
        self.date = self.date_edit("Date", self.tr("终止日期："), earliest=self.case.registered_on)
        self.reason = self.text_box(
            "Reason",
            self.tr("终止原因："),
            placeholder=self.tr("如：申请人撤回申请；一方已向人民法院起诉"),
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("终止原因"), self.reason.toPlainText())

    def apply(self, session: Session) -> None:
        mediation.terminate_case(
            session,
            self.case.id,
            reason=self.reason.toPlainText(),
            closed_on=pydate(self.date),
        )


class PerformanceDialog(CaseStepDialog):
    """履行情况: how the agreement is carried out and, once done, the day it was fully performed
    (a settled case moves to 履行中)."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="perform")
        self.setWindowTitle(self.tr("履行情况"))
        earliest = self.case.agreement_on or self.case.registered_on
        self.completed = QCheckBox(self.tr("已履行完毕，日期："), self)
        self.completed.setObjectName("performDone")
        performed_on, note = self.case.performance
        # A later visit to this dialog updates what was recorded (e.g. the rest was paid).
        self.completed.setChecked(performed_on is not None or not note)
        self.date = self.date_edit("Date", self.completed, performed_on, earliest=earliest)
        self.date.setEnabled(self.completed.isChecked())
        self.completed.toggled.connect(self.date.setEnabled)
        self.note = self.text_box(
            "Note",
            self.tr("履行情况："),
            note,
            placeholder=self.tr("如：被申请人已当场支付赔偿款"),
        )
        self.finish()

    def apply(self, session: Session) -> None:
        mediation.record_performance(
            session,
            self.case.id,
            performed_on=pydate(self.date) if self.completed.isChecked() else None,
            note=self.note.toPlainText(),
        )


class ConfirmationDialog(CaseStepDialog):
    """司法确认: the day the parties applied to the court (this stops the 30-day clock)."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="confirm")
        self.setWindowTitle(self.tr("司法确认"))
        if self.case.agreement_on is not None:
            due = rules.confirmation_due(self.case.agreement_on)
            self.info("Due", self.tr("申请期限："), due.isoformat())
        applied_on, court, result = self.case.confirmation
        earliest = self.case.agreement_on or self.case.registered_on
        self.date = self.date_edit(
            "AppliedOn", self.tr("申请日期："), applied_on, earliest=earliest
        )
        self.court = self.line(
            "Court", self.tr("受理法院："), court, placeholder=self.tr("如：某某区人民法院")
        )
        # Applied for now, the court's answer added later by opening this dialog again.
        self.result_box = self.line(
            "Result",
            self.tr("确认结果："),
            result,
            placeholder=self.tr("如：裁定确认协议有效（可稍后填写）"),
        )
        if self.case.agreement_kind != "written":
            self.info("Refused", "", self.tr("口头协议不能申请司法确认，只有书面调解协议可以。"))
            self.ok_button.setEnabled(False)
        self.finish()

    def apply(self, session: Session) -> None:
        mediation.record_confirmation(
            session,
            self.case.id,
            applied_on=pydate(self.date),
            court=self.court.text().strip(),
            result=self.result_box.text().strip(),
        )


class FollowUpDialog(CaseStepDialog):
    """回访: who visited, why, how the agreement is being kept, and the parties' satisfaction."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="followUp")
        self.setWindowTitle(self.tr("回访记录"))
        earliest = self.case.agreement_on or self.case.registered_on
        self.date = self.date_edit("Date", self.tr("回访日期："), earliest=earliest)
        self.visitor = self.line("Visitor", self.tr("回访人："), signed_in_name(db))
        self.reason = self.line("Reason", self.tr("回访事由："), self.tr("了解调解协议履行情况"))
        self.performance = self.text_box("Performance", self.tr("履行情况："))
        self.satisfaction = self.combo(
            "Satisfaction", self.tr("当事人满意度："), rules.SATISFACTION, "satisfied"
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("回访人"), self.visitor.text())

    def apply(self, session: Session) -> None:
        mediation.add_follow_up(
            session,
            self.case.id,
            visited_on=pydate(self.date),
            visitor=self.visitor.text().strip(),
            reason=self.reason.text().strip(),
            performance=self.performance.toPlainText().strip(),
            satisfaction=self.satisfaction.currentData(),
        )


# 保管期限 of a 卷宗, as archives word them.
RETENTION = (
    QT_TRANSLATE_NOOP("ArchiveDialog", "长期"),
    QT_TRANSLATE_NOOP("ArchiveDialog", "永久"),
    QT_TRANSLATE_NOOP("ArchiveDialog", "短期"),
)


class ArchiveDialog(CaseStepDialog):
    """归档 into a 卷宗: 卷号 (the case number unless changed), 立卷人, 保管期限, 检查人, notes."""

    def __init__(self, db: Database, case_id: str, parent: QWidget | None = None):
        super().__init__(db, case_id, parent, name="archive")
        self.setWindowTitle(self.tr("归档"))
        self.volume = self.line("Volume", self.tr("卷号："), self.case.number)
        self.archived_by = self.line("By", self.tr("立卷人："), signed_in_name(db))
        self.date = self.date_edit("Date", self.tr("立卷日期："), earliest=self.case.registered_on)
        self.retention = self.text_combo(
            "Retention", self.tr("保管期限："), [self.tr(t) for t in RETENTION]
        )
        self.checked_by = self.line("CheckedBy", self.tr("检查人："))
        self.notes = self.text_box(
            "Notes", self.tr("卷宗情况说明："), placeholder=self.tr("需要说明的情况（可不填）")
        )
        self.finish()

    def check(self) -> list[str]:
        return required(self.tr("立卷人"), self.archived_by.text())

    def apply(self, session: Session) -> None:
        mediation.archive_case(
            session,
            self.case.id,
            archived_on=pydate(self.date),
            archived_by=self.archived_by.text(),
            retention=RETENTION[self.retention.currentIndex()],
            volume=self.volume.text(),
            file_notes=self.notes.toPlainText().strip(),
            checked_by=self.checked_by.text().strip(),
        )


STEP_DIALOGS: dict[str, type[CaseStepDialog]] = {
    "accept": AcceptDialog,
    "decline": DeclineDialog,
    "investigate": InvestigationDialog,
    "session": SessionDialog,
    "settle": SettleDialog,
    "fail": FailDialog,
    "terminate": TerminateDialog,
    "perform": PerformanceDialog,
    "confirm": ConfirmationDialog,
    "follow_up": FollowUpDialog,
    "archive": ArchiveDialog,
}
