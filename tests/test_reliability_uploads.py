"""Hostile uploads: path tricks in file names, and a file far over the size limit.

An uploaded file's name only picks the format and labels the article: ``load_bytes`` and the
/load handler keep its base name, write nothing to disk, and store nothing under a path the
sender chose. A 50 MB file is refused by ``newsbot load`` with a clear "too large" line and exit
code 1, and nothing is stored.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate_article
from handlers import dispatch
from handlers.context import HandlerContext
from handlers.reply import Attachment, Request
from store.loader import load_bytes

NEWSBOT = Path(sys.executable).parent / "newsbot"
ARTICLE = generate_article(3).file_text().encode("utf-8")

TRICKS = [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("/etc/cron.d/evil.txt", "evil.txt"),
    ("..\\..\\windows\\system32\\evil.txt", "evil.txt"),
    ("uploads/../../../../tmp/owned.md", "owned.md"),
    ("./.hidden.txt", ".hidden.txt"),
    ("~/.bashrc.txt", ".bashrc.txt"),
]


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize(("filename", "base"), TRICKS)
def test_load_bytes_keeps_only_the_base_name(tmp_path, db, nlp, filename, base):
    before = files_under(tmp_path)
    results = load_bytes(db, filename, ARTICLE, nlp=nlp)
    assert [(r.status, r.path) for r in results] == [("loaded", base)]
    assert [row["path"] for row in db["articles"].rows] == [base]
    assert files_under(tmp_path) == before  # nothing written beside the database


@pytest.mark.parametrize(
    "filename",
    ["evil\x00.txt", "../\x00/../etc/passwd\x00.txt", "new\nline.txt", "tab\tand\rcr.txt"],
    ids=["nul", "nul-and-dots", "newline", "control"],
)
def test_control_characters_do_not_reach_the_stored_name(tmp_path, db, nlp, filename):
    before = files_under(tmp_path)
    results = load_bytes(db, filename, ARTICLE, nlp=nlp)
    assert [r.status for r in results] == ["loaded"]
    stored = [row["path"] for row in db["articles"].rows]
    assert len(stored) == 1
    assert not any(ord(c) < 32 for c in stored[0]), repr(stored[0])
    assert "/" not in stored[0] and "\\" not in stored[0]
    assert stored[0].endswith(".txt")
    assert files_under(tmp_path) == before


def test_a_very_long_name_is_loaded_under_a_bounded_base_name(tmp_path, db, nlp):
    filename = "../" * 50 + "x" * 5000 + ".txt"
    results = load_bytes(db, filename, ARTICLE, nlp=nlp)
    assert [r.status for r in results] == ["loaded"]
    stored = next(row["path"] for row in db["articles"].rows)
    assert "/" not in stored
    assert stored.endswith(".txt")
    assert len(stored.encode("utf-8")) <= 255  # what a file system would allow as a name


def test_the_load_command_keeps_only_the_base_name(tmp_path, db, nlp):
    before = files_under(tmp_path)
    request = Request(
        command="load",
        is_admin=True,
        platform="telegram",
        attachment=Attachment(filename="../../../etc/passwd.txt", content=ARTICLE),
    )
    reply = dispatch(request, db, context=HandlerContext(nlp_loader=lambda: nlp))
    assert reply.kind == "answer"
    assert "etc" not in reply.title and reply.title.endswith("passwd.txt")
    assert reply.sections[0].lines[0].text.endswith("#1 passwd.txt")
    assert [row["path"] for row in db["articles"].rows] == ["passwd.txt"]
    assert files_under(tmp_path) == before


def test_an_oversized_upload_is_refused_before_anything_is_stored(db, nlp):
    request = Request(
        command="load",
        is_admin=True,
        platform="telegram",
        attachment=Attachment(filename="huge.txt", content=ARTICLE + b" woord" * 200_000),
    )
    reply = dispatch(request, db, context=HandlerContext(nlp_loader=lambda: nlp, max_file_bytes=1_000_000))
    assert "too large" in reply.plain_text()
    assert db.execute("select count(*) from articles").fetchone()[0] == 0


def test_newsbot_load_refuses_a_50_mb_file_cleanly(tmp_path):
    big = tmp_path / "archief.txt"
    with big.open("wb") as f:
        f.write(ARTICLE)
        f.truncate(50 * 1024 * 1024)  # sparse: the size is real, the disk blocks are not
    db_path = tmp_path / "newsroom.db"
    run = subprocess.run(
        [str(NEWSBOT), "load", str(big), "--db", str(db_path), "--no-progress"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == (
        f"failed     {big}: file too large: 50.00 MB (52428800 bytes), the limit is 5 MB (5242880 bytes)"
    )
    assert lines[-1] == "1 files: 0 loaded, 0 unchanged, 0 replaced, 1 failed"
    assert "Traceback" not in run.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 0
    conn.close()


# --- upload identity: one upload never destroys another ----------------------------------------

FIRST = generate_article(21)
SECOND = generate_article(22)
THIRD = generate_article(23)


def upload(db, nlp, user: str, filename: str, content: bytes, platform: str = "telegram"):
    request = Request(
        command="load",
        user_id=user,
        chat_id=user,
        is_admin=True,
        platform=platform,
        attachment=Attachment(filename=filename, content=content),
    )
    return dispatch(request, db, context=HandlerContext(nlp_loader=lambda: nlp))


def stored_titles(db) -> list[str]:
    return [row[0] for row in db.execute("select title from articles order by id")]


def titled(article, title: str) -> bytes:
    """The generated article under a headline of our choosing, as a Markdown file's heading."""
    return f"# {title}\n\n{article.text}\n".encode()


