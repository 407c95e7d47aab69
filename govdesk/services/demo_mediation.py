"""Demo mediation cases in every state, with deadlines around today, attachments and screening rounds.

Made through the mediation services (numbers, audit trail and versions as real work makes
them), by govdesk itself. Dates count back from `today`, not from the demo's reference date:
the case list must show overdue cases and cases due within three days on the day the demo is
opened. The same seed gives the same cases for the same day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import join_statements
from govdesk.domain.permissions import SYSTEM
from govdesk.services import demo_data as data
from govdesk.services import mediation, mediation_attachments, mediation_screening
from govdesk.services.mediation import PartyInput
from govdesk.store.database import Database

CST = dt.timezone(dt.timedelta(hours=8))
Story = tuple[str, str, str, str, str, list[tuple[str, str]], list[str], str, str, str, str]


@dataclass
class MediationDemo:
    """What was made: case ids by the state they were left in, screening reports."""

    cases: dict[str, list[str]] = field(default_factory=dict)
    screening_reports: int = 0
    missing_rounds: list[tuple[str, dt.date]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.cases.values())


def _at(day: dt.date, hour: int = 9, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=CST).astimezone(dt.UTC)


def _tiny_pdf(caption: str) -> bytes:
    """A one-page PDF standing in for a scanned, signed form."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setTitle(caption)
    page.drawString(72, 760, caption)
    page.rect(72, 600, 200, 120)
    page.save()
    return out.getvalue()


