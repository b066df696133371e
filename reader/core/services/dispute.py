"""The dispute map: every claim or allegation, and what answers it.

A passage answers a claim when it is the source of a link to it whose relation counts as
an answer (rebuts, supports, answers, qualifies); quoting the same words (repeats) does not.
An answer whose words are no longer in its article (an orphan, after the article changed)
is still listed, marked, but does not make the claim answered: the texts as they are now
no longer answer it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reader.core.services.snapshot import WorkspaceView
from reader.core.store.records import CLAIM_TAGS, Annotation
from reader.core.store.relations import RELATIONS


@dataclass
class Answer:
    relation: str
    ann: Annotation
    quote: str
    doc_key: str
    orphan: bool = False  # its words are no longer in its article
    location: tuple[int, int] | None = None  # (paragraph, sentence), as ¶N.S


@dataclass
class Claim:
    ann: Annotation
    quote: str
    doc_key: str
    location: tuple[int, int] | None
    answers: list[Answer] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return any(not a.orphan for a in self.answers)


@dataclass
class DisputeMap:
    claims: list[Claim]

    @property
    def unanswered(self) -> list[Claim]:
        return [c for c in self.claims if not c.answered]

    @property
    def answered(self) -> list[Claim]:
        return [c for c in self.claims if c.answered]

    def by_relation(self) -> Counter[str]:
        return Counter(a.relation for c in self.claims for a in c.answers if not a.orphan)

    def ordered(self) -> list[Claim]:
        """Unanswered claims first, then answered, each in reading order."""
        return self.unanswered + self.answered


def build_dispute_map(workspace: WorkspaceView) -> DisputeMap:
    claims = []
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        for ann in [h.ann for h in hls] + orphans:
            if not CLAIM_TAGS.intersection(ann.get("tags", [])):
                continue
            claim = Claim(ann, workspace.quote(ann), doc.key, workspace.location(ann))
            for p in workspace.partners(ann["id"]):
                if not p.outgoing and RELATIONS[p.link["relation"]].is_answer:
                    # an answer in an article not open here is no orphan: its words were not looked
                    # for (an export of another pair called a linked, intact passage "no longer in its article")
                    orphan = workspace.doc(p.other["doc"]) is not None and workspace.anchor_of(p.other["id"]).is_orphan
                    claim.answers.append(Answer(p.link["relation"], p.other, workspace.quote(p.other), p.other["doc"],
                                                orphan, workspace.location(p.other)))
            claims.append(claim)
    return DisputeMap(claims)
