"""The adapters' own texts (Telegram, Slack, the console), Dutch and English: ``t(key, language)``.

Situations no handler sees: a greeting, an upload that is too big, a reply that could not be
sent. Command texts live in ``handlers.texts``; both catalogues format the same way.
"""

from __future__ import annotations

from handlers.texts import DEFAULT_LANGUAGE, format_text

ADAPTER_TEXTS: dict[str, dict[str, str]] = {
    # --- every adapter: a user whose earlier commands still run (bot.fairness) ---
    "busy": {
        "nl": "Een moment: je vorige opdrachten lopen nog. Probeer het zo opnieuw.",
        "en": "One moment: your previous commands are still running. Please try again shortly.",
    },
    # --- Telegram ---
    "telegram.start": {
        "nl": "Hallo! Ik beantwoord vragen over de artikelen van de redactie.",
        "en": "Hello! I answer questions about the newsroom's articles.",
    },
    "telegram.too_big": {
        "nl": "Dit bestand is te groot ({size}); de grens is {limit}. Er is niets geladen.",
        "en": "This file is too big ({size}); the limit is {limit}. Nothing was loaded.",
    },
    "telegram.error": {
        "nl": "Er ging iets mis; probeer het later opnieuw.",
        "en": "Something went wrong; please try again later.",
    },
    "telegram.button_expired": {
        "nl": "Deze knop werkt niet meer; typ het commando opnieuw.",
        "en": "This button no longer works; please type the command.",
    },
    # --- Slack ---
    "slack.file_too_big": {
        "nl": "{name} is te groot ({size}; maximaal {limit}). Er is niets geladen.",
        "en": "{name} is too big ({size}; at most {limit}). Nothing was loaded.",
    },
    "slack.file_failed": {
        "nl": "Kon {name} niet ophalen uit Slack. Er is niets geladen; probeer het opnieuw.",
        "en": "Could not fetch {name} from Slack. Nothing was loaded; please try again.",
    },
    "slack.send_failed": {
        "nl": "Er ging iets mis bij het versturen van het antwoord. Probeer het later opnieuw.",
        "en": "Something went wrong sending the answer. Please try again later.",
    },
    # --- the console and `newsbot ask` ---
    "console.banner": {
        "nl": "newsroom-bot: typ /help voor de commando's, een regel zonder / zoekt, exit stopt.",
        "en": "newsroom-bot: type /help for the commands, a line without / searches, exit quits.",
    },
    "ask.usage": {
        "nl": 'Geef één commando, bijvoorbeeld: newsbot ask "/who Rubio"',
        "en": 'Give one command, for example: newsbot ask "/who Rubio"',
    },
}


def t(key: str, language: str = DEFAULT_LANGUAGE, **fields) -> str:
    """The adapter text for ``key`` in ``language`` (Dutch for an unknown language)."""
    entry = ADAPTER_TEXTS[key]
    return format_text(entry.get(language) or entry[DEFAULT_LANGUAGE], fields)
