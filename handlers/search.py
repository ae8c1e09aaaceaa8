"""/search QUERY — articles ranked by relevance, with date and snippet."""

from __future__ import annotations

import logging
import sqlite3

from sqlite_utils import Database

from handlers.common import clip, source, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries
from store.search import search_articles

LIMIT = 8
ACTIONS = 3
log = logging.getLogger(__name__)


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    query = request.args.strip()
    if not query:
        return usage_reply("search", language)
    try:
        hits = search_articles(db, query, limit=LIMIT)
    except sqlite3.OperationalError:  # the store quotes queries; this is a last line of defence
        log.exception("search failed for %r", query)
        hits = []
    if not hits:
        return Reply(title=t("search.none", language, query=query), kind="not_found")
    labels = queries.article_labels(db, [h["id"] for h in hits])
    lines = []
    for hit in hits:
        label = labels.get(hit["id"], {}).get("label") or str(hit["id"])
        snippet = clip(hit["snippet"], 200)
        if snippet.lstrip("…").startswith(label.rstrip("…")):  # an untitled article's label is its start
            text = snippet
        else:
            text = t("search.line", language, label=label, snippet=snippet)
        lines.append(Line(text, strong=label, source=source(hit["id"], label, hit["date"])))
    actions = tuple(Action(t("action.article", language, id=h["id"]), f"/article {h['id']}") for h in hits[:ACTIONS])
    return Reply(title=t("search.title", language, query=query), sections=(Section(None, tuple(lines)),), actions=actions)
