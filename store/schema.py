"""The versioned schema: every table the bot uses, one sqlite-utils migration function each.

The loader (which writes facts), the handlers (which read them) and the scheduler (subscriptions,
digests_sent) agree on this one shape. A schema change is a new function on ``MIGRATIONS``; never
edit one that has shipped. ``store.db.open_db`` applies the pending ones under the write lock.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("newsbot")


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """Articles, their facts, subscriptions and the digest ledger."""
    db["articles"].create(
        {
            "id": int,
            "path": str,  # where it was loaded from (file path, or path#n for JSON Lines)
            "url": str,
            "source": str,  # publisher, when known
            "title": str,
            "date": str,  # "2025-04" or "2025-04-12": the precision as written
            "date_precision": str,  # "month" | "day" | None
            "text": str,  # cleaned text; all fact offsets point into it
            "text_stemmed": str,  # Dutch-stemmed shadow of title + text, indexed by FTS
            "content_hash": str,
            "word_count": int,
            "format": str,  # txt | md | json | jsonl | html
            "loaded_at": str,  # ISO timestamp, UTC
        },
        pk="id",
        not_null={"text", "content_hash", "loaded_at"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["path"])
    db["articles"].create_index(["url"])
    db["articles"].create_index(["date"])
    db["articles"].create_index(["loaded_at"])

    db["entities"].create(
        {"id": int, "name": str, "type": str, "key": str},
        pk="id",
        not_null={"name", "type", "key"},
    )
    # key: the normalised canonical name (lower case, no diacritics); one row per real-world entity
    db["entities"].create_index(["key", "type"], unique=True)

    db["aliases"].create(
        {"id": int, "entity_id": int, "alias": str, "norm": str},
        pk="id",
        foreign_keys=[("entity_id", "entities", "id")],
    )
    db["aliases"].create_index(["norm"])
    db["aliases"].create_index(["entity_id", "alias"], unique=True)

    db["mentions"].create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,
            "start": int,
            "end": int,
            "text": str,
            "sentence": str,  # the sentence around the mention, for context in replies
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["mentions"].create_index(["entity_id", "article_id"])
    db["mentions"].create_index(["article_id"])

    db["roles"].create(
        {
            "id": int,
            "entity_id": int,
            "article_id": int,  # null for an admin correction
            "role": str,
            "country": str,
            "affiliation": str,
            "start": int,
            "end": int,
            "date": str,  # the article's date (or the correction's)
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["roles"].create_index(["entity_id"])
    db["roles"].create_index(["article_id"])

    db["quotes"].create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,  # null when the speaker is not a known entity
            "speaker": str,  # entity name, or a description ("hoge Oekraïense functionaris")
            "text": str,
            "start": int,
            "end": int,
            "verb": str,  # reporting verb or cue ("zei", "aldus", "schreef", ":")
            "confidence": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["quotes"].create_index(["entity_id"])
    db["quotes"].create_index(["article_id"])

    db["numbers"].create(
        {
            "id": int,
            "article_id": int,
            "value": float,
            "what": str,
            "category": str,  # doden | gewonden | drones | aanvallen | gevangenen | dagen | ... | None
            "text": str,
            "qualifier": str,
            "start": int,
            "end": int,
            "sentence": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["numbers"].create_index(["article_id"])
    db["numbers"].create_index(["category"])

    db["dates"].create(
        {"id": int, "article_id": int, "text": str, "value": str, "start": int, "end": int},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["dates"].create_index(["article_id"])

    # Admin corrections, replayed after every (re)extraction so they survive `newsbot reindex`.
    db["corrections"].create(
        {
            "id": int,
            "kind": str,  # merge | role | unrole
            "subject": str,  # the entity name as the admin wrote it
            "value": str,  # merge target name, or the role text
            "user": str,
            "created_at": str,
        },
        pk="id",
    )

    db["subscriptions"].create(
        {
            "id": int,
            "platform": str,  # telegram | slack
            "chat_id": str,
            "time": str,  # "HH:MM" local time
            "timezone": str,
            "language": str,
            "origin": str,  # config | chat
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"platform", "chat_id", "time"},
    )
    db["subscriptions"].create_index(["platform", "chat_id"], unique=True)

    db["digests_sent"].create(
        {
            "id": int,
            "subscription_id": int,
            "digest_date": str,  # local date the digest is for, YYYY-MM-DD
            "status": str,  # sending | sent | failed
            "attempts": int,
            "error": str,
            "sent_at": str,
        },
        pk="id",
        foreign_keys=[("subscription_id", "subscriptions", "id")],
    )
    db["digests_sent"].create_index(["subscription_id", "digest_date"], unique=True)

    db["chat_settings"].create(
        {"platform": str, "chat_id": str, "language": str},
        pk=("platform", "chat_id"),
    )

    db["articles"].enable_fts(
        ["title", "text_stemmed"],
        fts_version="FTS5",
        tokenize="unicode61 remove_diacritics 2",
        create_triggers=True,
    )


@MIGRATIONS()
def m002_quotes_fts(db: Database) -> None:
    """Full-text search over quotes (``/quotes NAME about WORD``), filled for existing rows."""
    db["quotes"].enable_fts(
        ["text"],
        fts_version="FTS5",
        tokenize="unicode61 remove_diacritics 2",
        create_triggers=True,
    )


@MIGRATIONS()
def m003_query_indexes(db: Database) -> None:
    """Indexes for the reads that otherwise scan every article (measured by bench/).

    At 100k articles: ``max(DAY_SQL)`` for /trending 80 → 0.1 ms (the expression must stay exactly
    ``store.queries.DAY_SQL`` without its alias; if DAY_SQL changes, add a migration with the new
    one); /latest's ``NEWEST_FIRST`` order 65 → 0.1 ms; /stats' ``sum(word_count)`` 100 → 3 ms.
    """
    db.execute(
        "create index if not exists idx_articles_day "
        "on articles(substr(coalesce(date, loaded_at) || '-01-01', 1, 10))"
    )
    db.execute("create index if not exists idx_articles_newest on articles(date is null, date desc, id desc)")
    db.execute("create index if not exists idx_articles_word_count on articles(word_count)")


@MIGRATIONS()
def m004_mentions_by_article(db: Database) -> None:
    """/trending counts the mentions of a period's articles: with (article_id, entity_id) covering
    them, no mention row is read. At 100k articles, 30 days: 40 → 30 ms (bench/)."""
    db.execute("create index if not exists idx_mentions_article_entity on mentions(article_id, entity_id)")


# m005: the day of article ``a`` exactly as ``store.queries.DAY_SQL`` (part of a shipped migration: never edit).
_M005_DAY = "substr(coalesce(a.date, a.loaded_at) || '-01-01', 1, 10)"


@MIGRATIONS()
def m005_entity_articles(db: Database) -> None:
    """``entity_articles``: one row per (entity, article) that mentions it, with the article's date,
    its /trending day and the number of mentions — what /who, name lookup and /trending count
    (bench/ at 100k articles, p95: /who 39 → 6 ms, /trending 30 62 → 12 ms; filling it
    takes ~4 s and ~90 MB there).

    SQLite triggers keep it equal to ``select entity_id, article_id, count(*) from mentions join
    articles group by 1, 2`` on every write path: loads, replacements, /forget, the entity_id
    updates of /merge and reindex all go through the mentions table. Articles are never updated in
    place, but a changed date or load time is carried over all the same. Also covering indexes for
    the reads that need an article's date (roles and quotes newest first).
    """
    db.execute(
        """create table entity_articles (
               entity_id integer not null,
               article_id integer not null,
               date text,        -- articles.date
               day text,         -- store.queries.DAY_SQL of the article
               mentions integer not null,
               primary key (entity_id, article_id)
           ) without rowid"""
    )
    db.execute(
        f"""insert into entity_articles (entity_id, article_id, date, day, mentions)
            select m.entity_id, m.article_id, a.date, {_M005_DAY}, count(*)
            from mentions m join articles a on a.id = m.article_id
            where m.entity_id is not null
            group by m.entity_id, m.article_id"""
    )
    db.execute("create index idx_entity_articles_day on entity_articles(day, entity_id, date, mentions)")
    db.execute("create index idx_entity_articles_article on entity_articles(article_id)")
    add = f"""
        insert into entity_articles (entity_id, article_id, date, day, mentions)
        select new.entity_id, a.id, a.date, {_M005_DAY}, 1 from articles a
        where a.id = new.article_id and new.entity_id is not null
        on conflict (entity_id, article_id) do update set mentions = mentions + 1;"""
    remove = """
        update entity_articles set mentions = mentions - 1
        where entity_id = old.entity_id and article_id = old.article_id;
        delete from entity_articles
        where entity_id = old.entity_id and article_id = old.article_id and mentions <= 0;"""
    db.execute(f"create trigger entity_articles_mention_added after insert on mentions begin {add} end")
    db.execute(f"create trigger entity_articles_mention_removed after delete on mentions begin {remove} end")
    db.execute(
        "create trigger entity_articles_mention_moved after update of entity_id, article_id on mentions "
        f"begin {remove} {add} end"
    )
    db.execute(
        """create trigger entity_articles_article_dated after update of date, loaded_at on articles begin
               update entity_articles
               set date = new.date, day = substr(coalesce(new.date, new.loaded_at) || '-01-01', 1, 10)
               where article_id = new.id;
           end"""
    )
    db.execute("create index if not exists idx_articles_id_date on articles(id, date)")
    db.execute("create index if not exists idx_roles_entity_role on roles(entity_id, role, article_id, start, date)")
    db.execute("create index if not exists idx_quotes_entity_article on quotes(entity_id, article_id, start)")


@MIGRATIONS()
def m006_entity_identity(db: Database) -> None:
    """Identity backed by evidence: ``article_names`` holds each entity as one article names it
    (identity key, short or full name, gender and role evidence), ``name_parts`` the surnames and
    short forms under which short names look full ones up (indexed: no ``LIKE`` scan), and
    mentions, roles and quotes point at their row (``name_id``) so a row moves with its facts.
    ``corrections.undone_by`` marks a merge that a later split undid. Entity keys become identity
    keys (``store.names.identity_key``) and an existing database is relinked by the new rules
    (``store.name_backfill``)."""
    db.execute(
        """create table article_names (
               id integer primary key,
               article_id integer not null references articles(id),
               entity_id integer references entities(id),
               type text not null,
               name text not null,       -- the fullest form the article writes
               key text not null,        -- store.names.identity_key(name)
               short integer not null,   -- 1: a surname (or single form) looked up among full names
               blocked integer not null default 0,  -- 1: its article names such a full name itself
               gender text,              -- f | m | null: what the article tells
               heads text not null default '',  -- role heads, space separated
               forms text not null       -- every name form in the article, newline separated
           )"""
    )
    db.execute("create index idx_article_names_article on article_names(article_id)")
    db.execute("create index idx_article_names_entity on article_names(entity_id, key)")
    db.execute("create index idx_article_names_key on article_names(key, type, short)")
    db.execute(
        """create table name_parts (
               name_id integer not null references article_names(id),
               part text not null,
               type text not null
           )"""
    )
    db.execute("create index idx_name_parts_part on name_parts(part, type)")
    db.execute("create index idx_name_parts_name on name_parts(name_id)")
    for table in ("mentions", "roles", "quotes"):
        db.execute(f"alter table {table} add column name_id integer")
        db.execute(f"create index idx_{table}_name on {table}(name_id)")
    db.execute("alter table corrections add column undone_by integer")
    from store.name_backfill import backfill

    backfill(db)


@MIGRATIONS()
def m007_follows_alerts_feeds(db: Database) -> None:
    """Follows (a chat follows an entity or a search term), the alert queue, and feed state.

    ``alerts`` is written in the loader's transaction (pending rows) and drained by ``serve``,
    which claims rows before posting; no foreign key to articles, so /forget and replacements
    never fail on it. ``feed_entries`` remembers every entry taken from a feed (by guid and link).
    """
    db["follows"].create(
        {
            "id": int,
            "platform": str,  # telegram | slack
            "chat_id": str,
            "entity_id": int,  # the followed entity (moved along by /merge), or null for a term
            "name": str,  # the entity's name when followed: finds it again if its id is gone
            "term": str,  # a followed search term, or null
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"platform", "chat_id"},
    )
    db.execute(
        "create unique index idx_follows_target on follows(platform, chat_id, ifnull(entity_id, 0), ifnull(term, ''))"
    )
    db["follows"].create_index(["entity_id"])
    db["alerts"].create(
        {
            "id": int,
            "platform": str,
            "chat_id": str,
            "kind": str,  # article | summary
            "article_id": int,  # kind article
            "content_hash": str,  # the article version it is about (a changed text alerts again)
            "load_id": str,  # one `newsbot load`, upload or feed pass: the unit of max_per_load
            "matched": str,  # JSON [{"entity_id", "name"} | {"term"}]: what the chat follows in it
            "count": int,  # kind summary: how many articles it stands for
            "status": str,  # pending | folded | sending | sent | failed | superseded
            "attempts": int,
            "error": str,
            "created_at": str,
            "claimed_at": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"platform", "chat_id", "kind", "status", "created_at"},
    )
    db.execute(
        "create unique index idx_alerts_once on alerts(platform, chat_id, article_id, content_hash) "
        "where kind = 'article'"
    )
    db["alerts"].create_index(["status", "id"])
    db["alerts"].create_index(["load_id", "platform", "chat_id"])
    db["feeds"].create(
        {
            "url": str,
            "title": str,
            "etag": str,
            "last_modified": str,
            "checked_at": str,
            "status": str,  # ok | not modified | failed: reason
            "entries": int,  # entries stored from it, in total
        },
        pk="url",
    )
    db["feed_entries"].create(
        {"id": int, "feed_url": str, "guid": str, "link": str, "article_id": int, "seen_at": str},
        pk="id",
    )
    db["feed_entries"].create_index(["feed_url", "guid"], unique=True)
    db["feed_entries"].create_index(["link"])


@MIGRATIONS()
def m008_sources_parts_buttons(db: Database) -> None:
    """Who an article came from, how far a digest got, and buttons that survive restarts.

    ``articles.origin``: the uploader of a chat upload ("telegram:123"), null for files the
    operator loads; an article is replaced only by the same origin's file of the same name or
    record with the same url. ``digests_sent.parts_sent``: how many messages of a multi-part
    digest were delivered, so a retry or a resend after a crash sends only the rest;
    ``claimed_by``: the host and process that claimed it, so a claim whose process died is seen.
    ``button_commands``: Telegram callback tokens (a hash of the command) → the command.
    """
    db["articles"].add_column("origin", str)
    db.execute("create index if not exists idx_articles_origin_path on articles(origin, path)")
    db["digests_sent"].add_column("parts_sent", int, not_null_default=0)
    db["digests_sent"].add_column("claimed_by", str)
    db["button_commands"].create(
        {"token": str, "command": str, "created_at": str}, pk="token", not_null={"command"}
    )


@MIGRATIONS()
def m009_article_summaries(db: Database) -> None:
    """``articles.summary``: the digest's summary sentences (a JSON list), chosen by the loader so
    that digests do no NLP. Null for articles stored before; ``newsbot reindex`` fills it."""
    db.execute("alter table articles add column summary text")


@MIGRATIONS()
def m010_scare_quotes(db: Database) -> None:
    """Roles by affiliation (an index), and ``quotes.scare``: 1 for a scare quote (a few words
    quoted inside indirect speech, "noemde het „onhaalbaar”"), which /quotes shows apart from
    statements; 0 for a quote. Articles stored before count as quotes until ``newsbot reindex``."""
    db["quotes"].add_column("scare", int, not_null_default=0)
    # /who of an organisation lists the persons whose roles it is the affiliation of
    db.execute("create index if not exists idx_roles_affiliation on roles(affiliation collate nocase)")
