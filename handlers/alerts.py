"""The alert a following chat receives for a new article, and the summary after a bulk load.

One alert per article: its headline, date, the followed names (and terms) it mentions, the sentence
where they first appear, their quote if any, the citation and the original URL when known. Built
when the alert is sent, in the chat's language, from what the database holds then.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from handlers.common import clip
from handlers.reply import Action, Line, Reply, Section, Source
from handlers.texts import t
from store import queries
from store.search import stem_word

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"’']?|$)")


def _names(matched: list[dict], language: str) -> str:
    labels = [m["name"] if "name" in m else f"“{m['term']}”" for m in matched]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + t("alert.and", language) + labels[-1]


def alert_reply(db: Database, article_id: int, matched: list[dict], language: str) -> Reply | None:
    """The alert for ``article_id``; None when the article is gone (forgotten before it was sent)."""
    article = queries.get_article(db, article_id)
    if article is None:
        return None
    cite = Source(article_id, article["label"], article["date"], _web_url(article["url"]))
    lines = [
        Line(t("alert.about", language, names=_names(matched, language), date=article["date"] or t("alert.undated", language)))
    ]
    entity_ids = [m["entity_id"] for m in matched if "entity_id" in m]
    sentence = _first_sentence(db, article_id, entity_ids, article["text"], [m["term"] for m in matched if "term" in m])
    if sentence:
        lines.append(Line(clip(sentence), source=cite))
    quote = _first_quote(db, article_id, entity_ids)
    if quote:
        lines.append(Line(t("alert.quote", language, text=clip(quote[0], 240), speaker=quote[1]), strong=quote[1], source=cite))
    if cite.url:
        lines.append(Line(t("alert.link", language, url=cite.url)))
    actions = [Action(t("action.article", language, id=article_id), f"/article {article_id}")]
    actions += [Action(t("action.who", language, name=m["name"]), f"/who {m['name']}") for m in matched if "name" in m][:2]
    return Reply(title=article["label"], sections=(Section(None, tuple(lines)),), actions=tuple(actions))


def summary_reply(count: int, matched: list[dict], language: str) -> Reply:
    """"and 37 more articles about Rubio": after a load's first alerts for one chat."""
    return Reply(
        title=t("alert.more", language, n=count, names=_names(matched[:3], language)),
        sections=(Section(None, (Line(t("alert.more_hint", language)),)),),
        actions=(Action(t("action.more", language), "/latest 10"),),
    )


def _web_url(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def _first_sentence(db: Database, article_id: int, entity_ids: list[int], text: str, terms: list[str]) -> str | None:
    """The sentence where a followed name first appears, else the first one holding a followed term."""
    if entity_ids:
        marks = ", ".join("?" * len(entity_ids))
        row = db.execute(
            f"select sentence from mentions where article_id = ? and entity_id in ({marks}) order by start limit 1",
            [article_id, *entity_ids],
        ).fetchone()
        if row and row[0]:
            return row[0]
    for term in terms:
        stems = {stem_word(w) for w in _WORD.findall(term)}
        for match in _SENTENCE.finditer(text or ""):
            if stems <= {stem_word(w) for w in _WORD.findall(match.group())}:
                return match.group().strip()
    return None


def _first_quote(db: Database, article_id: int, entity_ids: list[int]) -> tuple[str, str] | None:
    if not entity_ids:
        return None
    marks = ", ".join("?" * len(entity_ids))
    row = db.execute(
        f"""select q.text, e.name from quotes q join entities e on e.id = q.entity_id
            where q.article_id = ? and q.entity_id in ({marks}) order by q.start limit 1""",
        [article_id, *entity_ids],
    ).fetchone()
    return (row[0], row[1]) if row else None
