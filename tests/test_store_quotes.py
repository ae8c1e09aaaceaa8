"""newsbot_quotes: quote marks, quote text and offsets, and who said it."""

from __future__ import annotations

import pytest


def quotes(nlp, text):
    """[(speaker, text, verb, speaker is an entity span)] for each quote."""
    return [(q.speaker, q.text, q.verb, span is not None) for q, span in nlp(text)._.quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        # after the quote
        ("„We hebben heel slecht gespeeld”, zei trainer Arne Slot na afloop.",
         ("Arne Slot", "We hebben heel slecht gespeeld", "zei", True)),
        ("„De verdachte is aangehouden”, aldus een woordvoerder van de politie.",
         ("woordvoerder van de politie", "De verdachte is aangehouden", "aldus", False)),
        ("„Het is een zware tijd”, zegt de burgemeester.",
         ("burgemeester", "Het is een zware tijd", "zegt", False)),
        ("„Waarom nu?” vroeg Geert Wilders zich af.", ("Geert Wilders", "Waarom nu?", "vroeg", True)),
        # before the quote
        ("Minister Eelco Heinen zei: „De begroting is op orde.”",
         ("Eelco Heinen", "De begroting is op orde.", "zei", True)),
        ("Rutte: „Ik stop ermee.”", ("Rutte", "Ik stop ermee.", ":", True)),
        ("Volgens Frans Timmermans is het kabinet „volledig de weg kwijt”.",
         ("Frans Timmermans", "volledig de weg kwijt", "volgens", True)),
        # the subject of the sentence holding a short quoted fragment
        ("Koning Willem-Alexander sprak van een „bijzondere dag” voor het land.",
         ("Willem-Alexander", "bijzondere dag", "sprak", True)),
        ("Wilders sprak met Omtzigt over een „historisch akkoord”.",
         ("Wilders", "historisch akkoord", "sprak", True)),
        ("Het OM noemt de zaak \" zeer ernstig \".", ("OM", "zeer ernstig", "noemt", True)),
        ("Een woordvoerder van Ajax bevestigde dat de club „in gesprek” is met de speler.",
         ("woordvoerder van Ajax", "in gesprek", "bevestigde", False)),
        ("Tegenover de pers in Brussel zei Trump dat hij Zelensky \"waarschijnlijk volgende week\" spreekt.",
         ("Trump", "waarschijnlijk volgende week", "zei", True)),
        # a line break inside the quote
        ("„Dit is een\nheel lange zin”, zei Sigrid Kaag.", ("Sigrid Kaag", "Dit is een heel lange zin", "zei", True)),
    ],
)
def test_one_quote_and_its_speaker(rules_nlp, text, expected):
    assert quotes(rules_nlp, text) == [expected]


def test_offsets_exclude_marks_padding_and_trailing_comma(rules_nlp):
    text = '„We blijven vechten,” aldus Jesse Klaver. Het OM noemt het " zeer ernstig ".'
    found = [(q.start, q.end, text[q.start : q.end]) for q, _ in rules_nlp(text)._.quotes]
    assert found == [(1, 19, "We blijven vechten"), (61, 73, "zeer ernstig")]


def test_pronoun_speaker_is_the_last_named_person(rules_nlp):
    text = "Premier Dick Schoof kwam om negen uur aan in Brussel. „Het wordt een lange nacht”, zei hij."
    assert quotes(rules_nlp, text) == [("Dick Schoof", "Het wordt een lange nacht", "zei", True)]


def test_pronoun_speaker_may_be_a_description(rules_nlp):
    text = "De officier van justitie eiste twaalf jaar cel. Volgens haar is de verdachte „een gevaar”."
    assert quotes(rules_nlp, text) == [("officier van justitie", "een gevaar", "volgens", False)]


def test_continuation_takes_the_previous_speaker(rules_nlp):
    text = '"Dat is onzin", reageerde Timmermans. "We gaan gewoon door."'
    assert quotes(rules_nlp, text) == [
        ("Timmermans", "Dat is onzin", "reageerde", True),
        ("Timmermans", "We gaan gewoon door.", "continuation", True),
    ]


def test_quote_after_a_sentence_about_the_speaker(rules_nlp):
    text = "Max Verstappen was klaar met het seizoen.\n„Ik ga nu eerst op vakantie.”"
    assert quotes(rules_nlp, text) == [("Max Verstappen", "Ik ga nu eerst op vakantie.", "context", True)]


def test_apostrophes_do_not_open_quotes(rules_nlp):
    text = "Max Verstappen pakte z’n spullen en zei ‘tot ziens’ tegen de ploeg van ’s avonds."
    assert quotes(rules_nlp, text) == [("Max Verstappen", "tot ziens", "zei", True)]


def test_unknown_speaker(rules_nlp):
    [(quote, span)] = rules_nlp("„Nooit meer oorlog.”")._.quotes
    assert (quote.speaker, span, quote.confidence) == (None, None, 0.1)


def test_two_fragments_of_one_description_subject(rules_nlp):
    text = ('Een hoge Oekraïense functionaris suggereerde dat Poetin de gesprekken gebruikt om "de partij te '
            'vernederen" en zijn "grenzeloosheid" te tonen.')
    assert quotes(rules_nlp, text) == [
        ("hoge Oekraïense functionaris", "de partij te vernederen", "suggereerde", False),
        ("hoge Oekraïense functionaris", "grenzeloosheid", "suggereerde", False),
    ]


def test_quotes_in_real_pipeline(nlp):
    text = ("NAVO-secretaris-generaal Mark Rutte, die in Washington was, gaf aan dat Kiev zich constructief "
            "opstelt. “Ik denk dat Oekraïne echt meewerkt aan een oplossing,” zei hij.")
    [(quote, span)] = nlp(text)._.quotes
    assert (quote.text, quote.speaker, quote.verb, span.label_) == (
        "Ik denk dat Oekraïne echt meewerkt aan een oplossing", "Mark Rutte", "zei", "PER")
