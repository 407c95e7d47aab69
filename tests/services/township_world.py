"""A small township database holding two offices' rows, written as a package would leave them
(the rows carry the offices' ids), for the township services and tabs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from govdesk.domain.models import (
    CareCategory,
    ExchangePackage,
    Grid,
    GridPost,
    GridStaff,
    HourEntry,
    Household,
    MediationCase,
    Office,
    Resident,
    ResidentCare,
    Volunteer,
)
from govdesk.domain.permissions import Actor, Role
from govdesk.services import office
from govdesk.services.registry import search_keys
from govdesk.store.database import Database
from tests.ui.residents_helpers import make_id

ADMIN = Actor("admin", Role.ADMIN)
TOWNSHIP_CODE = "110105001000"
A_CODE, B_CODE = "110105001001", "110105001002"
SHARED_ID = make_id("19700505", 15)  # on both registers: moved from A to B
YEAR = 2026


@dataclass(frozen=True)
class World:
    path: Path
    township: str
    a: str
    b: str


def _person(s, office_id: str, name: str, id_number: str, **extra) -> Resident:
    values = {"name": name, "id_number": id_number, **extra}
    person = Resident(**values, **search_keys(values), office_id=office_id)
    s.add(person)
    return person


def _case(s, office_id: str, seq: int, outcome: str | None, **extra) -> None:
    accepted = dt.date(YEAR, 3, seq)
    s.add(
        MediationCase(
            office_id=office_id,
            year=YEAR,
            seq=seq,
            number=f"（{YEAR}）人调字第{seq}号",
            dispute_type="neighbour",
            source="application",
            state=outcome or "mediating",
            registered_on=accepted,
            accepted_on=accepted,
            outcome=outcome,
            closed_on=accepted + dt.timedelta(days=10) if outcome else None,
            agreement_on=accepted + dt.timedelta(days=10) if outcome == "settled" else None,
            agreement_kind="written" if outcome == "settled" else None,
            party_names="甲某、乙某",
            **extra,
        )
    )


def build(path: Path) -> World:
    db = office.init_database(
        path, name="朝阳门街道办事处", division_code=TOWNSHIP_CODE, kind="township"
    )
    db.actor = ADMIN
    try:
        with db.session() as s:
            township = office.current_office(s).id
            a = Office(
                name="幸福社区居民委员会", division_code=A_CODE, kind="community", office_id=""
            )
            b = Office(name="和平村村民委员会", division_code=B_CODE, kind="village", office_id="")
            a.office_id, b.office_id = a.id, b.id
            s.add_all([a, b])
            # B names one category differently: the township's own name must win.
            s.add(CareCategory(office_id=b.id, code="subsistence", name_zh="低保对象"))
            s.add(
                CareCategory(office_id=b.id, code="drug_user", name_zh="吸毒人员", sensitive=True)
            )
            s.flush()
            ha = Household(office_id=a.id, household_number="A001", address="幸福路1号")
            hb = Household(office_id=b.id, household_number="B001", address="和平村3组")
            s.add_all([ha, hb])
            s.flush()
            zhang = _person(s, a.id, "张伟", make_id("19800101", 11), household_id=ha.id)
            _person(s, a.id, "李娜", make_id("19820202", 22), person_type="floating")
            _person(s, a.id, "王芳", SHARED_ID)
            _person(s, a.id, "赵强", make_id("19500101", 44), status="moved_out")
            wang_b = _person(s, b.id, "王芳", SHARED_ID, household_id=hb.id)
            _person(s, b.id, "孙丽", make_id("19950606", 66))
            s.flush()
            s.add(ResidentCare(office_id=a.id, resident_id=zhang.id, category_code="subsistence"))
            s.add(ResidentCare(office_id=b.id, resident_id=wang_b.id, category_code="subsistence"))
            s.add(ResidentCare(office_id=b.id, resident_id=wang_b.id, category_code="drug_user"))
            _case(s, a.id, 1, "settled")
            _case(s, a.id, 2, "failed")
            _case(s, a.id, 3, None)
            _case(s, b.id, 1, "settled")
            g1 = Grid(office_id=a.id, number="01", code=A_CODE + "01", name="第一网格")
            s.add(g1)
            s.flush()
            g2 = Grid(
                office_id=a.id, number="01", code=A_CODE + "0101", name="1号楼", parent_id=g1.id
            )
            gb = Grid(office_id=b.id, number="01", code=B_CODE + "01", name="一组网格")
            staff = GridStaff(office_id=a.id, name="刘网格")
            s.add_all([g2, gb, staff])
            s.flush()
            s.add(
                GridPost(
                    office_id=a.id,
                    staff_id=staff.id,
                    grid_id=g1.id,
                    role="grid_leader",
                    start_on=dt.date(2025, 1, 1),
                )
            )
            va = Volunteer(
                office_id=a.id, number="V0001", name="周敏", joined_on=dt.date(2025, 1, 1)
            )
            vb = Volunteer(
                office_id=b.id, number="V0001", name="吴刚", joined_on=dt.date(2025, 1, 1)
            )
            s.add_all([va, vb])
            s.flush()
            for vol, office_id, minutes, state in (
                (va, a.id, 120, "confirmed"),
                (va, a.id, 60, "confirmed"),
                (va, a.id, 30, "pending"),
                (vb, b.id, 90, "confirmed"),
            ):
                s.add(
                    HourEntry(
                        office_id=office_id,
                        volunteer_id=vol.id,
                        served_on=dt.date(YEAR, 5, 1),
                        minutes=minutes,
                        state=state,
                    )
                )
            s.add(
                ExchangePackage(
                    direction="in",
                    file_name=f"{A_CODE}-20261120-0001.gdx",
                    sha256="a" * 64,
                    source_office=A_CODE,
                    outcome="applied",
                    counts='{"resident": {"new": 4, "updated": 0}}',
                    handled_at=dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC),
                )
            )
            s.add(
                ExchangePackage(
                    direction="in",
                    file_name=f"{B_CODE}-20261121-0001.gdx",
                    sha256="b" * 64,
                    source_office=B_CODE,
                    outcome="refused",
                    reason="这个数据包不完整",
                    handled_at=dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC),
                )
            )
        return World(path=path, township=township, a=a.id, b=b.id)
    finally:
        db.close()


def open_world(path: Path) -> tuple[World, Database]:
    world = build(path)
    db = Database.open(path)
    db.actor = ADMIN
    return world, db
