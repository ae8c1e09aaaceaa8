"""dispatch itself, /help, /stats, /language, and the message catalogue."""

import logging
import re
from pathlib import Path

import pytest

import handlers
from handlers import COMMANDS, command_names, dispatch, find_command, parse_command_text
from handlers.context import HandlerContext
from handlers.reply import Attachment, Request
from handlers.texts import LANGUAGES, TEXTS, t

ROOT = Path(__file__).resolve().parent.parent
ADMIN = {"load", "forget", "merge", "split", "role", "unrole"}


def test_registry_names_and_aliases():
    names = command_names()
    for alias in ("wie", "citaten", "zoek", "laatste", "artikel", "tijdlijn", "cijfers", "hulp", "start", "taal", "samenvatting"):
        assert alias in names
    assert find_command("WIE").name == "who"
    assert find_command("/start").name == "help"
    assert {name for name, c in COMMANDS.items() if c.admin} == ADMIN
    assert not ADMIN & set(command_names(include_admin=False))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/who Rubio", ("who", "Rubio")),
        ("/WHO@newsroom_bot  Marco Rubio ", ("who", "Marco Rubio")),
        ("/help", ("help", "")),
        ("who Rubio", None),
        ("/", None),
        ("", None),
    ],
)
def test_parse_command_text(text, expected):
    assert parse_command_text(text) == expected


def test_unknown_command_gets_help(news_db, run_command):
    reply = run_command(news_db, "/frobnicate now")
    assert (reply.kind, reply.title) == ("usage", "Onbekend commando: /frobnicate. Dit kan ik:")
    assert reply.sections[0].lines[0].text.startswith("/who NAAM — ")


@pytest.mark.parametrize("command", sorted(ADMIN))
def test_admin_commands_refused_for_others(news_db, run_command, command):
    reply = run_command(news_db, f"/{command} Rubio into Trump")
    assert (reply.kind, reply.title) == ("forbidden", f"/{command} is alleen voor beheerders van de bot.")
    reply = run_command(news_db, f"/{command}", language="en")
    assert reply.title == f"/{command} is only for the bot's admins."
    assert news_db.execute("select count(*) from corrections").fetchone() == (0,)


def test_handler_exception_becomes_error_reply(news_db, caplog):
    def broken_loader():
        raise RuntimeError("no pipeline here")

    context = HandlerContext(nlp_loader=broken_loader)
    request = Request("load", "", is_admin=True, attachment=Attachment("a.txt", b"Tekst."))
    with caplog.at_level(logging.ERROR):
        reply = dispatch(request, news_db, context=context)
    assert (reply.kind, reply.title) == (
        "error",
        "Er ging iets mis bij /load. Er is niets veranderd; probeer het later opnieuw.",
    )
    assert "no pipeline here" in caplog.text


def test_default_language_is_the_fallback(news_db):
    reply = dispatch(Request("stats", language=""), news_db, context=HandlerContext(default_language="en"))
    assert reply.title == "Statistics"


def test_help_hides_admin_commands(news_db, run_command):
    reply = run_command(news_db, "/help", platform="telegram")
    text = reply.plain_text()
    assert reply.title == "Dit kan ik"
    for name, command in COMMANDS.items():
        assert (command.usage_nl in text) == (not command.admin), name
    assert "Beheer" not in text
    admin_text = run_command(news_db, "/hulp", is_admin=True).plain_text()
    for command in COMMANDS.values():
        assert command.usage_nl in admin_text
    assert admin_text.endswith("• In de console: een regel zonder / zoekt in de artikelen; exit of Ctrl-D stopt.")


def test_help_for_one_command(news_db, run_command):
    assert run_command(news_db, "/help wie").plain_text() == (
        "/who NAAM\n\n"
        "• Wie is dit: rollen, artikelen, laatste vermeldingen, vaak samen genoemd met.\n"
        "• Ook: /wie\n\n"
        "→ /help"
    )
    reply = run_command(news_db, "/help /merge", language="en", is_admin=True)
    assert [line.text for line in reply.sections[0].lines] == [
        "Merge two names into one person or organisation.",
        "Admins only.",
    ]
    reply = run_command(news_db, "/help merge")
    assert (reply.kind, reply.title) == ("not_found", "Geen commando /merge.")


def test_start_greets_with_help(news_db, run_command):
    assert run_command(news_db, "/start", language="en").title == "This is what I can do"


def test_stats(news_db, run_command):
    reply = run_command(news_db, "/stats")
    lines = [line.text for line in reply.sections[0].lines]
    assert lines[:4] == [
        "Artikelen: 4 (101 woorden)",
        "Periode: 2025-01 tot 2025-04-10",
        "Personen: 7 · organisaties: 1 · plaatsen: 4 · overig: 0",
        "Citaten: 5 · cijfers: 5",
    ]
    assert lines[4].startswith("Laatst geladen: ")
    admin = run_command(news_db, "/stats", is_admin=True, language="en")
    assert admin.sections[0].lines[4].text == "Corrections: 0 · subscriptions: 0"


def test_language_per_chat(news_db, run_command):
    assert run_command(news_db, "/language").title == "Ik antwoord hier in het Nederlands. Wijzigen: /language en"
    assert run_command(news_db, "/taal en").title == "From now on I answer in English in this chat."
    assert run_command(news_db, "/who Rubio").title == "Marco Rubio (person)"
    # the chat setting beats the request's language; other chats and platforms keep theirs
    assert run_command(news_db, "/who Rubio", language="nl").title == "Marco Rubio (person)"
    assert run_command(news_db, "/who Rubio", chat_id="chat-2").title == "Marco Rubio (persoon)"
    assert run_command(news_db, "/who Rubio", platform="slack").title == "Marco Rubio (persoon)"
    assert run_command(news_db, "/language nederlands").title == "Ik antwoord in dit gesprek voortaan in het Nederlands."
    assert run_command(news_db, "/stats").title == "Statistieken"
    assert run_command(news_db, "/language fr").plain_text() == "Gebruik: /language nl|en"


def test_every_text_has_both_languages():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        for language in LANGUAGES:
            assert entry[language], key
            assert type(entry[language]) is type(entry["nl"]), key


def test_every_text_key_used_in_code_exists():
    pattern = re.compile(r"""\bt\(\s*f?["']([\w.{}]+)["']""")
    used = set()
    for path in (ROOT / "handlers").glob("*.py"):  # the adapters' texts: tests/test_bot_language.py
        used.update(pattern.findall(path.read_text(encoding="utf-8")))
    static = {key for key in used if "{" not in key}
    assert static - set(TEXTS) == set()
    for prefix in ("cmd.{name}.usage", "cmd.{name}.summary"):
        for name in COMMANDS:
            assert prefix.format(name=name) in TEXTS


def test_plural_and_missing_fields():
    assert t("n.articles", "nl", n=1) == "1 artikel"
    assert t("n.articles", "en", n=3) == "3 articles"
    assert t("name.not_found", "fr", name="X") == "Niemand gevonden met de naam “X”."
    assert t("name.not_found", "en") == "No one found named “{name}”."


def test_package_exposes_the_contract():
    assert callable(handlers.dispatch) and callable(handlers.command_names)
