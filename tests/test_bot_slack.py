"""The Slack adapter end to end: slack-bolt over real HTTP and websockets against tests/fake_slack.py."""

from __future__ import annotations

import json
import shutil

import aiohttp
import pytest
from fake_slack import (
    FakeSlack,
    action_body,
    action_payload,
    event_payload,
    form_body,
    post_signed,
    slash_payload,
)

from bot.config import Config
from bot.slack import SlackAdapter, split_command
from handlers.reply import Line, Reply, Section
from store.db import open_db
from store.loader import store_article
from store.model import Article, Facts

ADMIN = "U_ADMIN"
REPORTER = "U_REPORTER"
RUBIO_HEADER = {
    "type": "header",
    "text": {"type": "plain_text", "text": "Marco Rubio (persoon)", "emoji": False},
}
RUBIO_ROLE = "Amerikaanse minister van Buitenlandse Zaken"
HOSTILE_TITLE = "Oproep aan <!channel> & <@U123>"
ARTICLE = "date 2025-04-02\nBrand in Zwolle\n\nIn Zwolle woedde dinsdag een grote brand in een loods.\n"


@pytest.fixture
def news_db_path(seeded_db_path, tmp_path):
    """The seeded database plus one article whose title tries to ping the whole channel."""
    path = tmp_path / "news.db"
    shutil.copy(seeded_db_path, path)
    db = open_db(path)
    text = "Een lezer plaatste een oproep met <!channel> en <@U123> & een link naar de brandweer."
    store_article(db, Article("oproep.txt", text, title=HOSTILE_TITLE, date="2025-04-01"), Facts())
    db.close()
    return path


@pytest.fixture
async def fake():
    server = await FakeSlack().start()
    yield server
    await server.stop()


def slack_config(fake: FakeSlack, mode: str, max_file_mb: float = 5.0) -> Config:
    return fake.config(mode, admins=[ADMIN], max_file_mb=max_file_mb)


@pytest.fixture
async def adapter(fake, news_db_path, nlp):
    slack = SlackAdapter(
        slack_config(fake, "http"), str(news_db_path), nlp_loader=lambda: nlp, host="127.0.0.1"
    )
    await slack.start()
    yield slack
    await slack.stop()


@pytest.fixture
async def session():
    async with aiohttp.ClientSession() as client:
        yield client


def events_url(adapter: SlackAdapter) -> str:
    return f"http://127.0.0.1:{adapter.port}/slack/events"


async def slash(session, adapter, fake, command: str, text: str, *, user: str = REPORTER) -> dict:
    """Send a signed slash command and return what arrived at its response_url."""
    before = len(fake.responses)
    body = form_body(slash_payload(command, text, response_url=fake.response_url(), user_id=user))
    status, ack_body = await post_signed(session, events_url(adapter), body)
    assert (status, ack_body) == (200, "")
    await fake.wait_for(lambda: len(fake.responses) > before)
    return fake.responses[before]


async def event(session, adapter, fake, event: dict) -> dict:
    """Send a signed Events API callback and return the chat.postMessage it caused."""
    before = len(fake.posted)
    status, _ = await post_signed(
        session, events_url(adapter), json.dumps(event_payload(event)), json_body=True
    )
    assert status == 200
    await fake.wait_for(lambda: len(fake.posted) > before)
    return fake.posted[before]


def mention(text: str, *, user: str = REPORTER, ts: str = "1743580800.000100", **extra) -> dict:
    return {
        "type": "app_mention",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": "C_NEWS",
        "event_ts": ts,
        **extra,
    }


def direct_message(text: str, *, user: str = REPORTER, ts: str = "1743580900.000200", **extra) -> dict:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D_REPORTER",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def texts_of(message: dict) -> str:
    """Every text in a message's blocks, joined: what a reader sees."""
    parts = []
    for block in message["blocks"]:
        if "text" in block:
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            parts.append(element["text"]["text"] if element["type"] == "button" else element["text"])
    return "\n".join(parts)


