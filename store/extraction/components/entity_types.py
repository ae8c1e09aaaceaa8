"""Typing a run of name tokens: PER, ORG, LOC or MISC, or no name at all.

Evidence in order of weight: cue words inside the name ("Bank", "Airport"), the place tables,
the open name lists weighed with the context (a title, a place preposition or noun, an
organisation noun before the name), shapes (model codes, brands written in lower case first,
a company before a product), and failing all that the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.extraction import gazetteer
from store.extraction.components import name_cues
from store.extraction.components.doc_view import DocView
from store.extraction.components.dutch_words import REPORTING_VERBS
from store.extraction.components.lexicon import bare, is_acronym
from store.extraction.components.name_runs import (
    ARTICLES,
    CAPITAL_PARTICLES,
    PLACE_ONLY_PREPOSITIONS,
    PLACE_PREPOSITIONS,
    SERIES_NUMBER,
    is_misc_word,
    is_org_word,
    preceded_by_title,
    role_complement,
)
from store.extraction.name_lists import LABELS, list_types

SURNAME_SHAPE = re.compile(r"^(Mac|Mc)[A-Z][a-z]+$|^O['’][A-Z][a-z]+$")

STRONG, WEAK = 2, 1


@dataclass
class Candidate:
    start: int  # token indexes, end exclusive
    end: int
    label: str
    strength: int  # STRONG: gazetteer, first name, title, cue; WEAK: context or default
    place: str | None = None  # gazetteer canonical name for LOC hits


def classify(v: DocView, start: int, end: int) -> Candidate | None:
    """Type one run, or None when it is not a name."""
    words = [bare(w) for w in v.texts[start:end]]
    text_words = tuple(words)
    if role_complement(v, start) and not any(is_acronym(w) for w in words) \
            and text_words not in gazetteer.places() and v.texts[start - 1] not in ARTICLES:
        return None  # "minister van Defensie"; but "gezant van de Verenigde Naties" names an org
    if len(words) > 1 and words[-1] in gazetteer.place_final_words():
        return Candidate(start, end, "LOC", STRONG)  # "Schiphol Airport", "Orange County"
    if any(is_org_word(w) for w in words[1:]) or (len(words) > 1 and is_org_word(words[0])):
        return Candidate(start, end, "ORG", STRONG)
    if (len(words) > 1 and name_cues.is_place_head(words[0])) or (
            name_cues.is_place_word(words[-1]) and words[-1] not in gazetteer.first_names()):
        return Candidate(start, end, "LOC", STRONG)  # "Praça das Flores", "Havenplein"
    if len(words) == 1 and name_cues.is_place_demonym(words[0]):
        return None  # "Utrechters"
    if len(words) == 1 and gazetteer.title_head(words[0]):
        return None  # "Kamerlid", "Minister" capitalised
    if text_words[0] in gazetteer.known_orgs() and len(words) == 1:
        return Candidate(start, end, "ORG", STRONG)
    place = gazetteer.places().get(text_words)
    codes = list_types(text_words)
    if place and not preceded_by_title(v, start) and not (place.kind == "city" and "O" in codes):
        return Candidate(start, end, "LOC", STRONG, place.canonical)  # not a carmaker named after its home town
    listed = by_lists(v, start, end, text_words)
    if listed is not None:
        return listed
    if len(words) > 1 and SERIES_NUMBER.match(v.texts[end - 1]):
        return Candidate(start, end, "MISC", STRONG)  # "Fokker 70", "DAX 40"
    if len(words) == 1 and name_cues.is_model_code(words[0]):
        return Candidate(start, end, "MISC", STRONG)  # "F-16", "C130": a type or model
    if len(words) == 1 and name_cues.CAMEL.match(words[0]):
        return Candidate(start, end, "MISC", WEAK)  # "iWatch": a brand written in lower case first
    if len(words) > 1 and any(is_acronym(w) and len(w) > 2 for w in words):
        return Candidate(start, end, "ORG", STRONG)  # "Blue XTR": persons have no acronym part
    if product_of_company(words):
        return Candidate(start, end, "MISC", STRONG)  # "Airbus A350", "Ford Fiesta"
    if len(words) > 1 and words[0] in gazetteer.first_names():
        return Candidate(start, end, "PER", STRONG)
    if preceded_by_title(v, start):
        return Candidate(start, end, "PER", STRONG)
    if any(is_misc_word(w) for w in words):
        return Candidate(start, end, "MISC", STRONG)
    if text_words[0] in gazetteer.known_orgs() or (len(words) == 1 and is_acronym(words[0])):
        return Candidate(start, end, "ORG", STRONG)
    if len(words) == 1 and is_org_word(words[0]):
        return Candidate(start, end, "ORG", STRONG)
    if len(words) == 1 and place_compound(words[0]):
        return None
    return by_context(v, start, end, words)


LIST_ORDER = "OLMP"  # without context, a name in several lists: organisation before place before person


def by_lists(v: DocView, start: int, end: int, words: tuple[str, ...]) -> Candidate | None:
    """Type a run from the open name lists, weighed with its context: a title before it makes
    a person, a place preposition a place, an organisation noun an organisation; a run that
    starts with a first name is a person unless a list says otherwise of the whole run."""
    codes = list_types(words)
    if not codes:
        return None
    if preceded_by_title(v, start):
        return Candidate(start, end, "PER", STRONG)
    before = v.texts[start - 1].lower() if start else ""
    if "L" in codes and start and name_cues.is_place_noun(v.texts[start - 1]) or (
            codes == "M" and (before in PLACE_ONLY_PREPOSITIONS or start and name_cues.is_place_noun(v.texts[start - 1]))):
        return Candidate(start, end, "LOC", WEAK)  # "in Kaliningrad": the place, not the ship
    if len(codes) > 1:
        if "L" in codes and before in PLACE_PREPOSITIONS:
            return Candidate(start, end, "LOC", STRONG)
        if "O" in codes and org_noun_before(v, start):
            return Candidate(start, end, "ORG", STRONG)
        if "P" in codes and len(words) > 1 and words[0] in gazetteer.first_names():
            return Candidate(start, end, "PER", STRONG)
    code = next(c for c in LIST_ORDER if c in codes)
    return Candidate(start, end, LABELS[code], STRONG if len(codes) == 1 else WEAK)


def product_of_company(words: list[str]) -> bool:
    """A company name followed by a model code or a listed product name is a product:
    "Airbus A350", "Ford Mustang"; not a branch ("Shell Nederland") or a venue."""
    if len(words) < 2 or "O" not in list_types(words[:1]):
        return False
    return name_cues.is_model_code(words[-1]) or "M" in list_types(words[1:])


def by_context(v: DocView, start: int, end: int, words: list[str]) -> Candidate:
    """Type a run that no list knows, from its shape and the words around it."""
    if any(name_cues.is_party_shape(w) for w in words):
        label = "LOC" if len(words) == 1 and name_cues.ROAD.match(words[0]) else "ORG"
        return Candidate(start, end, label, STRONG)  # "D66", "GroenLinks-PvdA"; "de A12"
    if org_noun_before(v, start):
        return Candidate(start, end, "ORG", STRONG)  # "persbureau Reuters"
    if after_place_preposition(v, start):
        return Candidate(start, end, "LOC", WEAK)  # "in de Achterhoek", "in een uitverkochte Westerveld Dome"
    if len(words) > 1 and all(w[:1].isupper() for w in words) and words[0] not in CAPITAL_PARTICLES \
            and words[0].lower() not in gazetteer.NAME_PARTICLES and (any(is_acronym(w) for w in words)
                           or (words[-1],) in gazetteer.places() or gazetteer.is_dutch_word(words[0])):
        # no first name, but an acronym part ("Blue XTR"), a town ("Leefbaar Zwolle") or a
        # common word ("Stadsbelang Emmen"): an organisation, not a person
        return Candidate(start, end, "ORG", WEAK)
    before = v.texts[start - 1].lower() if start else ""
    if before in PLACE_PREPOSITIONS:
        return Candidate(start, end, "LOC", WEAK)  # "in Oost-Ghouta"
    if before in ARTICLES:
        return Candidate(start, end, "ORG", WEAK)
    if words[0] == "The" or len(words) > 3:
        return Candidate(start, end, "ORG", WEAK)
    if person_shaped(words) or speaks(v, start, end):
        return Candidate(start, end, "PER", WEAK)
    # no list knows it and nothing says person: a company or brand ("Zentrax"), a product or
    # title when it has more words ("Silver Falcon")
    return Candidate(start, end, "ORG" if len(words) == 1 else "MISC", WEAK)


def after_place_preposition(v: DocView, start: int) -> bool:
    """"in de Achterhoek", "op het nieuwe Havenplein", "in een uitverkochte Westerveld Dome": a
    place preposition, an article and any adjectives before the name."""
    step = start - 1
    while step > 0 and v.texts[step].islower() and v.texts[step].endswith(("e", "en")) \
            and v.texts[step] not in ARTICLES and v.texts[step] != "een" and start - step <= 3:
        step -= 1  # adjectives: "uitverkochte", "nieuwe"
    return step > 0 and v.texts[step].lower() in ARTICLES | {"een"} \
        and v.texts[step - 1].lower() in ("in", "op", "naar")


def speaks(v: DocView, start: int, end: int) -> bool:
    """A reporting verb right after the name or "aldus" right before it: "McAllister zei",
    "aldus Okafor" — companies are said to speak too, but people far more often."""
    following = v.texts[end].lower() if end < len(v.texts) else ""
    return following in REPORTING_VERBS or (start > 0 and v.texts[start - 1].lower() == "aldus")


def person_shaped(words: list[str]) -> bool:
    """A first name or a listed person name at either end, or a name particle inside; a
    Scottish or Irish surname shape ("MacKinnon", "McAllister", "O'Neill")."""
    if len(words) == 1:
        return bool(SURNAME_SHAPE.match(words[0]))
    return words[0] in gazetteer.first_names() or "P" in list_types(words[:1]) or "P" in list_types(words[-1:]) \
        or any(w in gazetteer.NAME_PARTICLES for w in words[1:-1])


def org_noun_before(v: DocView, start: int) -> bool:
    """"persbureau Karlsen", "de lokale partij Leefbaar Zwolle": a noun naming the kind."""
    return start > 0 and name_cues.is_org_noun(v.texts[start - 1]) and v.texts[start - 1][:1].islower()


@lru_cache(maxsize=65536)
def place_compound(word: str) -> bool:
    """A place glued to a common noun is no name: "Krimkwestie", "Syriëconflict"."""
    for cut in range(4, len(word) - 3):
        if (word[:cut],) in gazetteer.places() and gazetteer.is_dutch_word(word[cut:].lstrip("-")):
            return True
    return False
