"""The Slack adapter: slack-bolt's AsyncApp over HTTP (POST /slack/events) or Socket Mode.

Slash commands (one per command name and alias, plus the umbrella ``/newsbot who Rubio``), app
mentions and direct messages become a ``Request``; the handlers answer with a ``Reply``, rendered
as Block Kit by ``bot.slack_render``. Every listener acks first (Slack allows 3 seconds), then
works: slash commands and buttons answer through their response_url, events through
chat.postMessage in the thread where they were asked. A file shared with the bot by an admin
(in a DM or with a mention) is fetched with files.info plus an authorised download and loaded.

Runs inside an already running loop (``newsbot serve``): ``await adapter.start()`` and
``await adapter.stop()``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Config, handler_context
from bot.connections import ThreadConnections
from bot.delivery import deliver_parts
from bot.fairness import UserTurns
from bot.render import megabytes
from bot.slack_guard import first_delivery, http_guard
from bot.slack_render import ACTION_ID_PREFIX, SlackMessage, render_messages
from bot.texts import t
from handlers import command_names, dispatch, reply_language
from handlers.reply import Attachment, Reply, Request
from store.db import open_db

log = logging.getLogger(__name__)

Sender = Callable[[SlackMessage, Reply], Awaitable[Any]]

UMBRELLA = "newsbot"
EVENTS_PATH = "/slack/events"
LEADING_MENTIONS_RE = re.compile(r"^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)+")
SEEN_FILES_KEPT = 1000
QUIET_KINDS = ("usage", "forbidden", "error")  # answered only to the asker (ephemeral)
SPLIT_REPLY_RETRY_DELAYS = (1.0,)  # after the SDK's own retries: once more, from the failed message


class SlackAdapter:
    """The bolt app, its transport and the glue to the handlers."""

    def __init__(
        self,
        config: Config,
        db_path: str,
        *,
        nlp_loader=None,
        host: str | None = None,
        connect_timeout: float = 30.0,
    ):
        self.config = config
        self.db_path = str(db_path)
        self.host = host or config.slack.listen
        self.connect_timeout = connect_timeout
        self.port: int = config.slack.port
        self.language = config.bot.language
        self.context = handler_context(config, nlp_loader)
        self.client = AsyncWebClient(
            token=config.slack.bot_token,
            base_url=config.slack.api_base_url,
            retry_handlers=[
                AsyncConnectionErrorRetryHandler(max_retry_count=1),
                AsyncRateLimitErrorRetryHandler(max_retry_count=2),
                AsyncServerErrorRetryHandler(max_retry_count=1),
            ],
        )
        self.app = AsyncApp(
            client=self.client,
            signing_secret=config.slack.signing_secret or "",
            process_before_response=False,
            logger=logging.getLogger("slack_bolt.newsbot"),
        )
        self._connections = ThreadConnections(self.db_path)  # one per worker: no handler waits for another
        self._turns = UserTurns()  # one user's commands one at a time: others are never held up
        self._http: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._seen_files: OrderedDict[str, None] = OrderedDict()
        self._register()

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Create or migrate the database, then serve: HTTP on ``port`` or a Socket Mode connection.

        Raises ``OSError`` when the port is taken and ``ConnectionError`` when Socket Mode cannot
        connect within ``connect_timeout`` seconds (a wrong app token, Slack unreachable).
        """
        open_db(self.db_path).close()  # create the file and apply migrations once, up front
        self._http = aiohttp.ClientSession()
        try:
            if self.config.slack.mode == "http":
                await self._serve_http()
            else:
                await self._connect_socket()
        except BaseException:
            await self.stop()
            raise

    async def _serve_http(self) -> None:
        web_app = self.app.web_app(path=EVENTS_PATH, port=self.port)
        web_app.middlewares.append(http_guard(self.config.slack.signing_secret or ""))
        self._runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        log.info("slack: serving %s on %s:%s", EVENTS_PATH, self.host, self.port)

    async def _connect_socket(self) -> None:
        self._socket = AsyncSocketModeHandler(self.app, self.config.slack.app_token)
        try:
            await asyncio.wait_for(self._socket.connect_async(), self.connect_timeout)
        except TimeoutError:
            raise ConnectionError(
                f"slack: no Socket Mode connection within {self.connect_timeout:g} s; "
                "check [slack] app_token (SLACK_APP_TOKEN) and api_base_url"
            ) from None
        log.info("slack: socket mode connected")

    async def stop(self) -> None:
        """Close the socket, the web server, the download session and the database (idempotent)."""
        socket, self._socket = self._socket, None
        runner, self._runner = self._runner, None
        http, self._http = self._http, None
        if socket is not None:
            await socket.close_async()
        if runner is not None:
            await runner.cleanup()
        if http is not None:
            await http.close()
        await asyncio.to_thread(self._connections.close_all)  # after handlers still running

    async def send_reply(self, channel: str, reply: Reply, *, thread_ts: str | None = None) -> None:
        """Post ``reply`` to ``channel`` (a digest, an answer); raises when Slack finally refuses."""
        for message in self.reply_parts(reply):
            await self.send_part(channel, message, thread_ts=thread_ts)

    def reply_parts(self, reply: Reply) -> list[SlackMessage]:
        """The messages ``reply`` is posted as (the scheduler retries only those that failed)."""
        return render_messages(reply)

    async def send_part(self, channel: str, message: SlackMessage, *, thread_ts: str | None = None) -> None:
        await self.client.chat_postMessage(channel=channel, blocks=message.blocks, text=message.text, thread_ts=thread_ts)

    # -- wiring ------------------------------------------------------------------------------

    def _register(self) -> None:
        self.app.middleware(first_delivery())
        for name in command_names(include_admin=True):
            self.app.command(f"/{name}")(self._on_slash_command)
        self.app.command(f"/{UMBRELLA}")(self._on_slash_command)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.app.event("file_shared")(self._on_file_shared)
        self.app.action(re.compile(f"^{ACTION_ID_PREFIX}.*"))(self._on_button)
        self.app.error(self._on_error)

    # -- listeners ---------------------------------------------------------------------------

    async def _on_slash_command(self, ack, command: dict, respond) -> None:
        """``/who Rubio`` or ``/newsbot who Rubio``: ack, dispatch, answer via response_url."""
        await ack()
        name = command["command"].lstrip("/").lower()
        text = command.get("text") or ""
        if name == UMBRELLA:
            name, text = split_command(text)
        request = self._request(name, text, command.get("user_id", ""), command.get("channel_id", ""))
        await self._answer(request, lambda message, reply: self._respond(respond, message, reply))

    async def _on_button(self, ack, body: dict, action: dict, respond) -> None:
        """A follow-up button: its value is the command to run."""
        await ack()
        name, text = split_command(action.get("value", ""))
        channel = (body.get("channel") or {}).get("id", "")
        request = self._request(name, text, (body.get("user") or {}).get("id", ""), channel)
        if body.get("response_url"):
            await self._answer(request, lambda message, reply: self._respond(respond, message, reply))
        else:
            thread_ts = (body.get("message") or {}).get("thread_ts")
            await self._answer(request, self._poster(channel, thread_ts))

    async def _on_mention(self, event: dict) -> None:
        """``@newsbot who Rubio`` in a channel: answer in the thread of the question."""
        await self._on_chat_message(event, thread_ts=event.get("thread_ts") or event.get("ts"))

    async def _on_message(self, event: dict) -> None:
        """Direct messages only (channel messages reach us as app mentions)."""
        if event.get("channel_type") != "im" or event.get("subtype") not in (None, "file_share"):
            return
        if event.get("bot_id"):
            return
        await self._on_chat_message(event, thread_ts=event.get("thread_ts"))

    async def _on_chat_message(self, event: dict, *, thread_ts: str | None) -> None:
        channel, user = event.get("channel", ""), event.get("user", "")
        post = self._poster(channel, thread_ts)
        if event.get("files"):
            for file in event["files"]:
                await self._load_file(file.get("id", ""), user, channel, post)
            return
        name, text = split_command(LEADING_MENTIONS_RE.sub("", event.get("text") or ""))
        await self._answer(self._request(name, text, user, channel), post)

    async def _on_file_shared(self, event: dict) -> None:
        """A file shared in a direct message with the bot (channel files need a mention)."""
        channel = event.get("channel_id", "")
        if not is_direct(channel):
            return
        file_id = event.get("file_id") or (event.get("file") or {}).get("id", "")
        await self._load_file(file_id, event.get("user_id", ""), channel, self._poster(channel, None))

    async def _on_error(self, error: Exception, body: dict) -> None:
        log.error("slack: unhandled error for %s: %s", body.get("type"), error, exc_info=error)

    # -- the work ----------------------------------------------------------------------------

    def _request(self, name: str, text: str, user: str, channel: str, attachment=None) -> Request:
        return Request(
            command=name,
            args=text.strip(),
            user_id=user,
            chat_id=channel,
            is_admin=user in self.config.slack.admins,
            language=self.language,
            attachment=attachment,
            platform="slack",
            is_group=not is_direct(channel),
        )

    async def _dispatch(self, request: Request) -> Reply:
        return await asyncio.to_thread(self._dispatch_sync, request)

    def _dispatch_sync(self, request: Request) -> Reply:
        with self._connections.connection() as db:
            return dispatch(request, db, context=self.context)

    async def _language(self, channel: str) -> str:
        """The channel's /language choice, else the configured language (for texts outside a reply)."""
        request = Request(command="", chat_id=channel, language=self.language, platform="slack")
        return await asyncio.to_thread(self._language_sync, request)

    def _language_sync(self, request: Request) -> str:
        with self._connections.connection() as db:
            return reply_language(request, db, self.language)

    async def _answer(self, request: Request, send: Sender) -> None:
        async with self._turns.turn(request.user_id or request.chat_id) as admitted:
            if not admitted:
                await self._deliver(Reply(title=t("busy", self.language), kind="usage"), send)
                return
            reply = await self._dispatch(request)
        await self._deliver(reply, send)

    async def _deliver(self, reply: Reply, send: Sender) -> None:
        """Send every rendered message of ``reply``, retrying only a message that failed; when one
        still fails, a short notice instead."""
        try:
            await deliver_parts(
                render_messages(reply),
                lambda message: send(message, reply),
                retry_delays=SPLIT_REPLY_RETRY_DELAYS,
                what="slack reply",
            )
        except Exception:
            log.exception("slack: could not send a reply (%s)", reply.title[:60])
            language = reply.language or self.language
            notice = Reply(title=t("slack.send_failed", language), kind="error", language=language)
            try:
                await send(render_messages(notice)[0], notice)
            except Exception:
                log.exception("slack: could not send the failure notice either")

    def _poster(self, channel: str, thread_ts: str | None):
        async def post(message: SlackMessage, reply: Reply) -> None:
            await self.client.chat_postMessage(
                channel=channel, blocks=message.blocks, text=message.text, thread_ts=thread_ts
            )

        return post

    @staticmethod
    async def _respond(respond, message: SlackMessage, reply: Reply) -> None:
        response_type = "ephemeral" if reply.kind in QUIET_KINDS else "in_channel"
        result = await respond(
            blocks=message.blocks, text=message.text, response_type=response_type, replace_original=False
        )
        if result.status_code != 200:
            raise RuntimeError(f"response_url answered {result.status_code}: {result.body}")

    async def _load_file(self, file_id: str, user: str, channel: str, post) -> None:
        """An admin's file: size check via files.info, authorised download, then /load."""
        if not file_id or self._already_seen(file_id):
            return
        if user not in self.config.slack.admins:
            await self._answer(self._request("load", "", user, channel), post)
            return
        name = file_id
        language = await self._language(channel)
        try:
            info = (await self.client.files_info(file=file_id))["file"]
            name = info.get("name") or file_id
            limit = self.config.store.max_file_bytes
            if int(info.get("size") or 0) > limit:
                title = t(
                    "slack.file_too_big",
                    language,
                    name=name,
                    size=megabytes(info["size"]),
                    limit=megabytes(limit),
                )
                await self._deliver(Reply(title=title, kind="usage"), post)
                return
            content = await self._download(info["url_private_download"], limit)
        except Exception:
            log.exception("slack: could not fetch file %s", file_id)
            await self._deliver(Reply(title=t("slack.file_failed", language, name=name), kind="error"), post)
            return
        attachment = Attachment(filename=name, content=content)
        await self._answer(self._request("load", "", user, channel, attachment), post)

    async def _download(self, url: str, limit: int) -> bytes:
        headers = {"Authorization": f"Bearer {self.config.slack.bot_token}"}
        chunks, size = [], 0
        async with self._http.get(url, headers=headers) as response:
            response.raise_for_status()
            async for chunk in response.content.iter_chunked(64 * 1024):
                size += len(chunk)
                if size > limit:  # files.info understated the size: stop reading
                    raise ValueError(f"download larger than {limit} bytes")
                chunks.append(chunk)
        return b"".join(chunks)

    def _already_seen(self, file_id: str) -> bool:
        """A share arrives as a message and as file_shared: load it once."""
        if file_id in self._seen_files:
            return True
        self._seen_files[file_id] = None
        while len(self._seen_files) > SEEN_FILES_KEPT:
            self._seen_files.popitem(last=False)
        return False


def split_command(text: str) -> tuple[str, str]:
    """``"/who Rubio"``, ``"who Rubio"`` or ``"newsbot who Rubio"`` → ``("who", "Rubio")``; empty → help."""
    words = text.strip().split(None, 1)
    if words and words[0].lstrip("/").lower() == UMBRELLA:
        words = words[1].split(None, 1) if len(words) > 1 else []
    if not words:
        return "help", ""
    return words[0].lstrip("/").lower(), words[1] if len(words) > 1 else ""


def is_direct(channel: str) -> bool:
    """Direct-message channel ids start with D."""
    return channel.startswith("D")

