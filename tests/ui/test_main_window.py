"""The main window on a real office database: title, status bar, font size, geometry, errors."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QTabWidget

from govdesk.cli import default_db_path as cli_default_db_path
from govdesk.services import office, registry
from govdesk.store.database import Database
from govdesk.ui import app as app_module
from govdesk.ui import fonts, settings
from govdesk.ui.errors import DatabaseErrorDialog, ExceptionHook, install_excepthook
from govdesk.ui.main_window import MainWindow


@pytest.fixture
def shell(qapp, tmp_path: Path):
    """The application set up as govdesk does it, with settings kept in a temporary folder."""
    settings.use_settings_folder(tmp_path / "settings")
    app = app_module.create_app(lang="zh_CN")
    yield app
    fonts.set_point_size(app, fonts.DEFAULT_POINT_SIZE, remember=False)
    app_module.install_translators(app, "zh_CN")


def add_household(db: Database) -> None:
    with db.session() as s:
        hh = registry.create_household(s, household_number="A-001", address="幸福路1号")
        registry.create_person(
            s,
            data={"name": "张三", "id_number": "11010519491231002X", "relation_to_head": "head"},
            household_id=hh.id,
        )
        registry.create_person(s, data={"name": "李四"})


def test_window_names_the_office_file_and_counts(shell, qtbot, db: Database):
    add_household(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "幸福社区居民委员会"
    assert window.office_label.text() == "幸福社区居民委员会"
    assert str(db.path) in window.path_label.text()
    qtbot.waitUntil(lambda: window.counts_label.text() != "")
    assert window.counts_label.text() == "在册居民 2 人，1 户"
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert tabs is not None and tabs.count() == 4
    assert tabs.tabText(0) == "居民登记"
    assert tabs.widget(0).objectName() == "residentsTab"
    assert tabs.widget(1).objectName() == "gridsTab"
    assert tabs.widget(2).objectName() == "mediationTab"
    assert tabs.widget(3).objectName() == "volunteersTab"
    assert window.tab_keys() == ["residents", "grids", "mediation", "volunteers"]
    assert window.show_tab("volunteers") is True


def test_counts_follow_the_tab_writes(shell, qtbot, db: Database):
    window = MainWindow(db)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.counts_label.text() == "在册居民 0 人，0 户")
    add_household(db)
    window.findChild(QTabWidget, "mainTabs").widget(0).counts_changed.emit()
    qtbot.waitUntil(lambda: window.counts_label.text() == "在册居民 2 人，1 户")


def test_menus_hold_the_shell_and_tab_actions(shell, qtbot, db: Database):
    window = MainWindow(db)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "数据交换(&X)", "工具(&T)", "帮助(&H)"]
    file_texts = [a.text() for a in window.file_menu.actions() if a.text()]
    assert file_texts[0] == "打开数据库(&O)…" and file_texts[-1] == "退出(&X)"
    tab_file = window.findChild(QTabWidget, "mainTabs").widget(0).menu_actions()["file"]
    assert all(a in window.file_menu.actions() for a in tab_file)
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Y"
    assert [k.toString() for k in window.zoom_in_action.shortcuts()] == ["Ctrl+=", "Ctrl++"]
    assert window.zoom_out_action.shortcut().toString() == "Ctrl+-"
    assert window.zoom_reset_action.shortcut().toString() == "Ctrl+0"
    # Every shortcut in the menus is unique, so none of them is dead as ambiguous.
    keys = [
        k.toString()
        for menu in (window.file_menu, window.edit_menu, window.view_menu)
        for a in menu.actions()
        for k in a.shortcuts()
    ]
    assert len(keys) == len(set(keys))


def test_undo_follows_the_tab_stack(shell, qtbot, db: Database):
    window = MainWindow(db)
    qtbot.addWidget(window)
    tab = window.findChild(QTabWidget, "mainTabs").widget(0)
    assert window.undo_group.activeStack() is tab.undo_stack
    assert not window.undo_action.isEnabled()


def test_font_size_actions_change_and_remember_the_size(shell, qtbot, db: Database):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    start = QApplication.font().pointSize()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    assert QApplication.font().pointSize() == start + 2
    QApplication.processEvents()  # widgets take up the application font from a posted event
    assert window.font().pointSize() == start + 2  # the window follows the application font
    assert settings.stored_font_size() == start + 2
    window.zoom_out_action.trigger()
    assert QApplication.font().pointSize() == start + 1
    assert (
        int(QSettings(settings.ORGANIZATION, settings.APPLICATION).value("ui/font_point_size"))
        == start + 1
    )
    window.zoom_reset_action.trigger()
    assert QApplication.font().pointSize() == fonts.DEFAULT_POINT_SIZE
    assert settings.stored_font_size() == fonts.DEFAULT_POINT_SIZE


def test_font_size_is_clamped(shell):
    assert fonts.set_point_size(shell, 100) == fonts.MAX_POINT_SIZE
    assert fonts.set_point_size(shell, 1) == fonts.MIN_POINT_SIZE


def test_stored_font_size_is_applied_at_start(shell, tmp_path: Path):
    settings.set_stored_font_size(17)
    app = app_module.create_app()
    assert app.font().pointSize() == 17


def test_geometry_is_saved_and_restored(shell, qtbot, db: Database):
    window = MainWindow(db)
    window.resize(720, 520)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert settings.window_geometry()[0] is not None
    reopened = Database.open(db.path)
    reopened.actor = db.actor
    again = MainWindow(reopened)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (720, 520)


def test_bundled_cjk_font_is_a_fallback_of_the_application_font(shell):
    assert fonts.register_cjk_font() == "WenQuanYi Micro Hei"
    assert "WenQuanYi Micro Hei" in QApplication.font().families()


def test_window_default_database_is_the_cli_one():
    assert app_module.default_db_path() == cli_default_db_path()


def windows_open() -> list[Path]:
    """The database files of the main windows that exist now."""
    return [w.db.path for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _answer_error_dialog(choice: str, seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, DatabaseErrorDialog):  # not shown yet
        QTimer.singleShot(20, lambda: _answer_error_dialog(choice, seen))
        return
    seen.append(box.text() + "\n" + box.informativeText())
    button = box.other_button if choice == "other" else box.give_up_button
    button.click()


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(shell, qtbot, tmp_path):
    bad = tmp_path / "居民台账.db"
    garbage = bytes(range(256)) * 40
    bad.write_bytes(garbage)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_error_dialog("quit", seen))
    result = app_module.open_database(bad)
    assert result is None
    assert bad.read_bytes() == garbage
    assert len(seen) == 1
    assert "居民台账.db" in seen[0] and "不是govdesk数据库文件" in seen[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings", "居民台账.db"]
    assert bad not in windows_open()


def test_a_database_from_a_newer_govdesk_is_refused_unchanged(shell, qtbot, db: Database):
    with db.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.close()
    before = db.path.read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_error_dialog("quit", seen))
    assert app_module.open_database(db.path) is None
    assert db.path.read_bytes() == before
    assert "9999_future" in seen[0]


def test_unexpected_errors_are_logged_and_explained(shell, tmp_path: Path):
    log = tmp_path / "logs" / "errors.log"
    hook = ExceptionHook(log)
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_box)
            return
        shown.append(box.text())
        box.close()

    QTimer.singleShot(0, close_box)
    try:
        raise RuntimeError("测试用的意外错误")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert "测试用的意外错误" in log.read_text(encoding="utf-8")
    assert shown and "已经保存的数据不受影响" in shown[0]


def test_open_another_database_from_the_file_menu(shell, qtbot, db: Database, tmp_path: Path):
    from govdesk.services import accounts
    from govdesk.ui.login import LoginDialog

    other_path = tmp_path / "other" / "石门村.db"
    other = office.init_database(other_path, name="石门村村民委员会", division_code="370112101203")
    accounts.create_first_admin(other, username="li", password="li-password-1")
    other.close()
    window = MainWindow(db)
    window.show()

    def sign_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, sign_in)
            return
        dialog.user_edit.setText("li")
        dialog.password_edit.setText("li-password-1")
        dialog.ok_button.click()

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, choose)
            return
        dialog.selectFile(str(other_path))
        dialog.accept()
        QTimer.singleShot(0, sign_in)  # the other file's own accounts

    QTimer.singleShot(0, choose)
    window.open_action.trigger()
    opened = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    assert [w.windowTitle() for w in opened] == ["石门村村民委员会"]
    assert opened[0].db.path == other_path
    assert not window.isVisible()
    opened[0].close()


def test_errors_in_worker_threads_are_logged(tmp_path: Path):
    saved = sys.excepthook, threading.excepthook
    log = tmp_path / "errors.log"
    try:
        install_excepthook(log)

        def fail() -> None:
            raise ValueError("线程里的意外错误")

        worker = threading.Thread(target=fail, name="counts")
        worker.start()
        worker.join()
    finally:
        sys.excepthook, threading.excepthook = saved
    text = log.read_text(encoding="utf-8")
    assert "in thread counts" in text and "线程里的意外错误" in text


def test_ctrl_plus_and_ctrl_minus_keys_resize_the_text(shell, qtbot, db: Database):
    window = MainWindow(db)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    start = QApplication.font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSize() == start + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSize() == start - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSize() == fonts.DEFAULT_POINT_SIZE


def test_a_damaged_database_is_refused_and_left_untouched(shell, qtbot, db: Database):
    add_household(db)
    db.close()
    whole = db.path.read_bytes()
    damaged = whole[: len(whole) // 2]  # a copy cut short, as from a pulled USB stick
    db.path.write_bytes(damaged)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_error_dialog("quit", seen))
    assert app_module.open_database(db.path) is None
    assert db.path.read_bytes() == damaged
    # Said in the clerk's words (the header records a longer file), with the way out.
    assert "office.db" in seen[0] and "截断" in seen[0] and "备份" in seen[0]
    assert sorted(p.name for p in db.path.parent.iterdir() if p.name.startswith("office")) == [
        "office.db"
    ]


# run_window installs a process-wide excepthook and runs the event loop until the window
# closes, so it runs in a child process, answering its own dialogs as a clerk would.
RUN_WINDOW = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from govdesk.ui import settings
settings.use_settings_folder(Path(sys.argv[2]))
from govdesk.ui.app import create_app, run_window
from govdesk.ui.errors import DatabaseErrorDialog
from govdesk.ui.first_run import FirstRunDialog
from govdesk.ui.main_window import MainWindow

def clerk():
    modal = QApplication.activeModalWidget()
    if isinstance(modal, DatabaseErrorDialog):
        print("error dialog:", modal.informativeText().replace("\n", " "))
        modal.give_up_button.click()
        return
    if isinstance(modal, FirstRunDialog):
        modal.name_edit.setText("幸福社区居民委员会")
        modal.code_edit.setText("110105001001")
        modal.admin_edit.setText("admin")
        modal.admin_fields.first.setText("admin-pass-1")
        modal.admin_fields.second.setText("admin-pass-1")
        modal.ok_button.click()
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible() and w.counts_label.text():
            print("window:", w.windowTitle(), w.counts_label.text())
            w.close()
            return
    QTimer.singleShot(50, clerk)

create_app()  # timers need the application; run_window reuses it
QTimer.singleShot(50, clerk)
print("exit", run_window(Path(sys.argv[1]), None))
"""


def run_window_in_child(db_file: Path, tmp_path: Path) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", RUN_WINDOW, str(db_file), str(tmp_path / "child-settings")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_govdesk_on_a_garbage_file_explains_and_exits(tmp_path: Path):
    bad = tmp_path / "garbage.db"
    bad.write_bytes(b"\x00\xff" * 3000)
    out = run_window_in_child(bad, tmp_path)
    assert "error dialog:" in out and "garbage.db" in out
    assert out.strip().endswith("exit 1")
    assert "window:" not in out
    assert bad.read_bytes() == b"\x00\xff" * 3000


def test_govdesk_on_a_missing_file_runs_first_run_then_the_window(tmp_path: Path):
    path = tmp_path / "new" / "govdesk.db"
    out = run_window_in_child(path, tmp_path)
    assert "window: 幸福社区居民委员会 在册居民 0 人，0 户" in out
    assert out.strip().endswith("exit 0")
    created = Database.open(path)
    assert created.meta("instance_id")
    created.close()
