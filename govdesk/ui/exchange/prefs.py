"""The exchange's remembered folders in QSettings: the last export folder, and the watched one per database."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from govdesk.ui import settings

_LAST_FOLDER = "exchange/last_folder"


def _store() -> QSettings:
    return QSettings(settings.ORGANIZATION, settings.APPLICATION)


def _database_key(db_path: Path) -> str:
    # Per database: a township file and an office file opened on one PC watch different folders.
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"exchange/watch/{digest}"


def last_folder() -> Path | None:
    value = str(_store().value(_LAST_FOLDER, "") or "")
    return Path(value) if value else None


def set_last_folder(folder: Path) -> None:
    _store().setValue(_LAST_FOLDER, str(folder))


def watched_folder(db_path: Path) -> Path | None:
    value = str(_store().value(_database_key(db_path), "") or "")
    return Path(value) if value else None


def set_watched_folder(db_path: Path, folder: Path | None) -> None:
    store = _store()
    if folder is None:
        store.remove(_database_key(db_path))
    else:
        store.setValue(_database_key(db_path), str(folder))
