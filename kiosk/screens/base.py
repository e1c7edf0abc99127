"""What every kiosk screen shares: language, orientation, forgetting what was typed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QBoxLayout, QWidget

from kiosk.i18n import Languages

MARGIN = 44
GAP = 24


class BaseScreen(QWidget):
    """A full-size page of the kiosk; subclasses fill `retranslate`, `reset`, `relayout`."""

    def __init__(self, lang: Languages) -> None:
        super().__init__()
        self.lang = lang
        self.portrait = False
        self.setProperty("role", "screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

    def retranslate(self) -> None:
        """Set every text for the current language."""

    def reset(self) -> None:
        """Forget what the citizen typed or chose (Home, idle timeout)."""

    def relayout(self) -> None:
        """Arrange for `self.portrait` (1080×1920) or landscape (1920×1080)."""

    def set_portrait(self, portrait: bool) -> None:
        """Switch between the landscape and portrait layouts."""
        if portrait != self.portrait:
            self.portrait = portrait
            self.relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def direction(portrait: bool) -> QBoxLayout.Direction:
    """Side by side in landscape, stacked in portrait."""
    return QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
