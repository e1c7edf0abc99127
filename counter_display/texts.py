"""Marking texts for translation without Qt, and the bilingual texts the counter apps share.

Source texts are English; the Chinese lives in `assets/i18n/counter_zh_CN.ts` (built by
`python -m counter_display.i18n`). `QT_TRANSLATE_NOOP` only marks a text for pyside6-lupdate;
`counter_display.i18n.Texts` translates it at run time.
"""

from __future__ import annotations

CONTEXT = "Counter"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark `source` for translation in `context`; returns it unchanged."""
    return source


# What each window state is called on the screens (the tile's `state`).
STATE_TEXTS = {
    "calling": QT_TRANSLATE_NOOP("Counter", "Calling"),
    "serving": QT_TRANSLATE_NOOP("Counter", "Serving"),
    "idle": QT_TRANSLATE_NOOP("Counter", "Open"),
    "paused": QT_TRANSLATE_NOOP("Counter", "Paused"),
    "closed": QT_TRANSLATE_NOOP("Counter", "Closed"),
}

# Whom a green-channel ticket is for, by the domain's `GREEN_CATEGORIES` code. The Chinese in
# the .ts is the statistics' and the monthly report's (`stats.GREEN_CATEGORY_NAMES`); a test
# keeps the two, and the codes, in step.
GREEN_CATEGORY_TEXTS = {
    "elderly": QT_TRANSLATE_NOOP("Counter", "Elderly"),
    "disabled": QT_TRANSLATE_NOOP("Counter", "Disabled"),
    "pregnant": QT_TRANSLATE_NOOP("Counter", "Pregnant"),
    "military": QT_TRANSLATE_NOOP("Counter", "Military"),
    "other": QT_TRANSLATE_NOOP("Counter", "Other"),
}

# A window display or counter console started with a --window the server's hall lacks.
NO_SUCH_WINDOW = QT_TRANSLATE_NOOP("Counter", "This hall has no window %1: check --window")
