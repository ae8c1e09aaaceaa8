"""Who "hij", "zij" or "ze" is: the latest compatible person before the pronoun.

Candidates, nearest sentence first: a person who spoke there, the subject of its main clause,
the source it cites ("Volgens X"), the described subject of its reporting verb ("De officier
van justitie eiste …"); for a gendered pronoun also the other persons named in it. A person is
compatible when the first name of their fullest name form has the pronoun's gender or an
unknown one (gender-guesser's name list); "ze" with a plural verb ("zeiden ze") is no person.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from store.extraction.components.dutch_words import REPORTING_VERBS
from store.extraction.components.speakers import Found, Speakers

SUBORDINATORS = frozenset("toen terwijl nadat voordat omdat hoewel als wanneer zodra sinds doordat".split())
PRONOUN_GENDER = {"hij": "m", "hem": "m", "zij": "f", "ze": "f", "haar": "f"}
_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """"m", "f" or None for the first word of a person's name ("Marieke Jansen" → "f")."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0].endswith("."):
        return None
    return _GENDERS.get(_detector().get_gender(words[0]))


class Antecedents:
    def __init__(self, speakers: Speakers, done: list, lookback: int) -> None:
        self.speakers = speakers
        self.ix = speakers.ix
        self.doc = speakers.doc
        self.done = done  # (open token, speaker span, speaker text) of the quotes so far
        self.lookback = lookback
        self.names = self.doc._.newsbot_entity_names or {}

    def gender(self, span: Span) -> str | None:
        return first_name_gender(self.names.get(span.id_) or span.text)

    def fits(self, span: Span, want: str | None) -> bool:
        found = self.gender(span) if want else None
        return found is None or found == want

    def is_plural(self, pronoun: int) -> bool:
        """"zeiden ze", "ze stellen": a plural verb next to "ze"/"zij"."""
        doc = self.doc
        for k in (pronoun - 1, pronoun + 1):
            if 0 <= k < len(doc) and doc[k].lower_ in REPORTING_VERBS and doc[k].lower_.endswith("en"):
                return True
        return False

    def find(self, before: int, pronoun: int | None = None) -> Found | None:
        """The antecedent of the pronoun at token ``pronoun``, looking before token ``before``."""
        lower = self.doc[pronoun].lower_ if pronoun is not None else ""
        want = PRONOUN_GENDER.get(lower)
        if want == "f" and self.is_plural(pronoun):
            return None
        start, _ = self.ix.sentence_of(before)
        end = before
        for _ in range(self.lookback + 1):
            found = self._in_sentence(start, end, want)
            if found is not None:
                return found
            previous = self.ix.previous_sentence(start)
            if previous is None:
                return None
            start, end = previous
        return None

    def _in_sentence(self, start: int, end: int, want: str | None) -> Found | None:
        for open_token, span, _speaker in reversed(self.done):
            if start <= open_token < end and span is not None and span.label_ == "PER" and self.fits(span, want):
                return Found(span=span)
        found = self.speakers.subject_of(self.main_clause(start, end), end, labels=("PER",))
        if found is None or found.span is None:
            found = self.source_of(start, end)
        if found is not None and found.span is not None and self.fits(found.span, want):
            return found
        if want:  # "Peter de Vries sprak met Marieke Jansen. „…”, zei ze."
            for ent in reversed(self.ix.ents):
                if start <= ent.start < end and ent.label_ == "PER" and self.gender(ent) == want \
                        and not self.speakers.inside_quote(ent.start):
                    return Found(span=ent)
        if found is not None and found.span is not None:
            return None  # the subject is a person of the other gender, and no one else fits
        verb = self.speakers.first_reporting_verb(start, end)
        if verb is not None:
            described = self.speakers.phrase_before(start, verb)
            if described is not None and described.description:
                return described
        return None

    def main_clause(self, start: int, end: int) -> int:
        """Where the main clause starts: after a leading subordinate clause ("Toen X hem vroeg
        of …, weigerde hij"), whose subject is not the sentence's subject."""
        if self.doc[start].lower_ not in SUBORDINATORS:
            return start
        for k in range(start + 1, end - 1):
            if self.doc[k].text == "," and not self.speakers.inside_quote(k):
                return k + 1
        return start

    def source_of(self, start: int, end: int) -> Found | None:
        """"Volgens X, hoogleraar …, speelt …": the person a sentence cites as its source."""
        doc = self.doc
        for k in range(start, min(end - 1, start + 3)):
            if doc[k].lower_ == "volgens":
                ent = self.ix.entity_at(k + 1)
                return Found(span=ent) if ent is not None and ent.label_ == "PER" else None
        return None
