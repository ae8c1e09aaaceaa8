"""Property-based fuzzing: the article reader and the command path never raise what they should not.

* ``store.articles.read_bytes`` on arbitrary bytes under arbitrary names returns articles or
  raises ``BadArticle`` with a reason, never any other exception;
* ``handlers.parse_command_text`` on arbitrary text returns None or (command, args), and
  ``handlers.dispatch`` answers every command with arbitrary arguments with a Reply whose kind is
  not "error" (dispatch turns a handler's exception into kind="error", so an "error" reply here
  is a crash that a user would see as "something went wrong").
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handlers import command_names, dispatch, parse_command_text
from handlers.reply import Reply, Request
from store.articles import SUPPORTED_SUFFIXES, read_bytes
from store.model import Article, BadArticle, BadRecord

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

suffixes = st.sampled_from(sorted(SUPPORTED_SUFFIXES) + ["", ".exe", ".TXT", ".tar.gz"])
names = st.builds(lambda stem, suffix: stem + suffix, st.text(max_size=40), suffixes)

json_values = st.one_of(st.text(max_size=300), st.integers(), st.none(), st.lists(st.integers(), max_size=3))
json_records = st.dictionaries(st.sampled_from(["title", "date", "text", "url", "source"]), json_values, max_size=5)
front_matter = st.text(max_size=600).map(lambda s: f"---\ntitle: {s[:40]}\ndate: {s[40:50]}\n---\n{s}".encode())
html_pages = st.text(max_size=600).map(
    lambda s: f"<html><head><title>{s[:30]}</title></head><body><p>{s}</p></body></html>".encode()
)

# Bytes that look like articles often enough to get past the first checks, under any name.
article_like = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=1500).map(lambda s: s.encode()),
    st.text(max_size=800).map(lambda s: f" date 2025-04-0{len(s) % 9 + 1} {s}".encode()),
    st.text(max_size=800).map(lambda s: s.encode("cp1252", errors="ignore")),
    st.text(max_size=800).map(lambda s: b"\xef\xbb\xbf" + s.encode()),
    json_records.map(lambda d: json.dumps(d).encode()),
    front_matter,
    html_pages,
)


def named(suffix: str, data: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.text(max_size=30).map(lambda stem: stem + suffix), data)


# Each format's reader gets its own kind of input too, not only what its suffix rarely meets.
uploads = st.one_of(
    st.tuples(names, article_like),
    named(".json", json_records.map(lambda d: json.dumps(d).encode())),
    named(".jsonl", st.lists(json_records, max_size=4).map(lambda ds: "\n".join(map(json.dumps, ds)).encode())),
    named(".md", front_matter),
    named(".html", html_pages),
)


@settings(FUZZ, max_examples=400)
@given(upload=uploads)
def test_read_bytes_returns_articles_or_raises_bad_article(upload):
    name, data = upload
    try:
        articles = read_bytes(name, data)
    except BadArticle as exc:
        assert str(exc).strip() != ""
        return
    assert isinstance(articles, list)
    for article in articles:
        if isinstance(article, BadRecord):  # one bad line of JSON Lines, reported on its own
            assert article.reason.strip() != ""
            continue
        assert isinstance(article, Article)
        assert article.text.strip() != ""


@FUZZ
@given(text=st.text(max_size=300))
def test_parse_command_text_never_raises(text):
    parsed = parse_command_text(text)
    if parsed is not None:
        command, args = parsed
        assert command == command.lower() and command != ""
        assert args == args.strip()


# Read commands fuzzed as an admin too; /load without an attachment outside the console is usage.
command_text = st.tuples(st.sampled_from(sorted(set(command_names()))), st.text(max_size=120))


@FUZZ
@given(command=command_text, is_admin=st.booleans(), language=st.sampled_from(["nl", "en", "xx"]))
@example(command=("article", "²"), is_admin=False, language="nl")  # "²".isdigit() is True; int("²") raises
@example(command=("article", "9223372036854775808"), is_admin=False, language="nl")  # past SQLite's integers
def test_dispatch_answers_every_command_without_error(seeded_db, command, is_admin, language):
    name, args = command
    request = Request(
        command=name,
        args=args.strip(),
        user_id="u1",
        chat_id="c1",
        is_admin=is_admin,
        language=language,
        platform="telegram",
    )
    reply = dispatch(request, seeded_db)
    assert isinstance(reply, Reply)
    assert reply.kind != "error", reply.plain_text()
    assert reply.title.strip() != ""


@FUZZ
@given(text=st.text(max_size=200))
def test_dispatch_of_any_typed_text_gives_a_reply(seeded_db, text):
    parsed = parse_command_text("/" + text) or ("help", "")
    reply = dispatch(Request(command=parsed[0], args=parsed[1], platform="telegram"), seeded_db)
    assert isinstance(reply, Reply)
    assert reply.kind != "error", reply.plain_text()
