"""Demo volunteer work: volunteers (residents and outsiders, 双报到 party members), three teams,
a weekly duty roster, activities past and coming with sign-ups, years of confirmed hours (so
some volunteers stand at each star level), an adjusting entry, and orders in every state.

The people, teams and roster go through the ORM (audited like a clerk's work); the years of
history (activities, sign-ups and hour lines by the thousand) are bulk Core inserts, as an
import would write them. The hours triggers keep volunteer_tally as for any other line.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, text
from sqlmodel import Session, col, select

from govdesk.domain import volunteers as rules
from govdesk.domain.models import (
    DutyAssignment,
    DutyShift,
    HourEntry,
    StarReview,
    Volunteer,
    VolunteerActivity,
    VolunteerSignup,
    VolunteerTeam,
    VolunteerTeamMember,
    table_of,
)
from govdesk.domain.names import pinyin_keys
from govdesk.domain.permissions import SYSTEM
from govdesk.services import demo_data as data
from govdesk.services import volunteer_orders as orders
from govdesk.services.office import current_office
from govdesk.store.counters import next_in_sequence
from govdesk.store.database import Database
from govdesk.store.versioning import reserve_versions

from stdnum.cn import ric  # isort: skip

RESIDENT_VOLUNTEERS = 44
OUTSIDERS = (
    ("周建军", "male", "北京市朝阳区税务局", "区税务局机关党委"),
    ("孙丽华", "female", "北京市第八十中学", "学校党总支"),
    ("钱志远", "male", "朝阳区人民法院", "法院机关党委"),
    ("郑晓敏", "female", "朝阳区妇幼保健院", "医院党委"),
    ("冯海涛", "male", "北京城建集团", "集团第三党支部"),
    ("陈雪梅", "female", "区卫生健康委", "机关第二党支部"),
    ("褚国强", "male", "国网北京朝阳供电公司", "公司党委"),
    ("卫红英", "female", "中国银行朝阳支行", "支行党支部"),
    ("蒋文博", "male", "北京市律师协会", "协会党委"),
    ("沈佳怡", "female", "区图书馆", "馆党支部"),
    ("韩立新", "male", "街道社区卫生服务中心", "中心党支部"),
    ("杨秋菊", "female", "区民政局", "机关党委"),
)
PARTY = ("party_member", "probationary_member")
UNAFFILIATED = (("朱晓峰", "male"), ("秦玉兰", "female"), ("许振东", "male"), ("何静", "female"))
TEAMS = (
    ("红色先锋志愿服务队", "治安巡逻、文明劝导", ("patrol", "civility", "emergency")),
    ("夕阳红助老服务队", "助老服务、探访老人", ("elderly_care", "health", "counselling")),
    ("绿色家园环保队", "环境清洁、垃圾分类", ("cleaning", "repairs", "tutoring")),
)
# (duty, title, weekday, start hour, end hour, place, headcount, team index)
SHIFTS = (
    ("patrol", "夜间治安巡逻", 2, 19, 21, "社区各楼栋", 3, 0),
    ("patrol", "周末治安巡逻", 6, 19, 21, "社区各楼栋", 3, 0),
    ("elderly_visit", "探访独居老人", 3, 9, 11, "独居老人家中", 2, 1),
    ("elderly_visit", "助老送餐", 5, 11, 13, "社区老年餐桌", 2, 1),
    ("cleaning", "楼道清洁", 6, 8, 10, "各小区楼道", 3, 2),
    ("duty_desk", "社区服务站值班", 1, 14, 17, "社区服务站", 1, None),
    ("civility", "文明劝导", 4, 17, 19, "小区主干道", 2, 0),
)
# What the years before the demo's weeks were made of: (title, project, start, end, place).
HISTORY = (
    ("夜间治安巡逻", "平安社区", 19, 21, "社区各楼栋"),
    ("探访独居老人", "关爱老人", 9, 11, "独居老人家中"),
    ("环境清洁日", "美丽家园", 8, 11, "社区广场"),
    ("健康义诊", "健康进社区", 9, 12, "社区卫生服务站"),
    ("法律咨询进社区", "普法宣传", 14, 17, "社区服务站"),
    ("垃圾分类宣传", "美丽家园", 15, 18, "小区门口"),
    ("助老送餐", "关爱老人", 11, 13, "社区老年餐桌"),
    ("青少年课业辅导", "四点半课堂", 16, 18, "社区活动室"),
)
# Confirmed minutes of the volunteers with a long history: each star level, and its edges.
HISTORY_HOURS = (1750, 1500, 1120, 1000, 760, 600, 420, 300, 150, 100, 99.5, 45, 12)
COMING = (
    ("社区义务理发", "便民服务", 2, 9, 11, "社区活动室", 3, "haircut"),
    ("家电义务维修", "便民服务", 4, 9, 12, "社区服务站门前", 4, "repairs"),
    ("反诈宣传进小区", "平安社区", 6, 15, 17, "小区广场", 6, ""),
    ("智能手机使用课堂", "数字助老", 9, 14, 16, "社区活动室", 3, "it_help"),
    ("心理健康讲座", "健康进社区", 11, 19, 21, "社区会议室", 2, "counselling"),
)
RECENT = (
    ("环境清洁日", "美丽家园", 8, 11, "社区广场", 8, "cleaning"),
    ("健康义诊", "健康进社区", 9, 12, "社区卫生服务站", 4, "health"),
    ("法律咨询进社区", "普法宣传", 14, 17, "社区服务站", 3, "legal_advice"),
    ("垃圾分类宣传", "美丽家园", 15, 18, "小区门口", 6, ""),
    ("青少年课业辅导", "四点半课堂", 16, 18, "社区活动室", 4, "tutoring"),
    ("消防应急演练", "平安社区", 9, 11, "社区广场", 10, "emergency"),
)
ORDER_NEEDS = (
    ("帮忙更换厨房水龙头", "repairs", "上午"),
    ("陪同去医院复诊", "elderly_care", "上午，需轮椅"),
    ("上门理发", "haircut", "下午3点"),
    ("咨询赡养费纠纷", "legal_advice", "晚上"),
    ("教用手机挂号", "it_help", "下午"),
    ("楼道杂物清理", "cleaning", "上午"),
    ("代买药品", "elderly_care", "上午10点前"),
    ("修理电动自行车", "repairs", "下午"),
    ("孩子作业辅导", "tutoring", "晚上7点"),
    ("独居老人心理疏导", "counselling", "下午"),
)


@dataclass
class VolunteersDemo:
    volunteers: int = 0
    teams: int = 0
    shifts: int = 0
    activities: int = 0
    hour_lines: int = 0
    orders: dict[str, int] = field(default_factory=dict)


def create_volunteers_demo(
    db: Database, *, seed: int, today: dt.date | None = None
) -> VolunteersDemo:
    """Fill the volunteer tables of a demo office (its residents and grids already made)."""
    day = today or dt.date.today()
    rng = random.Random(f"volunteers:{seed}")
    result = VolunteersDemo()
    previous = db.actor
    db.actor = SYSTEM
    try:
        with db.session() as s:
            people = _volunteers(s, rng, day)
            teams = _teams(s, rng, people, day)
            shifts = _roster(s, rng, teams, day)
            result.volunteers, result.teams, result.shifts = len(people), len(teams), len(shifts)
        ids = [v.id for v in people]
        with db.begin() as conn:
            office_id = conn.execute(text("SELECT id FROM office")).scalar_one()
            bulk = _Bulk(conn, db.instance_id, office_id, rng)
            recent = _recent(bulk, people, teams, day)
            _history(bulk, people, day, recent)
            result.activities, result.hour_lines = bulk.flush()
        _adjustment(db, ids[len(HISTORY_HOURS) + 2 :], day)
        result.orders = _orders(db, rng, people, day)
    finally:
        db.actor = previous
    return result


def _new_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time of the office's day, stored as UTC."""
    return dt.datetime.combine(day, dt.time(hour, minute)).astimezone(dt.UTC)


