"""An author as a page's or a PDF's metadata gives it, cleaned of what is not a person's (or an
office's) name.

A PDF's maker leaves its software's or its account's name there: "localuser", "office-2007",
"cg04209", "Zvi.Muskal" (a login, on a UN resolution), "W:CAR:MP:FP" (an office's routing code,
on IRS instructions); a blog leaves "admin". trafilatura joins the names it finds on a page with
"; ", and finds more than names:
- a label before the name, or alone: "Autor john", "作者" ("author" in Chinese: a page's
  "作者：" with the name outside the tag);
- a program that made the page: "rfcmarkup version 1.111" (a `<meta name="creator">`);
- a byline's date run into the name: "Nathan Willis March" ("By Nathan Willis / March 25, 2015");
- a web or e-mail address after the name: "Bradley M. Kuhn (http://ebb.org/bkuhn/)";
- a photo's credit marked up as the author: "Фото из Инстаграма Лукаша Подольски".
Each part is cleaned on its own, and the parts left are joined again.
"""

from __future__ import annotations

import re

from reader.core.text.dates import MONTHS

_LABEL = re.compile(r"(?i)^(?:(?:written|posted|published|words|text|story)\s+)?(?:by|von|par|por|di|door|av|автор|"
                    r"author|autor|auteur|autore|autorin|auteurs?|authors|作者|著者|撰文|记者|記者)\b\s*[:：|]?\s*")
_CJK_LABEL = re.compile(r"^(?:作者|著者|撰文|记者|記者|编辑|編輯)\s*[:：]?\s*")
# What word processors, printers and blogs write as an author when nobody set one
_NO_AUTHOR = frozenset(("localuser", "user", "admin", "administrator", "owner", "default", "unknown", "author",
                        "windows user", "microsoft office user", "authorized user", "valued customer", "preferred customer"))
# A login written as names joined by stops or underscores, with no space, or a routing code
_LOGIN = re.compile(r"[^\W\d_]{2,}(?:[._][^\W\d_]{2,})+|\w+(?::\w+)+|\w*_\w*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PROGRAM = re.compile(r"\d|(?i:\bversion\b|\bgenerator\b|\bwordpress\b|\bdrupal\b|\bjoomla\b|\bhugo\b|\bjekyll\b)")


# A web address or an e-mail address, in brackets or not: "Bradley M. Kuhn (http://ebb.org/bkuhn/)"
URL_IN_NAME = re.compile(r"[(<\[]\s*(?:https?://|www\.|mailto:)[^)>\]]*[)>\]]|(?:https?://|www\.|mailto:)\S*|[(<]?\S+@\S+\.\w+[)>]?",
                         re.I)
# A photo's credit, which a page may mark up as its "author": "Фото из Инстаграма…", "Photo: AP"
_PHOTO_CREDIT = re.compile(r"(?i)^(?:фото|photos?|photograph(?:y|s)?|foto(?:s|grafie)?|bild|image|picture|credit|crédit|"
                           r"illustration)\b")


def clean_author(value: str) -> str:
    """The names in value, without labels, programs and a trailing month; "" when none is left."""
    if _CONTROL.search(value):
        return ""  # a terminal escape in metadata (an attacker's PDF): no name, and not to be cut into pieces
    names = []
    for part in value.split(";"):
        name = " ".join(URL_IN_NAME.sub(" ", part).split())
        if _PHOTO_CREDIT.match(name):
            continue  # a photo's credit, not the article's author
        name = _CJK_LABEL.sub("", name)
        stripped = _LABEL.sub("", name)
        if stripped != name and not stripped:
            continue  # a label alone
        name = stripped
        if not is_person(name):
            continue
        words = name.split()
        while len(words) > 2 and words[-1].rstrip(".,").lower() in MONTHS:
            words.pop()  # "Nathan Willis March": the byline's date
        name = " ".join(words)
        if name and name not in names:
            names.append(name)
    return "; ".join(names)


def is_person(name: str) -> bool:
    """Whether one name (cleaned of its label) is a person's or an office's, not what a program
    or an account left: a digit in it ("office-2007", "rfcmarkup version 1.111"), a login's
    shape, or a default ("localuser")."""
    return bool(name) and not (_PROGRAM.search(name) or _LOGIN.fullmatch(name) or name.casefold() in _NO_AUTHOR)
