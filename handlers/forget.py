"""/forget ARTICLE — an admin removes an article and all its facts."""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import parse_positive_int, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Reply, Request
from handlers.texts import t
from store import queries
from store.loader import forget_article


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    article_id = parse_positive_int(request.args)
    if article_id is None:
        return usage_reply("forget", language)
    article = queries.get_article(db, article_id)
    if article is None or not forget_article(db, article_id):
        return Reply(title=t("article.not_found", language, id=article_id), kind="not_found")
    return Reply(title=t("forget.done", language, id=article_id, label=article["label"]))
