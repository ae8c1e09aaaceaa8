"""/help [COMMAND] — what the bot can do; admin commands only for admins. Also the README's
command table (``readme_commands_markdown``, printed by ``python -m handlers.readme``), generated
from the same registry."""

from __future__ import annotations

from sqlite_utils import Database

import handlers
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t


def _aliases(command) -> str:
    return ", ".join(f"/{a}" for a in command.aliases)


def command_lines(language: str, admin: bool) -> tuple[Line, ...]:
    lines = []
    for command in handlers.COMMANDS.values():
        if command.admin == admin:
            usage = command.usage(language)
            lines.append(Line(f"{usage} — {command.summary(language)}", strong=usage))
    return tuple(lines)


def help_reply(language: str, is_admin: bool, title: str | None = None, console: bool = False) -> Reply:
    sections = [Section(None, command_lines(language, admin=False))]
    if is_admin:
        sections.append(Section(t("help.admin", language), command_lines(language, admin=True)))
    footer = [Line(t("help.footer", language))]
    if console:
        footer.append(Line(t("help.console", language)))
    sections.append(Section(None, tuple(footer)))
    return Reply(title=title or t("help.title", language), sections=tuple(sections))


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    name = request.args.strip().lstrip("/").lower()
    if not name:
        return help_reply(language, request.is_admin, console=request.platform == "console")
    command = handlers.find_command(name)
    if command is None or (command.admin and not request.is_admin):
        return Reply(
            title=t("help.unknown", language, command=name),
            sections=help_reply(language, request.is_admin).sections,
            kind="not_found",
        )
    lines = [Line(command.summary(language))]
    if command.aliases:
        lines.append(Line(t("help.aliases", language, aliases=_aliases(command))))
    if command.admin:
        lines.append(Line(t("help.admin_only", language)))
    return Reply(
        title=command.usage(language),
        sections=(Section(None, tuple(lines)),),
        actions=(Action(t("cmd.help.usage", language).split()[0], "/help"),),
    )


def readme_commands_markdown(language: str = "en") -> str:
    """The README's command table, from COMMANDS: paste it between the README's markers."""
    rows = ["| Command | Also | What it does |", "| --- | --- | --- |"]
    for command in handlers.COMMANDS.values():
        summary = command.summary(language) + (" *(admin)*" if command.admin else "")
        usage = command.usage(language).replace("|", "\\|")  # a bare | would end the cell
        rows.append(f"| `{usage}` | {_aliases(command) or '—'} | {summary} |")
    return "\n".join(rows) + "\n"

