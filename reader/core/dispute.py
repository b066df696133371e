"""The dispute map: every claim or allegation, and what answers it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reader.core.records import CLAIM_TAGS


@dataclass
class Answer:
    relation: str
    ann: dict
    quote: str
    doc_key: str


@dataclass
class Claim:
    ann: dict
    quote: str
    doc_key: str
    location: tuple[int, int] | None
    answers: list[Answer] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return bool(self.answers)


@dataclass
class DisputeMap:
    claims: list[Claim]

    @property
    def unanswered(self) -> list[Claim]:
        return [c for c in self.claims if not c.answered]

    @property
    def answered(self) -> list[Claim]:
        return [c for c in self.claims if c.answered]

    def by_relation(self) -> Counter:
        return Counter(a.relation for c in self.claims for a in c.answers)

    def ordered(self) -> list[Claim]:
        """Unanswered claims first, then answered, each in reading order."""
        return self.unanswered + self.answered


def build_dispute_map(workspace) -> DisputeMap:
    claims = []
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        anns = [h.ann for h in hls] + orphans
        for ann in anns:
            if not CLAIM_TAGS.intersection(ann.get("tags", [])):
                continue
            a = workspace.anchor_of(ann["id"])
            loc = None if a.is_orphan else doc.location(a.start)
            claim = Claim(ann, workspace.quote(ann), doc.key, loc)
            for link, other in workspace.partners(ann["id"]):
                if link["relation"] == "repeats":
                    continue  # quoting the same words is not an answer
                claim.answers.append(Answer(link["relation"], other, workspace.quote(other), other["doc"]))
            claims.append(claim)
    return DisputeMap(claims)
