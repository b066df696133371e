"""An author as a page's metadata gives it, cleaned of what is not a person's name.

trafilatura joins the names it finds with "; ", and finds more than names:
- a label before the name, or alone: "Autor john", "作者" ("author" in Chinese: a page's
  "作者：" with the name outside the tag);
- a program that made the page: "rfcmarkup version 1.111" (a `<meta name="creator">`);
- a byline's date run into the name: "Nathan Willis March" ("By Nathan Willis / March 25, 2015").
Each part is cleaned on its own, and the parts left are joined again.
"""

from __future__ import annotations

import re

from reader.core.text.dates import MONTHS

_LABEL = re.compile(r"(?i)^(?:(?:written|posted|published|words|text|story)\s+)?(?:by|von|par|por|di|door|av|автор|"
                    r"author|autor|auteur|autore|autorin|auteurs?|authors|作者|著者|撰文|记者|記者)\b\s*[:：|]?\s*")
_CJK_LABEL = re.compile(r"^(?:作者|著者|撰文|记者|記者|编辑|編輯)\s*[:：]?\s*")
_PROGRAM = re.compile(r"\d|(?i:\bversion\b|\bgenerator\b|\bwordpress\b|\bdrupal\b|\bjoomla\b|\bhugo\b|\bjekyll\b)")


def clean_author(value: str) -> str:
    """The names in value, without labels, programs and a trailing month; "" when none is left."""
    names = []
    for part in value.split(";"):
        name = " ".join(part.split())
        name = _CJK_LABEL.sub("", name)
        stripped = _LABEL.sub("", name)
        if stripped != name and not stripped:
            continue  # a label alone
        name = stripped
        if not name or _PROGRAM.search(name):
            continue
        words = name.split()
        while len(words) > 2 and words[-1].rstrip(".,").lower() in MONTHS:
            words.pop()  # "Nathan Willis March": the byline's date
        name = " ".join(words)
        if name and name not in names:
            names.append(name)
    return "; ".join(names)
