"""Demo visits and grid events: visit rules, a few months of visits, events in every state.

Runs after the demo grids (services/demo_grids.py): visits are made by the grid workers who
hold a post in the household's grid, and events are reported in the demo's buildings. Some
households are left unvisited and some events are left past their deadline, so that the due
list, the overdue highlight and the 考核清单 have something to show. One dispute event is
turned into a mediation case. Everything goes through the services, as an office would do it.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

from govdesk.domain.permissions import SYSTEM
from govdesk.services import grid_events, mediation, visits
from govdesk.store.database import Database

CST = dt.timezone(dt.timedelta(hours=8))

# 独居老人 weekly, 社区矫正对象 monthly (issue 5), and the others as offices commonly set them.
VISIT_RULES = (
    ("elderly_alone", 7),
    ("community_correction", 30),
    ("severe_mental_illness", 14),
    ("drug_user", 30),
    ("released_prisoner", 30),
    ("left_behind_child", 30),
    ("extreme_poverty", 30),
    ("disabled", 90),
)
# How many ruled households get visits at all; the rest stay never visited (due at once).
VISITED_HOUSEHOLDS = 240
EVENTS = 36

DEPARTMENTS = ("城管执法队", "街道城建科", "物业公司", "派出所", "市场监管所", "供水公司")

# (category, description, department it usually goes to)
_EVENT_TEXTS = (
    ("sanitation", "楼道内堆放杂物和垃圾，长期无人清理", "物业公司"),
    ("sanitation", "小区垃圾桶满溢，周边有异味", "街道城建科"),
    ("safety_hazard", "电动车在楼道内充电，存在火灾隐患", "物业公司"),
    ("fire", "消防通道被私家车占用", "城管执法队"),
    ("public_facilities", "路灯不亮，夜间出行不便", "街道城建科"),
    ("public_facilities", "窨井盖破损，行人易绊倒", "街道城建科"),
    ("illegal_construction", "一楼住户私自扩建院墙", "城管执法队"),
    ("public_order", "夜间有人在小区门口聚集喧哗", "派出所"),
    ("property", "电梯多次故障停运，居民反映强烈", "物业公司"),
    ("livelihood", "二次供水水压不足，高层住户无水", "供水公司"),
    ("livelihood", "临街商户占道经营", "市场监管所"),
    ("dispute", "楼上卫生间漏水，上下楼邻居发生争执", ""),
    ("dispute", "两户因停车位归属发生纠纷", ""),
)


@dataclass
class EventsDemo:
    rules: int = 0
    visits: int = 0
    follow_ups_open: int = 0
    events: int = 0
    overdue: int = 0
    mediation_cases: int = 0


def _photo(rng: random.Random) -> bytes:
    """A small picture standing in for a photo taken on the round."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (160, 120), (rng.randrange(120, 220),) * 3)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(140), rng.randrange(100)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + rng.randrange(10, 40), y + rng.randrange(10, 30)), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=CST).astimezone(dt.UTC)


def _workers_by_grid(session: Session, on: dt.date) -> dict[str, list[str]]:
    """Full- and part-time workers holding a post on `on`, per grid."""
    rows = session.connection().execute(
        text(
            """
            SELECT grid_id, staff_id FROM grid_post
             WHERE role IN ('full_time', 'part_time') AND start_on <= :d
               AND (end_on IS NULL OR end_on > :d)
             ORDER BY grid_id, start_on, staff_id
            """
        ),
        {"d": on.isoformat()},
    )
    found: dict[str, list[str]] = {}
    for grid_id, staff_id in rows:
        found.setdefault(str(grid_id), []).append(str(staff_id))
    return found


