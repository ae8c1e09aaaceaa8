"""Shared fixtures: a real SQLite file, the real spaCy pipeline (built once), a seeded database."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The real extraction pipeline, built once per test session."""
    from store.extraction.nlp import shared_pipeline

    return shared_pipeline(None)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "newsroom.db"


@pytest.fixture
def db(db_path):
    from store.db import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def seeded_db_path(tmp_path_factory, nlp) -> Path:
    """The five seed articles loaded once into a database file; copy it before writing."""
    from store.db import open_db
    from store.loader import load_paths

    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    database = open_db(path)
    results = load_paths(database, [SEEDS], nlp=nlp)
    assert [r.status for r in results] == ["loaded"] * 5
    database.close()
    return path


@pytest.fixture
def seeded_db(seeded_db_path, tmp_path):
    """A private, writable copy of the seeded database."""
    import shutil

    from store.db import open_db

    copy = tmp_path / "seeded.db"
    shutil.copy(seeded_db_path, copy)
    database = open_db(copy)
    yield database
    database.close()


# --- handlers: articles written for the tests, stored through store_article ---------

HANDLER_ARTICLES = [
    {
        "path": "rubio.txt",
        "date": "2025-04-10",
        "title": "Rubio bevestigt nieuwe gesprekken in Londen",
        "text": (
            "De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde nieuwe gesprekken "
            "in Londen. „We zijn dicht bij een akkoord,” zei Rubio. Bij een aanval met 40 drones vielen "
            "zeker twaalf doden. Donald Trump schreef: „Vladimir, STOP!”"
        ),
        "entities": [
            ("Marco Rubio", "PER", ["Rubio"], ["Amerikaanse minister van Buitenlandse Zaken"]),
            ("Donald Trump", "PER", [], []),
            ("Londen", "LOC", [], []),
        ],
        "quotes": [("We zijn dicht bij een akkoord", "Marco Rubio"), ("Vladimir, STOP!", "Donald Trump")],
        "numbers": [(40, "drones", "40 drones", None, "drones"), (12, "doden", "zeker twaalf doden", "zeker", "doden")],
    },
    {
        "path": "poetin.txt",
        "date": "2025-04-03",
        "title": None,
        "text": (
            "Vladimir Poetin ontmoette de Amerikaanse gezant Steve Witkoff in Moskou. Poetin zei: "
            "„Wij willen vrede.” Rusland lanceerde 120 drones, waarvan 90 werden neergehaald."
        ),
        "entities": [
            ("Vladimir Poetin", "PER", ["Poetin"], []),
            ("Steve Witkoff", "PER", [], ["Amerikaanse gezant"]),
            ("Moskou", "LOC", [], []),
            ("Rusland", "LOC", [], []),
        ],
        "quotes": [("Wij willen vrede.", "Vladimir Poetin")],
        "numbers": [
            (120, "drones", "120 drones", None, "drones"),
            (90, "neergehaalde drones", "90 werden neergehaald", None, "drones"),
        ],
    },
    {
        "path": "zelensky.txt",
        "date": "2025-03-20",
        "title": "Zelensky wil staakt-het-vuren",
        "text": (
            "De Oekraïense president Volodymyr Zelensky sprak met Donald Trump. „Wij zijn klaar voor "
            "vrede,” zei Zelensky. Trump noemde het gesprek „zeer goed”. Bij aanvallen op Kiev vielen "
            "3 doden."
        ),
        "entities": [
            ("Volodymyr Zelensky", "PER", ["Zelensky"], ["Oekraïense president"]),
            ("Donald Trump", "PER", ["Trump"], []),
            ("Kiev", "LOC", [], []),
        ],
        "quotes": [("Wij zijn klaar voor vrede", "Volodymyr Zelensky"), ("zeer goed", "Donald Trump")],
        "numbers": [(3, "doden", "3 doden", None, "doden")],
    },
    {
        "path": "navo.txt",
        "date": "2025-01",
        "title": "Rutte spreekt Carney",
        "text": "NAVO-chef Mark Rutte sprak met de Canadese premier Mark Carney over de NAVO.",
        "entities": [
            ("Mark Rutte", "PER", [], ["NAVO-chef"]),
            ("Mark Carney", "PER", [], ["Canadese premier"]),
            ("NAVO", "ORG", [], []),
        ],
        "quotes": [],
        "numbers": [],
    },
]


