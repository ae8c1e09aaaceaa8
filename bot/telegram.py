"""The Telegram adapter: python-telegram-bot (v22) wired to the platform-neutral handlers.

Run inside an already running asyncio loop (``newsbot serve``), never with ``run_polling``::

    adapter = TelegramAdapter(config, db_path)
    await adapter.start()          # initialize, setMyCommands, start, polling (or webhook)
    await adapter.send_reply(chat_id, reply)
    await adapter.stop()           # updater, application, shutdown: in that order

First the callbacks (commands, /start, unknown commands, buttons, admin uploads, errors), then the
wiring. Every callback turns the update into a ``Request``, runs ``handlers.dispatch`` in a worker
thread (SQLite and spaCy are blocking) and sends the rendered ``Reply``.
"""

from __future__ import annotations

import asyncio
import html
import logging
from urllib.parse import urlsplit

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update, User
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

import handlers
from bot.config import Config, handler_context, webhook_problem
from bot.connections import ThreadConnections
from bot.fairness import UserTurns
from bot.render import megabytes
from bot.telegram_menu import publish_command_menus
from bot.telegram_render import CallbackStore, keyboard_rows, render_html
from bot.texts import t
from handlers.reply import Attachment, Reply, Request, Section
from store.buttons import button_command, save_button
from store.db import open_db

log = logging.getLogger(__name__)

START_COMMAND = "start"
CONCURRENT_UPDATES = 16  # a user has at most three of them (bot.fairness): the rest serve others
GROUP_CHATS = (ChatType.GROUP, ChatType.SUPERGROUP)


