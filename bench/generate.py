"""A deterministic generator of Dutch news-like articles for the benchmarks.

Article ``i`` of seed ``s`` is always the same text (its own ``random.Random(f"{s}:{i}")``), so
the first 1,000 articles of a 10,000-article corpus are the 1,000-article corpus. Each article
picks a subject (war, politics, economy, sport, crime, royals), a cast from a fixed pool of people
with roles, and recombines the sentence templates of ``bench/templates.py`` with places,
organisations, counts in digits or Dutch words, amounts, dates and attributed quotes until it
holds 250–400 words.

    python -m bench.generate OUT_DIR --count 1000 [--seed 7]

writes ``OUT_DIR/000000_war.txt`` … in the seeds' plain-text form (`` date YYYY-MM-DD`` header,
paragraphs separated by blank lines).
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from bench import templates as T
from bench.vocabulary import (
    APPOSITION_ROLES,
    CITIES,
    COUNTRIES,
    ORGANISATIONS,
    ROYALS,
    SUBJECTS,
    WAR_CITIES,
    Person,
    build_cast,
)

DEFAULT_SEED = 7
FIRST_DAY = date(2023, 1, 1)
DAYS_SPAN = 900  # articles are dated 2023-01-01 … mid 2025
_FIELD = re.compile(r"\{(\w+)(?::([^}]*))?\}")
_UNITS = (
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
_TENS = ("", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # file name: "000042_sport.txt"
    text: str  # body: paragraphs separated by blank lines
    date: str  # YYYY-MM-DD
    subject: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    def file_text(self) -> str:
        """The seeds' plain-text form: the date header, then the text."""
        return f" date {self.date} {self.text}\n"


