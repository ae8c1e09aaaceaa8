"""/who NAME — who someone is: canonical name, roles, coverage, latest mentions, companions."""

from __future__ import annotations

from sqlite_utils import Database

from handlers import names
from handlers.common import (
    articles,
    clip,
    name_not_resolved,
    period,
    source,
    source_of,
    usage_reply,
)
from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store import queries
from store.affiliations import affiliated_people, role_affiliations
from store.names import normalize

LATEST_MENTIONS = 3
COMPANIONS = 5
PEOPLE = 10


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    if not request.args:
        return usage_reply("who", language)
    match = names.resolve(db, request.args)
    if match.entity is None:
        return name_not_resolved(match, "who", language)
    entity = match.entity
    again = names.command_name(db, entity)
    sections = [
        s
        for s in (
            _roles(db, entity.entity_id, language),
            _people(db, entity.entity_id, entity.name, language) if entity.type != "PER" else Section(None),
            _coverage(db, entity.entity_id, entity.name, language),
            _latest(db, entity.entity_id, language),
            _companions(db, entity.entity_id, language),
        )
        if s.lines
    ]
    return Reply(
        title=f"{entity.name} ({t(f'type.{entity.type}', language)})",
        sections=tuple(sections),
        actions=(
            Action(t("action.quotes", language), f"/quotes {again}"),
            Action(t("action.timeline", language), f"/timeline {again}"),
        ),
    )


def with_affiliation(role: str, affiliation: str | None) -> str:
    """"trainer" at Heracles → "trainer van Heracles"; a party acronym in brackets: "wethouder
    (VVD)"; a role that names its organisation already stays as it is ("Ajax-aanvoerder")."""
    if not affiliation or normalize(affiliation) in normalize(role):
        return role
    if affiliation.isupper() or any(c.isdigit() for c in affiliation):
        return f"{role} ({affiliation})"
    return f"{role} van {affiliation}"


def role_lines(rows: list[dict], language: str, affiliations: dict[str, str] | None = None) -> tuple[Line, ...]:
    """One line per distinct role, newest first, citing the newest article that gives it."""
    lines, seen = [], set()
    for row in rows:
        key = normalize(row["role"] or "")
        if not key or key in seen:
            continue
        seen.add(key)
        if affiliations and row["role"] in affiliations:
            row = {**row, "role": with_affiliation(row["role"], affiliations[row["role"]])}
        if row["article_id"] is None:
            text = f"{row['role']} ({t('correction', language)}, {row['date'] or t('undated', language)})"
            lines.append(Line(text, strong=row["role"]))
        else:
            lines.append(Line(row["role"], strong=row["role"], source=source_of(row)))
    return tuple(lines)


def _roles(db: Database, entity_id: int, language: str) -> Section:
    rows = queries.entity_roles(db, entity_id)
    return Section(t("who.roles", language), role_lines(rows, language, role_affiliations(db, entity_id)))


def _people(db: Database, entity_id: int, name: str, language: str) -> Section:
    """An organisation's people: the persons whose roles it is the affiliation of."""
    names = [name, *queries.entity_aliases(db, entity_id)]
    lines = tuple(
        Line(t("who.person_line", language, name=row["name"], role=row["role"]), strong=row["name"],
             source=source_of(row))
        for row in affiliated_people(db, names, PEOPLE)
    )
    return Section(t("who.people", language), lines)


def _coverage(db: Database, entity_id: int, name: str, language: str) -> Section:
    span = queries.entity_span(db, entity_id)
    lines = []
    if span["articles"]:
        text = t(
            "who.span",
            language,
            articles=articles(span["articles"], language),
            period=period(span["first"], span["last"], language),
        )
        lines.append(Line(text))
    aliases = [a for a in queries.entity_aliases(db, entity_id) if a != name]
    if aliases:
        lines.append(Line(t("who.aliases", language, aliases=", ".join(aliases))))
    return Section(t("who.coverage", language), tuple(lines))


def _latest(db: Database, entity_id: int, language: str) -> Section:
    rows = queries.latest_mentions(db, entity_id, LATEST_MENTIONS)
    lines = tuple(Line(clip(r["sentence"] or r["label"]), source=source_of(r)) for r in rows)
    return Section(t("who.latest", language), lines)


def _companions(db: Database, entity_id: int, language: str) -> Section:
    rows = queries.co_mentioned(db, entity_id, COMPANIONS)
    labels = queries.article_labels(db, [r["last_article"] for r in rows])
    lines = []
    for row in rows:
        last = labels.get(row["last_article"], {})
        text = t("who.together_line", language, name=row["name"], articles=articles(row["articles"], language))
        lines.append(Line(text, strong=row["name"], source=source(row["last_article"], last.get("label"), last.get("date"))))
    return Section(t("who.together", language), tuple(lines))
