"""Starting the program: the QApplication, its language and font, and opening the office database."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget
from shiboken6 import isValid

from govdesk import __version__
from govdesk.domain import messages
from govdesk.domain.messages import DomainError
from govdesk.paths import default_db_path
from govdesk.resources import resource_path
from govdesk.ui import errors, fonts, settings
from govdesk.ui.errors import DatabaseErrorDialog
from govdesk.ui.main_window import LANGUAGE_PROPERTY, MainWindow

if TYPE_CHECKING:
    from govdesk.domain.permissions import Actor
    from govdesk.store.database import Database

# The window paints before the database layer (SQLAlchemy, SQLModel) is even imported:
# those imports and opening the file take about a second, and the clerk should see the
# program respond at once. Modules below are imported inside the functions that open.

# Kept referenced: a QTranslator that Python collects stops translating.
_translators: list[QTranslator] = []


def choose_language(lang: str | None) -> str:
    """--lang beats the stored preference; Chinese when neither says otherwise."""
    return (
        settings.normalise_language(lang) or settings.stored_language() or settings.DEFAULT_LANGUAGE
    )


def install_translators(app: QApplication, lang: str) -> str:
    """Replace the program's translators with those for `lang`; returns the language used."""
    lang = settings.normalise_language(lang) or settings.DEFAULT_LANGUAGE
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt's own dialogs (file chooser, standard buttons) in the same language.
    qt = QTranslator(app)
    if qt.load(QLocale(lang), "qtbase", "_", qt_folder):
        _translators.append(qt)
    if lang != "zh_CN":  # the source strings are Chinese
        own = QTranslator(app)
        if own.load(str(resource_path("i18n", f"govdesk_{lang}.qm"))):
            _translators.append(own)
    for t in _translators:
        app.installTranslator(t)
    app.setProperty(LANGUAGE_PROPERTY, lang)
    messages.set_language(lang)
    return lang


