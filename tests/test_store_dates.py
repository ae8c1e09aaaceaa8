"""newsbot_dates: explicit and relative dates, resolved against doc._.article_date."""

from __future__ import annotations


def dates(nlp, text, article_date=None):
    doc = nlp.make_doc(text)
    doc._.article_date = article_date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(d.text, d.value, text[d.start : d.end]) for d in doc._.dates]


def test_explicit_dates(rules_nlp):
    text = "Op 15 maart 2025, op 3 april, op 2025-04-03, op 15-03-2025 en in maart 2025."
    assert [(t, v) for t, v, _ in dates(rules_nlp, text, "2025-04")] == [
        ("15 maart 2025", "2025-03-15"),
        ("3 april", "2025-04-03"),
        ("2025-04-03", "2025-04-03"),
        ("15-03-2025", "2025-03-15"),
        ("maart 2025", "2025-03"),
    ]


def test_relative_dates_with_a_day_known(rules_nlp):
    # 2025-04-12 is a Saturday
    text = "Gisteren en vrijdag, afgelopen vrijdag, komende maandag, vorige week, vorige maand en dit jaar. Afgelopen nacht ook."
    assert [(t, v) for t, v, _ in dates(rules_nlp, text, "2025-04-12")] == [
        ("Gisteren", "2025-04-11"),
        ("vrijdag", "2025-04-11"),
        ("afgelopen vrijdag", "2025-04-11"),
        ("komende maandag", "2025-04-14"),
        ("vorige week", "2025-W14"),
        ("vorige maand", "2025-03"),
        ("dit jaar", "2025"),
        ("Afgelopen nacht", "2025-04-12"),
    ]


def test_relative_days_need_a_day(rules_nlp):
    text = "Gisteren, vrijdag, vorige maand en 3 april."
    assert [(t, v) for t, v, _ in dates(rules_nlp, text, "2025-04")] == [
        ("Gisteren", None), ("vrijdag", None), ("vorige maand", "2025-03"), ("3 april", "2025-04-03"),
    ]


def test_no_article_date(rules_nlp):
    assert dates(rules_nlp, "Dinsdagavond en 3 april.") == [
        ("Dinsdagavond", None, "Dinsdagavond"), ("3 april", None, "3 april"),
    ]


def test_month_without_year_before_the_article_date_goes_back_a_year(rules_nlp):
    assert dates(rules_nlp, "Sinds 20 november is het stil.", "2025-02-10") == [
        ("20 november", "2024-11-20", "20 november")
    ]
