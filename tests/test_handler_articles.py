"""/search, /latest, /article, /numbers and /trending through the dispatcher."""

import pytest

from handlers.reply import Action


def test_search_ranks_with_date_and_snippet(news_db, run_command):
    reply = run_command(news_db, "/zoek drones")
    assert reply.title == "Zoekresultaten voor “drones”"
    assert [(line.source.article_id, line.source.date) for line in reply.sections[0].lines] == [
        (2, "2025-04-03"),
        (1, "2025-04-10"),
    ]
    assert reply.sections[0].lines[1].text.startswith("Rubio bevestigt nieuwe gesprekken in Londen — …")
    assert "40 drones" in reply.sections[0].lines[1].text
    assert reply.actions == (Action("Artikel 2", "/article 2"), Action("Artikel 1", "/article 1"))


def test_search_stems_dutch(news_db, run_command):
    reply = run_command(news_db, "/search aanval", language="en")
    assert [line.source.article_id for line in reply.sections[0].lines] == [3, 1]
    assert reply.actions[0] == Action("Article 3", "/article 3")


@pytest.mark.parametrize("query", ['"AND( *', "NOT", "*", "(", "drones OR", "NEAR(a b)"])
def test_search_malformed_queries_answer(news_db, run_command, query):
    reply = run_command(news_db, f"/search {query}")
    assert reply.kind in ("answer", "not_found")
    assert reply.title in (f"Niets gevonden voor “{query}”.", f"Zoekresultaten voor “{query}”")


def test_search_nothing_and_usage(news_db, run_command):
    assert run_command(news_db, "/search xyzzy").plain_text() == "Niets gevonden voor “xyzzy”."
    assert run_command(news_db, "/search").plain_text() == "Gebruik: /search ZOEKTERMEN"


def test_latest(news_db, run_command):
    reply = run_command(news_db, "/laatste 2")
    assert reply.plain_text() == (
        "Nieuwste artikelen\n\n"
        "• #1 Rubio bevestigt nieuwe gesprekken in Londen [#1, 2025-04-10]\n"
        "• #2 Vladimir Poetin ontmoette de Amerikaanse gezant Steve Witkoff in Moskou. [#2, 2025-04-03]\n\n"
        "→ /article 1 | /article 2"
    )
    assert len(run_command(news_db, "/latest").sections[0].lines) == 4


def test_latest_bad_count_and_empty_store(news_db, db, run_command):
    assert run_command(news_db, "/latest veel").plain_text() == "Gebruik: /latest [AANTAL]"
    assert run_command(news_db, "/latest 0", language="en").plain_text() == "Usage: /latest [N]"


def test_latest_on_empty_store(db, run_command):
    reply = run_command(db, "/latest")
    assert (reply.kind, reply.title) == ("not_found", "Er zijn nog geen artikelen geladen.")


def test_article(news_db, run_command):
    reply = run_command(news_db, "/artikel 1")
    assert reply.plain_text() == (
        "#1 Rubio bevestigt nieuwe gesprekken in Londen\n\n"
        "Over dit artikel\n"
        "• Datum: 2025-04-10\n"
        "• Lengte: 36 woorden\n\n"
        "Personen\n"
        "• Marco Rubio, Amerikaanse minister van Buitenlandse Zaken [#1, 2025-04-10]\n"
        "• Donald Trump [#1, 2025-04-10]\n\n"
        "Plaatsen\n"
        "• Londen [#1, 2025-04-10]\n\n"
        "Cijfers\n"
        "• 40 drones — “40 drones” [#1, 2025-04-10]\n"
        "• zeker 12 doden — “zeker twaalf doden” [#1, 2025-04-10]\n\n"
        "Citaten\n"
        "• “We zijn dicht bij een akkoord” — Marco Rubio [#1, 2025-04-10]\n"
        "• “Vladimir, STOP!” — Donald Trump [#1, 2025-04-10]\n\n"
        "→ /who Marco Rubio | /who Donald Trump"
    )


def test_article_in_english_with_hash(news_db, run_command):
    reply = run_command(news_db, "/article #4", language="en")
    assert reply.title == "#4 Rutte spreekt Carney"
    assert [s.heading for s in reply.sections] == ["About this article", "People", "Organisations"]
    assert [line.text for line in reply.sections[1].lines] == ["Mark Rutte, NAVO-chef", "Mark Carney, Canadese premier"]
    assert reply.sections[0].lines[0].text == "Date: 2025-01"


def test_article_not_found_and_usage(news_db, run_command):
    assert run_command(news_db, "/article 99").plain_text() == "Geen artikel met nummer 99."
    assert run_command(news_db, "/article een").kind == "usage"
    # found by fuzzing (tests/test_reliability_fuzz.py): "²".isdigit() is True, int("²") raises
    assert run_command(news_db, "/article ²").kind == "usage"
    assert run_command(news_db, "/article ١٢").kind == "usage"


