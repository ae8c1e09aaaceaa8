"""The quality gate: every gold set in tests/data scores at least its committed floor.

Each set is extracted once per session with the real pipeline; the floors are in
tests/data/quality_floors.json (the figures of the last improvement minus 0.02)."""

import pytest

from bot.evaluate import FINAL_SETS, SETS, below_floor, evaluate, load_floors
from store.extraction.scoring import KINDS

FLOORS = load_floors()


@pytest.fixture(scope="session")
def set_scores(nlp):
    return {}


def score_of(set_scores, nlp, gold_set):
    if gold_set.name not in set_scores:
        set_scores[gold_set.name] = evaluate(nlp, gold_set)
    return set_scores[gold_set.name]


def test_every_set_and_kind_has_a_floor():
    assert [s.name for s in SETS] == ["seeds", "heldout", "meantime", "heldout2"]
    for gold_set in SETS:
        assert gold_set.exists(), gold_set.name
        assert sorted(FLOORS[gold_set.name]) == sorted(KINDS)


def test_the_final_set_has_no_floor_and_stays_out_of_the_default_run():
    assert [s.name for s in FINAL_SETS] == ["heldout3"]
    assert FINAL_SETS[0].exists() and FINAL_SETS[0].unseen
    assert "heldout3" not in FLOORS and "heldout3" not in [s.name for s in SETS]


@pytest.mark.parametrize("gold_set", SETS, ids=[s.name for s in SETS])
def test_scores_stay_above_the_floors(set_scores, nlp, gold_set):
    score = score_of(set_scores, nlp, gold_set)
    assert below_floor(score, FLOORS[gold_set.name]) == []


def test_the_unseen_set_lists_no_errors(set_scores, nlp):
    unseen = [s for s in SETS if s.unseen]
    assert [s.name for s in unseen] == ["heldout2"]
    assert score_of(set_scores, nlp, unseen[0]).errors == []


def test_floors_are_raised_to_the_figure_minus_the_margin_and_never_lowered():
    from bot.evaluate import raised_floors
    from store.extraction.scoring import Count, Score

    score = Score()
    score.counts["entities"] = Count(tp=9, pred=10, gold=10)  # F1 0.9
    score.counts["numbers"] = Count(tp=1, pred=2, gold=2)  # F1 0.5
    floors = raised_floors({"numbers": 0.7}, score)
    assert floors["entities"] == 0.88
    assert floors["numbers"] == 0.7
    assert floors["quotes"] == 0.98  # no gold and no prediction: F1 1.0