def _days(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.2:
        return ""  # not stated
    if choice < 0.45:
        return "67"
    return "".join(str(d) for d in sorted(rng.sample(range(1, 8), rng.randint(2, 5))))


def _times(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return ""
    codes = [c.code for c in rules.AVAILABLE_TIMES]
    return ",".join(sorted(rng.sample(codes, rng.randint(1, 2)), key=codes.index))


def _skills(rng: random.Random, first: Sequence[str] = ()) -> str:
    every = [c.code for c in rules.DEFAULT_SKILLS]
    picked = list(first) + rng.sample(every, rng.randint(1, 2))
    return rules.join_codes(picked)


def _outsider_id(rng: random.Random, sex: str) -> str:
    birth = dt.date(rng.randint(1968, 1995), rng.randint(1, 12), rng.randint(1, 28))
    seq = 2 * rng.randrange(500) + 1 if sex == "male" else 2 * rng.randrange(1, 500)
    body = f"{rng.choice(data.BEIJING_AREAS)}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def _add(session: Session, office_id: str, **values: Any) -> Volunteer:
    number = rules.volunteer_number(next_in_sequence(session, rules.NUMBER_KEY))
    name = str(values["name"])
    pinyin, initials = pinyin_keys(name)
    volunteer = Volunteer(
        office_id=office_id, number=number, name_pinyin=pinyin, name_initials=initials, **values
    )
    session.add(volunteer)
    return volunteer


def _volunteers(session: Session, rng: random.Random, day: dt.date) -> list[Volunteer]:
    """Residents aged 18–72 picked from the register, then the outsiders."""
    office_id = current_office(session).id
    youngest, oldest = day.replace(year=day.year - 18), day.replace(year=day.year - 72)
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT id, name, sex, political_status FROM resident "
                "WHERE status = 'on_register' AND birth_date BETWEEN :old AND :young "
                "ORDER BY rowid LIMIT 4000"
            ),
            {"old": oldest.isoformat(), "young": youngest.isoformat()},
        )
        .all()
    )
    picked = rng.sample(rows, min(RESIDENT_VOLUNTEERS, len(rows)))
    people: list[Volunteer] = []
    for n, row in enumerate(picked):
        joined = day - dt.timedelta(days=rng.randint(60, 1900))
        status = rules.ACTIVE
        left_on = None
        if n in (7, 23):
            status = rules.PAUSED
        elif n in (15, 31):
            status, left_on = rules.LEFT, day - dt.timedelta(days=rng.randint(10, 50))
        # Half the resident party members work elsewhere and also report here (双报到).
        dual = row.political_status in PARTY and n % 2 == 0
        _name, _sex, unit, org = OUTSIDERS[n % len(OUTSIDERS)]
        people.append(
            _add(
                session,
                office_id,
                resident_id=row.id,
                name=row.name,
                sex=row.sex,
                skills=_skills(rng),
                available_days=_days(rng),
                available_times=_times(rng),
                party_member=row.political_status in PARTY,
                dual_report=dual,
                work_unit=unit if dual else "",
                unit_party_org=org if dual else "",
                reported_on=joined if dual else None,
                status=status,
                joined_on=joined,
                left_on=left_on,
            )
        )
    for name, sex, unit, org in OUTSIDERS:
        reported = day - dt.timedelta(days=rng.randint(30, 900))
        people.append(
            _add(
                session,
                office_id,
                name=name,
                sex=sex,
                id_number=_outsider_id(rng, sex),
                phone=rng.choice(data.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
                address="",
                skills=_skills(rng, ("legal_advice",) if "律师" in unit or "法院" in unit else ()),
                available_days="67",
                available_times=_times(rng) or "morning",
                party_member=True,
                dual_report=True,
                work_unit=unit,
                unit_party_org=org,
                reported_on=reported,
                joined_on=reported,
            )
        )
    for name, sex in UNAFFILIATED:
        people.append(
            _add(
                session,
                office_id,
                name=name,
                sex=sex,
                phone=rng.choice(data.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
                skills=_skills(rng),
                available_days=_days(rng),
                available_times=_times(rng),
                joined_on=day - dt.timedelta(days=rng.randint(20, 400)),
            )
        )
    session.flush()
    return people


def _teams(
    session: Session, rng: random.Random, people: list[Volunteer], day: dt.date
) -> list[tuple[VolunteerTeam, list[Volunteer]]]:
    office_id = current_office(session).id
    active = [v for v in people if v.status == rules.ACTIVE]
    out = []
    for i, (name, area, _skills_wanted) in enumerate(TEAMS):
        founded = day - dt.timedelta(days=1900 - 200 * i)
        team = VolunteerTeam(office_id=office_id, name=name, service_area=area, founded_on=founded)
        session.add(team)
        session.flush()
        members = active[i::3][:12]
        for member in members:
            session.add(
                VolunteerTeamMember(
                    office_id=office_id,
                    team_id=team.id,
                    volunteer_id=member.id,
                    joined_on=max(member.joined_on, founded),
                )
            )
        team.leader_id = members[0].id if members else None
        out.append((team, members))
    # One member moved to another team last year: the old membership ended.
    if len(out[0][1]) > 3:
        moved = out[0][1].pop()
        old = session.exec(
            select(VolunteerTeamMember).where(VolunteerTeamMember.volunteer_id == moved.id)
        ).one()
        old.left_on = day - dt.timedelta(days=300)
        session.add(
            VolunteerTeamMember(
                office_id=office_id,
                team_id=out[1][0].id,
                volunteer_id=moved.id,
                joined_on=old.left_on,
            )
        )
        out[1][1].append(moved)
    session.flush()
    return out


def _roster(
    session: Session,
    rng: random.Random,
    teams: list[tuple[VolunteerTeam, list[Volunteer]]],
    day: dt.date,
) -> list[DutyShift]:
    office_id = current_office(session).id
    start = day - dt.timedelta(days=182)
    everyone = [v for _, members in teams for v in members]
    shifts = []
    for duty, title, weekday, begin, end, place, headcount, team_at in SHIFTS:
        shift = DutyShift(
            office_id=office_id,
            duty=duty,
            title=title,
            weekday=weekday,
            start_time=dt.time(begin),
            end_time=dt.time(end),
            place=place,
            headcount=headcount,
            team_id=teams[team_at][0].id if team_at is not None else None,
            start_on=start,
        )
        session.add(shift)
        session.flush()
        pool = teams[team_at][1] if team_at is not None else everyone
        for volunteer in rng.sample(pool, min(headcount, len(pool))):
            session.add(
                DutyAssignment(
                    office_id=office_id,
                    shift_id=shift.id,
                    volunteer_id=volunteer.id,
                    start_on=start,
                )
            )
        shifts.append(shift)
    session.flush()
    return shifts


class _Bulk:
    """Rows for the Core inserts, stamped with provenance when written."""

    def __init__(self, conn: Connection, instance_id: str, office_id: str, rng: random.Random):
        self.conn, self.instance_id, self.office_id, self.rng = conn, instance_id, office_id, rng
        self.activities: list[dict] = []
        self.signups: list[dict] = []
        self.hours: list[dict] = []
        self.now = dt.datetime.now(dt.UTC)

    def activity(self, held_on: dt.date, title, project, start, end, place, **extra) -> str:
        row = {
            "id": _new_id(self.rng),
            "title": title,
            "project": project,
            "team_id": None,
            "held_on": held_on,
            "start_time": dt.time(start),
            "end_time": dt.time(end),
            "place": place,
            "headcount": 0,
            "skills": "",
            "organiser": "社区居委会",
            "duty_id": None,
            "state": rules.DONE,
            "note": "",
        }
        row.update(extra)
        self.activities.append(row)
        return str(row["id"])

    def signup(self, activity: dict, volunteer_id: str, state: str, minutes: int | None) -> None:
        held_on, start = activity["held_on"], activity["start_time"]
        check_in = _utc(held_on, start.hour) if minutes else None
        self.signups.append(
            {
                "id": _new_id(self.rng),
                "activity_id": activity["id"],
                "volunteer_id": volunteer_id,
                "signed_up_at": _utc(held_on - dt.timedelta(days=3), 10),
                "state": state,
                "check_in_at": check_in,
                "check_out_at": check_in + dt.timedelta(minutes=minutes or 0) if check_in else None,
                "warnings": "",
            }
        )

    def hour(self, activity: dict, volunteer_id: str, minutes: int, confirmed: bool) -> None:
        held_on = activity["held_on"]
        self.hours.append(
            {
                "id": _new_id(self.rng),
                "volunteer_id": volunteer_id,
                "served_on": held_on,
                "minutes": minutes,
                "kind": rules.SERVICE,
                "activity_id": activity["id"],
                "order_id": None,
                "adjusts_id": None,
                "reason": "",
                "state": rules.CONFIRMED if confirmed else rules.PENDING,
                "recorded_by": "admin",
                "confirmed_at": _utc(held_on + dt.timedelta(days=2), 9) if confirmed else None,
                "confirmed_by": "admin" if confirmed else "",
            }
        )

    def flush(self) -> tuple[int, int]:
        tables = (
            (VolunteerActivity, self.activities),
            (VolunteerSignup, self.signups),
            (HourEntry, self.hours),
        )
        total = sum(len(rows) for _, rows in tables)
        version = reserve_versions(self.conn, total) if total else 0
        for model, rows in tables:
            for row in rows:
                row.update(
                    office_id=self.office_id,
                    created_at=self.now,
                    updated_at=self.now,
                    version=version,
                    version_instance=self.instance_id,
                )
                version += 1
            for i in range(0, len(rows), 2000):
                self.conn.execute(insert(table_of(model)), rows[i : i + 2000])
        return len(self.activities), len(self.hours)


def _history(bulk: _Bulk, people: list[Volunteer], day: dt.date, recent: dict[str, int]) -> None:
    """Years of past activities, each with the volunteers of the long histories who served:
    with the recent weeks' confirmed minutes, each ends exactly at HISTORY_HOURS."""
    first = day - dt.timedelta(days=5 * 365)
    # The recent weeks are made by _recent, nine weeks back at most.
    cutoff = day - dt.timedelta(days=70)
    pool: list[dict] = []
    d = first
    while d < cutoff:
        for n, (title, project, start, end, place) in enumerate(HISTORY):
            # Two or three of the kinds each week, on their own weekdays.
            if (d.toordinal() // 7 + n) % 3 == 0 or n == 0:
                held = d + dt.timedelta(days=n % 7)
                bulk.activity(held, title, project, start, end, place)
                pool.append(bulk.activities[-1])
        d += dt.timedelta(days=7)
    veterans = [v for v in people if v.status == rules.ACTIVE][: len(HISTORY_HOURS)]
    for volunteer, hours in zip(veterans, HISTORY_HOURS, strict=False):
        target = round(hours * 60) - recent.get(volunteer.id, 0)
        # Joined before their first activity: the veterans' join day goes back far enough.
        volunteer_first = first if hours >= 300 else day - dt.timedelta(days=900)
        usable = [a for a in pool if a["held_on"] >= volunteer_first]
        bulk.rng.shuffle(usable)
        served = 0
        chosen = []
        for activity in usable:
            if served >= target:
                break
            length = (activity["end_time"].hour - activity["start_time"].hour) * 60
            minutes = min(length, target - served)
            chosen.append((activity, minutes))
            served += minutes
        for activity, minutes in sorted(chosen, key=lambda c: c[0]["held_on"]):
            bulk.signup(activity, volunteer.id, rules.CHECKED_OUT, minutes)
            bulk.hour(activity, volunteer.id, minutes, confirmed=True)
        served += recent.get(volunteer.id, 0)
        if chosen:
            earliest = min(a["held_on"] for a, _ in chosen)
            bulk.conn.execute(
                text(
                    "UPDATE volunteer SET joined_on = :d, stars_reviewed = :s, "
                    "version = :v, updated_at = :at WHERE id = :id"
                ),
                {
                    "d": min(volunteer.joined_on, earliest).isoformat(),
                    "v": reserve_versions(bulk.conn),
                    "at": bulk.now.strftime("%Y-%m-%d %H:%M:%S.%f"),
                    # The last review was a while ago: some have climbed since.
                    "s": max(0, rules.star_level(served) - (1 if hours in (1500, 600) else 0)),
                    "id": volunteer.id,
                },
            )


def _recent(
    bulk: _Bulk,
    people: list[Volunteer],
    teams: list[tuple[VolunteerTeam, list[Volunteer]]],
    day: dt.date,
) -> dict[str, int]:
    """The last eight weeks (checked in and out; last week's hours still to confirm) and the
    next two (signed up); returns the confirmed minutes of each volunteer."""
    rng = bulk.rng
    confirmed_minutes: dict[str, int] = {}
    active = [v for v in people if v.status == rules.ACTIVE]
    monday = day - dt.timedelta(days=day.weekday())
    for week in range(8, 0, -1):
        for n, (title, project, start, end, place, headcount, skill) in enumerate(RECENT):
            if (week + n) % 2:
                continue
            held = monday - dt.timedelta(weeks=week) + dt.timedelta(days=(n * 2) % 7)
            team = teams[n % 3][0].id if n % 2 == 0 else None
            bulk.activity(
                held,
                title,
                project,
                start,
                end,
                place,
                headcount=headcount,
                skills=skill,
                team_id=team,
            )
            activity = bulk.activities[-1]
            confirmed = held < day - dt.timedelta(days=7)
            for volunteer in rng.sample(active, min(headcount, len(active))):
                if rng.random() < 0.1:
                    bulk.signup(activity, volunteer.id, rules.ABSENT, None)
                    continue
                minutes = (end - start) * 60 - rng.choice((0, 0, 0, 15, 30))
                bulk.signup(activity, volunteer.id, rules.CHECKED_OUT, minutes)
                bulk.hour(activity, volunteer.id, minutes, confirmed=confirmed)
                if confirmed:
                    confirmed_minutes[volunteer.id] = (
                        confirmed_minutes.get(volunteer.id, 0) + minutes
                    )
    for title, project, offset, start, end, place, headcount, skill in COMING:
        held = day + dt.timedelta(days=offset)
        bulk.activity(
            held,
            title,
            project,
            start,
            end,
            place,
            headcount=headcount,
            skills=skill,
            state=rules.PLANNED,
        )
        activity = bulk.activities[-1]
        for volunteer in rng.sample(active, max(1, headcount - 1)):
            bulk.signup(activity, volunteer.id, rules.SIGNED_UP, None)
    return confirmed_minutes


def _adjustment(db: Database, volunteer_ids: list[str], day: dt.date) -> None:
    """A correction as the ledger keeps it: a confirmed line left intact, and a new line
    adjusting it with the reason (for a volunteer without a long history, whose total is
    left alone); and the last star review."""
    with db.session() as s:
        office_id = current_office(s).id
        line = s.exec(
            select(HourEntry)
            .where(
                HourEntry.state == rules.CONFIRMED,
                col(HourEntry.volunteer_id).in_(volunteer_ids),
                HourEntry.minutes >= 120,
            )
            .order_by(col(HourEntry.served_on).desc())
        ).first()
        if line is not None:
            s.add(
                HourEntry(
                    office_id=office_id,
                    volunteer_id=line.volunteer_id,
                    served_on=line.served_on,
                    minutes=-60,
                    kind=rules.ADJUSTMENT,
                    activity_id=line.activity_id,
                    adjusts_id=line.id,
                    reason="签退时间登记有误，实际提前一小时离开",
                    state=rules.CONFIRMED,
                    recorded_by="admin",
                    confirmed_at=_utc(day - dt.timedelta(days=5), 10),
                    confirmed_by="admin",
                )
            )
        s.add(
            StarReview(
                office_id=office_id,
                reviewed_on=day - dt.timedelta(days=200),
                reviewed_by="admin",
                promoted=4,
                note="年中星级评定",
            )
        )


def _orders(
    db: Database, rng: random.Random, people: list[Volunteer], day: dt.date
) -> dict[str, int]:
    """Ten requests from elderly residents, taken as far as each state (through the order
    service, as the 点单 page would)."""
    cutoff = day.replace(year=day.year - 70)
    with db.connect() as conn:
        elderly = conn.execute(
            text(
                "SELECT id FROM resident WHERE status = 'on_register' AND birth_date <= :d "
                "ORDER BY rowid LIMIT 200"
            ),
            {"d": cutoff.isoformat()},
        ).all()
    if not elderly:
        return {}
    # requested, requested, dispatched, dispatched, accepted, accepted, done ×3, cancelled
    plan = (
        ("requested",) * 2
        + ("dispatched",) * 2
        + ("accepted",) * 2
        + ("done",) * 3
        + ("cancelled",)
    )
    counts: dict[str, int] = {}
    for n, (target, (need, skill, when)) in enumerate(zip(plan, ORDER_NEEDS, strict=True)):
        asked = _utc(day - dt.timedelta(days=12 - n), 9, 30)
        with db.session() as s:
            order = orders.request(
                s,
                need=need,
                resident_id=rng.choice(elderly).id,
                skill=skill,
                wanted_on=day + dt.timedelta(days=n % 4) if target != "done" else asked.date(),
                wanted_time=when,
                now=asked,
            )
            if target != "requested" and target != "cancelled":
                helpers = [v for v in people if v.status == rules.ACTIVE and skill in v.skills]
                helpers = helpers or [v for v in people if v.status == rules.ACTIVE]
                helper = helpers[n % len(helpers)]
                orders.dispatch(s, order.id, helper.id, asked + dt.timedelta(hours=2))
                if target in ("accepted", "done"):
                    orders.accept(s, order.id, asked + dt.timedelta(hours=5))
                if target == "done":
                    orders.done(
                        s,
                        order.id,
                        minutes=rng.choice((45, 60, 90, 120)),
                        now=asked + dt.timedelta(days=1, hours=3),
                        feedback="服务及时，非常满意",
                    )
            elif target == "cancelled":
                orders.cancel(
                    s, order.id, reason="居民家属已自行解决", now=asked + dt.timedelta(hours=4)
                )
        counts[target] = counts.get(target, 0) + 1
    return counts
