"""A large import checks, works out pinyin and writes at once; the outcome is as if one by one."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import threading
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text
from stdnum.cn import ric

from govdesk.domain.names import pinyin_keys
from govdesk.services import bulk_writer, office, pinyin_ahead, registry
from govdesk.services.bulk_writer import BulkWriter, insert_statements, sql_literal
from govdesk.services.pinyin_ahead import PinyinAhead
from govdesk.services.progress import Cancelled
from govdesk.services.residents_import import EXTRA_KEYS, _Checker, plan_import, run_import

SURNAMES = "王李张刘陈杨曾单解查区朴尉迟欧阳司马"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def _id(i: int) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=i // 900)
    body = f"110105{birth:%Y%m%d}{100 + i % 900:03d}"
    return body + ric.calc_check_digit(body + "0")


def _name(i: int) -> str:
    if i % 97 == 0:
        return f"PARK HANA{i}"  # a foreign name in Latin letters
    if i % 89 == 0:
        return "张 三"  # the cleaning joins it to 张三
    surname = SURNAMES[i % len(SURNAMES)]
    return surname + GIVEN[(i // 7) % len(GIVEN)] + GIVEN[(i // 11) % len(GIVEN)]


def _register(path: Path, n: int) -> Path:
    """n residents in households of three, every third one a head, some with care labels."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份号码", "户号", "与户主关系", "现住址", "关爱类别", "出生日期"])
    for i in range(n):
        ws.append(
            [
                _name(i),
                _id(i),
                f"H{i // 3}",
                "户主" if i % 3 == 0 else "子",
                f"幸福路{i // 3}号",
                "低保户、火星人" if i % 50 == 0 else None,
                dt.date(1950, 1, 1) + dt.timedelta(days=i // 900) if i % 2 else None,
            ]
        )
    wb.save(path)
    return path


def _dump(db) -> dict[str, object]:
    """The stored residents, households and care links, without ids, times and versions."""
    with db.connect() as conn:
        people = conn.execute(
            text(
                "SELECT r.name, r.id_number, r.birth_date, r.sex, r.relation_to_head, "
                "r.current_address, r.name_pinyin, r.name_initials, r.id_number_rev, "
                "h.household_number, h.household_type, h.address "
                "FROM resident r LEFT JOIN household h ON h.id = r.household_id ORDER BY r.rowid"
            )
        ).all()
        care = conn.execute(
            text(
                "SELECT r.id_number, c.category_code FROM resident_care c "
                "JOIN resident r ON r.id = c.resident_id ORDER BY r.id_number, c.category_code"
            )
        ).all()
        found = conn.execute(
            text(
                "SELECT count(*) FROM resident_address_fts "
                "WHERE resident_address_fts MATCH '\"幸福路1\"'"
            )
        ).scalar()
    return {"people": [tuple(p) for p in people], "care": [tuple(c) for c in care], "fts": found}


def _new_db(path: Path):
    from govdesk.domain.permissions import Actor, Role

    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    db.actor = Actor(username="admin", role=Role.ADMIN)
    return db


def _children() -> set[int]:
    """Child processes of this test process (Linux); empty where /proc says nothing."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        found |= {int(pid) for pid in task.read_text().split()}
    return found


@pytest.fixture
def helper_from_1000(monkeypatch):
    """The helper process for imports of 1,000 names and more (20,000 in use)."""
    monkeypatch.setattr(pinyin_ahead, "MIN_NAMES", 1000)


def test_the_pinyin_helper_gives_what_pinyin_keys_gives(helper_from_1000):
    names = sorted({_name(i) for i in range(6000)} | {f"居民{i}" for i in range(5000)})
    ahead = PinyinAhead.start(names)
    assert ahead is not None
    try:
        assert ahead.ready(len(names), wait=True)
        assert not ahead.failed
        assert ahead.known == {name: pinyin_keys(name) for name in names}
    finally:
        ahead.close()
    assert pinyin_keys("曾伟") == ("zengwei", "zw")


def test_a_helper_that_dies_leaves_the_names_to_the_importer(helper_from_1000):
    names = [f"居民{i}" for i in range(5000)]
    ahead = PinyinAhead.start(names)
    assert ahead is not None
    ahead._process.kill()
    try:
        assert ahead.ready(len(names), wait=True)  # does not wait for ever
        assert ahead.answered < len(names) and ahead.failed
        assert all(ahead.known[name] == pinyin_keys(name) for name in ahead.known)
    finally:
        ahead.close()


def test_giving_up_before_the_helper_has_read_its_names_raises_nothing(helper_from_1000):
    # The importer can check every row before the helper is even up (a busy machine). The
    # names are then still in the pipe, or half in it: stopping must not fail the import.
    register = list(dict.fromkeys(_name(i) for i in range(6200)))  # about 60 KB marshalled
    for names in (register, register, [f"居民{i}" for i in range(300_000)]):
        ahead = PinyinAhead.start(names)
        assert ahead is not None
        ahead.give_up()
        assert ahead.failed and ahead._process.poll() is not None
        assert not any(thread.is_alive() for thread in ahead._threads)


def test_small_lists_are_worked_out_in_process():
    assert PinyinAhead.start([f"居民{i}" for i in range(pinyin_ahead.MIN_NAMES - 1)]) is None


def test_with_and_without_the_helper_the_import_stores_the_same(
    tmp_path, monkeypatch, helper_from_1000
):
    path = _register(tmp_path / "big.xlsx", 6200)
    first = _new_db(tmp_path / "a.db")
    report = run_import(first, plan_import(path))
    with_helper = _dump(first)
    first.close()
    monkeypatch.setattr(pinyin_ahead, "MIN_NAMES", 10**9)  # everything in this process
    second = _new_db(tmp_path / "b.db")
    alone = run_import(second, plan_import(path))
    assert _dump(second) == with_helper
    second.close()
    assert (report.imported, report.rejected, report.households_created) == (6200, 0, 2067)
    assert report.problems == alone.problems
    assert sum("火星人" in p.reason for p in report.problems) == 124
    people = with_helper["people"]
    for person in people:
        keys = registry.search_keys({"name": person[0]})
        assert person[6:8] == (keys["name_pinyin"], keys["name_initials"])
    assert ("张三", "zhangsan", "zs") in {(p[0], p[6], p[7]) for p in people}


def test_cancel_while_the_helper_works_leaves_nothing_and_stops_it(db, tmp_path, helper_from_1000):
    before = _children()
    plan = plan_import(_register(tmp_path / "big.xlsx", 8000))
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 3:  # a few chunks in: the helper is still starting or working
            cancel.set()

    with pytest.raises(Cancelled):
        run_import(db, plan, progress=progress, cancel=cancel)
    with db.connect() as conn:
        counts = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM resident), (SELECT count(*) FROM household), "
                "(SELECT count(*) FROM resident_care), (SELECT count(*) FROM resident_address_fts), "
                "(SELECT count(*) FROM sqlite_master WHERE name = 'resident_address_ai')"
            )
        ).one()
    assert tuple(counts) == (0, 0, 0, 0, 1)
    assert _children() <= before  # the helper is gone, not left running
    assert run_import(db, plan).imported == 8000


def test_a_head_in_a_later_chunk_gives_the_household_its_type_and_address(db, tmp_path):
    rows = [["姓名", "公民身份号码", "户号", "与户主关系", "现住址", "户别"]]
    rows.append(["先到成员", _id(0), "H1", "配偶", "旧地址1号", None])
    rows += [[f"居民{i}", _id(i), f"X{i}", "户主", f"路{i}号", None] for i in range(1, 1600)]
    rows.append(["后到户主", _id(1600), "H1", "户主", "新地址8号", "集体户"])
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(tmp_path / "late.xlsx")
    report = run_import(db, plan_import(tmp_path / "late.xlsx"))
    assert (report.imported, report.rejected, report.problems) == (1601, 0, [])
    with db.connect() as conn:
        household = conn.execute(
            text("SELECT household_type, address FROM household WHERE household_number = 'H1'")
        ).one()
        members = conn.execute(
            text(
                "SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id "
                "WHERE h.household_number = 'H1'"
            )
        ).scalar()
    assert tuple(household) == ("collective", "新地址8号")
    assert members == 2


def test_two_rows_repeating_a_stored_number_are_both_refused(db, tmp_path):
    with db.session() as s:
        registry.create_person(s, data={"name": "已登记", "id_number": _id(5)})
    wb = openpyxl.Workbook()
    for row in [["姓名", "公民身份号码"], ["甲", _id(5)], ["乙", _id(5)], ["丙", _id(6)]]:
        wb.active.append(row)
    wb.save(tmp_path / "d.xlsx")
    report = run_import(db, plan_import(tmp_path / "d.xlsx"))
    assert (report.imported, report.rejected) == (1, 2)
    assert [(p.row, p.field) for p in report.problems] == [(2, "公民身份号码"), (3, "公民身份号码")]
    assert all("已登记" in p.reason for p in report.problems)


def test_reading_by_column_gives_what_reading_by_row_gives(db, tmp_path):
    rows: list[list[object]] = [
        ["  王伟 ", _id(1), "H1", "户主", "'=SUM(A1)", dt.date(1950, 1, 1), 1001.0],
        ["", "", "", "", "", "", ""],
        ["李娜", float(_id(2)[:15] + "000"), None, "配偶", "'", "1950/1/1", "H2"],
        ["张 三", _id(3).lower(), "H1", "子", " 幸福路 ", dt.datetime(1950, 1, 1), True],
        ["赵六", _id(4), "H3", "儿子", "", "一九五零", 12.5],
    ]
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "公民身份号码", "户号", "与户主关系", "现住址", "出生日期", "备注"])
    for row in rows:
        wb.active.append(row)
    wb.save(tmp_path / "m.xlsx")
    plan = plan_import(tmp_path / "m.xlsx")
    numbered = [(n + 2, row) for n, row in enumerate(plan.rows)]
    with db.connect() as conn:
        checker = _Checker(conn, plan)
        by_column = checker._read_columns([row for _, row in numbered])
        by_row = checker._columns_by_row([row for _, row in numbered])
        checker.close()
    assert by_column is not None and by_column.keys() == by_row.keys()
    for key, cells in by_column.items():
        # the same cells, except that an empty person field may be "" instead of None
        if key in EXTRA_KEYS:
            assert cells == by_row[key]
        else:
            assert [v or None for v in cells] == by_row[key]
    assert by_row["name"][0] == "王伟" and by_row["current_address"][0] == "=SUM(A1)"
    with db.connect() as conn:
        checkers = [_Checker(conn, plan), _Checker(conn, plan)]
        whole = checkers[0].check_chunk(numbered)
        # a short row sends the whole chunk down the row-by-row path
        ragged = checkers[1].check_chunk([*numbered, (99, ["钱七"])])
        for checker in checkers:
            checker.close()
    assert [(c.row_number, c.values, c.issues) for c in whole] == [
        (c.row_number, c.values, c.issues) for c in ragged[:-1]
    ]


def test_a_column_of_date_cells_is_read_as_the_rows_read_it(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "出生日期", "来本地日期"])
    wb.active.append(["王伟", dt.date(1950, 1, 1), dt.date(2020, 3, 1)])
    wb.active.append(["李娜", None, dt.datetime(2021, 7, 8, 9, 30)])
    wb.active.append(["赵六", dt.date(1961, 2, 3), None])
    wb.save(tmp_path / "d.xlsx")
    plan = plan_import(tmp_path / "d.xlsx")
    with db.connect() as conn:
        checker = _Checker(conn, plan)
        by_column = checker._read_columns(plan.rows)
        by_row = checker._columns_by_row(plan.rows)
        checker.close()
    assert by_column is not None
    assert (
        by_column["birth_date"]
        == by_row["birth_date"]
        == [
            dt.date(1950, 1, 1),
            None,
            dt.date(1961, 2, 3),
        ]
    )
    assert by_column["arrival_date"] == by_row["arrival_date"]
    assert by_row["arrival_date"][1] == dt.datetime(2021, 7, 8, 9, 30)


def test_the_writer_runs_statements_in_order_and_hands_back_errors(tmp_path):
    conn = sqlite3.connect(tmp_path / "w.db", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, label TEXT NOT NULL)")
    conn.execute("BEGIN")
    writer = BulkWriter(conn)
    rows = [(n, f"第{n}行") for n in range(1, 1201)]
    writer.submit(insert_statements("t", ("n", "label"), rows, 500), len(rows))
    writer.submit([lambda cur: cur.execute("UPDATE t SET label = 'x' WHERE n = 1200")], 0)
    writer.finish()
    assert writer.written == 1200
    assert conn.execute("SELECT count(*), max(n) FROM t").fetchone() == (1200, 1200)
    assert conn.execute("SELECT label FROM t WHERE n IN (1, 1200) ORDER BY n").fetchall() == [
        ("第1行",),
        ("x",),
    ]

    failing = BulkWriter(conn)
    failing.submit(insert_statements("t", ("n", "label"), [(1, "again")], 500), 1)
    with pytest.raises(sqlite3.IntegrityError):
        failing.finish()
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)

    conn.execute("BEGIN")
    stopped = BulkWriter(conn)
    for start in range(0, 50):
        stopped.submit(insert_statements("t", ("n", "label"), [(start, "y")], 500), 1)
    stopped.abort()  # whatever was still queued is dropped, the thread is gone
    assert not stopped._thread.is_alive()
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] <= 50
    conn.execute("ROLLBACK")
    conn.close()


def test_the_gil_changes_hands_quickly_only_while_a_writer_runs(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.db", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
    before = sys.getswitchinterval()
    first, second = BulkWriter(conn), BulkWriter(conn)
    assert sys.getswitchinterval() == bulk_writer.SWITCH_INTERVAL < before
    first.finish()
    assert sys.getswitchinterval() == bulk_writer.SWITCH_INTERVAL  # the second still runs
    second.submit(insert_statements("t", ("n",), [(1,), (1,)], 500), 2)
    with pytest.raises(sqlite3.IntegrityError):
        second.finish()
    assert sys.getswitchinterval() == before
    stopped = BulkWriter(conn)
    stopped.abort()
    stopped.abort()  # twice changes nothing more
    assert sys.getswitchinterval() == before
    conn.close()


def test_shared_values_written_into_the_statement_read_back_as_if_bound(tmp_path):
    conn = sqlite3.connect(tmp_path / "c.db", isolation_level=None)
    conn.execute("CREATE TABLE t (n INTEGER, label TEXT, note TEXT, seen DATE, k INTEGER)")
    shared = (("note", "O'Brien 王"), ("seen", "2026-11-26 08:00:00.000001"), ("k", 7))
    for sql, params in insert_statements("t", ("n", "label"), [(1, "甲"), (2, None)], 910, shared):
        conn.execute(sql, params)
    conn.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", (3, "乙", *(v for _, v in shared)))
    rows = conn.execute("SELECT n, label, note, typeof(seen), seen, typeof(k), k FROM t").fetchall()
    conn.close()
    assert rows[0][2:] == rows[1][2:] == rows[2][2:]
    assert rows[0][2:] == ("O'Brien 王", "text", "2026-11-26 08:00:00.000001", "integer", 7)
    assert rows[1][1] is None
    with pytest.raises(TypeError):
        sql_literal(1.5)


def test_an_empty_cell_is_still_bound_as_null_on_every_connection(tmp_path):
    # bulk_writer registers an adapter for None (binding is faster); it must not change
    # what is stored, on the import's connection or any other.
    assert (type(None), sqlite3.PrepareProtocol) in sqlite3.adapters
    conn = sqlite3.connect(tmp_path / "n.db", isolation_level=None)
    conn.execute("CREATE TABLE t (a TEXT, b INTEGER NOT NULL DEFAULT 0, c DATE)")
    for sql, params in insert_statements("t", ("a", "c"), [(None, None), ("甲", None)], 900):
        conn.execute(sql, params)
    conn.execute("INSERT INTO t (a) VALUES (?)", (None,))
    assert conn.execute("SELECT typeof(a), b, typeof(c) FROM t").fetchall() == [
        ("null", 0, "null"),
        ("text", 0, "null"),
        ("null", 0, "null"),
    ]
    assert conn.execute("SELECT count(*) FROM t WHERE a IS ?", (None,)).fetchone() == (2,)
    conn.close()
