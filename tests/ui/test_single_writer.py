"""One writer per file: a second copy is told who has it and may only open it read-only."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from govdesk.domain.permissions import Actor, Role
from govdesk.services import registry
from govdesk.store.errors import READ_ONLY_OPEN, StorageError
from govdesk.ui import settings, single_writer
from govdesk.ui.app import _try_open
from govdesk.ui.main_window import MainWindow
from govdesk.ui.single_writer import (
    CANCEL,
    READ_ONLY,
    TAKE_OVER,
    NetworkShareWarning,
    WriterLock,
    ask_read_only,
    lock_path,
    network_warning_wanted,
)

ADMIN = Actor("admin", Role.ADMIN)

# Another copy of govdesk, as far as the lock can tell: another process holding it.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from govdesk.ui.single_writer import WriterLock
    lock = WriterLock(sys.argv[1])
    assert lock.acquire()
    lock.set_account("zhangsan")
    print("locked", flush=True)
    time.sleep(60)
    """
)


@pytest.fixture(autouse=True)
def own_settings(tmp_path, qapp):
    settings.use_settings_folder(tmp_path / "settings")


@pytest.fixture
def other_copy(db):
    """A process that holds the writer's lock on `db`, killed with SIGKILL at the end."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db.path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "locked\n"
    yield child
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
        child.wait()


def test_a_second_lock_is_refused_and_names_the_holder(db_path):
    first, second = WriterLock(db_path), WriterLock(db_path)
    assert first.acquire()
    first.set_account("lilei")
    assert lock_path(db_path).is_file()
    assert not second.acquire()
    holder = second.holder()
    assert holder is not None
    assert holder.account == "lilei"
    assert holder.host == socket.gethostname()
    assert holder.since is not None
    assert "lilei" in holder.describe() and socket.gethostname() in holder.describe()
    first.release()
    assert second.acquire()
    second.release()
    assert not lock_path(db_path).exists()


def test_the_lock_of_a_killed_copy_is_stale_and_taken_over(db, other_copy):
    mine = WriterLock(db.path)
    assert not mine.acquire()
    holder = mine.holder()
    assert holder is not None and holder.pid == other_copy.pid
    assert holder.account == "zhangsan"
    other_copy.send_signal(signal.SIGKILL)
    other_copy.wait()
    # Its process is gone from this computer, so the lock it left is stale.
    assert mine.acquire()
    mine.release()


def test_the_window_holds_the_lock_until_the_database_closes(db):
    db.close()
    opened = _try_open(db.path, ask=lambda *_a: pytest.fail("nobody else has it open"))
    assert not isinstance(opened, str)
    assert not opened.read_only
    other = WriterLock(db.path)
    assert not other.acquire()
    opened.close()
    assert other.acquire()
    other.release()


def test_a_second_copy_is_told_who_has_it_and_may_decline(db, other_copy):
    questions: list[str] = []

    def decline(_path: Path, reason: str, _parent: object, take_over: bool) -> str:
        questions.append(reason)
        assert not take_over  # on this computer Qt itself knows whether the holder lives
        return CANCEL

    problem = _try_open(db.path, ask=decline)
    assert isinstance(problem, str)
    assert "zhangsan" in problem and socket.gethostname() in problem
    assert problem == questions[0]


def test_a_second_copy_opens_read_only_and_every_write_is_refused(db, other_copy, qtbot):
    with db.session() as s:
        kept = registry.create_person(s, data={"name": "李雷"}).person.id
    before = db.path.read_bytes()
    opened = _try_open(db.path, ask=lambda *_a: READ_ONLY)
    assert not isinstance(opened, str)
    try:
        assert opened.read_only
        assert "zhangsan" in opened.read_only_note
        opened.actor = ADMIN
        with opened.session() as s:
            assert registry.get_person(s, person_id=kept).name == "李雷"
        with pytest.raises(StorageError) as refused, opened.session() as s:
            registry.create_person(s, data={"name": "韩梅梅"})
        assert refused.value.kind == READ_ONLY_OPEN
        assert "只读" in str(refused.value) and "zhangsan" in str(refused.value)

        window = MainWindow(opened, remember=False)
        qtbot.addWidget(window)
        assert window.windowTitle().endswith("（只读）")
        label = window.statusBar().findChild(type(window.office_label), "statusReadOnly")
        assert label is not None and label.text() == "只读：不能修改"
        assert "zhangsan" in label.toolTip()
    finally:
        opened.close()
    assert db.path.read_bytes() == before
    with db.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM resident").scalars().all() == ["李雷"]


def test_the_read_only_question_offers_read_only_first(qtbot, db_path):
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, single_writer.ReadOnlyQuestion)
        assert box.defaultButton() is box.read_only_button
        box.read_only_button.click()

    QTimer.singleShot(0, answer)
    assert ask_read_only(db_path, "这个数据库正在被使用", None) == READ_ONLY


def test_a_lock_left_by_another_computer_may_be_taken_over(db, qtbot):
    db.close()
    # The lock file as govdesk on the office's other PC writes it (QLockFile's format):
    # Qt cannot ask that computer whether the process still runs.
    lock_path(db.path).write_text("4242\ngovdesk\nOFFICE-PC2\n\n\n", encoding="utf-8")
    offered: list[bool] = []

    def take_over(_path: Path, reason: str, _parent: object, offer: bool) -> str:
        offered.append(offer)
        assert "OFFICE-PC2" in reason
        return TAKE_OVER

    opened = _try_open(db.path, ask=take_over)
    assert offered == [True]
    assert not isinstance(opened, str) and not opened.read_only
    holder = WriterLock(db.path).holder()
    assert holder is not None and holder.on_this_computer()
    opened.close()
    assert not lock_path(db.path).exists()


def test_the_question_offers_taking_over_only_when_asked(qtbot, db_path):
    plain = single_writer.ReadOnlyQuestion(db_path, "正在被使用")
    qtbot.addWidget(plain)
    assert plain.take_over_button is None
    offered = single_writer.ReadOnlyQuestion(db_path, "正在被使用", offer_take_over=True)
    qtbot.addWidget(offered)
    assert offered.take_over_button is not None
    assert "死机" in offered.informativeText()
    assert offered.defaultButton() is offered.read_only_button  # the safe answer by default


def test_the_network_warning_can_be_turned_off(qtbot, tmp_path):
    assert network_warning_wanted()
    box = NetworkShareWarning(tmp_path / "office.db")
    qtbot.addWidget(box)
    assert "本机磁盘" in box.informativeText()
    box.dont_ask.setChecked(True)
    box.done(0)
    assert not network_warning_wanted()


def test_no_network_warning_for_a_database_on_a_local_disk(db, qtbot):
    assert not db.on_network_share
    assert single_writer.warn_if_network_share(db) is False


def test_a_file_opened_as_a_copy_says_so_in_the_status_bar(db, qtbot, tmp_path):
    import shutil

    from govdesk.store.database import Database

    db.close()
    copy = tmp_path / "elsewhere" / "office.db"
    copy.parent.mkdir()
    shutil.copy(db.path, copy)
    opened = Database.open(copy)
    try:
        assert opened.instance_changed == "other_folder"
        opened.actor = ADMIN
        window = MainWindow(opened, remember=False)
        qtbot.addWidget(window)
        label = window.statusBar().findChild(type(window.office_label), "statusCopiedFile")
        assert label is not None and label.text() == "此文件为副本"
        assert label.toolTip().startswith("这个数据库文件是从另一个文件夹复制或移动来的")
    finally:
        opened.close()
    original = Database.open(db.path)
    try:
        assert original.instance_changed is None
        window = MainWindow(original, remember=False)
        qtbot.addWidget(window)
        assert window.statusBar().findChild(type(window.office_label), "statusCopiedFile") is None
    finally:
        original.close()
