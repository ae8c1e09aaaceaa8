"""/follow, /unfollow, /following and the alert queue they feed (store.follows, store.alerts).

Articles are stored through the loader's own ``store_article`` with hand-made facts
(conftest.HANDLER_ARTICLES), so every alert here was recorded by the real store hook.
"""

from __future__ import annotations

import json

from conftest import HANDLER_ARTICLES, handler_facts

from store import alerts as queue
from store.alerts import alert_batch, claim_alerts
from store.follows import chat_follows
from store.loader import forget_article, store_article
from store.model import Article

TG = {"platform": "telegram", "chat_id": "1001", "user_id": "7"}


def article_like(spec: dict, **changes) -> tuple[Article, object]:
    spec = {**spec, **changes}
    article = Article(path=spec["path"], text=spec["text"], title=spec["title"], date=spec["date"])
    return article, handler_facts(spec)


def store(db, spec: dict, **changes):
    article, facts = article_like(spec, **changes)
    return store_article(db, article, facts)


def pending(db) -> list[tuple]:
    return db.execute(
        "select platform, chat_id, kind, article_id, status, matched, count from alerts order by id"
    ).fetchall()


RUBIO = HANDLER_ARTICLES[0]


def test_follow_a_name_resolves_like_who_and_follows_the_entity(news_db, run_command):
    reply = run_command(news_db, "/follow rubio", **TG)
    assert reply.title == "Dit gesprek volgt nu Marco Rubio: bij elk nieuw artikel over Marco Rubio krijg je een bericht."
    [follow] = chat_follows(news_db, "telegram", "1001")
    entity_id = news_db.execute("select id from entities where name = 'Marco Rubio'").fetchone()[0]
    assert (follow.entity_id, follow.name, follow.term) == (entity_id, "Marco Rubio", None)
    again = run_command(news_db, "/volg Marco Rubio", **TG)
    assert again.title == "Dit gesprek volgt Marco Rubio al."
    listed = run_command(news_db, "/following", **TG, language="en")
    assert listed.plain_text().splitlines()[:3] == ["Followed in this chat", "", "• Marco Rubio"]


def test_follow_a_quoted_term(news_db, run_command):
    reply = run_command(news_db, "/follow „staakt-het-vuren”", **TG)
    assert reply.title.startswith("Dit gesprek volgt nu de zoekterm “staakt-het-vuren”")
    [follow] = chat_follows(news_db, "telegram", "1001")
    assert (follow.entity_id, follow.term) == (None, "staakt-het-vuren")
    assert run_command(news_db, "/gevolgd", **TG).plain_text().splitlines()[2] == "• “staakt-het-vuren” (zoekterm)"
    done = run_command(news_db, '/unfollow "staakt-het-vuren"', **TG)
    assert done.title == "Dit gesprek volgt “staakt-het-vuren” niet meer."
    assert chat_follows(news_db, "telegram", "1001") == []


def test_an_ambiguous_name_asks_which_one(news_db, run_command):
    reply = run_command(news_db, "/follow Mark", **TG)
    assert reply.kind == "not_found"
    assert reply.title == "Meerdere namen passen bij “Mark”. Bedoelde je:"
    assert [a.command for a in reply.actions] == ["/follow Mark Carney", "/follow Mark Rutte"]
    assert chat_follows(news_db, "telegram", "1001") == []


def test_an_unknown_name_offers_to_follow_it_as_a_term(news_db, run_command):
    reply = run_command(news_db, "/follow Omtzigt", **TG)
    assert reply.kind == "not_found"
    assert reply.title == "Niemand gevonden met de naam “Omtzigt”."
    assert [a.command for a in reply.actions] == ['/follow "Omtzigt"']


def test_in_a_group_only_admins_may_follow(news_db, run_command):
    group = {**TG, "chat_id": "-100200", "is_group": True}
    refused = run_command(news_db, "/follow Rubio", **group)
    assert (refused.kind, refused.title) == (
        "forbidden",
        "In een groep of kanaal mogen alleen beheerders van de bot /follow gebruiken.",
    )
    assert run_command(news_db, "/unfollow Rubio", **group).kind == "forbidden"
    assert chat_follows(news_db, "telegram", "-100200") == []
    allowed = run_command(news_db, "/follow Rubio", **group, is_admin=True)
    assert allowed.kind == "answer"
    assert [f.name for f in chat_follows(news_db, "telegram", "-100200")] == ["Marco Rubio"]


def test_the_console_cannot_follow(news_db, run_command):
    reply = run_command(news_db, "/follow Rubio")
    assert (reply.kind, reply.title) == (
        "usage",
        "Volgen kan alleen in Telegram of Slack; hier kun je /search en /who gebruiken.",
    )


def test_unfollow_by_surname_and_usage(news_db, run_command):
    run_command(news_db, "/follow Marco Rubio", **TG)
    assert run_command(news_db, "/follow", **TG).title == 'Gebruik: /follow NAAM of /follow "zoekterm"'
    assert run_command(news_db, "/ontvolg Trump", **TG).title == "Dit gesprek volgt “Trump” niet."
    assert run_command(news_db, "/ontvolg rubio", **TG).title == "Dit gesprek volgt Marco Rubio niet meer."
    assert run_command(news_db, "/following", **TG).title == "Dit gesprek volgt nog niets. Begin met /follow NAAM."


