"""Ingest at corpus speed: worker processes give the same database, long texts load in pieces,
writes are batched yet all-or-nothing per article, and digest summaries are chosen at load."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_corpus
from store import digest as digest_module
from store.db import open_db
from store.extraction.facts import extract
from store.extraction.pieces import split_pieces
from store.loader import load_paths, reindex
from store.workers import PARALLEL_MIN_ARTICLES

NEWSBOT = Path(sys.executable).parent / "newsbot"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TIMESTAMPS = {"loaded_at", "created_at", "applied_at"}


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the FTS shadows, without load timestamps, sorted."""
    conn = sqlite3.connect(path)
    tables = [
        name
        for (name,) in conn.execute("select name from sqlite_master where type = 'table' order by name")
        if "_fts" not in name and not name.startswith("sqlite_") and name != "_sqlite_migrations"
    ]
    rows = {}
    for table in tables:
        columns = [row[1] for row in conn.execute(f"pragma table_info({table})") if row[1] not in TIMESTAMPS]
        rows[table] = sorted(conn.execute(f"select {', '.join(columns)} from {table}").fetchall(), key=repr)
    conn.close()
    return rows


def newsbot_load(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSBOT), "load", *args, "--no-progress"], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_process_stores(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, PARALLEL_MIN_ARTICLES + 16)
    single = newsbot_load(str(corpus), str(SEEDS), "--db", str(tmp_path / "one.db"), "--workers", "1", cwd=tmp_path)
    parallel = newsbot_load(str(corpus), str(SEEDS), "--db", str(tmp_path / "two.db"), "--workers", "2", cwd=tmp_path)

    assert (single.returncode, parallel.returncode) == (0, 0), parallel.stderr
    assert single.stdout.splitlines()[-1] == "85 files: 85 loaded, 0 unchanged, 0 replaced, 0 failed"
    # the same lines in the same (input) order, ids included
    assert parallel.stdout == single.stdout
    one, two = table_rows(tmp_path / "one.db"), table_rows(tmp_path / "two.db")
    assert len(one["articles"]) == 85 and len(one["mentions"]) > 1000
    assert one == two


def test_long_texts_are_split_at_paragraphs_then_sentences():
    paragraph = "Dit is een zin. " * 40  # 640 characters
    text = "\n\n".join([paragraph.strip()] * 10)
    pieces = split_pieces(text, limit=2000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert len(pieces) == 4
    assert all(len(piece) <= 2000 for _, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])  # cut after a blank line
    one_paragraph = paragraph * 10
    sentences = split_pieces(one_paragraph, limit=2000)
    assert all(piece.endswith("zin. ") for _, piece in sentences[:-1])
    assert split_pieces("kort", limit=2000) == [(0, "kort")]


def test_facts_of_pieces_point_into_the_whole_text(nlp):
    first = "Premier Dick Schoof sprak dinsdag in Den Haag met Mark Rutte over de NAVO."
    later = "Volgens Schoof kwamen 12 demonstranten naar het Binnenhof. „Dit moet stoppen”, zei Rutte."
    text = first + "\n\n" + ("Het regende de hele dag. " * 20).strip() + "\n\n" + later
    facts = extract(nlp, text, "2025-06-03", piece_chars=400)
    assert len(split_pieces(text, 400)) == 2
    people = {e.name: e for e in facts.entities if e.type == "PER"}
    assert set(people) == {"Dick Schoof", "Mark Rutte"}  # the surnames of the last piece join them
    assert [text[m.start : m.end] for m in people["Dick Schoof"].mentions] == ["Dick Schoof", "Schoof"]
    assert people["Dick Schoof"].aliases == ["Schoof"]
    assert [(n.value, text[n.start : n.end]) for n in facts.numbers] == [(12.0, "12 demonstranten")]
    assert [(q.text, q.speaker, text[q.start : q.end]) for q in facts.quotes] == [
        ("Dit moet stoppen", "Mark Rutte", "Dit moet stoppen")
    ]
    assert facts.sentences[-1][1] == len(text)


@pytest.mark.slow
def test_an_article_over_spacys_limit_loads(tmp_path, nlp):
    from store.articles import read_articles

    texts = [a.text for p in sorted(SEEDS.glob("*.txt")) for a in read_articles(p)]
    body = "\n\n".join(texts)
    repeats = nlp.max_length // len(body) + 2
    long_file = tmp_path / "lang.txt"
    long_file.write_text(" date 2025-04-24\n\n" + "\n\n".join([body] * repeats), encoding="utf-8")
    db = open_db(tmp_path / "news.db")

    [result] = load_paths(db, [long_file], nlp=nlp)

    assert (result.status, result.reason) == ("loaded", None)
    text, summary = db.execute("select text, summary from articles").fetchone()
    assert len(text) > nlp.max_length
    mentions = db.execute("select start, end, text from mentions").fetchall()
    assert len(mentions) > 1000
    assert all(text[start:end] == mention for start, end, mention in mentions)
    assert db.execute("select max(start) from mentions").fetchone()[0] > nlp.max_length
    assert json.loads(summary)[0] == digest_module.summarize(texts[0])[0]


