"""Ingest throughput: bare spaCy tokenisation vs the full load into SQLite, on the same texts.

For each corpus size the generated articles are written to ``bench/out/corpus-N/`` (not timed),
then, in the same process and run:

* ``bare``: ``spacy.blank("nl")`` over the article texts with ``nlp.pipe`` — the ceiling;
* ``load``: ``store.loader.load_paths`` into a fresh SQLite file (read, extract with the full
  pipeline through ``nlp.pipe`` batches, write facts and FTS) — what ``newsbot load`` does;
* at the smallest size also extraction alone (no database) in one process and with
  ``n_process=2``, to show where the time goes and whether the second core pays.

``build_scaled_db`` makes the 100k-article database for the query benchmarks without extracting
100k articles (see its docstring for exactly how).
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.generate import DEFAULT_SEED, generate, write_corpus

PIPE_BATCH = 64


@dataclass
class Rate:
    label: str
    articles: int
    words: int
    seconds: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "articles_per_s": round(self.articles_per_s, 1), "words_per_s": round(self.words_per_s)}


def corpus_folder(out: Path, count: int, seed: int = DEFAULT_SEED) -> Path:
    """``out/corpus-N``, written once and reused (the generator is deterministic)."""
    folder = out / f"corpus-{count}"
    if not folder.exists() or sum(1 for _ in folder.glob("*.txt")) != count:
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, count, seed)
    return folder


def corpus_texts(count: int, seed: int = DEFAULT_SEED) -> list[str]:
    return [a.text for a in generate(count, seed)]


def seed_texts(repeat: int = 100) -> list[str]:
    """The seed files as they are on disk (hard-wrapped lines), repeated: the NOTES.md reference."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    return [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))] * repeat


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def bare_tokenisation(texts: list[str], n_process: int = 1) -> Rate:
    """``spacy.blank("nl")`` tokenising every text through ``nlp.pipe``."""
    import spacy

    nlp = spacy.blank("nl")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256, n_process=n_process):
        pass
    label = "bare tokenisation" + (f" (n_process={n_process})" if n_process > 1 else "")
    return Rate(label, len(texts), word_count(texts), time.perf_counter() - start)


def extraction_only(nlp, texts: list[str], dates: list[str], n_process: int = 1) -> Rate:
    """The full pipeline and fact building, no database. ``n_process`` > 1 runs ``nlp.pipe`` in workers."""
    from store.extraction.facts import extract_many

    start = time.perf_counter()
    if n_process == 1:
        for _ in extract_many(nlp, zip(texts, dates), batch_size=PIPE_BATCH):
            pass
    else:
        for _ in nlp.pipe(texts, batch_size=PIPE_BATCH, n_process=n_process):
            pass  # the pipeline's own work only: the Doc → Facts step stays in the parent
    label = "extraction" + (f" nlp.pipe n_process={n_process}" if n_process > 1 else "")
    return Rate(label, len(texts), word_count(texts), time.perf_counter() - start)


def full_load(nlp, folder: Path, db_path: Path) -> tuple[Rate, int, list[str]]:
    """``load_paths`` of every file in ``folder`` into a fresh database: (rate, db bytes, failures)."""
    from store.db import open_db
    from store.loader import load_paths

    for stale in db_path.parent.glob(db_path.name + "*"):
        stale.unlink()
    db = open_db(db_path)
    start = time.perf_counter()
    results = load_paths(db, [folder], nlp=nlp)
    seconds = time.perf_counter() - start
    words = db.execute("select coalesce(sum(word_count), 0) from articles").fetchone()[0]
    stored = db.execute("select count(*) from articles").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    failures = [f"{r.path}: {r.reason}" for r in results if r.status == "failed"]
    return Rate("load into SQLite", stored, words, seconds), database_bytes(db_path), failures


def database_bytes(db_path: Path) -> int:
    return sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*") if p.is_file())


def build_scaled_db(source: Path, target: Path, copies: int) -> tuple[int, float]:
    """A database ``copies`` times the size of ``source`` (a database loaded by ``full_load``).

    Extracting 100k articles takes longer than the whole bench may; instead copy ``k`` (1 …
    copies-1) repeats every article of ``source`` with ``id + k * max_id``, ``path`` suffixed
    ``#copyK``, a distinct ``content_hash`` and its date moved ``k`` days earlier (so each day
    holds about ``copies`` times as many articles, as in a real archive of that size: /trending
    then sees a realistic density), and repeats every
    mention, role, quote, number and date row with the shifted article id. Entities and aliases
    are shared (the same people recur, as in a real archive); the FTS indexes are filled by the
    schema's own triggers. Returns (article count, seconds).
    """
    for stale in target.parent.glob(target.name + "*"):
        stale.unlink()
    with sqlite3.connect(source) as src:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source, target)
    start = time.perf_counter()
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    shift = conn.execute("select max(id) from articles").fetchone()[0]
    article_cols = _columns(conn, "articles", skip={"id", "path", "content_hash", "date"})
    fact_tables = [t for t in ("mentions", "roles", "quotes", "numbers", "dates") if _columns(conn, t)]
    for k in range(1, copies):
        with conn:
            conn.execute(
                f"""insert into articles (id, path, content_hash, date, {", ".join(article_cols)})
                    select id + :shift, path || '#copy{k}', content_hash || '-copy{k}',
                           case when length(date) = 10 then date(date, '-{k} days') else date end,
                           {", ".join(article_cols)}
                    from articles where id <= :base""",
                {"shift": k * shift, "base": shift},
            )
            for table in fact_tables:
                cols = _columns(conn, table, skip={"id", "article_id"})
                conn.execute(
                    f"""insert into {table} (article_id, {", ".join(cols)})
                        select article_id + :shift, {", ".join(cols)} from {table}
                        where article_id is not null and article_id <= :base""",
                    {"shift": k * shift, "base": shift},
                )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    count = conn.execute("select count(*) from articles").fetchone()[0]
    conn.close()
    return count, time.perf_counter() - start


def _columns(conn: sqlite3.Connection, table: str, skip: set[str] = frozenset()) -> list[str]:
    return [f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in skip]
