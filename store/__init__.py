"""The shared core: article files → facts → SQLite. Imports no chat platform and nothing from bot/."""
