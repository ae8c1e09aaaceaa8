"""``newsbot_sentences``: sentence boundaries, repaired around quotes and paragraphs.

Starts from the boundaries already on the Doc (a pretrained parser or senter, or spaCy's
``sentencizer`` if a pipeline has one); on a Doc without any it first applies the
``sentencizer``'s rule itself, on token arrays (the stock component builds a Token object per
token). Then it only moves boundaries:

- a paragraph break (or a headline line) always starts a sentence;
- an opening quote mark left at the end of the previous sentence starts the next one;
- a boundary before a lower-case word is dropped: "“Vladimir, STOP!” schreef Trump" and
  abbreviations the tokenizer does not know ("ca" + "." + "twintig") stay in one sentence;
- no boundary inside a quote of at most ``max_quote_chars`` characters (a longer quote keeps its
  inner sentences; quotes are found on the text, so they may span sentences);
- a sentence never starts with a whitespace token.

Only sentence starts and quote marks are visited, never every token.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from store.extraction.components.doc_index import text_of
from store.extraction.components.quote_marks import scan


@Language.factory(
    "newsbot_sentences",
    assigns=["token.is_sent_start"],
    default_config={"max_quote_chars": 300},
)
def make_sentences(nlp: Language, name: str, max_quote_chars: int) -> SentenceRepair:
    return SentenceRepair(max_quote_chars)


# the ``sentencizer``'s default sentence-final characters, as token ids (ORTH)
STOCK_PUNCT = numpy.array(sorted(get_string_id(c) for c in Sentencizer.default_punct_chars), dtype=numpy.uint64)


def stock_starts(orths: numpy.ndarray, is_punct: numpy.ndarray) -> list[int]:
    """The starts spaCy's ``sentencizer`` sets: the first token, and the first token that is
    not punctuation after each sentence-final character ("." "!" "?" ...)."""
    nearest = STOCK_PUNCT[numpy.minimum(numpy.searchsorted(STOCK_PUNCT, orths), len(STOCK_PUNCT) - 1)]
    final = nearest == orths  # numpy.isin, without its first-call import of numpy.ma
    words = numpy.flatnonzero(~final & (is_punct == 0))
    following = numpy.searchsorted(words, numpy.flatnonzero(final), side="right")
    return [0] + sorted(set(words[following[following < len(words)]].tolist()))


class SentenceRepair:
    def __init__(self, max_quote_chars: int = 300) -> None:
        self.max_quote_chars = max_quote_chars

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n < 2:
            return doc
        text = text_of(doc)
        columns = doc.to_array([IDX, SENT_START, IS_SPACE, ORTH, IS_PUNCT])
        idx = columns[:, 0].tolist()
        stock = not doc.has_annotation("SENT_START")
        if stock:  # no parser, senter or sentencizer before us
            sent_start = numpy.full(n, -1, dtype=numpy.int64)
            before = stock_starts(columns[:, 3], columns[:, 4])
            sent_start[before] = 1
        else:
            sent_start = columns[:, 1].astype(numpy.int64)
            before = numpy.flatnonzero(sent_start == 1).tolist()
        is_space = columns[:, 2].tolist()
        orths = columns[:, 3].tolist()
        strings = doc.vocab.strings
        starts = set(before)
        starts.add(0)
        pairs, breaks = scan(text)
        forced = {0}

        def token_at(char: int) -> int:
            return bisect_right(idx, char) - 1

        def next_word(i: int) -> int:
            while i < n and is_space[i]:
                i += 1
            return i

        for newline in breaks:
            first = next_word(token_at(newline) + 1)
            if first < n:
                forced.add(first)
                starts.add(first)
        for open_char, close_char in pairs:
            opener, closer = token_at(open_char), token_at(close_char)
            if opener + 1 in starts and opener + 1 not in forced:
                starts.discard(opener + 1)
                starts.add(opener)
            if close_char - open_char <= self.max_quote_chars:
                for i in range(opener + 1, closer + 1):
                    if i not in forced:
                        starts.discard(i)
        for i in sorted(starts):
            if i in forced:
                continue
            if is_space[i]:
                starts.discard(i)
                first = next_word(i)
                if first < n:
                    starts.add(first)
            elif strings[orths[i]][0].islower():
                starts.discard(i)
        if stock or starts != set(before):
            if not stock and doc.has_annotation("DEP"):  # the Token setter raises E043 on a parsed Doc
                for i in set(before) - starts:
                    doc[i].is_sent_start = False
                for i in starts - set(before):
                    doc[i].is_sent_start = True
                return doc
            # Token.is_sent_start's setter scans the Doc for DEP each time: write the column once
            sent_start[list(set(before) - starts)] = -1
            sent_start[list(starts - set(before))] = 1
            doc.from_array([SENT_START], sent_start.astype(numpy.uint64))
        return doc
