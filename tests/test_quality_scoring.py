"""The scorer's matching rules, on small hand-made gold and predictions."""


from store.extraction.scoring import format_table, normal, score_article, word_overlap


def counts(score, kind):
    c = score.counts[kind]
    return c.tp, c.pred, c.gold


GOLD = {
    "entities": [
        {"name": "Anna de Vries", "type": "PER", "aliases": ["De Vries"], "roles": ["Friese gedeputeerde"]},
        {"name": "Witte Huis", "type": "ORG", "aliases": [], "alt_types": ["LOC"]},
        {"name": "Gent", "type": "LOC", "aliases": []},
    ],
    "quotes": [
        {"speaker": "Anna de Vries", "text": "We bouwen de brug dit jaar nog af"},
        {"speaker": "Anna de Vries", "text": "onzin", "borderline": True},
    ],
    "numbers": [{"value": 12, "what": "kilometer", "text": "twaalf kilometer"}],
}


def test_normal_ignores_case_diacritics_and_punctuation():
    assert normal("Zelensky’s Oekraïne!") == "zelensky s oekraine"
    assert word_overlap("de brug is af", "De brug, is af.") == 1.0
    assert word_overlap("", "iets") == 0.0


def test_a_perfect_prediction_scores_one_everywhere():
    score = score_article(GOLD, GOLD)
    assert {kind: c.f1 for kind, c in score.counts.items()} == {
        "entities": 1.0, "entities_typed": 1.0, "roles": 1.0, "quotes": 1.0, "quotes_attributed": 1.0,
        "numbers": 1.0,
    }
    assert score.errors == []


def test_entities_match_by_any_name_once_and_alt_types_count():
    predicted = {"entities": [
        {"name": "de vries", "type": "PER", "roles": ["gedeputeerde"]},  # alias; the role is too short
        {"name": "Anna de Vries", "type": "PER"},  # the same person again: an extra
        {"name": "Witte Huis", "type": "LOC"},  # an alt type
        {"name": "Gent", "type": "ORG"},  # found, wrong type
    ]}
    score = score_article(GOLD, predicted)
    assert counts(score, "entities") == (3, 4, 3)
    assert counts(score, "entities_typed") == (2, 4, 3)
    assert counts(score, "roles") == (0, 1, 1)
    assert "wrong type      Gent: ORG (gold LOC)" in score.errors
    assert "extra entity    Anna de Vries (PER)" in score.errors


def test_typed_pairs_are_made_first_whatever_the_order():
    predicted = {"entities": [{"name": "Gent", "type": "ORG"}, {"name": "Gent", "type": "LOC"}]}
    assert counts(score_article(GOLD, predicted), "entities_typed") == (1, 2, 3)


def test_roles_need_most_gold_words_and_no_long_tail():
    def role_tp(role):
        predicted = {"entities": [{"name": "Anna de Vries", "type": "PER", "roles": [role]}]}
        return counts(score_article(GOLD, predicted), "roles")[0]

    assert role_tp("de Friese gedeputeerde") == 1
    assert role_tp("Friese gedeputeerde voor verkeer en vervoer in de provincie") == 0


def test_quotes_overlap_borderline_is_neutral_and_speaker_by_alias():
    predicted = {"quotes": [
        {"speaker": "De Vries", "text": "We bouwen de brug dit jaar af"},
        {"speaker": "Gent", "text": "onzin"},
        {"speaker": "Gent", "text": "iets heel anders"},
    ]}
    score = score_article(GOLD, predicted)
    assert counts(score, "quotes") == (1, 2, 1)
    assert counts(score, "quotes_attributed") == (1, 2, 1)


def test_numbers_need_the_value_and_a_shared_word():
    predicted = {"numbers": [{"value": 12.0, "what": "km", "text": "twaalf kilometer lang"},
                             {"value": 12, "what": "kilometer", "text": "12 kilometer"}]}
    assert counts(score_article(GOLD, predicted), "numbers") == (1, 2, 1)
    assert counts(score_article(GOLD, {"numbers": [{"value": "x", "what": "kilometer"}]}), "numbers") == (0, 1, 1)


def test_empty_prediction_and_table():
    score = score_article(GOLD, {})
    assert counts(score, "entities") == (0, 0, 3)
    assert score.counts["entities"].precision == 0.0
    table = format_table(score).splitlines()
    assert table[0].split() == ["P", "R", "F1", "tp/pred/gold"]
    assert table[1].split() == ["entities", "0.000", "0.000", "0.000", "0/0/3"]