def _visits(s: Session, rng: random.Random, today: dt.date, made: EventsDemo) -> None:
    due = visits.due_visits(s, today=today)
    workers = _workers_by_grid(s, today)
    # A sixth of the households have never been visited: the top of the due list.
    chosen = rng.sample(due, min(VISITED_HOUSEHOLDS, len(due) * 5 // 6))
    notes = (
        "老人身体状况良好，生活能自理",
        "了解近况，叮嘱注意用电安全",
        "家中无异常，子女近期来探望过",
        "反映腿脚不便，希望有人帮忙买菜",
        "情绪稳定，按时报到",
        "询问低保复核材料，已告知所需证件",
    )
    for d in chosen:
        staff = workers.get(d.grid_id or "", [])
        staff_id = rng.choice(staff) if staff else None
        # Most households are visited on time; some fall behind so the list has an order.
        lag = rng.choice((0, 0, 0, 1, 2, 3, 5, 9, 20))
        day = today - dt.timedelta(days=d.interval_days + lag - 1 if lag else rng.randrange(1, 6))
        for _ in range(rng.randrange(1, 4)):
            if day > today:
                break
            follow = rng.random() < 0.08
            visit = visits.record_visit(
                s,
                household_id=d.household_id,
                visited_on=day,
                staff_id=staff_id,
                kind=rng.choice(("routine", "routine", "care", "phone")),
                notes=rng.choice(notes),
                follow_up_needed=follow,
            )
            made.visits += 1
            if follow:
                if rng.random() < 0.5 and day < today:
                    visits.complete_follow_up(
                        s, visit.id, on=min(today, day + dt.timedelta(days=2)), note="已联系解决"
                    )
                else:
                    made.follow_ups_open += 1
            day -= dt.timedelta(days=d.interval_days)


def _places(s: Session) -> list[tuple[str, str]]:
    rows = s.connection().execute(
        text("SELECT id, address FROM place WHERE kind IN ('building', 'house') ORDER BY address")
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def _reporters(s: Session) -> list[tuple[str, str]]:
    rows = s.connection().execute(
        text(
            """
            SELECT DISTINCT st.id, st.name FROM grid_staff st
              JOIN grid_post p ON p.staff_id = st.id
             WHERE p.role IN ('full_time', 'part_time', 'grid_leader')
             ORDER BY st.name
            """
        )
    )
    return [(str(r[0]), str(r[1])) for r in rows]


# What becomes of each event, in turn, so that every state and both sides of every deadline
# are in the demo whatever the seed: (outcome, how many days ago it was reported).
_OUTCOMES = (
    ("closed_on_time", (20, 95)),
    ("closed_on_time", (10, 60)),
    ("closed_late", (30, 95)),
    ("dispatched_overdue", (25, 40)),
    ("closed_on_time", (5, 30)),
    ("dispatched", (1, 3)),
    ("handled", (4, 12)),
    ("returned", (10, 50)),
    ("reported", (0, 2)),
    ("closed_on_time", (40, 95)),
    ("handled_overdue", (30, 45)),
    ("returned_and_reported_again", (15, 30)),
)


def _events(s: Session, rng: random.Random, today: dt.date, made: EventsDemo) -> None:
    homes = _places(s)
    reporters = _reporters(s)
    to_mediation = True
    for index in range(EVENTS):
        category, description, department = _EVENT_TEXTS[index % len(_EVENT_TEXTS)]
        outcome, (low, high) = _OUTCOMES[index % len(_OUTCOMES)]
        reported = today - dt.timedelta(days=rng.randrange(low, high + 1))
        place_id, address = rng.choice(homes) if homes else (None, "")
        staff_id, staff_name = rng.choice(reporters) if reporters else (None, "")
        event = grid_events.report_event(
            s,
            category=category,
            description=description,
            reported_at=_at(reported, rng.randrange(8, 18), rng.randrange(60)),
            reporter=staff_name,
            reporter_staff_id=staff_id,
            place_id=place_id,
            location=address,
        )
        made.events += 1
        if rng.random() < 0.35:
            grid_events.add_event_photo(
                s, event.id, data=_photo(rng), file_name=f"现场{index + 1}.png", added_on=reported
            )
        if category == "dispute" and to_mediation:
            to_mediation = False
            grid_events.event_to_mediation(
                s,
                event.id,
                dispute_type="neighbour",
                parties=[
                    mediation.PartyInput(name="周桂芳", role="applicant"),
                    mediation.PartyInput(name="钱立军", role="respondent"),
                ],
                registered_on=min(today, reported + dt.timedelta(days=1)),
                registered_by="社区调委会",
            )
            made.mediation_cases += 1
            continue
        dept = department or rng.choice(DEPARTMENTS)
        _advance(s, rng, event.id, outcome, reported, dept, today)


def _advance(
    s: Session,
    rng: random.Random,
    event_id: str,
    outcome: str,
    reported: dt.date,
    department: str,
    today: dt.date,
) -> None:
    """Moves the event as far as its planned outcome, with dates that make it true on `today`."""
    if outcome == "reported":
        return
    dispatched = min(today, reported + dt.timedelta(days=rng.randrange(0, 2)))
    if outcome == "returned":
        grid_events.return_event(
            s, event_id, returned_on=dispatched, reason="不属于社区处置范围，请向街道反映"
        )
        return
    if outcome == "returned_and_reported_again":
        grid_events.return_event(s, event_id, returned_on=dispatched, reason="地点不清，请核实")
        grid_events.report_again(s, event_id)
        return
    overdue = outcome.endswith("_overdue")
    if overdue:
        days = rng.randrange(5, max(6, (today - dispatched).days - 3))
    elif outcome in ("dispatched", "handled"):
        days = (today - dispatched).days + rng.randrange(3, 10)
    else:
        days = rng.choice((5, 7, 10, 15))
    due = dispatched + dt.timedelta(days=days)
    grid_events.dispatch_event(
        s, event_id, department=department, dispatched_on=dispatched, due_on=due
    )
    if outcome in ("dispatched", "dispatched_overdue"):
        return
    if outcome == "closed_late":
        handled = due + dt.timedelta(days=rng.randrange(1, 6))
    else:
        handled = dispatched + dt.timedelta(days=rng.randrange(0, max(1, (due - dispatched).days)))
    handled = min(handled, today)
    grid_events.handle_event(s, event_id, handled_on=handled, feedback="已现场处理，居民认可")
    if outcome.startswith("handled"):
        return
    closed = handled if outcome == "closed_late" else min(due, handled + dt.timedelta(days=1))
    grid_events.close_event(s, event_id, closed_on=min(closed, today))


def create_events_demo(db: Database, today: dt.date | None = None, *, seed: int = 1) -> EventsDemo:
    """Visit rules, visits and grid events for the demo office, counting back from `today`."""
    day = today or dt.date.today()
    rng = random.Random(f"events:{seed}")
    made = EventsDemo()
    previous = db.actor
    db.actor = SYSTEM
    try:
        with db.session() as s:
            for code, interval in VISIT_RULES:
                visits.set_visit_rule(s, category_code=code, interval_days=interval)
                made.rules += 1
            _visits(s, rng, day, made)
            _events(s, rng, day, made)
        made.overdue = len(grid_events.events(db, overdue=True, today=day))
    finally:
        db.actor = previous
    return made
