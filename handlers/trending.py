"""/trending [DAYS] — the people and organisations mentioned most, with the change.

The period ends at the newest article's date, not today: an archive, or a store that has not been
fed for a while, still shows what its last days were about. Month-precise dates count as the first
of the month. Articles without a date are left out (their load day says nothing about the news),
unless no article has a date: then load days are used. The change compares with the DAYS days
before the period.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from handlers.common import (
    articles,
    change_text,
    parse_positive_int,
    source,
    usage_reply,
)
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries, trends

DEFAULT_DAYS = 7
MAX_DAYS = 3660
TOP = 10


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    days = DEFAULT_DAYS
    if request.args:
        days = parse_positive_int(request.args)
        if days is None or days > MAX_DAYS:
            return usage_reply("trending", language)
    dated_only = trends.newest_day(db, dated_only=True) is not None
    newest = trends.newest_day(db, dated_only=dated_only)
    if newest is None:
        return Reply(title=t("latest.empty", language), kind="not_found")
    until = date.fromisoformat(newest)
    start = until - timedelta(days=days)
    before = start - timedelta(days=days)
    current = trends.mentions_between(db, start.isoformat(), until.isoformat(), dated_only=dated_only)[:TOP]
    period = t("n.days", language, n=days)
    title = t("trending.title", language, days=period, until=until.isoformat())
    if not current:
        return Reply(title=title, sections=(Section(None, (Line(t("trending.empty", language)),)),), kind="not_found")
    previous = {
        r["id"]: r["articles"]
        for r in trends.mentions_between(db, before.isoformat(), start.isoformat(), dated_only=dated_only)
    }
    labels = queries.article_labels(db, [r["last_article"] for r in current])
    lines = []
    for row in current:
        last = labels.get(row["last_article"], {})
        text = t(
            "trending.line",
            language,
            name=row["name"],
            articles=articles(row["articles"], language),
            change=change_text(row["articles"], previous.get(row["id"]), language),
        )
        lines.append(Line(text, strong=row["name"], source=source(row["last_article"], last.get("label"), last.get("date"))))
    return Reply(
        title=title,
        sections=(Section(t("trending.heading", language, days=period), tuple(lines)),),
        actions=tuple(Action(r["name"], f"/who {r['name']}") for r in current[:3]),
    )

