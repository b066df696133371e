"""Guessing the relation of an answering passage to a claim, from cues and quotation.

The relation is what the ANSWER does to the CLAIM: it repeats, rebuts, qualifies, supports
or answers it.
"""

from __future__ import annotations

from reader.core.suggest.cues import Cues
from reader.core.suggest.quotes import Quotation

REPEATS, REBUTS, SUPPORTS, ANSWERS, QUALIFIES = "repeats", "rebuts", "supports", "answers", "qualifies"
RELATIONS = (REBUTS, SUPPORTS, ANSWERS, QUALIFIES, REPEATS)


def guess(claim: Cues, answer: Cues, quote: Quotation, default: str = REBUTS) -> tuple[str, tuple[str, ...]]:
    """(relation, the cues that decided it)."""
    if quote.is_repeat:
        return REPEATS, ("quotes it",)
    if answer.concede >= 0.8:
        return QUALIFIES, ("concession",)
    if answer.denial or answer.contrast:
        if answer.question and not answer.denial:
            return ANSWERS, ("question",)
        return REBUTS, tuple(r for r, on in (("denial", answer.denial), ("contrast", answer.contrast)) if on)
    if answer.question:
        return ANSWERS, ("question",)
    if answer.concede:
        return QUALIFIES, ("concession",)
    if answer.support and answer.hedge:
        return QUALIFIES, ("support", "hedge")
    if answer.support:
        return SUPPORTS, ("support",)
    if answer.hedge:
        return QUALIFIES, ("hedge",)
    return default, ()
