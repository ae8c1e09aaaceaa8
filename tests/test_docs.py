"""Every command is documented: in /help (admins see all) and in README.md."""

import re
from pathlib import Path

import pytest

from handlers import COMMANDS, dispatch
from handlers.help import readme_commands_markdown
from handlers.reply import Request

README = Path(__file__).resolve().parent.parent / "README.md"
MARKERS = re.compile(r"<!-- commands -->\n(.*?)<!-- /commands -->", re.DOTALL)


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_command_in_help(db, name, language):
    command = COMMANDS[name]
    text = dispatch(Request("help", is_admin=True, language=language), db).plain_text()
    assert f"{command.usage(language)} — {command.summary(language)}" in text
    one = dispatch(Request("help", name, is_admin=True, language=language), db)
    assert (one.kind, one.title) == ("answer", command.usage(language))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_in_readme(name):
    assert README.is_file(), "README.md is missing"
    readme = README.read_text(encoding="utf-8")
    assert re.search(rf"/{name}\b", readme), f"/{name} is not in README.md"


def test_readme_command_table_is_current():
    """The table between <!-- commands --> markers is `python -m handlers.help` output."""
    assert README.is_file(), "README.md is missing"
    found = MARKERS.search(README.read_text(encoding="utf-8"))
    assert found, "README.md needs the command table between <!-- commands --> and <!-- /commands -->"
    assert found.group(1) == readme_commands_markdown("en")


def test_readme_table_lists_every_command():
    table = readme_commands_markdown("en")
    assert table.startswith("| Command | Also | What it does |\n| --- | --- | --- |\n")
    assert "| `/who NAME` | /wie | Who is this: roles, articles, latest mentions, often mentioned with. |" in table
    assert "| `/forget ARTICLE_ID` | — | Remove an article and all its facts. *(admin)* |" in table
    assert len(table.splitlines()) == 2 + len(COMMANDS)
