"""Accounts for UI tests: a real administrator and colleagues in a real office database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from govdesk.domain.permissions import Actor, Role
from govdesk.services import accounts
from govdesk.store.database import Database

ADMIN_PASSWORD = "admin-pass-1"
USER_PASSWORD = "user-pass-1"


def with_admin(db: Database) -> Actor:
    """The conftest database gets a real first administrator, who is signed in."""
    db.actor = None
    actor = accounts.create_first_admin(db, username="admin", password=ADMIN_PASSWORD)
    db.actor = actor
    return actor


def add_user(db: Database, username: str, role: Role, *, must_change: bool = False) -> None:
    """A colleague, created by the signed-in administrator."""
    accounts.create_account(db, username=username, password=USER_PASSWORD, role=role)
    if must_change:
        accounts.reset_password(db, username=username, new_password=USER_PASSWORD)


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None], tries: int = 250) -> None:
    """Once a modal `kind` is on screen, `act` on it (dialogs run their own event loop)."""

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind):
            act(modal)
        elif look.left > 0:
            look.left -= 1
            QTimer.singleShot(20, look)

    look.left = tries
    QTimer.singleShot(0, look)


class Clock:
    """A clock the test moves by hand: lockout delays without waiting."""

    def __init__(self) -> None:
        # From the real time, so a lock it sets is still ahead when the list reads the clock.
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)
