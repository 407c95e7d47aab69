"""Township views over several offices' rows: offices, residents by office, grids, cases, hours,
the package log, and cross-office duplicates with the township's note."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import township, township_figures
from govdesk.services import township_duplicates as dups
from govdesk.services.resident_list import ResidentFilter
from tests.services.township_world import A_CODE, B_CODE, SHARED_ID, open_world


@pytest.fixture
def world(tmp_path):
    w, db = open_world(tmp_path / "township.db")
    yield w, db
    db.close()


def test_offices_lists_the_others_with_counts_and_last_package(world):
    w, db = world
    assert township.is_township(db)
    found = {o.division_code: o for o in township.offices(db)}
    assert set(found) == {A_CODE, B_CODE}  # the township itself is not listed
    a, b = found[A_CODE], found[B_CODE]
    assert (a.residents, a.households, a.cases, a.volunteers) == (3, 1, 3, 1)
    assert (b.residents, b.households, b.cases, b.volunteers) == (2, 1, 1, 1)
    assert a.last_file == f"{A_CODE}-20261120-0001.gdx" and a.packages == 1
    assert a.last_applied_at is not None and a.last_applied_at.day == 20
    assert b.last_file == "" and b.packages == 0  # its only package was refused
    assert b.kind_label == "村委会"


@pytest.mark.parametrize(
    "sql",
    [
        township.RESIDENTS_PER_OFFICE,
        township.HOUSEHOLDS_PER_OFFICE,
        township_figures.RESIDENTS_BY_TYPE,
    ],
)
def test_the_counts_per_office_read_an_index_not_the_rows(world, sql):
    # A township of a million residents: reading every row took 0.5 s for 各单位 and 1.6 s
    # for the figures, on the window's thread.
    _, db = world
    with db.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "USING COVERING INDEX ix_resident_office_status" in plan or (
        "USING COVERING INDEX ix_household_office_status" in plan
    ), plan
    assert "TEMP B-TREE" not in plan  # read in the index's order, not sorted again


def test_resident_pages_filter_by_office_and_mask_numbers(world):
    w, db = world
    listing = township.residents(db)
    everyone = listing.page(ResidentFilter())
    assert len(everyone) == 5  # on the register, both offices
    only_b = listing.rows([rid for _, rid in listing.page(ResidentFilter(office_id=w.b))])
    assert sorted(r["name"] for r in only_b.values()) == ["孙丽", "王芳"]
    assert {r["office_id"] for r in only_b.values()} == {w.b}
    assert all("*" in r["id_number"] for r in only_b.values())
    assert listing.count(ResidentFilter(office_id=w.a)) == 3
    assert listing.count(ResidentFilter(office_id=w.a, status=None)) == 4
    searched = listing.page(ResidentFilter(text="王", office_id=w.a))
    assert len(searched) == 1


def test_keyset_pages_walk_one_office_without_repeats(world):
    w, db = world
    listing = township.residents(db)
    seen, after = [], None
    while True:
        page = listing.page(ResidentFilter(office_id=w.a), limit=2, after=after)
        if not page:
            break
        seen += [rid for _, rid in page]
        after = page[-1]
    assert len(seen) == len(set(seen)) == 3


def test_grids_cases_and_hours_carry_their_office(world):
    w, db = world
    grids = township.grids(db)
    assert [(g.office_id == w.a, g.name, g.depth) for g in grids] == [
        (True, "第一网格", 0),
        (True, "1号楼", 1),
        (False, "一组网格", 0),
    ]
    assert grids[0].staff == 1
    assert [g.name for g in township.grids(db, office_id=w.b)] == ["一组网格"]
    cases = township.cases(db, office_id=w.a)
    assert [c.number for c in cases] == [f"（2026）人调字第{n}号" for n in (3, 2, 1)]
    assert cases[0].state == "调解中" and cases[2].state == "调解成功"
    first = township.cases(db, limit=2)
    rest = township.cases(db, after=(first[-1].sort_key, first[-1].rowid))
    assert len(first) + len(rest) == 4
    assert not {c.rowid for c in first} & {c.rowid for c in rest}
    hours = township.hours(db)
    assert [(h.name, h.confirmed_minutes, h.pending_minutes) for h in hours] == [
        ("周敏", 180, 30),
        ("吴刚", 90, 0),
    ]
    assert township.hours(db, year=2025) == []


def test_package_log_newest_first(world):
    _, db = world
    log = township.packages(db)
    assert [p.outcome for p in log] == ["refused", "applied"]
    assert log[0].reason == "这个数据包不完整"
    assert log[1].records == 4


def test_views_need_their_permission(world):
    _, db = world
    db.actor = Actor("vol", Role.VOLUNTEERS)
    with pytest.raises(PermissionDenied):
        township.cases(db)
    with pytest.raises(PermissionDenied):
        township.grids(db)
    assert len(township.hours(db)) == 2
    assert len(township.offices(db)) == 2  # counts only


def test_duplicates_list_both_offices_masked(world):
    w, db = world
    found = dups.duplicates(db)
    assert dups.count(db) == 1
    (d,) = found
    assert d.id_number == SHARED_ID
    assert d.shown_id != SHARED_ID and "*" in d.shown_id
    assert {(e.office_code, e.name, e.status) for e in d.entries} == {
        (A_CODE, "王芳", "在册"),
        (B_CODE, "王芳", "在册"),
    }
    assert not d.settled


def test_settle_records_the_decision_and_audits_it(world):
    w, db = world
    dups.settle(db, SHARED_ID, B_CODE, "已迁入和平村，幸福社区应办理迁出")
    (d,) = dups.duplicates(db)
    assert d.settled and d.keep_office == B_CODE and d.decided_by == "admin"
    assert dups.duplicates(db, include_settled=False) == []
    dups.settle(db, SHARED_ID, A_CODE, "核实后仍在幸福社区")
    (d,) = dups.duplicates(db)
    assert d.keep_office == A_CODE
    with db.connect() as conn:
        entries = conn.execute(
            text(
                "SELECT action, record_id, detail FROM audit_log "
                "WHERE record_type = 'cross_office_review' ORDER BY seq"
            )
        ).all()
    assert [e[0] for e in entries] == ["create", "update"]
    assert all(SHARED_ID not in e[1] and SHARED_ID not in e[2] for e in entries)
    assert json.loads(entries[1][2])["before"]["keep_office"] == B_CODE


def test_settle_refuses_what_is_not_a_duplicate(world):
    w, db = world
    with pytest.raises(DomainError) as refused:
        dups.settle(db, SHARED_ID, "110105009999", "")
    assert "不是登记了这个人的单位" in str(refused.value)
    with pytest.raises(DomainError) as refused:
        dups.settle(db, SHARED_ID, "", "  ")
    assert "请选择保留登记的单位" in str(refused.value)
    with db.connect() as conn:
        other = conn.execute(text("SELECT id_number FROM resident WHERE name = '孙丽'")).scalar()
    with pytest.raises(DomainError) as refused:
        dups.settle(db, other, B_CODE, "")
    assert "没有在两个单位同时在册" in str(refused.value)
    db.actor = Actor("viewer", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        dups.settle(db, SHARED_ID, B_CODE, "")


def test_a_move_out_recorded_by_the_old_office_ends_the_duplicate(world):
    w, db = world
    with db.begin() as conn:
        conn.execute(
            text(
                "UPDATE resident SET status = 'moved_out' WHERE office_id = :a AND id_number = :n"
            ),
            {"a": w.a, "n": SHARED_ID},
        )
    assert dups.duplicates(db) == []
