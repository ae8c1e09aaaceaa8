"""/who through the dispatcher on the hand-made articles (tests/conftest.py HANDLER_ARTICLES)."""

from handlers.reply import Action, Source

RUBIO_NL = """Marco Rubio (persoon)

Rollen
• Amerikaanse minister van Buitenlandse Zaken [#1, 2025-04-10]

Berichtgeving
• Genoemd in 1 artikel, op 2025-04-10
• Ook geschreven als: Rubio

Laatste vermeldingen
• De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde nieuwe gesprekken in Londen. [#1, 2025-04-10]

Vaak samen genoemd met
• Donald Trump (1 artikel samen) [#1, 2025-04-10]

→ /quotes Marco Rubio | /timeline Marco Rubio"""


def test_who_rubio(news_db, run_command):
    reply = run_command(news_db, "/who Rubio")
    assert reply.kind == "answer"
    assert reply.plain_text() == RUBIO_NL
    role = reply.sections[0].lines[0]
    assert role.source == Source(1, "Rubio bevestigt nieuwe gesprekken in Londen", "2025-04-10")
    assert reply.actions == (Action("Citaten", "/quotes Marco Rubio"), Action("Tijdlijn", "/timeline Marco Rubio"))


def test_wie_alias_lower_case_and_english(news_db, run_command):
    reply = run_command(news_db, "/wie rubio", language="en")
    assert reply.title == "Marco Rubio (person)"
    assert [s.heading for s in reply.sections] == ["Roles", "Coverage", "Latest mentions", "Often mentioned with"]
    assert reply.sections[1].lines[0].text == "Mentioned in 1 article, on 2025-04-10"
    assert reply.actions[0] == Action("Quotes", "/quotes Marco Rubio")


def test_who_over_several_articles(news_db, run_command):
    reply = run_command(news_db, "/who trump")
    assert reply.title == "Donald Trump (persoon)"
    assert [s.heading for s in reply.sections] == ["Berichtgeving", "Laatste vermeldingen", "Vaak samen genoemd met"]
    assert [line.text for line in reply.sections[0].lines] == [
        "Genoemd in 2 artikelen, 2025-03-20 tot 2025-04-10",
        "Ook geschreven als: Trump",
    ]
    assert [(line.text, line.source.article_id) for line in reply.sections[1].lines] == [
        ("Donald Trump schreef: „Vladimir, STOP!”", 1),
        ("De Oekraïense president Volodymyr Zelensky sprak met Donald Trump.", 3),
    ]
    assert [line.text for line in reply.sections[2].lines] == [
        "Marco Rubio (1 artikel samen)",
        "Volodymyr Zelensky (1 artikel samen)",
    ]


def test_who_transliterations(news_db, run_command):
    assert run_command(news_db, "/who Putin").title == "Vladimir Poetin (persoon)"
    assert run_command(news_db, "/who Zelenskyy").title == "Volodymyr Zelensky (persoon)"
    assert run_command(news_db, "/who Kyiv").title == "Kiev (plaats)"


def test_who_ambiguous_offers_candidates(news_db, run_command):
    reply = run_command(news_db, "/who Mark")
    assert reply.kind == "not_found"
    assert reply.plain_text() == (
        "Meerdere namen passen bij “Mark”. Bedoelde je:\n\n"
        "• Mark Carney, Canadese premier (persoon, 1 artikel) [#4, 2025-01]\n"
        "• Mark Rutte, NAVO-chef (persoon, 1 artikel) [#4, 2025-01]\n\n"
        "→ /who Mark Carney | /who Mark Rutte"
    )


def test_who_typo_suggestion_in_english(news_db, run_command):
    reply = run_command(news_db, "/who Carter", language="en")
    assert (reply.kind, reply.title) == ("not_found", "No one found named “Carter”. Did you mean:")
    assert reply.actions == (Action("Mark Carney", "/who Mark Carney"),)


def test_who_unknown(news_db, run_command):
    reply = run_command(news_db, "/who Xyzzy")
    assert (reply.kind, reply.plain_text()) == ("not_found", "Niemand gevonden met de naam “Xyzzy”.")


def test_who_without_name_is_usage(news_db, run_command):
    assert run_command(news_db, "/who").plain_text() == "Gebruik: /who NAAM"
    assert run_command(news_db, "/who", language="en").kind == "usage"
