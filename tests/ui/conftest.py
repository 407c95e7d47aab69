"""Fixtures shared by the window tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdesk.ui import app as app_module
from govdesk.ui import settings


@pytest.fixture
def shell(qapp, tmp_path: Path):
    """The application set up as govdesk does it, in Chinese, with settings in a temporary folder.

    Test files that need more (a font size, another language) define their own `shell`.
    """
    settings.use_settings_folder(tmp_path / "settings")
    app = app_module.create_app(lang="zh_CN")
    yield app
    app_module.install_translators(app, "zh_CN")
