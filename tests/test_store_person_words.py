"""The speaker and role lexicons: Dutch words, and compounds that end in one."""

import pytest

from store.extraction import gazetteer
from store.extraction.components.person_words import is_person_noun, person_nouns

NOT_IN_THE_LEMMA_TABLES = {"ceo", "cfo", "coo", "topvrouw", "analyst"}  # abbreviations, English, new compounds


def test_every_lexicon_entry_is_a_dutch_word_form():
    words = gazetteer.dutch_words()
    single, _ = gazetteer.titles()
    unknown = {n for n in person_nouns() | single if n not in words}
    assert unknown <= NOT_IN_THE_LEMMA_TABLES


@pytest.mark.parametrize(
    "word, expected",
    [
        ("woordvoerder", True),  # a title
        ("economen", True),  # a plural
        ("fietsenleverancier", True),  # a compound ending in a person noun
        ("keeperstrainer", True),  # a compound ending in a title
        ("daarin", False),
        ("rapport", False),
        ("probleem", False),
        ("Aarts", False),  # a surname that ends like "arts" is no compound
    ],
)
def test_person_nouns(word, expected):
    assert is_person_noun(word) is expected
