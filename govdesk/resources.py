"""Finds bundled files (fonts, translations, icons) in a wheel, a source tree or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_root() -> Path:
    """The folder that holds fonts/, i18n/ and icons/."""
    candidates = [
        _PACKAGE / "_resources",  # installed wheel (force-included by hatch)
        _PACKAGE.parent / "resources",  # source checkout or editable install
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-folder build
        candidates.insert(0, Path(frozen) / "resources")
    for c in candidates:
        if (c / "fonts").is_dir():
            return c
    raise FileNotFoundError("govdesk resources folder not found; reinstall the program")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


CJK_FONT_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
