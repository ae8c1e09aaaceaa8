"""The console chat (bot/console.py) and `newsbot ask`: piped lines, a real prompt_toolkit
session on a pipe input, and the CLI in a subprocess."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from bot.config import Config
from bot.console import ask, console_request, run_chat

NEWSBOT = Path(sys.executable).parent / "newsbot"
RUBIO_TITLE = "Marco Rubio (persoon)"


def chat(db, text: str, config: Config | None = None) -> str:
    out = io.StringIO()
    run_chat(db, config or Config(), stdin=io.StringIO(text), stdout=out)
    return out.getvalue()


def test_piped_lines_are_answered(news_db):
    output = chat(news_db, "/who Rubio\n\n/wie Xyzzy\n")
    assert output.startswith(RUBIO_TITLE + "\n\nRollen\n• Amerikaanse minister van Buitenlandse Zaken [#1, 2025-04-10]")
    assert output.endswith("→ /quotes Marco Rubio | /timeline Marco Rubio\n\nNiemand gevonden met de naam “Xyzzy”.\n\n")


def test_plain_text_is_a_search_and_exit_stops(news_db):
    output = chat(news_db, "drones\nexit\n/who Rubio\n")
    assert output.startswith("Zoekresultaten voor “drones”\n\n")
    assert RUBIO_TITLE not in output


def test_console_user_is_admin_and_language_follows_config(news_db):
    config = Config()
    config.bot.language = "en"
    output = chat(news_db, "/merge Witkoff into Putin\n/stats\n", config)
    assert output.startswith("“Steve Witkoff” and “Vladimir Poetin” are now one: Vladimir Poetin.")
    assert "Corrections: 1 · subscriptions: 0" in output


def test_console_request_shapes():
    assert console_request("  ", "nl") is None
    request = console_request("/Who  Marco Rubio", "nl")
    assert (request.command, request.args, request.is_admin, request.platform) == ("who", "Marco Rubio", True, "console")
    assert (console_request("aanval Kiev", "en").command, console_request("/", "nl").command) == ("search", "help")


def test_prompt_session_with_history(news_db):
    history = InMemoryHistory()
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("/who rubio\r/quotes Trump\rquit\r")
        session = PromptSession(input=pipe, output=DummyOutput(), history=history)
        run_chat(news_db, Config(), stdout=out, session=session)
    assert list(history.load_history_strings()) == ["quit", "/quotes Trump", "/who rubio"]
    text = out.getvalue()
    assert text.startswith("newsroom-bot: typ /help voor de commando's, een regel zonder / zoekt, exit stopt.\n")
    assert RUBIO_TITLE in text and "• “Vladimir, STOP!” — Donald Trump [#1, 2025-04-10]" in text


def test_prompt_session_ends_on_ctrl_d(news_db):
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("/latest 1\r\x04")
        session = PromptSession(input=pipe, output=DummyOutput())
        run_chat(news_db, Config(), stdout=out, session=session)
    assert "• #1 Rubio bevestigt nieuwe gesprekken in Londen [#1, 2025-04-10]" in out.getvalue()


@pytest.mark.parametrize(
    "text, code, start",
    [
        ("/who Rubio", 0, RUBIO_TITLE),
        ("/who Xyzzy", 0, "Niemand gevonden met de naam “Xyzzy”."),
        ('/search "AND( *', 0, "Niets gevonden voor “\"AND( *”."),
        ("/who", 2, "Gebruik: /who NAAM"),
        ("/nonsense", 2, "Onbekend commando: /nonsense."),
        ("", 2, 'Geef één commando, bijvoorbeeld: newsbot ask "/who Rubio"'),
        ("who Rubio", 2, 'Geef één commando, bijvoorbeeld: newsbot ask "/who Rubio"'),
    ],
)
def test_ask_exit_codes(news_db, text, code, start):
    output, exit_code = ask(news_db, Config(), text)
    assert exit_code == code
    assert output.startswith(start)


def test_ask_json_is_the_neutral_reply(news_db):
    output, code = ask(news_db, Config(), "/quotes Trump", as_json=True)
    reply = json.loads(output)
    assert code == 0
    assert reply["kind"] == "answer"
    assert reply["sections"][0]["lines"][0] == {
        "text": "“Vladimir, STOP!” — Donald Trump",
        "strong": "Vladimir, STOP!",
        "source": {"article_id": 1, "title": "Rubio bevestigt nieuwe gesprekken in Londen", "date": "2025-04-10"},
    }
    assert reply["actions"] == [{"label": "Tijdlijn", "command": "/timeline Donald Trump"}]


def _newsbot(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSBOT), *args], input=stdin, capture_output=True, text=True, timeout=60, cwd="/", check=False
    )


def test_cli_chat_from_a_pipe_and_ask(news_db, db_path):
    news_db.close()
    result = _newsbot("chat", "--db", str(db_path), stdin="/who Rubio\n")
    assert (result.returncode, result.stdout.splitlines()[0]) == (0, RUBIO_TITLE)
    result = _newsbot("ask", "/wie Zelenskyy", "--db", str(db_path))
    assert (result.returncode, result.stdout.splitlines()[0]) == (0, "Volodymyr Zelensky (persoon)")
    result = _newsbot("ask", "", "--db", str(db_path))
    assert result.returncode == 2