def test_a_new_article_gives_each_following_chat_one_alert(news_db, run_command):
    run_command(news_db, "/follow Rubio", **TG)
    run_command(news_db, "/follow Trump", **TG)  # the same article mentions both: still one alert
    run_command(news_db, '/follow "akkoord"', **TG)
    run_command(news_db, "/follow Rubio", platform="slack", chat_id="C1", user_id="U1")
    run_command(news_db, "/follow Zelensky", platform="slack", chat_id="C2", user_id="U1")
    result = store(news_db, RUBIO, path="rubio2.txt", date="2025-04-11", text=RUBIO["text"] + " Later meer.")
    rows = pending(news_db)
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("telegram", "1001", "article", result.article_id, "pending"),
        ("slack", "C1", "article", result.article_id, "pending"),
    ]
    assert [m.get("name") or m.get("term") for m in json.loads(rows[0][5])] == ["Marco Rubio", "Donald Trump", "akkoord"]
    # storing the same article again changes nothing and queues nothing
    assert store(news_db, RUBIO, path="rubio2.txt", date="2025-04-11", text=RUBIO["text"] + " Later meer.").status == "unchanged"
    assert len(pending(news_db)) == 2


def test_a_replaced_article_alerts_again_and_an_unsent_earlier_version_is_dropped(news_db, run_command):
    run_command(news_db, "/follow Rubio", **TG)
    first = store(news_db, RUBIO, path="rubio2.txt", text=RUBIO["text"] + " Eerste versie.")
    second = store(news_db, RUBIO, path="rubio2.txt", text=RUBIO["text"] + " Tweede versie.")
    assert (second.status, second.article_id) == ("replaced", first.article_id)
    assert [(r[3], r[4]) for r in pending(news_db)] == [(first.article_id, "superseded"), (first.article_id, "pending")]


def test_a_bulk_load_sends_at_most_max_per_load_then_one_summary(news_db, run_command):
    run_command(news_db, "/follow Rubio", **TG)
    run_command(news_db, "/follow Zelensky", platform="slack", chat_id="C2", user_id="U1")
    with alert_batch(news_db, max_per_load=2):
        for n in range(5):
            store(news_db, RUBIO, path=f"bulk{n}.txt", text=f"{RUBIO['text']} Bericht {n}.")
        store(news_db, HANDLER_ARTICLES[2], path="z.txt", text=HANDLER_ARTICLES[2]["text"] + " Nieuw.")
    rows = pending(news_db)
    assert [(r[1], r[2], r[4], r[6]) for r in rows] == [
        ("1001", "article", "pending", None),
        ("1001", "article", "pending", None),
        ("1001", "article", "folded", None),
        ("1001", "article", "folded", None),
        ("1001", "article", "folded", None),
        ("C2", "article", "pending", None),
        ("1001", "summary", "pending", 3),
    ]
    assert json.loads(rows[-1][5]) == [{"entity_id": json.loads(rows[0][5])[0]["entity_id"], "name": "Marco Rubio"}]


def test_claiming_takes_each_alert_once(news_db, run_command):
    run_command(news_db, "/follow Rubio", **TG)
    store(news_db, RUBIO, path="a.txt", text=RUBIO["text"] + " A.")
    first = claim_alerts(news_db, ["telegram"])
    assert [(a.kind, a.chat_id) for a in first] == [("article", "1001")]
    assert claim_alerts(news_db, ["telegram", "slack"]) == []
    queue.finish_alert(news_db, first[0].id, "sent", attempts=1)
    assert queue.alert_counts(news_db) == {"sent": 1}


def test_merge_moves_the_follow_to_the_merged_entity(news_db, run_command):
    run_command(news_db, "/follow Zelensky", **TG)
    run_command(news_db, "/merge Zelensky into Poetin", is_admin=True)  # a wrong merge, but a clear one
    poetin = news_db.execute("select id from entities where name = 'Vladimir Poetin'").fetchone()[0]
    assert [f.entity_id for f in chat_follows(news_db, "telegram", "1001")] == [poetin]
    store(news_db, HANDLER_ARTICLES[1], path="p.txt", text=HANDLER_ARTICLES[1]["text"] + " Meer.")
    assert [r[4] for r in pending(news_db)] == ["pending"]


def test_a_follow_survives_its_entity_being_dropped_and_found_again(news_db, run_command):
    run_command(news_db, "/follow Carney", **TG)
    assert forget_article(news_db, 4)  # the only article naming Mark Carney: the entity goes
    assert news_db.execute("select count(*) from entities where name = 'Mark Carney'").fetchone()[0] == 0
    store(news_db, HANDLER_ARTICLES[3], path="navo2.txt", text=HANDLER_ARTICLES[3]["text"] + " Opnieuw.")
    carney = news_db.execute("select id from entities where name = 'Mark Carney'").fetchone()[0]
    assert [f.entity_id for f in chat_follows(news_db, "telegram", "1001")] == [carney]
    assert [(r[1], r[4]) for r in pending(news_db)] == [("1001", "pending")]
