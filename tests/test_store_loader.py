"""Loading: idempotency by content hash, replacement in one transaction, bad files, linking."""

from pathlib import Path

import pytest

from store.loader import forget_article, load_bytes, load_paths, store_article
from store.model import Article, Entity, Facts, Mention, Number, Quote, Role

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = """ date 2025-05-12 Premier Dick Schoof sprak maandag in Den Haag met de Franse president Emmanuel Macron.

„We staan samen achter Oekraïne”, zei Schoof na afloop.

Bij de overstromingen in Limburg kwamen zeker drie mensen om het leven.
"""


def counts(db):
    return {t: db[t].count for t in ("articles", "entities", "mentions", "quotes", "numbers")}


def test_seeds_load_once_then_are_unchanged(db, nlp):
    first = load_paths(db, [SEEDS], nlp=nlp)
    assert [r.status for r in first] == ["loaded"] * 5
    before = counts(db)
    assert before["entities"] > 20 and before["quotes"] > 10
    again = load_paths(db, [SEEDS], nlp=nlp)
    assert [r.status for r in again] == ["unchanged"] * 5
    assert [r.article_id for r in again] == [r.article_id for r in first]
    assert counts(db) == before


def test_a_changed_file_replaces_the_old_version_and_its_facts(db, nlp, tmp_path):
    path = tmp_path / "schoof.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (loaded,) = load_paths(db, [path], nlp=nlp)
    assert loaded.status == "loaded"
    old_quotes = [r["text"] for r in db["quotes"].rows]
    assert old_quotes == ["We staan samen achter Oekraïne"]

    path.write_text(ARTICLE.replace("We staan samen achter Oekraïne", "Europa moet sneller beslissen"), encoding="utf-8")
    (replaced,) = load_paths(db, [path], nlp=nlp)
    assert replaced.status == "replaced"
    assert replaced.article_id == loaded.article_id
    assert db["articles"].count == 1
    assert [r["text"] for r in db["quotes"].rows] == ["Europa moet sneller beslissen"]
    assert db.execute("select count(*) from mentions where article_id != ?", [loaded.article_id]).fetchone() == (0,)


def test_same_url_replaces_even_from_another_file(db, nlp):
    first = load_bytes(db, "a.json", b'{"title": "T", "text": "Eerste versie over Ajax.", "url": "https://x.nl/1"}', nlp)
    second = load_bytes(db, "b.json", b'{"title": "T", "text": "Tweede versie over Ajax.", "url": "https://x.nl/1"}', nlp)
    assert [first[0].status, second[0].status] == ["loaded", "replaced"]
    assert [r["text"] for r in db["articles"].rows] == ["Tweede versie over Ajax."]


def test_a_crash_while_storing_leaves_the_database_as_it_was(db, nlp, tmp_path):
    path = tmp_path / "schoof.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    load_paths(db, [path], nlp=nlp)
    before = counts(db)
    stored_text = db["articles"].get(1)["text"]

    class CrashingFacts(Facts):
        def sentence_at(self, text, offset):  # called after the article row is written
            raise RuntimeError("disk on fire")

    facts = CrashingFacts(entities=[Entity("Dick Schoof", "PER", mentions=[Mention(0, 4, "Dick")])])
    with pytest.raises(RuntimeError):
        store_article(db, Article(path=str(path), text="Nieuwe tekst over Dick Schoof."), facts)
    assert counts(db) == before
    assert db["articles"].get(1)["text"] == stored_text


def test_bad_files_are_named_and_good_ones_still_load(db, nlp, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "cp1252.txt").write_bytes("„Het is koud”, zei Zoë de Vries in Utrecht.\n".encode("cp1252"))
    results = {Path(r.path).name: r for r in load_paths(db, [folder], nlp=nlp)}
    assert results["empty.txt"].status == "failed"
    assert results["binary.txt"].status == "failed"
    assert results["empty.txt"].reason and results["binary.txt"].reason
    assert results["cp1252.txt"].status == "loaded"
    (row,) = db["articles"].rows
    assert row["text"] == "„Het is koud”, zei Zoë de Vries in Utrecht."


