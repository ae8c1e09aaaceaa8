"""Cheap lookups on a Doc: character offset → token, token → sentence, token → entity.

Built from ``Doc.to_array`` once per component call, so rules that look around a match do not
walk the whole Doc in Python.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span

_TEXT_KEY = ("newsbot", "text")
_LOWER_KEY = ("newsbot", "lower")
_ENTS_KEY = ("newsbot", "ents")


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from the tokens on every access.

    Cached in ``doc.user_data``; safe because our components never change the text (merging
    tokens keeps it)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        strings = doc.vocab.strings  # doc.text, without a Token object per token
        text = "".join([strings[orth] + " " if space else strings[orth]
                        for orth, space in doc.to_array([ORTH, SPACY]).tolist()])
        doc.user_data[_TEXT_KEY] = text
    return text


def lower_texts(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]`` without a Token object per token; do not change the list.

    Kept in ``doc.user_data`` with the token ids it was made from, for the next component."""
    ids = doc.to_array(LOWER)
    key = ids.tobytes()
    cached = doc.user_data.get(_LOWER_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    strings = doc.vocab.strings
    lowers = [strings[lower] for lower in ids.tolist()]
    doc.user_data[_LOWER_KEY] = (key, lowers)
    return lowers


def _entity_key(doc: Doc) -> bytes:
    return doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]).tobytes()


def entity_spans(doc: Doc) -> list[Span]:
    """``list(doc.ents)``, made once per Doc for the components after the recogniser: every
    ``doc.ents`` builds a new Span per entity. Do not change the list.

    Kept in ``doc.user_data`` with the token-level entity annotation it was made from, so a
    component that changes the entities gets fresh spans."""
    key = _entity_key(doc)
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    spans = list(doc.ents)
    doc.user_data[_ENTS_KEY] = (key, spans)
    return spans


def remember_entity_spans(doc: Doc, spans: list[Span]) -> None:
    """Seed ``entity_spans`` with the spans just assigned to ``doc.ents`` (in order)."""
    doc.user_data[_ENTS_KEY] = (_entity_key(doc), spans)


def remember_text(doc: Doc, text: str) -> None:
    """Seed ``text_of`` with the text ``doc`` was made from (the tokenizer keeps every character)."""
    doc.user_data[_TEXT_KEY] = text


class DocIndex:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.idx: list[int] = doc.to_array("IDX").tolist()
        starts = numpy.flatnonzero(doc.to_array("SENT_START").astype(numpy.int64) == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        self.sent_starts: list[int] = starts
        self.ents: list[Span] = entity_spans(doc)
        self._ent_at: dict[int, Span] = {}
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self._ent_at[i] = ent

    def token_at(self, char: int) -> int:
        """The index of the token that holds character ``char``."""
        return max(bisect_right(self.idx, char) - 1, 0)

    def sentence_of(self, i: int) -> tuple[int, int]:
        """Token range [start, end) of the sentence holding token ``i``."""
        k = bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return self.sent_starts[k], end

    def previous_sentence(self, start: int) -> tuple[int, int] | None:
        if start <= 0:
            return None
        return self.sentence_of(start - 1)

    def entity_at(self, i: int) -> Span | None:
        return self._ent_at.get(i)

    def sentence_text(self, i: int) -> str:
        start, end = self.sentence_of(i)
        # up to the next token: only the last token's trailing space more, which strip() drops
        stop = self.idx[end] if end < len(self.idx) else len(self.text)
        return self.text[self.idx[start] : stop].strip()