def test_numbers_ledger_per_article(news_db, run_command):
    reply = run_command(news_db, "/cijfers drone")
    assert reply.plain_text() == (
        "Cijfers over “drone”\n\n"
        "2025-04-10 · Rubio bevestigt nieuwe gesprekken in Londen\n"
        "• 40 drones — “40 drones” [#1, 2025-04-10]\n\n"
        "2025-04-03 · Vladimir Poetin ontmoette de Amerikaanse gezant Steve Witkoff in Moskou.\n"
        "• 120 drones — “120 drones” [#2, 2025-04-03]\n"
        "• 90 neergehaalde drones — “90 werden neergehaald” [#2, 2025-04-03]\n\n"
        "→ /article 1 | /article 2"
    )


def test_numbers_by_stem_in_english(news_db, run_command):
    reply = run_command(news_db, "/numbers dood", language="en")
    assert reply.title == "Numbers on “dood”"
    assert [line.text for s in reply.sections for line in s.lines] == [
        "zeker 12 doden — “zeker twaalf doden”",
        "3 doden — “3 doden”",
    ]


def test_numbers_unknown_topic_lists_known_ones(news_db, run_command):
    reply = run_command(news_db, "/numbers tanks")
    assert reply.plain_text() == (
        "Geen cijfers gevonden over “tanks”.\n\n"
        "• Onderwerpen met cijfers: doden, drones\n\n"
        "→ /numbers doden | /numbers drones"
    )
    assert run_command(news_db, "/numbers").kind == "usage"
    assert run_command(news_db, "/numbers ((*").kind == "not_found"


def test_trending_against_period_before(news_db, run_command):
    reply = run_command(news_db, "/trending 14")
    assert reply.plain_text() == (
        "Trending: 14 dagen tot en met 2025-04-10\n\n"
        "Meest genoemd (verschil met de 14 dagen ervoor)\n"
        "• Marco Rubio: 1 artikel (nieuw) [#1, 2025-04-10]\n"
        "• Vladimir Poetin: 1 artikel (nieuw) [#2, 2025-04-03]\n"
        "• Donald Trump: 1 artikel (gelijk) [#1, 2025-04-10]\n"
        "• Steve Witkoff: 1 artikel (nieuw) [#2, 2025-04-03]\n\n"
        "→ /who Marco Rubio | /who Vladimir Poetin | /who Donald Trump"
    )


def test_trending_counts_change_in_english(news_db, run_command):
    reply = run_command(news_db, "/trending 100", language="en")
    assert reply.title == "Trending: 100 days up to 2025-04-10"
    assert [line.text for line in reply.sections[0].lines][:2] == [
        "Donald Trump: 2 articles (new)",
        "Marco Rubio: 1 article (new)",
    ]


def test_trending_default_period_and_usage(news_db, run_command):
    reply = run_command(news_db, "/trending")
    assert [line.text for line in reply.sections[0].lines] == [
        "Marco Rubio: 1 artikel (nieuw)",
        "Donald Trump: 1 artikel (nieuw)",
    ]
    assert run_command(news_db, "/trending -3").kind == "usage"


def test_trending_empty_store(db, run_command):
    assert run_command(db, "/trending").kind == "not_found"


@pytest.mark.parametrize(
    "number, language, expected",
    [
        ({"value": 1000, "qualifier": "duizenden"}, "nl", "duizenden"),
        ({"value": 12, "qualifier": "zeker"}, "nl", "zeker 12"),
        ({"value": 1200, "qualifier": None}, "nl", "1.200"),
        ({"value": 1200, "qualifier": None}, "en", "1,200"),
        ({"value": 3.5, "qualifier": "ruim"}, "nl", "ruim 3,5"),
        ({"value": 1234.5, "qualifier": ""}, "en", "1,234.5"),
    ],
)
def test_number_amount(number, language, expected):
    from handlers.common import number_amount

    assert number_amount(number, language) == expected


def test_trending_ignores_undated_articles_unless_all_are(db, run_command):
    from conftest import HANDLER_ARTICLES, handler_facts

    from store.loader import store_article
    from store.model import Article

    spec = HANDLER_ARTICLES[3]
    store_article(db, Article(path="n.txt", text=spec["text"], title=spec["title"]), handler_facts(spec))
    today_only = run_command(db, "/trending 1")
    assert [line.text for line in today_only.sections[0].lines] == [
        "NAVO: 1 artikel (nieuw)",
        "Mark Carney: 1 artikel (nieuw)",
        "Mark Rutte: 1 artikel (nieuw)",
    ]
    spec = HANDLER_ARTICLES[0]
    article = Article(path=spec["path"], text=spec["text"], title=spec["title"], date=spec["date"])
    store_article(db, article, handler_facts(spec))
    reply = run_command(db, "/trending 1")
    assert reply.title == "Trending: 1 dag tot en met 2025-04-10"
    assert [line.strong for line in reply.sections[0].lines] == ["Marco Rubio", "Donald Trump"]
