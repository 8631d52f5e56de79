"""The rule data: the config read from layouts/, theme, page, word lists, findings' codes."""
