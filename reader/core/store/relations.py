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
    noun: str  # one link of it, counted: "1 rebuttal", "2 rebuttals"


RELATIONS: dict[str, Relation] = {r.name: r for r in (
    Relation("rebuts", "r", "denies or contradicts", "rebutted by", "\u2715", True, "-", "rebuttal"),
    Relation("supports", "s", "corroborates", "supported by", "+", True, "+", "support"),
    Relation("answers", "a", "responds without judging", "answered by", "\u21a9", True, "", "answer"),
    Relation("qualifies", "q", "partly concedes or narrows", "qualified by", "~", True, "-", "qualification"),
    Relation("repeats", "p", "quotes the same words", "repeated by", "=", False, "", "repetition"),
)}

REBUTS, SUPPORTS, ANSWERS, QUALIFIES, REPEATS = "rebuts", "supports", "answers", "qualifies", "repeats"


def counted(counts: dict[str, int]) -> str:
    """Links by relation, in words: "2 rebuttals, 1 answer" ("1 answers" read as a verb)."""
    return ", ".join(f"{n} {RELATIONS[r].noun}{'' if n == 1 else 's'}" for r in RELATIONS if (n := counts.get(r, 0)))


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
