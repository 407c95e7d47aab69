"""Signing in for command-line tests: a real administrator account and GOVDESK_PASSWORD."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdesk.services import accounts
from govdesk.store.database import Database

PASSWORD = "cli-admin-pass"


def add_admin(target: Database | Path, username: str = "admin") -> None:
    """The first administrator of a database file or an open database."""
    if isinstance(target, Database):
        accounts.create_first_admin(target, username=username, password=PASSWORD)
        return
    db = Database.open(target)
    try:
        accounts.create_first_admin(db, username=username, password=PASSWORD)
    finally:
        db.close()


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    """GOVDESK_PASSWORD set to the test administrator's password."""
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)
    monkeypatch.delenv("GOVDESK_NEW_PASSWORD", raising=False)
    return PASSWORD


@pytest.fixture
def admin(db: Database, password: str) -> str:
    """An administrator account named admin in the `db` fixture's file; its username."""
    add_admin(db)
    return "admin"
