"""``newsbot_numbers``: numbers with what they count → ``doc._.numbers`` (list of ``Number``).

Digits ("145", "1.200", "3,5", "12%") and Dutch number words ("twaalf", "honderdvijfenzeventig",
"duizenden" = 1000 with qualifier "duizenden"), times "miljoen"/"miljard"; "een" only as a
duration ("een maand lang", "in een dag") and "één" only before a known counted noun.
What is counted: the noun after the number over its adjectives ("43 Franse boten"), made
precise by a participle ("18 boten onderschept" → "onderschepte boten") or, for people, by a
predicate ("zeker negen mensen om het leven" → "doden", "ruim zestig gewond" → "gewonden").
Money ("€ 4,2 miljard", "4,2 miljard euro") and percentages count "euro"/"procent".
A bare number may measure the noun before it ("een diepte van 9,5") or be the value of an
"aantal" noun over a verb of change ("het aantal meldingen steeg naar 312"); "met 22 tegen 17
stemmen" counts both; "driedaags" is 3 dagen.

Skipped: calendar years ("in 2025"), dates ("15 maart"), clock times ("om 7.30 uur"), ordinals,
numbers inside entity names, list numbering, "artikel 5", definite references to one or two
("de twee ministers"; "de 12 provincies" counts), ratios ("één op de vijf") and numbers with
nothing to count.
"""

from __future__ import annotations

from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc

from store.extraction.components import number_words as nw
from store.extraction.components.dates import MONTHS, WEEKDAYS
from store.extraction.components.doc_index import DocIndex, lower_texts, text_of
from store.extraction.components.doc_view import token_texts
from store.extraction.components.dutch_words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    REPORTING_VERBS,
)
from store.model import Number

NOT_NOUNS = PREPOSITIONS | DETERMINERS | CONJUNCTIONS | AUXILIARIES | ADVERBS | REPORTING_VERBS | PERSON_PRONOUNS
MONTH_WORDS = set(MONTHS) | {m + "." for m in MONTHS}
CALENDAR = MONTH_WORDS | set(WEEKDAYS)
PASSIVE = {"zijn", "werden", "worden", "is", "waren", "werd", "raakten", "raakte", "kwamen", "kwam"}
CLAUSE_END = set(",;:.!?()")
PREDICATE_WINDOW = 8
VOTE_SIDES = ("voor", "tegen")
VOTE_VERBS = frozenset("stemde stemden stemt stemmen".split())


@Language.factory("newsbot_numbers", assigns=["doc._.numbers"])
def make_numbers(nlp: Language, name: str) -> NumberFinder:
    return NumberFinder()


if not Doc.has_extension("numbers"):
    Doc.set_extension("numbers", default=None)


class NumberFinder:
    def __call__(self, doc: Doc) -> Doc:
        found: list[Number] = []
        index = None
        tokens = None
        taken = -1
        for start in nw.candidate_starts(text_of(doc)):
            if index is None:
                index = DocIndex(doc)
                tokens = _Tokens(doc)
            i = index.token_at(start)
            if i <= taken or index.idx[i] != start:
                continue
            same_sentence = found and found[-1].sentence and index.sentence_of(i)[0] <= index.token_at(found[-1].start)
            number = _Reader(doc, index, i, tokens, found[-1] if same_sentence else None).read()
            if number is not None:
                found.append(number)
                taken = index.token_at(number.end - 1)
        doc._.numbers = found
        return doc


class _Tokens:
    """The token attributes the reader asks about, as lists: no Token object per question."""

    def __init__(self, doc: Doc) -> None:
        self.texts = token_texts(doc)
        self.lowers = lower_texts(doc)
        self.is_alpha, self.is_lower, self.is_space, self.like_num = (
            doc.to_array([IS_ALPHA, IS_LOWER, IS_SPACE, LIKE_NUM]).astype(bool).T.tolist())


