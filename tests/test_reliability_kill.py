"""kill -9 in the middle of ``newsbot load``: the database stays whole, and loading again finishes.

Each article is written in one transaction with all of its facts, so after a SIGKILL every stored
article must hold exactly the facts a fresh extraction gives it, no fact row may point at a
missing article, SQLite's and FTS5's integrity checks must pass, and a second run must load the
rest and report the survivors as unchanged.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import psutil

from bench.generate import write_corpus
from store.extraction.facts import extract_many

NEWSBOT = Path(sys.executable).parent / "newsbot"
ARTICLES = 150
FACT_TABLES = ("mentions", "roles", "quotes", "numbers", "dates")


def run_newsbot(*args: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [str(NEWSBOT), *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def fact_counts(conn: sqlite3.Connection, article_id: int) -> dict[str, int]:
    return {
        t: conn.execute(f"select count(*) from {t} where article_id = ?", [article_id]).fetchone()[0]
        for t in FACT_TABLES
    }


def expected_counts(facts) -> dict[str, int]:
    return {
        "mentions": sum(len(e.mentions) for e in facts.entities),
        "roles": sum(len(e.roles) for e in facts.entities),
        "quotes": len(facts.quotes),
        "numbers": len(facts.numbers),
        "dates": len(facts.dates),
    }


def test_kill_9_during_load_leaves_whole_articles_and_a_resumable_load(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    db_path = tmp_path / "newsroom.db"

    process = run_newsbot("load", str(corpus), "--db", str(db_path), "--no-progress", "--workers", "2", cwd=tmp_path)
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith("loaded"):
            break
    workers = psutil.Process(process.pid).children(recursive=True)  # its extraction processes
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert any(line.startswith("loaded") for line in seen), seen
    assert len(workers) >= 2  # the load ran with its extraction processes
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []  # they die with the load, whatever killed it

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.execute("insert into articles_fts(articles_fts) values('integrity-check')")  # raises when broken
    stored = conn.execute("select id, text, date from articles order by id").fetchall()
    assert 0 < len(stored) < ARTICLES  # the kill landed in the middle of the run

    for table in FACT_TABLES:
        orphans = conn.execute(
            f"select count(*) from {table} where article_id is not null and article_id not in (select id from articles)"
        ).fetchone()[0]
        assert orphans == 0, table
    dangling = conn.execute(
        "select count(*) from mentions where entity_id not in (select id from entities)"
    ).fetchone()[0]
    assert dangling == 0

    fresh = extract_many(nlp, [(text, date) for _, text, date in stored])
    for (article_id, _, _), facts in zip(stored, fresh):
        counts = fact_counts(conn, article_id)
        assert counts == expected_counts(facts), article_id
        assert counts["mentions"] > 0
    conn.close()

    again = run_newsbot("load", str(corpus), "--db", str(db_path), "--no-progress", cwd=tmp_path)
    output, _ = again.communicate(timeout=120)
    assert again.returncode == 0, output
    lines = output.splitlines()
    assert sum(line.startswith("unchanged") for line in lines) == len(stored)
    assert sum(line.startswith("loaded") for line in lines) == ARTICLES - len(stored)
    assert (
        lines[-1] == f"{ARTICLES} files: {ARTICLES - len(stored)} loaded, {len(stored)} unchanged, 0 replaced, 0 failed"
    )

    conn = sqlite3.connect(db_path)
    assert conn.execute("select count(*) from articles").fetchone()[0] == ARTICLES
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