def _tiny_png() -> bytes:
    """A small photo stand-in (a grey square with a darker stripe)."""
    from PIL import Image

    image = Image.new("RGB", (48, 32), (200, 200, 200))
    for x in range(48):
        for y in range(12, 18):
            image.putpixel((x, y), (90, 90, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class _Maker:
    def __init__(self, session: Session, rng: random.Random, today: dt.date, residents: list[str]):
        self.session = session
        self.rng = rng
        self.today = today
        self.residents = residents
        self.result = MediationDemo()

    def tx(self) -> contextlib.nullcontext[Session]:
        """The one transaction of the whole demo: a few hundred small commits, each waiting
        for the disk, took over a second."""
        return contextlib.nullcontext(self.session)

    # -- people ----------------------------------------------------------------------------
    def _name(self) -> str:
        surname = self.rng.choice([s for s, _ in data.SURNAMES[:40]])
        first, second = data.GIVEN[
            (self.rng.choice(("old", "mid")), self.rng.choice(("male", "female")))
        ]
        given = self.rng.choice(first) + (
            self.rng.choice(second) if self.rng.random() < 0.75 else ""
        )
        return surname + given

    def _parties(self, story: Story) -> list[PartyInput]:
        out = []
        for n, (role, occupation) in enumerate(story[5]):
            # About a third of the applicants live in the community and are on the register.
            if n == 0 and self.residents and self.rng.random() < 0.35:
                out.append(PartyInput(role=role, resident_id=self.rng.choice(self.residents)))
                continue
            phone = self.rng.choice(data.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            out.append(
                PartyInput(
                    role=role,
                    name=self._name(),
                    sex=self.rng.choice(("男", "女")),
                    age=self.rng.randint(24, 78),
                    occupation=occupation,
                    phone=phone,
                    address=f"幸福里{self.rng.randint(1, 30)}号楼{self.rng.randint(1, 6)}单元"
                    f"{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室",
                )
            )
        return out

    def _mediators(self) -> str:
        return "、".join(self.rng.sample(data.MEDIATORS, 2))

    # -- steps -----------------------------------------------------------------------------
    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def register(self, story: Story, on: dt.date, *, grid_event: bool = False) -> str:
        with self.tx() as s:
            parties = self._parties(story)
            by = self.rng.choice(data.MEDIATORS)
            if grid_event:
                case = mediation.register_from_grid_event(
                    s,
                    event_id=f"WG-{on:%Y%m%d}-{self.rng.randint(100, 999)}",
                    dispute_type=story[0],
                    summary=story[3],
                    parties=parties,
                    registered_on=on,
                    risk=story[2],
                    request=story[4],
                    registered_by=by,
                )
            else:
                case = mediation.register_case(
                    s,
                    dispute_type=story[0],
                    source=story[1],
                    summary=story[3],
                    parties=parties,
                    registered_on=on,
                    risk=story[2],
                    request=story[4],
                    registered_by=by,
                    applied_on=on if story[1] == "application" else None,
                )
            return case.id

    def accept(self, case_id: str, on: dt.date) -> None:
        with self.tx() as s:
            mediation.accept_case(s, case_id, accepted_on=on, mediators=self._mediators())

    def _statements(self, case_id: str, story: Story) -> str:
        with self.tx() as s:
            names = [p.name for p in mediation.parties(s, case_id)]
        return join_statements(list(zip(names, story[6], strict=False)))

    def investigate(self, case_id: str, story: Story, on: dt.date) -> None:
        statements = self._statements(case_id, story)
        with self.tx() as s:
            mediation.record_session(
                s,
                case_id,
                kind="investigation",
                held_at=_at(on, 15, 0),
                place=self.rng.choice(data.MEDIATION_PLACES[2:]),
                subject="现场调查核实情况",
                participants=mediation.get_case(s, case_id).party_names,
                mediators=self._mediators(),
                recorder=self.rng.choice(data.MEDIATORS),
                statements=statements,
                facts=story[7],
                result="情况已核实，择日组织调解。",
            )

    def mediate(self, case_id: str, story: Story, on: dt.date, result: str = "") -> None:
        statements = self._statements(case_id, story)
        with self.tx() as s:
            case = mediation.get_case(s, case_id)
            mediation.record_session(
                s,
                case_id,
                kind="mediation",
                held_at=_at(on),
                place=data.MEDIATION_PLACES[0],
                subject=rules.DISPUTE_TYPES.zh(case.dispute_type) + "纠纷调解",
                participants=case.party_names,
                mediators=case.mediators,
                recorder=self.rng.choice(data.MEDIATORS),
                statements=statements,
                facts=story[7],
                result=result or "双方各自陈述意见，同意继续协商。",
            )

    def settle(self, case_id: str, story: Story, on: dt.date, kind: str = "written") -> None:
        manner, place, deadline = story[9].split("；")
        with self.tx() as s:
            mediation.settle_case(
                s,
                case_id,
                agreement_on=on,
                agreement_kind=kind,
                agreement_terms=story[8],
                agreement_facts=story[7],
                performance_manner=manner,
                performance_place=place,
                performance_deadline=deadline,
            )

    def close(self, case_id: str, story: Story, on: dt.date, *, failed: bool) -> None:
        with self.tx() as s:
            close = mediation.fail_case if failed else mediation.terminate_case
            close(s, case_id, reason=story[10], closed_on=on)

    def perform(self, case_id: str, on: dt.date | None, note: str) -> None:
        with self.tx() as s:
            mediation.record_performance(s, case_id, performed_on=on, note=note)

    def visit(self, case_id: str, on: dt.date, satisfaction: str = "satisfied") -> None:
        with self.tx() as s:
            mediation.add_follow_up(
                s,
                case_id,
                visited_on=on,
                visitor=self.rng.choice(data.MEDIATORS),
                reason="了解协议履行情况",
                performance="已按协议履行" if satisfaction == "satisfied" else "部分履行",
                satisfaction=satisfaction,
            )

    def archive(self, case_id: str, on: dt.date, volume: str | None = None) -> None:
        with self.tx() as s:
            mediation.archive_case(
                s,
                case_id,
                archived_on=on,
                archived_by=self.rng.choice(data.MEDIATORS),
                retention="长期",
                volume=volume,
                file_notes="本卷材料齐全，协议已履行完毕。" if volume is None else "",
                checked_by="周主任",
            )

    def attach(self, case_id: str, kind: str, on: dt.date, content: bytes, name: str) -> None:
        with self.tx() as s:
            mediation_attachments.add_attachment(
                s, case_id, data=content, file_name=name, kind=kind, added_on=on
            )

    def keep(self, state: str, case_id: str) -> None:
        self.result.cases.setdefault(state, []).append(case_id)

    def story(self) -> Story:
        return self.rng.choice(data.MEDIATION_STORIES)


def _current(m: _Maker) -> None:
    """The open cases the list highlights, one or more in every state."""
    d, story = m.day, m.story
    stories = data.MEDIATION_STORIES

    m.keep("registered", m.register(stories[0], d(-1)))
    m.keep("registered", m.register(stories[7], d(0), grid_event=True))

    # Accepted, due in two days; and accepted, five days overdue.
    for due_in in (2, -5):
        s = story()
        accepted = rules.add_months(d(due_in), -1)
        case = m.register(s, accepted - dt.timedelta(days=1))
        m.accept(case, accepted)
        m.keep("accepted", case)

    s = story()
    case = m.register(s, d(-20))
    with m.tx() as session:
        mediation.decline_case(
            session,
            case,
            reason="该纠纷已由人民法院受理，不属于人民调解受理范围。",
            declined_on=d(-18),
        )
    m.keep("declined", case)

    s = stories[5]
    case = m.register(s, d(-11))
    m.accept(case, d(-10))
    m.investigate(case, s, d(-8))
    m.keep("investigating", case)

    # Mediating: three days overdue after two sessions; and one due within three days.
    for due_in in (-3, 1):
        s = story()
        accepted = rules.add_months(d(due_in), -1)
        case = m.register(s, accepted - dt.timedelta(days=2))
        m.accept(case, accepted)
        m.investigate(case, s, accepted + dt.timedelta(days=2))
        m.mediate(case, s, accepted + dt.timedelta(days=6))
        if due_in < 0:
            m.mediate(case, s, accepted + dt.timedelta(days=12))
        m.keep("mediating", case)
    s = stories[2]
    case = m.register(s, d(-7))
    m.accept(case, d(-6))
    m.mediate(case, s, d(-3))
    m.keep("mediating", case)

    # Settled with a written agreement whose 30-day 司法确认 window ends in three days.
    s = stories[4]
    case = m.register(s, d(-45))
    m.accept(case, d(-44))
    m.investigate(case, s, d(-40))
    m.mediate(case, s, d(-27), "双方达成书面协议。")
    m.settle(case, s, d(-27))
    m.attach(case, "evidence", d(-40), _tiny_png(), "事故现场照片.png")
    m.keep("settled", case)

    s = stories[7]
    case = m.register(s, d(-14))
    m.accept(case, d(-13))
    m.mediate(case, s, d(-9), "双方当场达成口头协议。")
    m.settle(case, s, d(-9), kind="oral")
    m.keep("settled", case)

    # Settled in writing; the parties applied for 司法确认, so that clock has stopped.
    s = stories[6]
    case = m.register(s, d(-20))
    m.accept(case, d(-19))
    m.mediate(case, s, d(-15), "双方达成书面协议。")
    m.settle(case, s, d(-15))
    with m.tx() as session:
        mediation.record_confirmation(session, case, applied_on=d(-10), court="区人民法院")
    m.keep("settled", case)

    # Performing: one whose 司法确认 window passed ten days ago, one still running.
    for agreed in (-40, -20):
        s = story()
        case = m.register(s, d(agreed - 12))
        m.accept(case, d(agreed - 11))
        m.mediate(case, s, d(agreed), "双方达成书面协议。")
        m.settle(case, s, d(agreed))
        m.perform(case, None, "已履行第一期，余款按约定期限支付。")
        m.visit(case, d(agreed + 15), "fairly")
        m.keep("performing", case)

    s = stories[3]
    case = m.register(s, d(-30))
    m.accept(case, d(-29))
    m.mediate(case, s, d(-25))
    m.mediate(case, s, d(-20), "调解不成。")
    m.close(case, s, d(-20), failed=True)
    m.keep("failed", case)

    s = stories[1]
    case = m.register(s, d(-26))
    m.accept(case, d(-25))
    m.mediate(case, s, d(-22))
    m.close(case, s, d(-16), failed=False)
    m.keep("terminated", case)


def _archived(m: _Maker) -> None:
    """Closed cases of the months before, archived, for the statistics and the 卷宗."""
    outcomes = ("written", "written", "written", "oral", "oral", "failed", "terminated")
    for months_back in range(8, 2, -1):
        for _ in range(m.rng.randint(2, 4)):
            s = m.story()
            registered = m.day(-30 * months_back + m.rng.randint(0, 20))
            case = m.register(s, registered)
            accepted = registered + dt.timedelta(days=m.rng.randint(0, 2))
            m.accept(case, accepted)
            m.mediate(case, s, accepted + dt.timedelta(days=3))
            closed = accepted + dt.timedelta(days=m.rng.randint(5, 25))
            outcome = m.rng.choice(outcomes)
            if outcome in ("written", "oral"):
                m.settle(case, s, closed, kind=outcome)
                m.perform(case, closed + dt.timedelta(days=10), "已按协议全部履行。")
                m.visit(case, closed + dt.timedelta(days=20))
            else:
                m.close(case, s, closed, failed=outcome == "failed")
            m.archive(case, closed + dt.timedelta(days=28))
            m.keep("archived", case)
    # One fully filed case with its signed scans attached.
    case = m.result.cases["archived"][0]
    on = m.day(-150)
    m.attach(case, "id_proof", on, _tiny_pdf("ID card copies (demo)"), "身份证复印件.pdf")
    m.attach(case, "agreement", on, _tiny_pdf("Signed agreement (demo)"), "协议书签字件.pdf")
    # A declined case archived under a volume number given by hand.
    s = m.story()
    case = m.register(s, m.day(-75))
    with m.tx() as session:
        mediation.decline_case(session, case, reason="双方已自行和解。", declined_on=m.day(-74))
    m.archive(case, m.day(-60), volume=f"（{m.day(-60).year}）不予受理第1号")
    m.keep("archived", case)


def _screening(m: _Maker) -> None:
    """Recent rounds: findings, 零报告, and one round of each kind left unfiled."""
    spans = {"weekly": 42, "ten_day": 60, "monthly": 120}
    skip = {"weekly": 1, "ten_day": 2, "monthly": 1}  # index from the newest ended period
    for round_, days in spans.items():
        periods = [
            p for p in rules.screening_periods(round_, m.day(-days), m.today) if p[1] < m.today
        ]
        for index, (start, end) in enumerate(reversed(periods)):
            if index == skip[round_]:
                m.result.missing_rounds.append((round_, start))
                continue
            zero = m.rng.random() < 0.5 or index == 0
            found = 0 if zero else m.rng.randint(1, 2)
            with m.tx() as s:
                mediation_screening.file_report(
                    s,
                    round=round_,
                    period_start=start,
                    zero_report=zero,
                    disputes_found=found,
                    findings="" if zero else m.story()[3],
                    measures="继续做好矛盾纠纷排查化解工作。"
                    if zero
                    else "已登记并安排调解员跟进。",
                    reported_on=min(end + dt.timedelta(days=1), m.today),
                    reporter=m.rng.choice(data.MEDIATORS),
                )
            m.result.screening_reports += 1


def _prefix(office_name: str) -> str:
    """幸福社区居民委员会 → 幸福: the short name in the case numbers."""
    for tail in ("社区居民委员会", "居民委员会", "村民委员会", "社区居委会", "村委会", "社区"):
        if office_name.endswith(tail) and len(office_name) > len(tail):
            return office_name[: -len(tail)]
    return office_name[:2]


def create_mediation_demo(
    db: Database, *, seed: int, office_name: str, today: dt.date | None = None
) -> MediationDemo:
    """Mediation cases in every state, attachments and screening reports in a demo database."""
    day = today or dt.date.today()
    rng = random.Random(f"mediation:{seed}:{day.isoformat()}")
    with db.connect() as conn:
        residents = [
            str(r[0])
            for r in conn.execute(
                text(
                    "SELECT id FROM resident WHERE status = 'on_register' AND person_type <> 'foreign' "
                    "AND birth_date <= :adult ORDER BY rowid LIMIT 300"
                ),
                {"adult": day - dt.timedelta(days=20 * 366)},
            )
        ]
    previous = db.actor
    db.actor = SYSTEM
    try:
        with db.session() as s:
            mediation.set_number_prefix(s, _prefix(office_name))
            maker = _Maker(s, rng, day, residents)
            steps: list[Callable[[_Maker], None]] = [_archived, _current, _screening]
            for step in steps:
                step(maker)
    finally:
        db.actor = previous
    return maker.result