def dutch_number(n: int) -> str:
    """0 ≤ n < 1000 in Dutch words: 23 → "drieëntwintig", 175 → "honderdvijfenzeventig"."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if not unit:
            return _TENS[tens]
        joint = "ën" if _UNITS[unit].endswith("e") else "en"
        return f"{_UNITS[unit]}{joint}{_TENS[tens]}"
    hundreds, rest = divmod(n, 100)
    head = "honderd" if hundreds == 1 else f"{_UNITS[hundreds]}honderd"
    return head + (dutch_number(rest) if rest else "")


def digits(n: int) -> str:
    """Dutch thousands separators: 1200 → "1.200"."""
    return f"{n:,}".replace(",", ".")


@lru_cache(maxsize=8)
def _cast(seed: int) -> dict[str, list[Person]]:
    return build_cast(seed)


class _Article:
    """Fills templates for one article, remembering who has been introduced already."""

    def __init__(self, rng: random.Random, subject: str, day: date, seed: int):
        self.rng = rng
        self.subject = subject
        self.day = day
        pool = _cast(seed)[subject]
        weights = [1 / (rank + 1) for rank in range(len(pool))]  # a few people dominate the news
        people: list[Person] = []
        while len(people) < 3:
            person = rng.choices(pool, weights)[0]
            if person not in people:
                people.append(person)
        self.people = dict(zip("ABC", people))
        self.introduced: set[str] = set()
        self.cities = rng.sample(WAR_CITIES if subject == "war" else CITIES, 2)
        self.countries = rng.sample(COUNTRIES, 2)
        self.orgs = rng.sample(ORGANISATIONS[subject], 2)
        self.royal = rng.choice(ROYALS)
        self.decks: dict[str, list[str]] = {}

    def draw(self, deck: str, cards: tuple[str, ...]) -> str:
        """The next card of a shuffled deck, reshuffled when empty: few repeats in one article."""
        if not self.decks.get(deck):
            self.decks[deck] = self.rng.sample(cards, len(cards))
        return self.decks[deck].pop()

    def person(self, letter: str) -> str:
        p = self.people[letter]
        if letter in self.introduced:
            return p.short
        self.introduced.add(letter)
        party = f" ({p.party})" if p.party else ""
        if p.role.startswith(APPOSITION_ROLES) or self.rng.random() < 0.2:
            return f"{p.full}{party}, {p.role},"  # apposition; stray commas are tidied later
        article = "de " if p.role[0].isupper() else ""
        return f"{article}{p.role} {p.full}{party}"

    def count(self, noun: str) -> str:
        low, high = T.COUNT_RANGES.get(noun, (2, 90))
        value = self.rng.randint(low, high)
        number = dutch_number(value) if value < 100 and self.rng.random() < 0.5 else digits(value)
        noun = T.SINGULAR.get(noun, noun) if value == 1 else noun
        qualifier = f"{self.rng.choice(T.QUALIFIERS)} " if self.rng.random() < 0.4 else ""
        return f"{qualifier}{number} {noun}"

    def money(self) -> str:
        kind = self.rng.random()
        if kind < 0.4:
            return f"{self.rng.randint(2, 950)} miljoen euro"
        if kind < 0.7:
            return f"{self.rng.randint(1, 9)},{self.rng.randint(1, 9)} miljard euro"
        return f"{digits(self.rng.randint(10, 900) * 1000)} euro"

    def percentage(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.rng.randint(0, 9)},{self.rng.randint(1, 9)} procent"
        return f"{self.rng.randint(2, 60)} procent"

    def earlier_date(self) -> str:
        past = self.day - timedelta(days=self.rng.randint(3, 200))
        return f"{past.day} {T.MONTHS[past.month - 1]}"

    def value(self, name: str, spec: str | None) -> str:
        rng = self.rng
        if name in ("A", "B", "C"):
            return self.person(name)
        if name == "S":
            return self.person(rng.choice("AAB"))
        if name == "n":
            return self.count(spec or "mensen")
        simple = {
            "city": lambda: self.cities[0],
            "city2": lambda: self.cities[1],
            "country": lambda: self.countries[0],
            "country2": lambda: self.countries[1],
            "org": lambda: self.orgs[0],
            "org2": lambda: self.orgs[1],
            "royal": lambda: self.royal,
            "day": lambda: rng.choice(T.WEEKDAYS),
            "date": self.earlier_date,
            "month": lambda: rng.choice(T.MONTHS),
            "year": lambda: str(self.day.year - rng.randint(0, 1)),
            "year_next": lambda: str(self.day.year + 1),
            "pct": self.percentage,
            "money": self.money,
            "role_a": lambda: self.people["A"].role.split()[-1],
        }
        return simple[name]()

    def fill(self, template: str) -> str:
        text = _FIELD.sub(lambda m: self.value(m.group(1), m.group(2)), template)
        text = re.sub(r",\s*([.,:])", r"\1", text).replace(",”", "”")
        return text[0].upper() + text[1:]

    def quote(self) -> str:
        words = self.draw("quotes", T.QUOTES[self.subject])
        if self.rng.random() < 0.5:
            words = f"{words}, {self.draw('tails', T.QUOTE_TAILS)}"
        return words

    def sentence(self) -> str:
        if self.rng.random() < 0.22:
            frame = self.draw("frames", T.QUOTE_FRAMES)
            return self.fill(frame.replace("{q}", self.quote()))
        return self.fill(self.draw("body", T.BODY[self.subject] + T.GENERIC))


def generate_article(index: int, seed: int = DEFAULT_SEED) -> GeneratedArticle:
    """Article number ``index`` of the corpus ``seed``: always the same text."""
    rng = random.Random(f"{seed}:{index}")
    subject = rng.choice(SUBJECTS)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPAN))
    article = _Article(rng, subject, day, seed)
    target = rng.randint(250, 400)
    paragraphs = [[article.fill(rng.choice(T.LEADS[subject])), article.sentence()]]
    words = sum(len(s.split()) for s in paragraphs[0])
    while words < target:
        paragraph: list[str] = []
        for _ in range(rng.randint(2, 4)):
            if words >= target:
                break
            sentence = article.sentence()
            paragraph.append(sentence)
            words += len(sentence.split())
        paragraphs.append(paragraph)
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    return GeneratedArticle(f"{index:06d}_{subject}.txt", text, day.isoformat(), subject)


def generate(count: int, seed: int = DEFAULT_SEED, start: int = 0) -> Iterator[GeneratedArticle]:
    """Articles ``start`` … ``start + count - 1`` of corpus ``seed``, in memory."""
    for index in range(start, start + count):
        yield generate_article(index, seed)


def write_corpus(folder: Path, count: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``count`` articles as plain-text files into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in generate(count, seed):
        path = folder / article.name
        path.write_text(article.file_text(), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write generated Dutch news articles to a folder.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    paths = write_corpus(args.folder, args.count, args.seed)
    print(f"wrote {len(paths)} articles to {args.folder}")


if __name__ == "__main__":
    main()
