"""The digest scheduler: cron times across DST, the pure due check, sent-once, catch-up, retries.

A controllable clock drives everything: no test waits for a real minute. The last tests post real
digests through the Telegram and Slack adapters to the fake platform servers.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config, DigestConfig
from bot.digests import render_digest_text
from bot.scheduler import DigestScheduler, digest_trigger, due_digests, scheduled_at
from handlers.reply import Reply
from store import subscriptions as subs
from store.loader import store_article
from store.model import Article, Entity, Facts, Mention
from store.subscriptions import Subscription

AMS = ZoneInfo("Europe/Amsterdam")
GRACE = timedelta(hours=6)
CREATED = "2025-06-30T12:00:00+00:00"  # the day before most tests: no older digests were due
WINTER_CREATED = "2025-01-14T12:00:00+00:00"


def ams(text: str) -> datetime:
    """ "2025-07-01 07:30" in Amsterdam, as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=AMS)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class RecordingPoster:
    """A Poster that records (chat_id, reply) and can fail its first ``failures`` posts."""

    def __init__(self, failures: int = 0):
        self.sent: list[tuple[str, Reply]] = []
        self.attempts = 0
        self.failures = failures

    async def send_reply(self, chat_id: str, reply: Reply) -> None:
        self.attempts += 1
        if self.attempts <= self.failures:
            raise ConnectionError("platform unavailable")
        self.sent.append((chat_id, reply))


class RecordingSleep:
    def __init__(self):
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def sub(id: int = 1, time: str = "07:30", created_at: str = CREATED) -> Subscription:
    return Subscription(
        id=id,
        platform="telegram",
        chat_id=str(1000 + id),
        time=time,
        timezone="Europe/Amsterdam",
        created_at=created_at,
    )


def config(grace_hours: float = 6.0) -> Config:
    return Config(digest=DigestConfig(time="07:30", grace_hours=grace_hours))


def add_subscription(
    db, chat_id: str, time: str = "07:30", platform: str = "telegram", created: str = CREATED
) -> Subscription:
    subscription, _ = subs.subscribe(
        db, platform, chat_id, time, timezone_name="Europe/Amsterdam", language="nl"
    )
    db.execute("update subscriptions set created_at = ? where id = ?", [created, subscription.id])
    db.conn.commit()
    return subs.get_subscription(db, platform, chat_id)


def scheduler_for(db, clock: Clock, poster: RecordingPoster, **options) -> DigestScheduler:
    options.setdefault("retry_delays", (0, 0, 0))
    return DigestScheduler(db, config(), {"telegram": poster}, clock=clock, **options)


def statuses(db) -> list[tuple[int, str, str, int]]:
    return [(r["subscription_id"], r["digest_date"], r["status"], r["attempts"]) for r in subs.ledger(db)]


# --- cron times: 07:30 Amsterdam is 05:30 UTC in summer and 06:30 UTC in winter ---------------

CRON_CASES = [
    ("summer", "2025-07-01T00:00:00+00:00", "2025-07-01T05:30:00+00:00"),
    ("winter", "2025-01-15T00:00:00+00:00", "2025-01-15T06:30:00+00:00"),
    ("spring-forward day", "2025-03-29T08:00:00+00:00", "2025-03-30T05:30:00+00:00"),
    ("day after spring forward", "2025-03-30T06:00:00+00:00", "2025-03-31T05:30:00+00:00"),
    ("fall-back day", "2025-10-25T08:00:00+00:00", "2025-10-26T06:30:00+00:00"),
    ("day before fall back", "2025-10-24T08:00:00+00:00", "2025-10-25T05:30:00+00:00"),
]


@pytest.mark.parametrize("case, after, expected", CRON_CASES, ids=[c[0] for c in CRON_CASES])
def test_cron_trigger_fires_at_0730_amsterdam(case, after, expected):
    trigger = digest_trigger(sub(), AMS)
    fire = trigger.get_next_fire_time(None, datetime.fromisoformat(after))
    assert fire.astimezone(UTC).isoformat() == expected
    # the due check computes the same moment as the trigger
    assert scheduled_at(sub(), fire.astimezone(AMS).date(), AMS).isoformat() == expected


# --- the pure due check -----------------------------------------------------------------------


def test_nothing_is_due_before_the_time():
    assert due_digests([sub()], set(), ams("2025-07-01 07:29"), GRACE, AMS) == []


