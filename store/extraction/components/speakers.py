"""Find who said a quote: the noun phrase around a reporting verb, the subject of a sentence,
the antecedent of "hij"/"zij". Used by ``newsbot_quotes``; works on a Doc plus ``DocIndex``.

A speaker is an entity span from ``doc.ents`` when there is one, else a short description
without its article ("hoge Oekraïense functionaris"), else a pronoun to be resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from store.extraction import gazetteer
from store.extraction.components.doc_index import DocIndex
from store.extraction.components.dutch_words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SUBJECT_PRONOUNS,
)

SPEAKER_LABELS = ("PER", "ORG", "LOC", "MISC")
MAX_DESCRIPTION = 4
_STOP_TEXT = frozenset(",.;:!?()[]—–-\"„“”‘’'")


def lowers_between(doc, start: int, end: int) -> list[str]:
    return [doc[k].lower_ for k in range(start, end)]


def is_title_word(lower: str) -> bool:
    """A title noun, or the first word of a multi-word title ("officier" of "officier van justitie")."""
    if gazetteer.title_head(lower):
        return True
    _, multi = gazetteer.titles()
    return any(title.startswith(lower + " ") for title in multi)


@dataclass
class Found:
    """A speaker candidate: an entity, a description, or a pronoun at token ``pronoun``."""

    span: Span | None = None
    description: str | None = None
    pronoun: int | None = None
    definite: bool = False  # a description after "de"/"het": "zei de burgemeester"

    @property
    def text(self) -> str | None:
        return self.span.text if self.span is not None else self.description


class Speakers:
    def __init__(self, index: DocIndex, inside_quote) -> None:
        self.ix = index
        self.doc = index.doc
        self.inside_quote = inside_quote  # token index -> bool

    # -- noun phrases -------------------------------------------------------------------
    def is_object(self, ent: Span) -> bool:
        """Whether ``ent`` is governed by a preposition ("met Poetin", "in het Witte Huis")."""
        doc, others = self.doc, 0
        i = ent.start - 1
        sent_start = self.ix.sentence_of(ent.start)[0]
        while i >= sent_start and ent.start - i <= 6:
            token = doc[i]
            lower = token.lower_
            if lower in PREPOSITIONS:
                # "minister van Defensie Boris Pistorius", "officier van justitie X": a title
                if lower == "van" and i > sent_start and ent.label_ == "PER" and is_title_word(doc[i - 1].lower_):
                    return False
                return not (lower == "van" and doc[i + 1].is_title and self.ix.entity_at(i + 1) is not ent)
            if self.ix.entity_at(i) is not None or token.is_punct or token.is_space:
                return False
            if lower in REPORTING_VERBS or lower in AUXILIARIES or lower in CONJUNCTIONS:
                return False
            if lower not in DETERMINERS and not (lower.endswith("e") and token.is_alpha):
                others += 1  # a title noun ("president") is fine, two content words are not
                if others > 1:
                    return False
            i -= 1
        return False

    def phrase_after(self, i: int, end: int, through_prepositions: bool = False) -> Found | None:
        """The subject right after a reporting verb: "zei Trump", "aldus de minister", "zei hij"."""
        doc = self.doc
        while i < end and (doc[i].lower_ in ADVERBS or doc[i].is_space):
            i += 1
        if i >= end:
            return None
        lower = doc[i].lower_
        if lower in PERSON_PRONOUNS:
            return Found(pronoun=i)
        if lower in CONJUNCTIONS or lower in PREPOSITIONS and not through_prepositions:
            return None  # "wordt bevestigd dat …": no subject after the verb
        limit = min(end, i + 8)
        for j in range(i, limit):
            ent = self.ix.entity_at(j)
            if ent is not None and ent.label_ in SPEAKER_LABELS and not self.inside_quote(j):
                between = lowers_between(doc, i, j)
                if ent.label_ != "PER" and "van" in between and any(is_title_word(w) for w in between):
                    break  # "aldus een woordvoerder van de X": the spokesperson, not X
                return self.compound_head(ent) or Found(span=ent)
            token = doc[j]
            if token.text in _STOP_TEXT or token.lower_ in CONJUNCTIONS:
                break
            if token.lower_ in PREPOSITIONS and not through_prepositions and token.lower_ != "van":
                break
        return self._description(i, end)

    def phrase_before(self, start: int, verb: int) -> Found | None:
        """The subject in front of a reporting verb, from ``start`` (a clause start) up to ``verb``."""
        doc = self.doc
        while start < verb and (doc[start].is_space or doc[start].is_punct):
            start += 1
        if start >= verb:
            return None
        first = doc[start]
        if first.lower_ in PREPOSITIONS or first.lower_ in CONJUNCTIONS and first.lower_ != "die":
            return None
        entities = []
        for j in range(start, verb):
            ent = self.ix.entity_at(j)
            if (ent is not None and ent.start == j and ent.label_ in SPEAKER_LABELS
                    and not self.inside_quote(j) and not self.is_object(ent)):
                entities.append(ent)
        if entities:
            persons = [e for e in entities if e.label_ == "PER"]
            return Found(span=(persons or entities)[0]) if persons else \
                self.compound_head(entities[0]) or Found(span=entities[0])
        if first.lower_ in SUBJECT_PRONOUNS and verb - start <= 2:
            return Found(pronoun=start)
        if first.lower_ in DETERMINERS and first.lower_ not in {"dat", "dit", "die", "deze"}:
            return self._description(start, verb)
        return None

    def _description(self, i: int, end: int) -> Found | None:
        """A description without its article: "de minister van Justitie" → "minister van Justitie"."""
        doc = self.doc
        definite = False
        while i < end and doc[i].lower_ in DETERMINERS:
            definite = doc[i].lower_ in ("de", "het")
            i += 1
        words: list[str] = []
        j = i
        while j < end and len(words) < MAX_DESCRIPTION + 3:
            token = doc[j]
            lower = token.lower_
            if token.is_space or token.text in _STOP_TEXT or lower in CONJUNCTIONS or lower in ADVERBS:
                break
            if lower in REPORTING_VERBS or lower in AUXILIARIES or lower in PERSON_PRONOUNS:
                break
            if lower in PREPOSITIONS:
                place = self.ix.entity_at(j + 1) if lower in ("in", "uit") and j + 1 < end else None
                if words and place is not None and place.label_ == "LOC":
                    words.extend(t.text for t in doc[j : place.end])  # "een vrouw in Malatya"
                    break
                # keep one "van"-phrase: "woordvoerder van de politie", "minister van Justitie"
                if lower == "van" and words:
                    tail = j + 1
                    if tail < end and doc[tail].lower_ in DETERMINERS:
                        tail += 1
                    if tail < end and doc[tail].is_alpha:
                        words.extend(t.text for t in doc[j : tail + 1])
                break
            if not token.is_alpha and not token.like_num and "-" not in token.text:
                break
            words.append(token.text)
            j += 1
            if len(words) >= MAX_DESCRIPTION:
                break
        if not words:
            return None
        return Found(description=" ".join(words), definite=definite)

    def compound_head(self, ent: Span) -> Found | None:
        """An organisation written as a compound prefix is a modifier, not the speaker:
        "VVD-fractievoorzitter Jan Smit" → the person; "een EU-diplomaat" → "EU-diplomaat"."""
        doc = self.doc
        if ent.label_ == "PER" or ent.end >= len(doc) or not doc[ent.end].text.startswith("-") \
                or doc[ent.end - 1].whitespace_:
            return None
        after = self.ix.entity_at(ent.end + 1) if ent.end + 1 < len(doc) else None
        if after is not None and after.label_ == "PER":
            return Found(span=after)
        if gazetteer.title_head(doc[ent.end].text):
            return Found(description=ent.text + doc[ent.end].text)
        return None

    # -- sentences ----------------------------------------------------------------------
    def first_reporting_verb(self, start: int, end: int) -> int | None:
        doc = self.doc
        for j in range(start, end):
            if doc[j].lower_ in REPORTING_VERBS and not self.inside_quote(j):
                return j
        return None

    def subject_of(self, start: int, end: int, labels=SPEAKER_LABELS) -> Found | None:
        """The first entity of the range that is not a prepositional object, nor inside a quote."""
        for ent in self.ix.ents:
            if ent.start < start:
                continue
            if ent.start >= end:
                break
            if ent.label_ in labels and not self.inside_quote(ent.start) and not self.is_object(ent):
                return self.compound_head(ent) if ent.label_ != "PER" and self.compound_head(ent) \
                    else Found(span=ent)
        doc = self.doc
        for j in range(start, min(end, start + 3)):
            lower = doc[j].lower_
            if lower in SUBJECT_PRONOUNS:
                return Found(pronoun=j)
            if not (doc[j].is_space or lower in ADVERBS or doc[j].is_punct):
                break
        return None

    def clause_speaker(self, start: int, end: int) -> tuple[Found, str] | None:
        """Who speaks in the clause [start, end): "volgens X", a reporting verb's subject, the subject."""
        doc = self.doc
        for j in range(start, end):
            if doc[j].lower_ == "volgens" and not self.inside_quote(j):
                found = self.phrase_after(j + 1, end)
                if found is not None:
                    return found, "volgens"
        verb = self.first_reporting_verb(start, end)
        if verb is not None:
            found = self.phrase_before(start, verb) or self.phrase_after(verb + 1, end)
            if found is not None:
                return found, doc[verb].lower_
        found = self.subject_of(start, end)
        if found is not None:
            return found, "subject"
        return None
