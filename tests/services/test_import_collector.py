"""The import pauses Python's cycle collector and always gives it back as it found it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import openpyxl
import pytest

from govdesk.services.progress import Cancelled
from govdesk.services.residents_import import plan_import, run_import


def _file(path: Path, n: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "现住址"])
    for i in range(n):
        ws.append([f"居民{i}", f"幸福路{i}号"])
    wb.save(path)
    return path


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_collector_is_paused_during_the_import_and_back_after(db, tmp_path, collector_on):
    seen: list[bool] = []
    report = run_import(
        db,
        plan_import(_file(tmp_path / "a.xlsx", 1500)),
        progress=lambda done, total: seen.append(gc.isenabled()),
    )
    assert report.imported == 1500
    assert seen and not any(seen)
    assert gc.isenabled()


def test_collector_is_back_after_a_cancel(db, tmp_path, collector_on):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        run_import(db, plan_import(_file(tmp_path / "a.xlsx", 10)), cancel=cancel)
    assert gc.isenabled()


def test_a_collector_stopped_by_someone_else_stays_stopped(db, tmp_path, collector_on):
    gc.disable()
    run_import(db, plan_import(_file(tmp_path / "a.xlsx", 10)))
    assert not gc.isenabled()
    gc.enable()
    run_import(db, plan_import(_file(tmp_path / "b.xlsx", 10)))
    assert gc.isenabled()