def create_app(argv: list[str] | None = None, lang: str | None = None) -> QApplication:
    """The QApplication, set up for govdesk (an existing one, as in tests, is reused)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("govdesk")
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "govdesk.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    fonts.apply_application_font(app, fonts.initial_point_size())
    install_translators(app, choose_language(lang))
    return app


def open_database(
    path: Path, *, parent: QWidget | None = None, at_startup: bool = True
) -> Database | None:
    """Open `path`, asking for the office (new file) or another file (unusable file).

    Returns None when the clerk gives up. A file that cannot be opened is never written to.
    A file another copy of govdesk is writing to may be opened read-only, never as a
    second writer (see ui/single_writer.py).
    """
    from govdesk.ui import single_writer
    from govdesk.ui.first_run import FirstRunDialog

    path = Path(path)
    while True:
        if not path.exists():
            dialog = FirstRunDialog(path, parent)
            if not dialog.exec():
                return None
            db = dialog.database
            if db is not None:
                lock = single_writer.WriterLock(path)
                if lock.acquire():  # a file made a moment ago: nobody else can hold it yet
                    single_writer.attach(db, lock)
            return db
        problem = _try_open(path, parent)
        if not isinstance(problem, str):
            single_writer.warn_if_network_share(problem, parent)
            return problem
        box = DatabaseErrorDialog(path, problem, at_startup=at_startup, parent=parent)
        box.exec()
        if box.choice() == DatabaseErrorDialog.RESTORE and box.backup is not None:
            from govdesk.ui.backup_menu import restore_damaged

            restore_damaged(path, box.backup, parent)  # the damaged file is kept aside
            continue  # open the restored file (or show this dialog again)
        if box.choice() != DatabaseErrorDialog.CHOOSE_OTHER:
            return None
        chosen, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("app", "选择数据库文件"),
            str(path.parent),
            QCoreApplication.translate(
                "app", "govdesk 数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)"
            ),
        )
        if not chosen:
            return None
        path = Path(chosen)


def _try_open(
    path: Path,
    parent: QWidget | None = None,
    *,
    ask: Callable[[Path, str, QWidget | None, bool], str] | None = None,
) -> Database | str:
    """The open database, or the problem in words.

    The writer's lock is taken first. When another copy holds it, or the file or folder
    cannot be written to, `ask` (the read-only question by default) answers READ_ONLY,
    TAKE_OVER (only offered for a lock left by another computer) or CANCEL.
    The whole-file check runs afterwards on a worker (see `check_in_background`): on a
    million residents it reads 1.4 GB, which the clerk should not wait for to start work.
    """
    from govdesk.store import errors as store_errors
    from govdesk.ui import single_writer

    ask = ask or single_writer.ask_read_only
    lock = single_writer.WriterLock(path)
    unwritable = QCoreApplication.translate("app", "数据库文件或它所在的文件夹不能写入。")
    take_over = False
    if lock.acquire():
        opened = _open_file(path, read_only=False, parent=parent)
        if not isinstance(opened, tuple):
            single_writer.attach(opened, lock)
            return opened
        lock.release()
        reason, kind = opened
        if kind != store_errors.READ_ONLY_FOLDER:
            return reason
        note = unwritable
    elif lock.refused_for_permission():  # no lock file can be made beside the database
        opened = _open_file(path, read_only=False, parent=parent)
        if not isinstance(opened, tuple):  # writable after all, yet unlockable: not as a writer
            opened.close()
            opened = (single_writer.busy_message(lock.holder()), None)
        reason, kind = opened
        if kind not in (store_errors.READ_ONLY_FOLDER, None):
            return reason
        note = unwritable
    else:
        holder = lock.holder()
        reason = single_writer.busy_message(holder)
        note = (
            QCoreApplication.translate("app", "正在修改它的是：%1。").replace(
                "%1", holder.describe()
            )
            if holder is not None
            else ""
        )
        # On this computer QLockFile itself knows a dead holder; one on another computer
        # (a share) that crashed can only be declared gone by the clerk.
        take_over = holder is not None and not holder.on_this_computer()
    choice = ask(path, reason, parent, take_over)
    if choice == single_writer.TAKE_OVER and take_over and lock.take_over():
        opened = _open_file(path, read_only=False, parent=parent)
        if isinstance(opened, tuple):
            lock.release()
            return opened[0]
        single_writer.attach(opened, lock)
        return opened
    if choice != single_writer.READ_ONLY:
        return reason
    opened = _open_file(path, read_only=True, parent=parent)
    if isinstance(opened, tuple):
        return opened[0]
    opened.read_only_note = note
    return opened


def _open_file(
    path: Path, *, read_only: bool, parent: QWidget | None = None
) -> Database | tuple[str, str | None]:
    """The database, or (the problem in words, the kind of storage failure or None)."""
    from sqlalchemy.exc import SQLAlchemyError

    from govdesk.services.office import current_office

    try:
        db = _open_on_worker(path, read_only=read_only, parent=parent)
    except DomainError as exc:
        return str(exc), getattr(exc, "kind", None)
    except (OSError, SQLAlchemyError) as exc:
        return str(getattr(exc, "orig", None) or exc), None
    try:
        with db.session() as s:
            current_office(s)
    except (DomainError, SQLAlchemyError) as exc:
        db.close()
        return str(exc), getattr(exc, "kind", None)
    return db


# The notice appears only when opening takes longer than this; an ordinary open never shows it.
OPEN_NOTICE_AFTER_MS = 500


class _Opened(QObject):
    """Tells the window's thread that the worker opening the database has finished."""

    done = Signal()


