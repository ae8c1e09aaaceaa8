"""No user can stall the bot: bounded arguments, capped search terms, a query deadline, fairness.

A Telegram message of 4,095 characters of "de de de …" made FTS5 rank ~1,400 query terms against
every article (78 s at 600 articles), and four of them took all of the adapter's concurrent
updates, so nobody else got an answer. Now every argument is bounded, repeated search terms count
once, every query has a deadline, and one user's commands run one at a time without taking the
slots of others. Odd arguments get a usage reply instead of the generic error.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from fake_telegram import FakeTelegram

from bench.generate import generate_article
from bot.config import Config
from bot.fairness import UserTurns
from bot.telegram import TelegramAdapter
from handlers import dispatch, limits
from handlers import role as role_handler
from handlers.context import HandlerContext
from handlers.reply import Request
from store.db import open_db
from store.loader import store_article
from store.model import Article, Facts
from store.search import MAX_QUERY_TERMS, fts_query

HEAVY = "de " * 1365  # a full Telegram message of one repeated word


def ask(db, command: str, args: str, **fields):
    return dispatch(Request(command=command, args=args, is_admin=True, **fields), db)


# --- usage replies instead of the generic error ------------------------------------------------


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("numbers", " ".join(f"woord{i}" for i in range(1000))),
        ("article", "99999999999999999999"),
        ("who", "Rubio \ud800"),
        ("search", "\udfff"),
        ("who", "R" * 100_000),
        ("role", "Marco " * 2000),
    ],
    ids=["numbers-1000-words", "article-huge-id", "who-surrogate", "search-surrogate", "who-100kB", "role-long"],
)
def test_odd_arguments_get_a_usage_reply(seeded_db, command, args):
    reply = ask(seeded_db, command, args)
    assert reply.kind == "usage", reply.title
    assert len(reply.plain_text()) < 600  # a 100 kB argument is not echoed back
    reply.plain_text().encode("utf-8")  # renderable: no lone surrogate in the reply


def test_an_argument_at_the_limit_still_works(seeded_db):
    reply = ask(seeded_db, "search", "Kiev " + "x" * 400)
    assert reply.kind == "not_found"


def test_role_without_colon_tries_a_bounded_number_of_names(seeded_db, monkeypatch):
    calls = []
    real = role_handler.names.resolve

    def counting(db, name, **kwargs):
        calls.append(name)
        return real(db, name, **kwargs)

    monkeypatch.setattr(role_handler.names, "resolve", counting)
    reply = ask(seeded_db, "role", "Marco Rubio " + "minister " * 40)
    assert reply.title.startswith("Marco Rubio heeft nu de rol")
    assert len(calls) <= role_handler.MAX_NAME_WORDS


# --- search terms and the query deadline -----------------------------------------------------


def test_search_terms_are_deduplicated_and_capped():
    assert fts_query(HEAVY + "Kiev de") == '"de" "kiev"'
    many = " ".join(f"woord{i}" for i in range(200))
    assert fts_query(many).count('"') == 2 * MAX_QUERY_TERMS


def test_a_query_past_its_deadline_is_stopped_with_a_clear_reply(seeded_db, monkeypatch):
    monkeypatch.setattr(limits, "PROGRESS_STEPS", 1)  # check the deadline at every step
    context = HandlerContext(query_seconds=0.0)
    reply = dispatch(Request(command="search", args="Kiev aanval"), seeded_db, context=context)
    assert reply.kind == "error"
    assert reply.title == "/search duurde te lang en is gestopt; maak de vraag kleiner."
    after = dispatch(Request(command="search", args="Kiev"), seeded_db)  # the connection still works
    assert after.kind == "answer"


# --- the stall test: a heavy user never holds up another ------------------------------------


RUBIO = "De Amerikaanse minister van Buitenlandse Zaken Marco Rubio sprak dinsdag in Riyad met de pers."


@pytest.fixture(scope="module")
def big_db_path(tmp_path_factory):
    """600 generated articles (their text only: search work, not extraction) and one about Rubio."""
    from store.model import Entity, Mention

    path = tmp_path_factory.mktemp("big") / "big.db"
    db = open_db(path)
    for i in range(600):
        generated = generate_article(i)
        store_article(db, Article(path=generated.name, text=generated.text, date=generated.date), Facts())
    at = RUBIO.index("Marco Rubio")
    rubio = Entity("Marco Rubio", "PER", aliases=["Rubio"], mentions=[Mention(at, at + 11, "Marco Rubio")], key="marco rubio")
    store_article(db, Article(path="rubio.txt", text=RUBIO, date="2025-04"), Facts(entities=[rubio]))
    db.close()
    return path


async def test_a_users_heavy_searches_do_not_delay_another_users_who(big_db_path):
    heavy_user, other_user = 7, 8
    async with FakeTelegram() as fake:
        config = Config()
        config.telegram.token = "123:ABC"
        config.telegram.api_base_url = fake.url
        bot = TelegramAdapter(config, str(big_db_path))
        await bot.start()
        try:
            for _ in range(4):
                fake.inject_command(heavy_user, heavy_user, "/search " + HEAVY)
            for _ in range(2):
                fake.inject_command(heavy_user, heavy_user, "/zoek " + "de " * 330)
            await asyncio.sleep(0.3)  # the heavy commands are being worked on
            asked = time.monotonic()
            fake.inject_command(other_user, other_user, "/wie Rubio")
            [answer] = await fake.wait_for_messages(other_user, 1, timeout=60)
            waited = time.monotonic() - asked
            assert answer.visible_text.splitlines()[0] == "Marco Rubio (persoon)"
            assert waited < 1.0, f"/who waited {waited:.1f} s behind another user's searches"
            replies = await fake.wait_for_messages(heavy_user, 6, timeout=60)  # the heavy user is answered too
            assert len(replies) == 6
        finally:
            await bot.stop()


async def test_a_user_has_one_command_running_and_two_waiting():
    turns = UserTurns(waiting=2)
    release = asyncio.Event()
    order: list[str] = []

    async def command(user: int, name: str) -> bool:
        async with turns.turn(user) as admitted:
            if admitted:
                order.append(f"start {name}")
                await release.wait()
                order.append(f"end {name}")
            return admitted

    tasks = [asyncio.create_task(command(7, f"heavy{i}")) for i in range(4)]
    other = asyncio.create_task(command(8, "who"))
    await asyncio.sleep(0.05)
    assert order == ["start heavy0", "start who"]  # the other user's command runs at once
    assert tasks[3].done() and tasks[3].result() is False  # the fourth is refused: "busy"
    release.set()
    assert await asyncio.gather(*tasks[:3], other) == [True, True, True, True]
    assert [step for step in order if "heavy" in step] == [
        "start heavy0", "end heavy0", "start heavy1", "end heavy1", "start heavy2", "end heavy2",
    ]  # fmt: skip
