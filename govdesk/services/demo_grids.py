"""Demo grids: households linked to their buildings, a grid tree, staff in every role, dated assignments.

Made through the grid services, as an office would make them. The tree has a grid with two
sub-grids; a few buildings are deliberately left in no grid and one grid has no full-time
worker, so that the tab's unassigned bucket and `govdesk grids coverage` have something to
show. One building changed grid three months before `today`, so past months differ.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import Session

from govdesk.domain import grids as rules
from govdesk.domain.models import Grid, Place
from govdesk.domain.permissions import SYSTEM
from govdesk.services import demo_data as data
from govdesk.services import grid_staff, grids, places
from govdesk.store.database import Database

# Grid workers are hired by the community; building leaders and party-member households
# are residents of the grid (their names come from the register).
WORKERS = (
    "刘晓燕",
    "张建华",
    "王丽娟",
    "陈志强",
    "杨春梅",
    "赵海涛",
    "孙红霞",
    "周德明",
    "吴桂兰",
    "郑国庆",
    "黄秀珍",
    "何卫东",
    "马玉兰",
    "胡振华",
)
HELPERS = ("林国栋", "宋立新", "唐秋菊", "韩志勇")
NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    """1-99 in Chinese numerals, as grids are named: 二, 十, 十二, 二十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else NUMERALS[tens - 1] + "十"
    return head + (NUMERALS[ones - 1] if ones else "")


UNASSIGNED_BUILDINGS = 3


class DemoPlaces:
    """The place rows of the demo's bulk load: each household's building or house, made once,
    so households are written already linked (ids from the demo's own seeded stream)."""

    def __init__(self, new_id: Callable[[], str]):
        self._new_id = new_id
        self._known: dict[str, str] = {}
        self._pending: list[dict[str, object]] = []

    def home_of(self, address: str) -> str | None:
        """The id of the building or house the address names (None: it names none)."""
        parsed = rules.parse_address(address)
        if parsed is None:
            return None
        parent: str | None = None
        for kind, name, prefix in parsed.parts:
            found = self._known.get(prefix)
            if found is None:
                found = self._known[prefix] = self._new_id()
                self._pending.append(
                    {
                        "id": found,
                        "kind": kind,
                        "parent_id": parent,
                        "name": name,
                        "address": prefix,
                        "sort_order": places.sort_key_of(name),
                    }
                )
            parent = found
        return parent

    def take(self) -> list[dict[str, object]]:
        """The rows made since the last call, parents first."""
        rows, self._pending = self._pending, []
        return rows


@dataclass
class GridsDemo:
    """What was made: the grid ids in tree order, and the counts worth telling."""

    grids: list[str] = field(default_factory=list)
    linked_households: int = 0
    places: int = 0
    unassigned_places: list[str] = field(default_factory=list)
    staff: int = 0
    posts: int = 0
    without_full_time: list[str] = field(default_factory=list)
    moved_place: str = ""  # the place that changed grid three months before today


class _Maker:
    def __init__(self, session: Session, rng: random.Random, start: dt.date):
        self.s = session
        self.rng = rng
        self.start = start
        self.result = GridsDemo()
        self.workers = list(WORKERS)
        rng.shuffle(self.workers)

    def _worker_name(self) -> str:
        """The next hired worker's name; a big office with many grids runs past the fixed list,
        so the rest are made from the register's surnames and given names."""
        if self.workers:
            return self.workers.pop()
        surname = self.rng.choice(data.SURNAMES)[0]
        first, second = self.rng.choice(list(data.GIVEN.values()))
        return surname + self.rng.choice(first) + self.rng.choice(second)

    def phone(self) -> str:
        return (
            self.rng.choice(("139", "138", "135", "186", "158"))
            + f"{self.rng.randrange(10**8):08d}"
        )

    def staff(self, name: str | None = None, resident_id: str | None = None):  # noqa: ANN201
        name = name if name is not None else self._worker_name()
        made = grid_staff.add_staff(
            self.s, name=name, phone=None if resident_id else self.phone(), resident_id=resident_id
        )
        self.result.staff += 1
        return made

    def post(self, staff_id: str, grid: Grid, role: str, start: dt.date | None = None):  # noqa: ANN201
        self.result.posts += 1
        return grid_staff.add_post(
            self.s, staff_id=staff_id, grid_id=grid.id, role=role, start_on=start or self.start
        )


def _homes(session: Session) -> list[Place]:
    """Buildings (compound by compound, by number), then rural houses (group by group)."""
    buildings: list[Place] = []
    houses: list[Place] = []
    for top in places.places(session, None):
        inside = [top] if top.kind in rules.HOME_KINDS else places.places(session, top.id)
        for home in inside:
            (buildings if home.kind == rules.BUILDING else houses).append(home)
    return buildings + houses


def _households(session: Session) -> dict[str, int]:
    rows = session.connection().execute(
        text("SELECT place_id, count(*) FROM household WHERE place_id IS NOT NULL GROUP BY 1")
    )
    return {p: int(n) for p, n in rows}


def _split(homes: list[Place], counts: dict[str, int], parts: int) -> list[list[Place]]:
    """Consecutive runs of homes with about the same number of households each."""
    total = sum(counts.get(h.id, 0) for h in homes)
    target = total / parts
    chunks: list[list[Place]] = [[]]
    held = 0
    for home in homes:
        if held >= target * len(chunks) and len(chunks) < parts:
            chunks.append([])
        chunks[-1].append(home)
        held += counts.get(home.id, 0)
    return [c for c in chunks if c]


