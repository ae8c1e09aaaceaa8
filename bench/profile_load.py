"""Where a single-process load spends its time: ``load_paths`` under cProfile, summed by step.

    python -m bench.profile_load FOLDER [--no-pystemmer]

loads every file under FOLDER into a fresh database in ``bench/out`` with a freshly built
pipeline (cold caches, as a new ``newsbot load``) and prints a Markdown table of the steps'
shares of the load. A step's time is the cumulative time of the functions named for it; the
SQLite rows are the time inside the sqlite3 module's own calls, whoever made them, so the rows
overlap a little and need not add up to 100 %. cProfile slows pure-Python code more than C code,
so compare shares between runs of this script, not with the bench's plain timings.
``--no-pystemmer`` hides PyStemmer, so that Snowball's pure-Python stemmer runs (as before
PyStemmer was a dependency).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

# step → patterns over pstats' "file:line(function)" keys whose cumulative times add up
STEPS: list[tuple[str, list[str]]] = [
    ("spaCy tokenizer", [r"tokenizer\.pyx:\d+\(__call__\)"]),
    ("component: sentences", [r"components/sentences\.py:\d+\(__call__\)"]),
    ("component: entities", [r"components/entities\.py:\d+\(__call__\)"]),
    ("component: roles", [r"components/roles\.py:\d+\(__call__\)"]),
    ("component: quotes", [r"components/quotes\.py:\d+\(__call__\)"]),
    ("component: numbers", [r"components/numbers\.py:\d+\(__call__\)"]),
    ("component: dates", [r"components/dates\.py:\d+\(__call__\)"]),
    ("facts_from_doc", [r"facts\.py:\d+\(facts_from_doc\)"]),
    ("linking (link_article)", [r"linking\.py:\d+\(link_article\)"]),
    ("stemming for search (stem_text)", [r"search\.py:\d+\(stem_text\)"]),
    ("digest summary at load", [r"digest\.py:\d+\(summary_from_sentences\)"]),
    ("corrections replay", [r"corrections\.py:\d+\(apply_corrections\)"]),
]
SQLITE = re.compile(r"method '(execute|executemany|commit)' of 'sqlite3\.(Connection|Cursor)' objects")
COMMIT = re.compile(r"^(COMMIT|commit)")


def profile_load(folder: Path, db_path: Path) -> tuple[float, pstats.Stats, int]:
    from store.db import open_db
    from store.extraction.nlp import build_pipeline
    from store.loader import load_paths

    nlp = build_pipeline()
    for stale in db_path.parent.glob(db_path.name + "*"):
        stale.unlink()
    db = open_db(db_path)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    results = load_paths(db, [folder], nlp=nlp)
    profiler.disable()
    seconds = time.perf_counter() - start
    db.close()
    return seconds, pstats.Stats(profiler), sum(r.status == "loaded" for r in results)


def step_table(stats: pstats.Stats) -> list[tuple[str, float]]:
    entries = stats.stats  # (file, line, function) → (cc, nc, tottime, cumtime, callers)
    total = max(cum for _, _, _, cum, _ in entries.values())
    rows = []
    for label, patterns in STEPS:
        seconds = sum(
            cum
            for (file, line, function), (_, _, _, cum, _) in entries.items()
            if any(re.search(p, f"{file}:{line}({function})") for p in patterns)
        )
        rows.append((label, seconds))
    sqlite = sum(tot for (_, _, function), (_, _, tot, _, _) in entries.items() if SQLITE.search(function))
    rows.append(("SQLite statements (inserts, triggers, lookups, commits)", sqlite))
    rows.append(("whole load", total))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--no-pystemmer", action="store_true")
    args = parser.parse_args(argv)
    if args.no_pystemmer:
        sys.modules["Stemmer"] = None  # snowballstemmer falls back to its pure-Python stemmers
    OUT.mkdir(parents=True, exist_ok=True)
    seconds, stats, loaded = profile_load(args.folder, OUT / "profile.db")
    rows = step_table(stats)
    total = rows[-1][1]
    print(f"{loaded} articles loaded in {seconds:.1f} s under cProfile\n")
    print("| step | seconds | share |")
    print("|---|---:|---:|")
    for label, step_seconds in rows:
        print(f"| {label} | {step_seconds:.2f} | {step_seconds / total:.0%} |")


if __name__ == "__main__":
    main()
