"""The Alpino parser's open name lists (LGPL-2.1-or-later, see NOTICE) as evidence for entity types.

``data/alpino_names.tsv.gz`` is derived from Alpino's ``per``, ``geo``, ``org`` and ``misc`` lists
(HTML entities decoded, entries that cannot be a name written in running text dropped): one line
per name, ``name<TAB>types`` with ``types`` a subset of ``PLOM`` (person, location, organisation,
other). Re-derive it from a checkout of the lists with

    python -m store.extraction.name_lists PATH/TO/alpino-names

Membership says what a name *can* be: the lists hold surnames and places that are ordinary Dutch
words elsewhere ("Kramer", "Index"), so the entity rules weigh it with context and never take it
as a verdict.
"""

from __future__ import annotations

import gzip
import html
import sys
from functools import lru_cache
from pathlib import Path

from store.extraction.gazetteer import DATA
from store.extraction.vocabulary import WordSet

FILE = DATA / "alpino_names.tsv.gz"
SOURCES = {"per": "P", "geo": "L", "org": "O", "misc": "M"}
LABELS = {"P": "PER", "L": "LOC", "O": "ORG", "M": "MISC"}
MAX_WORDS = 8


def usable(name: str) -> bool:
    """A name as running text writes it: starts with a letter or digit, has a capital or a
    digit, no quotes around it, not too long."""
    if not name or not name[0].isalnum() or "\t" in name or "\n" in name:
        return False
    if not any(c.isupper() or c.isdigit() for c in name):
        return False
    return len(name.split()) <= MAX_WORDS and '"' not in name


def derive(source: Path, target: Path = FILE) -> int:
    """Write the compact table from Alpino's list files; returns the number of names."""
    types: dict[str, set[str]] = {}
    for stem, code in SOURCES.items():
        for line in (source / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
            name = " ".join(html.unescape(line).split())
            if usable(name):
                types.setdefault(name, set()).add(code)
    lines = [f"{name}\t{''.join(sorted(codes, key='PLOM'.index))}\n" for name, codes in sorted(types.items())]
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.writelines(lines)
    return len(lines)


class NameLists:
    """Name → the list types it is in, held compactly (a ``WordSet`` per combination of types)."""

    def __init__(self, rows: dict[str, list[str]]) -> None:
        self._sets = [(codes, WordSet(names)) for codes, names in rows.items()]
        self._first_words = WordSet({name.split(" ", 1)[0] for names in rows.values() for name in names if " " in name})

    def types(self, name: str) -> str:
        """The codes (subset of "PLOM") of ``name``, or "" when no list has it."""
        for codes, names in self._sets:
            if name in names:
                return codes
        return ""

    def starts_name(self, word: str) -> bool:
        """Whether some multi-word name starts with ``word``."""
        return word in self._first_words


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    rows: dict[str, list[str]] = {}
    for line in gzip.decompress(FILE.read_bytes()).decode("utf-8").splitlines():
        name, _, codes = line.partition("\t")
        rows.setdefault(codes, []).append(name)
    return NameLists(rows)


def list_types(words: tuple[str, ...] | list[str]) -> str:
    """The list codes of a name given as token texts."""
    return name_types(" ".join(words))


@lru_cache(maxsize=65536)
def name_types(name: str) -> str:
    """The list codes of a name (cached: the same names recur across articles)."""
    return name_lists().types(name)


if __name__ == "__main__":  # pragma: no cover - maintenance command
    count = derive(Path(sys.argv[1]))
    print(f"{count} names written to {FILE}")
