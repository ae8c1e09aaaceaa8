"""/quotes and /timeline through the dispatcher."""

import pytest

from handlers.quotes import split_about


def test_quotes_newest_first_with_sources(news_db, run_command):
    reply = run_command(news_db, "/quotes Trump")
    assert reply.plain_text() == (
        "Citaten van Donald Trump\n\n"
        "• “Vladimir, STOP!” — Donald Trump [#1, 2025-04-10]\n"
        "• “zeer goed” — Donald Trump [#3, 2025-03-20]\n\n"
        "→ /timeline Donald Trump"
    )
    assert reply.sections[0].lines[0].strong == "Vladimir, STOP!"


def test_citaten_about_word_in_english(news_db, run_command):
    reply = run_command(news_db, "/citaten Zelensky about vrede", language="en")
    assert reply.title == "Quotes by Volodymyr Zelensky about “vrede”"
    assert [line.text for line in reply.sections[0].lines] == ["“Wij zijn klaar voor vrede” — Volodymyr Zelensky"]


def test_quotes_about_without_name(news_db, run_command):
    reply = run_command(news_db, "/quotes over vrede")
    assert reply.title == "Citaten over “vrede”"
    assert [(line.text, line.source.article_id) for line in reply.sections[0].lines] == [
        ("“Wij willen vrede.” — Vladimir Poetin", 2),
        ("“Wij zijn klaar voor vrede” — Volodymyr Zelensky", 3),
    ]


def test_all_quotes(news_db, run_command):
    reply = run_command(news_db, "/quotes")
    assert reply.title == "Laatste citaten"
    assert len(reply.sections[0].lines) == 5


def test_no_quotes(news_db, run_command):
    assert run_command(news_db, "/quotes Rutte").plain_text() == "Geen citaten van Mark Rutte gevonden."
    reply = run_command(news_db, "/quotes Trump about drones")
    assert (reply.kind, reply.title) == ("not_found", "Geen citaten gevonden over “drones”.")


def test_quotes_unknown_name(news_db, run_command):
    assert run_command(news_db, "/quotes Xyzzy").kind == "not_found"


@pytest.mark.parametrize(
    "args, expected",
    [
        ("Trump about Poetin", ("Trump", "Poetin")),
        ("Marco Rubio over de vrede", ("Marco Rubio", "de vrede")),
        ("about drones", ("", "drones")),
        ("Trump", ("Trump", "")),
        ("", ("", "")),
    ],
)
def test_split_about(args, expected):
    assert split_about(args) == expected


def test_timeline(news_db, run_command):
    reply = run_command(news_db, "/tijdlijn Trump")
    assert reply.plain_text() == (
        "Tijdlijn van Donald Trump\n\n"
        "2025-03-20 · Zelensky wil staakt-het-vuren\n"
        "• citaat: “zeer goed” [#3, 2025-03-20]\n\n"
        "2025-04-10 · Rubio bevestigt nieuwe gesprekken in Londen\n"
        "• citaat: “Vladimir, STOP!” [#1, 2025-04-10]\n\n"
        "→ /who Donald Trump | /quotes Donald Trump"
    )


def test_timeline_roles_and_mentions_in_english(news_db, run_command):
    reply = run_command(news_db, "/timeline Witkoff", language="en")
    assert reply.title == "Timeline of Steve Witkoff"
    assert [line.text for line in reply.sections[0].lines] == ["role: Amerikaanse gezant"]
    reply = run_command(news_db, "/timeline Rutte")
    assert [line.text for line in reply.sections[0].lines] == ["rol: NAVO-chef"]
    reply = run_command(news_db, "/timeline Moskou")
    assert [line.text for line in reply.sections[0].lines] == [
        "genoemd: Vladimir Poetin ontmoette de Amerikaanse gezant Steve Witkoff in Moskou."
    ]


def test_timeline_usage_and_unknown(news_db, run_command):
    assert run_command(news_db, "/timeline").kind == "usage"
    assert run_command(news_db, "/timeline Xyzzy").kind == "not_found"


def _store_speeches(db, quotes, scare_quotes=(), numbers=()):
    """One article by Eva Smit with ``quotes`` (statements) and ``scare_quotes``."""
    from store.loader import store_article
    from store.model import Article, Entity, Facts, Mention, Number, Quote

    parts = [f"„{q}”, zei Eva Smit." for q in quotes] + [f"Smit noemde het „{q}”." for q in scare_quotes]
    text = " ".join(parts) + " " + " ".join(n[2] + "." for n in numbers)
    found = [Quote(q, text.find(q), text.find(q) + len(q), "Eva Smit", True, "zei", 0.9) for q in quotes]
    found += [Quote(q, text.find(q), text.find(q) + len(q), "Eva Smit", True, "noemde", 0.8, scare=True)
              for q in scare_quotes]
    at = text.find("Eva Smit")
    facts = Facts(
        entities=[Entity("Eva Smit", "PER", ["Smit"], [Mention(at, at + 8, "Eva Smit")])],
        quotes=found,
        numbers=[Number(v, what, span, text.find(span), text.find(span) + len(span)) for v, what, span in numbers],
    )
    result = store_article(db, Article(path="raad.txt", text=text, title="Raad stemt", date="2025-05-02"), facts)
    assert result.status == "loaded"


def test_scare_quotes_are_shown_apart(db, run_command):
    _store_speeches(db, ["Dit plan gaat de stad helpen"], scare_quotes=["onhaalbaar"])
    reply = run_command(db, "/quotes Eva Smit")
    assert [(s.heading, [line.text for line in s.lines]) for s in reply.sections] == [
        (None, ["“Dit plan gaat de stad helpen” — Eva Smit"]),
        ("Losse woorden tussen aanhalingstekens", ["“onhaalbaar” — Eva Smit"]),
    ]


def test_long_lists_page_with_a_more_button(db, run_command):
    said = [f"Dit is uitspraak nummer {n} over de begroting" for n in range(1, 14)]
    _store_speeches(db, said)
    first = run_command(db, "/quotes Eva Smit")
    assert len(first.sections[0].lines) == 10
    assert [(a.label, a.command) for a in first.actions] == [
        ("Meer", "/quotes Eva Smit pagina 2"), ("Tijdlijn", "/timeline Eva Smit")]
    second = run_command(db, "/quotes Eva Smit pagina 2")
    assert second.title == "Citaten van Eva Smit (pagina 2)"
    assert len(second.sections[0].lines) == 3
    assert [a.label for a in second.actions] == ["Tijdlijn"]
    shown = {line.text for line in first.sections[0].lines} | {line.text for line in second.sections[0].lines}
    assert len(shown) == 13
    english = run_command(db, "/quotes Eva Smit about begroting", language="en")
    assert english.actions[0].command == "/quotes Eva Smit about begroting page 2"


def test_numbers_finds_the_votes_article_lists(db, run_command):
    _store_speeches(db, ["Dit plan gaat de stad helpen"], numbers=[
        (31, "raadsleden voor", "31 van de 45 raadsleden stemden voor"), (45, "raadsleden", "45 raadsleden"),
        (14, "raadsleden tegen", "14 tegen")])
    article = run_command(db, "/article 1").plain_text()
    ledger = run_command(db, "/numbers raadsleden").plain_text()
    for amount in ("31", "45", "14"):
        assert amount in article and amount in ledger
