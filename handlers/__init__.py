"""Platform-neutral commands: a Request in, a Reply out. Imports no chat SDK and nothing from bot/."""
