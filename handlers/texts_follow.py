"""Texts of following and alerts, Dutch and English; see ``handlers.texts``."""

FOLLOW_TEXTS: dict = {
    "cmd.follow.usage": {"nl": "/follow NAAM of /follow \"zoekterm\"", "en": "/follow NAME or /follow \"term\""},
    "cmd.follow.summary": {
        "nl": "Een bericht in dit gesprek bij elk nieuw artikel over deze naam of zoekterm.",
        "en": "An alert in this chat for every new article about this name or search term.",
    },
    "cmd.unfollow.usage": {"nl": "/unfollow NAAM", "en": "/unfollow NAME"},
    "cmd.unfollow.summary": {"nl": "Een naam of zoekterm niet meer volgen.", "en": "Stop following a name or term."},
    "cmd.following.usage": {"nl": "/following", "en": "/following"},
    "cmd.following.summary": {
        "nl": "Wat dit gesprek volgt.",
        "en": "What this chat follows.",
    },
    "follow.done": {
        "nl": "Dit gesprek volgt nu {name}: bij elk nieuw artikel over {name} krijg je een bericht.",
        "en": "This chat now follows {name}: every new article about {name} brings an alert.",
    },
    "follow.term_done": {
        "nl": "Dit gesprek volgt nu de zoekterm {name}: bij elk nieuw artikel dat /search ervoor vindt krijg je een bericht.",
        "en": "This chat now follows the search term {name}: every new article /search finds for it brings an alert.",
    },
    "follow.already": {"nl": "Dit gesprek volgt {name} al.", "en": "This chat already follows {name}."},
    "follow.as_term": {
        "nl": "Volg het als zoekterm: /follow \"{term}\"",
        "en": "Follow it as a search term: /follow \"{term}\"",
    },
    "follow.platform_only": {
        "nl": "Volgen kan alleen in Telegram of Slack; hier kun je /search en /who gebruiken.",
        "en": "Following works in Telegram or Slack only; here you can use /search and /who.",
    },
    "unfollow.done": {
        "nl": "Dit gesprek volgt {name} niet meer.",
        "en": "This chat no longer follows {name}.",
    },
    "unfollow.not_following": {
        "nl": "Dit gesprek volgt “{name}” niet.",
        "en": "This chat does not follow “{name}”.",
    },
    "following.title": {"nl": "Gevolgd in dit gesprek", "en": "Followed in this chat"},
    "following.none": {
        "nl": "Dit gesprek volgt nog niets. Begin met /follow NAAM.",
        "en": "This chat follows nothing yet. Start with /follow NAME.",
    },
    "following.name": {"nl": "{name}", "en": "{name}"},
    "following.term": {"nl": "{name} (zoekterm)", "en": "{name} (search term)"},
    "action.follow_term": {"nl": "Volg als zoekterm", "en": "Follow as a search term"},
    "action.following": {"nl": "Gevolgd", "en": "Following"},
    "action.unfollow": {"nl": "Ontvolg {name}", "en": "Unfollow {name}"},
    # --- alerts (handlers/alerts.py, sent by serve) ---
    "alert.about": {"nl": "Nieuw over {names} · {date}", "en": "New about {names} · {date}"},
    "alert.undated": {"nl": "zonder datum", "en": "undated"},
    "alert.quote": {"nl": "“{text}” — {speaker}", "en": "“{text}” — {speaker}"},
    "alert.link": {"nl": "Origineel: {url}", "en": "Original: {url}"},
    "alert.more": {
        "nl": ("en nog {n} artikel over {names}", "en nog {n} artikelen over {names}"),
        "en": ("and {n} more article about {names}", "and {n} more articles about {names}"),
    },
    "alert.more_hint": {
        "nl": "Zoveel tegelijk: de rest staat in /latest.",
        "en": "That many at once: see the rest with /latest.",
    },
    "alert.and": {"nl": " en ", "en": " and "},
}