class _Reader:
    """Reads one number starting at token ``i``."""

    def __init__(self, doc: Doc, index: DocIndex, i: int, tokens: _Tokens, previous: Number | None = None) -> None:
        self.doc, self.ix, self.i, self.n = doc, index, i, len(doc)
        self.t = tokens
        self.previous = previous  # the number before this one in the same sentence
        self.lowers = tokens.lowers  # token.lower_ of every token

    def lower(self, k: int) -> str:
        return self.lowers[k] if 0 <= k < self.n else ""

    def read(self) -> Number | None:
        i, texts = self.i, self.t.texts
        text, lower = texts[i], self.lowers[i]
        if self.ix.entity_at(i) is not None:
            return None
        qualifier = None
        percent = False
        digits = nw.digit_value(text)
        if digits is not None:
            value, percent = digits
        elif lower in nw.APPROXIMATE:
            value, qualifier = nw.APPROXIMATE[lower], lower
        else:
            value = nw.word_value(lower)
        if value is None:
            return self._duration_compound()
        after = i + 1
        multiplier = nw.MULTIPLIERS.get(self.lower(after))
        if multiplier:
            value *= multiplier
            after += 1
        if self._skipped(text, digits is not None, value):
            return None
        start = i
        currency = nw.CURRENCY_BEFORE.get(self.lower(start - 1))
        if currency:
            start -= 1
        two = (self.lower(start - 2), self.lower(start - 1))
        if two in nw.QUALIFIERS_2:
            qualifier, start = qualifier or nw.QUALIFIERS_2[two], start - 2
        elif nw.QUALIFIERS_1.get(self.lower(start - 1)):
            qualifier, start = qualifier or nw.QUALIFIERS_1[self.lower(start - 1)], start - 1
        if self.lower(start - 1) in nw.DEFINITE and (value < 3 or self._ratio(start)):
            return None  # "de twee ministers": a reference; "de 12 provincies" is the size of a set
        what, category, end = self._what(after, currency, percent, lower)
        if what is None and lower not in ("een", "één"):
            what, category, end = self._measure(start), None, after
            if what is not None:
                start = i - 2
            elif self.lower(i - 1) in nw.CHANGE_TARGETS:
                what = self._aantal_subject()
                qualifier, start = None, i
                category = nw.NOUN_CATEGORIES.get((what or "").lower())
        if what is None:
            return None
        first, last = self.ix.idx[start], self.ix.idx[end - 1] + len(texts[end - 1])
        return Number(
            value=value,
            what=what,
            text=self.ix.text[first:last],
            start=first,
            end=last,
            qualifier=qualifier,
            category=category,
            sentence=self.ix.sentence_text(i),
        )

    def _skipped(self, text: str, is_digits: bool, value: float) -> bool:
        i = self.i
        before, after = self.lower(i - 1), self.lower(i + 1)
        if before in nw.NUMBERING or after.rstrip(".") in MONTH_WORDS or before in MONTH_WORDS:
            return True
        if is_digits and text.isdigit() and len(text) == 4 and 1900 <= value <= 2100:
            if before in nw.YEAR_CONTEXT or i + 1 >= self.n or not self.t.is_lower[i + 1]:
                return True
        if after == "uur" and (before in nw.TIME_PREFIXES or ("." in text and not text.endswith(".5"))):
            return True
        sentence_start = self.ix.sentence_of(i)[0]
        if (i == sentence_start or self.t.is_space[i - 1]) and after in (".", ")"):
            return True  # list numbering
        return False

    def _what(self, after: int, currency: str | None, percent: bool, number_word: str):
        """(what, category, end token) for the words after the number, or (None, None, 0)."""
        texts, lowers, alpha = self.t.texts, self.lowers, self.t.is_alpha
        nxt = self.lower(after)
        if percent or nxt in nw.PERCENT:
            return "procent", "procent", after + (0 if percent else 1)
        if currency or nxt in nw.CURRENCY_AFTER:
            name = currency or nw.CURRENCY_AFTER[nxt]
            return name, name, after + (0 if currency else 1)
        votes = self._votes(after) or self._part_of_set(after) or self._vote_pair(after)
        if votes is not None:
            return votes
        adjectives, k = [], after
        while k + 1 < self.n and len(adjectives) < 3:
            low = lowers[k]
            if self._adjective(k):
                adjectives.append(texts[k])
                k += 1
            elif adjectives and low in ("en", "of") and self._adjective(k + 1):
                adjectives.append(low)  # "huidige en voormalige medewerkers"
                k += 1
            else:
                break
        noun = None  # the lower case of the counted noun, at token k
        if k < self.n and alpha[k] and lowers[k] not in NOT_NOUNS \
                and lowers[k] not in nw.PREDICATE_WORDS and lowers[k] not in CALENDAR:
            noun = lowers[k]
        else:
            adjectives, k = [], after
        if number_word in ("een", "één"):
            if noun is None:
                return None, None, 0
            unit = noun in nw.TIME_UNITS
            one_context = self.lower(self.i - 1) in nw.ONE_CONTEXT or self.lower(k + 1) == "lang"
            if not (unit and one_context) and not (number_word == "één" and noun in nw.NOUN_CATEGORIES):
                return None, None, 0
        end = k + 1 if noun is not None else after
        predicate = self._predicate(end, near=noun is None)
        if noun is None:
            if predicate is None:
                return None, None, 0
            category, what, stop = predicate
            return what, category, stop
        phrase = " ".join(adjectives + [texts[k]])
        category = nw.NOUN_CATEGORIES.get(noun)
        side = self._side(k + 1) if category == "stemmen" or self.lower(k + 1) in VOTE_VERBS else ""
        if side:  # "33 stemmen voor", "45 raadsleden stemden tegen"
            return phrase + side, category, end + (1 if self.lower(k + 1) in VOTE_SIDES else 0)
        if category == "stemmen" and self.lower(self.i - 1) == "tegen" \
                and nw.number_value(self.lower(self.i - 2)) is not None:
            return f"{phrase} tegen", category, end  # the second of "met 22 tegen 17 stemmen"
        if category in nw.TIME_UNITS.values():
            for extra in ("lang", "geleden"):
                if self.lower(end) == extra:
                    end += 1
            return phrase, category, end
        if predicate is not None:
            predicate_category, what, stop = predicate
            if noun in nw.GENERIC_PEOPLE or category is None and predicate_category != "doden":
                return what, predicate_category, stop
            participle = lowers[stop - 1]
            if nw.PARTICIPLE.fullmatch(participle):
                return f"{nw.adjective_of(participle)} {phrase}", predicate_category, stop
            return phrase, predicate_category, stop
        participle = self._participle(end)
        if participle is not None:
            return f"{nw.adjective_of(lowers[participle])} {phrase}", category, participle + 1
        if self.lower(end) == "met" and end + 1 < self.n and alpha[end + 1] \
                and lowers[end + 1] not in NOT_NOUNS:
            return f"{phrase} met {texts[end + 1]}", category, end + 2
        return phrase, category, end

    def _adjective(self, k: int) -> bool:
        """An attributive adjective before the counted noun: "Oekraïense", "huidige"."""
        low = self.lowers[k]
        return k + 1 < self.n and self.t.is_alpha[k] and low.endswith("e") and low not in NOT_NOUNS \
            and low not in nw.NOUN_CATEGORIES and low not in nw.PREDICATE_WORDS and self.t.is_alpha[k + 1]

    def _noun(self, k: int) -> bool:
        return 0 <= k < self.n and self.t.is_alpha[k] and self.t.is_lower[k] \
            and self.lowers[k] not in NOT_NOUNS and self.lowers[k] not in nw.PREDICATE_WORDS

    def _votes(self, after: int):
        """"met 22 tegen 17 stemmen": the first number counts the noun after the second one."""
        if self.lower(after) != "tegen" or nw.number_value(self.lower(after + 1)) is None:
            return None
        noun = self.lower(after + 2)
        category = nw.NOUN_CATEGORIES.get(noun)
        if category is None:
            return None
        what = self.t.texts[after + 2] + (" voor" if category == "stemmen" else "")
        return what, category, after

    def _side(self, k: int) -> str:
        """" voor"/" tegen" when a vote's side follows at token ``k``: "stemmen voor",
        "raadsleden stemden tegen"."""
        if self.lower(k) in VOTE_VERBS:
            k += 1
        return f" {self.lower(k)}" if self.lower(k) in VOTE_SIDES else ""

    def _part_of_set(self, after: int):
        """"31 van de 45 raadsleden (stemden voor)": the part counts the noun of the whole."""
        if self.lower(after) != "van" or self.lower(after + 1) not in ("de", "het") \
                or nw.number_value(self.lower(after + 2)) is None and nw.digit_value(self.t.texts[after + 2]) is None \
                or not self._noun(after + 3):
            return None
        noun = self.t.texts[after + 3]
        return noun + self._side(after + 4), nw.NOUN_CATEGORIES.get(noun.lower()), after

    def _vote_pair(self, after: int):
        """"33 stemmen voor en 4 tegen", "…, 14 tegen": a bare number with a side counts what
        the number before it in the sentence counted."""
        if self.lower(after) not in VOTE_SIDES or self.previous is None or self.lower(after + 1).isalpha() \
                and self.lower(after + 1) not in ("en", "stemmen"):
            return None
        base = self.previous.what
        for side in VOTE_SIDES:
            base = base.removesuffix(f" {side}")
        return f"{base} {self.lower(after)}", self.previous.category, after + 1

    def _measure(self, start: int) -> str | None:
        """"een diepte van 9,5": a bare number measures the noun before "van"."""
        i = self.i
        if start != i or self.lower(i - 1) != "van" or self.lower(i - 3) not in ("een", "de", "het") \
                or self.lower(i - 2) not in nw.MEASURE_NOUNS:
            return None
        return self.t.texts[i - 2]

    def _aantal_subject(self) -> str | None:
        """"Het aantal gevallen steeg naar 184": a bare number after "naar"/"tot"/"op"/"tegen" is
        the value of the "aantal" noun earlier in the sentence, over a verb of change."""
        i, lowers = self.i, self.lowers
        first = self.ix.sentence_of(i)[0]
        for k in range(i - 3, first - 1, -1):  # the nearest "aantal" only
            if lowers[k] == "aantal":
                if self._noun(k + 1) and any(lowers[j] in nw.CHANGE_VERBS for j in range(k + 2, i - 1)):
                    return self.t.texts[k + 1]
                return None
        return None

    def _ratio(self, start: int) -> bool:
        """"één op de vijf": a ratio, not a set of five."""
        return self.lower(start - 2) == "op" and nw.number_value(self.lower(start - 3)) is not None

    def _duration_compound(self) -> Number | None:
        """"een vijfdaags congres" → 5 dagen (what: "dagen congres")."""
        i = self.i
        hit = nw.duration_compound(self.lowers[i])
        if hit is None:
            return None
        value, unit = hit
        end = i + 2 if self._noun(i + 1) else i + 1
        what = " ".join([unit] + self.t.texts[i + 1 : end])
        texts = self.t.texts
        first, last = self.ix.idx[i], self.ix.idx[end - 1] + len(texts[end - 1])
        return Number(value=value, what=what, text=self.ix.text[first:last], start=first, end=last,
                      qualifier=None, category=unit, sentence=self.ix.sentence_text(i))

    def _predicate(self, k: int, near: bool):
        """(category, what, end) of a predicate about counted people, e.g. "om het leven"."""
        texts, lowers, like_num = self.t.texts, self.lowers, self.t.like_num
        limit = min(self.n, k + (2 if near else PREDICATE_WINDOW))
        for j in range(k, limit):
            if texts[j] in CLAUSE_END or (j > k and like_num[j]):
                return None
            lower = lowers[j]
            for words, category, what in nw.PREDICATES:
                if lower == words[0] and tuple(lowers[j : j + len(words)]) == words:
                    return category, what, j + len(words)
            hit = nw.PREDICATE_WORDS.get(lower)
            if hit is not None:
                return hit[0], hit[1], j + 1
        return None

    def _participle(self, k: int) -> int | None:
        """A participle right after the counted noun: "drones neergehaald", "drones zijn vernietigd"."""
        for j in (k, k + 1):
            if j >= self.n:
                return None
            low = self.lowers[j]
            if nw.PARTICIPLE.fullmatch(low) and low not in nw.NOT_PARTICIPLES:
                return j
            if low not in PASSIVE:
                return None
        return None