def _area(chunk: list[Place], parents: dict[str, str]) -> str:
    """四至范围 as offices write it: 团结苑1号楼至8号楼, 前进村第一村民小组1号至30号."""
    first, last = chunk[0], chunk[-1]
    where = parents.get(first.parent_id or "", "")
    if len(chunk) == 1:
        return first.address
    if first.parent_id == last.parent_id:
        return f"{where}{first.name}至{last.name}"
    return f"{first.address}至{last.address}"


def _residents_of(session: Session, place_ids: list[str], count: int) -> list[str]:
    """Adult residents living in these places (in register order) for resident staff."""
    if not place_ids:
        return []
    marks = ", ".join(f":p{i}" for i in range(len(place_ids)))
    rows = session.connection().execute(
        text(
            "SELECT r.id FROM resident r JOIN household h ON h.id = r.household_id "
            f"WHERE h.place_id IN ({marks}) AND r.status = 'on_register' "
            "AND r.relation_to_head = 'head' ORDER BY r.rowid LIMIT :n"
        ),
        {**{f"p{i}": p for i, p in enumerate(place_ids)}, "n": count},
    )
    return [r[0] for r in rows]


def create_grids_demo(db: Database, *, seed: int, today: dt.date | None = None) -> GridsDemo:
    """Link the demo's households to places, then build the grid tree, staff and assignments."""
    day = today or dt.date.today()
    start = day - dt.timedelta(days=400)
    rng = random.Random(f"grids:{seed}")
    previous = db.actor
    db.actor = SYSTEM
    try:
        with db.session() as s:
            maker = _Maker(s, rng, start)
            linked = places.link_households(s)
            maker.result.linked_households = linked.linked
            _build(maker, day)
    finally:
        db.actor = previous
    return maker.result


def _build(m: _Maker, day: dt.date) -> None:
    s = m.s
    homes = _homes(s)
    m.result.places = len(homes)
    if not homes:
        return
    parents = {p.id: p.address for p in places.places(s, None)}
    # The newest buildings (the last ones of a compound) are not yet in any grid.
    buildings = [h for h in homes if h.kind == rules.BUILDING]
    spare = buildings[-UNASSIGNED_BUILDINGS:] if len(buildings) > 2 * UNASSIGNED_BUILDINGS else []
    assigned = [h for h in homes if h not in spare]
    m.result.unassigned_places = [h.address for h in spare]

    counts = _households(s)
    leaves = max(4, min(12, sum(counts.values()) // 120))
    chunks = _split(assigned, counts, leaves)
    # Leaf 0 and 1 are the sub-grids 东片/西片 of 第一网格; the others are grids of their own.
    first = grids.create_grid(s, name="第一网格", area="")
    tree: list[Grid] = [first]
    leaf_grids: list[Grid] = []
    for i, chunk in enumerate(chunks):
        area = _area(chunk, parents)
        if i < 2:
            grid = grids.create_grid(s, name=("东片", "西片")[i], parent_id=first.id, area=area)
        else:
            grid = grids.create_grid(s, name=f"第{_numeral(i)}网格", area=area)
        tree.append(grid)
        leaf_grids.append(grid)
        grids.assign_places(s, place_ids=[h.id for h in chunk], grid_id=grid.id, on=m.start)
    first.area = "、".join(g.area for g in leaf_grids[:2])
    s.add(first)
    m.result.grids = [g.id for g in tree]

    # History: a place moved to the neighbouring grid three months ago.
    movable = [i for i in range(1, len(chunks)) if len(chunks[i]) > 1]
    if movable:
        i = movable[-1]
        grids.assign_places(
            s,
            place_ids=[chunks[i][0].id],
            grid_id=leaf_grids[i - 1].id,
            on=day - dt.timedelta(days=90),
        )
        m.result.moved_place = chunks[i][0].address

    # Staff: a leader per top grid, a full-time worker per leaf but the last, part-timers
    # here and there (one of them also full-time elsewhere: one person, two grids).
    for grid in [g for g in tree if g.parent_id is None]:
        m.post(m.staff().id, grid, rules.GRID_LEADER)
    full_time = {}
    for grid in leaf_grids[:-1]:
        worker = m.staff()
        full_time[grid.id] = worker
        m.post(worker.id, grid, rules.FULL_TIME)
    lacking = leaf_grids[-1]
    m.result.without_full_time = [lacking.code]
    if len(leaf_grids) > 1:
        shared = full_time[leaf_grids[min(2, len(leaf_grids) - 2)].id]
    else:
        shared = m.staff()
    m.post(shared.id, lacking, rules.PART_TIME)
    m.post(m.staff().id, leaf_grids[0], rules.PART_TIME)
    # A worker who left half a year ago, replaced by the one now in post.
    former = m.staff()
    old = m.post(former.id, leaf_grids[1 % len(leaf_grids)], rules.FULL_TIME, start=m.start)
    grid_staff.end_post(s, old.id, on=day - dt.timedelta(days=180))
    # Residents: a building leader and a party-member household in each leaf grid.
    for grid, chunk in zip(leaf_grids, chunks, strict=True):
        for resident_id, role in zip(
            _residents_of(s, [h.id for h in chunk], 2),
            ("building_leader", "party_household"),
            strict=False,
        ):
            m.post(m.staff(name="", resident_id=resident_id).id, grid, role)
    # Helpers who serve several grids: the safety steward, the mediator, the police assistant.
    helpers = list(HELPERS)
    for role, count in (("safety_steward", 1), ("mediator", 2), ("police_assistant", 3)):
        person = m.staff(name=helpers.pop())
        for grid in leaf_grids[:count] if role != "safety_steward" else leaf_grids[2:4]:
            m.post(person.id, grid, role)
    s.flush()
