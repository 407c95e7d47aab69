"""Photos of a grid event in the 事件 page: add a real PNG, see it listed, open the viewer,
save it back byte for byte; anything but an image is refused; a viewer adds nothing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from govdesk.domain.permissions import Role
from govdesk.services import grid_events
from govdesk.ui.grids.event_photos import THUMB, PhotoViewer
from tests.ui.test_grid_events_view import NOW, _panel, grid_ids  # noqa: F401 - the fixture


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


def _event(db, grid_id: str) -> str:
    with db.session() as s:
        event = grid_events.report_event(
            s,
            category="sanitation",
            description="3号楼门口垃圾堆放",
            reported_at=NOW,
            grid_id=grid_id,
        )
        return event.id


def _png(tmp_path, name="scene.png", size=(400, 300)):
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    for x in range(0, size[0], 10):  # a pattern, so the file is not trivially small
        for y in range(size[1]):
            image.setPixelColor(x, y, QColor("#ffcc00"))
    path = tmp_path / name
    assert image.save(str(path), "PNG")
    return path


def test_add_a_png_list_it_open_it_and_save_it_back(qtbot, db, grid_ids, tmp_path):  # noqa: F811
    event_id = _event(db, grid_ids["first"])
    panel = _panel(qtbot, db, grid_ids)
    assert panel.select_event(event_id)
    strip = panel.photos
    assert strip.list.objectName() == "gridEventPhotos"
    assert strip.list.count() == 0
    assert strip.add_button.isVisible() and strip.add_button.isEnabled()
    assert not strip.open_button.isEnabled()

    path = _png(tmp_path)
    assert strip.add_photo(path, on=_today())
    assert strip.list.count() == 1
    item = strip.list.item(0)
    assert item.text() == _today().isoformat()
    assert not item.icon().isNull()
    assert "scene.png" in item.toolTip()
    assert strip.title.text() == "照片 1 张"
    with db.session() as s:
        stored = grid_events.event_photos(s, event_id)
    assert [(p.file_name, p.media_type, p.size) for p in stored] == [
        ("scene.png", "image/png", path.stat().st_size)
    ]

    # Another event shows none; back to the first shows it again.
    other = _event(db, grid_ids["first"])
    panel.reload()
    assert panel.select_event(other)
    assert strip.list.count() == 0
    assert panel.select_event(event_id)
    assert strip.list.count() == 1

    # Double-click (an activated item) opens the viewer with the picture scaled to fit.
    rect = strip.list.visualItemRect(strip.list.item(0))
    # The press that starts a double-click (QTest sends only the second press otherwise).
    qtbot.mouseClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert strip.open_button.isEnabled()
    qtbot.mouseDClick(strip.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = strip.viewer
    assert isinstance(viewer, PhotoViewer)
    qtbot.waitExposed(viewer)
    assert viewer.objectName() == "eventPhotoViewer"
    shown = viewer.image.pixmap()
    assert not shown.isNull()
    assert shown.width() <= viewer.image.width() and shown.height() <= viewer.image.height()
    assert abs(shown.width() / shown.height() - 400 / 300) < 0.02
    viewer.resize(300, 260)
    qtbot.wait(10)
    smaller = viewer.image.pixmap()
    assert smaller.width() <= viewer.image.width() and smaller.width() < 400

    out = viewer.save_as(tmp_path / "copy.png")
    assert out is not None
    assert out.read_bytes() == path.read_bytes()
    viewer.close()

    # 删除照片 (asked already): gone from the strip and from the event.
    strip.list.setCurrentRow(0)
    assert strip.remove_button.isEnabled()
    assert strip.remove_selected(ask=False)
    assert strip.list.count() == 0
    with db.session() as s:
        assert grid_events.event_photos(s, event_id) == []


def test_a_file_that_is_not_an_image_is_refused(qtbot, db, grid_ids, tmp_path):  # noqa: F811
    event_id = _event(db, grid_ids["first"])
    panel = _panel(qtbot, db, grid_ids)
    assert panel.select_event(event_id)
    text = tmp_path / "notes.png"
    text.write_text("not a picture", encoding="utf-8")
    assert not panel.photos.add_photo(text, on=_today())
    boxes = [b for b in panel.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "notes.png" in boxes[-1].text()
    assert panel.photos.list.count() == 0
    with db.session() as s:
        assert grid_events.event_photos(s, event_id) == []


def test_a_viewer_sees_photos_but_adds_none(qtbot, db, grid_ids, tmp_path):  # noqa: F811
    event_id = _event(db, grid_ids["first"])
    with db.session() as s:
        grid_events.add_event_photo(
            s,
            event_id,
            path=_png(tmp_path, size=(50, 40)),
            file_name="small.png",
            added_on=_today(),
        )
    panel = _panel(qtbot, db, grid_ids, Role.VIEWER)
    assert panel.select_event(event_id)
    strip = panel.photos
    assert not strip.add_button.isVisible() and not strip.remove_button.isVisible()
    assert not strip.add_photo(_png(tmp_path, "other.png"), on=_today())
    assert strip.list.count() == 1
    assert strip.list.iconSize().width() == THUMB
    strip.list.setCurrentRow(0)
    assert not strip.remove_selected(ask=False)
    viewer = strip.open_selected()
    assert viewer is not None
    qtbot.waitExposed(viewer)
    # A small photo is shown at its own size, not blown up.
    assert (viewer.image.pixmap().width(), viewer.image.pixmap().height()) == (50, 40)
    viewer.close()
