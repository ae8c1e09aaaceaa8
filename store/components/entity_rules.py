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

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from store import gazetteer
from store.components import lexicon
from store.components.doc_index import text_of
from store.components.lexicon import (  # noqa: F401 (bare and is_acronym: used by entities and roles)
    CAPITAL,
    CLOSES,
    NEWLINE,
    OPENS,
    QUOTE_MARK,
    SENTENCE_END,
    START_PUNCT_MARK,
    STOP,
    STRAIGHT,
    Word,
    bare,
    is_acronym,
)

PLACE_PREPOSITIONS = frozenset("in uit naar vanuit nabij richting rond via op".split())
ARTICLES = frozenset("de het".split())
ORG_CONNECTORS = frozenset("van voor het de der op en tot ter".split())
ORG_HEADS_LOWER = frozenset("ministerie departement".split())
STRONG, WEAK = 2, 1
CAPITAL_PARTICLES = frozenset("Van Ter Ten Von".split())  # "Van der Plas" at a sentence start


@dataclass
class Candidate:
    start: int  # token indexes, end exclusive
    end: int
    label: str
    strength: int  # STRONG: gazetteer, first name, title, cue; WEAK: context or default
    place: str | None = None  # gazetteer canonical name for LOC hits


@dataclass
class DocView:
    """Per-document token facts, computed once in one pass."""

    texts: list[str]
    starts: list[bool]  # sentence start, or first word inside an opening quote/bracket
    quoted: list[bool]
    capital: list[bool]  # capitalised like a name (not shouting)
    seen_mid: set[str]  # capitalised words written outside sentence starts and quotes
    capitals: list[int]  # indexes of the capitalised tokens, ascending


def token_texts(doc: Doc) -> list[str]:
    """Token texts without creating Token objects (the costly part of a Python loop over a Doc)."""
    return [word.text for word in lexicon.words(doc)]


def view(doc: Doc, words: list[Word]) -> DocView:
    """Sentence starts, quotes and capitals, from per-word flags: Python only visits the
    tokens after start punctuation, the quote marks and the capitalised words."""
    n = len(words)
    texts = [w.text for w in words]
    flags = numpy.array([w.flags for w in words], dtype=numpy.int64)
    if doc.has_annotation("SENT_START") and n:
        start = doc.to_array(SENT_START).astype(numpy.int64) == 1
    else:
        start = numpy.zeros(n, dtype=bool)
    if n:
        start[0] = True
        previous = flags[:-1]
        ends = (previous & (SENTENCE_END | NEWLINE)) != 0
        # after "." "!" "?" (also "VS." or "pers.", one token) or a new line (paragraph, heading,
        # or a wrapped line, then lower case)
        start[1:] |= ends
        after_punct = numpy.flatnonzero(((previous & START_PUNCT_MARK) != 0) & ~ends) + 1
    else:
        after_punct = numpy.zeros(0, dtype=numpy.int64)
    starts = start.tolist()
    for index in after_punct.tolist():  # in order: a run of punctuation carries the start on
        if not starts[index] and (starts[index - 1] or words[index - 1].flags & QUOTE_MARK):
            starts[index] = True
    quoted = [False] * n
    inside, last = False, 0
    for index in numpy.flatnonzero(flags & (OPENS | CLOSES | STRAIGHT)).tolist():
        if inside:
            quoted[last:index] = [True] * (index - last)
        mark = words[index].flags
        inside = True if mark & OPENS else False if mark & CLOSES else not inside
        last = index
    if inside:
        quoted[last:n] = [True] * (n - last)
    capital_mask = (flags & CAPITAL) != 0
    capital = capital_mask.tolist()
    seen_mid: set[str] = set()
    for index in numpy.flatnonzero((flags & (CAPITAL | STOP)) == CAPITAL).tolist():
        if not starts[index] and not quoted[index]:
            seen_mid.add(words[index].bare)
    return DocView(texts, starts, quoted, capital, seen_mid, numpy.flatnonzero(capital_mask).tolist())


def is_particle_bridge(v: DocView, index: int, end: int) -> int:
    """Length of a run of name particles at ``index`` that is followed by a capitalised word."""
    step = index
    while step < end and step - index < 3 and v.texts[step] in gazetteer.NAME_PARTICLES:
        step += 1
    if step > index and step < end and v.capital[step] and not v.starts[step]:
        return step - index
    return 0


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
        return True
    return word.endswith(("se", "sche")) and following[:1].islower() and (word,) not in gazetteer.places()


def runs(v: DocView) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, split at sentence starts, punctuation and adjectives."""
    found = []
    cursor, size = 0, len(v.texts)
    for index in v.capitals:  # a run starts at a capitalised word: visit only those
        if index < cursor or looks_adjective(v, index) or gazetteer.title_head(v.texts[index]):
            continue
        end = index + 1
        org_head = is_org_word(v.texts[index])
        while end < size:
            if len(v.texts[end]) == 2 and v.texts[end][0].isupper() and v.texts[end][1] == "." \
                    and v.texts[end - 1] in gazetteer.first_names():
                end += 1  # "Mohamed B.": an initial for a surname, as crime news writes it
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
            if bridge and all(w in gazetteer.first_names() for w in v.texts[index:end]):
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
    """A capitalised run that completes a title: "minister van Buitenlandse Zaken"."""
    step = start - 1
    while step >= 0 and v.texts[step] in ARTICLES:
        step -= 1
    if step < 1 or v.texts[step] != "van":
        return False
    if gazetteer.title_head(v.texts[step - 1]) is not None:
        return True
    back = step - 1  # "staatssecretaris Nora Achahbar van Toeslagen"
    while back > 0 and step - back <= 4 and v.capital[back] and not v.starts[back]:
        back -= 1
    return back < step - 1 and gazetteer.title_head(v.texts[back]) is not None


def has_evidence(v: DocView, start: int, end: int) -> bool:
    """Something beyond capitalisation says the run at a sentence start or in a quote is a name."""
    first = bare(v.texts[start])
    if end - start > 1:
        if first in gazetteer.first_names() or first in v.seen_mid or first in CAPITAL_PARTICLES:
            return True
        if any(is_org_word(w) or is_misc_word(w) for w in v.texts[start + 1 : end]):
            return True
        return not gazetteer.is_dutch_word(first) and first.lower() not in gazetteer.stop_words()
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
            and text_words not in gazetteer.places():
        return None
    if any(is_org_word(w) for w in words[1:]) or (len(words) > 1 and is_org_word(words[0])):
        return Candidate(start, end, "ORG", STRONG)
    if len(words) == 1 and gazetteer.title_head(words[0]):
        return None  # "Kamerlid", "Minister" capitalised
    if text_words[0] in gazetteer.known_orgs() and len(words) == 1:
        return Candidate(start, end, "ORG", STRONG)
    place = gazetteer.places().get(text_words)
    if place and not preceded_by_title(v, start):
        return Candidate(start, end, "LOC", STRONG, place.canonical)
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
    before = v.texts[start - 1].lower() if start else ""
    if before in PLACE_PREPOSITIONS:
        return Candidate(start, end, "LOC", WEAK)
    if before in ARTICLES:
        return Candidate(start, end, "ORG", WEAK)
    if words[0] == "The" or len(words) > 3:
        return Candidate(start, end, "ORG", WEAK)
    return Candidate(start, end, "PER", WEAK)


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
