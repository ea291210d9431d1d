"""Image thumbnails (avatar, cover, evidence) that open enlarged on a click."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QMouseEvent, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from workbench.ui.widgets.plain import plain_tooltip, set_plain, shown


def load_pixmap(path: str | None, bound: QSize | None = None) -> QPixmap | None:
    """The image at ``path`` scaled to fit ``bound`` while read (None if unreadable)."""
    if not path or not Path(path).is_file():
        return None
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    if bound is not None:
        size = reader.size()
        if size.isValid() and (size.width() > bound.width() or size.height() > bound.height()):
            reader.setScaledSize(size.scaled(bound, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)


class ImageViewer(QDialog):
    """An evidence image at full size, scrollable."""

    def __init__(self, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(shown(Path(path).name))
        self.image = QLabel(self)
        self.image.setObjectName("fullImage")
        pixmap = load_pixmap(path, QSize(4000, 4000))
        if pixmap is None:
            set_plain(self.image, self.tr("无法读取图片：%1").replace("%1", path))
        else:
            self.image.setPixmap(pixmap)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.resize(900, 700)


class Thumbnail(QLabel):
    """A small picture; a click opens it enlarged (``clicked(path)`` is emitted too)."""

    clicked = Signal(str)

    def __init__(self, path: str | None, size: QSize, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.viewer: ImageViewer | None = None
        self.setFixedSize(size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        self.setTextFormat(Qt.TextFormat.PlainText)
        pixmap = load_pixmap(path, size)
        if pixmap is None:
            self.setText(self.tr("无图片") if not path else self.tr("图片缺失"))
            self.setToolTip(plain_tooltip(path))
        else:
            self.setPixmap(pixmap)
            self.setToolTip(plain_tooltip(path))
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def has_image(self) -> bool:
        pixmap = self.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.has_image:
            self.enlarge()
        super().mousePressEvent(event)

    def enlarge(self) -> ImageViewer:
        assert self.path is not None  # only a thumbnail showing an image is enlarged
        self.clicked.emit(self.path)
        self.viewer = ImageViewer(self.path, self.window())
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.show()
        return self.viewer
