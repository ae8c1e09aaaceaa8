"""Every user-facing bot text, in Dutch and English: ``t(key, language, **fields)``.

A value is a format string, or a (singular, plural) pair picked by the ``n`` field. Unknown
languages fall back to Dutch; a missing field never raises (it shows as ``{field}``).
"""

from __future__ import annotations

import string

from handlers.texts_commands import COMMAND_TEXTS
from handlers.texts_delivery import DELIVERY_TEXTS
from handlers.texts_follow import FOLLOW_TEXTS

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

# One catalogue: the command texts, then digests and subscriptions (adapter texts: bot/texts.py),
# then following and alerts.
TEXTS: dict[str, dict[str, str | tuple[str, str]]] = {**COMMAND_TEXTS, **DELIVERY_TEXTS, **FOLLOW_TEXTS}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, language: str = DEFAULT_LANGUAGE, **fields) -> str:
    """The text for ``key`` in ``language`` with ``fields`` filled in."""
    entry = TEXTS[key]
    return format_text(entry.get(language) or entry[DEFAULT_LANGUAGE], fields)


def format_text(value: str | tuple[str, str], fields: dict) -> str:
    """Fill ``fields`` into a catalogue value (a (singular, plural) pair is picked by ``n``)."""
    if isinstance(value, tuple):
        value = value[0] if fields.get("n") == 1 else value[1]
    return string.Formatter().vformat(value, (), _Lenient(fields))


def language_or_default(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE
