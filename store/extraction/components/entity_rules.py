"""Rules that find and type name candidates in a Doc: the body of ``newsbot_entities``.

A candidate is a run of capitalised tokens (with name particles such as "van der" or "bin"
inside person names, and connectors such as "voor het" inside organisation names). Each run
is then judged on evidence: a gazetteer hit, a first name, a title noun before it, an
organisation cue, document-level evidence (the word written capitalised mid-sentence
elsewhere), or, failing all that, its context. Sentence starts and quoted text need evidence;
a capitalised Dutch word at a sentence start ("Volgens", "Families") does not make a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from store.extraction import gazetteer
from store.extraction.components import lexicon, name_cues
from store.extraction.components.doc_index import text_of
from store.extraction.components.doc_view import DocView, token_texts, view  # noqa: F401 (token_texts: roles)
from store.extraction.components.lexicon import Word, bare, is_acronym  # noqa: F401 (used by entities and roles)

PLACE_PREPOSITIONS = frozenset("in uit naar vanuit nabij richting rond via op".split())
ARTICLES = frozenset("de het".split())
ORG_CONNECTORS = frozenset("van voor het de der op en tot ter".split())
ORG_HEADS_LOWER = frozenset("ministerie departement".split())
STRONG, WEAK = 2, 1
CAPITAL_PARTICLES = frozenset("Van Ter Ten Von".split())  # "Van der Plas" at a sentence start
DUTCH_PARTICLES = frozenset("van der den het ter ten te".split())
DEMONYM_DETERMINERS = frozenset("de die deze alle veel vele meer weinig twee drie duizenden honderden".split())
LIST_JOINERS = frozenset([",", "en"])
PORTFOLIO_TITLES = frozenset("minister staatssecretaris commissaris wethouder gedeputeerde".split())
NAME_SUFFIXES = frozenset("jr. sr. jr sr Jr. Sr.".split())


@dataclass
class Candidate:
    start: int  # token indexes, end exclusive
    end: int
    label: str
    strength: int  # STRONG: gazetteer, first name, title, cue; WEAK: context or default
    place: str | None = None  # gazetteer canonical name for LOC hits


def is_particle_bridge(v: DocView, index: int, end: int) -> int:
    """Length of a run of name particles at ``index`` that is followed by a capitalised word."""
    step = index
    while step < end and step - index < 3 and v.texts[step] in gazetteer.NAME_PARTICLES:
        step += 1
    if step > index and step < end and not v.starts[step] \
            and (v.capital[step] or name_cues.is_initial(v.texts[step])):
        return step - index
    return 0


def foreign_bridge(v: DocView, index: int, end: int, bridge: int) -> bool:
    """A particle inside a foreign name: "Marcelo Rebelo de Sousa", "Praça do Comércio".

    Particles other than the Dutch ones join when the run starts with a first name or a place
    head; "de" also joins two words that are no Dutch words ("Rebelo de Sousa"), unless the
    word after it is an acronym, a nationality or a country ("Poetin de Oekraïners")."""
    first = v.texts[index]
    particles = v.texts[end : end + bridge]
    following = bare(v.texts[end + bridge])
    if is_acronym(following) or is_nationality(following) or gazetteer.is_dutch_word(following):
        return False
    country = gazetteer.places().get((following,))
    if country is not None and country.kind == "country":
        return False
    if any(p in DUTCH_PARTICLES for p in particles if p != "de"):
        return False
    if name_cues.is_place_head(first) or (first in gazetteer.first_names() and end - index >= 2):
        return True
    return particles == ["de"] and not any(gazetteer.is_dutch_word(w) for w in v.texts[index:end]) \
        and (first,) not in gazetteer.places()


def initial_end(v: DocView, index: int, end: int) -> int:
    """End of a name with an initial for its surname at ``end``: "Mohamed B.", "Jan de V.",
    "Robert F. Kennedy jr." (an initial after a first name may be a middle initial)."""
    size = len(v.texts)
    step = end + 1
    if step < size and v.capital[step] and v.texts[step].lower() not in gazetteer.stop_words() \
            and not gazetteer.is_dutch_word(v.texts[step]) and v.texts[end - 1] in gazetteer.first_names():
        step += 1
        while step < size and v.capital[step] and not v.starts[step]:
            step += 1
        if step < size and v.texts[step] in NAME_SUFFIXES:
            step += 1
    return step


@lru_cache(maxsize=65536)
def is_org_word(word: str) -> bool:
    words, endings = gazetteer.org_cues()
    return word in words or any(word.lower().endswith(e) and len(word) > len(e) for e in endings)


@lru_cache(maxsize=65536)
def is_misc_word(word: str) -> bool:
    lower = word.lower()
    return any(lower.endswith(cue) for cue in gazetteer.misc_cues())


def is_nationality(word: str) -> bool:
    adjectives, demonyms = gazetteer.nationalities()
    return word in adjectives or word in demonyms


def looks_adjective(v: DocView, index: int) -> bool:
    """A capitalised adjective before a lower-case noun: "Braziliaanse president", "Europese"."""
    word = v.texts[index]
    following = v.texts[index + 1] if index + 1 < len(v.texts) else ""
    if is_nationality(word):
        if following[:1].isupper() and (is_org_word(following) or word in gazetteer.first_names()):
            return False  # "Europese Commissie", "Frans Timmermans"
        place = gazetteer.places().get((word,))
        if place is not None and place.kind == "country" and index \
                and v.texts[index - 1].lower() not in DEMONYM_DETERMINERS:
            return False  # "Polen" the country; "de Polen", "veel Polen" the people
        return True
    return word.endswith(("se", "sche")) and following[:1].islower() and (word,) not in gazetteer.places() \
        and not (following in gazetteer.NAME_PARTICLES and word in gazetteer.first_names())  # "Ilse de Wit"


def runs(v: DocView) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, split at sentence starts, punctuation and adjectives."""
    found = []
    cursor, size = 0, len(v.texts)
    for index in v.capitals:  # a run starts at a capitalised word: visit only those
        if index < cursor or looks_adjective(v, index) or gazetteer.title_head(v.texts[index]):
            continue
        end = index + 1
        org_head = is_org_word(v.texts[index])
        first = index  # the first name word: "Medeverdachte Jan de V.", "Sport Anna de Boer"
        while first < index + 3 and first + 1 < size and v.capital[first + 1] \
                and v.texts[first] not in gazetteer.first_names() and v.texts[first + 1] in gazetteer.first_names() \
                and (v.starts[first] or first > index or role_complement(v, index)):
            first += 1
        while end < size:
            if name_cues.is_initial(v.texts[end]) and (v.texts[end - 1] in gazetteer.first_names() or (
                    v.texts[end - 1] in gazetteer.NAME_PARTICLES and v.texts[first] in gazetteer.first_names())):
                end = initial_end(v, index, end)  # "Mohamed B.", "Jan de V.", as crime news writes
                break
            if v.capital[end] and not v.starts[end] and not looks_adjective(v, end) \
                    and not gazetteer.title_head(v.texts[end]):
                org_head = org_head or is_org_word(v.texts[end])
                end += 1
                continue
            bridge = is_particle_bridge(v, end, size)
            if bridge and end == index + 1 and v.texts[index] in CAPITAL_PARTICLES:
                end += bridge
                continue
            if bridge and (first < end and all(w in gazetteer.first_names() for w in v.texts[first:end])
                           or foreign_bridge(v, index, end, bridge)):
                # "Caroline van der Plas", "Mohammed bin Salman"; not "Halsema van Amsterdam"
                end += bridge
                continue
            if org_head and v.texts[end] in ORG_CONNECTORS:
                step = end
                while step < size and v.texts[step] in ORG_CONNECTORS and step - end < 3:
                    step += 1
                if step < size and v.capital[step] and not v.starts[step]:
                    end = step
                    continue
            break
        found.append((index, end))
        cursor = end
    return found


