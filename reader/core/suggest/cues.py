"""Stance and discourse cues: does a sentence deny, concede, hedge, support, ask, or make a claim?

Generic English cue lists only. Each cue is a strength in [0, 1].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DENIAL = re.compile(
    r"\b(no such|not true|untrue|false(?:ly|hood)?|inaccurate|incorrect|wrong|den(?:y|ies|ied|ial)|"
    r"did not|didn't|does not|doesn't|do not|don't|is not|isn't|was not|wasn't|are not|aren't|were not|"
    r"has not|hasn't|have not|haven't|had not|no evidence|unfounded|baseless|misleading|mischaracteri[sz]\w*|"
    r"reject(?:s|ed)?|rebut(?:s|ted)?|refute[sd]?|dispute[sd]?|nonsense|fabricat\w*|absurd\w*|"
    r"no longer|nothing|unable|could not|couldn't|cannot|can't|at no (?:point|time)|no one|nobody|none|"
    r"impossible|erroneous\w*|mistake[sn]?|unrelated|never|not|no|nor|neither)\b", re.I)
# Contrast and correction: "on the contrary", "neither ... nor", "but", "rather", "instead".
_CONTRAST = re.compile(
    r"\b(on the contrary|contrary to|to the contrary|far from|rather than|instead|on the other hand|"
    r"nevertheless|nonetheless|notwithstanding|whereas|neither\b.{1,80}\bnor|not\b.{1,60}\bbut)\b"
    r"|^\W*(but|yet|still|rather)\b", re.I)
_CONCEDE = re.compile(
    r"\b(acknowledg\w*|admit(?:s|ted)?|conced\w*|concur\w*|apologi[sz]\w*|regrets?|granted|grant (?:to|that)|"
    r"it is true|is quite true|i agree|we agree|i believe you are right|you are right|true enough|"
    r"i will suppose|suppose (?:it|that|your)|let us suppose|admittedly|to be sure|certainly|no doubt)\b", re.I)
_HEDGE = re.compile(
    r"\b(partly|partially|in part|although|though|however|while|suggests?|appears?|seems?|perhaps|"
    r"except|only if|to some extent|somewhat|not all|in some|some of|probably|possibly|it may be|it might be|"
    r"may well be)\b", re.I)  # not "judges who may be appointed": a passive, no hedge (a third user)
_SUPPORT = re.compile(
    r"\b(supports?|supported|confirm(?:s|ed)?|corroborat\w*|shows?|showed|evidence|proves?|proved|"
    r"consistent with|backs? up|backed up|verified|verifies|indeed|as well as|likewise|also|agree[sd]?|"
    r"right|correct|true)\b", re.I)
_CLAIM = re.compile(
    r"\b(says?|said|claims?|claimed|alleg\w*|accus\w*|according to|letter|charges?|contends?|"
    r"asserts?|argues?|insists?|demand\w*|violat\w*|refus\w*|ignor\w*|fail\w*|ordered|forbid\w*|"
    r"barr\w*|illegal|unlawful|unconstitutional|danger\w*|threat\w*|policy|must|should|"
    r"truth|simple|always|only|all|every|whole|sole\w*|exclusive\w*)\b", re.I)
_QUESTION = re.compile(r"\?\s*[\"'\u201d\u2019)]*\s*$")
_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
_REPLY = re.compile(
    r"\b(you say|you said|you write|you wrote|your (?:own )?(?:words|phrase|letter|charge|statement)|"
    r"he says|he said|he tells us|he argues|he asserts|the judge|my friend|in answer|in reply|"
    r"i answer|i reply|my answer|i (?:say|said|deny|admit|submit|think|believe|mean|assert|insist))\b", re.I)


@dataclass(frozen=True)
class Cues:
    denial: float = 0.0
    contrast: float = 0.0
    concede: float = 0.0
    hedge: float = 0.0
    support: float = 0.0
    claim: float = 0.0
    question: float = 0.0
    address: float = 0.0   # speaks to or of the other side: "you", "he says", "the Judge"

    def stance(self) -> float:
        """How much the sentence reads as a response (a denial, a concession, a retort)."""
        return max(self.denial, 0.8 * self.contrast, 0.7 * self.concede, 0.6 * self.question,
                   0.5 * self.support, 0.4 * self.hedge)


NONE = Cues()
# Any cue at all: a sentence with none of these words (most of any text) skips the eight patterns.
_ANY = re.compile(
    r"\b(no|not|nor|never|neither|none|nothing|nobody|deny|denies|denied|denial|false\w*|untrue|wrong|"
    r"\w+n't|cannot|dispute\w*|reject\w*|rebut\w*|refute\w*|misleading|baseless|unfounded|nonsense|"
    r"impossible|absurd\w*|erroneous\w*|mistake\w*|inaccurate|incorrect|contrary|rather|instead|"
    r"nevertheless|nonetheless|notwithstanding|whereas|but|yet|still|far|other|acknowledg\w*|admit\w*|"
    r"conced\w*|concur\w*|apologi\w*|regret\w*|grant\w*|true|agree\w*|right|suppose|admittedly|sure|"
    r"certainly|doubt|partly|partially|part|although|though|however|while|suggest\w*|appear\w*|seem\w*|"
    r"perhaps|except|only|extent|somewhat|some|probably|possibly|may|might|support\w*|confirm\w*|"
    r"corroborat\w*|show\w*|evidence|prove\w*|consistent|back\w*|verifi\w*|indeed|well|likewise|also|"
    r"correct|says?|said|claim\w*|alleg\w*|accus\w*|according|letter|charge\w*|contend\w*|assert\w*|"
    r"argue\w*|insist\w*|demand\w*|violat\w*|refus\w*|ignor\w*|fail\w*|ordered|forbid\w*|barr\w*|"
    r"illegal|unlawful|unconstitutional|danger\w*|threat\w*|policy|must|should|truth|simple|always|all|"
    r"every|whole|sole\w*|exclusive\w*|you\w*|he|judge|friend|answer|reply|i|unable|could|couldn't)\b|\?",
    re.I)


_KINDS = (("denial", _DENIAL), ("contrast", _CONTRAST), ("concede", _CONCEDE), ("hedge", _HEDGE),
          ("support", _SUPPORT), ("claim", _CLAIM), ("you", _SECOND_PERSON), ("reply", _REPLY))
# One pass over the text finds every cue word; the patterns then count only where one was found.
# Every cue starts a word: the look-behind turns away the positions inside words before the
# engine tries the whole alternation there (a third faster, the same matches).
_MASTER = re.compile("(?<!\\w)(?:" + "|".join(f"(?P<{name}>{pat.pattern})" for name, pat in _KINDS) + ")")
_ANY_LOWER = re.compile(_ANY.pattern)
_ZERO = dict.fromkeys((k for k, _p in _KINDS), 0)
_CONTRAST_AT_WORDS = re.compile("(?<!\\w)(?:" + _CONTRAST.pattern + ")", re.I)
_CONCEDE_AT_WORDS = re.compile("(?<!\\w)(?:" + _CONCEDE.pattern + ")", re.I)


# A denial denied is an affirmation: "It will not be denied that…", "will not permit us to
# deny", "no one can deny". A new user's trial on the Federalist found both labelled denial
# and rebuts. Read as "it is true", a concession.
_LITOTES = re.compile(
    r"\b(?:(?:will|can|could|shall|would|must|need|may)\s+not|cannot|can't|won't)\s+be\s+(?:denied|disputed|doubted)\b|"
    r"\bnot\s+(?:permit|allow|suffer)\s+(?:us|me|one|him|them)\s+to\s+(?:deny|doubt|dispute)\b|"
    r"\b(?:no\s+one|none|nobody)\s+(?:can|will|would|could|shall)\s+(?:deny|doubt|dispute)\b|"
    r"\bthere\s+is\s+no\s+(?:denying|doubt(?:ing)?)\b|\bundeniabl[ey]\b|\bnot\s+to\s+be\s+(?:denied|doubted)\b")


def cues_of(text: str, quoted: bool = False) -> Cues:
    low = text.lower()  # the patterns are lower-case: faster than matching case-blind
    if "den" in low or "doubt" in low or "disput" in low:
        low = _LITOTES.sub("it is true", low)
    if not quoted and not _ANY_LOWER.search(low):
        return NONE
    n = _ZERO.copy()
    for m in _MASTER.finditer(low):
        if m.lastgroup:
            n[m.lastgroup] += 1
    # A word can be two cues ("not" both denies and, in "not ... but", contrasts): count the rarer
    # patterns on their own when the master pass saw a word they might begin with.
    if n["denial"]:
        n["contrast"] = max(n["contrast"], len(_CONTRAST_AT_WORDS.findall(text)))
        n["concede"] = max(n["concede"], len(_CONCEDE_AT_WORDS.findall(text)))
    return Cues(
        denial=min(1.0, 0.6 * n["denial"]),
        contrast=min(1.0, 0.7 * n["contrast"]),
        concede=min(1.0, 0.8 * n["concede"]),
        hedge=min(1.0, 0.5 * n["hedge"]),
        support=min(1.0, 0.5 * n["support"]),
        claim=min(1.0, 0.3 * n["claim"] + (0.3 if quoted else 0.0)),
        question=1.0 if _QUESTION.search(text) else 0.0,
        address=min(1.0, 0.5 * n["you"] + 0.7 * n["reply"]),
    )
