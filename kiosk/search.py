"""Finding a matter by what citizens type: Chinese, English, keywords or pinyin (no Qt).

"yyzz" finds 营业执照 by the initials of its syllables, "yingye" by full pinyin, "licence"
by the English name. Building the index loads pypinyin's dictionary (a few hundred ms the
first time), so the kiosk builds it on a worker thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")

# Rank of each kind of field, best first: a hit in the Chinese name beats one in the pinyin.
NAME, KEYWORD, INITIALS, KEYWORD_INITIALS, PINYIN, ENGLISH, CODE = range(7)


@dataclass(frozen=True)
class Searchable:
    """What the index needs to know of a matter."""

    code: str
    name: str
    name_en: str = ""
    keywords: tuple[str, ...] = ()


def normalize(text: str) -> str:
    """Lower case, fullwidth to ASCII, punctuation and spaces dropped."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters (others kept): 营业执照 → yyzz."""
    return normalize("".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")))


def full_pinyin(text: str) -> str:
    """Toneless pinyin, run together: 营业执照 → yingyezhizhao."""
    return normalize("".join(lazy_pinyin(text, errors="default")))


def _fields(item: Searchable) -> list[tuple[int, str]]:
    fields = [(NAME, normalize(item.name)), (INITIALS, initials(item.name))]
    fields.append((PINYIN, full_pinyin(item.name)))
    for word in item.keywords:
        fields += [(KEYWORD, normalize(word)), (KEYWORD_INITIALS, initials(word))]
        fields.append((PINYIN, full_pinyin(word)))
    fields += [(ENGLISH, normalize(item.name_en)), (CODE, normalize(item.code))]
    return [(rank, text) for rank, text in fields if text]


class SearchIndex:
    """Matters by rank of their best matching field; every typed word must match."""

    def __init__(self, items: Iterable[Searchable]) -> None:
        self._entries = [(item.code, _fields(item)) for item in items]

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str) -> list[str]:
        """Codes of the matching matters, best first; all of them for an empty query."""
        terms = [t for t in (normalize(w) for w in query.split()) if t]
        if not terms:
            return [code for code, _ in self._entries]
        scored: list[tuple[float, int, str]] = []
        for order, (code, fields) in enumerate(self._entries):
            total = 0.0
            for term in terms:
                best = _best(term, fields)
                if best is None:
                    break
                total += best
            else:
                scored.append((total, order, code))
        return [code for _, _, code in sorted(scored)]


def _best(term: str, fields: list[tuple[int, str]]) -> float | None:
    """Score of the best field for one term: lower is better, None when nothing matches."""
    han = bool(_HAN.search(term))
    best: float | None = None
    for rank, text in fields:
        if han and rank not in (NAME, KEYWORD):
            continue  # Chinese typed: only Chinese fields can hold it
        at = text.find(term)
        if at < 0:
            continue
        score = rank + (0 if at == 0 else 0.5)  # a prefix hit ranks above one inside
        if best is None or score < best:
            best = score
    return best


def searchable(code: str, name: str, name_en: str, keywords: Iterable[str]) -> Searchable:
    """A `Searchable` from plain values."""
    return Searchable(code, name, name_en, tuple(keywords))