def longest_place(v: DocView, start: int, end: int) -> int:
    """End index of the longest gazetteer place starting at ``start`` within ``end``, or start."""
    limit = gazetteer.place_prefixes().get(bare(v.texts[start]), 0)
    for size in range(min(limit, end - start), 0, -1):
        words = tuple(v.texts[start : start + size - 1]) + (bare(v.texts[start + size - 1]),)
        if words in gazetteer.places():
            return start + size
    return start


def preceded_by_title(v: DocView, start: int) -> bool:
    return start > 0 and gazetteer.title_head(v.texts[start - 1]) is not None


def role_complement(v: DocView, start: int) -> bool:
    """A capitalised run that completes a title: "minister van Buitenlandse Zaken", and the
    later parts of a portfolio list: "staatssecretaris van Jeugd, Preventie en Sport",
    "commissaris voor Klimaat en Groene Groei"."""
    step = start - 1
    while step >= 0 and v.texts[step] in ARTICLES:
        step -= 1
    if step >= 1 and v.texts[step] == "van":
        if gazetteer.title_head(v.texts[step - 1]) is not None:
            return True
        back = step - 1  # "staatssecretaris Nora Achahbar van Toeslagen"
        while back > 0 and step - back <= 4 and v.capital[back] and not v.starts[back]:
            back -= 1
        if back < step - 1 and gazetteer.title_head(v.texts[back]) is not None:
            return True
    if not start or v.texts[start - 1] not in LIST_JOINERS and v.texts[start - 1] != "voor" \
            or v.texts[start] in gazetteer.first_names():  # "minister van X, Marco Rubio"
        return False
    step = start - 1
    while step >= 1 and start - step <= 8 and (v.texts[step] in LIST_JOINERS or (
            v.capital[step] and not v.starts[step] and v.texts[step] not in ("van", "voor"))):
        step -= 1
    return step >= 1 and v.texts[step] in ("van", "voor") \
        and gazetteer.title_head(v.texts[step - 1]) in PORTFOLIO_TITLES