@pytest.mark.parametrize("now", ["2025-07-01 07:30", "2025-01-15 07:30"], ids=["summer", "winter"])
def test_digest_is_due_at_0730_local(now):
    [due] = due_digests(
        [sub(created_at=WINTER_CREATED if "-01-" in now else CREATED)], set(), ams(now), GRACE, AMS
    )
    assert (due.digest_date.isoformat(), due.action) == (now[:10], "send")
    assert due.scheduled_at == ams(now).astimezone(UTC)


def test_a_recorded_digest_is_not_due_again():
    assert due_digests([sub()], {(1, "2025-07-01")}, ams("2025-07-01 09:00"), GRACE, AMS) == []


def test_missed_digest_within_grace_is_sent():
    [due] = due_digests([sub()], set(), ams("2025-07-01 09:00"), GRACE, AMS)
    assert (due.digest_date, due.action) == (date(2025, 7, 1), "send")


def test_missed_digest_beyond_grace_is_skipped_with_a_reason():
    [due] = due_digests([sub()], set(), ams("2025-07-01 14:00"), GRACE, AMS)
    assert (due.digest_date, due.action, due.reason) == (
        date(2025, 7, 1),
        "skip",
        "6.5 h late, beyond the grace",
    )


def test_a_subscription_made_after_the_time_waits_for_the_next_day():
    late = sub(created_at="2025-07-01T08:00:00+00:00")  # 10:00 in Amsterdam
    assert due_digests([late], set(), ams("2025-07-01 10:30"), GRACE, AMS) == []
    [due] = due_digests([late], set(), ams("2025-07-02 07:30"), GRACE, AMS)
    assert due.digest_date == date(2025, 7, 2)


def test_yesterday_unrecorded_is_skipped_and_today_sent():
    dues = due_digests(
        [sub(created_at="2025-01-01T00:00:00+00:00")], set(), ams("2025-07-02 07:45"), GRACE, AMS
    )
    assert [(d.digest_date.isoformat(), d.action) for d in dues] == [
        ("2025-06-30", "skip"),
        ("2025-07-01", "skip"),
        ("2025-07-02", "send"),
    ]


def test_two_subscriptions_are_due_at_their_own_times():
    both = [sub(1, "07:30"), sub(2, "08:15")]
    assert [d.subscription.id for d in due_digests(both, set(), ams("2025-07-01 07:30"), GRACE, AMS)] == [1]
    recorded = {(1, "2025-07-01")}
    assert [d.subscription.id for d in due_digests(both, recorded, ams("2025-07-01 08:15"), GRACE, AMS)] == [
        2
    ]


# --- the scheduler: sent once, catch-up, retries -----------------------------------------------


@pytest.mark.parametrize("now", ["2025-07-01 07:30", "2025-01-15 07:30"], ids=["summer", "winter"])
async def test_digest_goes_out_at_0730_amsterdam(db, now):
    add_subscription(db, "1001", created=WINTER_CREATED if "-01-" in now else CREATED)
    poster = RecordingPoster()
    clock = Clock(ams(now) - timedelta(minutes=1))
    scheduler = scheduler_for(db, clock, poster)
    assert await scheduler.run_due() == []
    clock.now = ams(now)
    [outcome] = await scheduler.run_due()
    assert (outcome.status, outcome.attempts) == ("sent", 1)
    assert [(chat, reply.title) for chat, reply in poster.sent] == [
        ("1001", f"Geen nieuwe artikelen voor {now[:10]}.")
    ]
    assert statuses(db) == [(1, now[:10], "sent", 1)]


async def test_a_restart_after_sending_sends_nothing_more(db, db_path):
    add_subscription(db, "1001")
    poster = RecordingPoster()
    clock = Clock(ams("2025-07-01 07:30"))
    await scheduler_for(db, clock, poster).run_due()
    from store.db import open_db

    restarted_db = open_db(db_path)  # a new process: a new connection, a new scheduler
    clock.now = ams("2025-07-01 07:31")
    restarted = scheduler_for(restarted_db, clock, poster)
    restarted.start()
    assert await restarted.catch_up == []
    clock.now = ams("2025-07-01 09:00")
    assert await restarted.run_due() == []
    await restarted.stop()
    restarted_db.close()
    assert len(poster.sent) == 1
    assert statuses(db) == [(1, "2025-07-01", "sent", 1)]


