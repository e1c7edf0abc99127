"""Where the bundled HallQ Sans font lives (a GB2312 subset of Noto Sans CJK SC, OFL 1.1).

No Qt here: the slip renderer loads the files with Pillow, the Qt apps with
`QFontDatabase.addApplicationFont(str(font_path()))`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FAMILY = "HallQ Sans"
Weight = Literal["regular", "bold"]
_FILES: dict[str, str] = {"regular": "HallQSans-Regular.otf", "bold": "HallQSans-Bold.otf"}


def font_path(weight: Weight = "regular") -> Path:
    """Path of the bundled font file for `weight`; FileNotFoundError says how to rebuild it."""
    try:
        path = FONT_DIR / _FILES[weight]
    except KeyError:
        raise ValueError(f"unknown font weight {weight!r}; use 'regular' or 'bold'") from None
    if not path.is_file():
        raise FileNotFoundError(
            f"bundled font missing: {path}; rebuild it with assets/fonts/make_subset.py"
        )
    return path


def licence_path() -> Path:
    """The OFL 1.1 licence text that must ship with the font."""
    return FONT_DIR / "OFL.txt"
