"""Rebuild the bundled HallQ Sans fonts from Debian's Noto Sans CJK SC.

Usage (from the repository root, with fonts-noto-cjk installed):

    .venv/bin/python assets/fonts/make_subset.py [--source-dir /usr/share/fonts/opentype/noto]

The output is byte-for-byte reproducible for the same source fonts and fontTools version:
the `head.modified` timestamp of the source is kept instead of the build time.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SC_FONT_NUMBER = 2  # in NotoSansCJK-*.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
FAMILY = "HallQ Sans"
FACES = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}

# Unicode blocks kept whole (where the font has them).
RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols (№, ℃)
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (①)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes (□ ■ ○ ●)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


def gb2312_chars() -> set[str]:
    """Every character of GB2312: symbols (rows 1-9) and all 6,763 hanzi (rows 16-87)."""
    chars: set[str] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # unassigned code point (e.g. 0xD7FA-0xD7FE)
    return chars


def gb2312_hanzi() -> set[str]:
    """The 6,763 hanzi of GB2312 (0xB0A1-0xF7FE)."""
    return {c for c in gb2312_chars() if "\u4e00" <= c <= "\u9fff"}


def wanted_codepoints() -> set[int]:
    cps = {ord(c) for c in gb2312_chars()}
    for first, last in RANGES:
        cps.update(range(first, last + 1))
    return cps


def _rename(font: TTFont, style: str) -> None:
    """Give the subset its own name: a Modified Version must not pose as the original."""
    ps_name = f"{FAMILY.replace(' ', '')}-{style}"
    full = f"{FAMILY} {style}"
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    version = name.getDebugName(5) or ""
    values = {
        1: FAMILY,
        2: style,
        3: f"{ps_name};subset of Noto Sans CJK SC {version.split(';')[0]}",
        4: full,
        6: ps_name,
    }
    for name_id, value in values.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    cff = font["CFF "].cff
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = FAMILY
    if hasattr(top, "CIDFontName"):
        top.CIDFontName = ps_name


def build(source: Path, style: str, out: Path) -> int:
    """Subset one face to `out`; return its size in bytes."""
    options = subset.Options()
    # Latin kerning only: "locl" and friends would pull in the JP/KR/TC glyph variants.
    options.layout_features = ["kern"]
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14]
    options.name_languages = [0x409, 0]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(source, fontNumber=SC_FONT_NUMBER, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    # Ask only for what the source has, so whole blocks do not warn about gaps.
    available = set(font.getBestCmap())
    subsetter.populate(unicodes=sorted(wanted_codepoints() & available))
    subsetter.subset(font)
    _rename(font, style)
    font.save(out)
    font.close()
    return out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    for style, file_name in FACES.items():
        out = args.out_dir / f"{FAMILY.replace(' ', '')}-{style}.otf"
        size = build(args.source_dir / file_name, style, out)
        log.info("%s: %d bytes", out, size)


if __name__ == "__main__":
    main()