async def test_down_at_0730_and_up_at_0900_sends_exactly_once(db):
    add_subscription(db, "1001")
    poster = RecordingPoster()
    clock = Clock(ams("2025-07-01 09:00"))
    scheduler = scheduler_for(db, clock, poster)
    scheduler.start()
    [outcome] = await scheduler.catch_up
    assert outcome.status == "sent"
    clock.now = ams("2025-07-01 09:00:30")
    assert await scheduler.run_due() == []  # the sync job's next check
    await scheduler.stop()
    assert [chat for chat, _ in poster.sent] == ["1001"]
    assert statuses(db) == [(1, "2025-07-01", "sent", 1)]


async def test_down_past_the_grace_records_skipped_and_sends_nothing(db, caplog):
    add_subscription(db, "1001")
    poster = RecordingPoster()
    scheduler = scheduler_for(db, Clock(ams("2025-07-01 14:00")), poster)
    scheduler.start()
    [outcome] = await scheduler.catch_up
    await scheduler.stop()
    assert (outcome.status, outcome.error) == ("skipped", "6.5 h late, beyond the grace")
    assert poster.sent == []
    assert [(r["digest_date"], r["status"], r["error"]) for r in subs.ledger(db)] == [
        ("2025-07-01", "skipped", "6.5 h late, beyond the grace")
    ]
    assert "digest 2025-07-01 for telegram:1001 skipped: 6.5 h late, beyond the grace" in caplog.text


async def test_two_subscriptions_at_different_times(db):
    add_subscription(db, "1001", "07:30")
    add_subscription(db, "1002", "08:15")
    poster = RecordingPoster()
    clock = Clock(ams("2025-07-01 07:30"))
    scheduler = scheduler_for(db, clock, poster)
    await scheduler.run_due()
    assert [chat for chat, _ in poster.sent] == ["1001"]
    clock.now = ams("2025-07-01 08:15")
    await scheduler.run_due()
    assert [chat for chat, _ in poster.sent] == ["1001", "1002"]
    assert statuses(db) == [(1, "2025-07-01", "sent", 1), (2, "2025-07-01", "sent", 1)]


async def test_a_platform_error_is_retried_with_backoff_then_recorded_failed(db):
    add_subscription(db, "1001")
    poster = RecordingPoster(failures=10)
    sleep = RecordingSleep()
    scheduler = DigestScheduler(
        db, config(), {"telegram": poster}, clock=Clock(ams("2025-07-01 07:30")), sleep=sleep
    )
    [outcome] = await scheduler.run_due()
    assert (outcome.status, outcome.attempts, outcome.error) == (
        "failed",
        4,
        "ConnectionError: platform unavailable",
    )
    assert sleep.delays == [1.0, 4.0, 16.0]
    assert [(r["status"], r["attempts"], r["error"]) for r in subs.ledger(db)] == [
        ("failed", 4, "ConnectionError: platform unavailable")
    ]
    assert await scheduler.run_due() == []  # failed is final: never sent twice


async def test_a_passing_platform_error_is_retried_and_sent(db):
    add_subscription(db, "1001")
    poster = RecordingPoster(failures=1)
    scheduler = scheduler_for(db, Clock(ams("2025-07-01 07:30")), poster)
    [outcome] = await scheduler.run_due()
    assert (outcome.status, outcome.attempts) == ("sent", 2)
    assert len(poster.sent) == 1


async def test_two_processes_at_the_same_moment_send_once(db, db_path):
    from store.db import open_db

    add_subscription(db, "1001")
    poster = RecordingPoster()
    other_db = open_db(db_path)
    clock = Clock(ams("2025-07-01 07:30"))
    first, second = scheduler_for(db, clock, poster), scheduler_for(other_db, clock, poster)
    results = await asyncio.gather(first.run_due(), second.run_due())
    other_db.close()
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(poster.sent) == 1


async def test_a_claim_left_by_a_crash_is_sent_within_the_grace(db):
    subscription = add_subscription(db, "1001")
    assert subs.claim_digest(db, subscription.id, "2025-07-01", ams("2025-07-01 07:30"))
    poster = RecordingPoster()
    scheduler = scheduler_for(db, Clock(ams("2025-07-01 08:00")), poster)  # the claim is 30 min old
    scheduler.start()
    [outcome] = await scheduler.catch_up
    await scheduler.stop()
    assert outcome.status == "sent"
    assert len(poster.sent) == 1
    assert statuses(db) == [(1, "2025-07-01", "sent", 1)]


