"""Find paired quotation marks and paragraph breaks in raw text (shared by sentences and quotes).

Pairs „…”, „…“, “…”, ”…”, "…" (straight quotes alternate), ‘…’ and '…' (an apostrophe as in
z’n, auto's, 's avonds never opens or closes). Quotes do not run over a paragraph break: an
opener still unclosed there is dropped, so one stray mark cannot shift every pair after it.
Quotes nested in another quote are not reported separately.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKS = re.compile(r"[„“”\"‘’'\n]")
_FINAL = set(".!?:;”\"’'»)")
_OPENERS = set("„“\"‘'«")
MAX_QUOTE_CHARS = 3000
SHORT_LINE = 70


def paragraph_break_at(text: str, newline: int) -> bool:
    """Whether the line break at ``newline`` ends a paragraph (or a headline).

    A break after sentence-final punctuation always ends one; so does a short line (a headline,
    "Advertentie") followed by a capital. A break inside a wrapped sentence ("zei\\n\\nhij") does not.
    """
    before = newline - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    after = newline + 1
    length = len(text)
    while after < length and text[after] in " \t\r\n":
        after += 1
    if before < 0 or after >= length:
        return True
    if text[before] in _FINAL:
        return True
    following = text[after]
    if following.isupper() or following.isdigit() or following in _OPENERS:
        if text.count("\n", before, after) > 1:
            return True  # a blank line before a capital
        line_start = text.rfind("\n", 0, before) + 1
        return before - line_start < SHORT_LINE
    return False


def _is_apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():  # z’n, auto's
        return True
    after = text[i + 1 : i + 3]
    # 's avonds, 't, 'n: a single letter after the mark, then a space
    return not prev.isalnum() and len(after) == 2 and after[0] in "stnSTN" and not after[1].isalnum()


@lru_cache(maxsize=64)
def scan(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """Return (quote pairs as (open mark index, close mark index), paragraph-break newline indices).

    Cached: ``newsbot_sentences`` and ``newsbot_quotes`` scan the same text one after the other."""
    pairs: list[tuple[int, int]] = []
    breaks: list[int] = []
    double = straight = single = straight_single = None
    last_newline = -2
    for match in _MARKS.finditer(text):
        i = match.start()
        mark = text[i]
        if mark == "\n":
            if i == last_newline + 1:  # the rest of a run of newlines
                last_newline = i
                continue
            last_newline = i
            if paragraph_break_at(text, i):
                breaks.append(i)
                double = straight = single = straight_single = None
            continue
        if mark == "„":
            double = i
        elif mark == "“":
            if double is not None and text[double] == "„":
                pairs.append((double, i))
                double = None
            else:
                double = i
        elif mark == "”":
            if double is not None:
                pairs.append((double, i))
                double = None
            elif (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and not text[i + 1].isspace():
                double = i  # the ”…” style
        elif mark == '"':
            if straight is not None:
                pairs.append((straight, i))
                straight = None
            else:
                straight = i
        elif mark == "‘":
            if i == 0 or not text[i - 1].isalnum():
                single = i
        elif mark == "’":
            if single is not None and not _is_apostrophe(text, i):
                pairs.append((single, i))
                single = None
        elif mark == "'":
            if _is_apostrophe(text, i):
                continue
            if straight_single is not None:
                if not text[i - 1].isspace():
                    pairs.append((straight_single, i))
                    straight_single = None
            elif i + 1 < len(text) and text[i + 1].isalnum():
                straight_single = i
    return tuple(_outermost(pairs)), tuple(breaks)


def _outermost(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if end - start > MAX_QUOTE_CHARS or end - start < 2:
            continue
        if kept and start < kept[-1][1]:
            continue  # nested in (or crossing) the previous quote
        kept.append((start, end))
    return kept
