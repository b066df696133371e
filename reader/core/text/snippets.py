"""Short excerpts of passages, for lists, notifications and exports."""


def short(text: str, words: int = 12) -> str:
    """The first ``words`` words of text, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")
