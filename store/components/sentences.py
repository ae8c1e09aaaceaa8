"""``newsbot_sentences``: repair the stock sentencizer's boundaries around quotes and paragraphs.

Runs after spaCy's ``sentencizer`` and only moves boundaries:

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
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from store.components.doc_index import text_of
from store.components.quote_marks import scan


@Language.factory(
    "newsbot_sentences",
    assigns=["token.is_sent_start"],
    requires=["token.is_sent_start"],
    default_config={"max_quote_chars": 300},
)
def make_sentences(nlp: Language, name: str, max_quote_chars: int) -> SentenceRepair:
    return SentenceRepair(max_quote_chars)


class SentenceRepair:
    def __init__(self, max_quote_chars: int = 300) -> None:
        self.max_quote_chars = max_quote_chars

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n < 2:
            return doc
        text = text_of(doc)
        columns = doc.to_array([IDX, SENT_START, IS_SPACE, ORTH])
        idx = columns[:, 0].tolist()
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
        if starts != set(before):
            if doc.has_annotation("DEP"):  # the Token setter raises E043 on a parsed Doc
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
