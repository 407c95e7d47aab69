"""The place tally the triggers keep agrees with the register after every kind of change."""

from __future__ import annotations

import datetime as dt

from govdesk.services import places, registry
from govdesk.store import place_tally
from tests.services.grid_world import linked_world, make_households

DAY = dt.date(2026, 5, 1)


def _tally(db):
    with db.connect() as conn:
        return place_tally.read(conn), place_tally.differences(conn)


def _household_at(db, place_id):
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT id FROM household WHERE place_id = ? ORDER BY household_number", (place_id,)
        ).scalar()


def _members(db, household_id):
    with db.connect() as conn:
        return [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM resident WHERE household_id = ? ORDER BY name", (household_id,)
            )
        ]


def test_new_households_count_under_no_place_until_linked(db):
    make_households(db, members=3)
    kept, diff = _tally(db)
    assert kept == {place_tally.NO_PLACE: (7, 21, 0)}
    assert diff == {}
    with db.session() as s:
        places.link_households(s)
    kept, diff = _tally(db)
    assert diff == {}
    # 建设路5号 names no building: the only household left without a place.
    assert kept[place_tally.NO_PLACE] == (1, 3, 0)
    by_address = {}
    with db.connect() as conn:
        for pid, address in conn.exec_driver_sql("SELECT id, address FROM place"):
            by_address[address] = kept.get(pid)
    assert by_address["幸福里小区3号楼"] == (2, 6, 0)
    assert by_address["和平家园1号楼"] == (1, 3, 0)


def test_status_changes_moves_and_splits_keep_the_tally_right(db):
    ids = linked_world(db)
    home = ids["幸福里小区3号楼"]
    other = ids["和平家园1号楼"]
    household = _household_at(db, home)
    first, second = _members(db, household)
    with db.session() as s:
        registry.change_status(
            s, person_id=first, new_status="moved_out", date=DAY, reason="迁往外省"
        )
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[home] == (2, 3, 0)
    with db.session() as s:
        registry.change_status(
            s, person_id=first, new_status="on_register", date=DAY, reason="迁回"
        )
    assert _tally(db)[0][home] == (2, 4, 0)

    # A member moves to a household in another building.
    target = _household_at(db, other)
    with db.session() as s:
        registry.move_person(s, person_id=second, household_id=target, relation="other")
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[home] == (2, 3, 0)
    assert kept[other] == (1, 3, 0)

    # 分户: the mover leaves with a new household at an address that names no building.
    with db.session() as s:
        registry.split_household(
            s,
            household_id=target,
            person_ids=[second],
            new_head_id=second,
            new_household_number="H0100",
            address="建设路9号",
        )
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[other] == (1, 2, 0)
    assert kept[place_tally.NO_PLACE] == (2, 3, 0)


def test_a_household_that_leaves_its_place_takes_its_residents_along(db):
    ids = linked_world(db)
    home = ids["前进村第一村民小组12号"]
    household = _household_at(db, home)
    with db.begin() as conn:
        # What a household-address edit does underneath: the household points elsewhere.
        conn.exec_driver_sql(
            "UPDATE household SET place_id = ? WHERE id = ?", (ids["和平家园1号楼"], household)
        )
    kept, diff = _tally(db)
    assert diff == {}
    assert home not in kept
    assert kept[ids["和平家园1号楼"]] == (2, 4, 0)
    with db.begin() as conn:
        conn.exec_driver_sql("UPDATE household SET status = 'closed' WHERE id = ?", (household,))
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[ids["和平家园1号楼"]] == (1, 2, 0)


def test_rebuild_repairs_a_damaged_tally(db):
    linked_world(db)
    with db.begin() as conn:
        conn.exec_driver_sql("UPDATE place_tally SET households = households + 5")
        assert place_tally.differences(conn)
        place_tally.rebuild(conn)
        assert place_tally.differences(conn) == {}


def test_an_import_of_households_is_counted_in_the_same_transaction(db, tmp_path):
    import openpyxl
    from stdnum.cn import ric

    from govdesk.services.residents_import import plan_import, run_import

    linked_world(db)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份号码", "户号", "与户主关系", "现住址"])
    for i, (number, relation) in enumerate([("N1", "户主"), ("N1", "配偶"), ("N2", "户主")]):
        body = f"11010519800{i + 1}0100{i}"
        ws.append([f"新居民{i}", body + ric.calc_check_digit(body + "0"), number, relation, ""])
    path = tmp_path / "new.xlsx"
    wb.save(path)
    before = _tally(db)[0][place_tally.NO_PLACE]
    report = run_import(db, plan_import(path))
    assert (report.imported, report.households_created) == (3, 2)
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[place_tally.NO_PLACE] == (before[0] + 2, before[1] + 3, before[2])


def test_care_counts_a_resident_once_and_follows_the_day(db):
    from govdesk.services import grids
    from govdesk.services.grid_tree import GridTree

    ids = linked_world(db)
    home = ids["幸福里小区3号楼"]
    first, second = _members(db, _household_at(db, home))
    with db.session() as s:
        grid = grids.create_grid(s, name="第一网格")
        grids.assign_places(s, place_ids=[home], grid_id=grid.id, on=dt.date(2026, 1, 1))
        # Two categories for one resident: one resident under care.
        registry.set_care_categories(
            s, person_id=first, category_codes=["elderly_alone", "disabled"], today=DAY
        )
        registry.set_care_categories(
            s, person_id=second, category_codes=["elderly_alone"], today=DAY
        )
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[home] == (2, 4, 2)
    later = dt.date(2026, 6, 1)
    with db.session() as s:
        registry.set_care_categories(s, person_id=second, category_codes=[], today=later)
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[home] == (2, 4, 1)

    def care(on):
        return {n.name: n.care for n in GridTree(db).load(on)}["第一网格"]

    # The tree applies the dates: before DAY nobody, between DAY and `later` both.
    assert care(DAY - dt.timedelta(days=1)) == 0
    assert care(DAY) == 2
    assert care(later - dt.timedelta(days=1)) == 2
    assert care(later) == 1
    # Moving out takes the care figure along.
    with db.session() as s:
        registry.change_status(
            s, person_id=first, new_status="moved_out", date=later, reason="迁出"
        )
    kept, diff = _tally(db)
    assert diff == {}
    assert kept[home] == (2, 3, 0)


def test_a_large_import_into_an_empty_register_keeps_the_tally(db, tmp_path):
    # More rows than the register holds: the import builds the resident indexes at its
    # end, while the triggers count every row.
    import openpyxl
    from stdnum.cn import ric

    from govdesk.services.residents_import import plan_import, run_import

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份号码", "户号", "与户主关系", "现住址", "人员类别"])
    for i in range(600):
        body = f"110105198{i % 10}{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
        relation = "户主" if i % 3 == 0 else "子"
        ws.append(
            [
                f"居民{i}",
                body + ric.calc_check_digit(body + "0"),
                f"H{i // 3}",
                relation,
                f"幸福里小区{i // 30 + 1}号楼",
                "户籍",
            ]
        )
    path = tmp_path / "big.xlsx"
    wb.save(path)
    report = run_import(db, plan_import(path))
    assert (report.imported, report.households_created) == (600, 200)
    kept, diff = _tally(db)
    assert diff == {}
    assert kept == {place_tally.NO_PLACE: (200, 600, 0)}
    with db.session() as s:
        places.link_households(s)
    kept, diff = _tally(db)
    assert diff == {}
    assert len(kept) == 20 and all(v == (10, 30, 0) for v in kept.values())
