"""Icons painted at any size: the evaluator's faces and its thank-you tick."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from counter_display import theme


def face_icon(rating: int, size: int, colour: str = "#FFFFFF") -> QPixmap:
    """A line-drawn face on transparent: a smile for 5 … a frown for 1."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), size * 0.07)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawEllipse(QRectF(size * 0.06, size * 0.06, size * 0.88, size * 0.88))
    p.setBrush(QColor(colour))
    for x in (0.36, 0.64):
        p.drawEllipse(QPointF(size * x, size * 0.4), size * 0.05, size * 0.05)
    curve = (rating - 3) * 0.09  # >0 smiles, <0 frowns
    ends = size * 0.66 - curve * size * 0.3
    path = QPainterPath(QPointF(size * 0.3, ends))
    path.quadTo(QPointF(size * 0.5, size * (0.66 + curve)), QPointF(size * 0.7, ends))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.end()
    return pix


def tick_icon(size: int) -> QPixmap:
    """A white tick on a green disc."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(theme.GREEN))
    p.drawEllipse(QRectF(0, 0, size, size))
    pen = QPen(QColor("#FFFFFF"), size * 0.09)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    path = QPainterPath(QPointF(size * 0.28, size * 0.52))
    path.lineTo(QPointF(size * 0.44, size * 0.68))
    path.lineTo(QPointF(size * 0.74, size * 0.36))
    p.drawPath(path)
    p.end()
    return pix
