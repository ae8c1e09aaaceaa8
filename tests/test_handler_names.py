"""Forgiving name lookup (handlers.names.resolve) on the hand-made articles."""

import pytest

from handlers.names import resolve


@pytest.mark.parametrize(
    "query, name, stage",
    [
        ("Marco Rubio", "Marco Rubio", "exact"),
        ("marco rubio", "Marco Rubio", "exact"),
        ("RUBIO", "Marco Rubio", "exact"),  # an alias of its own
        ("Marco", "Marco Rubio", "words"),  # first name alone
        ("Witkoff", "Steve Witkoff", "words"),  # surname alone
        ("Putin", "Vladimir Poetin", "exact"),  # transliteration
        ("Vladimir Putin", "Vladimir Poetin", "exact"),
        ("Zelenskyy", "Volodymyr Zelensky", "exact"),
        ("Zelenski", "Volodymyr Zelensky", "exact"),
        ("Kyiv", "Kiev", "exact"),
        ("Oekraïense", None, ""),
        ("Zelesnky", "Volodymyr Zelensky", "fuzzy"),  # a typo
        ("Carny", "Mark Carney", "fuzzy"),
        ("Witkof", "Steve Witkoff", "words"),  # doubled letters fold
        ("Mârco Rübio", "Marco Rubio", "exact"),  # diacritics
    ],
)
def test_resolves(news_db, query, name, stage):
    match = resolve(news_db, query)
    assert (match.entity.name if match.entity else None, match.stage) == (name, stage)


def test_ambiguous_first_name_gives_candidates(news_db):
    match = resolve(news_db, "Mark")
    assert match.entity is None
    assert [(c.name, c.type, c.articles) for c in match.candidates] == [
        ("Mark Carney", "PER", 1),
        ("Mark Rutte", "PER", 1),
    ]


def test_unknown_name_has_no_candidates(news_db):
    match = resolve(news_db, "Xyzzy")
    assert (match.entity, match.candidates, match.stage) == (None, [], "")


def test_weak_typo_is_only_a_suggestion(news_db):
    match = resolve(news_db, "Carter")
    assert (match.entity, [c.name for c in match.candidates]) == (None, ["Mark Carney"])


def test_typo_close_to_several_names_is_ambiguous(news_db):
    match = resolve(news_db, "Marko")
    assert match.entity is None
    assert [c.name for c in match.candidates] == ["Mark Rutte", "Mark Carney", "Marco Rubio"]


def test_typos_can_be_refused(news_db):
    match = resolve(news_db, "Zelesnky", allow_typos=False)
    assert (match.entity, [c.name for c in match.candidates]) == (None, ["Volodymyr Zelensky"])


@pytest.mark.parametrize("query", ["", "   ", "(((", '"AND( *', "%", "_", "' or 1=1 --"])
def test_odd_input_never_raises(news_db, query):
    match = resolve(news_db, query)
    assert match.entity is None


def test_empty_store(db):
    assert resolve(db, "Rubio").entity is None
