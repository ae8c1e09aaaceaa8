"""Loading while the bot answers: WAL lets readers run beside the writer; no user sees a lock error.

One thread loads generated articles (one write transaction per article) on its own connection
while the main thread keeps answering /search, /who and /quotes through ``handlers.dispatch`` on
another connection, as serve does. Every reply must be an answer or a not-found, never the error
reply that a "database is locked" would turn into.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter

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


def test_two_loads_and_a_chat_writing_at_once_lose_nothing(tmp_path):
    """Two ``newsbot load`` processes (each with its own files and both with the same shared
    folder) and chat commands that write (/subscribe, /unsubscribe, /language) on a third
    connection: writers wait their turn, so every article is stored once and no one sees an error."""
    import subprocess
    import sys
    from pathlib import Path

    own_a = write_corpus(tmp_path / "a", 50, seed=11)
    own_b = write_corpus(tmp_path / "b", 50, seed=12)
    shared = write_corpus(tmp_path / "shared", 40, seed=13)
    db_path = tmp_path / "newsroom.db"
    newsbot = Path(sys.executable).parent / "newsbot"
    loads = [
        subprocess.Popen(
            [str(newsbot), "load", str(folder), str(tmp_path / "shared"), "--db", str(db_path), "--no-progress"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for folder in (tmp_path / "a", tmp_path / "b")
    ]

    chat = None
    replies = []
    while any(process.poll() is None for process in loads):
        if chat is None:
            if not db_path.exists():
                time.sleep(0.01)
                continue
            chat = open_db(db_path)  # migrates too, racing the loads' own migrations
        n = len(replies)
        for command, args in (("subscribe", f"0{n % 10}:30"), ("language", "en"), ("unsubscribe", "")):
            request = Request(command=command, args=args, chat_id=f"chat-{n % 7}", platform="telegram")
            replies.append((command, dispatch(request, chat)))
        time.sleep(0.01)
    outputs = [process.communicate()[0] for process in loads]

    assert [process.returncode for process in loads] == [0, 0], outputs
    lines = [line for output in outputs for line in output.splitlines()]
    assert [line for line in lines if line.startswith("failed") or "locked" in line] == []
    statuses = Counter(line.split()[0] for line in lines if line.split()[:1] in (["loaded"], ["unchanged"], ["replaced"]))
    assert statuses == {"loaded": 140, "unchanged": 40}  # each shared file: loaded once, unchanged once
    assert len(replies) >= 3  # the chat really wrote while the loads ran
    assert [(command, r.plain_text()) for command, r in replies if r.kind == "error"] == []

    names = sorted(path.name for path in own_a + own_b + shared)
    stored = sorted(Path(row[0]).name for row in chat.execute("select path from articles"))
    assert stored == names
    without_facts = chat.execute(
        "select count(*) from articles where id not in (select article_id from mentions)"
    ).fetchone()[0]
    assert without_facts == 0
    chat.close()
