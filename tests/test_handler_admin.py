"""Admin commands: /forget, /merge, /role, /unrole (stored as corrections and replayed), /load."""

import pytest
from conftest import HANDLER_ARTICLES, handler_facts

from handlers.reply import Action, Attachment
from store.corrections import apply_corrections, record_correction
from store.loader import store_article
from store.model import Article


def restore(db, index: int):
    """Store HANDLER_ARTICLES[index] again, as a reload after /forget (corrections replay)."""
    spec = HANDLER_ARTICLES[index]
    article = Article(path=spec["path"], text=spec["text"], title=spec["title"], date=spec["date"])
    return store_article(db, article, handler_facts(spec))


def dump(db) -> list:
    tables = ("entities", "aliases", "mentions", "roles", "quotes")
    return [db.execute(f"select * from {t} order by 1").fetchall() for t in tables]


def test_forget(news_db, run_command):
    reply = run_command(news_db, "/forget 1", is_admin=True)
    assert reply.title == "Artikel #1 (Rubio bevestigt nieuwe gesprekken in Londen) is verwijderd, met al zijn feiten."
    assert run_command(news_db, "/who Rubio").kind == "not_found"
    assert run_command(news_db, "/forget 1", is_admin=True).plain_text() == "Geen artikel met nummer 1."
    assert run_command(news_db, "/forget alles", is_admin=True).plain_text() == "Gebruik: /forget ARTIKELNUMMER"


def test_merge_moves_everything_and_survives_reload(news_db, run_command):
    reply = run_command(news_db, "/merge Witkoff into Putin", is_admin=True, user_id="u7")
    assert reply.title == "“Steve Witkoff” en “Vladimir Poetin” zijn nu één: Vladimir Poetin."
    assert reply.actions == (Action("Vladimir Poetin", "/who Vladimir Poetin"),)
    assert news_db.execute("select kind, subject, value, user from corrections").fetchall() == [
        ("merge", "Steve Witkoff", "Vladimir Poetin", "u7")
    ]
    who = run_command(news_db, "/who Witkoff")
    assert who.title == "Vladimir Poetin (persoon)"
    assert [line.text for line in who.sections[0].lines] == ["Amerikaanse gezant"]
    # a reload of the article re-extracts Steve Witkoff; the replay merges him again
    run_command(news_db, "/forget 2", is_admin=True)
    assert restore(news_db, 1).status == "loaded"
    assert run_command(news_db, "/who Steve Witkoff").title == "Vladimir Poetin (persoon)"
    assert news_db.execute("select count(*) from entities where name = 'Steve Witkoff'").fetchone() == (0,)


def test_merge_separators_and_refusals(news_db, run_command):
    assert run_command(news_db, "/merge Rutte", is_admin=True).plain_text() == "Gebruik: /merge NAAM into NAAM"
    assert run_command(news_db, "/merge Trump naar Donald Trump", is_admin=True).title == (
        "Trump en Donald Trump zijn al dezelfde."
    )
    reply = run_command(news_db, "/merge Mark -> Rutte", is_admin=True)
    assert (reply.kind, reply.title) == ("not_found", "Meerdere namen passen bij “Mark”. Bedoelde je:")
    reply = run_command(news_db, "/merge Zelesnky into Trump", is_admin=True)  # no typos for admin edits
    assert reply.actions == (Action("Volodymyr Zelensky", "/who Volodymyr Zelensky"),)
    assert news_db.execute("select count(*) from corrections").fetchone() == (0,)


def test_role_and_unrole_survive_reload(news_db, run_command):
    reply = run_command(news_db, "/role Marco Rubio: nationaal veiligheidsadviseur", is_admin=True, language="en")
    assert reply.title == "Marco Rubio now has the role “nationaal veiligheidsadviseur”."
    reply = run_command(news_db, "/unrole rubio amerikaanse minister van buitenlandse zaken", is_admin=True)
    assert reply.title == "De rol “amerikaanse minister van buitenlandse zaken” van Marco Rubio is verborgen."
    roles = run_command(news_db, "/who Rubio").sections[0]
    assert roles.heading == "Rollen"
    assert [(line.text[:43], line.source) for line in roles.lines] == [
        ("nationaal veiligheidsadviseur (correctie, 2", None)
    ]
    run_command(news_db, "/forget 1", is_admin=True)
    assert restore(news_db, 0).status == "loaded"
    roles = run_command(news_db, "/who Rubio").sections[0]
    assert [line.strong for line in roles.lines] == ["nationaal veiligheidsadviseur"]


