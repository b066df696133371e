"""A court document's case name, from the caption on its first page.

A court's PDF often has no title of its own, or one that names the court ("United States
Court of Appeals", "In the Missouri Court of Appeals"): two opinions of one court then read
alike in the panes, the picker and the export. Its caption names the case:

    TRANSAMERICA LIFE INSURANCE COMPANY,
    Plaintiff, Appellant,
    v.
    ESTELLA RODRIGUES,

or on one line, as a reporter prints it ("DOE v. DYNAMIC PHYSICAL THERAPY, LLC, et al.").
``case_name`` reads the first few paragraphs for either and gives "TRANSAMERICA LIFE
INSURANCE COMPANY v. ESTELLA RODRIGUES", or "" when it finds no caption it can read whole
(a caption set in columns of ")" is left alone).
"""

from __future__ import annotations

import re

COURT = re.compile(
    r"(?:in the\s+)?(?:united states\s+|supreme\s+)?(?:court\b|.*\bcourt of (?:appeals?|criminal appeals)\b|"
    r".*\b(?:district|supreme|superior|circuit|bankruptcy|tax|claims) court\b|.*\bappeals board\b)", re.I)
_ONE_LINE = re.compile(r"(?=.{8,160}$)([A-Z][A-Z0-9&.,'\u2019 \-]*?[A-Z.]) v\. ([A-Z][A-Z0-9&.,'\u2019 \-]*(?:, et al\.)?)")
_ROLE = re.compile(
    r"(?:(?:cross-|third-party |intervenor-)?(?:plaintiffs?|defendants?|appellants?|appellees?|petitioners?|"
    r"respondents?|movants?|claimants?|debtors?|intervenors?)(?:[\s,\-\u2013\u2014/&]|\band\b)*)+\.?(?:\s+v\.)?", re.I)
_VERSUS = re.compile(r"(?:v\.|vs\.|versus)(?:\s+|$)", re.I)
_LEAD = re.compile(r"^(?:(?:No\.|Nos\.|Case No\.|Docket No\.)\s*\S+\s+|Filed\s+\d{1,2}\s+\w+\s+\d{4}\s+|"
                   r"Filed:?\s+\w+\.?\s+\d{1,2},\s+\d{4}\s+|DIVISION\s+\w+\s+)+")
_TAIL = re.compile(r"\s*(?:,\s*(?:in (?:his|her|their|its) (?:official|individual)\b.*|individually\b.*|"
                   r"as (?:\w+ )?(?:trustee|governor|secretary|director|commissioner|administrator)\b.*)|;.*|\).*|\s\].*)$",
                   re.I)
_LOOK = 24  # paragraphs read from the top (a preliminary print's cover comes first)


def case_name(paragraphs: list[str]) -> str:
    """The case the first paragraphs' caption names, or ""."""
    paras = [" ".join(p.split()) if len(p) <= 600 else "" for p in paragraphs[:_LOOK]]  # a caption's lines are short
    for i, p in enumerate(paras):
        m = _ONE_LINE.fullmatch(p)
        if m is None and p.endswith(" v.") and i + 1 < len(paras):  # "TARRANT REGIONAL WATER DISTRICT v." | "HERRMANN ET AL."
            m = _ONE_LINE.fullmatch(f"{p} {paras[i + 1]}")
        if m and not COURT.match(p) and _party(m.group(1)) and _party(m.group(2)):
            return f"{_party(m.group(1))} v. {_party(m.group(2))}"
    for i, p in enumerate(paras):
        if (_ROLE.fullmatch(p) and p.lower().endswith("v.")) or _VERSUS.fullmatch(p):  # "Plaintiffs, v." or "v."
            left, right = _before(paras, i), paras[i + 1] if i + 1 < len(paras) else ""
        elif _VERSUS.match(p) and i > 0 and _ROLE.fullmatch(paras[i - 1]):
            left, right = _before(paras, i), _VERSUS.sub("", p, count=1)
        else:
            continue
        a, b = _party(left), _party(right)
        if a and b:
            return f"{a} v. {b}"
        return ""
    return ""


def _before(paras: list[str], i: int) -> str:
    """The party named above the "v." at i, past the lines that give its role."""
    j = i - 1
    while j >= 0 and _ROLE.fullmatch(paras[j]):
        j -= 1
    return paras[j] if j >= 0 else ""


def _party(text: str) -> str:
    text = _LEAD.sub("", text.strip())
    text = _TAIL.sub("", text).strip().rstrip(",").strip()
    if not (2 <= len(text) <= 120) or not re.search(r"[A-Za-z]{2}", text) or COURT.match(text):
        return ""
    return text
