"""/digest [DATE] (/samenvatting) — the news of a day: articles with a short summary, who is in
the news, key numbers and notable quotes. The scheduler posts the same reply to subscribed chats.

Without a date: the last 24 hours. DATE is YYYY-MM-DD, DD-MM-YYYY, a month YYYY-MM, or
vandaag/today and gisteren/yesterday.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from handlers.common import articles, change_text, clip, source_of, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Line, Reply, Request, Section, Source
from handlers.texts import t
from store.digest import DigestContent, Period, build_digest, period_between, period_for_day, period_for_month
from store.queries import article_labels

TODAY = {"vandaag", "today"}
YESTERDAY = {"gisteren", "yesterday"}
DAY_FIRST = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def handle(request: Request, db: Database, context: HandlerContext, now: datetime | None = None) -> Reply:
    """Answer /digest and /samenvatting."""
    tz = ZoneInfo(context.timezone)
    now = (now or datetime.now(tz)).astimezone(tz)
    parsed = parse_period(request.args, now, tz)
    if parsed is None:
        return usage_reply("digest", request.language)
    period, label = parsed
    return digest_reply(db, period, request.language, label)


def parse_period(args: str, now: datetime, tz: ZoneInfo) -> tuple[Period, str] | None:
    """The period a /digest argument asks for and its label; None when it is not a date."""
    try:
        return _parse_period(args.strip().lower(), now, tz)
    except OverflowError:  # a real date at the edge of the calendar: 9999-12-31 has no next day
        return None


def _parse_period(text: str, now: datetime, tz: ZoneInfo) -> tuple[Period, str] | None:
    if not text:
        return period_between(now - timedelta(hours=24), now, tz), now.strftime("%Y-%m-%d %H:%M")
    if text in TODAY | YESTERDAY:
        day = now.date() - timedelta(days=1 if text in YESTERDAY else 0)
        return period_for_day(day, tz), day.isoformat()
    month = MONTH.match(text)
    if month:
        year, number = int(month[1]), int(month[2])
        if not 1 <= number <= 12:
            return None
        return period_for_month(year, number, tz), text
    day_first = DAY_FIRST.match(text)
    try:
        day = (
            date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
            if day_first
            else date.fromisoformat(text)
        )
    except ValueError:
        return None
    return period_for_day(day, tz), day.isoformat()


def digest_reply(db: Database, period: Period, language: str, label: str) -> Reply:
    """The digest of ``period`` as a neutral Reply; an empty period is one line."""
    content = build_digest(db, period)
    if content.empty:
        return Reply(title=t("digest.empty", language, label=label))
    cites = _citations(db, content)
    sections = _article_sections(content, cites, language)
    for section in (
        _news_section(content, cites, language),
        _numbers_section(content, cites, language),
        _quotes_section(content, cites, language),
    ):
        if section.lines:
            sections.append(section)
    return Reply(title=t("digest.title", language, label=label), sections=tuple(sections))


def _citations(db: Database, content: DigestContent) -> dict[int, Source]:
    """article id → Source for every article a line of the digest refers to."""
    ids = {a.id for a in content.articles}
    ids |= {row["article_id"] for row in (*content.in_the_news, *content.numbers, *content.quotes)}
    return {i: source_of(row) for i, row in article_labels(db, ids).items()}


def _article_sections(content: DigestContent, cites: dict[int, Source], language: str) -> list[Section]:
    sections = []
    for article in content.articles:
        cite = cites[article.id]
        lines = [Line(clip(sentence), source=cite) for sentence in article.summary]
        facts = []
        if article.people:
            facts.append(t("digest.people", language, names=", ".join(article.people)))
        if article.number:
            facts.append(t("digest.number", language, text=article.number))
        if facts:
            lines.append(Line(" · ".join(facts), source=cite))
        if not lines:
            lines.append(Line(clip(article.headline), source=cite))
        heading = t(
            "digest.article", language, headline=article.headline, date=article.date or t("undated", language)
        )
        sections.append(Section(heading=heading, lines=tuple(lines)))
    if content.more_articles:
        sections.append(
            Section(heading=None, lines=(Line(t("digest.more", language, n=content.more_articles)),))
        )
    return sections


def _news_section(content: DigestContent, cites: dict[int, Source], language: str) -> Section:
    lines = []
    for row in content.in_the_news:
        text = t(
            "digest.in_the_news",
            language,
            name=row["name"],
            n=row["mentions"],
            articles=articles(row["articles"], language),
            change=change_text(row["mentions"], row["before"], language, minus="−"),
        )
        lines.append(Line(text, strong=row["name"], source=cites[row["article_id"]]))
    return Section(heading=t("digest.in_the_news_heading", language), lines=tuple(lines))


def _numbers_section(content: DigestContent, cites: dict[int, Source], language: str) -> Section:
    lines = tuple(Line(clip(row["text"]), source=cites[row["article_id"]]) for row in content.numbers)
    return Section(heading=t("digest.numbers_heading", language), lines=lines)


def _quotes_section(content: DigestContent, cites: dict[int, Source], language: str) -> Section:
    lines = tuple(
        Line(
            t("digest.quote", language, text=clip(row["text"]), speaker=row["speaker"]),
            strong=row["speaker"],
            source=cites[row["article_id"]],
        )
        for row in content.quotes
    )
    return Section(heading=t("digest.quotes_heading", language), lines=lines)

