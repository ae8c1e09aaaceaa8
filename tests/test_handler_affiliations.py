"""/who with the organisation a role belongs to, and /who of an organisation listing its people."""

from store.loader import store_article
from store.model import Article, Entity, Facts, Mention, Role


def _store(db):
    text = "Trainer Bram Wolters van Heracles was tevreden. Ajax-aanvoerder Kees Mulder niet. Heracles won."
    def at(form, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.find(form, start + 1)
        return Mention(start, start + len(form), form)
    facts = Facts(entities=[
        Entity("Bram Wolters", "PER", [], [at("Bram Wolters")], [Role("trainer", 0, 7, affiliation="Heracles")]),
        Entity("Kees Mulder", "PER", [], [at("Kees Mulder")],
               [Role("Ajax-aanvoerder", text.find("Ajax-"), text.find("Ajax-") + 15, affiliation="Ajax")]),
        Entity("Heracles", "ORG", [], [at("Heracles"), at("Heracles", 1)]),
    ])
    article = Article(path="sport.txt", text=text, title="Heracles wint", date="2025-05-03")
    assert store_article(db, article, facts).status == "loaded"


def test_who_says_whose_role_it_is(db, run_command):
    _store(db)
    reply = run_command(db, "/who Bram Wolters")
    assert reply.sections[0].lines[0].text == "trainer van Heracles"
    # a role that names its organisation already is shown as written
    assert run_command(db, "/who Kees Mulder").sections[0].lines[0].text == "Ajax-aanvoerder"


def test_who_of_an_organisation_lists_its_people(db, run_command):
    _store(db)
    reply = run_command(db, "/who Heracles")
    people = next(s for s in reply.sections if s.heading == "Mensen")
    assert [(line.text, line.source.article_id) for line in people.lines] == [("Bram Wolters, trainer", 1)]
    english = run_command(db, "/who Heracles", language="en")
    assert any(s.heading == "People" for s in english.sections)
