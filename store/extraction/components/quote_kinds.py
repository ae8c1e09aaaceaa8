"""What a span between quote marks is: a quote, a scare quote, a name or term, or narrative.

Not every pair of quote marks holds reported speech:

- **names and terms**: "het plan „Way Forward”", "de zogeheten ‘swap lines’": a short span in
  title case without Dutch function words, or after a naming word (zogenaamde, getiteld, motto);
- **scare quotes**: one to four words quoted inside a sentence of indirect speech ("Trump noemde
  het „onhaalbaar”"): kept, marked ``scare``, shown apart from real quotes;
- **narrative between stray marks**: a sentence of the article itself that happens to stand
  between quote marks (translated and converted texts are full of them). Only a span that no
  reporting cue attributes can be narrative; it is recognised by what speech lacks: no first or
  second person, no question or exclamation, but a year, a reporting clause of its own
  ("zei Van Dam dat"), or a fragment's edge (it ends in "dat" or a colon, starts mid-sentence).
"""

from __future__ import annotations

import re

from store.extraction import gazetteer
from store.extraction.components.dutch_words import REPORTING_VERBS

SCARE_MAX_WORDS = 4
TERM_MAX_WORDS = 4
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
SPEECH_PERSONS = frozenset("ik me mij mijn we wij ons onze je jij jou jouw jullie u uw".split())
NAMING_WORDS = frozenset(
    "zogenaamde zogenoemde zogeheten genaamd getiteld titel tekst motto slogan naam bijnaam term woord leus".split()
)
# Finite present-tense verbs that open the evaluations typical of quoted speech ("Dit is …").
PRESENT_VERBS = frozenset(
    "is zijn heeft hebben kan kunnen moet moeten wil willen gaat gaan wordt worden blijft blijven "
    "komt komen zal zullen betekent weet weten denk geloof hoop vind mag mogen".split()
)
# Labels of attributions that come from no reporting cue of the quote's own (see quotes.py).
CUELESS = frozenset({"context", "continuation", "subject", None})
FRAGMENT_ENDS = frozenset("dat als volgende".split())
# Verbs that report speech in every use (not "legde", "vond", "gaf"): inside a span between
# quote marks they tell of someone speaking, the narrative's voice.
NARRATIVE_REPORTING = frozenset(
    "zei zeiden zegt zeggen verklaarde verklaarden verklaart meldde meldden meldt schreef schreven "
    "schrijft vertelde vertelden vertelt bevestigde bevestigden ontkende ontkenden claimt claimde".split()
)


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def is_term(text: str, word_before: str) -> bool:
    """A name or term in quote marks: "Way Forward", "App Store", de zogeheten "swap lines";
    not a short sentence ("Tweede alinea", "Kom op!")."""
    words = words_of(text)
    if not words or len(words) > TERM_MAX_WORDS or text.rstrip()[-1:] in "!?":
        return False
    if word_before in NAMING_WORDS:
        return True
    if not words[0][:1].isupper():
        return False
    stops = gazetteer.stop_words()
    if any(w.lower() in stops or w.lower() in REPORTING_VERBS for w in words):
        return False
    # title case: every word capitalised, or a foreign word ("Back to Basics")
    return all(w[:1].isupper() or not gazetteer.is_dutch_word(w) for w in words)


def is_scare(text: str, sentence_before: str) -> bool:
    """A short fragment quoted inside a sentence: "noemde het „onhaalbaar”"."""
    words = words_of(text)
    if not words or len(words) > SCARE_MAX_WORDS or text.rstrip()[-1:] in "!?":
        return False
    opens_sentence = not sentence_before.strip() or sentence_before.rstrip().endswith(":")
    return not (opens_sentence and words[0][:1].isupper())


def speech_score(text: str, entity_words: int) -> int:
    """How much a span reads like quoted speech (> 0) or like the article's narrative (< 0)."""
    words = [w.lower() for w in words_of(text)]
    if not words:
        return -3
    score = 0
    if any(w in SPEECH_PERSONS for w in words) or "?" in text or "!" in text:
        score += 2
    if any(w in PRESENT_VERBS for w in words[:6]):
        score += 1
    if _YEAR.search(text):
        score -= 2
    if any(w in NARRATIVE_REPORTING for w in words):
        score -= 1  # "Op een persbijeenkomst zei Van Dam dat …"
    score -= min(entity_words, 4) // 2
    return score


def is_fragment_edge(text: str, embedded: bool) -> bool:
    """A span that starts or ends mid-sentence: the narrative between two stray marks. A quote
    inside a sentence ("zei dat „het plan …”") may start in lower case."""
    stripped = text.strip()
    words = words_of(stripped)
    if not words or stripped.endswith(":"):
        return True
    if words[-1].lower() in FRAGMENT_ENDS and stripped[-1:].isalpha():
        return True
    return not embedded and stripped[:1].islower()


def is_narrative(text: str, verb: str | None, confidence: float, entity_words: int,
                 word_before: str, straight: bool) -> bool:
    """Whether a span that no reporting cue attributes is the article's own narrative.

    ``word_before``: the word before the opening mark in the same sentence ("" at a sentence
    start); ``straight``: the marks are typewriter quotes, which texts converted from plain
    text scatter where no one speaks (typeset „…” and ‘…’ are an editor's choice): such a span
    needs clearer signs of speech."""
    if verb not in CUELESS:
        return False
    embedded = bool(word_before)
    if is_fragment_edge(text, embedded):
        return True
    if embedded and (verb == "subject" or word_before in ("dat", ":")):
        return False  # a quoted clause inside a sentence with a subject: "X zag haar team „…”"
    score = speech_score(text, entity_words)
    if verb == "continuation" and confidence >= 0.6:
        return score < 0  # right after an attributed quote: speech unless it reads as narrative
    return score < (1 if straight else 0)
