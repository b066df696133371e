"""The typed relations between passages (in the manner of Argdown and AIF): one registry.

A link reads ``source <relation> target``: "mayor-rebuttal ¶5 rebuts ice-union-allegation
¶9". The source is the passage that does something to the target: in the reader, the
answer you link to the claim you marked first. Everything that names a relation (the
picker, the panels, the gutter, the dispute map, every export and ``reader link``) takes
it from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    name: str
    key: str  # the picker's one key
    help: str
    passive: str  # how it reads from the target's side
    symbol: str  # the gutter mark
    is_answer: bool  # counts as an answer to a claim in the dispute map
    argdown: str  # "-" attack, "+" support, "" none


RELATIONS: dict[str, Relation] = {r.name: r for r in (
    Relation("rebuts", "r", "denies or contradicts", "rebutted by", "\u2715", True, "-"),
    Relation("supports", "s", "corroborates", "supported by", "+", True, "+"),
    Relation("answers", "a", "responds without judging", "answered by", "\u21a9", True, ""),
    Relation("qualifies", "q", "partly concedes or narrows", "qualified by", "~", True, "-"),
    Relation("repeats", "p", "quotes the same words", "repeated by", "=", False, ""),
)}

REBUTS, SUPPORTS, ANSWERS, QUALIFIES, REPEATS = "rebuts", "supports", "answers", "qualifies", "repeats"


def relation(name: str) -> Relation:
    from reader.core.errors import UsageError

    try:
        return RELATIONS[name]
    except KeyError:
        raise UsageError(f"unknown relation {name!r}; choose one of {', '.join(RELATIONS)}") from None


def reads(relation_name: str, source_first: bool) -> str:
    """The verb seen from one end: "rebuts" from the source, "rebutted by" from the target."""
    rel = RELATIONS[relation_name]
    return rel.name if source_first else rel.passive
