"""What the hall hears when a window calls a ticket: the sentences, in Mandarin and English.

Pure text (no Qt, no speech engine), shared by the announcer, the consoles and the tests.

Mandarin spells the ticket number: letters one by one, digits one by one as hanzi
(A012 -> "A零一二"); the window number is said as a cardinal (12 -> 十二, 105 -> 一百零五).
Both are written out as hanzi rather than left as digits because espeak-ng's Mandarin number
rules read "012" as 零十二 and "105" as 一百五 (which means 150). Consecutive letters are
separated by a space, otherwise espeak-ng reads "AB" as a word instead of spelling it.
English spells the number as "A, zero one two": the comma after a letter keeps espeak-ng
from reading a lone "A" as the article.
"""

from __future__ import annotations

import logging
import string
from typing import Literal

from queue_server.config import Voice

log = logging.getLogger(__name__)

Language = Literal["zh", "en"]

ZH_DIGITS = "零一二三四五六七八九"
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
RECALL_PREFIX: dict[Language, str] = {"zh": "再次呼叫，", "en": "Calling again. "}
_ZH_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_warned_templates: set[str] = set()


def call_texts(
    number: str, window: int, voice: Voice, *, recall: bool = False
) -> list[tuple[Language, str]]:
    """The (language, sentence) pairs spoken for one call: Mandarin, then English if enabled."""
    pairs: list[tuple[Language, str]] = [
        ("zh", _fill(voice.zh_template, "zh_template", zh_ticket(number), zh_cardinal(window)))
    ]
    if voice.english:
        pairs.append(
            ("en", _fill(voice.en_template, "en_template", en_ticket(number), str(window)))
        )
    if recall:
        pairs = [(lang, RECALL_PREFIX[lang] + text) for lang, text in pairs]
    return pairs


def zh_ticket(number: str) -> str:
    """A ticket number as Mandarin spells it: "A012" -> "A零一二", "AB7" -> "A B七"."""
    out: list[str] = []
    for ch in number.strip().upper():
        if ch in string.ascii_uppercase:
            if out and out[-1] in string.ascii_uppercase:
                out.append(" ")
            out.append(ch)
        elif ch in string.digits:
            out.append(ZH_DIGITS[int(ch)])
    return "".join(out)


def en_ticket(number: str) -> str:
    """A ticket number as English spells it: "A012" -> "A, zero one two"."""
    items: list[str] = []
    digits: list[str] = []
    for ch in number.strip().upper():
        if ch in string.digits:
            digits.append(EN_DIGITS[int(ch)])
            continue
        if digits:
            items.append(" ".join(digits))
            digits = []
        if ch in string.ascii_uppercase:
            items.append(ch)
    if digits:
        items.append(" ".join(digits))
    return ", ".join(items)


def zh_cardinal(n: int) -> str:
    """A whole number as Mandarin says it: 5 -> 五, 12 -> 十二, 105 -> 一百零五, 110 -> 一百一十."""
    if not 0 <= n < 10_000:
        return "".join(ZH_DIGITS[int(d)] for d in str(abs(n)))
    if n < 10:
        return ZH_DIGITS[n]
    if n < 20:  # 十二, not 一十二
        return "十" + (ZH_DIGITS[n - 10] if n > 10 else "")
    out: list[str] = []
    gap = False
    for unit, name in _ZH_UNITS:
        digit = n // unit % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out.append("零")  # one 零 for any run of zeros inside the number
            gap = False
        out.append(ZH_DIGITS[digit] + name)
    return "".join(out)


def _fill(template: str, field: str, number: str, window: str) -> str:
    values = {"number": number, "window": window}
    try:
        return template.format_map(values)
    except (KeyError, ValueError, IndexError, AttributeError):
        default = str(Voice.model_fields[field].default)
        if template not in _warned_templates:
            _warned_templates.add(template)
            log.warning(
                "voice.%s %r is not a usable template (only {number} and {window} are known); "
                "using %r",
                field,
                template,
                default,
            )
        return default.format_map(values)
