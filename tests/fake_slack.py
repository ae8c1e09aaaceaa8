"""A fake Slack on 127.0.0.1 for the adapter tests: Web API, file downloads, response_url, Socket Mode.

``FakeSlack`` is a real aiohttp server. It answers the Web API methods the adapter uses
(auth.test, chat.postMessage, files.info, apps.connections.open), serves file downloads to a
request bearing the bot token, records what response_url receives, and runs a Socket Mode
websocket that says ``hello`` and then sends the envelopes a test pushes. It validates messages
the way Slack does (≤ 50 blocks, ≤ 3,000 characters a section, a text fallback), and can answer
the next calls of a method with 429 or 500.

The module also builds signed HTTP requests (slash commands, events, block actions) for the
adapter's /slack/events endpoint.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

import aiohttp
from aiohttp import web

BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER_ID = "UBOT"
TEAM_ID = "T0001"
APP_ID = "A0001"


class FakeSlack:
    def __init__(self, bot_token: str = BOT_TOKEN, app_token: str = APP_TOKEN):
        self.bot_token = bot_token
        self.app_token = app_token
        self.calls: list[str] = []  # every Web API method called, in order
        self.posted: list[dict] = []  # accepted chat.postMessage payloads
        self.responses: list[dict] = []  # payloads posted to a response_url, with "path"
        self.downloads: list[str] = []  # file ids downloaded with the right token
        self.acks: list[dict] = []  # Socket Mode acknowledgements
        self.rejected: list[tuple[str, str]] = []  # (method, error) for refused calls
        self.files: dict[str, dict] = {}
        self._contents: dict[str, bytes] = {}
        self._failures: dict[str, list[int]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._ts = itertools.count(1)
        self._envelopes = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/files/{file_id}/{name}", self._download)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base_url(self) -> str:
        return f"{self.url}/api/"

    def config(self, mode: str = "http", admins: list[str] | None = None, max_file_mb: float = 5.0):
        """A newsroom-bot Config whose Slack adapter talks to this fake (port 0: a free port)."""
        from bot.config import Config, SlackConfig

        config = Config()
        config.slack = SlackConfig(
            bot_token=BOT_TOKEN,
            app_token=APP_TOKEN,
            signing_secret=SIGNING_SECRET,
            mode=mode,
            port=0,
            api_base_url=self.api_base_url,
            admins=list(admins or []),
        )
        config.store.max_file_mb = max_file_mb
        return config

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    # -- test controls -----------------------------------------------------------------------

    def fail_next(self, method: str, count: int, status: int) -> None:
        """Answer the next ``count`` calls of ``method`` with ``status`` (429 carries Retry-After: 1)."""
        self._failures.setdefault(method, []).extend([status] * count)

    def add_file(
        self, file_id: str, name: str, content: bytes, *, user: str = "U_ADMIN", size: int | None = None
    ):
        self.files[file_id] = {
            "id": file_id,
            "name": name,
            "title": name,
            "size": len(content) if size is None else size,
            "user": user,
            "mimetype": "text/plain",
            "url_private": f"{self.url}/files/{file_id}/{name}",
            "url_private_download": f"{self.url}/files/{file_id}/{name}",
        }
        self._contents[file_id] = content
        return self.files[file_id]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until ``predicate()`` holds; it is re-checked after every recorded call."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_connected(self, timeout: float = 10.0) -> None:
        await self.wait_for(lambda: bool(self._sockets), timeout)

    async def push(self, envelope_type: str, payload: dict) -> str:
        """Send a Socket Mode envelope to the connected client; returns its envelope_id."""
        await self.wait_connected()
        envelope_id = f"env-{next(self._envelopes)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
        }
        if envelope_type == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        await self._sockets[-1].send_json(envelope)
        return envelope_id

    def texts(self) -> list[str]:
        """The fallback text of every posted message and response, in order of arrival."""
        return [m.get("text", "") for m in self.posted] + [r.get("text", "") for r in self.responses]

    async def _record(self, items: list, item) -> None:
        async with self._changed:
            items.append(item)
            self._changed.notify_all()

    # -- Web API -----------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(parse_qsl(await request.text())))
        await self._record(self.calls, method)
        failures = self._failures.get(method)
        if failures:
            status = failures.pop(0)
            headers = {"Retry-After": "1"} if status == 429 else {}
            error = "ratelimited" if status == 429 else "internal_error"
            return web.json_response({"ok": False, "error": error}, status=status, headers=headers)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or args.get("token", "")
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            return await self._refuse(method, "invalid_auth")
        handler = getattr(self, "_api_" + method.replace(".", "_"), None)
        if handler is None:
            return await self._refuse(method, "unknown_method")
        return await handler(args)

    async def _refuse(self, method: str, error: str) -> web.Response:
        await self._record(self.rejected, (method, error))
        return web.json_response({"ok": False, "error": error})

    async def _api_auth_test(self, args: dict) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "url": "https://newsroom.slack.example/",
                "team": "Newsroom",
                "user": "newsbot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": "B0001",
                "is_enterprise_install": False,
            }
        )

    async def _api_chat_postMessage(self, args: dict) -> web.Response:
        blocks = args.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
            args["blocks"] = blocks
        error = validate_message(args.get("text"), blocks)
        if not args.get("channel"):
            error = "channel_not_found"
        if error:
            return await self._refuse("chat.postMessage", error)
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        await self._record(self.posted, dict(args, ts=ts))
        return web.json_response(
            {"ok": True, "channel": args["channel"], "ts": ts, "message": {"text": args["text"]}}
        )

    async def _api_files_info(self, args: dict) -> web.Response:
        file = self.files.get(args.get("file", ""))
        if file is None:
            return await self._refuse("files.info", "file_not_found")
        return web.json_response({"ok": True, "file": file})

    async def _api_apps_connections_open(self, args: dict) -> web.Response:
        return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.url.rsplit(':', 1)[1]}/socket"})

    # -- files, response_url, Socket Mode ----------------------------------------------------

    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if request.headers.get("Authorization") != f"Bearer {self.bot_token}":
            await self._record(self.rejected, ("download", "not_authed"))
            return web.Response(status=403, text="not authed")
        if file_id not in self._contents:
            return web.Response(status=404)
        await self._record(self.downloads, file_id)
        return web.Response(body=self._contents[file_id], content_type="application/octet-stream")

    async def _response(self, request: web.Request) -> web.Response:
        payload = await request.json()
        error = validate_message(payload.get("text"), payload.get("blocks"))
        if error:
            await self._record(self.rejected, ("response_url", error))
            return web.Response(status=400, text=error)
        await self._record(self.responses, dict(payload, path=request.path))
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID}})
        await self._record(self._sockets, ws)
        try:
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    await self._record(self.acks, json.loads(message.data))
        finally:
            self._sockets.remove(ws)
        return ws


def validate_message(text, blocks) -> str | None:
    """Slack's limits: a text fallback, ≤ 50 blocks, ≤ 3,000 characters in a section's text."""
    if not text:
        return "no_text"
    if blocks is None:
        return None
    if len(blocks) > 50:
        return "invalid_blocks: more than 50"
    for block in blocks:
        if block.get("type") == "section" and len(block["text"]["text"]) > 3000:
            return "invalid_blocks: section text longer than 3000"
        if block.get("type") == "header" and len(block["text"]["text"]) > 150:
            return "invalid_blocks: header longer than 150"
    return None


# -- signed HTTP requests for /slack/events ----------------------------------------------------


def signature_headers(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict:
    """X-Slack-Signature: ``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def slash_payload(
    command: str, text: str, *, response_url: str, user_id: str = "U_REPORTER", channel_id: str = "C_NEWS"
) -> dict:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "newsroom",
        "channel_id": channel_id,
        "channel_name": "nieuws",
        "user_id": user_id,
        "user_name": "reporter",
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "response_url": response_url,
        "trigger_id": "1.2.3",
    }


