"""Find paired quotation marks and paragraph breaks in raw text (shared by sentences and quotes).

Pairs „…”, „…“, “…”, ”…”, "…" (straight quotes alternate), ‘…’ and '…' (an apostrophe as in
z’n, auto's, 's avonds never opens or closes). Quotes do not run over a paragraph break: an
opener still unclosed there is dropped, so one stray mark cannot shift every pair after it.
Quotes nested in another quote are not reported separately.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NEXT_WORD = re.compile(r"[ ,]*([a-zë]+)\b")
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
    last_straight_close: int | None = None
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
                for opener in (double, straight, single, straight_single):
                    if opener is not None and _reopens_next_paragraph(text, opener, i):
                        pairs.append((opener, i))  # a quote that goes on in the next paragraph
                double = straight = single = straight_single = last_straight_close = None
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
            if i and text[i - 1] == '"' and last_straight_close != i - 1:
                continue  # a doubled mark ("") opening a quote is one mark; after a close it opens
            if straight is not None and not _opens_after_colon(text, i):
                pairs.append((straight, i))
                last_straight_close, straight = i, None
            elif straight is None and last_straight_close is not None and _reopens(text, last_straight_close) \
                    and (_closes_sentence(text, i) or _before_reporting_verb(text, i)):
                # „…. "Next …." with one mark lost between two quotes: the mark that closed the
                # first quote opened the second one too
                pairs.append((last_straight_close, i))
                last_straight_close = None
            else:
                straight = i  # a colon before a mark always opens: an earlier stray opener is dropped
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


def _opens_after_colon(text: str, i: int) -> bool:
    """`Van Dijk: "We …`: a straight mark after a colon opens a quote."""
    before = text[max(0, i - 2) : i].rstrip()
    return before.endswith(":") and i + 1 < len(text) and text[i + 1].isalnum()


def _closes_sentence(text: str, i: int) -> bool:
    """`… investering." Het`: a mark right after sentence-final punctuation, before a space."""
    return i > 0 and text[i - 1] in ".!?" and (i + 1 >= len(text) or text[i + 1] in " \n")


def _before_reporting_verb(text: str, i: int) -> bool:
    """`…, "zei Springer`: a mark that a reporting verb follows closes a quote."""
    from store.extraction.components.dutch_words import REPORTING_VERBS

    match = _NEXT_WORD.match(text, i + 1)
    return match is not None and match.group(1) in REPORTING_VERBS


def _reopens(text: str, i: int) -> bool:
    """A closing mark that a word follows at once (`. "Deze`): it may open the next quote too."""
    return i + 1 < len(text) and text[i + 1].isalpha() and text[i + 1].isupper() \
        and i > 1 and text[i - 2] in '.!?"'


def _reopens_next_paragraph(text: str, opener: int, newline: int) -> bool:
    """Whether a quote still open at a paragraph break goes on in the next paragraph: the
    convention of repeating the opening mark at the start of each quoted paragraph."""
    if newline - opener > MAX_QUOTE_CHARS:
        return False
    after = newline + 1
    while after < len(text) and text[after] in " \t\r\n":
        after += 1
    return after < len(text) and text[after] in _OPENERS and text[after] == text[opener]


def paragraph_quotes(text: str) -> frozenset[int]:
    """Opening marks of quotes that go on in the next paragraph (see ``scan``)."""
    pairs, breaks = scan(text)
    return frozenset(start for start, end in pairs if end in set(breaks))


def _outermost(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if end - start > MAX_QUOTE_CHARS or end - start < 2:
            continue
        if kept and start < kept[-1][1]:
            continue  # nested in (or crossing) the previous quote
        kept.append((start, end))
    return kept
