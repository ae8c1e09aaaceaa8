"""What a token's text says on its own, computed once per distinct text and kept across Docs.

The entity rules ask the same questions of every token ("capitalised like a name?", "a stop
word?", "ends a sentence?"). Asking them per token, through a ``Token`` object per token, was
most of the pipeline's time. ``words(doc)`` reads the token ids (``ORTH``) with one
``Doc.to_array`` call and looks each up in a dict that persists across Docs, so a word's facts
are computed the first time it is seen and then only looked up. The facts depend on the text
alone (and on the gazetteers, which are fixed for the process), so the cache never goes stale.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc

from store.extraction import gazetteer
from store.extraction.components.name_cues import CAMEL, DIGIT_NAME, is_party_shape
from store.extraction.name_lists import list_types, name_types

OPENING_QUOTES = frozenset("„“‘«")
CLOSING_QUOTES = frozenset("”’»")
STRAIGHT_QUOTES = frozenset('"')
START_PUNCT = frozenset("„“‘«\"'(:-–—•*")
DASHES = frozenset("-–—")
GENITIVE_SUFFIXES = ("'s", "’s")
MAX_CACHED_WORDS = 500_000  # then start afresh: a long-running process meets ever more words

# Word.flags bits
CAPITAL = 1  # capitalised like a name (``is_capital`` of the bare word)
SENTENCE_END = 2  # ends in . ! ? ("VS.", "pers." included)
NEWLINE = 4  # holds a line break
START_PUNCT_MARK = 8  # one of START_PUNCT
QUOTE_MARK = 16  # exactly an opening or a straight double quote
OPENS = 32  # starts with an opening quote
CLOSES = 64  # starts with a closing quote
STRAIGHT = 128  # starts with a straight double quote
STOP = 256  # its lower case is a stop word
SPLIT = 512  # ``split_parts`` splits it
DASH = 2048  # a dash on its own: "-", "–", "—"
COLON = 4096  # a colon on its own
ORDINARY = 1024  # capitalised, but a frequent Dutch word that no name list holds: "Daarom", "Zij"


@lru_cache(maxsize=65536)
def bare(text: str) -> str:
    """A word without its genitive suffix: "Zelensky's" → "Zelensky"."""
    if text.endswith(".") and len(text) > 2 and text[:-1].isupper() and text[:-1].isalpha():
        return text[:-1]  # "VS." at a sentence end is one token
    for suffix in GENITIVE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """NAVO, AIVD, VVD, BND — but not shouted words such as STOP or EINDE."""
    if not (2 <= len(text) <= 6 and text.isupper() and text.isalpha()):
        return False
    lower = text.lower()
    if lower in gazetteer.stop_words():
        return False
    return len(text) <= 3 or not gazetteer.is_dutch_word(lower)


def is_ordinary(word: str) -> int:
    """``ORDINARY`` when a capitalised word is a frequent Dutch word that is no name in any list,
    else 0: such a word mid-sentence marks a sentence start the text did not punctuate
    (a heading or caption running into the prose)."""
    if not word[1:].islower():
        return 0  # "iPad", "KLM", "GroenLinks": shapes of names
    lower = word.lower()
    very_common = gazetteer.common_words().get(lower)
    if very_common is None or not (very_common or gazetteer.is_dutch_word(lower)):
        return 0
    if word in gazetteer.first_names() or list_types((word,)) or (word,) in gazetteer.places():
        return 0
    return ORDINARY


def is_listed_name(word: str) -> bool:
    """A name that a place list or the open name lists know, and no frequent Dutch word: the
    named part of a compound ("Hamas-strijders", "Boeing-toestel"; not "Pro-", "Sub-")."""
    if word.lower() in gazetteer.common_words() and gazetteer.is_dutch_word(word):
        return False
    return (word,) in gazetteer.places() or bool(list_types((word,)))


def is_capital(text: str) -> bool:
    if not text[:1].isupper():
        return bool(CAMEL.match(text)) and text.isalnum()  # "iPhone", "eBay"
    tail = text.rsplit("-", 1)[-1]
    if tail != text and tail.islower() and tail.isalpha():
        return False  # a compound noun with a lower-case head: "Sub-prime", "Oost-Europakenner"
    if text.isupper():
        if DIGIT_NAME.match(text):
            return True  # "D66", "JA21", "A12"
        return is_acronym(text) or (len(text) > 1 and "-" in text and text.split("-")[0].isalpha())
    return any(c.isalpha() for c in text)


def split_parts(text: str) -> list[str] | None:
    """How ``newsbot_entities`` splits a token, or None: "OVSE-waarnemer" → "OVSE" +
    "-secretaris-generaal"; "ArenA." → "ArenA" + "." (a full stop the tokenizer kept)."""
    cut = text.find("-", 1, len(text) - 1)
    while cut > 0 and not text[cut + 1].islower():
        cut = text.find("-", cut + 1, len(text) - 1)
    if cut > 0:  # the first hyphen before a lower-case part: "GroenLinks-PvdA-fractievoorzitter"
        prefix = text[:cut]
        if is_acronym(prefix) or is_party_shape(prefix) or is_listed_name(prefix):
            return [prefix, text[cut:]]  # "NAVO-chef", "Hamas-strijders", "Boeing-toestel"
    if cut < 0 and "-" in text[1:-1]:
        left, _, right = text.partition("-")
        if "O" in name_types(left) and "O" in name_types(right) and not name_types(text):
            return [left, "-", right]  # "Ajax-PSV", "Feyenoord-AZ": a match between two clubs
    if len(text) > 3 and text[-1] == "." and text[0].isupper() and "." not in text[:-1] \
            and text[:-1].replace("-", "").isalpha():
        return [text[:-1], "."]
    return None


class Word:
    """The facts of one token text."""

    __slots__ = ("text", "bare", "flags")

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isalpha() and (text.islower() or text[0].isupper() and text[1:].islower()):
            # most words, "woord" or "Woord": none of the marks below but CAPITAL and STOP
            self.bare = text
            self.flags = (0 if text.islower() else CAPITAL | is_ordinary(text)) \
                | (STOP if text.lower() in gazetteer.stop_words() else 0)
            return
        self.bare = bare(text)
        first = text[:1]
        flags = 0
        if is_capital(self.bare):
            flags |= CAPITAL | is_ordinary(self.bare)
        if text.endswith((".", "!", "?")):
            flags |= SENTENCE_END
        if "\n" in text:
            flags |= NEWLINE
        if text in START_PUNCT:
            flags |= START_PUNCT_MARK
        if text in DASHES:
            flags |= DASH
        if text == ":":
            flags |= COLON
        if text in OPENING_QUOTES or text in STRAIGHT_QUOTES:
            flags |= QUOTE_MARK
        if first in OPENING_QUOTES:
            flags |= OPENS
        elif first in CLOSING_QUOTES:
            flags |= CLOSES
        elif first in STRAIGHT_QUOTES:
            flags |= STRAIGHT
        if text.lower() in gazetteer.stop_words():
            flags |= STOP
        if split_parts(text) is not None:
            flags |= SPLIT
        self.flags = flags


_WORDS: dict[int, Word] = {}


def words(doc: Doc) -> list[Word]:
    """One ``Word`` per token of ``doc``."""
    orths = doc.to_array(ORTH).tolist()
    found = list(map(_WORDS.get, orths))
    if None in found:  # words seen for the first time
        if len(_WORDS) + len(found) >= MAX_CACHED_WORDS:
            _WORDS.clear()
        strings = doc.vocab.strings
        for index, word in enumerate(found):
            if word is None:
                orth = orths[index]
                word = _WORDS.get(orth)  # the same new word earlier in this Doc
                if word is None:
                    word = _WORDS[orth] = Word(strings[orth])
                found[index] = word
    return found
