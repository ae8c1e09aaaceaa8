"""/latest [N] — the newest articles, newest first."""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import parse_positive_int, source_of, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries

DEFAULT = 5
MAXIMUM = 25


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    count = DEFAULT
    if request.args:
        count = parse_positive_int(request.args)
        if count is None:
            return usage_reply("latest", language)
    rows = queries.latest_articles(db, min(count, MAXIMUM))
    if not rows:
        return Reply(title=t("latest.empty", language), kind="not_found")
    lines = tuple(Line(f"#{r['id']} {r['label']}", strong=r["label"], source=source_of(r)) for r in rows)
    actions = tuple(Action(t("action.article", language, id=r["id"]), f"/article {r['id']}") for r in rows[:3])
    return Reply(title=t("latest.title", language), sections=(Section(None, lines),), actions=actions)
