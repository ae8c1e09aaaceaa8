"""Word-shape and context cues for the entity rules, general to Dutch news writing.

- an initial standing for a surname, as crime news writes suspects: "Ahmed K.", "Joost van D.";
- place words: squares, streets and venues by their ending ("Havenplein", "Zomerpaleis")
  or by a foreign place head that starts the name ("Praça do Comércio", "Avenida Paulista");
- organisation context: a lower-case noun right before the name that says what it is
  ("persbureau Reuters", "de lokale partij Leefbaar Almere");
- party shapes: a name with digits ("D66", "JA21") or two capitalised parts joined by a hyphen
  that each carry more than one capital ("GroenLinks-PvdA");
- words that only look like names at a sentence start: pronominal adverbs ("Daarvoor",
  "Hiermee") and demonyms derived from a place ("Utrechters", "Amsterdammers").
"""

from __future__ import annotations

import re
from functools import lru_cache

from store.extraction import gazetteer

PRONOMINAL_HEADS = ("daar", "hier", "waar", "er")
PRONOMINAL_TAILS = frozenset(
    "aan achter bij binnen boven buiten door in langs mee na naar naast om omheen onder op over "
    "tegen tegenover toe tussen uit van vandaan voor zonder".split()
)
DEMONYM_SUFFIXES = ("enaren", "naren", "aren", "ers", "enaar", "naar", "er")
DIGIT_NAME = re.compile(r"^[A-Z]{1,4}\d{1,3}$|^\d{2}[A-Z]{3,6}$")  # D66, JA21, 50PLUS
ROAD = re.compile(r"^(A\d{1,2}|[NE]\d{1,3})$")  # A12, N201, E40: roads, not parties (A380 is a plane)
MODEL_CODE = re.compile(r"^([A-Z]{1,4}-?\d{1,4}[A-Za-z]{0,3}|[A-Z][a-z]+\d{1,3})$")  # A380, KC-30, F-16, WPA2, Power8
CAMEL = re.compile(r"^[a-z][A-Z][a-z]{2,}")  # iPhone, iTunes, eBay: brand names that start in lower case
TIME_ZONES = frozenset("UTC GMT CET CEST EST EDT PST PDT".split())  # "om 16.00 UTC"
CURRENCY_SIGNS = frozenset("$€£#¥")


def is_model_code(word: str) -> bool:
    """"F-16", "C130", "XR-7", "Wave5": letters and a number name a type or model
    (aircraft, product, standard); parties with this shape are in the name lists."""
    return bool(MODEL_CODE.match(word)) and not ROAD.match(word) and any(c.isdigit() for c in word)


def is_initial(text: str) -> bool:
    """"K." in "Ahmed K.": one capital letter and a full stop."""
    return len(text) == 2 and text[1] == "." and text[0].isupper() and text[0].isalpha()


@lru_cache(maxsize=65536)
def is_pronominal_adverb(word: str) -> bool:
    """"Daarvoor", "Hiermee", "Ervan", "Waarbij": a pronoun fused with a preposition."""
    lower = word.lower()
    for head in PRONOMINAL_HEADS:
        if lower.startswith(head) and lower[len(head):] in PRONOMINAL_TAILS:
            return True
    return False


@lru_cache(maxsize=65536)
def is_place_demonym(word: str) -> bool:
    """"Utrechters", "Amsterdammers", "Nijmegenaren": inhabitants of a known place."""
    if not word[:1].isupper():
        return False
    places = gazetteer.places()
    for suffix in DEMONYM_SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        base = word[: -len(suffix)]
        candidates = (base, base[:-1] if len(base) > 3 and base[-1] == base[-2] else base, base + "en")
        if any((c,) in places for c in candidates):
            return True
    return False


@lru_cache(maxsize=65536)
def is_place_word(word: str) -> bool:
    """A word that ends like a square, street or venue: "Havenplein", "Zomerpaleis"."""
    _, endings = gazetteer.loc_cues()
    lower = word.lower()
    return any(lower.endswith(e) and len(lower) > len(e) for e in endings)


def is_place_head(word: str) -> bool:
    """A word that starts a place name: "Park", "Praça", "Avenida", "Mosteiro"."""
    heads, _ = gazetteer.loc_cues()
    return word in heads


@lru_cache(maxsize=65536)
def is_org_noun(word: str) -> bool:
    """"persbureau", "zakenkrant", "partij", "installatiebedrijf": a noun naming an org kind."""
    if not word[:1].islower():
        word = word.lower()
    words, endings = gazetteer.org_nouns()
    return word in words or any(word.endswith(e) for e in endings)


@lru_cache(maxsize=65536)
def is_place_noun(word: str) -> bool:
    """"regio", "provincie", "hoofdstad": a lower-case noun naming a kind of place."""
    if not word[:1].islower():
        return False
    words, endings = gazetteer.place_nouns()
    return word in words or any(word.endswith(e) for e in endings)


def is_party_shape(word: str) -> bool:
    """"D66", "JA21", "GroenLinks-PvdA": shapes that person and place names do not have."""
    if DIGIT_NAME.match(word):
        return not ROAD.match(word)
    parts = word.split("-")
    return len(parts) > 1 and all(part[:1].isupper() for part in parts) \
        and any(sum(c.isupper() for c in part) >= 2 for part in parts)