class TelegramAdapter:
    """One bot: its Application, its database connections and its button tokens."""

    def __init__(
        self,
        config: Config,
        db_path: str,
        *,
        nlp_loader=None,
        webhook_listen: str | None = None,
        max_retries: int = 3,
    ) -> None:
        problem = webhook_problem(config.telegram)
        if problem:  # serve refuses this config first; never run a webhook anyone could feed
            raise ValueError(problem)
        self.config = config
        self.db_path = str(db_path)
        self.webhook_listen = webhook_listen or config.telegram.webhook_listen
        self.context = handler_context(config, nlp_loader)
        self.callbacks = CallbackStore(save=self._save_button, load=self._load_button)
        self._admins = {str(a) for a in config.telegram.admins}
        self._connections = ThreadConnections(self.db_path)  # one per worker thread: no lock
        self._turns = UserTurns()  # one user's commands one at a time: others are never held up
        self._initialized = False
        self.application = self._build(max_retries)

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        """Connect, publish the command menu and start receiving updates (polling or webhook)."""
        open_db(self.db_path).close()  # create the file and apply migrations once, up front
        app = self.application
        await app.initialize()
        self._initialized = True
        await publish_command_menus(app.bot, self.config.bot.language, self.config.telegram.admins)
        await app.start()
        telegram = self.config.telegram
        if telegram.webhook_url:
            await app.updater.start_webhook(
                listen=self.webhook_listen,
                port=telegram.webhook_port,
                url_path=urlsplit(telegram.webhook_url).path.lstrip("/"),
                webhook_url=telegram.webhook_url,
                secret_token=telegram.webhook_secret,
            )
        else:
            await app.updater.start_polling()
        log.info("telegram: running as @%s", app.bot.username)

    async def stop(self) -> None:
        """Stop receiving, finish the updates in progress, close. Safe to call twice."""
        app = self.application
        if app.updater and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if self._initialized:
            await app.shutdown()
            self._initialized = False
        self._connections.close_all()

    async def send_reply(self, chat_id: str, reply: Reply) -> None:
        """Render, split and send ``reply``; buttons go on the last message. Raises on failure."""
        for part in self.reply_parts(reply):
            await self.send_part(chat_id, part)

    def reply_parts(self, reply: Reply) -> list[tuple[str, InlineKeyboardMarkup | None]]:
        """The messages ``reply`` is sent as: (HTML text, buttons on the last one)."""
        chunks = render_html(reply)
        markup = self._keyboard(reply)
        return [(chunk, markup if index == len(chunks) - 1 else None) for index, chunk in enumerate(chunks)]

    async def send_part(self, chat_id: str, part: tuple[str, InlineKeyboardMarkup | None]) -> None:
        """One message of ``reply_parts``: the scheduler retries only the parts that failed."""
        text, markup = part
        await self.application.bot.send_message(
            chat_id=chat_id,
            text=text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            reply_markup=markup,
        )

    # -- callbacks -----------------------------------------------------------------------------
    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any registered command or alias: run it and send the answer."""
        message = update.effective_message
        parsed = handlers.parse_command_text(message.text or "")
        if parsed is None:
            return
        name, args = parsed
        await self._answer(name, args, update.effective_user, update.effective_chat)

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start: a greeting, then the help."""
        help_reply = await self._dispatch(self._request("help", "", update.effective_user, update.effective_chat))
        greeting = Reply(
            title=t("telegram.start", help_reply.language),
            sections=(Section(help_reply.title), *help_reply.sections),
            actions=help_reply.actions,
            language=help_reply.language,
        )
        await self.send_reply(str(update.effective_chat.id), greeting)

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A /command no handler knows gets the help (dispatch words it); other bots' are left alone."""
        text = update.effective_message.text or ""
        target = text.split(maxsplit=1)[0].partition("@")[2]
        if target and target.lower() != (context.bot.username or "").lower():
            return
        await self.on_command(update, context)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An inline button: answer the callback query, then run its command."""
        query = update.callback_query
        chat = query.message.chat if query.message else None
        command_text = self.callbacks.command_for(query.data or "")
        parsed = handlers.parse_command_text(command_text) if command_text else None
        if chat is None or parsed is None:
            await query.answer(t("telegram.button_expired", await self._language(chat)), show_alert=True)
            return
        await query.answer()
        await self._answer(*parsed, query.from_user, chat)

    async def on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An admin's document is loaded; in groups only with the caption /load."""
        message = update.effective_message
        chat, user, document = update.effective_chat, update.effective_user, message.document
        caption = handlers.parse_command_text(message.caption or "")
        wants_load = caption is not None and _is_load(caption[0])
        if chat.type != ChatType.PRIVATE and not wants_load:
            return  # a file shared among colleagues, not sent to the bot
        if not self._is_admin(user):
            await self._answer("load", "", user, chat)  # dispatch refuses non-admins
            return
        language = await self._language(chat)
        limit = self.config.store.max_file_bytes
        if document.file_size is not None and document.file_size > limit:
            await self._send_text(
                chat.id, t("telegram.too_big", language, size=megabytes(document.file_size), limit=megabytes(limit))
            )
            return
        file = await document.get_file()
        content = bytes(await file.download_as_bytearray())
        if len(content) > limit:
            await self._send_text(chat.id, t("telegram.too_big", language, size=megabytes(len(content)), limit=megabytes(limit)))
            return
        attachment = Attachment(filename=document.file_name or "", content=content)  # /load cleans it
        await self._answer("load", caption[1] if caption else "", user, chat, attachment=attachment)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure; tell the user in a short message instead of leaving them in silence."""
        log.error("telegram: update failed: %s", context.error, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        try:
            language = await self._language(update.effective_chat)
            await self._send_text(update.effective_chat.id, t("telegram.error", language))
        except TelegramError:
            log.warning("telegram: could not tell chat %s about the failure", update.effective_chat.id)

    # -- helpers -------------------------------------------------------------------------------
    async def _answer(self, name: str, args: str, user: User, chat: Chat, attachment: Attachment | None = None) -> None:
        async with self._turns.turn(user.id if user else chat.id) as admitted:
            if not admitted:
                await self._send_text(chat.id, t("busy", await self._language(chat)))
                return
            reply = await self._dispatch(self._request(name, args, user, chat, attachment))
        await self.send_reply(str(chat.id), reply)

    def _request(self, name: str, args: str, user: User, chat: Chat, attachment: Attachment | None = None) -> Request:
        return Request(
            command=name,
            args=args,
            user_id=str(user.id) if user else "",
            chat_id=str(chat.id),
            is_admin=self._is_admin(user),
            language=self.config.bot.language,
            attachment=attachment,
            platform="telegram",
            is_group=chat.type in GROUP_CHATS,
        )

    def _is_admin(self, user: User | None) -> bool:
        return user is not None and str(user.id) in self._admins

    async def _dispatch(self, request: Request) -> Reply:
        return await asyncio.to_thread(self._dispatch_in_thread, request)

    def _dispatch_in_thread(self, request: Request) -> Reply:
        with self._connections.connection() as db:
            return handlers.dispatch(request, db, context=self.context)

    async def _language(self, chat: Chat | None) -> str:
        """The chat's chosen language (/language), else the configured one."""
        if chat is None:
            return self.config.bot.language
        request = Request(command="", chat_id=str(chat.id), language=self.config.bot.language, platform="telegram")
        return await asyncio.to_thread(self._language_in_thread, request)

    def _language_in_thread(self, request: Request) -> str:
        with self._connections.connection() as db:
            return handlers.reply_language(request, db, self.context.default_language)

    def _save_button(self, token: str, command: str) -> None:
        with self._connections.connection() as db:
            save_button(db, token, command)

    def _load_button(self, token: str) -> str | None:
        with self._connections.connection() as db:
            return button_command(db, token)

    def _keyboard(self, reply: Reply) -> InlineKeyboardMarkup | None:
        if not reply.actions:
            return None
        rows = keyboard_rows(reply.actions, self.callbacks)
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
        )

    async def _send_text(self, chat_id: int | str, text: str) -> None:
        await self.application.bot.send_message(chat_id=chat_id, text=html.escape(text), parse_mode=ParseMode.HTML)

    def _build(self, max_retries: int) -> Application:
        """The Application and its handlers: every command and alias, then the fallbacks."""
        telegram = self.config.telegram
        app = (
            Application.builder()
            .token(telegram.token)
            .base_url(telegram.base_url)
            .base_file_url(telegram.base_file_url)
            .rate_limiter(AIORateLimiter(max_retries=max_retries))
            .concurrent_updates(CONCURRENT_UPDATES)
            .build()
        )
        new_messages = filters.UpdateType.MESSAGE
        names = [n for n in handlers.command_names(include_admin=True) if n != START_COMMAND]
        app.add_handler(CommandHandler(START_COMMAND, self.on_start, filters=new_messages))
        app.add_handler(CommandHandler(names, self.on_command, filters=new_messages))
        app.add_handler(MessageHandler(filters.COMMAND & new_messages, self.on_unknown_command))
        app.add_handler(MessageHandler(filters.Document.ALL & new_messages, self.on_document))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_error_handler(self.on_error)
        return app


def _is_load(name: str) -> bool:
    command = handlers.find_command(name)
    return command is not None and command.name == "load"

