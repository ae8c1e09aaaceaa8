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
    COLON,
    DASH,
    NEWLINE,
    OPENS,
    ORDINARY,
    QUOTE_MARK,
    SENTENCE_END,
    START_PUNCT_MARK,
    STOP,
    STRAIGHT,
    Word,
)
from store.extraction.gazetteer import NAME_PARTICLES, common_words
from store.extraction.name_lists import name_lists, name_types


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
INNER_PARTICLES = NAME_PARTICLES - {"het", "te"}  # particles written capitalised inside a name: "Bart De Wever"


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
            if index + 1 < n and (flags[index + 1] & CAPITAL or texts[index + 1] in ("of", "&")) \
                    and name_lists().starts_name(texts[index]):
                continue  # "Der Spiegel", "Bank of America": the word starts a listed name
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
    for index in numpy.flatnonzero(flags & ORDINARY).tolist():
        # "… bleef beperkt Daarom sluit …": an ordinary word capitalised right after a content
        # word or a number starts a sentence the text did not punctuate; after a function word
        # it is part of a name ("de Kamer", "minister van Herstel", "in Den Haag")
        if not index or starts[index] or quoted[index]:
            continue
        before = texts[index - 1]
        after_content = not flags[index - 1] & (CAPITAL | STOP) and (before.isalpha() and before.islower()
                                                                      or before.isdigit())
        function_word = flags[index] & STOP and texts[index].lower() not in INNER_PARTICLES  # "… de Boer Het kabinet"
        if after_content or function_word and flags[index - 1] & CAPITAL:
            if index + 1 < n and (flags[index + 1] & CAPITAL or texts[index + 1] in ("of", "&")) \
                    and name_lists().starts_name(texts[index]):
                continue  # "Der Spiegel", "Bank of America": the word starts a listed name
            starts[index] = True
    for index in numpy.flatnonzero(flags & COLON).tolist():
        # a label before a colon: "… Piet Smit Foto: ANP", "Lees ook: …"
        if index and flags[index - 1] & CAPITAL and texts[index - 1].lower() in common_words() \
                and not quoted[index - 1] and "P" not in name_types(texts[index - 1]):  # not "Wethouder Sanne Dekker:"
            starts[index - 1] = True
    for index in numpy.flatnonzero(flags & DASH).tolist():
        # a dateline: "ROTTERDAM - Een loods …", "UTRECHT (ANP) – De …"
        if 0 < index < n - 1 and (texts[index - 1] == ")" or texts[index - 1].isupper() and len(texts[index - 1]) > 2):
            starts[index + 1] = True
    capital_mask = (flags & CAPITAL) != 0
    capital = capital_mask.tolist()
    seen_mid: set[str] = set()
    for index in numpy.flatnonzero((flags & (CAPITAL | STOP)) == CAPITAL).tolist():
        if not starts[index] and not quoted[index]:
            seen_mid.add(words[index].bare)
    return DocView(texts, starts, quoted, capital, seen_mid, numpy.flatnonzero(capital_mask).tolist())
