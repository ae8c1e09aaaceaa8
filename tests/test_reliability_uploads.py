"""Hostile uploads: path tricks in file names, and a file far over the size limit.

An uploaded file's name only picks the format and labels the article: ``load_bytes`` and the
/load handler keep its base name, write nothing to disk, and store nothing under a path the
sender chose. A 50 MB file is refused by ``newsbot load`` with a clear "too large" line and exit
code 1, and nothing is stored.
"""

from __future__ import annotations

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
