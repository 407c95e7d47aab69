"""Locking an idle session: the window's content is taken off the screen until the user's password is typed again."""

from __future__ import annotations

import logging
import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import role_label
from govdesk.services import accounts
from govdesk.ui import ops
from govdesk.ui.password_dialog import error_label

# Input that shows someone is at the keyboard. Paint, timer and focus events are not input.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)

CONTROLLER_NAME = "idleLock"

log = logging.getLogger(__name__)


class LockPanel(QFrame):
    """What a locked window shows instead of its content: who is signed in and a password field.

    Dialogs that were open get a panel too, so the password can be typed into whichever window
    is on top (a modal dialog blocks input to the main window).
    """

    def __init__(self, lock: IdleLock, parent: QWidget, *, main: bool):
        super().__init__(parent)
        self.lock = lock
        self.setObjectName("lockPanel" if main else "lockPanelDialog")
        self.setAutoFillBackground(True)
        actor = lock.db.actor
        who = f"{actor.username}（{role_label(actor.role)}）" if actor is not None else ""

        title = QLabel(self.tr("已锁定"))
        title.setObjectName("lockTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr("为保护居民个人信息，屏幕已锁定。\n当前用户：%1。请输入密码继续工作。").replace(
                "%1", who
            )
        )
        text.setObjectName("lockText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.returnPressed.connect(self.unlock)
        self.unlock_button = QPushButton(self.tr("解锁(&U)"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        self.message = error_label("lockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        others = QHBoxLayout()
        others.addStretch(1)
        if main:
            self.switch_button = QPushButton(self.tr("切换用户(&S)…"))
            self.switch_button.setObjectName("switchUserButton")
            self.switch_button.clicked.connect(self.switch_user)
            quit_button = QPushButton(self.tr("退出程序(&X)"))
            quit_button.setObjectName("lockQuitButton")
            quit_button.clicked.connect(lock.window.close)
            others.addWidget(self.switch_button)
            others.addWidget(quit_button)
        others.addStretch(1)

        box = QWidget()
        box.setObjectName("lockBox")
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(8)
        inner.addLayout(row)
        inner.addWidget(self.message)
        inner.addLayout(others)
        # Centred by stretches, not by alignment: an aligned widget gets its size hint, and
        # the wrapped lines of a message would be cut off.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box, 20)  # as wide as it may be, up to its maximum
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

    def unlock(self) -> None:
        problem = self.lock.unlock(self.password.text())
        self.password.clear()
        if problem:
            self.message.setText(problem)
            self.message.show()
            self.password.setFocus()

    def switch_user(self) -> None:
        problem = self.lock.switch_user()
        if problem:
            self.message.setText(problem)
            self.message.show()


class IdleLock(QObject):
    """Locks `window` after `interval_ms` without keyboard or mouse input (0: never).

    `lock_now()` locks at once (menu 账户 → 锁定, Ctrl+L); `unlock(password)` returns None
    or the reason in words. Without `interval_ms` the administrator's idle time is used.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, *, interval_ms: int | None = None):
        super().__init__(window)
        self.setObjectName(CONTROLLER_NAME)
        self.window = window
        self.db = window.db
        self.locked = False
        self.clock: accounts.Clock | None = None  # tests move time by hand
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._check_idle)
        self.interval_ms = 0
        # Input only stamps the time: restarting a QTimer on every mouse move costs more.
        self.last_input = time.monotonic()
        self._content: QWidget | None = None
        self._panel: LockPanel | None = None
        self._disabled: list[QAction] = []
        self._covered: list[tuple[QWidget, LockPanel, list[QWidget]]] = []
        self._focus: QWidget | None = None
        self.set_interval(
            interval_ms if interval_ms is not None else accounts.idle_minutes(self.db) * 60_000
        )
        QApplication.instance().installEventFilter(self)

    # -- the timer -------------------------------------------------------------------------
    def set_interval(self, interval_ms: int) -> None:
        self.interval_ms = max(0, int(interval_ms))
        self.restart()

    def use_minutes(self, minutes: int) -> None:
        self.set_interval(minutes * 60_000)

    def restart(self) -> None:
        self.last_input = time.monotonic()
        if self.interval_ms > 0 and not self.locked:
            self.timer.start(self.interval_ms)
        else:
            self.timer.stop()

    def idle_ms(self) -> int:
        return int((time.monotonic() - self.last_input) * 1000)

    def _check_idle(self) -> None:
        """The timer ran out: lock if nobody touched the keyboard or mouse meanwhile,
        otherwise wait for the rest of the interval counted from the last input."""
        if self.locked or self.interval_ms <= 0:
            return
        left = self.interval_ms - self.idle_ms()
        if left > 0:
            self.timer.start(left)
        else:
            self.lock_now(reason="idle")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.last_input = time.monotonic()
        elif kind == QEvent.Type.Resize and self.locked:
            for dialog, panel, _hidden in self._covered:
                if watched is dialog:
                    panel.setGeometry(dialog.rect())
        return False

    # -- locking -----------------------------------------------------------------------------
    def lock_now(self, *, reason: str = "manual") -> None:
        """Take the window's content off the screen and ask for the password."""
        if self.locked or self.db.actor is None or not shiboken6.isValid(self.window):
            return
        if not self.window.isVisible():  # closed: nothing on screen, maybe no database either
            self.timer.stop()
            return
        self.locked = True
        self.timer.stop()
        self._focus = QApplication.focusWidget()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        # Removed, not covered: nothing with personal data stays in the window.
        self._content = self.window.takeCentralWidget()
        if self._content is not None:
            self._content.hide()
        self._panel = LockPanel(self, self.window, main=True)
        self.window.setCentralWidget(self._panel)
        self.window.menuBar().hide()
        # Features put links in the status bar (备份口令 …): none of them works while locked.
        self.window.statusBar().setEnabled(False)
        self._disable_actions()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and self._belongs(widget):
                self._cover(widget)
        top = QApplication.activeModalWidget()
        target = next((p for d, p, _h in self._covered if d is top), self._panel)
        target.password.setFocus()
        try:
            self.db.audit(
                AuditAction.SESSION_LOCKED,
                record_type="user_account",
                record_id=self.db.actor.user_id,
                detail={"reason": reason},
            )
        except DomainError as exc:
            # A file opened read-only (or a full disk) cannot take the entry; the screen
            # is locked all the same, which is what protects the data now.
            log.warning("session lock not written to the audit trail: %s", exc)
        self.locked_changed.emit(True)

    def _belongs(self, widget: QWidget) -> bool:
        """A window of this one (its dialogs), or a dialog that has no parent window at all."""
        parent = widget.parentWidget()
        if parent is None:
            return isinstance(widget, QDialog)
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False

    def _disable_actions(self) -> None:
        found: list[QAction] = list(self.window.findChildren(QAction))
        menus = [a.menu() for a in self.window.menuBar().actions() if a.menu() is not None]
        while menus:
            menu = menus.pop()
            for action in menu.actions():
                found.append(action)
                if action.menu() is not None:
                    menus.append(action.menu())
        seen: set[int] = set()
        self._disabled = []
        for action in found:
            if id(action) in seen or action.objectName() == "quitAction":
                continue
            seen.add(id(action))
            if action.isEnabled():
                action.setEnabled(False)
                self._disabled.append(action)

    def _cover(self, dialog: QWidget) -> None:
        hidden = [
            w
            for w in dialog.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisible()
        ]
        for w in hidden:
            w.hide()
        panel = LockPanel(self, dialog, main=False)
        panel.setGeometry(dialog.rect())
        panel.show()
        self._covered.append((dialog, panel, hidden))

    # -- unlocking ---------------------------------------------------------------------------
    def unlock(self, password: str) -> str | None:
        """Back to work with the signed-in user's password; otherwise the reason in words."""
        from govdesk.ui.login import refusal_text

        if not self.locked:
            return None
        if not password:
            return self.tr("请输入密码")
        try:
            kwargs = {"clock": self.clock} if self.clock is not None else {}
            ok = accounts.check_password(self.db, password, **kwargs)
        except DomainError as exc:
            return refusal_text(exc)
        if not ok:
            return self.tr("密码不正确。连续输错 %1 次账户将锁定。").replace(
                "%1", str(accounts.MAX_FAILED)
            )
        self._restore()
        return None

    def _restore(self) -> None:
        for _dialog, panel, hidden in self._covered:
            if shiboken6.isValid(panel):
                panel.hide()
                panel.deleteLater()
            for w in hidden:
                if shiboken6.isValid(w):
                    w.show()
        self._covered = []
        panel = self.window.takeCentralWidget()
        if panel is not None:
            panel.hide()
            panel.deleteLater()
        self._panel = None
        if self._content is not None:
            self.window.setCentralWidget(self._content)
            self._content.show()
        self._content = None
        self.window.menuBar().show()
        self.window.statusBar().setEnabled(True)
        for action in self._disabled:
            if shiboken6.isValid(action):
                action.setEnabled(True)
        self._disabled = []
        self.locked = False
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus()
        self._focus = None
        self.restart()
        self.locked_changed.emit(False)

    def switch_user(self) -> str | None:
        """Another user signs in: a new window is built for their role, this one goes.

        Returns the reason when that cannot happen now (work running, dialogs open).
        """
        from govdesk.ui.login import LoginDialog, finish_sign_in

        if ops.running():
            return self.tr("有工作正在进行，请先解锁，等它完成后再切换用户。")
        if self._covered:
            return self.tr("还有打开的窗口，请先解锁并关闭它们，再切换用户。")
        dialog = LoginDialog(self.db, self.window)
        if not dialog.exec() or dialog.actor is None:
            return None
        previous = self.db.actor
        if previous is not None and dialog.actor.username == previous.username:
            finish_sign_in(self.db, dialog.actor, dialog.password, self.window)
            self._restore()
            return None
        if finish_sign_in(self.db, dialog.actor, dialog.password, self.window) is None:
            return None
        new_actor = self.db.actor
        self.db.actor = previous
        accounts.sign_out(self.db)
        self.db.actor = new_actor
        replace_window(self.window)
        return None


def replace_window(old: QMainWindow) -> QMainWindow:
    """A fresh window on the same database for the user now signed in; `old` closes without
    closing the database and is deleted with the tabs built for the previous user."""
    from govdesk.ui import main_window

    db = old.db
    new = main_window.MainWindow(db, remember=old.remember)
    new.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    new.restoreGeometry(old.saveGeometry())
    main_window._windows.append(new)
    new.destroyed.connect(lambda _o=None, w=new: main_window._forget(w))
    new.show()
    del old.db  # the closing window must leave the database open for its successor
    old.close()
    old.deleteLater()
    return new


def controller(window: QWidget) -> IdleLock | None:
    """The window's idle lock, once account_menu has installed it."""
    return window.findChild(IdleLock, CONTROLLER_NAME)
