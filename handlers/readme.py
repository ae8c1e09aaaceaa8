"""The README's command section, generated: ``python -m handlers.readme [nl|en] [--examples DB]``.

Without ``--examples`` it prints the command table (``handlers.help.readme_commands_markdown``);
with it, the real output of read-only example commands on the database DB (load the seeds first).
"""

from __future__ import annotations

import sys

from sqlite_utils import Database

from handlers import dispatch, parse_command_text
from handlers.help import readme_commands_markdown
from handlers.reply import Request

README_EXAMPLES = (
    "/who Rubio",
    "/quotes Trump",
    "/search aanval Kiev",
    "/latest 3",
    "/article 1",
    "/timeline Zelensky",
    "/numbers drones",
    "/trending 31",
    "/digest 2025-04",
    "/stats",
    "/help who",
)


def readme_examples_markdown(db: Database, language: str = "nl", examples=README_EXAMPLES) -> str:
    """Each example as a fenced block: the `newsbot ask` line and the plain-text reply."""
    blocks = []
    for example in examples:
        name, args = parse_command_text(example)
        reply = dispatch(Request(name, args, language=language, platform="console"), db)
        blocks.append(f'```\n$ newsbot ask "{example}"\n{reply.plain_text()}\n```\n')
    return "\n".join(blocks)


def main(argv: list[str]) -> None:
    args = list(argv)
    if "--examples" in args:
        from store.db import open_db

        at = args.index("--examples")
        path = args[at + 1]
        del args[at : at + 2]
        print(readme_examples_markdown(open_db(path), args[0] if args else "nl"), end="")
    else:
        print(readme_commands_markdown(args[0] if args else "en"), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
