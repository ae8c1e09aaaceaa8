"""Reply → Telegram HTML, without a server: escaping, bold parts, citations, splitting, buttons."""

from __future__ import annotations

import pytest
from fake_telegram import EntityError, parse_html

from bot.telegram_render import CallbackStore, keyboard_rows, render_html, render_line
from handlers.reply import Action, Line, Reply, Section, Source
from store.buttons import token_for

SOURCE = Source(article_id=3, title="Rubio in Riyad", date="2025-04")


def test_title_heading_strong_part_and_citation():
    reply = Reply(
        title="Marco Rubio (persoon)",
        sections=(
            Section("Rollen", (Line("minister van Buitenlandse Zaken", strong="minister", source=SOURCE),)),
            Section(None, (Line("Genoemd in 2 artikelen"),)),
        ),
    )
    assert render_html(reply) == [
        (
            "<b>Marco Rubio (persoon)</b>\n"
            "\n"
            "<b>Rollen</b>\n"
            "• <b>minister</b> van Buitenlandse Zaken <i>(#3, 2025-04)</i>\n"
            "\n"
            "• Genoemd in 2 artikelen"
        )
    ]


def test_article_text_is_escaped_everywhere():
    reply = Reply(
        title="Zoek <b> & </b>",
        sections=(Section("A & B <i>", (Line("Tom & Jerry <script>", strong="<script>"),)),),
    )
    [html] = render_html(reply)
    assert html == (
        "<b>Zoek &lt;b&gt; &amp; &lt;/b&gt;</b>\n\n<b>A &amp; B &lt;i&gt;</b>\n• Tom &amp; Jerry <b>&lt;script&gt;</b>"
    )
    assert parse_html(html) == "Zoek <b> & </b>\n\nA & B <i>\n• Tom & Jerry <script>"


def test_citation_without_date():
    assert render_line(Line("x", source=Source(7, None, None))) == ["• x <i>(#7)</i>"]


def test_strong_not_in_text_is_ignored():
    assert render_line(Line("Rubio sprak", strong="Lavrov")) == ["• Rubio sprak"]


def test_split_between_lines_under_the_limit():
    lines = tuple(Line(f"regel {i:02} " + "woord" * 10) for i in range(40))  # 61 characters rendered
    chunks = render_html(Reply(title="Lang", sections=(Section(None, lines),)), limit=200)
    assert [len(c) for c in chunks] == [13 + 185] + [185] * 12 + [61]  # 3 lines (3 × 61 + 2) a message
    assert chunks[1] == "\n".join(f"• regel {i:02} " + "woord" * 10 for i in (3, 4, 5))
    body = "\n".join(parse_html(c) for c in chunks)
    assert [line for line in body.splitlines() if line.startswith("•")] == [
        f"• regel {i:02} " + "woord" * 10 for i in range(40)
    ]


def test_an_overlong_line_is_cut_in_plain_text_never_inside_a_tag_or_entity():
    text = "Jansen & Zonen " * 30  # 450 characters, 30 ampersands
    chunks = render_html(
        Reply(title="T", sections=(Section(None, (Line(text.strip(), strong="Zonen Jansen", source=SOURCE),)),)),
        limit=100,
    )
    assert all(len(c) <= 100 for c in chunks)
    visible = [parse_html(c) for c in chunks]  # raises if a tag or an entity was cut
    assert visible[0] == "T\n\n• Jansen & Zonen Jansen & Zonen Jansen & Zonen Jansen &"
    assert chunks[0].endswith("• Jansen &amp; <b>Zonen Jansen</b> &amp; Zonen Jansen &amp; Zonen Jansen &amp;")
    assert " ".join(visible).replace("T\n\n• ", "").replace(" (#3, 2025-04)", "") == text.strip()
    assert chunks[-1].endswith("Zonen <i>(#3, 2025-04)</i>")


def test_a_word_longer_than_a_message_is_cut_hard():
    chunks = render_html(Reply(title="T", sections=(Section(None, (Line("<" * 250),)),)), limit=100)
    assert all(len(c) <= 100 for c in chunks)
    assert "".join(parse_html(c) for c in chunks[1:]).replace("• ", "").replace("\n", "") == "<" * 250


def test_empty_reply_renders_the_title_only():
    assert render_html(Reply(title="Niets gevonden.")) == ["<b>Niets gevonden.</b>"]


def test_buttons_use_the_command_or_a_token_when_over_64_bytes():
    store = CallbackStore()
    long_command = "/quotes " + "Zelenskyy " * 7
    rows = keyboard_rows(
        (
            Action("Citaten", "/quotes Marco Rubio"),
            Action("Tijdlijn", "/timeline Marco Rubio"),
            Action("Lang", long_command),
        ),
        store,
    )
    token = token_for(long_command)
    assert rows == [[("Citaten", "/quotes Marco Rubio"), ("Tijdlijn", "/timeline Marco Rubio")], [("Lang", token)]]
    assert token.startswith("cb:") and len(token.encode()) <= 64
    assert store.command_for(token) == long_command
    assert store.command_for("/quotes Marco Rubio") == "/quotes Marco Rubio"
    assert store.command_for("cb:99") is None


def test_a_token_is_the_hash_of_its_command():
    first, second = CallbackStore(), CallbackStore()  # two processes, or before and after a restart
    command = "/who " + "x" * 70
    assert first.data_for(command) == second.data_for(command) == token_for(command)
    assert first.data_for(command + "y") != first.data_for(command)


def test_callback_store_forgets_the_oldest_tokens_unless_they_are_saved():
    saved: dict[str, str] = {}
    store = CallbackStore(size=2)
    kept = CallbackStore(size=2, save=saved.__setitem__, load=saved.get)
    commands = ["/who " + "x" * 70 + str(i) for i in range(3)]
    tokens = [store.data_for(c) for c in commands]
    assert [kept.data_for(c) for c in commands] == tokens
    assert [store.command_for(t) for t in tokens] == [None, commands[1], commands[2]]
    assert [kept.command_for(t) for t in tokens] == commands



@pytest.mark.parametrize(
    "html, error",
    [
        ("a < b", "Unsupported start tag at byte offset 2"),
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("Tom & Jerry", "Can't find end of the entity starting at byte offset 4"),
    ],
)
def test_the_fake_server_rejects_html_telegram_rejects(html, error):
    with pytest.raises(EntityError) as raised:
        parse_html(html)
    assert str(raised.value) == error


def test_a_title_longer_than_a_message_is_cut_outside_tags():
    """A reply title can echo a user's very long query (review finding: `<b>` was cut in two)."""
    title = "Niemand gevonden met de naam “" + "Zzq & " * 800 + "”."
    messages = render_html(Reply(title=title, kind="not_found"))
    assert len(messages) == 2
    for message in messages:
        assert len(message) <= 4096
        assert message.startswith("<b>") and message.endswith("</b>")
        parse_html(message)  # raises EntityError on a broken tag or entity
    assert "".join(parse_html(m) for m in messages).replace(" ", "") == title.replace(" ", "")