def handler_facts(spec: dict):
    """Hand-made Facts for one HANDLER_ARTICLES entry, with offsets found in its text."""
    import re

    from store.model import Entity, Facts, Mention, Number, Quote, Role

    text = spec["text"]
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?”]+[.!?”]*\s*", text)]
    taken: set[int] = set()
    entities = []
    for name, type_, aliases, roles in spec["entities"]:
        mentions = []
        for form in sorted({name, *aliases}, key=len, reverse=True):
            for m in re.finditer(re.escape(form), text):
                if m.start() not in taken:
                    taken.update(range(m.start(), m.end()))
                    mentions.append(Mention(m.start(), m.end(), form))
        role_objs = []
        for role in roles:
            start = text.find(role)
            role_objs.append(Role(role, start, start + len(role)))
        mentions.sort(key=lambda m: m.start)
        forms = sorted({m.text for m in mentions} - {name})
        entities.append(Entity(name, type_, forms or list(aliases), mentions, role_objs))
    quotes = []
    for quote, speaker in spec["quotes"]:
        start = text.find(quote)
        quotes.append(Quote(quote, start, start + len(quote), speaker, True, "zei", 0.9))
    numbers = []
    for value, what, span, qualifier, category in spec["numbers"]:
        start = text.find(span)
        numbers.append(Number(value, what, span, start, start + len(span), qualifier, category))
    return Facts(entities=entities, quotes=quotes, numbers=numbers, sentences=sentences)


@pytest.fixture
def news_db(db):
    """The four HANDLER_ARTICLES stored with hand-made facts (ids 1-4 in list order)."""
    from store.loader import store_article
    from store.model import Article

    for spec in HANDLER_ARTICLES:
        article = Article(path=spec["path"], text=spec["text"], title=spec["title"], date=spec["date"])
        result = store_article(db, article, handler_facts(spec))
        assert result.status == "loaded"
    return db


@pytest.fixture
def run_command():
    """Dispatch one typed command line: run_command(db, "/who Rubio", is_admin=True) → Reply."""
    from handlers import dispatch, parse_command_text
    from handlers.reply import Request

    def run(db, text: str, **fields):
        command, args = parse_command_text(text)
        fields.setdefault("chat_id", "chat-1")
        return dispatch(Request(command=command, args=args, **fields), db)

    return run


# --- entities and roles (store/extraction/components/entities.py, roles.py) ---
@pytest.fixture(scope="session")
def entity_nlp():
    """blank("nl") + sentencizer + newsbot_entities + newsbot_roles: the NER part alone."""
    import spacy

    import store.extraction.components.entities  # noqa: F401  registers the factories
    import store.extraction.components.roles  # noqa: F401

    pipeline = spacy.blank("nl")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("newsbot_entities")
    pipeline.add_pipe("newsbot_roles")
    return pipeline


# --- sentences, quotes, numbers, dates (store/extraction/components/sentences.py, quotes.py, numbers.py, dates.py) ---
RULE_TEST_NAMES = {
    "PER": ["Arne Slot", "Eelco Heinen", "Willem-Alexander", "Frans Timmermans", "Timmermans", "Dick Schoof",
            "Jesse Klaver", "Geert Wilders", "Wilders", "Omtzigt", "Max Verstappen", "Rutte", "Sigrid Kaag",
            "Trump", "Zelensky", "Poetin"],
    "ORG": ["OM", "Ajax", "PSV", "Feyenoord", "Tweede Kamer", "Kremlin"],
    "LOC": ["Brussel", "Limburg", "Malieveld", "Kyiv"],
}


@pytest.fixture(scope="session")
def rules_nlp():
    """blank("nl") + sentencizer + newsbot_sentences + a tiny entity_ruler + quotes/numbers/dates.

    The ruler knows only the names in RULE_TEST_NAMES, so these tests do not depend on the NER."""
    import spacy

    import store.extraction.components.dates  # noqa: F401  registers the factories
    import store.extraction.components.numbers  # noqa: F401
    import store.extraction.components.quotes  # noqa: F401
    import store.extraction.components.sentences  # noqa: F401

    pipeline = spacy.blank("nl")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("newsbot_sentences")
    ruler = pipeline.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": name} for label, names in RULE_TEST_NAMES.items() for name in names])
    for name in ("newsbot_quotes", "newsbot_numbers", "newsbot_dates"):
        pipeline.add_pipe(name)
    return pipeline
