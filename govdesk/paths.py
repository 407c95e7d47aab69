"""Where govdesk keeps a user's files; one place for the window and the command line alike."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir


def default_db_path() -> Path:
    """The office database in the user's data folder (never beside the program)."""
    return Path(user_data_dir("govdesk", appauthor=False)) / "govdesk.db"
