"""/follow NAME or /follow "term", /unfollow, /following — what this chat gets alerts about.

A name resolves like /who (forgiving, "did you mean" when ambiguous) and the entity is followed by
id, so a later /merge carries the follow along. A quoted term is followed as a search: articles
that /search would find for it. As with /subscribe, anyone may follow in a private chat and only
the bot's admins in a group or channel. Alerts are sent by ``newsbot serve``; handlers only write
the follows table.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from handlers import names
from handlers.common import chat_refusal, name_not_resolved, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import follows
from store.names import skeleton
from store.subscriptions import PLATFORMS

QUOTED = re.compile(r"""^\s*["'„“”‘’«»‚](.*?)["'„“”‘’«»]?\s*$""", re.DOTALL)


def quoted_term(text: str) -> str | None:
    """ '"stikstof"', '„stikstof”' → "stikstof"; None when ``text`` is not in quotes."""
    match = QUOTED.match(text)
    if not match:
        return None
    return " ".join(match.group(1).split()) or None


def _refusal(request: Request, command: str) -> Reply | None:
    return chat_refusal(request, command, "follow.platform_only")


def handle_follow(request: Request, db: Database, context: HandlerContext) -> Reply:
    """Follow a name (resolved like /who) or a quoted search term in this chat."""
    language = request.language
    if not request.args.strip():
        return usage_reply("follow", language)
    refusal = _refusal(request, "follow")
    if refusal:
        return refusal
    term = quoted_term(request.args)
    if term is not None:
        try:
            added = follows.follow_term(db, request.platform, request.chat_id, term, request.user_id)
        except ValueError:
            return usage_reply("follow", language)
        key = "follow.term_done" if added else "follow.already"
        return Reply(title=t(key, language, name=f"“{term}”"), actions=_following_action(language))
    match = names.resolve(db, request.args.strip())
    if match.entity is None:
        reply = name_not_resolved(match, "follow", language)
        if not match.candidates:  # unknown: offer to follow the words as a search term
            hint = t("follow.as_term", language, term=request.args.strip())
            return Reply(
                title=reply.title,
                sections=(Section(None, (Line(hint),)),),
                actions=(Action(t("action.follow_term", language), f'/follow "{request.args.strip()}"'),),
                kind="not_found",
            )
        return reply
    entity = match.entity
    added = follows.follow_entity(db, request.platform, request.chat_id, entity.entity_id, entity.name, request.user_id)
    key = "follow.done" if added else "follow.already"
    return Reply(
        title=t(key, language, name=entity.name),
        actions=(Action(t("action.who", language, name=entity.name), f"/who {entity.name}"), *_following_action(language)),
    )


def handle_unfollow(request: Request, db: Database, context: HandlerContext) -> Reply:
    """Stop following a name or term in this chat."""
    language = request.language
    if not request.args.strip():
        return usage_reply("unfollow", language)
    refusal = _refusal(request, "unfollow")
    if refusal:
        return refusal
    followed = follows.chat_follows(db, request.platform, request.chat_id)
    found = _find_follow(db, followed, request.args)
    if found is None:
        label = request.args.strip()
        return Reply(title=t("unfollow.not_following", language, name=label), actions=_following_action(language), kind="not_found")
    follows.unfollow(db, found.id)
    return Reply(title=t("unfollow.done", language, name=found.label))


def _find_follow(db: Database, followed: list[follows.Follow], text: str) -> follows.Follow | None:
    """The follow ``text`` names: a quoted term, the name as followed, or the entity it resolves to."""
    term = quoted_term(text)
    if term is not None:
        return next((f for f in followed if f.term is not None and skeleton(f.term) == skeleton(term)), None)
    wanted = skeleton(text)
    for follow in followed:
        if skeleton(follow.name or follow.term or "") == wanted:
            return follow
    match = names.resolve(db, text.strip(), allow_typos=False)
    if match.entity is not None:
        return next((f for f in followed if f.entity_id == match.entity.entity_id), None)
    return None


def handle_following(request: Request, db: Database, context: HandlerContext) -> Reply:
    """What this chat follows."""
    language = request.language
    if request.platform not in PLATFORMS:
        return Reply(title=t("follow.platform_only", language), kind="usage")
    followed = follows.chat_follows(db, request.platform, request.chat_id)
    if not followed:
        return Reply(title=t("following.none", language), kind="not_found")
    lines = tuple(
        Line(t("following.term" if f.term is not None else "following.name", language, name=f.label), strong=f.label)
        for f in followed
    )
    actions = tuple(
        Action(t("action.unfollow", language, name=f.label), f'/unfollow "{f.term}"' if f.term else f"/unfollow {f.name}")
        for f in followed[:5]
    )
    return Reply(title=t("following.title", language), sections=(Section(None, lines),), actions=actions)


def _following_action(language: str) -> tuple[Action, ...]:
    return (Action(t("action.following", language), "/following"),)
