"""Rules that find and type name candidates in a Doc: the body of ``newsbot_entities``.

``name_runs`` finds the runs of name tokens, ``entity_types`` types them; this module decides
which runs are names at all (sentence starts, units, datelines) and collects the candidates.

A candidate is a run of capitalised tokens (with name particles such as "van der" or "bin"
inside person names, and connectors such as "voor het" inside organisation names). Each run
is then judged on evidence: a gazetteer hit, a first name, a title noun before it, an
organisation cue, document-level evidence (the word written capitalised mid-sentence
elsewhere), or, failing all that, its context. Sentence starts and quoted text need evidence;
a capitalised Dutch word at a sentence start ("Volgens", "Families") does not make a name.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from store.extraction import gazetteer
from store.extraction.components import lexicon, name_cues
from store.extraction.components.doc_index import text_of
from store.extraction.components.doc_view import DocView, token_texts, view  # noqa: F401 (token_texts: roles)
from store.extraction.components.entity_types import STRONG, WEAK, Candidate, classify  # noqa: F401 (entities)
from store.extraction.components.lexicon import Word, bare, is_acronym  # noqa: F401 (used by entities and roles)
from store.extraction.components.name_runs import (  # noqa: F401 (is_org_word: entities)
    ARTICLES,
    CAPITAL_PARTICLES,
    is_misc_word,
    is_org_word,
    preceded_by_title,
    role_complement,
    runs,
)
from store.extraction.name_lists import list_types

ORG_HEADS_LOWER = frozenset("ministerie departement".split())


def longest_place(v: DocView, start: int, end: int) -> int:
    """End index of the longest gazetteer place starting at ``start`` within ``end``, or start."""
    limit = gazetteer.place_prefixes().get(bare(v.texts[start]), 0)
    for size in range(min(limit, end - start), 0, -1):
        words = tuple(v.texts[start : start + size - 1]) + (bare(v.texts[start + size - 1]),)
        if words in gazetteer.places():
            return start + size
    return start


def has_evidence(v: DocView, start: int, end: int) -> bool:
    """Something beyond capitalisation says the run at a sentence start or in a quote is a name."""
    first = bare(v.texts[start])
    if end - start > 1:
        if list_types(v.texts[start:end]):
            return True  # "De Wever", "Raad van State"
        if first in gazetteer.first_names() or first in v.seen_mid or first in CAPITAL_PARTICLES:
            return True
        if any(is_org_word(w) or is_misc_word(w) for w in v.texts[start + 1 : end]):
            return True
        return not gazetteer.is_dutch_word(first) and first.lower() not in gazetteer.stop_words()
    if name_cues.is_pronominal_adverb(first) or name_cues.is_place_demonym(first) or lexicon.is_ordinary(first):
        return False  # "Daarvoor", "Hiermee", "Utrechters", "Tegelijkertijd"
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
        if end - start > 1 and "P" in list_types(v.texts[start:end]):
            break  # "De Wever", "Van Gaal": a listed person name starts with the particle
        if word.lower() in gazetteer.stop_words() and word not in v.seen_mid:
            start += 1
            continue
        if v.starts[start] and end - start > 1 and gazetteer.is_dutch_word(word) and word not in v.seen_mid \
                and word not in gazetteer.first_names() and (word,) not in gazetteer.places():
            start += 1
            continue
        break
    return start


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
        if end - start > 2 and v.texts[start + 1] in gazetteer.first_names() and is_demonym_shaped(v.texts[start]):
            start += 1  # "Ajacied Tom Verbeek", "Feyenoorder Jan Kramer": the person is the full name
        if role_complement(v, start):  # "minister van Landbouw Pieter Smit"
            start = next((k for k in range(start + 1, end) if v.texts[k] in gazetteer.first_names()), start)
        if (v.starts[start] or v.quoted[start]) and not has_evidence(v, start, end):
            if not (v.quoted[start] and not v.starts[start] and preceded_by_title(v, start)):
                continue
        place_end = longest_place(v, start, end)
        if start < place_end < end and not is_org_word(v.texts[end - 1]) \
                and v.texts[end - 1] not in gazetteer.place_final_words() \
                and v.texts[start] not in gazetteer.first_names():
            # "Polen Litouwen" or "Riga Karins": a place followed by more capitals
            candidate = classify(v, start, place_end)
            if candidate:
                found.append(candidate)
            start = place_end
        if is_unit(v, start, end):
            continue
        if dateline(v, start, end):
            place = gazetteer.places().get((v.texts[start].title(),))
            if place is not None:  # "ZWOLLE (ANP) - …": the place the report comes from
                found.append(Candidate(start, end, "LOC", STRONG, place.canonical))
            continue
        candidate = classify(v, start, end)
        if candidate:
            found.append(candidate)
    return found, v


DEMONYM_ENDINGS = ("er", "ied", "aan", "ees", "ër")


def is_demonym_shaped(word: str) -> bool:
    """"Feyenoorder", "Ajacied", "Amsterdammer", "Chileen": someone from a club or a place;
    not a first name or a listed person name."""
    return word.endswith(DEMONYM_ENDINGS) and word not in gazetteer.first_names() and "P" not in list_types((word,))


def dateline(v: DocView, start: int, end: int) -> bool:
    """A city in capitals at the start of a report, before a dash or an agency in brackets:
    "ZWOLLE - …", "ZWOLLE (ANP) - …"."""
    word = v.texts[start]
    if end - start != 1 or not v.starts[start] or not word.isupper() or len(word) < 3:
        return False
    after = v.texts[end : end + 4]
    return bool(after) and (after[0] in lexicon.DASHES or (
        len(after) == 4 and after[0] == "(" and after[2] == ")" and after[3] in lexicon.DASHES))


def is_unit(v: DocView, start: int, end: int) -> bool:
    """A currency or time-zone code, not a name: "US $ 40", "USD 12", "16.00 UTC"."""
    if end - start != 1:
        return False
    word = v.texts[start]
    following = v.texts[end] if end < len(v.texts) else ""
    if following in name_cues.CURRENCY_SIGNS or word in name_cues.TIME_ZONES:
        return True
    if word in gazetteer.currency_codes():
        before = v.texts[start - 1] if start else ""
        return following[:1].isdigit() or before[:1].isdigit()
    return False