def has_evidence(v: DocView, start: int, end: int) -> bool:
    """Something beyond capitalisation says the run at a sentence start or in a quote is a name."""
    first = bare(v.texts[start])
    if end - start > 1:
        if first in gazetteer.first_names() or first in v.seen_mid or first in CAPITAL_PARTICLES:
            return True
        if any(is_org_word(w) or is_misc_word(w) for w in v.texts[start + 1 : end]):
            return True
        return not gazetteer.is_dutch_word(first) and first.lower() not in gazetteer.stop_words()
    if name_cues.is_pronominal_adverb(first) or name_cues.is_place_demonym(first):
        return False  # "Daarvoor", "Hiermee", "Utrechters"
    if name_cues.is_party_shape(first):
        return True  # "GroenLinks-PvdA", "D66"
    if first in v.seen_mid or is_acronym(first) or first in gazetteer.known_orgs():
        return True
    place = gazetteer.places().get((first,))
    if place is not None:
        return place.kind == "country" or not gazetteer.is_dutch_word(first)
    # "Trump stuurde ...": an unknown word that is no Dutch word or compound, in a running sentence
    following = v.texts[end] if end < len(v.texts) else ""
    return following[:1].islower() and not gazetteer.is_dutch_word(first) and not is_compound(first) \
        and first.lower() not in gazetteer.stop_words()


@lru_cache(maxsize=65536)
def is_compound(word: str) -> bool:
    """Two Dutch words glued together ("Belafspraak", "Vredesgesprekken"): a noun, not a name."""
    lower = word.lower()
    words = gazetteer.dutch_words()
    for cut in range(3, len(lower) - 3):
        left, right = lower[:cut], lower[cut:]
        if right in words and (left in words or (left.endswith("s") and left[:-1] in words)):
            return True
    return False


def trim_start(v: DocView, start: int, end: int) -> int:
    """Drop sentence-initial words that are ordinary words: "Volgens Pistorius" → "Pistorius"."""
    while start < end and (v.starts[start] or v.quoted[start]):
        word = bare(v.texts[start])
        if word in CAPITAL_PARTICLES and end - start > 1:
            break
        if word.lower() in gazetteer.stop_words() and word not in v.seen_mid:
            start += 1
            continue
        if v.starts[start] and end - start > 1 and gazetteer.is_dutch_word(word) and word not in v.seen_mid \
                and word not in gazetteer.first_names() and (word,) not in gazetteer.places():
            start += 1
            continue
        break
    return start


def classify(v: DocView, start: int, end: int) -> Candidate | None:
    """Type one run, or None when it is not a name."""
    words = [bare(w) for w in v.texts[start:end]]
    text_words = tuple(words)
    if role_complement(v, start) and not any(is_acronym(w) for w in words) \
            and text_words not in gazetteer.places() and v.texts[start - 1] not in ARTICLES:
        return None  # "minister van Defensie"; but "gezant van de Verenigde Naties" names an org
    if any(is_org_word(w) for w in words[1:]) or (len(words) > 1 and is_org_word(words[0])):
        return Candidate(start, end, "ORG", STRONG)
    if (len(words) > 1 and name_cues.is_place_head(words[0])) or (
            name_cues.is_place_word(words[-1]) and words[-1] not in gazetteer.first_names()):
        return Candidate(start, end, "LOC", STRONG)  # "Praça do Comércio", "Jaarbeursplein"
    if len(words) == 1 and name_cues.is_place_demonym(words[0]):
        return None  # "Utrechters"
    if len(words) == 1 and gazetteer.title_head(words[0]):
        return None  # "Kamerlid", "Minister" capitalised
    if text_words[0] in gazetteer.known_orgs() and len(words) == 1:
        return Candidate(start, end, "ORG", STRONG)
    place = gazetteer.places().get(text_words)
    if place and not preceded_by_title(v, start):
        return Candidate(start, end, "LOC", STRONG, place.canonical)
    if len(words) > 1 and any(is_acronym(w) and len(w) > 2 for w in words):
        return Candidate(start, end, "ORG", STRONG)  # "Sky ECC": persons have no acronym part
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


