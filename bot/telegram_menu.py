"""Telegram's command menus (setMyCommands) per scope and language.

Telegram picks the most specific menu for each chat and user: a chat's own menu in the user's
language, then that chat's menu, then the default menu in the user's language, then the default.
So the bot publishes:

- the public commands for everyone, with Dutch and English descriptions (``language_code`` nl and
  en), and once without a language in the configured ``[bot] language`` for every other client;
- the public plus the admin commands in each configured admin's private chat (its chat id is the
  admin's user id), in the same three languages.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

import handlers
from handlers.texts import LANGUAGES

log = logging.getLogger(__name__)


def command_menu(language: str, *, admin: bool = False) -> list[BotCommand]:
    """The commands (admin ones too when ``admin``) with their summaries in ``language``."""
    return [
        BotCommand(command.name, command.summary(language)[: BotCommand.MAX_DESCRIPTION])
        for command in handlers.COMMANDS.values()
        if admin or not command.admin
    ]


def menu_plan(default_language: str, admins: list[str]) -> list[tuple[object, str | None, bool]]:
    """(scope, language_code or None, with admin commands) for every setMyCommands call."""
    plan: list[tuple[object, str | None, bool]] = []
    scopes: list[tuple[object, bool]] = [(BotCommandScopeDefault(), False)]
    scopes += [(BotCommandScopeChat(chat_id=int(admin)), True) for admin in admins if str(admin).lstrip("-").isdigit()]
    for scope, with_admin in scopes:
        plan.append((scope, None, with_admin))
        plan.extend((scope, language, with_admin) for language in LANGUAGES)
    return plan


async def publish_command_menus(bot: Bot, default_language: str, admins: list[str]) -> int:
    """Publish every menu of ``menu_plan``; a failure is logged and skipped. Returns how many failed.

    The menus are a convenience: commands work without them.
    """
    failed = 0
    for scope, language, with_admin in menu_plan(default_language, admins):
        commands = command_menu(language or default_language, admin=with_admin)
        try:
            await bot.set_my_commands(commands, scope=scope, language_code=language)
        except TelegramError as exc:
            failed += 1
            log.warning("telegram: could not set the %s command menu (%s): %s", scope.type, language or "default", exc)
    return failed