def test_missing_paths_and_empty_globs_fail_clearly(db, nlp, tmp_path):
    results = load_paths(db, [tmp_path / "nope.txt", str(tmp_path / "*.md")], nlp=nlp)
    assert [(r.status, r.reason) for r in results] == [
        ("failed", "no such file or folder"),
        ("failed", "no file matches this pattern"),
    ]


def test_entities_link_across_articles(db, nlp):
    """"Zelensky" in one article and "Volodymyr Zelensky" in another are one entity."""
    store_article(db, Article("a.txt", "Zelensky sprak."), Facts(entities=[Entity("Zelensky", "PER", mentions=[Mention(0, 8, "Zelensky")])]))
    store_article(db, Article("b.txt", "Volodymyr Zelenskyy sprak."), Facts(entities=[
        Entity("Volodymyr Zelenskyy", "PER", mentions=[Mention(0, 19, "Volodymyr Zelenskyy")])]))
    store_article(db, Article("c.txt", "Zelenski sprak."), Facts(entities=[Entity("Zelenski", "PER", mentions=[Mention(0, 8, "Zelenski")])]))
    (entity,) = db["entities"].rows
    assert entity["name"] == "Volodymyr Zelenskyy"
    assert sorted(r["alias"] for r in db["aliases"].rows) == ["Volodymyr Zelenskyy", "Zelenski", "Zelensky"]
    assert db["mentions"].count == 3


def test_facts_are_stored_with_their_article(db):
    facts = Facts(
        entities=[Entity("Dick Schoof", "PER", ["Schoof"], [Mention(8, 19, "Dick Schoof")], [Role("premier", 0, 7)])],
        quotes=[Quote("We gaan door", 40, 52, "Dick Schoof", True, "zei", 0.9)],
        numbers=[Number(3.0, "doden", "drie doden", 60, 70, None, "doden")],
        sentences=[(0, 38), (38, 64), (64, 86)],
    )
    text = "Premier Dick Schoof sprak in Den Haag. „We gaan door”, zei hij. Er vielen drie doden."
    result = store_article(db, Article("x.txt", text, date="2025-05"), facts)
    assert result.status == "loaded"
    (role,) = db["roles"].rows
    assert (role["role"], role["date"], role["article_id"]) == ("premier", "2025-05", result.article_id)
    (quote,) = db["quotes"].rows
    assert quote["entity_id"] == db["entities"].get(1)["id"]
    (mention,) = db["mentions"].rows
    assert mention["sentence"] == "Premier Dick Schoof sprak in Den Haag."


def test_forget_removes_the_article_and_orphaned_entities(db):
    facts = Facts(entities=[Entity("Ajax", "ORG", mentions=[Mention(0, 4, "Ajax")])])
    result = store_article(db, Article("x.txt", "Ajax won."), facts)
    assert forget_article(db, result.article_id) is True
    assert counts(db) == {"articles": 0, "entities": 0, "mentions": 0, "quotes": 0, "numbers": 0}
    assert forget_article(db, result.article_id) is False


def test_upload_names_are_reduced_to_a_base_name(db, nlp):
    (result,) = load_bytes(db, "../../etc/evil.txt", b"Ajax won zondag.", nlp)
    assert result.status == "loaded"
    assert db["articles"].get(result.article_id)["path"] == "evil.txt"


def test_a_surname_only_article_joins_the_one_full_name_met_later(db):
    store_article(db, Article("a.txt", "Poetin sprak."), Facts(entities=[
        Entity("Poetin", "PER", ["Vladimir"], [Mention(0, 6, "Poetin")])]))
    store_article(db, Article("b.txt", "Vladimir Poetin sprak. Poetin zweeg."), Facts(entities=[
        Entity("Vladimir Poetin", "PER", ["Poetin"], [Mention(0, 15, "Vladimir Poetin"), Mention(23, 29, "Poetin")])]))
    (entity,) = db["entities"].rows
    assert (entity["name"], entity["key"]) == ("Vladimir Poetin", "vladimir poetin")
    assert sorted(r["alias"] for r in db["aliases"].rows) == ["Poetin", "Vladimir", "Vladimir Poetin"]
