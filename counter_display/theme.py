"""The hall's look for the counter apps: deep blue, red and gold, big type (no Qt imports).

Screens facing the hall (TV, window display) are dark; the staff console and the evaluator
are light. Sizes are designed for a 1080-pixel-high screen and scaled by `unit`.
"""

from __future__ import annotations

FONT_FAMILY = "HallQ Sans"

# Dark screens
NIGHT = "#041634"
NAVY_DEEP = "#06214D"
NAVY_PANEL = "#0B2C63"
NAVY_LINE = "#1D4486"
GOLD = "#FFC53D"
GOLD_DEEP = "#F0A500"
INK = "#0A1F44"
WHITE = "#FFFFFF"
MUTED_ON_DARK = "#A9BCDD"
SERVING_GREEN = "#2FD27A"
CALLING_BLUE = "#5AB0FF"
PAUSED_ORANGE = "#FFA43A"
CLOSED_GREY = "#7B8AA6"
ALERT_RED = "#E0243F"

# Light screens
NAVY = "#0A3D8F"
NAVY_DARK = "#062A66"
NAVY_SOFT = "#E4ECF8"
RED = "#C8102E"
RED_DARK = "#9E0B23"
GREEN = "#167A3A"
GREEN_DARK = "#0F5C2B"
ORANGE = "#C25E00"
BG = "#EEF2F8"
CARD = "#FFFFFF"
TEXT = "#13203A"
MUTED = "#3F4B61"
BORDER = "#C3CEE0"
ERROR_BG = "#FDECEF"
OK_BG = "#E6F4EA"

STATE_COLOURS = {
    "calling": CALLING_BLUE,
    "serving": SERVING_GREEN,
    "idle": "#8FB3E8",
    "paused": PAUSED_ORANGE,
    "closed": CLOSED_GREY,
}


# The hall TV's layouts. "auto" picks portrait for a screen at most 2:3 wide (9:16, 10:16),
# as the browser TV does (display.css); screens between 2:3 and landscape get the landscape
# layout, sized by their width.
LAYOUTS = ("auto", "landscape", "portrait")
PORTRAIT_MAX_ASPECT = 2 / 3


def unit(width: int, height: int) -> float:
    """Pixels per design pixel: 1.0 at 1920×1080, from the tighter of the two sides."""
    return max(0.3, min(width / 1920, height / 1080))


def is_portrait(width: int, height: int, layout: str = "auto") -> bool:
    """Whether the hall TV lays itself out in one column (`layout` may force either way)."""
    if layout != "auto":
        return layout == "portrait"
    return height > 0 and width / height <= PORTRAIT_MAX_ASPECT


def portrait_unit(width: int, height: int) -> float:
    """Pixels per design pixel in portrait: 1.0 at 1080×1920, from the shorter side, so a TV
    on its side shows text as large as the same TV in landscape (and never more than a 2:3
    screen's height allows, for a portrait layout forced on a wide screen)."""
    return max(0.3, min(width / 1080, height / 1620))


