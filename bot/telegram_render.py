"""Reply → Telegram HTML messages: every piece of text escaped, split between lines under 4,096.

Pure functions (a ``Reply`` in, strings out), so they are tested without a server. Each line is
rendered completely on its own (tags opened and closed inside it) before ``chunk_lines`` joins the
lines into messages, so a split never falls inside a tag. A line too long for one message is cut
in plain text first and each piece rendered on its own.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable

from telegram.constants import MessageLimit

from bot.render import chunk_lines
from handlers.reply import Action, Line, Reply, Source, source_label
from store.buttons import TOKEN_PREFIX, token_for

MAX_MESSAGE = MessageLimit.MAX_TEXT_LENGTH  # 4096
MAX_CALLBACK_DATA = 64  # bytes, Telegram's limit for a button's callback_data
BULLET = "• "


def render_html(reply: Reply, limit: int = MAX_MESSAGE) -> list[str]:
    """The reply as Telegram HTML messages, each at most ``limit`` characters."""
    lines = render_bold(reply.title, limit) if reply.title else []
    for section in reply.sections:
        lines.append("")
        if section.heading:
            lines.extend(render_bold(section.heading, limit))
        for line in section.lines:
            lines.extend(render_line(line, limit))
    return [chunk for chunk in chunk_lines(lines, limit) if chunk.strip()]


def render_line(line: Line, limit: int = MAX_MESSAGE) -> list[str]:
    """One Line as HTML: bullet, text with its ``strong`` part bold, a short citation.

    Usually one string; several when the rendered line would not fit in a message.
    """
    citation = f" <i>({citation_html(line.source)})</i>" if line.source else ""
    strong = _strong_span(line)
    rendered = BULLET + _markup(line.text, 0, len(line.text), strong) + citation
    if len(rendered) <= limit:
        return [rendered]
    pieces = []
    budget = limit - len(BULLET) - len(citation)
    for start, end in _cut_points(line.text, strong, budget):
        prefix = BULLET if start == 0 else ""
        pieces.append(prefix + _markup(line.text, start, end, strong))
    pieces[-1] += citation
    return pieces


def citation_html(source: Source) -> str:
    """"#3, 2025-04", a link to the original when the article has a URL."""
    label = html.escape(source_label(source))
    if source.url and source.url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(source.url, quote=True)}">{label}</a>'
    return label


def render_bold(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """A title or heading in bold; cut in plain text first when it would not fit one message
    (a title can echo a very long user query), so no cut ever falls inside a tag or an entity."""
    whole = (0, len(text))
    return [_markup(text, start, end, whole) for start, end in _cut_points(text, whole, limit)]


def _strong_span(line: Line) -> tuple[int, int] | None:
    if not line.strong:
        return None
    at = line.text.find(line.strong)
    return (at, at + len(line.strong)) if at >= 0 else None


def _markup(text: str, start: int, end: int, strong: tuple[int, int] | None) -> str:
    """Escaped ``text[start:end]`` with the part inside ``strong`` wrapped in <b>."""
    if strong is None or strong[1] <= start or strong[0] >= end:
        return html.escape(text[start:end])
    bold_start, bold_end = max(start, strong[0]), min(end, strong[1])
    return (
        html.escape(text[start:bold_start])
        + "<b>"
        + html.escape(text[bold_start:bold_end])
        + "</b>"
        + html.escape(text[bold_end:end])
    )


def _cut_points(text: str, strong: tuple[int, int] | None, budget: int) -> list[tuple[int, int]]:
    """Spans of plain ``text`` whose rendering fits ``budget``, cut at spaces where possible."""
    spans = []
    start = 0
    while start < len(text):
        size, end, best_space = 0, start, None
        while end < len(text):
            grown = size + len(html.escape(text[end]))
            if strong and end == max(start, strong[0]) and end < strong[1]:
                grown += len("<b></b>")  # the piece's first bold character brings both tags
            if grown > budget:
                break
            size, end = grown, end + 1
            if text[end - 1] == " ":
                best_space = end - 1  # cut before the space: no piece ends in one
        if end < len(text) and best_space is not None and best_space > start:
            end = best_space
        end = max(end, start + 1)  # a budget too small for one character still makes progress
        spans.append((start, end))
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return spans


class CallbackStore:
    """callback_data for buttons: the command itself, or a token when it is over 64 bytes.

    A token is a hash of its command (``store.buttons.token_for``), so it can only ever mean that
    command. The newest ``size`` are kept in memory; ``save`` and ``load`` (the adapter passes the
    database's) keep them for good, so a button from before a restart still works. Without them a
    token unknown to this process resolves to None and the user is asked to type the command.
    """

    def __init__(
        self,
        size: int = 1000,
        *,
        save: Callable[[str, str], None] | None = None,
        load: Callable[[str], str | None] | None = None,
    ) -> None:
        self._commands: OrderedDict[str, str] = OrderedDict()
        self._size = size
        self._save, self._load = save, load

    def data_for(self, command: str) -> str:
        if len(command.encode()) <= MAX_CALLBACK_DATA and not command.startswith(TOKEN_PREFIX):
            return command
        token = token_for(command)
        if token not in self._commands and self._save is not None:
            self._save(token, command)
        self._remember(token, command)
        return token

    def command_for(self, data: str) -> str | None:
        if not data.startswith(TOKEN_PREFIX):
            return data
        command = self._commands.get(data)
        if command is None and self._load is not None:
            command = self._load(data)
            if command is not None:
                self._remember(data, command)
        return command

    def _remember(self, token: str, command: str) -> None:
        self._commands[token] = command
        self._commands.move_to_end(token)
        while len(self._commands) > self._size:
            self._commands.popitem(last=False)


def keyboard_rows(actions: tuple[Action, ...], store: CallbackStore, per_row: int = 2) -> list[list[tuple[str, str]]]:
    """(label, callback_data) pairs in rows of ``per_row`` buttons."""
    buttons = [(action.label, store.data_for(action.command)) for action in actions]
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
