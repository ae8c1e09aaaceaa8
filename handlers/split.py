"""/split NAME — an admin undoes a wrong merge: the articles that write NAME are not about the
person or organisation they were joined to (by /merge, or by the linking rules for a surname).

Kept as a correction, replayed after every load and ``newsbot reindex``; a /merge it undoes is no
longer replayed. The articles go where the linking rules put them without that entity: their own
name, or the one other person it can be.
"""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Reply, Request
from handlers.texts import t
from store import queries
from store.corrections import find_entity, record_correction, split_targets
from store.names import identity_key


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    name = request.args.strip()
    if not name:
        return usage_reply("split", language)
    targets = split_targets(db, name)
    if not targets:
        return Reply(title=t("split.nothing", language, name=name), kind="not_found")
    written = db.execute(
        "select name from article_names where key = ? group by name order by count(*) desc, name limit 1",
        [identity_key(name)],
    ).fetchone()
    name = written[0] if written else name
    others = [queries.get_entity(db, entity_id)["name"] for entity_id in targets]
    for other in others:
        record_correction(db, "split", name, other, request.user_id)
    now = queries.get_entity(db, find_entity(db, name) or 0)
    actions = [Action(other, f"/who {other}") for other in others]
    if now and now["name"] not in others:
        actions.insert(0, Action(now["name"], f"/who {now['name']}"))
    return Reply(title=t("split.done", language, name=name, others=", ".join(others)), actions=tuple(actions))
