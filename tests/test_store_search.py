"""Full-text search: Dutch stemming and query escaping."""

import pytest

from store.search import fts_query, search_articles, stem_text


def insert(db, id_, title, text, date="2025-04"):
    db["articles"].insert(
        {
            "id": id_, "path": f"{id_}.txt", "title": title, "text": text, "date": date,
            "text_stemmed": stem_text(f"{title}\n{text}"), "content_hash": f"h{id_}",
            "loaded_at": "2025-01-01T00:00:00",
        }
    )


@pytest.fixture
def corpus(db):
    insert(db, 1, "Nieuwe aanvallen op Kiev", "Rusland heeft de hoofdstad opnieuw aangevallen met drones.")
    insert(db, 2, "Ajax wint", "Ajax won zondag met 3-1 van Feyenoord in een volle Johan Cruijff ArenA.", "2025-05-04")
    insert(db, 3, None, "De aanval op Oekraïne veroorzaakte schade aan gebouwen.", "2025-03")
    return db


def test_stemming_finds_inflected_forms(corpus):
    assert [r["id"] for r in search_articles(corpus, "aanval")] == [1, 3]
    assert [r["id"] for r in search_articles(corpus, "aanvallen")] == [1, 3]


def test_diacritics_are_folded(corpus):
    assert [r["id"] for r in search_articles(corpus, "oekraine")] == [3]
    assert [r["id"] for r in search_articles(corpus, "Oekraïne")] == [3]


def test_snippet_shows_the_matching_words(corpus):
    (hit,) = search_articles(corpus, "feyenoord")
    assert hit["title"] == "Ajax wint"
    assert hit["date"] == "2025-05-04"
    assert "Feyenoord" in hit["snippet"]


@pytest.mark.parametrize("query", ['"AND( *', "NOT", "OR OR", "a*b", '"', "(", ")", "NEAR(x y)", "^", "-", "'", ":"])
def test_fts_syntax_in_user_text_never_raises(corpus, query):
    assert isinstance(search_articles(corpus, query), list)


def test_query_words_are_quoted():
    assert fts_query('"AND( *') == '"and"'
    assert fts_query("  *  ") is None
    assert fts_query("Ajax wint") == '"ajax" "wint"'


# --- ranking inside FTS5, then joining the best rows -------------------------------


@pytest.fixture
def copies(db):
    """The same text five times (equal ranks), dated apart, plus a weaker match."""
    for id_, date in ((1, "2025-01-05"), (2, "2025-03-01"), (3, "2025-02"), (4, "2025-02-10"), (5, None)):
        insert(db, id_, "Drones boven Kiev", "Drones vielen de stad aan.", date)
    insert(db, 6, "Weerbericht", "Regen, wind en in de verte een enkele drone boven zee bij Scheveningen.", "2025-04-01")
    return db


def test_equal_ranks_are_ordered_newest_first_across_the_limit(copies):
    assert [r["id"] for r in search_articles(copies, "drones", limit=2)] == [2, 4]
    assert [r["id"] for r in search_articles(copies, "drones", limit=2, offset=2)] == [3, 1]
    assert [r["id"] for r in search_articles(copies, "drones", limit=10)] == [2, 4, 3, 1, 5, 6]


def test_paging_beyond_the_matches_is_empty(copies):
    assert search_articles(copies, "drones", limit=3, offset=6) == []
    assert search_articles(copies, "drones", limit=2, offset=9000) == []  # too many to pass: ranked in SQL
    assert search_articles(copies, "drones", limit=0) == []
