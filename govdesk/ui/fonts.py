"""The bundled CJK font for the window, and the whole-window font size that older staff rely on."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from govdesk.resources import CJK_FONT_FAMILY, CJK_FONT_FILE, resource_path
from govdesk.ui import settings

DEFAULT_POINT_SIZE = 11  # Windows' own 9 pt is hard to read for many clerks
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 28

_registered: str | None = None


def register_cjk_font() -> str | None:
    """Register the bundled font with Qt once; returns its family, or None if it is missing."""
    global _registered
    if _registered is not None:
        return _registered
    path = resource_path(*CJK_FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = CJK_FONT_FAMILY if CJK_FONT_FAMILY in families else (families[0] if families else None)
    if family is None:
        return None
    _registered = family
    return family


def clamp(point_size: int) -> int:
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, int(point_size)))


def apply_application_font(app: QApplication, point_size: int | None = None) -> QFont:
    """Set the application font: the system family first, the bundled CJK family behind it.

    A font's family list is searched glyph by glyph, so on a PC without Chinese fonts the
    Han characters come from the bundled font instead of showing as boxes.
    """
    family = register_cjk_font()
    font = QFont(app.font())
    base = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    families = [base]
    if family and family != base:
        families.append(family)
    font.setFamilies(families)
    font.setPointSize(clamp(point_size or current_point_size(app)))
    app.setFont(font)
    return font


def current_point_size(app: QApplication) -> int:
    size = app.font().pointSize()
    return size if size > 0 else DEFAULT_POINT_SIZE


def set_point_size(app: QApplication, point_size: int, *, remember: bool = True) -> int:
    """Apply a font size to every window of the program; returns the size actually used."""
    size = clamp(point_size)
    font = QFont(app.font())
    font.setPointSize(size)
    app.setFont(font)
    if remember:
        settings.set_stored_font_size(size)
    return size


def step_point_size(app: QApplication, delta: int) -> int:
    return set_point_size(app, current_point_size(app) + delta)


def initial_point_size() -> int:
    return clamp(settings.stored_font_size() or DEFAULT_POINT_SIZE)
