"""``newsbot evaluate`` and ``make quality``: extraction quality on every gold set in the repository.

The sets live in ``tests/data/``: a ``gold/`` folder with one JSON file per article and the
articles beside it (text files, or ``articles.jsonl`` with ``{id, text, date}`` lines); the seed
articles are the repository's ``seeds/``. ``tests/data/quality_floors.json`` holds the lowest
figure each set may score; the test suite fails under it. The unseen set's per-article errors are
never listed: it measures how the rules generalise, so nobody may tune on it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from store.articles import read_articles
from store.extraction.facts import extract_many
from store.extraction.scoring import KINDS, Score, score_article
from store.model import facts_json

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FLOORS = DATA / "quality_floors.json"
BATCH = 32


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold: Path  # one JSON file per article
    articles: Path  # a folder of article files, or a JSON Lines file
    unseen: bool = False  # never list its errors

    def exists(self) -> bool:
        return self.gold.is_dir() and self.articles.exists()


# In report order: the unseen set last.
SETS = (
    GoldSet("seeds", DATA / "seeds" / "gold", ROOT / "seeds"),
    GoldSet("heldout", DATA / "heldout" / "gold", DATA / "heldout"),
    GoldSet("meantime", DATA / "meantime" / "gold", DATA / "meantime" / "articles.jsonl"),
    GoldSet("heldout2", DATA / "heldout2" / "gold", DATA / "heldout2", unseen=True),
)

# Measured only on request, for a release's final figure: no floor, never in the default run, so
# no change is ever judged against it while it is made.
FINAL_SETS = (GoldSet("heldout3", DATA / "heldout3" / "gold", DATA / "heldout3", unseen=True),)


def gold_set(name: str) -> GoldSet:
    for candidate in SETS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def _articles(gold_set: GoldSet) -> Iterator[tuple[str, str, str | None]]:
    """(key, text, date) of every article of the set; the key is what gold files name."""
    if gold_set.articles.is_file():
        with open(gold_set.articles, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    yield record["id"], record["text"], record.get("date")
        return
    for path in sorted(gold_set.articles.glob("*.txt")):
        for article in read_articles(path):
            yield article.name, article.text, article.date


def evaluate(nlp, gold_set: GoldSet) -> Score:
    """Extract every article of the set and score it against its gold file."""
    golds = {}
    for path in sorted(gold_set.gold.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[Path(str(gold["article"])).name] = gold
    articles = [a for a in _articles(gold_set) if a[0] in golds]
    predicted = {}
    for (key, _, _), facts in zip(articles, extract_many(nlp, ((text, date) for _, text, date in articles), BATCH)):
        predicted[key] = facts_json(facts)
    total = Score()
    for key, gold in golds.items():
        score = score_article(gold, predicted.get(key) or {})
        if not gold_set.unseen:
            total.errors.extend([key] + [f"  {line}" for line in score.errors] if score.errors else [])
        score.errors = []
        total.add(score)
    return total


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """Set name → kind → the lowest F1 allowed."""
    return json.loads(path.read_text(encoding="utf-8"))


def below_floor(score: Score, floors: dict[str, float]) -> list[str]:
    """One line per kind whose F1 is under its floor."""
    return [f"{kind} F1 {score.counts[kind].f1:.3f} < floor {floors[kind]:.3f}"
            for kind in KINDS if kind in floors and round(score.counts[kind].f1, 4) < floors[kind]]


MARGIN = 0.02  # a floor sits this far under the figure it was raised to


def raised_floors(floors: dict[str, float], score: Score) -> dict[str, float]:
    """Each kind's floor raised to its F1 minus ``MARGIN`` (rounded down); never lowered."""
    return {kind: max(floors.get(kind, 0.0), math.floor((round(score.counts[kind].f1, 4) - MARGIN) * 1000) / 1000)
            for kind in KINDS}


def save_floors(floors: dict[str, dict[str, float]], path: Path = FLOORS) -> None:
    path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