def by_context(v: DocView, start: int, end: int, words: list[str]) -> Candidate:
    """Type a run that no list knows, from its shape and the words around it."""
    if any(name_cues.is_party_shape(w) for w in words):
        label = "LOC" if len(words) == 1 and name_cues.ROAD.match(words[0]) else "ORG"
        return Candidate(start, end, label, STRONG)  # "D66", "GroenLinks-PvdA"; "de A12"
    if org_noun_before(v, start):
        return Candidate(start, end, "ORG", STRONG)  # "persbureau Reuters"
    if len(words) > 1 and all(w[:1].isupper() for w in words) and words[0] not in CAPITAL_PARTICLES \
            and words[0].lower() not in gazetteer.NAME_PARTICLES and (any(is_acronym(w) for w in words)
                           or (words[-1],) in gazetteer.places() or gazetteer.is_dutch_word(words[0])):
        # no first name, but an acronym part ("Sky ECC"), a town ("Leefbaar Almere") or a
        # common word ("Stadsbelang Utrecht"): an organisation, not a person
        return Candidate(start, end, "ORG", WEAK)
    before = v.texts[start - 1].lower() if start else ""
    if before in PLACE_PREPOSITIONS or (before in ARTICLES and start > 1
                                        and v.texts[start - 2].lower() in ("in", "op", "naar")):
        return Candidate(start, end, "LOC", WEAK)  # "in Oost-Ghouta", "in de Biblebelt"
    if before in ARTICLES:
        return Candidate(start, end, "ORG", WEAK)
    if words[0] == "The" or len(words) > 3:
        return Candidate(start, end, "ORG", WEAK)
    return Candidate(start, end, "PER", WEAK)


def org_noun_before(v: DocView, start: int) -> bool:
    """"persbureau Bloomberg", "de lokale partij Leefbaar Almere": a noun naming the kind."""
    return start > 0 and name_cues.is_org_noun(v.texts[start - 1]) and v.texts[start - 1][:1].islower()


@lru_cache(maxsize=65536)
def place_compound(word: str) -> bool:
    """A place glued to a common noun is no name: "Krimkwestie", "Oekraïneconflict"."""
    for cut in range(4, len(word) - 3):
        if (word[:cut],) in gazetteer.places() and gazetteer.is_dutch_word(word[cut:].lstrip("-")):
            return True
    return False


def lower_org(v: DocView, index: int) -> Candidate | None:
    """"ministerie van Buitenlandse Zaken": a lower-case organisation head with its name."""
    size = len(v.texts)
    if v.texts[index] not in ORG_HEADS_LOWER or index + 2 >= size or v.texts[index + 1] != "van":
        return None
    end = index + 2
    while end < size and v.capital[end]:
        end += 1
    return Candidate(index, end, "ORG", STRONG) if end > index + 2 else None


def candidates(doc: Doc, words: list[Word] | None = None) -> tuple[list[Candidate], DocView]:
    """All name candidates of a Doc, typed, in text order, not overlapping."""
    v = view(doc, words if words is not None else lexicon.words(doc))
    found: list[Candidate] = []
    text = text_of(doc)
    heads = [i for i, word in enumerate(v.texts) if word in ORG_HEADS_LOWER] \
        if any(head in text for head in ORG_HEADS_LOWER) else []
    taken_until = -1
    lowered = {}
    for index in heads:
        candidate = lower_org(v, index)
        if candidate:
            lowered[index] = candidate
    for start, end in runs(v):
        if start < taken_until:
            continue
        previous = lowered.get(start - 2)
        if previous and previous.end >= end:
            found.append(previous)
            taken_until = previous.end
            continue
        start = trim_start(v, start, end)
        if start >= end:
            continue
        if role_complement(v, start):  # "minister van Defensie Boris Pistorius"
            start = next((k for k in range(start + 1, end) if v.texts[k] in gazetteer.first_names()), start)
        if (v.starts[start] or v.quoted[start]) and not has_evidence(v, start, end):
            if not (v.quoted[start] and not v.starts[start] and preceded_by_title(v, start)):
                continue
        place_end = longest_place(v, start, end)
        if start < place_end < end and not is_org_word(v.texts[end - 1]) \
                and v.texts[start] not in gazetteer.first_names():
            # "Rusland Oekraïne" or "Kyiv Zelensky": a place followed by more capitals
            candidate = classify(v, start, place_end)
            if candidate:
                found.append(candidate)
            start = place_end
        candidate = classify(v, start, end)
        if candidate:
            found.append(candidate)
    return found, v