async def test_stopping_between_retries_releases_the_claim_for_the_next_start(db):
    add_subscription(db, "1001")
    poster = RecordingPoster(failures=1)
    clock = Clock(ams("2025-07-01 07:30"))
    scheduler = scheduler_for(db, clock, poster, retry_delays=(3600,))
    scheduler.start()
    while poster.attempts == 0:  # the first attempt fails, then it waits an hour to retry
        await asyncio.sleep(0.01)
    await scheduler.stop()
    assert subs.ledger(db) == []
    clock.now = ams("2025-07-01 07:40")
    restarted = scheduler_for(db, clock, poster)
    restarted.start()
    [outcome] = await restarted.catch_up
    await restarted.stop()
    assert outcome.status == "sent"
    assert statuses(db) == [(1, "2025-07-01", "sent", 1)]


async def test_jobs_follow_subscriptions_added_and_removed_from_chat(db):
    add_subscription(db, "1001", "07:30")
    scheduler = scheduler_for(db, Clock(ams("2025-07-01 06:00")), RecordingPoster())
    scheduler.start()
    await scheduler.catch_up
    assert sorted(scheduler.jobs()) == ["digest:1", "sync"]
    second, _ = subs.subscribe(db, "telegram", "1002", "08:15", timezone_name="Europe/Amsterdam")
    scheduler.sync_jobs()
    next_run = scheduler.jobs()[f"digest:{second.id}"].astimezone(AMS)
    assert (next_run.hour, next_run.minute) == (8, 15)
    subs.unsubscribe(db, "telegram", "1001")
    scheduler.sync_jobs()
    assert sorted(scheduler.jobs()) == [f"digest:{second.id}", "sync"]
    await scheduler.stop()


# --- content ------------------------------------------------------------------------------------

KIEV = (
    "Bij een aanval op Kiev zijn zeker twaalf mensen gedood, meldt burgemeester Vitali Klitsjko. "
    "De aanval begon kort na middernacht met raketten en drones. "
    "Hulpdiensten zochten de hele dag naar overlevenden in het puin van de flat."
)


def store_kiev(db) -> int:
    start = KIEV.index("Vitali")
    facts = Facts(
        entities=[
            Entity(
                "Vitali Klitsjko",
                "PER",
                [],
                [Mention(start, start + 15, "Vitali Klitsjko")],
                key="vitali klitsjko",
            )
        ]
    )
    return store_article(
        db,
        Article(path="kiev.txt", text=KIEV, title="Twaalf doden bij aanval op Kiev", date="2025-07-01"),
        facts,
    ).article_id


async def test_an_empty_day_says_so_in_one_line(db):
    add_subscription(db, "1001")
    poster = RecordingPoster()
    await scheduler_for(db, Clock(ams("2025-07-01 07:30")), poster).run_due()
    [(_, reply)] = poster.sent
    assert reply.plain_text() == "Geen nieuwe artikelen voor 2025-07-01."


async def test_the_digest_holds_the_articles_dated_in_its_period(db):
    article_id = store_kiev(db)
    add_subscription(db, "1001")
    poster = RecordingPoster()
    await scheduler_for(db, Clock(ams("2025-07-01 07:30")), poster).run_due()
    [(_, reply)] = poster.sent
    assert reply.plain_text() == (
        "Nieuwsoverzicht 2025-07-01\n"
        "\n"
        "Twaalf doden bij aanval op Kiev (2025-07-01)\n"
        f"• Bij een aanval op Kiev zijn zeker twaalf mensen gedood, meldt burgemeester Vitali Klitsjko. [#{article_id}, 2025-07-01]\n"
        f"• De aanval begon kort na middernacht met raketten en drones. [#{article_id}, 2025-07-01]\n"
        f"• Wie: Vitali Klitsjko [#{article_id}, 2025-07-01]\n"
        "\n"
        "In het nieuws\n"
        f"• Vitali Klitsjko: 1× genoemd in 1 artikel (nieuw) [#{article_id}, 2025-07-01]"
    )


def test_render_digest_text_for_a_date_and_for_a_chat(db):
    store_kiev(db)
    text = render_digest_text(db, Config(), date="2025-07-01")
    assert text.splitlines()[:3] == [
        "Nieuwsoverzicht 2025-07-01",
        "",
        "Twaalf doden bij aanval op Kiev (2025-07-01)",
    ]
    assert render_digest_text(db, Config(), date="2025-06-30") == "Geen nieuwe artikelen voor 2025-06-30."
    add_subscription(db, "1001")  # never sent: the last 24 hours, which include the load just now
    assert (
        render_digest_text(db, Config(), chat="1001").splitlines()[2]
        == "Twaalf doden bij aanval op Kiev (2025-07-01)"
    )
