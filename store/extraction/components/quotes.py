"""``newsbot_quotes``: direct quotes and their speakers → ``doc._.quotes``.

``doc._.quotes`` is a list of ``(Quote, Span | None)`` in text order. ``Quote.start/end`` are
character offsets of the quoted words without the marks and without a trailing comma;
``Quote.text`` is those words with whitespace runs collapsed. The Span is the speaker's entity
from ``doc.ents`` (facts.py maps it to the canonical name); it is None for a description
("hoge Europese ambtenaar") or an unknown speaker.

Attribution, most confident first (``Quote.verb`` says which rule fired):

1. right after the quote: „…”, aldus X / „…”, zei X / “…” schreef Trump / „…”, volgens X /
   „…” …, staat in het rapport van X;
2. right before: X zei: „…” / X schreef op haar blog: „…” / X: „…”;
3. the clause holding the quote: "volgens X", the subject of its first reporting verb, else its
   first entity that is not a prepositional object ("subject");
4. no cue: the speaker of a quote in the previous sentence ("continuation"), else the subject
   of the previous sentence ("context").

A pronoun speaker ("zei hij") becomes the latest person who spoke or was a sentence subject.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from store.extraction import gazetteer
from store.extraction.components.antecedents import Antecedents
from store.extraction.components.doc_index import DocIndex, text_of
from store.extraction.components.dutch_words import REPORTING_VERBS
from store.extraction.components.quote_kinds import CUELESS, is_narrative, is_scare, is_term
from store.extraction.components.quote_marks import paragraph_quotes, scan
from store.extraction.components.speakers import Found, Speakers
from store.model import Quote

_SPACES = re.compile(r"\s+")
SPOKESPERSONS = frozenset("woordvoerder woordvoerster zegsman zegsvrouw persvoorlichter".split())
_STRIP = " \t\r\n,"
LOOKBACK_SENTENCES = 4
HEADLINE_TITLE_WORDS = 3  # words that may stand before the name in "Minister Bakker: ‘…’"


@Language.factory(
    "newsbot_quotes",
    assigns=["doc._.quotes"],
    requires=["token.is_sent_start"],
    default_config={"lookback_sentences": LOOKBACK_SENTENCES},
)
def make_quotes(nlp: Language, name: str, lookback_sentences: int) -> QuoteFinder:
    return QuoteFinder(lookback_sentences)


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def _continue_over_paragraphs(found: list[tuple[Quote, Span | None]], running: set[int]):
    """A quote that goes on in the next paragraph, or right away in the next quote (``running``:
    the starts of such quotes), has the speaker of the part that follows when it has no cue of
    its own."""
    for k in range(len(found) - 2, -1, -1):
        quote, _ = found[k]
        following, span = found[k + 1]
        if quote.start in running:
            if quote.verb in CUELESS or quote.speaker is None:
                quote.speaker, quote.speaker_is_entity = following.speaker, following.speaker_is_entity
                quote.verb, quote.confidence = following.verb, following.confidence * 0.9
                found[k] = (quote, span)
    return found


def quote_text(text: str, open_char: int, close_char: int) -> tuple[int, int] | None:
    """Offsets of the quoted words between two marks: no padding spaces, no trailing comma."""
    start, end = open_char + 1, close_char
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return (start, end) if end > start else None


class QuoteFinder:
    def __init__(self, lookback_sentences: int = LOOKBACK_SENTENCES) -> None:
        self.lookback = lookback_sentences

    def __call__(self, doc: Doc) -> Doc:
        pairs, _ = scan(text_of(doc))
        if not pairs:
            doc._.quotes = []
            return doc
        run = _Attribution(doc, pairs, self.lookback)
        doc._.quotes = run.quotes()
        return doc


class _Attribution:
    """One Doc's quotes, attributed in text order (later rules look at earlier speakers)."""

    def __init__(self, doc: Doc, pairs: tuple[tuple[int, int], ...], lookback: int) -> None:
        self.doc = doc
        self.ix = DocIndex(doc)
        self.text = self.ix.text
        self.lookback = lookback
        self.pairs = pairs
        self.opens = [self.ix.token_at(o) for o, _ in pairs]
        self.closes = [self.ix.token_at(c) for _, c in pairs]
        self.speakers = Speakers(self.ix, self.inside_quote)
        self.done: list[tuple[int, Span | None, str | None]] = []  # (open token, span, text)
        self.nicknames: set[str] = set()
        self.antecedents = Antecedents(self.speakers, self.done, lookback)

    def inside_quote(self, i: int) -> bool:
        k = bisect_right(self.opens, i) - 1
        return k >= 0 and self.opens[k] <= i <= self.closes[k]

    def quotes(self) -> list[tuple[Quote, Span | None]]:
        found: list[tuple[Quote, Span | None]] = []
        running = paragraph_quotes(self.text) | self.followed_by_quote()
        running_starts: set[int] = set()
        for (open_char, close_char), opener, closer in zip(self.pairs, self.opens, self.closes):
            offsets = quote_text(self.text, open_char, close_char)
            if offsets is None:
                continue
            start, end = offsets
            quoted = self.text[start:end]
            word_before = self.doc[opener - 1].lower_ if opener else ""
            if not any(c.isalpha() for c in quoted) or self.is_nickname(quoted, opener) \
                    or is_term(quoted, word_before):
                continue
            span, speaker, verb, confidence = self.attribute(opener, closer)
            s0, _ = self.ix.sentence_of(opener)
            before = word_before if opener > s0 and not self.doc[opener - 1].is_space else ""
            if open_char not in running and is_narrative(quoted, verb, confidence, self.entity_words(opener, closer),
                                                         before, self.text[open_char] in "\"'"):
                continue
            if open_char in running:
                running_starts.add(start)
            scare = is_scare(quoted, self.text[self.ix.idx[s0] : open_char])
            if not scare:  # a scare quote is no statement that a next quote could continue
                self.done.append((opener, span, speaker))
            quote = Quote(
                text=_SPACES.sub(" ", quoted),
                start=start,
                end=end,
                speaker=speaker,
                speaker_is_entity=span is not None,
                verb=verb,
                confidence=confidence,
                scare=scare,
            )
            found.append((quote, span))
        return _continue_over_paragraphs(found, running_starts)

    def followed_by_quote(self) -> frozenset[int]:
        """Opening marks of quotes that the next quote follows at once, sharing a mark (`…ring.
        "Ik zie …`: one mark lost between the two): one speaker's quote goes on."""
        found = set()
        for (open_char, close_char), (next_open, _) in zip(self.pairs, self.pairs[1:]):
            if next_open == close_char:
                found.add(open_char)
        return frozenset(found)

    def entity_words(self, opener: int, closer: int) -> int:
        """Tokens of named persons, organisations and things between two quote marks."""
        return sum(ent.end - ent.start for ent in self.ix.ents
                   if opener < ent.start and ent.end <= closer and ent.label_ in ("PER", "ORG", "MISC"))

    def is_nickname(self, quoted: str, opener: int) -> bool:
        """A name in quote marks is no quote: "bekend onder de bijnaam ‘Kraai’", and that name again."""
        if " " in quoted or not quoted[:1].isupper() or not quoted.isalpha():
            return False
        if quoted in self.nicknames:
            return True
        before = self.doc[opener - 1].lower_ if opener else ""
        if before.endswith("naam") or before in ("alias", "pseudoniem"):
            self.nicknames.add(quoted)
            return True
        return False

    # -- the cascade ----------------------------------------------------------------------
    def attribute(self, opener: int, closer: int) -> tuple[Span | None, str | None, str | None, float]:
        s0, _ = self.ix.sentence_of(opener)
        _, t1 = self.ix.sentence_of(closer)
        for rule in (self._after, self._before):
            hit = rule(opener, closer, s0, t1)
            if hit is not None and hit[0] is not None:
                return self._resolve(*hit, position=opener)
        if opener > s0:
            hit = self.speakers.clause_speaker(s0, opener)
            if hit is not None:
                found, verb = hit
                confidence = {"volgens": 0.85, "subject": 0.6}.get(verb, 0.8)
                return self._resolve(found, verb, confidence, position=opener)
        return self._context(opener, s0)

    def _after(self, opener, closer, s0, t1):
        doc, n = self.doc, len(self.doc)
        j = self._skip(closer + 1)
        if j < n and doc[j].text == ",":
            j = self._skip(j + 1)
        if j >= n:
            return None
        lower = doc[j].lower_
        if lower == "aldus":
            return self.speakers.phrase_after(j + 1, t1), "aldus", 0.95
        if lower == "volgens":
            return self.speakers.phrase_after(j + 1, t1), "volgens", 0.85
        if lower in REPORTING_VERBS and doc[j].text[0].islower():
            return self.speakers.phrase_after(j + 1, t1), lower, 0.9
        if lower in ("staat", "stond"):
            return self._source_after(j, t1, 0.8)
        # „…” voor iedereen, staat verder in het rapport van de OESO.
        limit = min(t1, closer + 10)
        for k in range(closer + 1, limit - 1):
            if self.inside_quote(k):
                break
            if doc[k].text == ",":
                word = doc[k + 1].lower_
                if word == "aldus" or word in REPORTING_VERBS:
                    return self.speakers.phrase_after(k + 2, t1), word, 0.7
                if word in ("staat", "stond"):
                    return self._source_after(k + 1, t1, 0.7)
        return None

    def _source_after(self, verb: int, end: int, confidence: float):
        """"staat (verder) in het rapport van de OESO" → the entity, else the document."""
        for k in range(verb + 1, min(end, verb + 4)):
            if self.doc[k].lower_ == "in":
                return self.speakers.phrase_after(k + 1, end, through_prepositions=True), "staat", confidence
        return None

    def _before(self, opener, closer, s0, t1):
        doc = self.doc
        k = opener - 1
        while k > s0 and doc[k].is_space:
            k -= 1
        if k < s0 or doc[k].text != ":" or self.inside_quote(k):
            return None
        verb = self.speakers.first_reporting_verb(s0, k)
        if verb is not None:
            found = self.speakers.phrase_before(s0, verb) or self.speakers.phrase_after(verb + 1, k)
            return found, doc[verb].lower_, 0.9
        for back in (k - 1, k - 2):
            ent = self.ix.entity_at(back) if back >= s0 else None
            if ent is not None and ent.start - s0 <= HEADLINE_TITLE_WORDS:
                # "Van Dijk: ‘…’", "Minister Bakker: ‘…’"; not "een brief aan X: ‘…’"
                return Found(span=ent), ":", 0.8
        if k - s0 <= 4:
            return self.speakers.phrase_before(s0, k), ":", 0.6
        return None

    def _context(self, opener: int, s0: int):
        previous = self.ix.previous_sentence(s0)
        if previous is None:
            return None, None, None, 0.1
        p0, p1 = previous
        for open_token, span, speaker in reversed(self.done):
            if open_token < p0:
                break
            if speaker:
                return span, speaker, "continuation", 0.6
        found = self.speakers.subject_of(p0, p1)
        if found is not None:
            resolved = self._resolve(found, "context", 0.5, position=s0)
            if resolved[1]:
                return resolved
        earliest = p0
        for _ in range(self.lookback - 1):
            previous = self.ix.previous_sentence(earliest)
            if previous is None:
                break
            earliest = previous[0]
        for open_token, span, speaker in reversed(self.done):
            if open_token >= earliest and speaker:
                return span, speaker, "continuation", 0.4
        return None, None, None, 0.1

    # -- descriptions ---------------------------------------------------------------------
    def role_holder(self, found: Found) -> Span | None:
        """"zei de burgemeester": the one person this text gives that title, if there is one."""
        words = found.description.split()
        head = gazetteer.title_head(words[-1]) if found.definite and len(words) <= 2 else None
        if head is None:
            return None
        holders = {}
        for span, role in self.doc._.newsbot_roles or []:
            if role.text and gazetteer.title_head(role.text.split()[-1]) == head:
                holders.setdefault(span.id_ or span.text, span)
        return next(iter(holders.values())) if len(holders) == 1 else None

    def with_institution(self, found: Found, position: int) -> str:
        """"zei een woordvoerder" after "Het ministerie stelde …": the spokesperson of the
        organisation that is the subject of this or the previous sentence."""
        if found.description.lower() not in SPOKESPERSONS:
            return found.description
        start, end = self.ix.sentence_of(position)
        previous = self.ix.previous_sentence(start)
        for s0, s1 in ((start, end), previous) if previous else ((start, end),):
            org = self.speakers.subject_of(s0, s1, labels=("ORG",))
            if org is not None and org.span is not None:
                article = self.doc[org.span.start - 1].lower_ if org.span.start else ""
                article = f"{article} " if article in ("de", "het") else ""
                return f"{found.description} van {article}{org.span.text}"
        return found.description

    # -- pronouns -------------------------------------------------------------------------
    def _resolve(self, found: Found | None, verb: str, confidence: float, position: int):
        if found is None:
            return None, None, verb, 0.2
        if found.description is not None:
            holder = self.role_holder(found)
            if holder is not None:
                return holder, holder.text, verb, confidence * 0.9
            return None, self.with_institution(found, position), verb, confidence
        if found.pronoun is None:
            return found.span, found.text, verb, confidence
        antecedent = self.antecedents.find(min(found.pronoun, position), found.pronoun)
        if antecedent is None:
            return None, None, verb, 0.2
        return antecedent.span, antecedent.text, verb, confidence * 0.9

    def _skip(self, i: int) -> int:
        n = len(self.doc)
        while i < n and self.doc[i].is_space:
            i += 1
        return i
