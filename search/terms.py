"""Reading what the user typed: words folded as the index folds them."""

import re
from dataclasses import dataclass, field

from core.text import fold

# Shorter queries match too much to be useful; one-character words still count inside longer queries ("Khu 6").
MIN_WORD = 2
MAX_WORDS = 10
MAX_QUERY = 200
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Terms:
    text: str
    words: list[str] = field(default_factory=list)
    problem: str = ""  # "empty" or "short"

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def prefix_last(self) -> bool:
        """The last word is matched as a beginning, so results come while the word is still being typed."""
        return bool(self.words) and len(self.words[-1]) >= MIN_WORD


def parse(text: str | None) -> Terms:
    """Lower-case, accent-free words: "Nguyễn Văn Đ" → ["nguyen", "van", "d"]."""
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return Terms(text, [], "empty")
    words = _WORD.findall(fold(text))[:MAX_WORDS]
    if not any(len(word) >= MIN_WORD for word in words):
        return Terms(text, words, "short")
    return Terms(text, words)
