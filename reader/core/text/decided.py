"""The date a court opinion gives itself near its top: "Decided November 7, 1997".

A plain-text opinion (CourtListener's) has no metadata; the decision date is the date to cite
it by, and the reader showed none. The first "Decided" (or "Decided on", "Filed") date in the
opening lines is the article's date, written as YYYY-MM-DD.
"""

from __future__ import annotations

import re

from reader.core.text.dates import MONTHS, iso_date, month_number

_DATE = r"(" + "|".join(m.capitalize() for m in MONTHS) + r")\.?\s+(\d{1,2}),?\s+(\d{4})"
_DECIDED = re.compile(r"\b(?:Decided|DECIDED)(?:\s+on)?\s*:?\s+" + _DATE)
_FILED = re.compile(r"\b(?:Filed|FILED)(?:\s+on)?\s*:?\s+" + _DATE)
OPENING = 4000  # characters: the caption, not a date the opinion quotes later


def decided_date(text: str) -> str:
    """"YYYY-MM-DD" of the decision (else of the filing) named in the opening lines; "" if none."""
    head = text[:OPENING]
    for pattern in (_DECIDED, _FILED):
        m = pattern.search(head)
        if m and (found := iso_date(int(m.group(3)), month_number(m.group(1)), int(m.group(2)), earliest=1600)):
            return found
    return ""
