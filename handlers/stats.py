"""/stats — what the database holds."""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import amount, period
from handlers.context import HandlerContext
from handlers.reply import Line, Reply, Request, Section
from handlers.texts import t
from store.stats import store_stats


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    stats = store_stats(db)
    words = t("n.words", language, n=amount(stats["words"], language))
    by_type = {key: stats["entities"].get(key, 0) for key in ("PER", "ORG", "LOC", "MISC")}
    lines = [
        Line(t("stats.articles", language, n=amount(stats["articles"], language), words=words)),
        Line(t("stats.period", language, period=period(stats["first"], stats["last"], language))),
        Line(t("stats.entities", language, **by_type)),
        Line(t("stats.facts", language, quotes=stats["quotes"], numbers=stats["numbers"])),
    ]
    if request.is_admin:
        lines.append(Line(t("stats.admin", language, corrections=stats["corrections"], subscriptions=stats["subscriptions"])))
    if stats["last_loaded"]:
        lines.append(Line(t("stats.last_loaded", language, when=stats["last_loaded"])))
    return Reply(title=t("stats.title", language), sections=(Section(None, tuple(lines)),))


