"""Render a neutral ``Reply`` as Slack Block Kit messages, within Slack's limits.

Every piece of text that reaches Slack is escaped for mrkdwn (``&``, ``<``, ``>``), so an article
that contains ``<!channel>`` or ``<@U123>`` shows those characters and never pings anyone. A long
reply becomes several section blocks (≤ 3,000 characters each) and, past 50 blocks, several
messages. Follow-up actions become buttons whose ``value`` is the command to run.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.render import chunk_lines
from handlers.reply import Line, Reply, Source, source_label

SECTION_LIMIT = 3000  # characters in one section's text
BLOCKS_PER_MESSAGE = 50
HEADER_LIMIT = 150  # characters in a header block's plain text
CONTEXT_ELEMENTS = 10  # elements in one context block
BUTTONS_PER_BLOCK = 25  # elements in one actions block
BUTTON_LABEL_LIMIT = 75
FALLBACK_LIMIT = 3000  # the plain-text fallback: notifications and clients without blocks
ACTION_ID_PREFIX = "newsbot_action_"


@dataclass(frozen=True)
class SlackMessage:
    """One chat.postMessage (or response_url) payload: blocks plus the plain-text fallback."""

    blocks: list[dict]
    text: str


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_messages(reply: Reply) -> list[SlackMessage]:
    """The reply as one or more messages, each ≤ 50 blocks, every section text ≤ 3,000 characters."""
    blocks = [_title_block(reply.title)]
    for section in reply.sections:
        lines = [f"*{escape(section.heading)}*"] if section.heading else []
        lines += [_line_mrkdwn(line) for line in section.lines]
        if lines:
            blocks += [_section(chunk) for chunk in chunk_lines(lines, SECTION_LIMIT)]
        blocks += _source_blocks(_unique_sources(section.lines))
    blocks += _action_blocks(reply)
    pages = [blocks[i : i + BLOCKS_PER_MESSAGE] for i in range(0, len(blocks), BLOCKS_PER_MESSAGE)]
    fallback = _fallback(reply)
    messages = [SlackMessage(pages[0], fallback)]
    for number, page in enumerate(pages[1:], start=2):
        messages.append(SlackMessage(page, escape(f"{reply.title} ({number}/{len(pages)})")))
    return messages


def _title_block(title: str) -> dict:
    escaped = escape(title)
    if len(escaped) <= HEADER_LIMIT:
        return {"type": "header", "text": {"type": "plain_text", "text": escaped, "emoji": False}}
    return _section(f"*{chunk_lines([escaped], SECTION_LIMIT - 2)[0]}*")


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _line_mrkdwn(line: Line) -> str:
    text = escape(line.text)
    strong = escape(line.strong.strip()) if line.strong else ""
    if strong and "*" not in strong and strong in text:
        text = text.replace(strong, f"*{strong}*", 1)
    if line.source:
        text += f" [{citation_mrkdwn(line.source)}]"
    return f"• {text}"


def citation_mrkdwn(source: Source) -> str:
    """"#3, 2025-04", as a link ``<url|label>`` when the article has a URL."""
    label = escape(source_label(source))
    if source.url and source.url.startswith(("http://", "https://")):
        return f"<{escape(source.url).replace('|', '%7C')}|{label}>"
    return label


def _unique_sources(lines: tuple[Line, ...]) -> list[Source]:
    seen: dict[int, Source] = {}
    for line in lines:
        if line.source and line.source.article_id not in seen:
            seen[line.source.article_id] = line.source
    return list(seen.values())


def _source_blocks(sources: list[Source]) -> list[dict]:
    """Context blocks citing the articles a section drew on: ``#3 · Headline · 2025-04``."""
    if not sources:
        return []
    labels = [escape(" · ".join(p for p in (f"#{s.article_id}", s.title, s.date) if p)) for s in sources]
    elements = [{"type": "mrkdwn", "text": chunk} for chunk in chunk_lines(labels, SECTION_LIMIT)]
    return [
        {"type": "context", "elements": elements[i : i + CONTEXT_ELEMENTS]}
        for i in range(0, len(elements), CONTEXT_ELEMENTS)
    ]


def _action_blocks(reply: Reply) -> list[dict]:
    buttons = [
        {
            "type": "button",
            "action_id": f"{ACTION_ID_PREFIX}{index}",
            "text": {
                "type": "plain_text",
                "text": escape(_clip(action.label, BUTTON_LABEL_LIMIT)),
                "emoji": False,
            },
            "value": action.command[:2000],
        }
        for index, action in enumerate(reply.actions)
    ]
    return [
        {"type": "actions", "elements": buttons[i : i + BUTTONS_PER_BLOCK]}
        for i in range(0, len(buttons), BUTTONS_PER_BLOCK)
    ]


def _fallback(reply: Reply) -> str:
    """The whole reply as escaped plain text, cut between lines when it is long."""
    chunks = chunk_lines(reply.plain_text().split("\n"), FALLBACK_LIMIT - 2)
    text = chunks[0] if len(chunks) == 1 else chunks[0] + "\n…"
    return escape(text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