def _open_on_worker(path: Path, *, read_only: bool, parent: QWidget | None = None) -> Database:
    """Database.open on a worker thread while the window keeps painting, with a notice when it
    takes a while. Upgrading an older file (a backup copy first, then the migrations) takes
    about 13 s for a million residents; on the window's thread that froze the window blank.
    Errors are raised here as Database.open raises them."""
    from govdesk.store.database import Database

    app = QCoreApplication.instance()
    if not isinstance(app, QApplication) or QThread.currentThread() is not app.thread():
        return Database.open(path, check=False, read_only=read_only)
    upgrading = not read_only and Database.upgrade_pending(path)
    text = (
        QCoreApplication.translate(
            "app",
            "正在升级数据库……\n先备份原文件，再更新数据结构。数据多时需要一些时间，"
            "请不要关闭程序或电脑。",
        )
        if upgrading
        else QCoreApplication.translate("app", "正在打开数据库……")
    )
    window = parent.window() if parent is not None else None
    notice = QProgressDialog(text, "", 0, 0, window)
    notice.setObjectName("openingNotice")
    notice.setWindowTitle("govdesk")
    notice.setCancelButton(None)  # a half-done upgrade is rolled back, but never on request
    notice.setWindowModality(Qt.WindowModality.ApplicationModal)
    notice.setMinimumDuration(OPEN_NOTICE_AFTER_MS)
    notice.setValue(0)  # starts the clock of minimumDuration (a busy bar has no other value)
    # No clicks into a window whose database is still being opened, before the notice shows.
    disabled = window is not None and window.isEnabled()
    if disabled:
        window.setEnabled(False)  # type: ignore[union-attr]
    outcome: dict[str, object] = {}
    finished = _Opened()
    loop = QEventLoop()
    finished.done.connect(loop.quit)

    def work() -> None:
        try:
            outcome["db"] = Database.open(path, check=False, read_only=read_only)
        except BaseException as exc:  # noqa: BLE001 - raised again on the window's thread
            outcome["error"] = exc
        finally:
            finished.done.emit()  # queued: quits the loop even if it has not started yet

    worker = threading.Thread(target=work, name="govdesk-open", daemon=True)
    worker.start()
    try:
        loop.exec()
        worker.join()
    finally:
        # The loop ran other events too: the window may have gone meanwhile, and the
        # notice with it.
        if isValid(notice):
            notice.close()
            notice.deleteLater()
        if disabled and isValid(window):
            window.setEnabled(True)  # type: ignore[union-attr]
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["db"]  # type: ignore[return-value]


class _CheckResult(QObject):
    """Carries the outcome of the background file check back to the window's thread."""

    done = Signal(str)


def check_in_background(window: MainWindow, db: Database) -> None:
    """PRAGMA quick_check on a worker; damage found is shown, never silently ignored."""
    carrier = _CheckResult(window)

    def report(result: str) -> None:
        if result != "ok":
            box = DatabaseErrorDialog(
                db.path,
                QCoreApplication.translate("app", "数据库文件检查发现损坏：%1").replace(
                    "%1", result
                ),
                at_startup=False,
                parent=window,
                offer_restore=hasattr(window, "backup_menu")
                and window.backup_menu.restore_action is not None,
            )
            box.exec()
            if box.choice() == DatabaseErrorDialog.RESTORE and box.backup is not None:
                window.backup_menu.restore_from_file(box.backup.path)

    carrier.done.connect(report)

    def work() -> None:
        try:
            result = db.quick_check()
        except Exception as exc:  # noqa: BLE001 - any failure to read is itself the finding
            result = str(exc)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            carrier.done.emit(result)

    QThreadPool.globalInstance().start(work)


def run_window(db_path: Path | None, lang: str | None) -> int:
    """The `govdesk` command without a subcommand: open the window and run until it closes."""
    app = create_app(lang=lang)
    errors.install_excepthook()
    window = MainWindow()  # the frame paints now; the office's data follows
    window.show()
    outcome = {"code": 0}

    def give_up() -> None:
        outcome["code"] = 1
        window.close()
        app.quit()

    def open_office() -> None:
        from govdesk.ui import login

        db = open_database(db_path or default_db_path(), parent=window)
        if db is None:
            give_up()
            return
        # No tab is built before someone has signed in (a new office's creator already has).
        if db.actor is None and login.sign_in(db, parent=window) is None:
            db.close()
            give_up()
            return
        window.attach(db)
        check_in_background(window, db)

    QTimer.singleShot(0, open_office)
    code = app.exec()
    return outcome["code"] or code


def render_window(
    db_path: Path,
    tab: str,
    size: tuple[int, int],
    *,
    lang: str | None = None,
    actor: Actor | None = None,
) -> QImage:
    """The main window on `db_path` with `tab` open, drawn at `size` (`govdesk screenshot`).

    Raises KeyError for a tab this version does not show, and DatabaseError for a bad file.
    The clerk's own font size and window layout are neither used nor changed.
    """
    from govdesk.store.database import Database

    app = create_app(lang=lang)
    fonts.set_point_size(app, fonts.DEFAULT_POINT_SIZE, remember=False)
    db = Database.open(db_path)
    db.actor = actor
    window = MainWindow(db, remember=False)
    try:
        if not window.show_tab(tab):
            raise KeyError(tab)
        window.resize(*size)
        window.show()
        _settle(app)
        return window.grab().toImage()
    finally:
        window.close()
        window.deleteLater()


def _settle(app: QApplication, ms: int = 250) -> None:
    """Let layouts, the first page of rows and the deferred status counts reach the screen."""
    app.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()