# -- commands ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["/who", "/wie"])
async def test_who_slash_command_answers_with_name_and_role(session, adapter, fake, command):
    response = await slash(session, adapter, fake, command, "Rubio")

    assert response["blocks"][0] == RUBIO_HEADER
    assert response["blocks"][1]["text"]["text"] == f"*Rollen*\n• *{RUBIO_ROLE}* [#1, 2025-04]"
    assert response["response_type"] == "in_channel"
    assert response["text"].startswith(
        "Marco Rubio (persoon)\n\nRollen\n• Amerikaanse minister van Buitenlandse Zaken"
    )
    assert response["path"] == "/response/r1"


async def test_umbrella_command_runs_the_named_command(session, adapter, fake):
    response = await slash(session, adapter, fake, "/newsbot", "who Rubio")

    assert response["blocks"][0] == RUBIO_HEADER
    assert RUBIO_ROLE in response["text"]


async def test_umbrella_command_without_words_shows_help(session, adapter, fake):
    response = await slash(session, adapter, fake, "/newsbot", "")

    assert response["blocks"][0]["text"]["text"] == "Dit kan ik"


async def test_app_mention_is_answered_in_its_thread(session, adapter, fake):
    posted = await event(session, adapter, fake, mention("<@UBOT> who Rubio"))

    assert (posted["channel"], posted["thread_ts"]) == ("C_NEWS", "1743580800.000100")
    assert posted["blocks"][0] == RUBIO_HEADER


async def test_app_mention_inside_a_thread_answers_in_that_thread(session, adapter, fake):
    posted = await event(session, adapter, fake, mention("<@UBOT> /wie Rubio", thread_ts="1743500000.000001"))

    assert posted["thread_ts"] == "1743500000.000001"
    assert RUBIO_ROLE in posted["text"]


async def test_direct_message_is_answered_in_the_conversation(session, adapter, fake):
    posted = await event(session, adapter, fake, direct_message("who Rubio"))

    assert posted["channel"] == "D_REPORTER"
    assert "thread_ts" not in posted
    assert posted["blocks"][0] == RUBIO_HEADER


async def test_badly_signed_request_is_refused_and_not_answered(session, adapter, fake):
    body = form_body(slash_payload("/who", "Rubio", response_url=fake.response_url("bad")))

    status, _ = await post_signed(session, events_url(adapter), body, secret="wrong-secret")
    await slash(session, adapter, fake, "/help", "")  # a good one after it: the bad one must not answer

    assert status == 401
    assert [r["path"] for r in fake.responses] == ["/response/r1"]
    assert "chat.postMessage" not in fake.calls


async def test_article_text_cannot_ping_anyone(session, adapter, fake):
    response = await slash(session, adapter, fake, "/search", "oproep brandweer")

    rendered = json.dumps(response["blocks"]) + response["text"]
    assert "Oproep aan &lt;!channel&gt; &amp; &lt;@U123&gt;" in texts_of(response)
    assert "Oproep aan &lt;!channel&gt; &amp; &lt;@U123&gt;" in response["text"]
    assert "<!channel>" not in rendered and "<@U123>" not in rendered


async def test_button_runs_its_command(session, adapter, fake):
    payload = action_payload("/timeline Marco Rubio", response_url=fake.response_url("button"))

    status, _ = await post_signed(session, events_url(adapter), action_body(payload))
    await fake.wait_for(lambda: fake.responses)

    assert status == 200
    assert fake.responses[0]["path"] == "/response/button"
    assert fake.responses[0]["blocks"][0]["text"]["text"] == "Tijdlijn van Marco Rubio"
    assert fake.responses[0]["replace_original"] is False


# -- limits and failures ---------------------------------------------------------------------------


