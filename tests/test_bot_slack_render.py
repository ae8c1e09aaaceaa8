"""Block Kit rendering: escaping of untrusted text, Slack's size limits, buttons, sources."""

from __future__ import annotations

import json

from bot.slack_render import escape, render_messages
from handlers.reply import Action, Line, Reply, Section, Source

SOURCE = Source(article_id=3, title="Rubio in Riyad", date="2025-03")


def test_a_small_reply_renders_header_sections_sources_and_buttons():
    reply = Reply(
        title="Marco Rubio (persoon)",
        sections=(
            Section("Rollen", (Line("Amerikaanse minister", strong="Amerikaanse minister", source=SOURCE),)),
        ),
        actions=(Action("Citaten", "/quotes Marco Rubio"), Action("Tijdlijn", "/timeline Marco Rubio")),
    )

    [message] = render_messages(reply)

    assert message.blocks == [
        {"type": "header", "text": {"type": "plain_text", "text": "Marco Rubio (persoon)", "emoji": False}},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "*Rollen*\n• *Amerikaanse minister* [#3, 2025-03]"},
        },
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "#3 · Rubio in Riyad · 2025-03"}]},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": "newsbot_action_0",
                    "text": {"type": "plain_text", "text": "Citaten", "emoji": False},
                    "value": "/quotes Marco Rubio",
                },
                {
                    "type": "button",
                    "action_id": "newsbot_action_1",
                    "text": {"type": "plain_text", "text": "Tijdlijn", "emoji": False},
                    "value": "/timeline Marco Rubio",
                },
            ],
        },
    ]
    assert message.text == reply.plain_text()


def test_article_text_is_escaped_in_blocks_and_fallback():
    hostile = Source(article_id=7, title="Oproep aan <!channel>", date=None)
    reply = Reply(
        title="Zoeken: <!here>",
        sections=(Section("A & B", (Line("Zie <@U123> & <!channel>", strong="<@U123>", source=hostile),)),),
        actions=(Action("<!everyone>", "/article 7"),),
    )

    [message] = render_messages(reply)
    rendered = json.dumps(message.blocks)

    assert message.blocks[0]["text"]["text"] == "Zoeken: &lt;!here&gt;"
    assert (
        message.blocks[1]["text"]["text"] == "*A &amp; B*\n• Zie *&lt;@U123&gt;* &amp; &lt;!channel&gt; [#7]"
    )
    assert message.blocks[2]["elements"][0]["text"] == "#7 · Oproep aan &lt;!channel&gt;"
    assert message.blocks[3]["elements"][0]["text"]["text"] == "&lt;!everyone&gt;"
    assert "<" not in rendered and ">" not in rendered
    assert message.text == (
        "Zoeken: &lt;!here&gt;\n\nA &amp; B\n• Zie &lt;@U123&gt; &amp; &lt;!channel&gt; [#7]\n\n→ /article 7"
    )


def test_escape_handles_ampersand_first():
    assert escape("<&>") == "&lt;&amp;&gt;"


def test_a_long_reply_is_split_into_sections_and_messages_within_limits():
    lines = tuple(Line(f"{i:04d} " + "x" * 93) for i in range(1500))  # "• " + 98 chars = 100 a line
    reply = Reply(title="Lang", sections=(Section(None, lines),), actions=(Action("Meer", "/latest 20"),))

    messages = render_messages(reply)

    assert [len(m.blocks) for m in messages] == [50, 4]  # header + 52 sections (29 lines each) + buttons
    sections = [b for m in messages for b in m.blocks if b["type"] == "section"]
    assert len(sections) == 52
    assert max(len(s["text"]["text"]) for s in sections) == 2928
    assert sections[0]["text"]["text"].split("\n")[0] == "• 0000 " + "x" * 93
    assert sections[-1]["text"]["text"].split("\n")[-1] == "• 1499 " + "x" * 93
    assert messages[1].blocks[-1]["type"] == "actions"
    assert messages[1].text == "Lang (2/2)"
    assert len(messages[0].text) <= 3000 and messages[0].text.endswith("\n…")


def test_a_single_line_longer_than_a_section_is_cut_between_words():
    reply = Reply(title="T", sections=(Section(None, (Line("woord " * 1000),)),))

    [message] = render_messages(reply)

    texts = [b["text"]["text"] for b in message.blocks[1:]]
    assert [len(t) <= 3000 for t in texts] == [True, True, True]
    assert "".join(texts).replace(" ", "").replace("•", "") == "woord" * 1000


def test_a_title_too_long_for_a_header_becomes_a_bold_section():
    [message] = render_messages(Reply(title="k" * 151))

    assert message.blocks == [{"type": "section", "text": {"type": "mrkdwn", "text": "*" + "k" * 151 + "*"}}]


def test_many_sources_fill_context_blocks_of_at_most_ten_elements():
    lines = tuple(Line(f"regel {i}", source=Source(i, "x" * 2000, "2025-04")) for i in range(25))

    [message] = render_messages(Reply(title="T", sections=(Section(None, lines),)))

    contexts = [b for b in message.blocks if b["type"] == "context"]
    assert [len(c["elements"]) for c in contexts] == [10, 10, 5]
    assert contexts[0]["elements"][0]["text"] == "#0 · " + "x" * 2000 + " · 2025-04"
