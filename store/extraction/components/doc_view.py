"""Per-document token facts for the entity rules: sentence starts, quoted tokens, capitals.

Computed once per Doc from the per-word flags of ``lexicon.words`` in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc

from store.extraction.components import lexicon
from store.extraction.components.lexicon import (
    CAPITAL,
    CLOSES,
    NEWLINE,
    OPENS,
    QUOTE_MARK,
    SENTENCE_END,
    START_PUNCT_MARK,
    STOP,
    STRAIGHT,
    Word,
)


@dataclass
class DocView:
    """Per-document token facts, computed once in one pass."""

    texts: list[str]
    starts: list[bool]  # sentence start, or first word inside an opening quote/bracket
    quoted: list[bool]
    capital: list[bool]  # capitalised like a name (not shouting)
    seen_mid: set[str]  # capitalised words written outside sentence starts and quotes
    capitals: list[int]  # indexes of the capitalised tokens, ascending


_TEXTS_KEY = ("newsbot", "texts")


def token_texts(doc: Doc) -> list[str]:
    """Token texts without creating Token objects (the costly part of a Python loop over a Doc).

    Do not change the list: it is kept in ``doc.user_data`` with the token ids it was made from,
    for the next component (``newsbot_entities`` leaves its own there)."""
    key = doc.to_array(ORTH).tobytes()
    cached = doc.user_data.get(_TEXTS_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    texts = [word.text for word in lexicon.words(doc)]
    doc.user_data[_TEXTS_KEY] = (key, texts)
    return texts


def remember_token_texts(doc: Doc, texts: list[str]) -> None:
    """Seed ``token_texts`` with the texts of ``doc``'s tokens as they are now."""
    doc.user_data[_TEXTS_KEY] = (doc.to_array(ORTH).tobytes(), texts)


def view(doc: Doc, words: list[Word]) -> DocView:
    """Sentence starts, quotes and capitals, from per-word flags: Python only visits the
    tokens after start punctuation, the quote marks and the capitalised words."""
    n = len(words)
    texts = [w.text for w in words]
    flags = numpy.array([w.flags for w in words], dtype=numpy.int64)
    if doc.has_annotation("SENT_START") and n:
        start = doc.to_array(SENT_START).astype(numpy.int64) == 1
    else:
        start = numpy.zeros(n, dtype=bool)
    if n:
        start[0] = True
        previous = flags[:-1]
        ends = (previous & (SENTENCE_END | NEWLINE)) != 0
        # after "." "!" "?" (also "VS." or "pers.", one token) or a new line (paragraph, heading,
        # or a wrapped line, then lower case)
        start[1:] |= ends
        after_punct = numpy.flatnonzero(((previous & START_PUNCT_MARK) != 0) & ~ends) + 1
    else:
        after_punct = numpy.zeros(0, dtype=numpy.int64)
    starts = start.tolist()
    for index in after_punct.tolist():  # in order: a run of punctuation carries the start on
        if not starts[index] and (starts[index - 1] or words[index - 1].flags & QUOTE_MARK):
            starts[index] = True
    quoted = [False] * n
    inside, last = False, 0
    for index in numpy.flatnonzero(flags & (OPENS | CLOSES | STRAIGHT)).tolist():
        if inside:
            quoted[last:index] = [True] * (index - last)
        mark = words[index].flags
        inside = True if mark & OPENS else False if mark & CLOSES else not inside
        last = index
    if inside:
        quoted[last:n] = [True] * (n - last)
    capital_mask = (flags & CAPITAL) != 0
    capital = capital_mask.tolist()
    seen_mid: set[str] = set()
    for index in numpy.flatnonzero((flags & (CAPITAL | STOP)) == CAPITAL).tolist():
        if not starts[index] and not quoted[index]:
            seen_mid.add(words[index].bare)
    return DocView(texts, starts, quoted, capital, seen_mid, numpy.flatnonzero(capital_mask).tolist())
