"""spaCy components of the fact extractor; each module registers one ``newsbot_*`` factory."""