def test_another_users_same_named_file_is_a_new_article(db, nlp):
    upload(db, nlp, "11", "artikel.md", titled(FIRST, "Eerste versie van Anna"))
    reply = upload(db, nlp, "22", "artikel.md", titled(SECOND, "Stuk van Bram"))
    assert reply.sections[0].lines[0].text == "geladen: #2 Stuk van Bram"
    assert stored_titles(db) == ["Eerste versie van Anna", "Stuk van Bram"]


def test_the_same_users_file_with_new_content_is_replaced_and_the_reply_says_what(db, nlp):
    upload(db, nlp, "11", "artikel.md", titled(FIRST, "Eerste versie"))
    again = upload(db, nlp, "11", "artikel.md", titled(FIRST, "Eerste versie"))
    assert again.sections[0].lines[0].text == "ongewijzigd: #1 Eerste versie"
    reply = upload(db, nlp, "11", "artikel.md", titled(SECOND, "Tweede versie"))
    assert reply.sections[0].lines[0].text == "vervangen: #1 Tweede versie (was: Eerste versie)"
    assert stored_titles(db) == ["Tweede versie"]


def test_the_same_user_id_on_another_platform_is_another_source(db, nlp):
    upload(db, nlp, "11", "artikel.md", titled(FIRST, "Telegram"), platform="telegram")
    upload(db, nlp, "11", "artikel.md", titled(SECOND, "Slack"), platform="slack")
    assert stored_titles(db) == ["Telegram", "Slack"]


def feed(*records: dict) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


def test_another_users_json_lines_file_does_not_replace_records_by_line_number(db, nlp):
    upload(db, nlp, "11", "feed.jsonl", feed({"title": "A1", "text": FIRST.text}, {"title": "A2", "text": SECOND.text}))
    upload(db, nlp, "22", "feed.jsonl", feed({"title": "B1", "text": THIRD.text}, {"title": "B2", "text": FIRST.text + " Slot."}))
    assert stored_titles(db) == ["A1", "A2", "B1", "B2"]


def test_a_record_carrying_an_existing_articles_url_destroys_nothing(db, nlp):
    url = "https://nieuws.example/artikel/1"
    upload(db, nlp, "11", "eigen.json", json.dumps({"title": "Origineel", "url": url, "text": FIRST.text}).encode())
    reply = upload(db, nlp, "22", "aanval.json", json.dumps({"title": "Kaping", "url": url, "text": SECOND.text}).encode())
    assert reply.sections[0].lines[0].text == "geladen: #2 Kaping"
    assert stored_titles(db) == ["Origineel", "Kaping"]
    assert db.execute("select count(*) from mentions where article_id = 1").fetchone()[0] > 0


def test_the_same_source_url_with_new_content_is_replaced(db, nlp):
    url = "https://nieuws.example/artikel/2"
    upload(db, nlp, "11", "a.json", json.dumps({"title": "Oud", "url": url, "text": FIRST.text}).encode())
    reply = upload(db, nlp, "11", "b.json", json.dumps({"title": "Bijgewerkt", "url": url, "text": SECOND.text}).encode())
    assert reply.sections[0].lines[0].text == "vervangen: #1 Bijgewerkt (was: Oud)"
    assert stored_titles(db) == ["Bijgewerkt"]
