"""/article ID — one article: headline, date, people (with roles), organisations, numbers, quotes."""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import clip, number_amount, parse_positive_int, source, usage_reply
from handlers.context import HandlerContext
from handlers.quotes import quote_line
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries

MAX_PEOPLE = 3  # follow-up /who buttons


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    article_id = parse_positive_int(request.args)
    if article_id is None:
        return usage_reply("article", language)
    article = queries.get_article(db, article_id)
    if article is None:
        return Reply(title=t("article.not_found", language, id=request.args.strip()), kind="not_found")
    cite = source(article_id, article["label"], article["date"])
    about = [Line(t("article.date", language, date=article["date"] or t("undated", language)))]
    about.append(Line(t("article.size", language, words=t("n.words", language, n=article["word_count"] or 0))))
    if article["url"]:
        about.append(Line(t("article.link", language, url=article["url"])))
    entities = queries.article_entities(db, article_id)
    roles = queries.article_roles(db, article_id)
    people = []
    for e in (e for e in entities if e["type"] == "PER"):
        text = t("article.person_role", language, name=e["name"], roles=", ".join(roles[e["id"]])) if roles.get(e["id"]) else e["name"]
        people.append(Line(text, strong=e["name"], source=cite))
    organisations = tuple(Line(e["name"], source=cite) for e in entities if e["type"] == "ORG")
    places = tuple(Line(e["name"], source=cite) for e in entities if e["type"] == "LOC")
    numbers = tuple(
        Line(
            t("numbers.line", language, amount=number_amount(n, language), what=n["what"] or "", text=clip(n["text"])),
            source=cite,
        )
        for n in queries.article_numbers(db, article_id)
    )
    quote_rows = [dict(q, article_id=article_id, label=article["label"], date=article["date"]) for q in queries.article_quotes(db, article_id)]
    quotes = tuple(quote_line(q, language) for q in quote_rows)
    sections = [
        Section(t("article.about", language), tuple(about)),
        Section(t("article.people", language), tuple(people)),
        Section(t("article.organisations", language), organisations),
        Section(t("article.places", language), places),
        Section(t("article.numbers", language), numbers),
        Section(t("article.quotes", language), quotes),
    ]
    actions = tuple(Action(e["name"], f"/who {e['name']}") for e in entities if e["type"] == "PER")[:MAX_PEOPLE]
    return Reply(
        title=f"#{article_id} {article['label']}",
        sections=tuple(s for s in sections if s.lines),
        actions=actions,
    )

