"""Find who said a quote: the noun phrase around a reporting verb, the subject of a sentence,
the antecedent of "hij"/"zij". Used by ``newsbot_quotes``; works on a Doc plus ``DocIndex``.

A speaker is an entity span from ``doc.ents`` when there is one, else a short description
without its article ("hoge Europese ambtenaar"), else a pronoun to be resolved.
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
from store.extraction.components.person_words import is_person_noun

SPEAKER_LABELS = ("PER", "ORG", "LOC", "MISC")
COMPLEMENT_PREPOSITIONS = frozenset("van bij aan voor uit in namens".split())
CLAUSE_JOINERS = frozenset("en maar want".split())
CLAUSE_MARKS = frozenset(",;:.")
CLAUSE_LINKS = frozenset("waarbij waarin waarop waarna terwijl nadat toen omdat hoewel".split())
MAX_DESCRIPTION = 4
_STOP_TEXT = frozenset(",.;:!?()[]—–-\"„“”‘’'")


def is_name(ent: Span) -> bool:
    """Not a lone abbreviation the recogniser took for a name ("Mr.", "Dr.")."""
    return not (len(ent) == 1 and ent.text.endswith(".") and len(ent.text) <= 5)


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
        """Whether ``ent`` is governed by a preposition ("met Macron", "in het Catshuis")."""
        doc, others = self.doc, 0
        i = ent.start - 1
        sent_start = self.ix.sentence_of(ent.start)[0]
        while i >= sent_start and ent.start - i <= 6:
            token = doc[i]
            lower = token.lower_
            if lower in PREPOSITIONS:
                # "minister van Justitie Karel Mertens", "officier van justitie X": a title
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
            return None  # "wordt gemeld dat …": no subject after the verb
        limit = min(end, i + 8)
        for j in range(i, limit):
            ent = self.ix.entity_at(j)
            if ent is not None and ent.label_ in SPEAKER_LABELS and not self.inside_quote(j):
                between = lowers_between(doc, i, j)
                spokesperson = any(is_title_word(w) or is_person_noun(w) for w in between) and (
                    ent.label_ != "PER" and "van" in between
                    or between[-1:] == ["van"] or between[-2:-1] == ["van"] and between[-1] in DETERMINERS)
                if spokesperson:
                    break  # "aldus een woordvoerder van (de) X": the spokesperson, not X
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
        start = self.clause_start(start, verb)
        first = doc[start]
        if first.lower_ in PREPOSITIONS or first.lower_ in CONJUNCTIONS and first.lower_ != "die":
            return None
        if first.lower_ in ("de", "het", "een"):
            described = self._description(start, verb)
            if described is not None and described.span is not None:
                return described  # "De secretaris van de bond, Ria Kok, zei"
            if described is not None and self._names_only_places(start, verb):
                return described  # "De premier van de deelstaat Saksen zei": not Saksen
        entities = []
        for j in range(start, verb):
            ent = self.ix.entity_at(j)
            if (ent is not None and ent.start == j and ent.label_ in SPEAKER_LABELS and is_name(ent)
                    and not self.inside_quote(j) and not self.is_object(ent)):
                entities.append(ent)
        if entities:
            owned = self.possessed_description(entities[0], verb)
            if owned is not None:
                return owned
            # a person with a first name before a bare capitalised word ("Chief Officer Lisa Brand")
            persons = sorted((e for e in entities if e.label_ == "PER"), key=lambda e: not self.has_first_name(e))
            return Found(span=(persons or entities)[0]) if persons else \
                self.compound_head(entities[0]) or Found(span=entities[0])
        if first.lower_ in SUBJECT_PRONOUNS and verb - start <= 2:
            return Found(pronoun=start)
        if first.lower_ in DETERMINERS and first.lower_ not in {"dat", "dit", "die", "deze"}:
            return self._description(start, verb)
        return None

    def possessed_description(self, ent: Span, end: int) -> Found | None:
        """"Shell’s topman zei", "Ajax' trainer zei": the genitive names whose person spoke,
        "topman van Shell"."""
        name, k = ent.text, ent.end
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        elif k < end and self.doc[k].text in ("'", "’", "'s", "’s") and not self.doc[k - 1].whitespace_:
            k += 1
        else:
            return None
        described = self._description(k, end)
        if described is None or described.description is None:
            return None
        return Found(description=f"{described.description} van {name}")

    def has_first_name(self, ent: Span) -> bool:
        return len(ent) > 1 and ent[0].text in gazetteer.first_names()

    def clause_start(self, start: int, verb: int) -> int:
        """Where the clause of ``verb`` begins: after the last "en"/"maar"/"want" that starts a
        new clause ("De raad was tevreden en daarna zei Kok"), not one that joins two
        names ("Rutte en Schoof zeiden")."""
        doc = self.doc
        for k in range(verb - 2, start, -1):  # "X pakte z'n spullen en zei": one subject, no new clause
            if doc[k].lower_ in CLAUSE_JOINERS and not self.inside_quote(k) \
                    and not (self.ix.entity_at(k + 1) is not None and self.ix.entity_at(k - 1) is not None):
                return k + 1
        return start

    def _names_only_places(self, start: int, verb: int) -> bool:
        ents = [self.ix.entity_at(k) for k in range(start, verb)]
        return all(e is None or e.label_ == "LOC" for e in ents)

    def _description(self, i: int, end: int) -> Found | None:
        """A description without its article: "de minister van Justitie" → "minister van Justitie".

        Its head must be a noun for a person ("woordvoerder", "economen", "onderdelenleverancier"):
        "zei daarin", "meldt het rapport" have no speaker. A complement is kept whole, up to
        a name in it ("leverancier van fietsonderdelen in Lyon", "economen bij de Volksbank");
        a name in apposition is the speaker ("de secretaris van de bond, Ria Kok")."""
        doc = self.doc
        definite = False
        while i < end and doc[i].lower_ in DETERMINERS:
            definite = doc[i].lower_ in ("de", "het")
            i += 1
        words: list[str] = []
        head: str | None = None
        j = i
        while j < end and len(words) < MAX_DESCRIPTION + 5:
            token = doc[j]
            lower = token.lower_
            if token.is_space or token.text in _STOP_TEXT or lower in CONJUNCTIONS or lower in ADVERBS:
                break
            if lower in REPORTING_VERBS or lower in AUXILIARIES or lower in PERSON_PRONOUNS:
                break
            if lower in PREPOSITIONS:
                if not words or head is None:
                    break
                tail = self._complement(j, end)
                if tail is None:
                    break
                words.extend(t.text for t in doc[j:tail])
                j = tail
                continue
            if not token.is_alpha and not token.like_num and "-" not in token.text:
                break
            if self.ix.entity_at(j) is not None and head is None and words:
                break
            person = is_person_noun(token.text)
            if head is not None and not person:
                break  # "laat de club weten": the description ends at its head
            words.append(token.text)
            if person:
                head = token.text
            j += 1
            if len(words) >= MAX_DESCRIPTION and head is not None:
                break
        if not words or head is None:
            return None
        named = self.apposition_name(j, end)
        if named is not None:
            return Found(span=named)
        return Found(description=" ".join(words), definite=definite)

    def _complement(self, j: int, end: int) -> int | None:
        """End of a complement after a description's head: "van de Franse vakbond CGT",
        "bij Rabo Research", "aan de Universiteit van Gent", "in Lyon", "van de politie"."""
        doc = self.doc
        lower = doc[j].lower_
        if lower not in COMPLEMENT_PREPOSITIONS:
            return None
        k = j + 1
        if k < end and doc[k].lower_ in DETERMINERS:
            k += 1
        for step in range(k, min(end, k + 4)):
            ent = self.ix.entity_at(step)
            if ent is not None:
                if ent.label_ == "PER" and lower not in ("bij", "aan"):
                    return None  # "bij Rabo Research" names an employer, whatever its label
                stop = ent.end
                if stop + 1 < end and doc[stop].lower_ == "in" and self.ix.entity_at(stop + 1) is not None:
                    stop = self.ix.entity_at(stop + 1).end  # "… van fietsonderdelen in Lyon"
                return stop
            token = doc[step]
            if not token.is_alpha and "-" not in token.text or token.lower_ in CONJUNCTIONS \
                    or token.lower_ in REPORTING_VERBS or token.lower_ in AUXILIARIES:
                break
        if k < end and doc[k].is_title and not doc[k].is_sent_start:
            stop = k
            while stop < end and (doc[stop].is_title or doc[stop].is_upper) and doc[stop].is_alpha:
                stop += 1
            return stop  # a name the recogniser missed: "bij Rabo Research"
        if lower == "van" and k < end and (doc[k].is_alpha or "-" in doc[k].text) \
                and doc[k].lower_ not in REPORTING_VERBS and doc[k].lower_ not in AUXILIARIES:
            stop = k + 1  # "woordvoerder van de politie", "leverancier van fietsonderdelen"
            if stop + 1 < end and doc[stop].lower_ == "in":
                place = self.ix.entity_at(stop + 1)
                if place is not None and place.label_ == "LOC":
                    stop = place.end
            return stop
        return None

    def apposition_name(self, j: int, end: int) -> Span | None:
        """", Tony Woodley" right after a description: the person it describes."""
        if j + 1 < end and self.doc[j].text == ",":
            ent = self.ix.entity_at(j + 1)
            if ent is not None and ent.start == j + 1 and ent.label_ == "PER" and not self.inside_quote(j + 1):
                return ent
        return None

    def compound_head(self, ent: Span) -> Found | None:
        """An organisation written as a compound prefix is a modifier, not the speaker:
        "VVD-fractievoorzitter Jan Smit" → the person; "een VN-diplomaat" → "VN-diplomaat"."""
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

    def local_clause(self, start: int, verb: int) -> int:
        """The start of the clause holding ``verb``: after the nearest comma, colon or "dat"
        before it, past a word that links the clause ("waarbij", "terwijl", "en")."""
        doc = self.doc
        k = verb - 1
        while k > start and not (doc[k].text in CLAUSE_MARKS or doc[k].lower_ == "dat") or self.inside_quote(k):
            k -= 1
        k = k + 1 if k > start or doc[k].text in CLAUSE_MARKS else start
        while k < verb and (doc[k].lower_ in CONJUNCTIONS or doc[k].lower_ in CLAUSE_LINKS):
            k += 1
        return k

    def last_reporting_verb(self, start: int, end: int) -> int | None:
        doc = self.doc
        for j in range(end - 1, start - 1, -1):
            if doc[j].lower_ in REPORTING_VERBS and doc[j].lower_ != "aldus" and not self.inside_quote(j):
                return j
        return None

    def subject_of(self, start: int, end: int, labels=SPEAKER_LABELS) -> Found | None:
        """The first entity of the range that is not a prepositional object, nor inside a quote."""
        for ent in self.ix.ents:
            if ent.start < start:
                continue
            if ent.start >= end:
                break
            if ent.label_ in labels and is_name(ent) and not self.inside_quote(ent.start) and not self.is_object(ent):
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
        # the reporting verb nearest the quote governs it ("X zei dat …, waarbij Y meldde dat „…”"),
        # else the first one of the clause
        first = self.first_reporting_verb(start, end)
        last = self.last_reporting_verb(start, end)
        if last is not None and last != first:
            local = self.local_clause(start, last)
            found = self.phrase_before(local, last) or self.phrase_after(last + 1, end)
            if found is not None:
                return found, doc[last].lower_
        if first is not None:
            found = self.phrase_before(start, first) or self.phrase_after(first + 1, end)
            if found is not None:
                return found, doc[first].lower_
        found = self.subject_of(start, end)
        if found is not None:
            return found, "subject"
        return None
