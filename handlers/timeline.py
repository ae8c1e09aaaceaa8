"""/timeline NAME — someone's roles, quotes and mentions, article by article in date order."""

from __future__ import annotations

from sqlite_utils import Database

from handlers import names
from handlers.common import clip, name_not_resolved, source_of, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    if not request.args:
        return usage_reply("timeline", language)
    match = names.resolve(db, request.args)
    if match.entity is None:
        return name_not_resolved(match, "timeline", language)
    entity = match.entity
    sections = []
    for item in queries.entity_timeline(db, entity.entity_id):
        cite = source_of(item)
        lines = [Line(t("timeline.role", language, role=r), strong=r, source=cite) for r in item["roles"]]
        lines += [Line(t("timeline.quote", language, text=clip(q)), strong=clip(q), source=cite) for q in item["quotes"]]
        if not lines and item["sentence"]:
            lines.append(Line(t("timeline.mention", language, sentence=clip(item["sentence"])), source=cite))
        heading = t("timeline.heading", language, date=item["date"] or t("undated", language), label=item["label"])
        sections.append(Section(heading, tuple(lines)))
    return Reply(
        title=t("timeline.title", language, name=entity.name),
        sections=tuple(s for s in sections if s.lines),
        actions=(
            Action(entity.name, f"/who {names.command_name(db, entity)}"),
            Action(t("action.quotes", language), f"/quotes {names.command_name(db, entity)}"),
        ),
    )
