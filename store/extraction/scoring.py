"""Score extracted facts against hand-made gold facts: precision, recall and F1 per kind.

Gold and predictions share one shape, ``{"entities": [{"name", "type", "aliases", "roles",
"alt_types"?}], "quotes": [{"speaker", "text", "borderline"?}], "numbers": [{"value", "what",
"text"}]}``. Every comparison ignores case, diacritics and punctuation (words are ``\\w+``).

- entity: a predicted name or alias equals a gold name or alias; one-to-one, pairs whose types
  agree first, so the order of the predictions does not matter and a split entity ("Trump" next
  to "Donald Trump") costs a false positive. Typed scores also need the type in the gold type
  plus its ``alt_types``.
- role (of a matched entity): at least 60% of the gold role's words are in the predicted role,
  which is at most twice as long plus two words.
- quote: word-overlap F1 of at least 0.6 with a gold quote; each gold quote matches once.
  Borderline gold quotes (short fragments) count neither way. Attribution also needs the
  speaker to be one of the gold speaker's names, or to overlap the gold speaker with F1 ≥ 0.6.
- number: the same value, and the ``what`` phrases share a word or the ``text`` spans overlap
  with F1 ≥ 0.5.

Scores are micro-averaged over the articles of a set.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

KINDS = ("entities", "entities_typed", "roles", "quotes", "quotes_attributed", "numbers")
_WORD = re.compile(r"\w+")


def normal(text: str | None) -> str:
    """Lower case, no diacritics, words joined by single spaces: "Zelensky's" → "zelensky s"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.lower()))


