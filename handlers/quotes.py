"""/quotes [NAME [about WORD]] — quotes newest first, each with its article and date."""

from __future__ import annotations

import re

from sqlite_utils import Database

from handlers import names
from handlers.common import clip, name_not_resolved, source_of
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries

LIMIT = 10
ABOUT = re.compile(r"\s+(?:about|over)\s+", re.IGNORECASE)


def split_about(args: str) -> tuple[str, str]:
    """"Trump about Poetin" → ("Trump", "Poetin"); "about drones" → ("", "drones")."""
    text = f" {args.strip()}"
    parts = ABOUT.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return args.strip(), ""


def quote_line(row: dict, language: str) -> Line:
    speaker = row["entity_name"] or row["speaker"] or t("quotes.unknown_speaker", language)
    text = clip(row["text"])
    return Line(t("quotes.line", language, text=text, speaker=speaker), strong=text, source=source_of(row))


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    name, about = split_about(request.args)
    entity = None
    if name:
        match = names.resolve(db, name)
        if match.entity is None:
            return name_not_resolved(match, "quotes", language)
        entity = match.entity
    rows = queries.entity_quotes(db, entity.entity_id if entity else None, LIMIT, about or None)
    if entity and about:
        title = t("quotes.title_about", language, name=entity.name, about=about)
    elif entity:
        title = t("quotes.title", language, name=entity.name)
    else:
        title = t("quotes.title_all_about" if about else "quotes.title_all", language, about=about)
    if not rows:
        key = "quotes.none_about" if about else "quotes.none"
        none = t(key, language, name=entity.name if entity else "", about=about)
        return Reply(title=none, kind="not_found")
    actions = (Action(t("action.timeline", language), f"/timeline {names.command_name(db, entity)}"),) if entity else ()
    return Reply(
        title=title,
        sections=(Section(None, tuple(quote_line(r, language) for r in rows)),),
        actions=actions,
    )
