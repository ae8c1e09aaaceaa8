"""`newsbot backup FILE` copies the database online: while a load writes, the copy is consistent."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import write_corpus
from bot.backup import BackupError, backup_database
from store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 400  # about ten seconds of writing on this machine: room for backups during it


def newsbot(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def integrity(path: Path) -> tuple[str, int]:
    connection = sqlite3.connect(path)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        return check, connection.execute("select count(*) from articles").fetchone()[0]
    finally:
        connection.close()


def test_backups_taken_while_a_load_runs_open_and_pass_integrity_check(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    db_path = tmp_path / "newsroom.db"
    open_db(db_path).close()
    load = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "load", str(corpus), "--db", str(db_path), "--no-progress"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    copies = []
    try:
        while load.poll() is None or not copies:
            if integrity(db_path)[1] == 0 and load.poll() is None:
                time.sleep(0.05)  # wait for the first articles
                continue
            target = tmp_path / "backups" / f"copy-{len(copies)}.db"
            result = newsbot("backup", str(target), "--db", str(db_path), cwd=tmp_path)
            assert result.returncode == 0, result.stderr
            copies.append((target, result.stdout))
    finally:
        stdout, stderr = load.communicate(timeout=300)
    assert load.returncode == 0, stderr
    assert stdout.count("loaded") >= ARTICLES
    during = [(target, out) for target, out in copies if integrity(target)[1] < ARTICLES]
    assert during, "no backup was taken while the load was still writing"
    for target, out in copies:
        check, articles = integrity(target)
        assert check == "ok"
        assert 0 < articles <= ARTICLES
        assert out.startswith(f"backed up {db_path} to {target}: {articles} articles, ")
        assert out.rstrip().endswith("MB, integrity ok")
    assert not list((tmp_path / "backups").glob("*.partial"))
    final = tmp_path / "final.db"
    backup_database(db_path, final)
    assert integrity(final) == ("ok", ARTICLES)
    db = open_db(final)  # the copy is a working newsroom database
    assert db.execute("select count(*) from articles_fts").fetchone()[0] == ARTICLES
    db.close()


def test_problems_are_one_line_and_exit_2_and_leave_nothing_behind(tmp_path):
    result = newsbot("backup", str(tmp_path / "copy.db"), "--db", str(tmp_path / "missing.db"), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"Error: no database at {tmp_path / 'missing.db'}; nothing to back up\n")
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "missing.db").exists()

    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    (tmp_path / "old.db").write_text("keep me")
    result = newsbot("backup", str(tmp_path / "old.db"), "--db", str(db_path), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"Error: {tmp_path / 'old.db'} already exists; choose a new file or pass --overwrite\n")
    assert (tmp_path / "old.db").read_text() == "keep me"
    result = newsbot("backup", str(tmp_path / "old.db"), "--overwrite", "--db", str(db_path), cwd=tmp_path)
    assert result.returncode == 0 and integrity(tmp_path / "old.db") == ("ok", 0)


def test_the_database_itself_is_never_the_target(tmp_path):
    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    try:
        backup_database(db_path, db_path, overwrite=True)
    except BackupError as exc:
        assert str(exc) == f"{db_path} is the database itself"
    else:
        raise AssertionError("backing up onto the database itself was allowed")
    assert integrity(db_path)[0] == "ok"
