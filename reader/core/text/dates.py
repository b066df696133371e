"""Dates as texts write them ("May 28, 1788", "28 May 1788", "1788-05-28", "15 августа 2016",
"9. November 2021", "10.11.2021"), read as YYYY-MM-DD.

One reader for every place a date is taken from words: a court opinion's "Decided …" line
(``decided``) and a page's byline (``sources.byline_date``). A day that does not exist
("June 31") or lies in the future is no date.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# Months in other languages, as a date writes them after its day ("15 августа 2016", "9. November
# 2021", "1er mai 2016", "3 de marzo de 2020"): Russian and Ukrainian (genitive and nominative),
# Polish (genitive), German, French, Spanish, Italian, Portuguese, Dutch.
FOREIGN_MONTHS: dict[str, int] = {}
for _n, _names in enumerate((
    "января январь січня stycznia januar jänner janvier enero gennaio janeiro januari",
    "февраля февраль лютого lutego februar février febrero febbraio fevereiro februari",
    "марта март березня marca märz mars marzo março maart",
    "апреля апрель квітня kwietnia april avril abril aprile",
    "мая май травня maja mai mayo maggio maio mei",
    "июня июнь червня czerwca juni juin junio giugno junho",
    "июля июль липня lipca juli juillet julio luglio julho",
    "августа август серпня sierpnia august août agosto augustus",
    "сентября сентябрь вересня września september septembre septiembre setiembre settembre setembro",
    "октября октябрь жовтня października oktober octobre octubre ottobre outubro",
    "ноября ноябрь листопада listopada november novembre noviembre novembro",
    "декабря декабрь грудня grudnia dezember décembre diciembre dicembre dezembro december",
), 1):
    FOREIGN_MONTHS.update(dict.fromkeys(_names.split(), _n))
_FOREIGN = "(" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True)) + ")"
_WRITTEN = [
    (re.compile(MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), (1, 2, 3)),  # May 28, 1788
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s+(\d{4})\b", re.I), (2, 1, 3)),  # 28 May 1788
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (0, 0, 0)),  # 1788-05-28
    # 15 августа 2016, 9. November 2021, 1er mai 2016, 3 de marzo de 2020, 15 de agosto de 2016
    (re.compile(r"(?<!\w)(\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?" + _FOREIGN + r"\.?,?\s+(?:de\s+|del\s+)?(\d{4})(?!\w)",
                re.I), (2, 1, 3)),
    (re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w.])"), (-1, -1, -1)),  # 10.11.2021: day, month, year
]


def month_number(name: str) -> int:
    """1 to 12 for a month's name or its short form ("Sept.", "may"); 0 for anything else."""
    if (foreign := FOREIGN_MONTHS.get(name.lower().rstrip("."))) is not None:
        return foreign
    key = name.lower().rstrip(".")[:3]
    return next((i for i, m in enumerate(MONTHS, 1) if m.startswith(key)), 0) if len(key) == 3 else 0


def iso_date(year: int, month: int, day: int, earliest: int = 1000) -> str:
    """"YYYY-MM-DD", or "" for a day that does not exist, before ``earliest`` or after today."""
    try:
        d = date(year, month, day)
    except ValueError:
        return ""
    return d.isoformat() if year >= earliest and d <= date.today() else ""


def written_date(text: str) -> str:
    """The first date written in text, in any of the three forms, that is a real day; or ""."""
    for pattern, order in _WRITTEN:
        for m in pattern.finditer(text):
            if order == (0, 0, 0):
                y, mo, dy = int(m.group(1)), int(m.group(2)), int(m.group(3))
            elif order == (-1, -1, -1):
                dy, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                mo, dy, y = month_number(m.group(order[0])), int(m.group(order[1])), int(m.group(order[2]))
            if found := iso_date(y, mo, dy):
                return found
    return ""