def light_stylesheet(scale: float = 1.0) -> str:
    """Style sheet of the staff console and the evaluator (light, high contrast)."""

    def f(size: float) -> str:
        return f"{round(size * scale)}px"

    return f"""
* {{ font-family: "{FONT_FAMILY}"; color: {TEXT}; }}
QWidget[role="page"] {{ background: {BG}; }}
QLabel {{ font-size: {f(22)}; background: transparent; }}
QFrame#TopBar {{ background: qlineargradient(x1:0, y1:0, x2:1, y2:0,
    stop:0 {NAVY_DARK}, stop:1 {NAVY}); border-bottom: {f(5)} solid {RED}; }}
QFrame#TopBar QLabel {{ color: white; }}
QLabel[role="title"] {{ font-size: {f(30)}; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {f(17)}; color: #D5E1F5; }}
QLabel[role="h2"] {{ font-size: {f(26)}; font-weight: bold; color: {NAVY_DARK}; }}
QLabel[role="en"] {{ font-size: {f(16)}; color: {MUTED}; }}
QLabel[role="muted"] {{ font-size: {f(19)}; color: {MUTED}; }}
QLabel[role="offline"] {{ background: {RED}; color: white; font-weight: bold;
    font-size: {f(19)}; border-radius: {f(8)}; padding: {f(4)} {f(12)}; }}
QLabel[role="badge-green"] {{ background: {GREEN}; color: white; font-weight: bold;
    font-size: {f(20)}; border-radius: {f(8)}; padding: {f(3)} {f(12)}; }}
QLabel[role="chip"] {{ background: {NAVY_SOFT}; color: {NAVY_DARK}; font-weight: bold;
    font-size: {f(19)}; border-radius: {f(8)}; padding: {f(3)} {f(12)}; }}
QFrame[role="card"] {{ background: {CARD}; border: 1px solid {BORDER};
    border-radius: {f(16)}; }}
QFrame[role="message-error"] {{ background: {ERROR_BG}; border: 2px solid {RED};
    border-radius: {f(12)}; }}
QFrame[role="message-info"] {{ background: {OK_BG}; border: 2px solid {GREEN};
    border-radius: {f(12)}; }}
QFrame[role="message-none"] {{ background: transparent; border: none; }}
QLineEdit {{ font-size: {f(30)}; padding: {f(8)} {f(14)}; border: 2px solid {BORDER};
    border-radius: {f(10)}; background: white; min-height: {f(48)}; }}
QLineEdit:focus {{ border-color: {NAVY}; }}
QPushButton {{ border: {f(2)} solid {NAVY}; border-radius: {f(14)}; font-size: {f(24)};
    padding: {f(6)} {f(16)}; min-height: {f(52)}; background: white;
    color: {NAVY_DARK}; font-weight: bold; }}
QPushButton:pressed {{ background: {NAVY_SOFT}; }}
QPushButton:disabled {{ background: #E1E5EC; color: #9AA3B5; border-color: #E1E5EC; }}
QPushButton[role="primary"], QPushButton[role="blue"], QPushButton[role="green"] {{
    border: none; }}
QPushButton[role="primary"] {{ background: {RED}; color: white; }}
QPushButton[role="primary"]:pressed {{ background: {RED_DARK}; }}
QPushButton[role="blue"] {{ background: {NAVY}; color: white; }}
QPushButton[role="blue"]:pressed {{ background: {NAVY_DARK}; }}
QPushButton[role="green"] {{ background: {GREEN}; color: white; }}
QPushButton[role="green"]:pressed {{ background: {GREEN_DARK}; }}
QPushButton[role="primary"]:disabled, QPushButton[role="blue"]:disabled,
QPushButton[role="green"]:disabled {{ background: #C9CFDB; color: #F4F6FA; }}
QPushButton[role="option"] {{ background: white; border: 2px solid {BORDER};
    color: {TEXT}; text-align: left; padding-left: {f(18)}; }}
QPushButton[role="option"]:checked {{ background: {NAVY}; border-color: {NAVY};
    color: white; }}
QCheckBox {{ font-size: {f(22)}; spacing: {f(12)}; padding: {f(6)}; }}
QCheckBox::indicator {{ width: {f(30)}; height: {f(30)}; }}
QListWidget {{ font-size: {f(21)}; border: 1px solid {BORDER}; border-radius: {f(10)};
    background: white; }}
QListWidget::item {{ padding: {f(10)}; border-bottom: 1px solid #E6EBF3; }}
QListWidget::item:selected {{ background: {NAVY}; color: white; }}
QScrollArea {{ border: none; background: transparent; }}
"""


def console_style(scale: float) -> str:
    """The console's own styles on top of the light style sheet."""

    def f(size: float) -> str:
        return f"{round(size * scale)}px"

    return f"""
QPushButton[objectName^="action-"] {{ font-size: {f(30)}; min-height: {f(86)};
    border-radius: {f(18)}; }}
QLabel[role="ticket-number"] {{ font-size: {f(132)}; font-weight: bold; color: {NAVY_DARK}; }}
QLabel[role="ticket-matter"] {{ font-size: {f(30)}; font-weight: bold; }}
QLabel[role="stat"] {{ font-size: {f(56)}; font-weight: bold; color: {RED}; }}
QLabel[role="error"] {{ font-size: {f(21)}; color: {RED}; font-weight: bold; }}
QLabel[role="slot-on"] {{ background: rgba(255,255,255,0.18); color: white;
    border-radius: {f(8)}; padding: {f(3)} {f(10)}; font-size: {f(17)}; }}
QLabel[role="slot-off"] {{ border: 1px dashed rgba(255,255,255,0.5); color: #C9D6EE;
    border-radius: {f(8)}; padding: {f(3)} {f(10)}; font-size: {f(17)}; }}
QWidget#Checklist {{ background: white; }}
QScrollArea {{ border: 1px solid {BORDER}; border-radius: {f(10)}; background: white; }}
QFrame#LoginSide {{ background: qlineargradient(x1:0, y1:0, x2:0, y2:1,
    stop:0 {NAVY}, stop:1 {NAVY_DARK}); border-top-left-radius: {f(16)};
    border-bottom-left-radius: {f(16)}; border-left: {f(6)} solid {RED}; }}
QFrame#LoginSide QLabel {{ color: white; }}
QFrame#LoginSide QLabel[role="subtitle"] {{ color: #C9D6EE; }}
QLabel[role="side-h2"] {{ font-size: {f(26)}; font-weight: bold; }}
QLabel[role="side-list"] {{ font-size: {f(19)}; }}
QPushButton[role="bar"] {{ background: rgba(255,255,255,0.14); color: white;
    border: 2px solid rgba(255,255,255,0.55); font-size: {f(19)}; min-height: {f(40)}; }}
"""
