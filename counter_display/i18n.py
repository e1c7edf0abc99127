"""Chinese for the counter apps through Qt's translator; `python -m counter_display.i18n`
rebuilds `assets/i18n/counter_zh_CN.ts` from the sources (keeping translations) and the .qm.

The screens are bilingual: `Texts.dual(source)` gives (Chinese, English) for any marked text.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from counter_display.texts import CONTEXT

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "assets" / "i18n"
TS_FILE = I18N_DIR / "counter_zh_CN.ts"
QM_FILE = I18N_DIR / "counter_zh_CN.qm"


class Texts(QObject):
    """The Chinese of the counter apps' texts; installed so that `tr()` answers in Chinese."""

    def __init__(self, *, install: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zh = QTranslator(self)
        if not self._zh.load(str(QM_FILE)):
            log.warning("no Chinese translation at %s: run python -m counter_display.i18n", QM_FILE)
        app = QCoreApplication.instance()
        if install and app is not None:
            app.installTranslator(self._zh)

    def zh(self, source: str, context: str = CONTEXT) -> str:
        """The Chinese of an English source text (the source itself when untranslated)."""
        return self._zh.translate(context, source) or source

    def dual(self, source: str, context: str = CONTEXT) -> tuple[str, str]:
        """(Chinese, English) of a source text."""
        return self.zh(source, context), source


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def sources() -> list[Path]:
    """The counter apps' Python files that hold translatable texts."""
    marks = ("QT_TRANSLATE_NOOP", "tr(", "translate(")
    files = (ROOT / "counter_display").glob("*.py")
    return sorted(p for p in files if any(m in p.read_text(encoding="utf-8") for m in marks))


def main(argv: list[str] | None = None) -> int:
    """Update the .ts from the sources (keeping translations), then compile the .qm."""
    parser = argparse.ArgumentParser(
        prog="python -m counter_display.i18n", description=main.__doc__
    )
    parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files = [str(p.relative_to(ROOT)) for p in sources()]
    lupdate = [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none"]
    subprocess.run([*lupdate, "-ts", str(TS_FILE.relative_to(ROOT))], cwd=ROOT, check=True)
    subprocess.run([_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(QM_FILE)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
