"""/numbers TOPIC — the number ledger: every number on a topic, per article and date."""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import clip, number_amount, source_of, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import trends

MAX_TOPIC_WORDS = 8  # a topic is a word or two ("drones", "doden en gewonden"); each is a condition


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    topic = request.args.strip()
    if not topic or len(topic.split()) > MAX_TOPIC_WORDS:
        return usage_reply("numbers", language)
    rows = trends.numbers_for_topic(db, topic)
    if not rows:
        known = sorted(trends.number_categories(db))
        lines = (Line(t("numbers.known", language, topics=", ".join(known))),) if known else ()
        return Reply(
            title=t("numbers.none", language, topic=topic),
            sections=(Section(None, lines),) if lines else (),
            actions=tuple(Action(c, f"/numbers {c}") for c in known[:5]),
            kind="not_found",
        )
    sections: list[Section] = []
    by_article: dict[int, list[Line]] = {}
    headings: dict[int, str] = {}
    for row in rows:
        value = number_amount(row, language)
        text = t("numbers.line", language, amount=value, what=row["what"] or "", text=clip(row["text"]))
        by_article.setdefault(row["article_id"], []).append(Line(text, strong=value, source=source_of(row)))
        headings[row["article_id"]] = t(
            "timeline.heading", language, date=row["date"] or t("undated", language), label=row["label"]
        )
    for article_id, lines in by_article.items():
        sections.append(Section(headings[article_id], tuple(lines)))
    return Reply(
        title=t("numbers.title", language, topic=topic),
        sections=tuple(sections),
        actions=tuple(Action(t("action.article", language, id=a), f"/article {a}") for a in list(by_article)[:3]),
    )
