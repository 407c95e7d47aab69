"""Window features that add their own menus once an office is open (accounts, audit, backups…)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govdesk.ui.main_window import MainWindow

# Each module defines install(window: MainWindow) -> None. It is called once the window
# has a database and a signed-in user (window.db, window.db.actor), and adds only what
# that user's role allows: actions the user may not use are left out, not greyed.
MODULES: tuple[str, ...] = (
    "govdesk.ui.account_menu",
    "govdesk.ui.single_writer",
    "govdesk.ui.backup_menu",
    "govdesk.ui.audit_viewer",
)


def install_all(window: MainWindow) -> None:
    for name in MODULES:
        importlib.import_module(name).install(window)
