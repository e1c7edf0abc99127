"""Chinese and English at runtime with Qt translations; `python -m kiosk.i18n` rebuilds them.

Source strings are English; `assets/i18n/hallq_kiosk_zh_CN.ts` holds the Chinese, compiled
to `.qm` by pyside6-lrelease. Installing or removing the translator makes Qt send every
widget a LanguageChange event, and each screen re-translates itself in `changeEvent`.
Texts from the catalogue come in both languages and are chosen with `Languages.pick`.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "assets" / "i18n"
TS_FILE = I18N_DIR / "hallq_kiosk_zh_CN.ts"
QM_FILE = I18N_DIR / "hallq_kiosk_zh_CN.qm"
# English needs only its plural forms ("1 person", "2 people"): lupdate -pluralonly
EN_TS_FILE = I18N_DIR / "hallq_kiosk_en.ts"
EN_QM_FILE = I18N_DIR / "hallq_kiosk_en.qm"
CONTEXT = "Kiosk"  # the context of the shared bilingual texts (QT_TRANSLATE_NOOP)
LANGUAGES = ("zh", "en")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark `source` for translation in `context` (lupdate finds it); returns it unchanged."""
    return source


class Languages(QObject):
    """The kiosk's current language; `set_language` re-translates every open screen."""

    changed = Signal(str)

    def __init__(self, language: str = "zh", *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zh = QTranslator(self)
        self._en = QTranslator(self)
        for translator, path in ((self._zh, QM_FILE), (self._en, EN_QM_FILE)):
            if not translator.load(str(path)):
                log.warning("no translation at %s: run python -m kiosk.i18n", path)
        self.language = "en"
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Switch to "zh" or "en" (no-op when already there)."""
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
        app = QCoreApplication.instance()
        if app is not None:
            new, old = (self._zh, self._en) if language == "zh" else (self._en, self._zh)
            app.removeTranslator(old)
            app.installTranslator(new)
        if language != self.language:
            self.language = language
            self.changed.emit(language)

    def close(self) -> None:
        """Take this kiosk's translator out of the application (at shutdown, in tests)."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeTranslator(self._zh)
            app.removeTranslator(self._en)

    def toggle(self) -> None:
        """中文 ↔ English."""
        self.set_language("en" if self.language == "zh" else "zh")

    @property
    def zh(self) -> bool:
        """Chinese is on."""
        return self.language == "zh"

    def pick(self, zh: str, en: str) -> str:
        """The catalogue text of the current language (Chinese when there is no English)."""
        return zh if self.zh or not en else en

    def join(self, items: Iterable[object]) -> str:
        """A list as the language writes it: 1、2、3 or 1, 2, 3."""
        return ("、" if self.zh else ", ").join(str(i) for i in items)

    def chinese(self, source: str, context: str = CONTEXT) -> str:
        """The Chinese of an English source text, whatever the current language."""
        return self._zh.translate(context, source) or source

    def dual(self, source: str, context: str = CONTEXT) -> tuple[str, str]:
        """(main, second): the text in the current language, then in the other one."""
        zh = self.chinese(source, context)
        return (zh, source) if self.zh else (source, zh)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def sources() -> list[Path]:
    """The kiosk's Python files that hold translatable strings."""
    kiosk = ROOT / "kiosk"
    marks = ("QT_TRANSLATE_NOOP", "tr(", "translate(")
    return sorted(p for p in kiosk.rglob("*.py") if any(m in p.read_text() for m in marks))


def unfinished(ts_file: Path = TS_FILE) -> list[str]:
    """Source texts of the .ts file that have no Chinese yet."""
    tree = ET.parse(ts_file)
    out = []
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        text = "" if tr is None else "".join(tr.itertext()).strip()  # numerusform children
        if tr is None or tr.get("type") == "unfinished" or not text:
            out.append(msg.findtext("source") or "")
    return out


def main(argv: list[str] | None = None) -> int:
    """Update the .ts from the sources (keeping translations), then compile the .qm."""
    parser = argparse.ArgumentParser(prog="python -m kiosk.i18n", description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="fail on untranslated texts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    lupdate = [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none"]
    subprocess.run([*lupdate, "-ts", str(TS_FILE.relative_to(ROOT))], cwd=ROOT, check=True)
    en = [*lupdate, "-pluralonly", "-source-language", "en", "-target-language", "en"]
    subprocess.run([*en, "-ts", str(EN_TS_FILE.relative_to(ROOT))], cwd=ROOT, check=True)
    for ts, qm in ((TS_FILE, QM_FILE), (EN_TS_FILE, EN_QM_FILE)):
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    missing = unfinished() + unfinished(EN_TS_FILE)
    for text in missing:
        log.warning("untranslated: %s", text)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
