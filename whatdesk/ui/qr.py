"""Render a QR payload into a crisp QImage (whole pixels per module, quiet zone included)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE = 4  # modules of white border the QR standard asks for


def qr_image(payload: str, max_size: int = 360) -> QImage:
    """Black-on-white QR for ``payload``: whole pixels per module (never blurred), as big as
    fits in ``max_size`` px, and never under 3 px per module."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1,
                       border=QUIET_ZONE)
    qr.add_data(payload)
    qr.make(fit=True)
    matrix = qr.get_matrix()  # includes the border
    modules = len(matrix)
    scale = max(3, max_size // modules)
    size = modules * scale
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(x * scale, y * scale, scale, scale)
    painter.end()
    return image
