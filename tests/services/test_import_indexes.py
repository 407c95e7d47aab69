"""A large import builds the resident search indexes once; they end up whole either way."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text
from stdnum.cn import ric

from govdesk.services.progress import Cancelled
from govdesk.services.residents_import import plan_import, run_import


def _file(path: Path, n: int, first: int = 0) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "现住址", "联系电话"])
    for i in range(first, first + n):
        body = f"110105198001{(i % 28) + 1:02d}{i % 1000:03d}"
        ws.append(
            [f"居民{i}", body + ric.calc_check_digit(body + "0"), f"幸福路{i}号", f"1390000{i:04d}"]
        )
    wb.save(path)
    return path


def _indexes(db) -> list[tuple[str, str]]:
    with db.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'resident' ORDER BY name"
            )
        ).all()
    return [tuple(r) for r in rows]


def _integrity(db) -> str:
    with db.connect() as conn:
        return str(conn.execute(text("PRAGMA integrity_check")).scalar())


def test_indexes_after_a_large_import_are_the_same_and_complete(db, tmp_path):
    before = _indexes(db)
    assert len(before) > 5
    assert run_import(db, plan_import(_file(tmp_path / "a.xlsx", 1500))).imported == 1500
    assert _indexes(db) == before
    assert _integrity(db) == "ok"
    with db.connect() as conn:
        plan = conn.execute(
            text("EXPLAIN QUERY PLAN SELECT rowid FROM resident WHERE name_pinyin = 'juminyi'")
        ).all()
        hits = conn.execute(
            text("SELECT count(*) FROM resident WHERE phone_rev LIKE '1000%'")
        ).scalar()
    assert any("ix_resident_pinyin" in str(row) for row in plan)
    assert hits == 1  # 13900000001 reversed


def test_a_smaller_import_into_a_fuller_table_keeps_indexes_whole(db, tmp_path):
    before = _indexes(db)
    run_import(db, plan_import(_file(tmp_path / "a.xlsx", 1200)))
    assert run_import(db, plan_import(_file(tmp_path / "b.xlsx", 300, 1200))).imported == 300
    assert _indexes(db) == before
    assert _integrity(db) == "ok"


def test_cancel_while_storing_leaves_the_indexes_as_they_were(db, tmp_path):
    before = _indexes(db)
    plan = plan_import(_file(tmp_path / "a.xlsx", 2500))
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done > total * 3 // 4:  # well into storing, with the indexes dropped
            cancel.set()

    with pytest.raises(Cancelled):
        run_import(db, plan, progress=progress, cancel=cancel)
    assert _indexes(db) == before
    assert _integrity(db) == "ok"
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM resident")).scalar() == 0
