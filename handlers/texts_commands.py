"""Texts of the commands (usage, summaries, replies), Dutch and English; see ``handlers.texts``."""

COMMAND_TEXTS: dict = {
    # --- commands: usage and one-line summary (help, README) ---
    "cmd.who.usage": {"nl": "/who NAAM", "en": "/who NAME"},
    "cmd.who.summary": {
        "nl": "Wie is dit: rollen, artikelen, laatste vermeldingen, vaak samen genoemd met.",
        "en": "Who is this: roles, articles, latest mentions, often mentioned with.",
    },
    "cmd.quotes.usage": {
        "nl": "/quotes [NAAM [over WOORD]] [pagina N]",
        "en": "/quotes [NAME [about WORD]] [page N]",
    },
    "cmd.quotes.summary": {
        "nl": "Citaten, nieuwste eerst, met artikel en datum; losse woorden tussen aanhalingstekens apart.",
        "en": "Quotes, newest first, with article and date; single words in quote marks apart.",
    },
    "cmd.search.usage": {"nl": "/search ZOEKTERMEN", "en": "/search QUERY"},
    "cmd.search.summary": {
        "nl": "Artikelen zoeken (ook verbogen vormen: aanval vindt aanvallen).",
        "en": "Search articles (Dutch word forms too: aanval finds aanvallen).",
    },
    "cmd.latest.usage": {"nl": "/latest [AANTAL]", "en": "/latest [N]"},
    "cmd.latest.summary": {"nl": "De nieuwste artikelen.", "en": "The newest articles."},
    "cmd.article.usage": {"nl": "/article NUMMER", "en": "/article ID"},
    "cmd.article.summary": {
        "nl": "Eén artikel: kop, datum, personen, cijfers, citaten.",
        "en": "One article: headline, date, people, numbers, quotes.",
    },
    "cmd.timeline.usage": {"nl": "/timeline NAAM", "en": "/timeline NAME"},
    "cmd.timeline.summary": {
        "nl": "Rollen, citaten en vermeldingen van iemand op volgorde van datum.",
        "en": "Someone's roles, quotes and mentions in date order.",
    },
    "cmd.numbers.usage": {"nl": "/numbers ONDERWERP", "en": "/numbers TOPIC"},
    "cmd.numbers.summary": {
        "nl": "Het cijferoverzicht van een onderwerp per artikel en datum (bijv. drones, doden).",
        "en": "The number ledger for a topic per article and date (e.g. drones, doden).",
    },
    "cmd.trending.usage": {"nl": "/trending [DAGEN]", "en": "/trending [DAYS]"},
    "cmd.trending.summary": {
        "nl": "Meest genoemde personen en organisaties, met de verandering t.o.v. de periode ervoor "
        "(gerekend vanaf het nieuwste artikel).",
        "en": "People and organisations mentioned most, with the change against the period before "
        "(counted back from the newest article).",
    },
    "cmd.digest.usage": {"nl": "/digest [DATUM]", "en": "/digest [DATE]"},
    "cmd.digest.summary": {"nl": "De samenvatting van een dag.", "en": "The digest of a day."},
    "cmd.help.usage": {"nl": "/help [COMMANDO]", "en": "/help [COMMAND]"},
    "cmd.help.summary": {"nl": "Deze hulp.", "en": "This help."},
    "cmd.stats.usage": {"nl": "/stats", "en": "/stats"},
    "cmd.stats.summary": {"nl": "Wat er in de database staat.", "en": "What the database holds."},
    "cmd.language.usage": {"nl": "/language nl|en", "en": "/language nl|en"},
    "cmd.language.summary": {
        "nl": "De taal van de bot in dit gesprek.",
        "en": "The bot's language in this chat.",
    },
    "cmd.load.usage": {"nl": "/load (met een bijgevoegd bestand)", "en": "/load (with an attached file)"},
    "cmd.load.summary": {
        "nl": "Een artikelbestand laden (txt, md, json, jsonl, html).",
        "en": "Load an article file (txt, md, json, jsonl, html).",
    },
    "cmd.forget.usage": {"nl": "/forget ARTIKELNUMMER", "en": "/forget ARTICLE_ID"},
    "cmd.forget.summary": {
        "nl": "Een artikel en al zijn feiten verwijderen.",
        "en": "Remove an article and all its facts.",
    },
    "cmd.merge.usage": {"nl": "/merge NAAM into NAAM", "en": "/merge NAME into NAME"},
    "cmd.merge.summary": {
        "nl": "Twee namen als dezelfde persoon of organisatie samenvoegen.",
        "en": "Merge two names into one person or organisation.",
    },
    "cmd.split.usage": {"nl": "/split NAAM", "en": "/split NAME"},
    "cmd.split.summary": {
        "nl": "Een verkeerde samenvoeging terugdraaien: de artikelen met deze naam staan weer los (correctie).",
        "en": "Undo a wrong merge: the articles with this name stand apart again (correction).",
    },
    "cmd.role.usage": {"nl": "/role NAAM: ROL", "en": "/role NAME: ROLE"},
    "cmd.role.summary": {"nl": "Iemand een rol geven (correctie).", "en": "Give someone a role (correction)."},
    "cmd.unrole.usage": {"nl": "/unrole NAAM: ROL", "en": "/unrole NAME: ROLE"},
    "cmd.unrole.summary": {
        "nl": "Een verkeerde rol verbergen (correctie).",
        "en": "Hide a wrong role (correction).",
    },
    "cmd.subscribe.usage": {"nl": "/subscribe [UU:MM]", "en": "/subscribe [HH:MM]"},
    "cmd.subscribe.summary": {
        "nl": "Elke dag de samenvatting in dit gesprek.",
        "en": "The daily digest in this chat.",
    },
    "cmd.unsubscribe.usage": {"nl": "/unsubscribe", "en": "/unsubscribe"},
    "cmd.unsubscribe.summary": {
        "nl": "Geen dagelijkse samenvatting meer.",
        "en": "Stop the daily digest.",
    },
    # --- shared ---
    "usage.title": {"nl": "Gebruik: {usage}", "en": "Usage: {usage}"},
    "unknown_command": {
        "nl": "Onbekend commando: /{command}. Dit kan ik:",
        "en": "Unknown command: /{command}. This is what I can do:",
    },
    "forbidden": {
        "nl": "/{command} is alleen voor beheerders van de bot.",
        "en": "/{command} is only for the bot's admins.",
    },
    "language.group_admins": {
        "nl": "/{command} is in een groep alleen voor beheerders van de bot.",
        "en": "/{command} in a group is only for the bot's admins.",
    },
    "too_slow": {
        "nl": "/{command} duurde te lang en is gestopt; maak de vraag kleiner.",
        "en": "/{command} took too long and was stopped; ask for less.",
    },
    "args.too_long": {
        "nl": "Dat is te lang: {length} tekens, de grens is {limit}.",
        "en": "That is too long: {length} characters, the limit is {limit}.",
    },
    "args.not_text": {
        "nl": "Dat bevat tekens die geen tekst zijn.",
        "en": "That holds characters that are no text.",
    },
    "error": {
        "nl": "Er ging iets mis bij /{command}. Er is niets veranderd; probeer het later opnieuw.",
        "en": "Something went wrong with /{command}. Nothing was changed; please try again later.",
    },
    "name.not_found": {"nl": "Niemand gevonden met de naam “{name}”.", "en": "No one found named “{name}”."},
    "name.ambiguous": {
        "nl": "Meerdere namen passen bij “{name}”. Bedoelde je:",
        "en": "Several names match “{name}”. Did you mean:",
    },
    "name.suggest": {
        "nl": "Niemand gevonden met de naam “{name}”. Bedoelde je:",
        "en": "No one found named “{name}”. Did you mean:",
    },
    "name.candidate": {"nl": "{name} ({type}, {articles})", "en": "{name} ({type}, {articles})"},
    "name.candidate_role": {"nl": "{name}, {role} ({type}, {articles})", "en": "{name}, {role} ({type}, {articles})"},
    "n.articles": {"nl": ("{n} artikel", "{n} artikelen"), "en": ("{n} article", "{n} articles")},
    "n.days": {"nl": ("{n} dag", "{n} dagen"), "en": ("{n} day", "{n} days")},
    "n.words": {"nl": ("{n} woord", "{n} woorden"), "en": ("{n} word", "{n} words")},
    "type.PER": {"nl": "persoon", "en": "person"},
    "type.ORG": {"nl": "organisatie", "en": "organisation"},
    "type.LOC": {"nl": "plaats", "en": "place"},
    "type.MISC": {"nl": "overig", "en": "other"},
    "undated": {"nl": "zonder datum", "en": "undated"},
    "correction": {"nl": "correctie", "en": "correction"},
    "action.quotes": {"nl": "Citaten", "en": "Quotes"},
    "action.timeline": {"nl": "Tijdlijn", "en": "Timeline"},
    "action.article": {"nl": "Artikel {id}", "en": "Article {id}"},
    "action.who": {"nl": "{name}", "en": "{name}"},
    "action.more": {"nl": "Meer", "en": "More"},
    # --- /who ---
    "who.roles": {"nl": "Rollen", "en": "Roles"},
    "who.people": {"nl": "Mensen", "en": "People"},
    "who.person_line": {"nl": "{name}, {role}", "en": "{name}, {role}"},
    "who.coverage": {"nl": "Berichtgeving", "en": "Coverage"},
    "who.span": {"nl": "Genoemd in {articles}, {period}", "en": "Mentioned in {articles}, {period}"},
    "who.aliases": {"nl": "Ook geschreven als: {aliases}", "en": "Also written as: {aliases}"},
    "who.latest": {"nl": "Laatste vermeldingen", "en": "Latest mentions"},
    "who.together": {"nl": "Vaak samen genoemd met", "en": "Often mentioned with"},
    "who.together_line": {"nl": "{name} ({articles} samen)", "en": "{name} ({articles} together)"},
    "period.range": {"nl": "{first} tot {last}", "en": "{first} to {last}"},
    "period.single": {"nl": "op {first}", "en": "on {first}"},
    # --- /quotes ---
    "quotes.title": {"nl": "Citaten van {name}", "en": "Quotes by {name}"},
    "quotes.title_about": {"nl": "Citaten van {name} over “{about}”", "en": "Quotes by {name} about “{about}”"},
    "quotes.title_all": {"nl": "Laatste citaten", "en": "Latest quotes"},
    "quotes.title_all_about": {"nl": "Citaten over “{about}”", "en": "Quotes about “{about}”"},
    "quotes.none": {"nl": "Geen citaten van {name} gevonden.", "en": "No quotes by {name} found."},
    "quotes.none_about": {
        "nl": "Geen citaten gevonden over “{about}”.",
        "en": "No quotes found about “{about}”.",
    },
    "quotes.line": {"nl": "“{text}” — {speaker}", "en": "“{text}” — {speaker}"},
    "quotes.unknown_speaker": {"nl": "onbekende spreker", "en": "unknown speaker"},
    "quotes.scare_heading": {
        "nl": "Losse woorden tussen aanhalingstekens",
        "en": "Single words in quote marks",
    },
    "quotes.page": {"nl": "pagina {page}", "en": "page {page}"},
    # --- /search ---
    "search.title": {"nl": "Zoekresultaten voor “{query}”", "en": "Search results for “{query}”"},
    "search.none": {"nl": "Niets gevonden voor “{query}”.", "en": "Nothing found for “{query}”."},
    "search.line": {"nl": "{label} — {snippet}", "en": "{label} — {snippet}"},
    # --- /latest, /article ---
    "latest.title": {"nl": "Nieuwste artikelen", "en": "Newest articles"},
    "latest.empty": {"nl": "Er zijn nog geen artikelen geladen.", "en": "No articles have been loaded yet."},
    "article.not_found": {"nl": "Geen artikel met nummer {id}.", "en": "No article with number {id}."},
    "article.about": {"nl": "Over dit artikel", "en": "About this article"},
    "article.date": {"nl": "Datum: {date}", "en": "Date: {date}"},
    "article.size": {"nl": "Lengte: {words}", "en": "Length: {words}"},
    "article.link": {"nl": "Bron: {url}", "en": "Source: {url}"},
    "article.people": {"nl": "Personen", "en": "People"},
    "article.organisations": {"nl": "Organisaties", "en": "Organisations"},
    "article.places": {"nl": "Plaatsen", "en": "Places"},
    "article.numbers": {"nl": "Cijfers", "en": "Numbers"},
    "article.quotes": {"nl": "Citaten", "en": "Quotes"},
    "article.person_role": {"nl": "{name}, {roles}", "en": "{name}, {roles}"},
    # --- /timeline ---
    "timeline.title": {"nl": "Tijdlijn van {name}", "en": "Timeline of {name}"},
    "timeline.role": {"nl": "rol: {role}", "en": "role: {role}"},
    "timeline.quote": {"nl": "citaat: “{text}”", "en": "quote: “{text}”"},
    "timeline.mention": {"nl": "genoemd: {sentence}", "en": "mentioned: {sentence}"},
    "timeline.heading": {"nl": "{date} · {label}", "en": "{date} · {label}"},
    # --- /numbers ---
    "numbers.title": {"nl": "Cijfers over “{topic}”", "en": "Numbers on “{topic}”"},
    "numbers.none": {"nl": "Geen cijfers gevonden over “{topic}”.", "en": "No numbers found on “{topic}”."},
    "numbers.known": {"nl": "Onderwerpen met cijfers: {topics}", "en": "Topics with numbers: {topics}"},
    "numbers.line": {"nl": "{amount} {what} — “{text}”", "en": "{amount} {what} — “{text}”"},
    # --- /trending ---
    "trending.title": {
        "nl": "Trending: {days} tot en met {until}",
        "en": "Trending: {days} up to {until}",
    },
    "trending.heading": {
        "nl": "Meest genoemd (verschil met de {days} ervoor)",
        "en": "Mentioned most (change against the {days} before)",
    },
    "trending.line": {"nl": "{name}: {articles} ({change})", "en": "{name}: {articles} ({change})"},
    "change.new": {"nl": "nieuw", "en": "new"},
    "change.same": {"nl": "gelijk", "en": "same"},
    "trending.empty": {
        "nl": "Geen personen of organisaties genoemd in deze periode.",
        "en": "No people or organisations mentioned in this period.",
    },
    # --- /help ---
    "help.title": {"nl": "Dit kan ik", "en": "This is what I can do"},
    "help.admin": {"nl": "Beheer", "en": "Admin"},
    "help.footer": {
        "nl": "Meer over één commando: /help COMMANDO. Namen mogen slordig: rubio, Putin, Zelenskyy.",
        "en": "More about one command: /help COMMAND. Names may be sloppy: rubio, Putin, Zelenskyy.",
    },
    "help.aliases": {"nl": "Ook: {aliases}", "en": "Also: {aliases}"},
    "help.admin_only": {"nl": "Alleen voor beheerders.", "en": "Admins only."},
    "help.unknown": {"nl": "Geen commando /{command}.", "en": "No command /{command}."},
    "help.console": {
        "nl": "In de console: een regel zonder / zoekt in de artikelen; exit of Ctrl-D stopt.",
        "en": "In the console: a line without / searches the articles; exit or Ctrl-D quits.",
    },
    # --- /stats ---
    "stats.title": {"nl": "Statistieken", "en": "Statistics"},
    "stats.articles": {"nl": "Artikelen: {n} ({words})", "en": "Articles: {n} ({words})"},
    "stats.period": {"nl": "Periode: {period}", "en": "Period: {period}"},
    "stats.entities": {
        "nl": "Personen: {PER} · organisaties: {ORG} · plaatsen: {LOC} · overig: {MISC}",
        "en": "People: {PER} · organisations: {ORG} · places: {LOC} · other: {MISC}",
    },
    "stats.facts": {"nl": "Citaten: {quotes} · cijfers: {numbers}", "en": "Quotes: {quotes} · numbers: {numbers}"},
    "stats.admin": {
        "nl": "Correcties: {corrections} · abonnementen: {subscriptions}",
        "en": "Corrections: {corrections} · subscriptions: {subscriptions}",
    },
    "stats.last_loaded": {"nl": "Laatst geladen: {when}", "en": "Last loaded: {when}"},
    # --- /language ---
    "language.set": {
        "nl": "Ik antwoord in dit gesprek voortaan in het Nederlands.",
        "en": "From now on I answer in English in this chat.",
    },
    "language.current": {
        "nl": "Ik antwoord hier in het Nederlands. Wijzigen: /language en",
        "en": "I answer in English here. To change: /language nl",
    },
    # --- admin ---
    "load.no_file": {
        "nl": "Stuur een bestand mee met /load (txt, md, json, jsonl of html).",
        "en": "Attach a file to /load (txt, md, json, jsonl or html).",
    },
    "load.title": {"nl": "Laden: {filename}", "en": "Loading: {filename}"},
    "load.loaded": {"nl": "geladen: {label}", "en": "loaded: {label}"},
    "load.replaced": {"nl": "vervangen: {label}", "en": "replaced: {label}"},
    "load.replaced_was": {"nl": "vervangen: {label} (was: {was})", "en": "replaced: {label} (was: {was})"},
    "load.unchanged": {"nl": "ongewijzigd: {label}", "en": "unchanged: {label}"},
    "load.failed": {"nl": "mislukt: {path}: {reason}", "en": "failed: {path}: {reason}"},
    "load.total": {
        "nl": "{loaded} geladen, {replaced} vervangen, {unchanged} ongewijzigd, {failed} mislukt",
        "en": "{loaded} loaded, {replaced} replaced, {unchanged} unchanged, {failed} failed",
    },
    "forget.done": {
        "nl": "Artikel #{id} ({label}) is verwijderd, met al zijn feiten.",
        "en": "Article #{id} ({label}) was removed, with all its facts.",
    },
    "merge.done": {
        "nl": "“{source}” en “{target}” zijn nu één: {target}.",
        "en": "“{source}” and “{target}” are now one: {target}.",
    },
    "merge.same": {"nl": "{name} en {other} zijn al dezelfde.", "en": "{name} and {other} are already the same."},
    "split.done": {
        "nl": "“{name}” staat nu los van {others}.",
        "en": "“{name}” now stands apart from {others}.",
    },
    "split.nothing": {
        "nl": "“{name}” is met niemand samengevoegd: er is niets te splitsen.",
        "en": "“{name}” is not merged with anyone: there is nothing to split.",
    },
    "role.done": {"nl": "{name} heeft nu de rol “{role}”.", "en": "{name} now has the role “{role}”."},
    "unrole.done": {
        "nl": "De rol “{role}” van {name} is verborgen.",
        "en": "The role “{role}” of {name} is hidden.",
    },
    "unrole.unknown": {
        "nl": "{name} heeft geen rol “{role}”. Bekende rollen: {roles}",
        "en": "{name} has no role “{role}”. Known roles: {roles}",
    },
    "none": {"nl": "geen", "en": "none"},
}