async def test_send_reply_splits_a_long_reply_over_messages_slack_accepts(adapter, fake):
    lines = tuple(Line(f"{i:04d} " + "x" * 93) for i in range(1500))

    await adapter.send_reply("C_DIGEST", Reply(title="Samenvatting", sections=(Section(None, lines),)))

    assert [len(m["blocks"]) for m in fake.posted] == [50, 3]
    assert [m["channel"] for m in fake.posted] == ["C_DIGEST", "C_DIGEST"]
    assert fake.rejected == []


async def test_rate_limited_post_is_retried_once_and_posted_once(session, adapter, fake):
    fake.fail_next("chat.postMessage", 1, 429)

    posted = await event(session, adapter, fake, mention("<@UBOT> who Rubio"))

    assert posted["blocks"][0] == RUBIO_HEADER
    assert fake.calls.count("chat.postMessage") == 2
    assert len(fake.posted) == 1


async def test_server_error_on_post_gets_a_short_notice_and_the_next_command_works(session, adapter, fake):
    fake.fail_next("chat.postMessage", 4, 500)  # the post, the SDK's retry, our retry and its SDK retry

    notice = await event(session, adapter, fake, mention("<@UBOT> who Rubio"))
    answer = await event(session, adapter, fake, mention("<@UBOT> who Rubio", ts="1743580999.000300"))

    assert notice["text"] == "Er ging iets mis bij het versturen van het antwoord. Probeer het later opnieuw."
    assert answer["blocks"][0] == RUBIO_HEADER
    assert fake.calls.count("chat.postMessage") == 6


async def test_send_reply_raises_when_slack_finally_refuses(adapter, fake):
    from slack_sdk.errors import SlackApiError

    fake.fail_next("chat.postMessage", 2, 500)

    with pytest.raises(SlackApiError):
        await adapter.send_reply("C_DIGEST", Reply(title="Samenvatting"))
    assert fake.posted == []


# -- file shares ------------------------------------------------------------------------------


# A JSON article padded to 450 kB: a download cut short would no longer parse.
PADDED_JSON = json.dumps(
    {"title": "Brand in Zwolle", "date": "2025-04-02", "text": ARTICLE.split("\n\n", 1)[1]}, indent=150_000
)


@pytest.mark.parametrize(("name", "content"), [("brand.txt", ARTICLE), ("brand.json", PADDED_JSON)])
async def test_admin_file_share_is_fetched_and_loaded_once(session, adapter, fake, name, content):
    fake.add_file("F1", name, content.encode(), user=ADMIN)
    share = direct_message("", user=ADMIN, subtype="file_share", files=[{"id": "F1", "name": name}])

    posted = await event(session, adapter, fake, share)
    shared = {
        "type": "file_shared",
        "file_id": "F1",
        "user_id": ADMIN,
        "channel_id": "D_REPORTER",
        "file": {"id": "F1"},
        "event_ts": "1743581000.000400",
    }
    status, _ = await post_signed(
        session, events_url(adapter), json.dumps(event_payload(shared, "Ev2")), json_body=True
    )
    answer = await event(session, adapter, fake, direct_message("search Zwolle loods"))

    assert status == 200
    assert fake.downloads == ["F1"]
    assert fake.calls.count("files.info") == 1
    assert posted["blocks"][0]["text"]["text"] == f"Laden: {name}"
    assert posted["text"] == (
        f"Laden: {name}\n\n• geladen: #7 Brand in Zwolle\n• 1 geladen, 0 vervangen, 0 ongewijzigd, 0 mislukt"
        "\n\n→ /article 7"
    )
    assert "Brand in Zwolle" in answer["text"]


async def test_non_admin_file_share_is_refused_without_download(session, adapter, fake):
    fake.add_file("F2", "brand.txt", ARTICLE.encode(), user=REPORTER)
    share = direct_message("", subtype="file_share", files=[{"id": "F2", "name": "brand.txt"}])

    posted = await event(session, adapter, fake, share)

    assert posted["text"] == "/load is alleen voor beheerders van de bot."
    assert fake.downloads == []
    assert "files.info" not in fake.calls


