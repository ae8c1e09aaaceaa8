"""The plain data that flows through store/: an Article read from a file, and the Facts in it.

These are the seams between the reader (articles.py), the extractor (facts.py), the database
writer (loader.py) and the JSON contracts of ``newsbot extract``. All offsets are character
offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import asdict, dataclass, field


class BadArticle(Exception):
    """A file that cannot be read as an article; the message says why, in plain words."""


@dataclass(frozen=True)
class BadRecord:
    """One record of a many-article file (a JSON Lines line) that is no article: the file's other
    records still load, and this one is reported as failed with ``reason``."""

    path: str  # "file.jsonl#3"
    reason: str


@dataclass
class Article:
    path: str  # where it came from: a file path, or "file.jsonl#3" for the 3rd line
    text: str  # cleaned body text: paragraphs rejoined, line endings normalised
    title: str | None = None
    date: str | None = None  # "2025-04" or "2025-04-12", precision as written
    url: str | None = None
    source: str | None = None
    format: str = "txt"  # txt | md | json | jsonl | html
    origin: str | None = None  # the uploader of a chat upload ("telegram:123"); None for the operator's files

    @property
    def date_precision(self) -> str | None:
        if not self.date:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date))

    @property
    def content_hash(self) -> str:
        """Identity: the same title, date and text always give the same hash."""
        digest = hashlib.sha256()
        for part in (self.title or "", self.date or "", self.text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()

    @property
    def name(self) -> str:
        """The file name (with a #n suffix for one line of JSON Lines), as `newsbot extract --json` reports it."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Role:
    text: str  # as written, without articles: "Amerikaanse minister van Buitenlandse Zaken"
    start: int
    end: int
    country: str | None = None  # "Verenigde Staten" from "Amerikaanse"
    affiliation: str | None = None  # "VVD" from "(VVD)"


@dataclass
class Entity:
    name: str  # the fullest form in the article: "Donald Trump"
    type: str  # PER | ORG | LOC | MISC
    aliases: list[str] = field(default_factory=list)  # other name forms in the article: "Trump"
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    key: str = ""  # cross-article identity hint: normalised canonical name ("poetin" for Putin)


@dataclass
class Quote:
    text: str  # without the quote marks and a trailing comma
    start: int
    end: int
    speaker: str | None  # entity name, a description, or None when unknown
    speaker_is_entity: bool = False
    verb: str | None = None  # "zei", "aldus", "schreef", ":" ...
    confidence: float = 0.0
    scare: bool = False  # a scare quote: a few words quoted inside indirect speech, not a statement


@dataclass
class Number:
    value: float
    what: str  # short Dutch noun phrase: "doden", "neergehaalde drones"
    text: str  # the span holding number and noun
    start: int
    end: int
    qualifier: str | None = None  # zeker | ruim | minstens | bijna | ongeveer | duizenden ...
    category: str | None = None  # doden | gewonden | drones | aanvallen | gevangenen | dagen ...
    sentence: str = ""


@dataclass
class DateMention:
    text: str  # "15 maart 2025", "vrijdag"
    value: str | None  # ISO date or month when it can be resolved
    start: int
    end: int


@dataclass
class Facts:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence spans, for context

    def sentence_at(self, text: str, offset: int) -> str:
        """The sentence of ``text`` that holds ``offset`` (empty when unknown). Sentences are in
        text order, so a binary search finds it: a book-length text has tens of thousands."""
        index = bisect_right(self.sentences, (offset, float("inf"))) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if start <= offset < end:
                return text[start:end].strip()
        return ""


def number_json(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def facts_json(facts: Facts) -> dict:
    """The shapes of contracts 2 and 3 (entities, quotes, numbers)."""
    entities = []
    for e in facts.entities:
        entity = {
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "roles": [r.text for r in e.roles],
            "mentions": [asdict(m) for m in e.mentions],
        }
        affiliations = sorted({r.affiliation for r in e.roles if r.affiliation})
        if affiliations:
            entity["affiliation"] = affiliations[0]
        entities.append(entity)
    quotes = [
        {
            "speaker": q.speaker,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "verb": q.verb,
            "confidence": round(q.confidence, 2),
            "speaker_is_entity": q.speaker_is_entity,
            "scare": q.scare,
        }
        for q in facts.quotes
    ]
    numbers = [
        {
            "value": number_json(n.value),
            "what": n.what,
            "text": n.text,
            "qualifier": n.qualifier,
            "start": n.start,
            "end": n.end,
        }
        for n in facts.numbers
    ]
    return {"entities": entities, "quotes": quotes, "numbers": numbers}
