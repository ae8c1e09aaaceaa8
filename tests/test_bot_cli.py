"""The newsbot CLI: load, search, stats, extract (--json and --jsonl), exit codes."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def run(nlp, tmp_path, monkeypatch):
    """Run newsbot in-process with a database in tmp_path; the pipeline is built once per session."""
    monkeypatch.chdir(tmp_path)  # no stray config.toml; data/ lands in tmp_path
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def test_load_seeds_then_unchanged(run, tmp_path):
    db = tmp_path / "news.db"
    first = run("load", SEEDS, "--db", db)
    assert first.exit_code == 0
    lines = first.output.splitlines()
    assert [line.split()[0] for line in lines[:5]] == ["loaded"] * 5
    assert "001_381fc01c96dd84e7.txt  #2  Duitsland verwijt Poetin spelletjes te spelen na nieuwe aanvallen" in lines[1]
    assert lines[-1] == "5 files: 5 loaded, 0 unchanged, 0 replaced, 0 failed"
    again = run("load", SEEDS, "--db", db)
    assert again.exit_code == 0
    assert again.output.splitlines()[-1] == "5 files: 0 loaded, 5 unchanged, 0 replaced, 0 failed"


def test_default_database_is_data_newsroom_db(run, tmp_path):
    result = run("load", SEEDS / "000_5d1d5f554ff8995c.txt")
    assert result.exit_code == 0
    assert (tmp_path / "data" / "newsroom.db").is_file()


def test_bad_files_exit_1_and_are_named(run, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "c_cp1252.txt").write_bytes("„Goed nieuws”, zei Zoë Jansen in Rotterdam.\n".encode("cp1252"))
    db = tmp_path / "news.db"
    result = run("load", folder, "--db", db)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"failed     {folder / 'a_empty.txt'}: ")
    assert lines[1].startswith(f"failed     {folder / 'b_binary.txt'}: ")
    assert lines[2].startswith(f"loaded     {folder / 'c_cp1252.txt'}  #1")
    assert lines[-1] == "3 files: 1 loaded, 0 unchanged, 0 replaced, 2 failed"
    search = run("search", "goed nieuws", "--db", db)
    assert "„Goed nieuws”, zei Zoë Jansen in Rotterdam." in search.output


def test_usage_errors_exit_2(run):
    assert run("load").exit_code == 2
    assert run("extract").exit_code == 2
    assert run("extract", "--json").exit_code == 2
    assert run("load", SEEDS, "--config", "missing.toml").exit_code == 2


def test_search_lists_seed_articles_with_date_and_snippet(run, tmp_path):
    db = tmp_path / "news.db"
    run("load", SEEDS, "--db", db)
    result = run("search", "aanval", "--db", db)
    assert result.exit_code == 0
    heads = [line for line in result.output.splitlines() if line.startswith("#")]
    assert len(heads) >= 2
    assert "#1  2025-04  (no title)" in heads
    assert "aanval" in result.output.lower()
    assert run("search", '"AND( *', "--db", db).exit_code == 0


def test_stats_counts(run, tmp_path):
    db = tmp_path / "news.db"
    run("load", SEEDS, "--db", db)
    result = run("stats", "--db", db)
    assert "      articles: 5" in result.output.splitlines()
    assert "    first date: 2025-02" in result.output.splitlines()


def test_extract_json_contract(run):
    result = run("extract", "--json", *sorted(SEEDS.glob("*.txt")))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [d["article"] for d in data] == sorted(p.name for p in SEEDS.glob("*.txt"))
    first = data[0]
    assert first["date"] == "2025-04" and first["title"] is None
    assert set(first) >= {"article", "date", "title", "entities", "quotes", "numbers"}
    trump = next(e for e in first["entities"] if e["name"] == "Donald Trump")
    assert trump["type"] == "PER"
    for mention in trump["mentions"]:
        assert first["text"][mention["start"]:mention["end"]] == mention["text"]
    for quote in first["quotes"]:
        assert first["text"][quote["start"]:quote["end"]].split() == quote["text"].split()


def test_extract_jsonl_streams_one_line_per_input(run):
    lines = [
        json.dumps({"id": "a", "text": "Premier Dick Schoof sprak in Den Haag."}),
        "not json",
        json.dumps({"id": 7, "text": "Ajax won met 3-1.", "date": "2025-05-04"}),
    ]
    result = run("extract", "--jsonl", "-", input="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", None, 7]
    assert out[1]["error"].startswith("line 2: ")
    assert {"name": "Dick Schoof", "type": "PER"}.items() <= out[0]["entities"][0].items()
    assert result.exit_code == 1


def test_digest_with_an_impossible_month_is_a_usage_error(run, tmp_path):
    result = run("digest", "--date", "2025-13", "--db", tmp_path / "news.db")
    assert result.exit_code == 2
    assert "--date '2025-13' is not a date; use YYYY-MM-DD or YYYY-MM" in result.output


def test_evaluate_prints_a_table_per_set(run):
    result = run("evaluate", "--set", "seeds", "-v")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "== seeds"
    assert lines[1].split() == ["P", "R", "F1", "tp/pred/gold"]
    assert [line.split()[0] for line in lines[2:8]] == [
        "entities", "entities_typed", "roles", "quotes", "quotes_attributed", "numbers"]
    assert lines[2].split()[-1].endswith("/88")  # the seeds' gold has 88 entities


def test_evaluate_unknown_set_is_a_usage_error(run):
    result = run("evaluate", "--set", "nosuchset")
    assert result.exit_code == 2
    assert "unknown gold set 'nosuchset'; choose from seeds, heldout, meantime, heldout2" in result.output
