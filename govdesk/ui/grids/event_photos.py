"""Photos of a grid event in the 事件 page: a thumbnail strip, 添加照片…, a viewer with 另存为…."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.services import grid_events
from govdesk.store.database import Database
from govdesk.ui.ops import show_error

_STALE = "\0stale"
THUMB = 72  # px, the side of a thumbnail in the strip
IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "EventPhotoStrip", "图片 (*.png *.jpg *.jpeg *.gif *.tif *.tiff *.webp)"
)


@dataclass(frozen=True)
class Photo:
    """One photo as the strip holds it: the bytes are read once, when the event is chosen."""

    id: str
    file_name: str
    added_on: dt.date
    size: int
    data: bytes | None  # None: the stored bytes are lost or damaged
    problem: str = ""


def read_photos(db: Database, event_id: str) -> list[Photo]:
    """The event's photos with their bytes (checked against their SHA-256 by the service)."""
    photos: list[Photo] = []
    with db.session() as s:
        for p in grid_events.event_photos(s, event_id):
            try:
                data: bytes | None = grid_events.read_event_photo(s, p.id)
                problem = ""
            except DomainError as exc:
                data, problem = None, "\n".join(i.message for i in exc.issues)
            photos.append(Photo(p.id, p.file_name, p.added_on, p.size, data, problem))
    return photos


