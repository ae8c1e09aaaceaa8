"""GET /healthz and /metrics over real HTTP, with the fake Telegram and Slack up and then down."""

import asyncio
import shutil
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
from fake_slack import FakeSlack
from fake_telegram import FakeTelegram
from prometheus_client.parser import text_string_to_metric_families
from test_bot_telegram import store_rubio

from bot.health import HealthServer
from bot.metrics import METRICS, Metrics
from bot.slack import SlackAdapter
from bot.telegram import TelegramAdapter

ROOT = Path(__file__).resolve().parent.parent
USER = 7


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "news.db"
    store_rubio(path)
    return path


async def get(session: aiohttp.ClientSession, server: HealthServer, path: str) -> tuple[int, str, str]:
    async with session.get(f"http://127.0.0.1:{server.port}{path}") as response:
        return response.status, response.headers["Content-Type"], await response.text()


async def get_json(session, server, path="/healthz") -> tuple[int, dict]:
    async with session.get(f"http://127.0.0.1:{server.port}{path}") as response:
        return response.status, await response.json()


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """(sample name, sorted labels) → value, from the Prometheus text format."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.mark.parametrize("slack_mode", ["http", "socket"])
async def test_healthz_is_200_with_both_platforms_up_and_503_when_one_goes_down(db_path, slack_mode):
    telegram, slack = FakeTelegram(), FakeSlack()
    await telegram.start()
    await slack.start()
    config = slack.config(slack_mode)
    config.telegram.token, config.telegram.api_base_url = telegram.token, telegram.url
    adapters = {
        "telegram": TelegramAdapter(config, str(db_path)),
        "slack": SlackAdapter(config, str(db_path), host="127.0.0.1"),
    }
    health = HealthServer(adapters, db_path, host="127.0.0.1", port=0, cache_seconds=0)
    await health.start()
    try:
        async with aiohttp.ClientSession() as session:
            status, body = await get_json(session, health)
            assert status == 503  # nothing connected yet
            assert body["adapters"]["telegram"] == "error: not running"

            for adapter in adapters.values():
                await adapter.start()
            status, body = await get_json(session, health)
            assert (status, body) == (
                200,
                {"status": "ok", "database": "ok", "adapters": {"telegram": "ok", "slack": "ok"}},
            )

            await telegram.stop()
            status, body = await get_json(session, health)
            assert status == 503
            assert body["status"] == "unhealthy"
            assert body["adapters"]["slack"] == "ok"
            assert body["adapters"]["telegram"].startswith("error: ")
            assert telegram.token not in body["adapters"]["telegram"]

            await slack.stop()
            status, body = await get_json(session, health)
            assert status == 503
            assert body["adapters"]["slack"].startswith("error: ")
            assert body["database"] == "ok"
    finally:
        for adapter in adapters.values():
            await adapter.stop()
        await health.stop()
        await telegram.stop()
        await slack.stop()


async def test_healthz_is_503_when_the_database_does_not_answer(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    health = HealthServer({}, broken, host="127.0.0.1", port=0, cache_seconds=0)
    await health.start()
    try:
        async with aiohttp.ClientSession() as session:
            status, body = await get_json(session, health)
            assert status == 503
            assert body == {"status": "unhealthy", "database": "error: file is not a database", "adapters": {}}
            health.db_path = str(tmp_path / "gone.db")
            status, body = await get_json(session, health)
            assert body["database"] == f"error: no database at {tmp_path / 'gone.db'}"
    finally:
        await health.stop()


async def test_metrics_count_commands_by_name_and_platform_with_latency_and_articles(db_path):
    before = samples(METRICS.exposition().decode())
    who = ("newsbot_commands_total", (("command", "who"), ("kind", "answer"), ("platform", "telegram")))
    unknown = ("newsbot_commands_total", (("command", "unknown"), ("kind", "usage"), ("platform", "telegram")))
    latency = ("newsbot_answer_seconds_count", (("platform", "telegram"),))
    async with FakeTelegram() as telegram:
        config = FakeSlack().config("http")
        config.telegram.token, config.telegram.api_base_url = telegram.token, telegram.url
        adapter = TelegramAdapter(config, str(db_path))
        health = HealthServer({"telegram": adapter}, db_path, host="127.0.0.1", port=0)
        await adapter.start()
        await health.start()
        try:
            telegram.inject_command(USER, USER, "/wie Rubio")  # an alias counts as its command
            telegram.inject_command(USER, USER, "/bestaatniet")
            await telegram.wait_for_messages(USER, 2)
            async with aiohttp.ClientSession() as session:
                status, content_type, text = await get(session, health, "/metrics")
        finally:
            await adapter.stop()
            await health.stop()
    assert status == 200
    assert content_type.startswith("text/plain; version=0.0.4")
    after = samples(text)
    assert after[who] - before.get(who, 0) == 1
    assert after[unknown] - before.get(unknown, 0) == 1
    assert after[latency] - before.get(latency, 0) == 2
    assert after[("newsbot_articles", ())] == 1
    assert "# TYPE newsbot_answer_seconds histogram" in text
    assert 'newsbot_answer_seconds_bucket{le="0.5",platform="telegram"}' in text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_serve_exposes_health_and_metrics_from_the_config(tmp_path, seeded_db_path):
    """The real process: [serve] health_port from the environment, the fake Telegram, a digest ledger."""
    db = tmp_path / "news.db"
    shutil.copy(seeded_db_path, db)
    port = free_port()
    async with FakeTelegram() as telegram:
        config = tmp_path / "config.toml"
        config.write_text(
            f'[telegram]\ntoken = "{telegram.token}"\napi_base_url = "{telegram.url}"\n'
            '[serve]\nhealth_host = "127.0.0.1"\n',
            encoding="utf-8",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "serve", "--config", str(config), "--db", str(db),
            cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            env={"PATH": "/usr/bin:/bin", "NEWSBOT_SERVE_HEALTH_PORT": str(port)},
        )  # fmt: skip
        started = []
        try:
            while not started or b"digest scheduler:" not in started[-1]:
                started.append(await asyncio.wait_for(process.stderr.readline(), 60))
            telegram.inject_command(USER, USER, "/stats")
            await telegram.wait_for_messages(USER, 1)
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 200
                    assert await response.json() == {"status": "ok", "database": "ok", "adapters": {"telegram": "ok"}}
                async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
                    text = await response.text()
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    values = samples(text)
    assert values[("newsbot_commands_total", (("command", "stats"), ("kind", "answer"), ("platform", "telegram")))] == 1
    assert values[("newsbot_articles", ())] == 5
    assert f"health: GET /healthz and /metrics on 127.0.0.1:{port}" in b"".join(started).decode()


def test_metrics_read_digests_from_the_ledger_by_status(db_path):
    from store.db import open_db
    from store.subscriptions import claim_digest, finish_digest, list_subscriptions, sync_config_subscriptions

    db = open_db(db_path)
    sync_config_subscriptions(db, "07:30", {"telegram": ["1", "2", "3"]})
    ids = [subscription.id for subscription in list_subscriptions(db)]
    for subscription_id, status in zip(ids, ("sent", "sent", "failed")):
        assert claim_digest(db, subscription_id, "2026-12-01")
        finish_digest(db, subscription_id, "2026-12-01", status, attempts=1)
    claim_digest(db, ids[0], "2026-12-02")  # still sending
    db.close()
    metrics = Metrics()
    metrics.watch_database(db_path)
    values = samples(metrics.exposition().decode())
    assert values[("newsbot_digests", (("status", "sent"),))] == 2
    assert values[("newsbot_digests", (("status", "failed"),))] == 1
    assert values[("newsbot_digests", (("status", "sending"),))] == 1
    assert values[("newsbot_articles", ())] == 1
