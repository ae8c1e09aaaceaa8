"""The edges: CLI, config, console, Telegram and Slack adapters, the scheduler and serve."""