def test_one_bad_article_fails_alone_and_the_batch_is_stored(tmp_path, nlp, monkeypatch):
    import store.prepare

    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 5)
    real_extract = store.prepare.extract

    def fragile(nlp, text, date=None):
        if text == paths[2].read_text(encoding="utf-8").split("\n\n", 1)[1].strip() or "Breekt" in text:
            raise ValueError("kapot")
        return real_extract(nlp, text, date)

    paths[2].write_text(" date 2025-01-02\n\nBreekt de extractie.\n", encoding="utf-8")
    monkeypatch.setattr(store.prepare, "extract", fragile)
    db = open_db(tmp_path / "news.db")

    results = load_paths(db, [corpus], nlp=nlp)

    assert [r.status for r in results] == ["loaded", "loaded", "failed", "loaded", "loaded"]
    assert results[2].reason == "could not extract: ValueError: kapot"
    assert db.execute("select count(*) from articles").fetchone()[0] == 4
    assert [r.article_id for r in results if r.ok] == [1, 2, 3, 4]


def test_an_article_that_cannot_be_stored_leaves_no_trace(tmp_path, nlp, monkeypatch):
    import store.writer

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4)
    real_insert = store.writer.insert_facts
    calls = []

    def failing_third(db, article_id, article, facts):
        calls.append(article_id)
        real_insert(db, article_id, article, facts)  # the article's rows are written…
        if len(calls) == 3:
            raise sqlite3.IntegrityError("boom")  # …and then undone with it

    monkeypatch.setattr(store.writer, "insert_facts", failing_third)
    db = open_db(tmp_path / "news.db")
    results = load_paths(db, [corpus], nlp=nlp)

    assert [r.status for r in results] == ["loaded", "loaded", "failed", "loaded"]
    assert results[2].reason == "could not store: boom"
    stored = {row[0] for row in db.execute("select id from articles")}
    assert len(stored) == 3
    for table in ("mentions", "numbers", "dates", "entity_articles"):
        orphans = db.execute(f"select count(*) from {table} where article_id not in (select id from articles)")
        assert orphans.fetchone()[0] == 0, table


def test_summaries_are_chosen_at_load_and_digests_do_no_nlp(tmp_path, nlp, monkeypatch):
    db = open_db(tmp_path / "news.db")
    load_paths(db, [SEEDS], nlp=nlp)
    rows = db.execute("select id, text, summary from articles order by id").fetchall()
    for _, text, summary in rows:
        assert json.loads(summary) == digest_module.summarize(text)

    def no_nlp(*args, **kwargs):
        raise AssertionError("a digest ran the sentencizer")

    monkeypatch.setattr(digest_module, "sentences", no_nlp)
    period = digest_module.period_for_month(2025, 4, digest_module.UTC_ZONE)
    content = digest_module.build_digest(db, period)
    assert [a.summary for a in content.articles] == [
        json.loads(s) for i, _, s in rows if i in {a.id for a in content.articles}
    ] != []


def test_reindex_stores_the_summary_of_older_articles(tmp_path, nlp):
    db = open_db(tmp_path / "news.db")
    load_paths(db, [SEEDS], nlp=nlp)
    db.execute("update articles set summary = null")
    db.conn.commit()
    assert reindex(db, nlp) == 5
    for text, summary in db.execute("select text, summary from articles"):
        assert json.loads(summary) == digest_module.summarize(text)


def sumy_lexrank(candidates: list[str], count: int) -> list[str]:
    """The reference: sumy's own LexRankSummarizer with its Dutch stemmer and spaCy's stop words."""
    import numpy
    import spacy
    from spacy.lang.nl.stop_words import STOP_WORDS
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer

    tokenizer = spacy.blank("nl").tokenizer

    class Words:
        def to_words(self, sentence: str) -> list[str]:
            return [t.text for t in tokenizer(sentence) if t.is_alpha]

    document = ObjectDocumentModel([Paragraph([Sentence(s, Words()) for s in candidates])])
    summarizer = LexRankSummarizer(Stemmer("dutch"))
    summarizer.stop_words = STOP_WORDS
    with numpy.errstate(invalid="ignore", divide="ignore"):
        return [str(s) for s in summarizer(document, count)]


def test_lexrank_chooses_what_sumy_chooses(nlp):
    from bench.realtext import base_articles
    from store.lexrank import best_sentences

    compared = 0
    for article in base_articles():  # the seeds, the held-out set and MEANTIME
        found = [s for s in digest_module.sentences(article.text) if len(s.split()) >= digest_module.MIN_SENTENCE_WORDS]
        candidates = list(dict.fromkeys(found))[1:]
        if len(candidates) < 3:
            continue
        for count in (1, 2):
            assert best_sentences(candidates, count, nlp.tokenizer) == sumy_lexrank(candidates, count), article.title
        compared += 1
    assert compared >= 60
