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
SCARE_LIMIT = 5
ABOUT = re.compile(r"\s+(?:about|over)\s+", re.IGNORECASE)
PAGE = re.compile(r"(?:^|\s+)(?:page|pagina)\s+(\d{1,4})\s*$", re.IGNORECASE)


def split_page(args: str) -> tuple[str, int]:
    """"Trump pagina 2" → ("Trump", 2); "Trump" → ("Trump", 1)."""
    match = PAGE.search(args)
    if match is None:
        return args, 1
    return args[: match.start()], max(1, int(match.group(1)))


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
    args, page = split_page(request.args)
    name, about = split_about(args)
    entity = None
    if name:
        match = names.resolve(db, name)
        if match.entity is None:
            return name_not_resolved(match, "quotes", language)
        entity = match.entity
    entity_id = entity.entity_id if entity else None
    # one more than a page: whether a "more" button is due
    rows = queries.entity_quotes(db, entity_id, LIMIT + 1, about or None, offset=(page - 1) * LIMIT)
    more, rows = len(rows) > LIMIT, rows[:LIMIT]
    scare = queries.entity_quotes(db, entity_id, SCARE_LIMIT, about or None, scare=True) if page == 1 else []
    if entity and about:
        title = t("quotes.title_about", language, name=entity.name, about=about)
    elif entity:
        title = t("quotes.title", language, name=entity.name)
    else:
        title = t("quotes.title_all_about" if about else "quotes.title_all", language, about=about)
    if page > 1:
        title = f"{title} ({t('quotes.page', language, page=page)})"
    if not rows and not scare:
        key = "quotes.none_about" if about else "quotes.none"
        none = t(key, language, name=entity.name if entity else "", about=about)
        return Reply(title=none, kind="not_found")
    sections = [Section(None, tuple(quote_line(r, language) for r in rows))] if rows else []
    if scare:  # scare quotes are no statements: apart, under their own heading
        sections.append(Section(t("quotes.scare_heading", language), tuple(quote_line(r, language) for r in scare)))
    actions = []
    if more:
        about_part = f"{'about' if language == 'en' else 'over'} {about}" if about else ""
        parts = [names.command_name(db, entity) if entity else "", about_part, t("quotes.page", language, page=page + 1)]
        actions.append(Action(t("action.more", language), "/quotes " + " ".join(p for p in parts if p)))
    if entity:
        actions.append(Action(t("action.timeline", language), f"/timeline {names.command_name(db, entity)}"))
    return Reply(title=title, sections=tuple(sections), actions=tuple(actions))