async def test_file_too_big_is_refused_before_download(session, fake, news_db_path):
    slack = SlackAdapter(slack_config(fake, "http", max_file_mb=1.0), str(news_db_path), host="127.0.0.1")
    await slack.start()
    try:
        fake.add_file("F3", "groot.txt", b"klein", user=ADMIN, size=3 * 1024 * 1024)
        share = mention("<@UBOT> load", user=ADMIN, files=[{"id": "F3"}])

        posted = await event(session, slack, fake, share)
    finally:
        await slack.stop()

    assert posted["text"] == "groot.txt is te groot (3.0 MB; maximaal 1.0 MB). Er is niets geladen."
    assert posted["thread_ts"] == "1743580800.000100"
    assert fake.downloads == []


async def test_download_larger_than_files_info_said_is_dropped(session, fake, news_db_path):
    slack = SlackAdapter(slack_config(fake, "http", max_file_mb=1.0), str(news_db_path), host="127.0.0.1")
    await slack.start()
    try:
        fake.add_file("F4", "lang.txt", b"woord " * 300_000, user=ADMIN, size=1000)
        share = direct_message("", user=ADMIN, subtype="file_share", files=[{"id": "F4"}])

        posted = await event(session, slack, fake, share)
    finally:
        await slack.stop()

    assert posted["text"] == "Kon lang.txt niet ophalen uit Slack. Er is niets geladen; probeer het opnieuw."
    assert fake.downloads == ["F4"]


# -- transports and lifecycle -----------------------------------------------------------------


async def test_socket_mode_answers_who_through_the_websocket(fake, news_db_path):
    slack = SlackAdapter(slack_config(fake, "socket"), str(news_db_path))
    await slack.start()
    try:
        payload = slash_payload("/who", "Rubio", response_url=fake.response_url("socket"))
        envelope_id = await fake.push("slash_commands", payload)
        await fake.wait_for(
            lambda: fake.responses and any(a["envelope_id"] == envelope_id for a in fake.acks)
        )
        mention_id = await fake.push("events_api", event_payload(mention("<@UBOT> wie Rubio")))
        await fake.wait_for(lambda: fake.posted and any(a["envelope_id"] == mention_id for a in fake.acks))
    finally:
        await slack.stop()

    assert fake.responses[0]["blocks"][0] == RUBIO_HEADER
    assert fake.responses[0]["path"] == "/response/socket"
    assert fake.posted[0]["blocks"][0] == RUBIO_HEADER
    assert fake.posted[0]["thread_ts"] == "1743580800.000100"
    assert fake.calls[0] == "apps.connections.open"


async def test_socket_mode_with_a_wrong_app_token_fails_to_start_with_a_clear_error(fake, news_db_path):
    config = slack_config(fake, "socket")
    config.slack.app_token = "xapp-wrong"
    slack = SlackAdapter(config, str(news_db_path), connect_timeout=0.5)

    with pytest.raises(ConnectionError, match="no Socket Mode connection within 0.5 s"):
        await slack.start()
    await slack.stop()

    assert fake.rejected[0] == ("apps.connections.open", "invalid_auth")


async def test_http_mode_binds_a_free_port_and_stops_twice(fake, news_db_path):
    slack = SlackAdapter(slack_config(fake, "http"), str(news_db_path), host="127.0.0.1")
    await slack.start()
    port = slack.port
    await slack.stop()
    await slack.stop()

    assert port > 0
    async with aiohttp.ClientSession() as client:
        with pytest.raises(aiohttp.ClientConnectionError):
            await client.post(f"http://127.0.0.1:{port}/slack/events", data=b"")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who Rubio", ("who", "Rubio")),
        ("/wie Marco Rubio", ("wie", "Marco Rubio")),
        ("newsbot quotes Rubio over Oekraïne", ("quotes", "Rubio over Oekraïne")),
        ("  ", ("help", "")),
        ("newsbot", ("help", "")),
        ("WHO  rubio ", ("who", "rubio")),
    ],
)
def test_split_command(text, expected):
    assert split_command(text) == expected
