"""Text helpers for Vietnamese: accent-insensitive search keys."""

import unicodedata


def fold(text: str | None) -> str:
    """Lower-case `text` and strip Vietnamese diacritics ("Nguyễn Đức" -> "nguyen duc").

    Used both for the stored search key and for the query, so that searches
    ignore accents whichever way the user types.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
