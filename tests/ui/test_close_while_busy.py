"""Closing the window over running work asks first; leaving cancels the work, which rolls back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import select

from govdesk.domain.models import Resident
from govdesk.services import registry
from govdesk.services.progress import checkpoint
from govdesk.store.database import Database
from govdesk.ui import app as app_module
from govdesk.ui import ops, settings
from govdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qapp, qtbot, tmp_path: Path, db: Database):
    settings.use_settings_folder(tmp_path / "settings")
    app_module.create_app(lang="zh_CN")
    w = MainWindow(db, remember=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    ops.cancel_all()


def start_slow_import(window: MainWindow, db: Database, started: threading.Event) -> ops.Operation:
    def work(progress, cancel):
        # Writes inside one transaction and keeps going until cancelled, like an import.
        with db.session() as s:
            registry.create_person(s, data={"name": "半途"})
            started.set()
            while True:
                checkpoint(cancel)
                cancel.wait(0.02)

    return ops.run_with_progress(window, "导入居民", work, on_done=lambda _r: None)


def answer(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    # The progress dialog is modal too, so look for the question among the visible windows.
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    if boxes:
        seen.append(boxes[0].text())
        boxes[0].button(button).click()
    else:
        QTimer.singleShot(20, lambda: answer(button, seen))


def test_staying_keeps_the_window_and_the_work(window, qtbot, db):
    started = threading.Event()
    op = start_slow_import(window, db, started)
    qtbot.waitUntil(started.is_set)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No, seen))
    window.close()
    assert window.isVisible()
    assert seen and "导入居民" in seen[0] and "还没有完成" in seen[0]
    assert ops.running() == [op]
    ops.cancel_all()  # before pytest-qt closes the window, which would ask again
    assert ops.running() == []


def test_leaving_cancels_the_work_and_nothing_is_stored(window, qtbot, db):
    started = threading.Event()
    start_slow_import(window, db, started)
    qtbot.waitUntil(started.is_set)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes, seen))
    window.close()
    assert not window.isVisible()
    assert ops.running() == []
    again = Database.open(db.path)
    with again.session() as s:
        assert s.exec(select(Resident)).all() == []
    again.close()
