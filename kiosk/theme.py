"""The kiosk's look: the hall's deep blue and red, big type, high contrast (no Qt imports).

One Qt style sheet, built for a scale (1.0, or larger in elderly mode). Widgets pick their
style through the dynamic property `role`, never through inline styles.
"""

from __future__ import annotations

NAVY = "#0A3D8F"
NAVY_DARK = "#062A66"
NAVY_SOFT = "#E4ECF8"
RED = "#C8102E"
RED_DARK = "#9E0B23"
GOLD = "#F0C04A"
GREEN = "#167A3A"
GREEN_DARK = "#0F5C2B"
BG = "#EEF2F8"
CARD = "#FFFFFF"
TEXT = "#13203A"
MUTED = "#3F4B61"  # 8.6:1 on white
BORDER = "#C3CEE0"
ERROR_BG = "#FDECEF"

FONT_FAMILY = "HallQ Sans"
ELDERLY_SCALE = 1.3
MIN_TOUCH_PX = 64


def px(size: float, scale: float) -> int:
    """A length designed at scale 1, at `scale`."""
    return round(size * scale)


def stylesheet(scale: float = 1.0) -> str:
    """The application style sheet at `scale` (1.0 normal, ELDERLY_SCALE for elderly mode)."""

    def f(size: float) -> str:
        return f"{px(size, scale)}px"

    return f"""
* {{ font-family: "{FONT_FAMILY}"; color: {TEXT}; }}
QWidget#KioskWindow, QStackedWidget#Screens, QWidget[role="screen"] {{ background: {BG}; }}
QLabel {{ font-size: {f(30)}; background: transparent; }}

QFrame#TopBar {{ background: qlineargradient(x1:0, y1:0, x2:1, y2:0,
    stop:0 {NAVY_DARK}, stop:1 {NAVY}); border-bottom: 6px solid {RED}; }}
QFrame#TopBar QLabel {{ color: white; }}
QLabel#HallName {{ font-size: 40px; font-weight: bold; }}
QLabel#HallNameEn {{ font-size: 21px; color: #D5E1F5; }}
QLabel#Clock {{ font-size: 40px; font-weight: bold; }}
QLabel#Date {{ font-size: 21px; color: #D5E1F5; }}
QFrame#NavBar {{ background: {CARD}; border-top: 2px solid {BORDER}; }}
QLabel#Emblem {{ background: {RED}; color: white; border-radius: 36px;
    font-size: 38px; font-weight: bold; border: 3px solid {GOLD}; }}

QPushButton {{ border: none; border-radius: 18px; font-size: {f(32)}; padding: 8px 20px;
    min-height: {MIN_TOUCH_PX}px; min-width: {MIN_TOUCH_PX}px; }}
QPushButton[hero="true"] {{ min-height: {px(150, scale)}px; min-width: 720px; }}
QPushButton[role="bar"] {{ background: rgba(255,255,255,0.14); color: white;
    border: 2px solid rgba(255,255,255,0.55); font-size: {f(28)}; font-weight: bold;
    padding: 6px 26px; }}
QPushButton[role="bar"]:checked {{ background: {GOLD}; color: {NAVY_DARK}; border-color: {GOLD}; }}
QPushButton[role="bar"]:pressed {{ background: rgba(255,255,255,0.35); }}
QPushButton[role="nav"] {{ background: {NAVY_SOFT}; color: {NAVY_DARK}; font-size: {f(34)};
    font-weight: bold; border: 2px solid {BORDER}; padding: 2px 20px;
    min-height: 84px; }}
QPushButton[role="nav"]:pressed {{ background: {BORDER}; }}
QPushButton[role="help"] {{ background: {RED}; border: 3px solid {GOLD}; padding: 0px;
    min-height: 70px; }}
QPushButton[role="help"]:pressed {{ background: {RED_DARK}; }}
QPushButton[role="help"]:disabled {{ background: rgba(255,255,255,0.14);
    border: 2px solid rgba(255,255,255,0.55); }}
QFrame#TopBar QLabel[role="bar-main"] {{ font-size: {f(26)}; font-weight: bold; }}
QFrame#TopBar QLabel[role="bar-sub"] {{ font-size: {f(18)}; color: #FBE3A6; }}
QPushButton[role="primary"] {{ background: {RED}; }}
QPushButton[role="primary"]:pressed {{ background: {RED_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: #B9A3A8; }}
QPushButton[role="blue"] {{ background: {NAVY}; }}
QPushButton[role="blue"]:pressed {{ background: {NAVY_DARK}; }}
QPushButton[role="green"] {{ background: {GREEN}; }}
QPushButton[role="green"]:pressed {{ background: {GREEN_DARK}; }}
QPushButton[role="primary"] QLabel, QPushButton[role="blue"] QLabel,
QPushButton[role="green"] QLabel {{ color: white; }}
QPushButton[role="secondary"] {{ background: {CARD}; border: 3px solid {NAVY}; }}
QPushButton[role="secondary"]:pressed {{ background: {NAVY_SOFT}; }}
QPushButton[role="secondary"] QLabel {{ color: {NAVY_DARK}; }}
QPushButton[role="card"] {{ background: {CARD}; border: 2px solid {BORDER};
    border-bottom: 6px solid {BORDER}; border-radius: 20px; }}
QPushButton[role="card"]:pressed {{ background: {NAVY_SOFT}; }}
QPushButton[role="card-green"] {{ background: {CARD}; border: 3px solid {GREEN};
    border-bottom: 7px solid {GREEN}; border-radius: 20px; }}
QPushButton[role="card-green"]:pressed {{ background: #E2F3E8; }}
QPushButton[role="key"], QPushButton[role="key-action"] {{ padding: 0px; min-width: 68px;
    min-height: 72px; }}
QPushButton[role="key"] {{ background: {CARD}; border: 2px solid {BORDER}; color: {TEXT};
    font-size: {f(38)}; font-weight: bold; border-bottom: 5px solid {BORDER}; }}
QPushButton[role="key"]:pressed {{ background: {NAVY_SOFT}; border-bottom-width: 2px; }}
QPushButton[role="key-action"] {{ background: {NAVY_SOFT}; border: 2px solid {BORDER};
    color: {NAVY_DARK}; font-size: {f(30)}; font-weight: bold; }}
QPushButton[role="key-action"]:pressed {{ background: {BORDER}; }}
QPushButton[role="page"] {{ background: {CARD}; border: 3px solid {NAVY}; color: {NAVY_DARK};
    font-size: {f(30)}; font-weight: bold; }}
QPushButton[role="page"]:disabled {{ border-color: {BORDER}; color: #8A94A6; }}

QLabel[role="btn-main"] {{ font-size: {f(34)}; font-weight: bold; }}
QLabel[role="btn-sub"] {{ font-size: {f(22)}; }}
QLabel[role="card-title"] {{ font-size: {f(36)}; font-weight: bold; color: {NAVY_DARK}; }}
QLabel[role="card-sub"] {{ font-size: {f(23)}; color: {MUTED}; }}
QLabel[role="card-meta"] {{ font-size: {f(24)}; color: {MUTED}; }}
QLabel[role="badge"] {{ font-size: {f(22)}; font-weight: bold; color: white;
    background: {NAVY}; border-radius: 10px; padding: 2px 12px; }}
QLabel[role="badge-red"] {{ font-size: {f(22)}; font-weight: bold; color: white;
    background: {RED}; border-radius: 10px; padding: 2px 12px; }}
QLabel[role="badge-green"] {{ font-size: {f(22)}; font-weight: bold; color: white;
    background: {GREEN}; border-radius: 10px; padding: 2px 12px; }}
QLabel[role="chips"] {{ font-size: {f(24)}; }}
QLabel[role="prefix"] {{ font-size: {f(44)}; font-weight: bold; color: white;
    background: {NAVY}; border-radius: 16px; }}

QLabel[role="title"] {{ font-size: {f(46)}; font-weight: bold; color: {NAVY_DARK}; }}
QLabel[role="subtitle"] {{ font-size: {f(26)}; color: {MUTED}; }}
QLabel[role="section"] {{ font-size: {f(32)}; font-weight: bold; color: white;
    background: {NAVY}; border-radius: 10px; padding: 6px 18px; }}
QLabel[role="body"] {{ font-size: {f(29)}; }}
QLabel[role="muted"] {{ font-size: {f(25)}; color: {MUTED}; }}
QLabel[role="stat-value"] {{ font-size: {f(40)}; font-weight: bold; color: {RED}; }}
QLabel[role="stat-label"] {{ font-size: {f(24)}; color: {MUTED}; }}
QLabel[role="number"] {{ font-size: 180px; font-weight: bold; color: {RED}; }}
QLabel[role="banner"] {{ font-size: {f(28)}; font-weight: bold; color: white;
    background: {GREEN}; border-radius: 12px; padding: 10px 22px; }}
QLabel[role="banner-blue"] {{ font-size: {f(28)}; font-weight: bold; color: white;
    background: {NAVY}; border-radius: 12px; padding: 10px 22px; }}
QLabel[role="error"] {{ font-size: {f(28)}; font-weight: bold; color: {RED_DARK};
    background: {ERROR_BG}; border: 2px solid {RED}; border-radius: 12px; padding: 12px 20px; }}
QLabel[role="notice"] {{ font-size: {f(34)}; font-weight: bold; color: {GREEN_DARK};
    background: #E2F3E8; border: 2px solid {GREEN}; border-radius: 12px; padding: 12px 20px; }}
QLabel[role="display"] {{ font-size: {f(52)}; font-weight: bold; color: {NAVY_DARK};
    background: {CARD}; border: 3px solid {NAVY}; border-radius: 16px; padding: 10px 24px; }}

QFrame[role="card"] {{ background: {CARD}; border: 2px solid {BORDER}; border-radius: 22px; }}
QFrame[role="stat"] {{ background: {CARD}; border: 2px solid {BORDER}; border-radius: 18px; }}
QFrame[role="panel"] {{ background: {CARD}; border: 4px solid {NAVY}; border-radius: 26px; }}
QFrame[role="panel-error"] {{ background: {CARD}; border: 4px solid {RED}; border-radius: 26px; }}
QFrame[role="panel-ok"] {{ background: {CARD}; border: 4px solid {GREEN}; border-radius: 26px; }}

QLineEdit {{ font-size: {f(38)}; padding: 10px 22px; border: 3px solid {NAVY};
    border-radius: 18px; background: {CARD}; min-height: {px(76, scale)}px;
    selection-background-color: {NAVY}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ width: 22px; background: {NAVY_SOFT}; border-radius: 11px; }}
QScrollBar::handle:vertical {{ background: {NAVY}; border-radius: 11px; min-height: 80px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""
