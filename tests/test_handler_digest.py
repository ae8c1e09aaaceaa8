"""/digest, /samenvatting, /subscribe and /unsubscribe through ``handlers.dispatch``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from handlers import dispatch
from handlers.context import HandlerContext
from handlers.digest import handle as handle_digest
from handlers.reply import Line, Request, Section, Source
from store import subscriptions as subs
from store.digest import summarize
from store.loader import store_article
from store.model import Article, Entity, Facts, Mention, Number, Quote

AMS = ZoneInfo("Europe/Amsterdam")

KIEV = (
    "Bij een aanval op Kiev zijn zeker twaalf mensen gedood, meldt burgemeester Vitali Klitsjko. "
    "De aanval begon kort na middernacht met raketten en drones. "
    "Trump noemde de aanval onnodig en slecht getimed. "
    "„Dit is een zwarte dag voor onze stad en voor het hele land”, zei Klitsjko. "
    "Hulpdiensten zochten de hele dag naar overlevenden in het puin."
)
HAGUE = (
    "Het kabinet trekt extra geld uit voor de luchtverdediging van Oekraïne. "
    "Premier Dick Schoof maakte dat bekend na de ministerraad in Den Haag. "
    "Het gaat om 350 miljoen euro, verspreid over twee jaar."
)


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def mention(text: str, part: str, nth: int = 0) -> Mention:
    return Mention(*span(text, part, nth), part)


def kiev_facts() -> Facts:
    quote = "Dit is een zwarte dag voor onze stad en voor het hele land"
    return Facts(
        entities=[
            Entity(
                "Vitali Klitsjko",
                "PER",
                ["Klitsjko"],
                [mention(KIEV, "Vitali Klitsjko"), mention(KIEV, "Klitsjko", 1)],
                key="vitali klitsjko",
            ),
            Entity("Donald Trump", "PER", ["Trump"], [mention(KIEV, "Trump")], key="donald trump"),
        ],
        quotes=[Quote(quote, *span(KIEV, quote), "Vitali Klitsjko", True, "zei", 0.9)],
        numbers=[
            Number(12, "doden", "zeker twaalf mensen", *span(KIEV, "zeker twaalf mensen"), "zeker", "doden")
        ],
    )


def hague_facts() -> Facts:
    return Facts(
        entities=[Entity("Dick Schoof", "PER", [], [mention(HAGUE, "Dick Schoof")], key="dick schoof")],
        numbers=[Number(350_000_000, "euro", "350 miljoen euro", *span(HAGUE, "350 miljoen euro"))],
    )


@pytest.fixture
def news(db):
    """Two hand-made articles: Kiev on 24 April, The Hague on 25 April 2025."""
    kiev = store_article(
        db, Article("kiev.txt", KIEV, "Twaalf doden bij aanval op Kiev", "2025-04-24"), kiev_facts()
    )
    hague = store_article(db, Article("haag.txt", HAGUE, None, "2025-04-25"), hague_facts())
    return db, kiev.article_id, hague.article_id


def digest(db, args: str = "", language: str = "nl", command: str = "digest"):
    return dispatch(Request(command, args, language=language), db)


def test_digest_of_a_date_lists_its_article_with_summary_facts_and_quote(news):
    db, kiev, _ = news
    reply = digest(db, "2025-04-24")
    cite = Source(kiev, "Twaalf doden bij aanval op Kiev", "2025-04-24")
    assert reply.title == "Nieuwsoverzicht 2025-04-24"
    assert reply.sections == (
        Section(
            "Twaalf doden bij aanval op Kiev (2025-04-24)",
            (
                Line(
                    "Bij een aanval op Kiev zijn zeker twaalf mensen gedood, meldt burgemeester Vitali Klitsjko.",
                    source=cite,
                ),
                Line("De aanval begon kort na middernacht met raketten en drones.", source=cite),
                Line("Wie: Vitali Klitsjko, Donald Trump · cijfer: zeker twaalf mensen", source=cite),
            ),
        ),
        Section(
            "In het nieuws",
            (
                Line(
                    "Vitali Klitsjko: 2× genoemd in 1 artikel (nieuw)", strong="Vitali Klitsjko", source=cite
                ),
                Line("Donald Trump: 1× genoemd in 1 artikel (nieuw)", strong="Donald Trump", source=cite),
            ),
        ),
        Section("Cijfers", (Line("zeker twaalf mensen", source=cite),)),
        Section(
            "Citaten",
            (
                Line(
                    "“Dit is een zwarte dag voor onze stad en voor het hele land” — Vitali Klitsjko",
                    strong="Vitali Klitsjko",
                    source=cite,
                ),
            ),
        ),
    )


def test_the_change_is_counted_against_the_day_before(news):
    db, _, hague = news
    second = "Klitsjko riep de bevolking op de schuilkelders op te zoeken bij luchtalarm in de stad."
    facts = Facts(
        entities=[
            Entity(
                "Vitali Klitsjko", "PER", ["Klitsjko"], [mention(second, "Klitsjko")], key="vitali klitsjko"
            )
        ]
    )
    later = store_article(
        db, Article("kiev2.txt", second, "Klitsjko waarschuwt", "2025-04-25"), facts
    ).article_id
    reply = digest(db, "25-04-2025", language="en")
    [news_section] = [s for s in reply.sections if s.heading == "In the news"]
    assert [line.text for line in news_section.lines] == [
        "Dick Schoof: mentioned 1× in 1 article (new)",
        "Vitali Klitsjko: mentioned 1× in 1 article (−1)",
    ]
    assert [line.source.article_id for line in news_section.lines] == [hague, later]


def test_an_article_without_headline_is_headed_by_its_lead_sentence(news):
    db, _, hague = news
    reply = digest(db, "2025-04-25")
    article = reply.sections[0]
    assert (
        article.heading
        == "Het kabinet trekt extra geld uit voor de luchtverdediging van Oekraïne. (2025-04-25)"
    )
    assert [line.text for line in article.lines] == [
        "Premier Dick Schoof maakte dat bekend na de ministerraad in Den Haag.",
        "Wie: Dick Schoof · cijfer: 350 miljoen euro",
    ]
    assert {line.source.article_id for line in article.lines} == {hague}


def test_digest_of_a_month_holds_every_article_dated_in_it(news):
    db, kiev, hague = news
    reply = digest(db, "2025-04", command="samenvatting")
    assert reply.title == "Nieuwsoverzicht 2025-04"
    assert [s.lines[0].source.article_id for s in reply.sections[:2]] == [hague, kiev]


def test_digest_without_date_covers_the_last_24_hours_of_loading(news):
    db, kiev, hague = news
    now = datetime.now(AMS)
    reply = handle_digest(Request("digest"), db, HandlerContext(), now=now)
    assert reply.title == f"Nieuwsoverzicht {now:%Y-%m-%d %H:%M}"
    assert [s.lines[0].source.article_id for s in reply.sections[:2]] == [hague, kiev]


def test_an_empty_day_is_one_line(news):
    db, _, _ = news
    reply = digest(db, "2025-04-23")
    assert reply.plain_text() == "Geen nieuwe artikelen voor 2025-04-23."
    assert digest(db, "gisteren", language="en").sections == ()


@pytest.mark.parametrize("args", ["morgen", "2025-13-01", "2025-02-30", "31-02-2025", "9999-12-31", "2025-13"])
def test_a_bad_date_gets_the_usage(news, args):
    db, _, _ = news
    reply = digest(db, args)
    assert (reply.kind, reply.title) == ("usage", "Gebruik: /digest [DATUM]")


def test_summary_puts_the_lead_sentence_first():
    text = (
        "Rusland heeft in de nacht opnieuw Kiev aangevallen met raketten en drones. "
        "Advertentie. "
        "De aanval op Kiev met raketten en drones was de zwaarste van dit jaar, zeggen de autoriteiten. "
        "Het weer was zonnig. "
        "In Kiev zijn na de aanval met drones en raketten branden uitgebroken."
    )
    assert summarize(text) == [
        "Rusland heeft in de nacht opnieuw Kiev aangevallen met raketten en drones.",
        "De aanval op Kiev met raketten en drones was de zwaarste van dit jaar, zeggen de autoriteiten.",
    ]


# --- /subscribe and /unsubscribe ----------------------------------------------------------------


def request(command: str, args: str = "", **fields) -> Request:
    fields.setdefault("platform", "telegram")
    fields.setdefault("chat_id", "1001")
    fields.setdefault("user_id", "42")
    return Request(command, args, **fields)


def test_anyone_subscribes_a_private_chat_at_a_time(db):
    reply = dispatch(request("subscribe", "7.45"), db)
    assert (reply.kind, reply.title) == (
        "answer",
        "Dit gesprek krijgt elke dag om 07:45 (Europe/Amsterdam) het nieuwsoverzicht. Stoppen: /unsubscribe",
    )
    [subscription] = subs.list_subscriptions(db)
    assert (
        subscription.platform,
        subscription.chat_id,
        subscription.time,
        subscription.origin,
        subscription.created_by,
    ) == (
        "telegram",
        "1001",
        "07:45",
        "chat",
        "42",
    )


def test_subscribe_without_time_uses_the_configured_time_and_again_changes_it(db):
    dispatch(request("subscribe"), db)
    assert subs.get_subscription(db, "telegram", "1001").time == "07:30"
    reply = dispatch(request("subscribe", "08:00", language="en"), db)
    assert reply.title == "The news digest now comes every day at 08:00 (Europe/Amsterdam)."
    assert [(s.chat_id, s.time) for s in subs.list_subscriptions(db)] == [("1001", "08:00")]


def test_in_a_group_only_admins_subscribe(db):
    refused = dispatch(request("subscribe", "07:30", is_group=True), db)
    assert (refused.kind, refused.title) == (
        "forbidden",
        "In een groep of kanaal mogen alleen beheerders van de bot /subscribe gebruiken.",
    )
    assert subs.list_subscriptions(db) == []
    assert dispatch(request("subscribe", "07:30", is_group=True, is_admin=True), db).kind == "answer"
    assert dispatch(request("unsubscribe", is_group=True), db).kind == "forbidden"
    assert len(subs.list_subscriptions(db)) == 1


@pytest.mark.parametrize("args", ["25:00", "7:75", "morgen", "07:30:00"])
def test_a_bad_time_gets_the_usage(db, args):
    reply = dispatch(request("subscribe", args), db)
    assert (reply.kind, reply.title) == ("usage", "Gebruik: /subscribe [UU:MM]")


def test_the_console_cannot_subscribe(db):
    reply = dispatch(request("subscribe", platform="console"), db)
    assert (reply.kind, reply.title) == (
        "usage",
        "Abonneren kan alleen in Telegram of Slack; hier kun je /digest gebruiken.",
    )


def test_unsubscribe_removes_the_subscription_and_its_ledger(db):
    dispatch(request("subscribe", "07:30", platform="slack", chat_id="C01"), db)
    subscription = subs.get_subscription(db, "slack", "C01")
    subs.claim_digest(db, subscription.id, "2025-04-24")
    reply = dispatch(request("unsubscribe", platform="slack", chat_id="C01"), db)
    assert reply.title == "Dit gesprek krijgt geen dagelijks nieuwsoverzicht meer."
    assert (subs.list_subscriptions(db), subs.ledger(db)) == ([], [])
    again = dispatch(request("unsubscribe", platform="slack", chat_id="C01"), db)
    assert (again.kind, again.title) == ("not_found", "Dit gesprek heeft geen dagelijks nieuwsoverzicht.")


def test_a_config_subscription_is_changed_in_the_config_only(db):
    subs.sync_config_subscriptions(db, "07:30", {"telegram": ["1001"]}, timezone_name="Europe/Amsterdam")
    assert dispatch(request("unsubscribe"), db).kind == "forbidden"
    assert dispatch(request("subscribe", "09:00"), db).kind == "forbidden"
    assert [(s.chat_id, s.time, s.origin) for s in subs.list_subscriptions(db)] == [
        ("1001", "07:30", "config")
    ]


def test_config_sync_adds_updates_and_removes_only_config_subscriptions(db):
    dispatch(request("subscribe", "06:00", chat_id="2002"), db)
    first = subs.sync_config_subscriptions(db, "07:30", {"telegram": ["1001"], "slack": ["C01"]})
    assert first == {"added": ["slack:C01", "telegram:1001"], "updated": [], "removed": []}
    second = subs.sync_config_subscriptions(db, "08:00", {"telegram": ["1001", "2002"]})
    assert second == {"added": [], "updated": ["telegram:1001"], "removed": ["slack:C01"]}
    assert [(s.platform, s.chat_id, s.time, s.origin) for s in subs.list_subscriptions(db)] == [
        ("telegram", "2002", "06:00", "chat"),
        ("telegram", "1001", "08:00", "config"),
    ]


# --- the seed articles (the real pipeline) ------------------------------------------------------


def test_digest_of_a_seed_month_summarises_its_article_and_cites_it_everywhere(seeded_db):
    [(article_id,)] = seeded_db.execute("select id from articles where date = '2025-03'").fetchall()
    reply = digest(seeded_db, "2025-03")
    article = reply.sections[0]
    assert reply.title == "Nieuwsoverzicht 2025-03"
    assert (
        article.heading
        == "Trump schreef vrijdag op Truth Social dat hij Poetin vroeg om de levens van… (2025-03)"
    )
    assert [line.text for line in article.lines[:2]] == [
        "Trump schreef vrijdag op Truth Social dat hij Poetin vroeg om de levens van Oekraïense militairen te sparen.",
        "Het Kremlin zei eerder „voorzichtig optimistisch” te zijn na het gesprek tussen Poetin en Witkoff.",
    ]
    assert reply.sections[1].heading == "In het nieuws"
    assert reply.sections[1].lines[0].strong in ("Poetin", "Vladimir Poetin")  # the most mentioned
    assert {line.source.article_id for section in reply.sections for line in section.lines} == {article_id}


def test_the_liveblog_lead_is_summarised_once(seeded_db):
    text = seeded_db.execute("select text from articles where title like 'Duitsland verwijt%'").fetchone()[0]
    [lead, best] = summarize(text)
    assert lead.startswith("Rusland en de Verenigde Staten gaan onmiddellijk verder onderhandelen")
    assert best != lead
