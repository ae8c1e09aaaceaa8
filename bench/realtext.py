"""Real Dutch news text for the ingest bench, repeated with its rarer words varied.

spaCy's tokenizer (and our per-word caches) make text that recombines a small vocabulary nearly
free, so the generated corpus overstates the ingest rate about tenfold. This corpus starts from
real articles — the seeds, the held-out set and the MEANTIME articles in the repo (never the
unseen set), plus any JSON Lines files given (``{"title", "date", "text"}`` per line) — and
repeats them until it holds
the words asked for. Copy 0 is the text as written; in copy ``k`` every word that is not common
(common: in at least one in twenty of the base articles: function words, everyday verbs and nouns) gets a
syllable spelled from ``k`` inserted before its last two letters, case kept: "Timmermans" →
"Timmermbaans". So every copy brings new names and content words, as a real archive does, while
the function words repeat as they do in real news.

    python -m bench.realtext OUT_DIR --words 300000 [--jsonl FILE]...

writes ``OUT_DIR/real-000.jsonl`` … (500 articles a file, like a newsroom's export).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPO_TEXTS = (ROOT / "seeds", ROOT / "tests" / "data" / "heldout")
REPO_JSONL = (ROOT / "tests" / "data" / "meantime" / "articles.jsonl",)
COMMON_SHARE = 0.05
ARTICLES_PER_FILE = 500
_WORD = re.compile(r"[^\W\d_]{4,}")
_SYLLABLES = ("ba", "de", "ko", "mi", "nu", "pa", "re", "si", "to", "vu")


@dataclass(frozen=True)
class RealArticle:
    title: str | None
    date: str | None
    text: str

    def record(self) -> dict:
        return {"title": self.title, "date": self.date, "text": self.text}


def base_articles(jsonl_files: Iterable[Path] = ()) -> list[RealArticle]:
    """The seeds and held-out articles (read as ``newsbot load`` reads them) plus the JSON Lines
    records of the repo's MEANTIME set and of ``jsonl_files``."""
    from store.articles import read_articles

    found = []
    for folder in REPO_TEXTS:
        for path in sorted(folder.glob("*.txt")):
            found += [RealArticle(a.title, a.date, a.text) for a in read_articles(path)]
    for file in (*REPO_JSONL, *jsonl_files):
        for line in Path(file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found.append(RealArticle(record.get("title"), record.get("date"), record["text"]))
    return found


def common_words(articles: list[RealArticle]) -> set[str]:
    """Words (lower case) in at least ``COMMON_SHARE`` of the articles."""
    documents = Counter()
    for article in articles:
        documents.update({w.lower() for w in _WORD.findall(f"{article.title or ''} {article.text}")})
    floor = COMMON_SHARE * len(articles)
    return {word for word, count in documents.items() if count >= floor}


def syllable(k: int) -> str:
    """``k`` ≥ 1 spelled in syllables, one per decimal digit: 1 → "de", 10 → "deba"."""
    return "".join(_SYLLABLES[int(digit)] for digit in str(k))


def varied(text: str | None, k: int, common: set[str]) -> str | None:
    """``text`` with every uncommon word of four letters or more varied for copy ``k`` (0: as is)."""
    if not text or k == 0:
        return text
    extra = syllable(k)

    def vary(match: re.Match) -> str:
        word = match.group()
        if word.lower() in common:
            return word
        insert = extra.upper() if word.isupper() else extra
        return word[:-2] + insert + word[-2:]

    return _WORD.sub(vary, text)


def real_corpus(words: int, jsonl_files: Iterable[Path] = ()) -> list[RealArticle]:
    """Copies of the base articles, words varied per copy, until at least ``words`` words."""
    base = base_articles(jsonl_files)
    common = common_words(base)
    corpus: list[RealArticle] = []
    total, k = 0, 0
    while total < words:
        for article in base:
            copy = RealArticle(varied(article.title, k, common), article.date, varied(article.text, k, common))
            corpus.append(copy)
            total += len(copy.text.split())
            if total >= words:
                break
        k += 1
    return corpus


def write_real_corpus(folder: Path, articles: list[RealArticle]) -> list[Path]:
    """The articles as JSON Lines files of ``ARTICLES_PER_FILE`` records."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("real-*.jsonl"):
        stale.unlink()
    paths = []
    for number, start in enumerate(range(0, len(articles), ARTICLES_PER_FILE)):
        path = folder / f"real-{number:03d}.jsonl"
        lines = (json.dumps(a.record(), ensure_ascii=False) for a in articles[start : start + ARTICLES_PER_FILE])
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write real articles, repeated with words varied, as JSON Lines.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--jsonl", type=Path, action="append", default=[], help="more base articles")
    args = parser.parse_args(argv)
    articles = real_corpus(args.words, args.jsonl)
    paths = write_real_corpus(args.folder, articles)
    print(f"wrote {len(articles)} articles in {len(paths)} files to {args.folder}")


if __name__ == "__main__":
    main()
