"""A line of ornaments only: a book designer's decorative rule, not text.

Free Culture's front matter sets a rule of Zapf Dingbats bars between its title, its
publisher and its dedication: "❚❘❙❚❘❙ ❚❘❙❚❘❙❚❘❙❚ ❙❚❘❙❚❘❙…", which read as eleven paragraphs of
bars (before, they had gone only because a printer's mark outside the page sat beside
them, as a running line). A line made of three or more of the Dingbats block's ornaments
(U+2756–U+2767: ❖ ❘ ❙ ❚ ❛ ❜ ❝ ❞ ❡ ❢ ❣ ❤ ❥ ❦ ❧) and spaces, nothing else, is left out. The
Dingbats that mark items (✓, ➢) and the dashes of a footnote rule are not among them.
"""

from __future__ import annotations

import re

_ORNAMENTS = re.compile(r"[\u2756-\u2767](?:\s*[\u2756-\u2767]){2,}")


def ornament(text: str) -> bool:
    """Whether a line is ornaments only."""
    return _ORNAMENTS.fullmatch(text.strip()) is not None
