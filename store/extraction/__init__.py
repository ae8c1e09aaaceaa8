"""Fact extraction: an article's text → a spaCy Doc with our components → plain Facts.

``nlp`` builds the pipeline, ``components`` holds the registered ``newsbot_*`` factories,
``gazetteer`` and ``data/`` the word lists they match against, and ``facts`` turns a processed Doc
into the plain data (``store.model``) that the rest of the store persists.
"""
