"""Texts of digests and subscriptions, Dutch and English; see ``handlers.texts``.

The adapters' own texts (Telegram, Slack, the console) live with them in ``bot/texts.py``.
"""

DELIVERY_TEXTS: dict = {}

# --- digests and subscriptions (handlers/digest.py, handlers/subscribe.py, the scheduler) ---
DELIVERY_TEXTS.update(
    {
        "digest.title": {"nl": "Nieuwsoverzicht {label}", "en": "News digest {label}"},
        "digest.empty": {
            "nl": "Geen nieuwe artikelen voor {label}.",
            "en": "No new articles for {label}.",
        },
        "digest.article": {"nl": "{headline} ({date})", "en": "{headline} ({date})"},
        "digest.people": {"nl": "Wie: {names}", "en": "Who: {names}"},
        "digest.number": {"nl": "cijfer: {text}", "en": "number: {text}"},
        "digest.more": {
            "nl": ("en nog {n} artikel", "en nog {n} artikelen"),
            "en": ("and {n} more article", "and {n} more articles"),
        },
        "digest.in_the_news_heading": {"nl": "In het nieuws", "en": "In the news"},
        "digest.in_the_news": {
            "nl": "{name}: {n}× genoemd in {articles} ({change})",
            "en": "{name}: mentioned {n}× in {articles} ({change})",
        },
        "digest.numbers_heading": {"nl": "Cijfers", "en": "Numbers"},
        "digest.quotes_heading": {"nl": "Citaten", "en": "Quotes"},
        "digest.quote": {"nl": "“{text}” — {speaker}", "en": "“{text}” — {speaker}"},
        "subscribe.done": {
            "nl": "Dit gesprek krijgt elke dag om {time} ({timezone}) het nieuwsoverzicht. Stoppen: /unsubscribe",
            "en": "This chat gets the news digest every day at {time} ({timezone}). To stop: /unsubscribe",
        },
        "subscribe.changed": {
            "nl": "Het nieuwsoverzicht komt nu elke dag om {time} ({timezone}).",
            "en": "The news digest now comes every day at {time} ({timezone}).",
        },
        "subscribe.platform_only": {
            "nl": "Abonneren kan alleen in Telegram of Slack; hier kun je /digest gebruiken.",
            "en": "Subscriptions work in Telegram or Slack only; here you can use /digest.",
        },
        "subscribe.admins_only": {
            "nl": "In een groep of kanaal mogen alleen beheerders van de bot /{command} gebruiken.",
            "en": "In a group or channel only the bot's admins may use /{command}.",
        },
        "subscribe.config": {
            "nl": "Het nieuwsoverzicht van dit gesprek (om {time}) staat in het configuratiebestand "
            "([digest] telegram_chats / slack_channels); wijzig het daar.",
            "en": "This chat's news digest (at {time}) is set in the config file "
            "([digest] telegram_chats / slack_channels); change it there.",
        },
        "unsubscribe.done": {
            "nl": "Dit gesprek krijgt geen dagelijks nieuwsoverzicht meer.",
            "en": "This chat no longer gets the daily news digest.",
        },
        "unsubscribe.none": {
            "nl": "Dit gesprek heeft geen dagelijks nieuwsoverzicht.",
            "en": "This chat has no daily news digest.",
        },
        "unsubscribe.config": {
            "nl": "Het nieuwsoverzicht van dit gesprek staat in het configuratiebestand "
            "([digest] telegram_chats / slack_channels); haal het daar weg.",
            "en": "This chat's news digest is set in the config file "
            "([digest] telegram_chats / slack_channels); remove it there.",
        },
    }
)

