"""Long work (import, export, printing) on a worker thread, with a progress dialog and 取消."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from govdesk.domain.messages import DomainError
from govdesk.services.progress import Cancelled, ProgressFn

log = logging.getLogger(__name__)

Work = Callable[[ProgressFn, threading.Event], Any]

# Operations still running; holding them here keeps their QThread alive until it ends.
_running: set[Operation] = set()


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, cancel: threading.Event):
        super().__init__()
        self._work = work
        self._cancel = cancel
        self._last_emit = 0.0

    def _progress(self, done: int, total: int) -> None:
        # Called from the worker thread for every row; ten updates a second are plenty
        # and keep the GUI thread's event queue short.
        now = time.monotonic()
        if done >= total or now - self._last_emit >= 0.1:
            self._last_emit = now
            self.progressed.emit(int(done), int(total))

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class Operation(QObject):
    """One piece of long work; `finished` is True once on_done or on_error has run."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        label: str,
    ):
        super().__init__(None)
        self.parent_widget = parent
        self.title = title
        self.cancel = threading.Event()
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._on_done = on_done
        self._on_error = on_error

        self.dialog = QProgressDialog(
            label or title, QCoreApplication.translate("ops", "取消"), 0, 0, parent
        )
        self.dialog.setObjectName("progressDialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(400)
        self.dialog.canceled.connect(self.request_cancel)

        self.thread = QThread()
        self.worker = _Worker(work, self.cancel)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Queued: these signals come from the worker thread.
        self.worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.worker.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        _running.add(self)
        self.thread.start()

    def request_cancel(self) -> None:
        self.cancel.set()
        self.dialog.setLabelText(QCoreApplication.translate("ops", "正在取消…"))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> bool:
        """Stop the thread and the dialog; False when the window that asked is gone."""
        self.finished = True
        self.thread.quit()
        self.thread.wait()
        if shiboken6.isValid(self.dialog):
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        _running.discard(self)
        return self.parent_widget is None or shiboken6.isValid(self.parent_widget)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        if self._finish():
            self._on_done(result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.error = exc
        if not self._finish():
            log.warning("operation %r failed after its window closed", self.title, exc_info=exc)
        elif self._on_error is not None:
            self._on_error(exc)
        else:
            show_error(self.parent_widget, self.title, exc)


def notify(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> QMessageBox:
    """A message box that does not block: the event loop (and any running work) goes on."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("notifyBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def error_text(exc: BaseException) -> str:
    """What the clerk reads about a failure; details of unexpected ones go to the log."""
    if isinstance(exc, Cancelled):
        return QCoreApplication.translate("ops", "已取消，没有保存任何更改。")
    if isinstance(exc, DomainError):
        return "\n".join(i.message for i in exc.issues)
    if isinstance(exc, OSError):
        where = f"{exc.filename}：" if getattr(exc, "filename", None) else ""
        return (
            QCoreApplication.translate("ops", "无法读写文件。") + f"\n{where}{exc.strerror or exc}"
        )
    log.error("operation failed", exc_info=exc)
    return (
        QCoreApplication.translate("ops", "操作没有完成，已保存的数据没有改变。")
        + f"\n（{type(exc).__name__}: {exc}）"
    )


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A calm message for the clerk, never a crash dialog."""
    return notify(parent, title, error_text(exc), warning=not isinstance(exc, Cancelled))


def running() -> list[Operation]:
    """Work still under way, oldest first (the window asks before closing over it)."""
    return [op for op in _running if not op.finished]


def cancel_all(timeout_ms: int = 30_000) -> None:
    """Cancel every running operation and wait for its thread: each rolls back its work.

    Used when the window closes, so nothing is reported back afterwards: the results'
    signals are disconnected before the work can send them.
    """
    ops = running()
    for op in ops:
        for signal in (op.worker.progressed, op.worker.succeeded, op.worker.failed):
            signal.disconnect()
        op.request_cancel()
    for op in ops:
        op.thread.quit()  # handled once the work has returned after seeing the cancel
        op.thread.wait(timeout_ms)
        op._finish()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    label: str = "",
) -> Operation:
    """Run `work(progress, cancel)` on a QThread; on_done/on_error run on the GUI thread."""
    op = Operation(parent, title, work, on_done, on_error, label)
    op.start()
    return op
