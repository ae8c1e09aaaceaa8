"""Small pieces every handler shares: citations, usage and "did you mean" replies, number words."""

from __future__ import annotations

from handlers.names import Candidate, NameMatch
from handlers.reply import Action, Line, Reply, Request, Section, Source
from handlers.texts import t
from store.subscriptions import PLATFORMS

MAX_LINE_CHARS = 300
SQLITE_MAX_INT = 2**63 - 1


def source(article_id: int, label: str | None, date: str | None) -> Source:
    """The citation of an article: its id, headline (or first words) and date."""
    return Source(article_id=article_id, title=label, date=date)


def source_of(row: dict) -> Source:
    """The citation for a query row holding article_id (or id), label and date."""
    return source(row.get("article_id", row.get("id")), row.get("label"), row.get("date"))


def usage_reply(command: str, language: str) -> Reply:
    return Reply(title=t("usage.title", language, usage=t(f"cmd.{command}.usage", language)), kind="usage")


def articles(n: int, language: str) -> str:
    return t("n.articles", language, n=n)


def change_text(now: int, before: int | None, language: str, minus: str = "-") -> str:
    """A count against the period before: "+2", "-1" (or ``minus`` + 1), "gelijk", or "nieuw"
    when there was nothing before. /trending writes a hyphen, the digest a minus sign (−)."""
    if not before:
        return t("change.new", language)
    if now == before:
        return t("change.same", language)
    return f"+{now - before}" if now > before else f"{minus}{before - now}"


def period(first: str | None, last: str | None, language: str) -> str:
    if not first and not last:
        return t("undated", language)
    if first == last or not last or not first:
        return t("period.single", language, first=first or last)
    return t("period.range", language, first=first, last=last)


def clip(text: str, limit: int = MAX_LINE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def amount(value: float, language: str) -> str:
    """A number as a Dutch or English reader writes it: 1.200 / 1,200; 3,5 / 3.5."""
    if float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", ".") if language == "nl" else text
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if language == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


# qualifiers that are themselves the amount: "duizenden soldaten" is not "duizenden 1.000 soldaten"
AMOUNT_WORDS = {"tientallen", "honderden", "duizenden", "tienduizenden", "honderdduizenden", "miljoenen"}


def number_amount(number: dict, language: str) -> str:
    """A number row's amount with its qualifier: "zeker 12", "ruim 90", "duizenden"."""
    qualifier = (number.get("qualifier") or "").strip()
    if qualifier.lower() in AMOUNT_WORDS:
        return qualifier
    value = amount(number["value"], language)
    return f"{qualifier} {value}" if qualifier else value


def candidate_line(candidate: Candidate, language: str) -> Line:
    """"Anna Bos, wethouder van Financiën (persoon, 2 artikelen) [#5, 2025-03-12]": the latest
    role and article tell two people of one name apart."""
    fields = dict(
        name=candidate.name,
        type=t(f"type.{candidate.type}", language),
        articles=articles(candidate.articles, language),
        role=candidate.role,
    )
    text = t("name.candidate_role" if candidate.role else "name.candidate", language, **fields)
    return Line(text, strong=candidate.name, source=source_of(candidate.latest) if candidate.latest else None)


def candidate_query(candidate: Candidate, candidates: list[Candidate]) -> str:
    """How a button names a candidate: its name, quoted when it is one word that other candidates
    also bear (the person known only as "Bos" among Anna, Bram and Carla Bos)."""
    if " " not in candidate.name.strip() and len(candidates) > 1:
        return f'"{candidate.name}"'
    return candidate.name


def name_not_resolved(match: NameMatch, command: str, language: str) -> Reply:
    """"did you mean …" with each candidate as a follow-up ``/command <candidate>``."""
    if not match.candidates:
        return Reply(title=t("name.not_found", language, name=match.query), kind="not_found")
    key = "name.suggest" if match.stage == "fuzzy" else "name.ambiguous"
    return Reply(
        title=t(key, language, name=match.query),
        sections=(Section(None, tuple(candidate_line(c, language) for c in match.candidates)),),
        actions=tuple(
            Action(c.name, f"/{command} {candidate_query(c, match.candidates)}") for c in match.candidates
        ),
        kind="not_found",
    )


def parse_positive_int(text: str) -> int | None:
    """"12" or "#12" → 12; anything else (including "²", which isdigit() accepts, and numbers
    beyond SQLite's integers) → None."""
    text = text.strip().lstrip("#")
    if not (text.isascii() and text.isdecimal()):
        return None
    value = int(text)
    return value if 0 < value <= SQLITE_MAX_INT else None  # a larger one cannot be an article id


def chat_refusal(request: Request, command: str, platform_only_key: str) -> Reply | None:
    """Why this chat may not change what it is sent (digests, alerts): it is not on a chat platform
    (the console), or it is a group and the user is not a bot admin. None when it may."""
    if request.platform not in PLATFORMS:
        return Reply(title=t(platform_only_key, request.language), kind="usage")
    if request.is_group and not request.is_admin:
        return Reply(title=t("subscribe.admins_only", request.language, command=command), kind="forbidden")
    return None