class EventPhotoStrip(QWidget):
    """The chosen event's photos side by side; double-click (or Enter) opens one."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, may_edit: bool):
        super().__init__(parent)
        self.setObjectName("gridEventPhotoStrip")
        self.db = db
        self.may_edit = may_edit
        self.event_id: str | None = None
        self.photos: list[Photo] = []
        self.viewer: PhotoViewer | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("gridEventPhotos")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        line = self.fontMetrics().height()
        self.list.setGridSize(QSize(THUMB + 4 * line, THUMB + line + 10))
        # One row of thumbnails and room for the scroll bar many photos bring.
        scroll = self.list.style().pixelMetric(self.list.style().PixelMetric.PM_ScrollBarExtent)
        self.list.setFixedHeight(THUMB + line + 10 + scroll + 2 * self.list.frameWidth() + 4)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.setToolTip(self.tr("双击查看照片"))
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._enable)
        self.title = QLabel(self.tr("照片"), self)
        self.title.setObjectName("gridEventPhotosTitle")
        self.add_button = QPushButton(self.tr("添加照片…"), self)
        self.add_button.setObjectName("gridEventAddPhoto")
        self.add_button.setToolTip(self.tr("现场照片（PNG、JPEG 等图片），随事件保存"))
        self.add_button.clicked.connect(lambda _c=False: self.add_photo())
        self.add_button.setVisible(may_edit)
        self.open_button = QPushButton(self.tr("查看…"), self)
        self.open_button.setObjectName("gridEventOpenPhoto")
        self.open_button.clicked.connect(lambda _c=False: self.open_selected())
        self.remove_button = QPushButton(self.tr("删除照片…"), self)
        self.remove_button.setObjectName("gridEventRemovePhoto")
        self.remove_button.setToolTip(self.tr("删除误加的照片"))
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        self.remove_button.setVisible(may_edit)
        buttons = QVBoxLayout()
        buttons.addWidget(self.title)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._enable()

    def invalidate(self) -> None:
        """The next `set_event` reads the photos again, even for the same event."""
        self.event_id = _STALE

    def set_event(self, event_id: str | None, *, force: bool = False) -> None:
        """Show `event_id`'s photos; read again only when the event changed (or `force`)."""
        if event_id == self.event_id and not force:
            self._enable()
            return
        self.event_id = event_id
        try:
            self.photos = read_photos(self.db, event_id) if event_id else []
        except DomainError as exc:
            show_error(self, self.tr("事件照片"), exc)
            self.photos = []
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for photo in self.photos:
            item = QListWidgetItem(photo.added_on.isoformat())
            image = QImage.fromData(photo.data) if photo.data else QImage()
            if not image.isNull():
                thumb = image.scaled(
                    THUMB,
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                item.setIcon(QIcon(QPixmap.fromImage(thumb)))
                item.setToolTip(f"{photo.file_name}（{photo.size // 1024 or 1} KB）")
            else:
                item.setText(self.tr("无法显示"))
                item.setToolTip(photo.problem or photo.file_name)
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            self.list.addItem(item)
        count = len(self.photos)
        if count:
            self.title.setText(self.tr("照片 %1 张").replace("%1", str(count)))
        else:
            self.title.setText(self.tr("照片"))
        self._enable()

    def _enable(self) -> None:
        self.add_button.setEnabled(self.may_edit and self.event_id is not None)
        self.open_button.setEnabled(self.selected() is not None)
        self.remove_button.setEnabled(self.may_edit and self.selected() is not None)

    def selected(self) -> Photo | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((p for p in self.photos if p.id == wanted), None)

    def add_photo(self, path: Path | None = None, *, on: dt.date | None = None) -> bool:
        """添加照片…: a file chosen in the dialog (or `path`) kept with the chosen event."""
        if not self.may_edit or self.event_id is None:
            return False
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("添加照片"), str(Path.home()), self.tr(IMAGE_FILTER)
            )
            if not name:
                return False
            path = Path(name)
        try:
            with self.db.session() as s:
                photo = grid_events.add_event_photo(
                    s,
                    self.event_id,
                    path=path,
                    file_name=path.name,
                    added_on=on or dt.date.today(),
                )
                photo_id = photo.id
        except (DomainError, OSError) as exc:
            show_error(self, self.tr("添加照片"), exc)
            return False
        self.set_event(self.event_id, force=True)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == photo_id:
                self.list.setCurrentRow(row)
        return True

    def remove_selected(self, *, ask: bool = True) -> bool:
        """删除照片…: the selected photo, after a question (`ask` False: asked already)."""
        photo = self.selected()
        if not self.may_edit or photo is None:
            return False
        title = self.tr("删除照片")
        if ask:
            answer = QMessageBox.question(
                self,
                title,
                self.tr("确定删除照片“%1”吗？删除后不能恢复。").replace("%1", photo.file_name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            with self.db.session() as s:
                grid_events.remove_event_photo(s, photo.id)
        except DomainError as exc:
            show_error(self, title, exc)
            return False
        self.set_event(self.event_id, force=True)
        return True

    def open_selected(self) -> PhotoViewer | None:
        photo = self.selected()
        if photo is None or photo.data is None:
            return None
        self.viewer = PhotoViewer(photo, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.destroyed.connect(lambda *_a: setattr(self, "viewer", None))
        self.viewer.open()
        return self.viewer


class PhotoViewer(QDialog):
    """One photo scaled to fit the dialog (it follows the dialog's size), with 另存为…."""

    def __init__(self, photo: Photo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("eventPhotoViewer")
        self.photo = photo
        self.setWindowTitle(photo.file_name or self.tr("事件照片"))
        self.pixmap = QPixmap.fromImage(QImage.fromData(photo.data or b""))
        self.image = QLabel(self)
        self.image.setObjectName("eventPhotoImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(160, 120)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        caption = QLabel(
            self.tr("%1　%2 × %3 像素　添加于 %4")
            .replace("%1", photo.file_name)
            .replace("%2", str(self.pixmap.width()))
            .replace("%3", str(self.pixmap.height()))
            .replace("%4", photo.added_on.isoformat()),
            self,
        )
        caption.setObjectName("eventPhotoCaption")
        caption.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.save_button = self.buttons.addButton(
            self.tr("另存为…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("eventPhotoSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda _c=False: self.save_as())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(caption)
        layout.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = self.pixmap.width() + 40, self.pixmap.height() + 120
        if screen is not None:
            width = min(width, int(screen.width() * 0.8))
            height = min(height, int(screen.height() * 0.8))
        self.resize(max(width, 420), max(height, 320))
        self._scale()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        if self.pixmap.isNull():
            self.image.setText(self.tr("无法显示这张照片"))
            return
        size = self.image.size()
        shown = self.pixmap
        # Never enlarged: a small photo stays sharp at its own size.
        if self.pixmap.width() > size.width() or self.pixmap.height() > size.height():
            shown = self.pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.image.setPixmap(shown)

    def save_as(self, out: Path | None = None) -> Path | None:
        """另存为…: the photo's own bytes, unchanged, to a file the clerk chooses (or `out`)."""
        if out is None:
            suggested = Path.home() / (Path(self.photo.file_name).name or f"{self.photo.id}.png")
            name, _ = QFileDialog.getSaveFileName(self, self.tr("另存照片"), str(suggested))
            if not name:
                return None
            out = Path(name)
        try:
            out.write_bytes(self.photo.data or b"")
        except OSError as exc:
            show_error(self, self.tr("另存照片"), exc)
            return None
        return out
