"""The console chat (the embedded default adapter) and one-shot ``newsbot ask``.

``run_chat`` answers the bot's commands at a local prompt with history (prompt_toolkit) on a
terminal, or line by line from a pipe (``printf '/who Rubio\\n' | newsbot chat``). A line without a
slash is searched for (``/search``); ``exit``, ``quit`` or Ctrl-D ends. The console user is the
local operator, so is an admin.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from bot.config import Config, handler_context
from bot.texts import t
from handlers import dispatch, parse_command_text
from handlers.context import HandlerContext
from handlers.reply import Reply, Request
from store.safe_text import strip_terminal_controls

EXIT_WORDS = {"exit", "quit", "/exit", "/quit", "stop"}
HISTORY_FILE = "console_history"
CONSOLE_ID = "console"


def console_request(text: str, language: str) -> Request | None:
    """The Request for one typed line: a command, or a search for plain text."""
    text = text.strip()
    if not text:
        return None
    parsed = parse_command_text(text) if text.startswith("/") else ("search", text)
    if parsed is None:  # a lone "/" or "/?": show the help
        parsed = ("help", "")
    command, args = parsed
    return Request(
        command=command,
        args=args,
        user_id=CONSOLE_ID,
        chat_id=CONSOLE_ID,
        is_admin=True,
        language=language,
        platform="console",
    )


def answer(db: Database, config: Config, text: str, context: HandlerContext) -> Reply | None:
    request = console_request(text, config.bot.language)
    if request is None:
        return None
    return dispatch(request, db, context=context)


def run_chat(
    db: Database,
    config: Config,
    *,
    nlp_loader: Callable[[], Any] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    session: Any = None,
) -> None:
    """Answer commands until exit/quit/Ctrl-D (or the end of piped input).

    :param session: a prompt_toolkit ``PromptSession`` to read from (default: one with a file
        history next to the database when stdin and stdout are a terminal, else plain lines).
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    context = handler_context(config, nlp_loader)
    for line in _lines(config, stdin, stdout, session):
        if line.strip().lower() in EXIT_WORDS:
            break
        reply = answer(db, config, line, context)
        if reply is not None:
            print(strip_terminal_controls(reply.plain_text()), end="\n\n", file=stdout, flush=True)


def _lines(config: Config, stdin: TextIO, stdout: TextIO, session: Any = None):
    """Typed lines from a prompt with history on a terminal; plain lines from a pipe."""
    if session is None:
        if not (stdin.isatty() and stdout.isatty()):
            for line in stdin:
                yield line.rstrip("\n")
            return
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory

        history_path = Path(config.store.db).parent / HISTORY_FILE
        history_path.parent.mkdir(parents=True, exist_ok=True)
        session = PromptSession(history=FileHistory(str(history_path)))
    print(t("console.banner", config.bot.language), file=stdout)
    while True:
        try:
            yield session.prompt("newsbot> ")
        except KeyboardInterrupt:  # Ctrl-C clears the line, as in a shell
            continue
        except EOFError:  # Ctrl-D
            return


def ask(
    db: Database,
    config: Config,
    text: str,
    as_json: bool = False,
    nlp_loader: Callable[[], Any] | None = None,
) -> tuple[str, int]:
    """One command for ``newsbot ask``: (output, exit code).

    Exit 0 on an answer, including "not found"; 2 on usage errors (empty text, no command, a
    command used wrongly or unknown); 1 when the handler failed.
    """
    text = text.strip()
    parsed = parse_command_text(text) if text.startswith("/") else None
    if parsed is None:
        return t("ask.usage", config.bot.language), 2
    reply = answer(db, config, text, handler_context(config, nlp_loader))
    output = json.dumps(reply.to_dict(), ensure_ascii=False, indent=2) if as_json else reply.plain_text()
    code = {"usage": 2, "error": 1}.get(reply.kind, 0)
    return output, code
