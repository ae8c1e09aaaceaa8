"""Odd files in a `newsbot load` batch, terminal control sequences in articles, broken databases.

Each bad file (or bad line of a JSON Lines file) gets exactly one ``failed`` line with its reason
and every good file beside it still loads. Escape sequences in article text are stored and
printed without their control characters. Every database problem is one line naming the file,
exit 2; the read-only commands never create a database.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.generate import generate_article
from bot.cli import cli
from store.articles import read_bytes
from store.db import open_db
from store.model import BadRecord

NEWSBOT = Path(sys.executable).parent / "newsbot"
GOOD = generate_article(11).file_text()
GOOD_TOO = generate_article(12).file_text()
OSC52 = "\x1b]52;c;ZWNobyBvd25lZA==\x07"  # "set the clipboard" (OSC 52)
CSI = "\x1b[2J\x1b[31m"  # clear the screen, red


def html_declaring(charset: str) -> bytes:
    body = "<p>De burgemeester van Utrecht opende dinsdag het nieuwe station. " * 5 + "</p>"
    page = f'<html><head><meta charset="{charset}"><title>Station</title></head><body><article>{body}</article></body></html>'
    return page.encode("cp1252") + b"\xe9"  # one non-UTF-8 byte: the declared charset is used


def limit_memory() -> None:  # the child must not take the shared machine's memory if /dev/zero is read
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def run_newsbot(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSBOT), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit_memory,
    )


# --- odd files: one failed line each, the rest loads -------------------------------------------


def test_one_failed_line_per_odd_file_and_the_good_files_load(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "big_int.json").write_text('{"text": "Een tekst.", "id": ' + "7" * 4400 + "}", encoding="utf-8")
    (folder / "surrogate.json").write_text('{"text": "Kiev \\ud800 brandt."}', encoding="utf-8")
    for charset in ("rot13", "undefined", "zlib"):
        (folder / f"charset_{charset}.html").write_bytes(html_declaring(charset))
    (folder / "z_good.txt").write_text(GOOD_TOO, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run_newsbot("load", folder, "/dev/zero", fifo, "--db", tmp_path / "news.db", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith("failed")]
    assert sorted(failed) == sorted(
        [
            f"failed     {folder}/big_int.json: not valid JSON: a number with more than 4300 digits",
            f"failed     {folder}/surrogate.json: the text holds an unpaired surrogate (\\ud800), not text",
            f"failed     {folder}/charset_rot13.html: the page declares charset rot13, which is no text encoding",
            f"failed     {folder}/charset_undefined.html: the page declares charset undefined, which is no text encoding",
            f"failed     {folder}/charset_zlib.html: the page declares charset zlib, which is no text encoding",
            "failed     /dev/zero: not a regular file (a device)",
            f"failed     {fifo}: not a regular file (a named pipe)",
        ]
    )
    assert sum(line.startswith("loaded") for line in lines) == 2
    assert lines[-1] == "9 files: 2 loaded, 0 unchanged, 0 replaced, 7 failed"
    assert result.returncode == 1


def test_one_bad_json_lines_line_fails_alone(tmp_path, db, nlp):
    from store.loader import load_paths

    records = [{"text": GOOD, "title": "Eerste"}, "{broken", {"text": GOOD_TOO, "title": "Derde"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    results = load_paths(db, [path], nlp=nlp)
    assert [(r.path, r.status, r.reason) for r in results] == [
        (f"{path}#1", "loaded", None),
        (f"{path}#2", "failed", "line 2: not valid JSON (Expecting property name enclosed in double quotes)"),
        (f"{path}#3", "loaded", None),
    ]
    assert [row["title"] for row in db["articles"].rows] == ["Eerste", "Derde"]


def test_cli_prints_a_failed_line_for_each_bad_json_lines_line(tmp_path, nlp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": GOOD}), "{broken", json.dumps({"title": "geen tekst"}), json.dumps({"text": GOOD_TOO})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["load", str(path), "--db", str(tmp_path / "n.db")], catch_exceptions=False)
    out = result.output.splitlines()
    assert out[0].startswith(f"failed     {path}  (4 articles: 2 loaded, 2 failed)")
    assert out[1:3] == [
        f"failed     {path}#2: line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        f'failed     {path}#3: line 3: no "text" field',
    ]
    assert out[-1] == "1 files: 0 loaded, 0 unchanged, 0 replaced, 1 failed"
    assert result.exit_code == 1


def test_reader_gives_a_bad_record_for_a_bad_line_only():
    data = b'{"text": "Een."}\n{"text": "Twee \\udfff."}\n'
    found = read_bytes("feed.jsonl", data)
    assert found[0].text == "Een."
    assert found[1] == BadRecord("feed.jsonl#2", "line 2: the text holds an unpaired surrogate (\\udfff), not text")


# --- terminal control sequences ---------------------------------------------------------------


def test_control_sequences_are_stripped_when_stored(db, nlp):
    from store.loader import load_bytes

    plain = "De Oekraïense hoofdstad werd in de nacht van dinsdag op woensdag opnieuw beschoten. "
    text = f"{plain}Kiev{OSC52} werd {CSI}aangevallen.\x1bc Er\x07 vielen\x9b6n doden. Einde.\tKlaar."
    title = f"Aanval{OSC52} op Kiev"
    data = json.dumps({"title": title, "text": text}).encode()
    results = load_bytes(db, "tty.json", data, nlp=nlp)
    assert [r.status for r in results] == ["loaded"]
    stored = db.execute("select title, text from articles").fetchone()
    assert stored == ("Aanval op Kiev", f"{plain}Kiev werd aangevallen. Er vielen doden. Einde.\tKlaar.")


def test_control_sequences_are_never_printed(tmp_path, monkeypatch):
    """An article stored before the cleaning (another tool, an older version) prints clean."""
    monkeypatch.chdir(tmp_path)
    db = open_db(tmp_path / "n.db")
    db["articles"].insert(
        {"path": "old.txt", "title": f"Titel{OSC52}", "text": f"Oud {CSI}artikel\x1b[0m over Kiev.",
         "text_stemmed": "oud artikel over kiev", "content_hash": "x", "loaded_at": "2025-01-01T00:00:00"}
    )  # fmt: skip
    db.close()
    runner = CliRunner()
    for args in (["ask", "/article 1"], ["ask", "/latest"], ["search", "kiev"]):
        result = runner.invoke(cli, [*args, "--db", str(tmp_path / "n.db")], catch_exceptions=False)
        assert "\x1b" not in result.output and "\x07" not in result.output, args
        assert "artikel" in result.output


# --- database problems: one line naming the file, exit 2 --------------------------------------


def other_application_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("create table contacts (id integer primary key, name text)")
    conn.execute("insert into contacts (name) values ('Anna')")
    conn.commit()
    conn.close()


def database_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a text file, not a database\n" * 50)
    other = tmp_path / "contacts.db"
    other_application_db(other)
    return {
        "folder": (folder, f"database {folder}: this is a folder, not a database file"),
        "corrupt": (corrupt, f"database {corrupt}: the file is damaged or not an SQLite database"),
        "junk": (junk, f"database {junk}: the file is damaged or not an SQLite database"),
        "other": (other, f"database {other}: another application's SQLite database (tables: contacts); use another --db"),
    }


@pytest.mark.parametrize("case", ["folder", "corrupt", "junk", "other"])
@pytest.mark.parametrize("command", [["load", "SEED"], ["stats"], ["ask", "/stats"], ["search", "kiev"]])
def test_database_problems_are_one_line_and_exit_2(tmp_path, monkeypatch, case, command):
    monkeypatch.chdir(tmp_path)
    path, message = database_cases(tmp_path)[case]
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_5d1d5f554ff8995c.txt"
    before = path.read_bytes() if path.is_file() else None
    args = [str(seed) if a == "SEED" else a for a in command]
    result = CliRunner().invoke(cli, [*args, "--db", str(path)])
    assert result.exit_code == 2
    assert result.output == f"Error: {message}\n"
    if before is not None:
        assert path.read_bytes() == before  # nothing written: no migrations table, no WAL
        assert not Path(f"{path}-wal").exists()


def read_only_command(folder: Path, args: list[str]) -> list[str]:
    """``newsbot ARGS`` with ``folder`` read-only: a read-only bind mount in a private mount
    namespace when we are root (root writes whatever the mode), else the folder's mode."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        (folder / "n.db").chmod(0o444)
        return [str(NEWSBOT), *args]
    if not shutil.which("unshare"):
        pytest.skip("root without unshare: no way to make a folder read-only")
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh", str(NEWSBOT), *args]


def test_read_only_database_is_one_line(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    open_db(folder / "n.db").close()
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_5d1d5f554ff8995c.txt"
    command = read_only_command(folder, ["load", str(seed), "--db", str(folder / "n.db")])
    try:
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    if "unshare" in command[0] and "Operation not permitted" in result.stderr:
        pytest.skip("no permission for a private mount namespace")
    assert result.stderr == f"Error: database {folder / 'n.db'}: read-only (file or folder not writable)\n"
    assert result.returncode == 2


@pytest.mark.parametrize("command", [["stats"], ["ask", "/who Rubio"], ["search", "kiev"]])
def test_read_only_commands_never_create_a_database(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2
    assert result.output == "Error: no database at data/newsroom.db; load articles first\n"
    assert not (tmp_path / "data").exists()
