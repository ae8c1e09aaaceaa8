"""The neutral request and reply every adapter speaks: no markup, no platform.

Adapters build a ``Request`` from their platform's update and render a ``Reply`` (Telegram HTML,
Slack Block Kit, console text). Text in a Reply is plain: renderers escape it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Kind = Literal["answer", "not_found", "usage", "forbidden", "error"]


@dataclass(frozen=True)
class Attachment:
    """A file sent with a command (an admin's /load). Adapters download it before dispatch."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class Request:
    command: str  # without the slash, lower case, any alias: "who", "wie"
    args: str = ""  # everything after the command, stripped
    user_id: str = ""
    chat_id: str = ""
    is_admin: bool = False
    language: str = "nl"  # "nl" | "en"
    attachment: Attachment | None = None
    platform: str = "console"  # telegram | slack | console: for subscriptions only, never for wording
    is_group: bool = False  # a group chat or channel (subscribing there needs an admin)


@dataclass(frozen=True)
class Source:
    """Every fact cites its article."""

    article_id: int
    title: str | None
    date: str | None  # "2025-04" keeps month precision
    url: str | None = None  # the original (http or https) when known: adapters link the citation


@dataclass(frozen=True)
class Line:
    text: str  # plain text
    strong: str | None = None  # a part of ``text`` to emphasise (a name, the quoted words)
    source: Source | None = None


@dataclass(frozen=True)
class Section:
    heading: str | None
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Action:
    """A follow-up the user can take with one tap: a button running ``command``."""

    label: str
    command: str  # "/quotes Marco Rubio"


@dataclass(frozen=True)
class Reply:
    title: str
    sections: tuple[Section, ...] = ()
    actions: tuple[Action, ...] = ()
    kind: Kind = "answer"
    language: str | None = None  # "nl" | "en": set by dispatch, so adapters need not look it up

    def to_dict(self) -> dict:
        """The reply as JSON-ready data; a citation carries ``url`` only when its article has one."""
        data = asdict(self)
        for section in data["sections"]:
            for line in section["lines"]:
                if line["source"] and line["source"]["url"] is None:
                    del line["source"]["url"]
        return data

    def plain_text(self) -> str:
        """The reply as plain text: the console's rendering and every platform's fallback."""
        out = [self.title]
        for section in self.sections:
            out.append("")
            if section.heading:
                out.append(section.heading)
            for line in section.lines:
                text = f"• {line.text}"
                if line.source:
                    text += f" [{source_label(line.source)}]"
                out.append(text)
        if self.actions:
            out.append("")
            out.append("→ " + " | ".join(a.command for a in self.actions))
        return "\n".join(out)


def source_label(source: Source) -> str:
    """"#3, 2025-04": a short, stable citation of an article."""
    return f"#{source.article_id}, {source.date}" if source.date else f"#{source.article_id}"
