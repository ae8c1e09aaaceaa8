"""newsbot_sentences: boundaries around quotes, paragraphs and abbreviations."""

from __future__ import annotations

import pytest


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_quote_with_attribution_after_exclamation_is_one_sentence(rules_nlp):
    text = "Daarna ging hij weg. “Vladimir, STOP!” schreef Trump op zijn platform. Hij noemde het “onnodig”."
    assert sentences(rules_nlp, text) == [
        "Daarna ging hij weg.",
        "“Vladimir, STOP!” schreef Trump op zijn platform.",
        "Hij noemde het “onnodig”.",
    ]


def test_opening_quote_starts_the_next_sentence(rules_nlp):
    text = "Hij schreef het op. „Ik kom morgen.” Daarna ging hij weg."
    assert sentences(rules_nlp, text) == ["Hij schreef het op.", "„Ik kom morgen.”", "Daarna ging hij weg."]


def test_question_quote_followed_by_reporting_verb(rules_nlp):
    assert sentences(rules_nlp, "„Waarom nu?” vroeg Geert Wilders zich af. Niemand wist het.") == [
        "„Waarom nu?” vroeg Geert Wilders zich af.",
        "Niemand wist het.",
    ]


def test_short_multi_sentence_quote_stays_whole(rules_nlp):
    text = '"Ik ben niet blij. Nee, echt niet", aldus Trump. Toen ging hij.'
    assert sentences(rules_nlp, text) == ['"Ik ben niet blij. Nee, echt niet", aldus Trump.', "Toen ging hij."]


@pytest.mark.parametrize(
    "text",
    [
        "Hij zei o.a. dat het kan.",
        "Dhr. Jansen en mr. De Vries kwamen bijv. niet.",
        "Het kost ca. 5 mln. euro per jaar.",
        "Prof. Dr. Jansen, nr. 5, woont in St. Petersburg.",
    ],
)
def test_abbreviations_do_not_end_sentences(rules_nlp, text):
    assert sentences(rules_nlp, text) == [text]


def test_paragraphs_and_headlines_start_sentences(rules_nlp):
    text = "Ajax verliest van PSV\nDe ploeg van Slot was kansloos.\n\nAdvertentie\nDe tweede helft begon laat."
    assert sentences(rules_nlp, text) == [
        "Ajax verliest van PSV",
        "De ploeg van Slot was kansloos.",
        "Advertentie",
        "De tweede helft begon laat.",
    ]


def test_wrapped_line_inside_a_sentence_is_not_a_boundary(rules_nlp):
    assert sentences(rules_nlp, "De minister zei\n\ndat het kabinet doorgaat.") == [
        "De minister zei\n\ndat het kabinet doorgaat."
    ]