def test_role_name_forms(news_db, run_command):
    assert run_command(news_db, "/role Mark Rutte secretaris-generaal", is_admin=True).title == (
        "Mark Rutte heeft nu de rol “secretaris-generaal”."
    )
    assert run_command(news_db, "/role Rutte", is_admin=True).plain_text() == "Gebruik: /role NAAM: ROL"
    assert run_command(news_db, "/role Xyzzy: koning", is_admin=True).plain_text() == (
        "Niemand gevonden met de naam “Xyzzy”."
    )
    reply = run_command(news_db, "/unrole Rutte: koning", is_admin=True)
    assert (reply.kind, reply.title) == (
        "not_found",
        "Mark Rutte heeft geen rol “koning”. Bekende rollen: secretaris-generaal, NAVO-chef",
    )


def test_apply_corrections_is_idempotent(news_db):
    record_correction(news_db, "merge", "Kiev", "Moskou", "admin")
    record_correction(news_db, "role", "Trump", "president", "admin")
    record_correction(news_db, "unrole", "Zelensky", "Oekraïense president", "admin")
    once = dump(news_db)
    apply_corrections(news_db)
    apply_corrections(news_db)
    assert dump(news_db) == once
    assert news_db.execute(
        "select role, article_id from roles where entity_id = (select id from entities where name = 'Donald Trump')"
    ).fetchall() == [("president", None)]


def test_unknown_correction_kind(news_db):
    with pytest.raises(ValueError, match="unknown correction kind 'rename'"):
        record_correction(news_db, "rename", "a", "b")


def test_load_needs_a_file(news_db, run_command):
    reply = run_command(news_db, "/load", is_admin=True, platform="telegram")
    assert (reply.kind, reply.title) == ("usage", "Stuur een bestand mee met /load (txt, md, json, jsonl of html).")
    reply = run_command(news_db, "/load /etc/passwd", is_admin=True, platform="slack", language="en")
    assert reply.title == "Attach a file to /load (txt, md, json, jsonl or html)."


def test_load_attachment(news_db, nlp):
    from handlers import dispatch
    from handlers.context import HandlerContext
    from handlers.reply import Request

    context = HandlerContext(nlp_loader=lambda: nlp)
    data = " date 2025-05 De Nederlandse premier Dick Schoof sprak in Den Haag.\n".encode("cp1252")
    request = Request("load", "", is_admin=True, platform="telegram", attachment=Attachment("schoof.txt", data))
    reply = dispatch(request, news_db, context=context)
    assert reply.plain_text() == (
        "Laden: schoof.txt\n\n"
        "• geladen: #5 schoof.txt\n"
        "• 1 geladen, 0 vervangen, 0 ongewijzigd, 0 mislukt\n\n"
        "→ /article 5"
    )
    assert dispatch(request, news_db, context=context).sections[0].lines[0].text == "ongewijzigd: #5 schoof.txt"
    bad = Request("load", "", is_admin=True, attachment=Attachment("x.pdf", b"%PDF-1.4"))
    reply = dispatch(bad, news_db, context=context)
    assert reply.kind == "error"
    assert reply.sections[0].lines[0].text.startswith("mislukt: x.pdf: ")


def test_load_paths_from_the_console(news_db, nlp, tmp_path):
    from handlers import dispatch
    from handlers.context import HandlerContext
    from handlers.reply import Request

    (tmp_path / "a.txt").write_text("Mark Rutte sprak in Brussel over de NAVO.", encoding="utf-8")
    request = Request("load", str(tmp_path), is_admin=True, platform="console")
    reply = dispatch(request, news_db, context=HandlerContext(nlp_loader=lambda: nlp))
    assert reply.sections[0].lines[-1].text == "1 geladen, 0 vervangen, 0 ongewijzigd, 0 mislukt"
