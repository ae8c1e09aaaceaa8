"""Loading while the bot answers: WAL lets readers run beside the writer; no user sees a lock error.

One thread loads generated articles (one write transaction per article) on its own connection
while the main thread keeps answering /search, /who and /quotes through ``handlers.dispatch`` on
another connection, as serve does. Every reply must be an answer or a not-found, never the error
reply that a "database is locked" would turn into.
"""

from __future__ import annotations

import logging
import threading

from bench.generate import generate, write_corpus
from handlers import dispatch
from handlers.reply import Request
from store.db import open_db
from store.loader import load_paths

ARTICLES = 120
QUERIES = ("/search aanval", "/who Jansen", "/search begroting", "/quotes De Vries", "/who premier", "/latest")


def test_queries_during_a_load_never_meet_a_locked_database(tmp_path, nlp, caplog):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    db_path = tmp_path / "newsroom.db"
    reader = open_db(db_path)
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    outcome: dict = {}

    def load() -> None:
        writer = open_db(db_path)
        try:
            outcome["results"] = load_paths(writer, [corpus], nlp=nlp)
        except Exception as exc:  # noqa: BLE001 — surfaced by the assertions below
            outcome["error"] = exc
        finally:
            writer.close()

    loader = threading.Thread(target=load)
    caplog.set_level(logging.ERROR)
    loader.start()
    replies = []
    while loader.is_alive() or len(replies) < len(QUERIES):
        text = QUERIES[len(replies) % len(QUERIES)]
        command, _, args = text[1:].partition(" ")
        replies.append((text, dispatch(Request(command=command, args=args), reader)))
    loader.join()

    assert "error" not in outcome
    assert [r.status for r in outcome["results"]] == ["loaded"] * ARTICLES
    errors = [(text, reply.plain_text()) for text, reply in replies if reply.kind == "error"]
    assert errors == []
    assert all(reply.kind in ("answer", "not_found") for _, reply in replies)
    assert not [r for r in caplog.records if "locked" in r.getMessage().lower()]
    assert len(replies) > len(QUERIES)  # queries really ran beside the load

    # After the load the reader sees every article and finds words of the last one.
    assert reader.execute("select count(*) from articles").fetchone()[0] == ARTICLES
    last = list(generate(ARTICLES))[-1]
    word = max(last.text.split(), key=len).strip(".,„”")
    reply = dispatch(Request(command="search", args=word), reader)
    assert reply.kind == "answer"
    reader.close()
