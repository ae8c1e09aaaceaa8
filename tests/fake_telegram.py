"""A fake Telegram Bot API server for tests: aiohttp on 127.0.0.1, a free port.

It speaks the real wire format to the real python-telegram-bot: POST ``/bot<TOKEN>/<method>`` with
form-encoded (or multipart) parameters, non-string values JSON-encoded, replies
``{"ok": true, "result": ...}``. Like the real server it rejects HTML that Telegram cannot parse
and texts over 4,096 characters after entity parsing, so a renderer bug fails a test.

Updates are queued with ``inject_command`` / ``inject_document`` / ``inject_callback`` and handed
out by ``getUpdates`` (long polling), or POSTed to the bot's webhook once ``setWebhook`` was
called. Each injected update is validated first: one malformed update blocks PTB's whole batch.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Self

import aiohttp
from aiohttp import web

from tests.telegram_html import EntityError, parse_html, utf16_length

MAX_TEXT_LENGTH = 4096
BOT_USER = {"id": 123, "is_bot": True, "first_name": "Newsroom", "username": "newsroom_bot"}
SCOPE_TYPES = (
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
)
@dataclass
class SentMessage:
    chat_id: str
    message_id: int
    text: str  # as sent (HTML when parse_mode is HTML)
    visible_text: str
    parse_mode: str | None
    reply_markup: dict | None


@dataclass
class StoredFile:
    file_id: str
    file_path: str
    content: bytes
    file_size: int


@dataclass
class Call:
    method: str
    params: dict
    status: int = 200


@dataclass
class FakeTelegram:
    """The fake server and everything it received. ``async with FakeTelegram() as fake: ...``."""

    token: str = "123:ABC"
    messages: list[SentMessage] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    files: dict[str, StoredFile] = field(default_factory=dict)
    webhook: dict | None = None
    menus: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)  # (scope, chat, language) → commands

    def __post_init__(self) -> None:
        self.port = 0
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._failures: dict[str, list[tuple[int, dict]]] = {}
        self._chat_types: dict[str, str] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._deliveries: set[asyncio.Task] = set()

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        for task in list(self._deliveries):
            task.cancel()
        if self._runner:
            await self._runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    # -- test controls -----------------------------------------------------------------------
    def fail_next(self, method: str, times: int = 1, *, status: int = 429, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with 429 (retry_after) or another error."""
        if status == 429:
            body = {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {retry_after}",
                "parameters": {"retry_after": retry_after},
            }
        else:
            body = {"ok": False, "error_code": status, "description": "Internal Server Error"}
        self._failures.setdefault(method, []).extend([(status, body)] * times)

    def inject_command(self, chat_id, user_id, text: str, chat_type: str = "private") -> dict:
        """Queue a text message; a leading /command gets its bot_command entity like Telegram's."""
        message = self._message(chat_id, user_id, chat_type)
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self._queue({"message": message})

    def inject_document(
        self,
        chat_id,
        user_id,
        file_name: str,
        content: bytes,
        *,
        caption: str | None = None,
        chat_type: str = "private",
        file_size: int | None = None,
        mime_type: str = "text/plain",
    ) -> dict:
        """Queue a document message; ``file_size`` may claim a size other than the content's."""
        file_id = f"file-{len(self.files) + 1}"
        size = len(content) if file_size is None else file_size
        self.files[file_id] = StoredFile(file_id, f"documents/{file_id}.bin", content, size)
        message = self._message(chat_id, user_id, chat_type)
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": size,
        }
        if caption is not None:
            message["caption"] = caption
            if caption.startswith("/"):
                message["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}]
        return self._queue({"message": message})

    def inject_callback(self, chat_id, user_id, data: str, chat_type: str = "private") -> dict:
        """Queue a button press on the bot's last message in ``chat_id``."""
        sent = [m for m in self.messages if m.chat_id == str(chat_id)]
        message_id = sent[-1].message_id if sent else next(self._message_ids)
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id, chat_type),
            "from": BOT_USER,
            "text": sent[-1].visible_text if sent else "",
        }
        query = {
            "id": f"cbq-{message_id}-{len(self.calls)}",
            "from": self._user(user_id),
            "chat_instance": f"ci-{chat_id}",
            "message": message,
            "data": data,
        }
        return self._queue({"callback_query": query})

    def messages_to(self, chat_id) -> list[SentMessage]:
        return [m for m in self.messages if m.chat_id == str(chat_id)]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for_messages(self, chat_id, n: int, timeout: float = 10.0) -> list[SentMessage]:
        """Wait until ``n`` messages were sent to ``chat_id``; return them all."""
        await self._wait(lambda: len(self.messages_to(chat_id)) >= n, timeout, f"{n} messages to {chat_id}")
        return self.messages_to(chat_id)

    async def wait_for_calls(self, method: str, n: int, timeout: float = 10.0) -> list[Call]:
        await self._wait(lambda: len(self.calls_of(method)) >= n, timeout, f"{n} calls of {method}")
        return self.calls_of(method)

    async def _wait(self, predicate, timeout: float, what: str) -> None:
        async def until() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(until(), timeout)
        except TimeoutError:
            raise AssertionError(f"timed out waiting for {what}; sent: {[m.text for m in self.messages]}") from None

    # -- building updates --------------------------------------------------------------------
    def _user(self, user_id) -> dict:
        return {"id": int(user_id), "is_bot": False, "first_name": f"User{user_id}", "language_code": "nl"}

    def _chat(self, chat_id, chat_type: str) -> dict:
        self._chat_types[str(chat_id)] = chat_type
        chat = {"id": int(chat_id), "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"User{chat_id}"
        else:
            chat["title"] = f"Redactie {chat_id}"
        return chat

    def _message(self, chat_id, user_id, chat_type: str) -> dict:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id, chat_type),
            "from": self._user(user_id),
        }

    def _queue(self, body: dict) -> dict:
        update = {"update_id": next(self._update_ids), **body}
        validate_update(update)
        self._updates.append(update)
        if self.webhook:
            task = asyncio.get_running_loop().create_task(self._deliver(update))
            self._deliveries.add(task)
            task.add_done_callback(self._deliveries.discard)
        else:
            asyncio.get_running_loop().create_task(self._notify())
        return update

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _deliver(self, update: dict) -> None:
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.webhook["url"], json=update, headers=headers) as response,
        ):
            self.calls.append(Call("webhook-delivery", {"update_id": update["update_id"]}, response.status))

    # -- the API -----------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params = {k: v for k, v in (await request.post()).items()}
        failures = self._failures.get(method)
        if failures:
            status, body = failures.pop(0)
            await self._record(Call(method, params, status))
            return web.json_response(body, status=status)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found")
        await self._record(Call(method, params))
        return await handler(params)

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        await self._notify()

    async def _m_getMe(self, params: dict) -> web.Response:
        return _ok(
            {
                **BOT_USER,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        )

    async def _m_deleteWebhook(self, params: dict) -> web.Response:
        self.webhook = None
        return _ok(True)

    async def _m_setWebhook(self, params: dict) -> web.Response:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        return _ok(True)

    async def _m_setMyCommands(self, params: dict) -> web.Response:
        """Validates commands, scope and language_code like the Bot API; keeps the menu in ``menus``."""
        commands = json.loads(params["commands"])
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]) or not 1 <= len(command["description"]) <= 256:
                return _error(400, "Bad Request: BOT_COMMAND_INVALID")
        if len(commands) > 100:
            return _error(400, "Bad Request: too many commands")
        scope = json.loads(params.get("scope") or '{"type": "default"}')
        if scope.get("type") not in SCOPE_TYPES:
            return _error(400, "Bad Request: unsupported bot command scope type")
        if scope["type"].startswith("chat") and not isinstance(scope.get("chat_id"), (int, str)):
            return _error(400, "Bad Request: chat_id is required")
        if scope["type"] == "chat_member" and not isinstance(scope.get("user_id"), int):
            return _error(400, "Bad Request: user_id is required")
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            return _error(400, "Bad Request: invalid language code")
        key = (scope["type"], str(scope.get("chat_id", "")), language)
        self.menus[key] = [command["command"] for command in commands]
        return _ok(True)

    async def _m_getUpdates(self, params: dict) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0 and not self._closing:
            async with self._changed:
                try:
                    await asyncio.wait_for(self._changed.wait_for(lambda: self._updates or self._closing), timeout)
                except TimeoutError:
                    pass
        limit = int(params.get("limit") or 100)
        return _ok(self._updates[:limit])

    async def _m_sendMessage(self, params: dict) -> web.Response:
        text = params.get("text", "")
        parse_mode = params.get("parse_mode")
        try:
            visible = parse_html(text) if parse_mode == "HTML" else text
        except EntityError as exc:
            return _error(400, f"Bad Request: can't parse entities: {exc}")
        if not visible.strip():
            return _error(400, "Bad Request: message text is empty")
        if utf16_length(visible) > MAX_TEXT_LENGTH:
            return _error(400, "Bad Request: message is too long")
        chat_id = str(params["chat_id"])
        markup = json.loads(params["reply_markup"]) if params.get("reply_markup") else None
        if markup:
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if len(button.get("callback_data", "").encode()) > 64:
                        return _error(400, "Bad Request: BUTTON_DATA_INVALID")
        message = SentMessage(chat_id, next(self._message_ids), text, visible, parse_mode, markup)
        self.messages.append(message)
        await self._notify()
        result = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": {"id": int(chat_id), "type": self._chat_types.get(chat_id, "private")},
            "from": BOT_USER,
            "text": visible,
        }
        if markup:
            result["reply_markup"] = markup
        return _ok(result)

    async def _m_answerCallbackQuery(self, params: dict) -> web.Response:
        return _ok(True)

    async def _m_getFile(self, params: dict) -> web.Response:
        stored = self.files.get(params.get("file_id", ""))
        if stored is None:
            return _error(400, "Bad Request: invalid file_id")
        if stored.file_size > 20 * 1024 * 1024:
            return _error(400, "Bad Request: file is too big")
        return _ok(
            {
                "file_id": stored.file_id,
                "file_unique_id": f"u{stored.file_id}",
                "file_size": stored.file_size,
                "file_path": stored.file_path,
            }
        )

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        path = request.match_info["path"]
        self.downloads.append(path)
        for stored in self.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.content)
        return web.Response(status=404, text="Not Found")


def validate_update(update: dict) -> None:
    """Refuse an update PTB could not parse (it would block the whole getUpdates batch)."""
    assert isinstance(update.get("update_id"), int), update
    message = update.get("message") or (update.get("callback_query") or {}).get("message")
    if "callback_query" in update:
        query = update["callback_query"]
        for key in ("id", "from", "chat_instance", "data"):
            assert key in query, f"callback_query without {key}: {update}"
    assert message is not None, f"update without a message: {update}"
    for key in ("message_id", "date", "chat", "from"):
        assert key in message, f"message without {key}: {update}"
    assert {"id", "type"} <= message["chat"].keys(), update
    if "message" in update:
        assert "text" in message or "document" in message, update
        if message.get("text", "").startswith("/"):
            entity = message.get("entities", [{}])[0]
            assert entity.get("type") == "bot_command" and entity.get("offset") == 0, update


def _ok(result) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": status, "description": description}, status=status)
