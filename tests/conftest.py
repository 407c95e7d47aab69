"""Shared fixtures: offscreen Qt, real database files in temporary folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before any Qt import: tests draw real widgets without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from govdesk.domain import messages  # noqa: E402
from govdesk.domain.permissions import Actor, Role  # noqa: E402
from govdesk.services import office  # noqa: E402
from govdesk.store.database import Database  # noqa: E402


@pytest.fixture(autouse=True)
def chinese_messages():
    messages.set_language("zh_CN")
    yield
    messages.set_language("zh_CN")


ADMIN = Actor(username="admin", role=Role.ADMIN)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


@pytest.fixture
def db(db_path: Path) -> Database:
    """A new office database made by the real migrations."""
    database = office.init_database(
        db_path, name="幸福社区居民委员会", division_code="110105001001"
    )
    # Most tests act as the administrator; tests of permissions set their own actor.
    database.actor = ADMIN
    yield database
    database.close()
