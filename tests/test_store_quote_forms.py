"""Quote forms of Dutch news and who speaks in them, on sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from store.extraction.facts import extract
from store.model import facts_json


def quotes(nlp, text):
    """[(speaker, text, verb, speaker is an entity)] for each quote."""
    return [(q.speaker, q.text, q.verb, q.speaker_is_entity) for q in extract(nlp, text).quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        # single quotes, the Volkskrant style
        ("'We gaan door', zei wethouder Anna Visser.", [("Anna Visser", "We gaan door", "zei", True)]),
        # a colon introduces the quote
        ("Minister Joost Kramer: 'Dit plan deugt niet.'", [("Joost Kramer", "Dit plan deugt niet.", ":", True)]),
        # several sentences in one quote
        ("„Het was zwaar. We gaan verder”, zei Tom Berg.",
         [("Tom Berg", "Het was zwaar. We gaan verder", "zei", True)]),
        # inverted order with a role noun: a description, not an entity
        ("„Dit is onacceptabel”, zegt de staatssecretaris.",
         [("staatssecretaris", "Dit is onacceptabel", "zegt", False)]),
        # an organisation's spokesperson, not the organisation
        ("„We onderzoeken het”, zei een woordvoerder van Stedin.",
         [("woordvoerder van Stedin", "We onderzoeken het", "zei", False)]),
        # a description with its complement up to a name
        ("„De markt is nerveus”, zeiden analisten bij de Volksbank.",
         [("analisten bij de Volksbank", "De markt is nerveus", "zeiden", False)]),
        # a name in apposition to the description is the speaker
        ("„Dit is een goede dag”, zei de voorzitter van de vakbond, Ria Kok.",
         [("Ria Kok", "Dit is een goede dag", "zei", True)]),
        # a person's spokesperson is not the person
        ("„Daar gaan we niet over”, zei een woordvoerder van Sophie Hermans.",
         [("woordvoerder van Sophie Hermans", "Daar gaan we niet over", "zei", False)]),
        # a title with its complement before the name: the name speaks
        ("„We blijven”, zei de minister van Defensie Karel Mertens.",
         [("Karel Mertens", "We blijven", "zei", True)]),
        # a genitive: the owner's person speaks
        ("Philips’ nieuwe topman reageerde op zijn blog: „Ik heb er zin in.”",
         [("nieuwe topman van Philips", "Ik heb er zin in.", "reageerde", False)]),
        # the reporting verb nearest the quote governs it
        ("Ambtenaren zeiden dat het plan doorgaat, waarbij wethouder Lotte Kuipers meldde dat "
         "„de bewoners eerst gehoord worden”.",
         [("Lotte Kuipers", "de bewoners eerst gehoord worden", "meldde", True)]),
        # a judgement is reported speech too
        ("„De verdachte toont geen spijt”, oordeelde de rechter.",
         [("rechter", "De verdachte toont geen spijt", "oordeelde", False)]),
        # the speaker named in the sentence before
        ("Trainer Kees Smit was tevreden. „We hebben goed verdedigd.”",
         [("Kees Smit", "We hebben goed verdedigd.", "context", True)]),
    ],
)
def test_quote_forms(nlp, text, expected):
    assert quotes(nlp, text) == expected


def test_quote_broken_by_a_reporting_clause(nlp):
    text = "Ilse Kramer opende het overleg. „Dit is een begin,” zegt ze, „maar het is niet genoeg.”"
    assert quotes(nlp, text) == [
        ("Ilse Kramer", "Dit is een begin", "zegt", True),
        ("Ilse Kramer", "maar het is niet genoeg.", "zegt", True),
    ]


def test_quote_over_a_paragraph_break(nlp):
    text = "„De eerste alinea van een lange uitspraak.\n\n„En dan de tweede,” zei minister Eva Bakker.\n"
    assert [(q[0], q[1]) for q in quotes(nlp, text)] == [
        ("Eva Bakker", "De eerste alinea van een lange uitspraak."),
        ("Eva Bakker", "En dan de tweede"),
    ]


def test_quote_in_a_headline(nlp):
    text = "Wethouder Sanne Dekker: 'Geen geld voor een nieuwe brug'\n\nDeventer heeft het geld niet."
    assert quotes(nlp, text) == [("Sanne Dekker", "Geen geld voor een nieuwe brug", ":", True)]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the subject is a man, "ze" is the woman named after him
        ("Peter de Vries sprak met Marieke Jansen. „Ik teken niet”, zei ze.", "Marieke Jansen"),
        # "zij" skips the man of the sentence in between
        ("Marieke Jansen opende de vergadering. Later sprak Peter de Vries haar toe. „Dat kan beter”, zei zij.",
         "Marieke Jansen"),
        # "aldus hij" after a woman and a man
        ("Femke Smit en Daan Vos kwamen te laat. Daan Vos had pech. „De trein stond stil”, aldus hij.", "Daan Vos"),
        # "ze" with a plural verb is not a person
        ("Lotte Kuipers sprak de ouders. „Dit accepteren we niet”, zeiden ze.", None),
    ],
)
def test_pronoun_speakers_by_gender(nlp, text, speaker):
    assert [q[0] for q in quotes(nlp, text)] == [speaker]


def test_volgens_names_the_source_of_its_own_sentence(nlp):
    text = ("„Het plan deugt niet”, zei Anna de Wit. „We stemmen tegen.”\n\n"
            "Volgens de oppositie is er „geen draagvlak”.")
    assert [(q[0], q[1]) for q in quotes(nlp, text)] == [
        ("Anna de Wit", "Het plan deugt niet"), ("Anna de Wit", "We stemmen tegen."),
        ("oppositie", "geen draagvlak")]


@pytest.mark.parametrize(
    "text",
    [
        "„Dat klopt niet”, meldt het rapport.",  # a report is not a speaker
        "De brief ging naar Ajax: „Wij betalen niet.”",  # a name far from the colon is no speaker
        "„Het kan niet anders”, zei daarop.",  # a pronominal adverb is no description
    ],
)
def test_unknown_speaker_beats_a_wrong_one(nlp, text):
    assert [q[0] for q in quotes(nlp, text)] == [None]


def test_an_institution_speaks_as_one(nlp):
    text = "In een verklaring laat de club weten: „We zijn geschrokken van de beelden.”"
    assert quotes(nlp, text) == [("club", "We zijn geschrokken van de beelden.", "laat", False)]


def test_scare_quotes_are_marked(nlp):
    facts = extract(nlp, "De minister noemde het voorstel „onhaalbaar” en wil eerst „meer details” zien. "
                               "„We gaan dit niet steunen”, zei Joris Vaal.")
    assert [(q.text, q.scare) for q in facts.quotes] == [
        ("onhaalbaar", True), ("meer details", True), ("We gaan dit niet steunen", False)]
    shown = facts_json(facts)["quotes"]
    assert [(q["scare"], q["speaker_is_entity"]) for q in shown] == [(True, False), (True, False), (False, True)]
    json.dumps(shown)


def test_names_and_terms_in_quote_marks_are_no_quotes(nlp):
    text = "Het plan heet „Samen Sterk”. Het gaat om de zogeheten „groene knop” voor klanten."
    assert quotes(nlp, text) == []


def test_narrative_between_stray_marks_is_no_quote(nlp):
    text = ('Het bedrijf verkocht vorig jaar 2000 fietsen. "De fabriek in Gent werd in 1998 geopend door '
            'de familie Peeters." Daarna volgde een tweede fabriek.')
    assert quotes(nlp, text) == []


def test_straight_marks_after_a_lost_mark(nlp):
    # one mark lost between two quotes: the close of the first opens the second
    text = ('"We zijn blij met de steun. "Nu moeten we aan de slag," zei directeur Ruud Mol. '
            '"Het wordt een mooi jaar."')
    found = quotes(nlp, text)
    assert [q[1] for q in found] == ["We zijn blij met de steun.", "Nu moeten we aan de slag",
                                     "Het wordt een mooi jaar."]
    assert [q[0] for q in found][1:] == ["Ruud Mol", "Ruud Mol"]
