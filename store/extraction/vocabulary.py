"""Dutch vocabulary the entity rules consult: word forms, nouns, stop words and frequencies.

- word forms and noun lemmas: the Dutch lemma tables of spacy-lookups-data (lower case), so
  that "Helder", "Vele" or "Volgens" at a sentence start are recognised as words, not names;
- stop words: spaCy's Dutch list;
- frequencies: wordfreq's Dutch list, kept as the set of common words (a capitalised common
  word that no name list holds is an ordinary word, "Daarom", "Inmiddels").

Large sets are held as a ``WordSet`` (one byte blob) rather than a frozenset of str objects.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate
from pathlib import Path


class WordSet:
    """A large set of short strings, held compactly: ``word in words`` as with a frozenset.

    The words are spread over buckets by ``hash`` and stored as one UTF-8 blob of
    newline-delimited buckets, so the set costs about its characters (400k Dutch word forms:
    ~5.6 MB) instead of a str object and a hash-table slot per word (~42 MB), in two large
    allocations instead of 400k small ones. A lookup is a hash and a byte search in one short
    bucket; exact, since no word holds a newline."""

    __slots__ = ("_blob", "_mask", "_offsets", "_size")

    def __init__(self, words: set[str] | frozenset[str], per_bucket: int = 12) -> None:
        count = 1
        while count * per_bucket < len(words):
            count *= 2
        buckets: list[list[str]] = [[] for _ in range(count)]
        for word in words:
            if not word or "\n" in word:
                raise ValueError(f"not a WordSet word: {word!r}")
            buckets[hash(word) & (count - 1)].append(word)
        chunks = [("\n" + "\n".join(bucket) + "\n").encode() if bucket else b"" for bucket in buckets]
        self._offsets = array("L", accumulate((len(chunk) for chunk in chunks), initial=0))
        self._blob = b"".join(chunks)
        self._mask = count - 1
        self._size = len(words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        bucket = hash(word) & self._mask
        needle = b"\n" + word.encode("utf-8", "surrogatepass") + b"\n"
        return self._blob.find(needle, self._offsets[bucket], self._offsets[bucket + 1]) >= 0

    def __len__(self) -> int:
        return self._size


@lru_cache(maxsize=1)
def dutch_words() -> WordSet:
    """Lower-case Dutch words and word forms (spacy-lookups-data's ``nl`` lemma tables)."""
    import gzip

    import spacy_lookups_data

    folder = Path(spacy_lookups_data.__file__).parent / "data"
    words: set[str] = set()
    with gzip.open(folder / "nl_lemma_lookup.json.gz") as handle:
        words.update(w for w in _json_strings(handle.read()) if w.islower())
    for table in ("nl_lemma_index.json.gz", "nl_lemma_exc.json.gz"):
        with gzip.open(folder / table) as handle:
            for entries in json.load(handle).values():
                words.update(w for w in entries if w.islower())
    return WordSet(words)


_JSON_STRING = re.compile(rb'"((?:[^"\\]|\\.)*)"')


def _json_strings(data: bytes) -> Iterator[str]:
    """Every string in a JSON text, one at a time: for the word → lemma table, whose strings
    are all words, without decoding it into a dict of 200k pairs (~35 MB at once)."""
    for match in _JSON_STRING.finditer(data):
        raw = match.group(1)
        yield json.loads(match.group(0)) if b"\\" in raw else raw.decode("utf-8")


@lru_cache(maxsize=1)
def nouns() -> WordSet:
    """Lower-case Dutch noun lemmas (spacy-lookups-data's ``nl`` lemma index)."""
    import gzip

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_index.json.gz"
    with gzip.open(path) as handle:
        return WordSet({w for w in json.load(handle)["noun"] if w.islower() and "\n" not in w})


@lru_cache(maxsize=65536)
def is_noun_form(word: str) -> bool:
    """A noun or its plural: "winkel", "winkels", "agenten", "mannen" (doubled consonant)."""
    lower = word.lower()
    table = nouns()
    return any(form in table for form in (lower, lower[:-1], lower[:-2], lower[:-3]) if len(form) > 2)


ZIPF_COMMON = 4.0  # once in 100,000 words or more often


ZIPF_VERY_COMMON = 4.5  # once in 30,000 words: adverbs the lemma tables lack ("tegelijkertijd")


@lru_cache(maxsize=1)
def common_words() -> dict[str, bool]:
    """Lower-case Dutch words with a Zipf frequency of at least ``ZIPF_COMMON`` (wordfreq) →
    whether it reaches ``ZIPF_VERY_COMMON``: "daarom", "inmiddels", "kamer" — and also frequent
    names ("trump"), so callers combine it with the Dutch word list and the name lists."""
    from wordfreq import get_frequency_list

    buckets = get_frequency_list("nl")  # bucket i holds the words of Zipf 9 - i/100
    very = int(round((9 - ZIPF_VERY_COMMON) * 100))
    return {w: i <= very for i, bucket in enumerate(buckets[: int(round((9 - ZIPF_COMMON) * 100)) + 1])
            for w in bucket}


def is_dutch_word(word: str) -> bool:
    return word.lower() in dutch_words()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
