"""Citations link to the original article when it has a URL: Telegram HTML, Slack mrkdwn, any reply."""

from __future__ import annotations

from fake_telegram import parse_html

from bot.slack_render import render_messages
from bot.telegram_render import render_html
from handlers.reply import Line, Reply, Section, Source
from store.loader import store_article
from store.model import Article, Facts

LINKED = Source(3, "Kop", "2025-04", "https://news.example/a?x=1&y=<2>")


def test_telegram_links_the_citation_and_escapes_the_url():
    [html] = render_html(Reply("T", (Section(None, (Line("Tekst.", source=LINKED),)),)))
    assert html.endswith('• Tekst. <i>(<a href="https://news.example/a?x=1&amp;y=&lt;2&gt;">#3, 2025-04</a>)</i>')
    assert parse_html(html).endswith("Tekst. (#3, 2025-04)")


def test_slack_links_the_citation():
    [message] = render_messages(Reply("T", (Section(None, (Line("Tekst.", source=LINKED),)),)))
    assert message.blocks[1]["text"]["text"] == "• Tekst. [<https://news.example/a?x=1&amp;y=&lt;2&gt;|#3, 2025-04>]"


def test_a_citation_without_a_web_url_stays_plain():
    plain = Source(3, "Kop", "2025-04", "file:///etc/passwd")
    [html] = render_html(Reply("T", (Section(None, (Line("Tekst.", source=plain),)),)))
    assert html.endswith("• Tekst. <i>(#3, 2025-04)</i>")


def test_every_reply_gets_the_urls_of_the_articles_it_cites(db, run_command):
    store_article(db, Article("a.txt", "Stikstof blijft een probleem.", "Stikstof", "2025-05-01",
                              url="https://news.example/stikstof"), Facts())  # fmt: skip
    store_article(db, Article("b.txt", "Nog meer stikstof.", "Meer stikstof", "2025-05-02"), Facts())
    reply = run_command(db, "/search stikstof")
    assert {line.source.article_id: line.source.url for line in reply.sections[0].lines} == {
        1: "https://news.example/stikstof",
        2: None,
    }
    assert "https://" not in reply.plain_text()  # the console shows citations as before
