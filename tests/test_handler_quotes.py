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
