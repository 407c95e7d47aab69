"""Renders resources/icons/govdesk.svg into govdesk.ico, the icon Windows shows for govdesk.

Each size is drawn from the SVG by Qt rather than shrunk from one large bitmap, so the
16 and 32 pixel icons of the Start menu and the taskbar stay sharp. Run it after changing
the SVG, from the checkout:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
# The sizes Windows asks an .ico for: lists and menus, the taskbar, Explorer's views.
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    """One size of the icon as PNG bytes, drawn by Qt's SVG renderer."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it to paint)
    images = [Image.open(io.BytesIO(render(ICONS / "govdesk.svg", s))) for s in SIZES]
    largest = images[-1]
    out = ICONS / "govdesk.ico"
    largest.save(out, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