def word_overlap(gold: str | None, predicted: str | None) -> float:
    """F1 of the shared words (counted with multiplicity)."""
    g, p = Counter(normal(gold).split()), Counter(normal(predicted).split())
    if not g or not p:
        return 0.0
    common = sum((g & p).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class Count:
    """True positives, predictions and gold items of one kind."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Count) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (0.0 if self.gold else 1.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Counts per kind (see ``KINDS``), and a line per miss or extra when asked for."""

    counts: dict[str, Count] = field(default_factory=lambda: {kind: Count() for kind in KINDS})
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for kind, count in other.counts.items():
            self.counts[kind].add(count)
        self.errors.extend(other.errors)


def entity_names(entity: dict) -> set[str]:
    forms = [entity.get("name"), *(entity.get("aliases") or [])]
    return {n for n in map(normal, forms) if n}


def type_agrees(predicted: dict, gold: dict) -> bool:
    return predicted.get("type") in {gold.get("type"), *(gold.get("alt_types") or [])}


def pair_entities(gold: list[dict], predicted: list[dict]) -> dict[int, int]:
    """Predicted index → gold index: one-to-one by a shared name, type-agreeing pairs first."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    gold_names = [entity_names(g) for g in gold]
    for typed_pass in (True, False):
        for pi, p in enumerate(predicted):
            if pi in pairs:
                continue
            names = entity_names(p)
            for gi, g in enumerate(gold):
                if gi in taken or not names & gold_names[gi]:
                    continue
                if typed_pass and not type_agrees(p, g):
                    continue
                pairs[pi] = gi
                taken.add(gi)
                break
    return pairs


def role_matches(gold_role: str, predicted_role: str) -> bool:
    g, p = normal(gold_role).split(), normal(predicted_role).split()
    if not g or not p:
        return False
    covered = sum(1 for w in g if w in p) / len(g)
    return covered >= 0.6 and len(p) <= 2 * len(g) + 2


def score_article(gold: dict, predicted: dict) -> Score:
    """The counts of one article, with a line per miss and extra in ``errors``."""
    score = Score()
    _score_entities(gold, predicted, score)
    _score_quotes(gold, predicted, score)
    _score_numbers(gold, predicted, score)
    return score


def _score_entities(gold: dict, predicted: dict, score: Score) -> None:
    g_ents, p_ents = gold.get("entities") or [], predicted.get("entities") or []
    pairs = pair_entities(g_ents, p_ents)
    typed = sum(1 for pi, gi in pairs.items() if type_agrees(p_ents[pi], g_ents[gi]))
    score.counts["entities"] = Count(len(pairs), len(p_ents), len(g_ents))
    score.counts["entities_typed"] = Count(typed, len(p_ents), len(g_ents))
    matched = set(pairs.values())
    for gi, g in enumerate(g_ents):
        if gi not in matched:
            score.errors.append(f"missed entity   {g.get('name')} ({g.get('type')})")
    for pi, p in enumerate(p_ents):
        if pi not in pairs:
            score.errors.append(f"extra entity    {p.get('name')} ({p.get('type')})")
        elif not type_agrees(p, g_ents[pairs[pi]]):
            g = g_ents[pairs[pi]]
            score.errors.append(f"wrong type      {p.get('name')}: {p.get('type')} (gold {g.get('type')})")

    roles = Count(gold=sum(len(g.get("roles") or []) for g in g_ents if g.get("type") == "PER"))
    for pi, p in enumerate(p_ents):
        p_roles = [r for r in p.get("roles") or [] if r]
        roles.pred += len(p_roles)
        if pi not in pairs:
            continue
        g = g_ents[pairs[pi]]
        open_roles = list(g.get("roles") or [])
        for role in p_roles:
            hit = next((gr for gr in open_roles if role_matches(gr, role)), None)
            if hit is None:
                score.errors.append(f"extra role      {p.get('name')}: {role}")
            else:
                open_roles.remove(hit)
                roles.tp += 1
        score.errors.extend(f"missed role     {g.get('name')}: {gr}" for gr in open_roles)
    score.counts["roles"] = roles


def _score_quotes(gold: dict, predicted: dict, score: Score) -> None:
    speakers = {normal(e.get("name")): entity_names(e) for e in gold.get("entities") or []}
    g_quotes, p_quotes = gold.get("quotes") or [], predicted.get("quotes") or []
    counted = sum(1 for q in g_quotes if not q.get("borderline"))
    found = attributed = extra = 0
    used: set[int] = set()
    for pq in p_quotes:
        best, best_f = None, 0.6
        for gi, gq in enumerate(g_quotes):
            if gi in used:
                continue
            f = word_overlap(gq.get("text", ""), pq.get("text", ""))
            if f >= best_f:
                best, best_f = gi, f
        if best is None:
            extra += 1
            score.errors.append(f"extra quote     {pq.get('speaker')}: {str(pq.get('text'))[:60]!r}")
            continue
        used.add(best)
        gq = g_quotes[best]
        if gq.get("borderline"):
            continue
        found += 1
        allowed = speakers.get(normal(gq.get("speaker")), {normal(gq.get("speaker"))})
        speaker = normal(pq.get("speaker"))
        if speaker and (speaker in allowed or word_overlap(gq.get("speaker", ""), pq.get("speaker", "")) >= 0.6):
            attributed += 1
        else:
            score.errors.append(
                f"wrong speaker   {pq.get('speaker')!r} for {gq.get('speaker')!r}: {gq.get('text', '')[:50]!r}")
    for gi, gq in enumerate(g_quotes):
        if gi not in used and not gq.get("borderline"):
            score.errors.append(f"missed quote    {gq.get('speaker')}: {gq.get('text', '')[:60]!r}")
    score.counts["quotes"] = Count(found, found + extra, counted)
    score.counts["quotes_attributed"] = Count(attributed, found + extra, counted)


def _same_value(a: object, b: object) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def _score_numbers(gold: dict, predicted: dict, score: Score) -> None:
    g_nums, p_nums = gold.get("numbers") or [], predicted.get("numbers") or []
    used: set[int] = set()
    for pn in p_nums:
        hit = next((gi for gi, gn in enumerate(g_nums) if gi not in used
                    and _same_value(pn.get("value"), gn.get("value"))
                    and (word_overlap(gn.get("what", ""), pn.get("what", "")) > 0
                         or word_overlap(gn.get("text", ""), pn.get("text", "")) >= 0.5)), None)
        if hit is None:
            score.errors.append(f"extra number    {pn.get('value')} {pn.get('what')!r}")
        else:
            used.add(hit)
    for gi, gn in enumerate(g_nums):
        if gi not in used:
            score.errors.append(f"missed number   {gn.get('value')} {gn.get('what')!r} ({gn.get('text')!r})")
    score.counts["numbers"] = Count(len(used), len(p_nums), len(g_nums))


def format_table(score: Score) -> str:
    """The totals as a fixed-width table, one line per kind."""
    lines = [f"{'':20} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold"]
    for kind in KINDS:
        c = score.counts[kind]
        p, r, f = (round(x, 4) for x in (c.precision, c.recall, c.f1))  # as the figures are reported
        lines.append(f"{kind:20} {p:6.3f} {r:6.3f} {f:6.3f}   {c.tp}/{c.pred}/{c.gold}")
    return "\n".join(lines)
