"""Preferences and window state kept in QSettings, under the organisation and application name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "govdesk"
APPLICATION = "govdesk"

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_LANGUAGE = "ui/language"
_FONT_SIZE = "ui/font_point_size"
_GEOMETRY = "window/geometry"
_STATE = "window/state"


def use_settings_folder(folder: Path) -> None:
    """Keep every QSettings file under `folder` (tests, and a portable install on a USB stick)."""
    folder.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))


def _store() -> QSettings:
    # Made per call: cheap, and always honours the folder chosen by use_settings_folder.
    return QSettings(ORGANIZATION, APPLICATION)


def normalise_language(lang: str | None) -> str | None:
    if not lang:
        return None
    return "en" if lang.lower().startswith("en") else "zh_CN"


def stored_language() -> str | None:
    return normalise_language(str(_store().value(_LANGUAGE, "") or ""))


def set_stored_language(lang: str) -> None:
    _store().setValue(_LANGUAGE, normalise_language(lang) or DEFAULT_LANGUAGE)


def stored_font_size() -> int | None:
    value = _store().value(_FONT_SIZE)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None  # a hand-edited settings file must not stop the program


def set_stored_font_size(point_size: int) -> None:
    _store().setValue(_FONT_SIZE, int(point_size))


def window_geometry() -> tuple[QByteArray | None, QByteArray | None]:
    s = _store()
    geometry, state = s.value(_GEOMETRY), s.value(_STATE)
    return (
        geometry if isinstance(geometry, QByteArray) else None,
        state if isinstance(state, QByteArray) else None,
    )


def save_window_geometry(geometry: QByteArray, state: QByteArray) -> None:
    s = _store()
    s.setValue(_GEOMETRY, geometry)
    s.setValue(_STATE, state)