_EVENT_IDS = itertools.count(1)


def event_payload(event: dict, event_id: str | None = None) -> dict:
    """An Events API callback; each gets its own event_id, as Slack gives it (a retry keeps it)."""
    event_id = event_id or f"Ev{next(_EVENT_IDS):06d}"
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def action_payload(
    value: str,
    *,
    response_url: str,
    action_id: str = "newsbot_action_0",
    user_id: str = "U_REPORTER",
    channel_id: str = "C_NEWS",
) -> dict:
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "newsroom"},
        "user": {"id": user_id, "username": "reporter", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": "1.000001", "channel_id": channel_id},
        "trigger_id": "1.2.4",
        "channel": {"id": channel_id, "name": "nieuws"},
        "message": {"type": "message", "ts": "1.000001", "text": "earlier reply"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "Citaten"},
                "value": value,
                "action_ts": "2.000001",
            }
        ],
    }


def form_body(payload: dict) -> str:
    return urlencode(payload)


def action_body(payload: dict) -> str:
    return urlencode({"payload": json.dumps(payload)})


async def post_signed(
    session: aiohttp.ClientSession,
    url: str,
    body: str,
    *,
    json_body: bool = False,
    secret: str = SIGNING_SECRET,
) -> tuple[int, str]:
    """POST a signed body to the adapter's /slack/events; returns (status, response text)."""
    content_type = "application/json" if json_body else "application/x-www-form-urlencoded"
    headers = {"Content-Type": content_type, **signature_headers(body, secret)}
    async with session.post(url, data=body.encode(), headers=headers) as response:
        return response.status, await response.text()
