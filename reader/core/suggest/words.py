"""Words: tokens, stopwords, a Porter stemmer, and numbers spelt out or in figures.

Everything here is generic English; nothing names an article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core.text.document import normalise_for_search

# Letters and digits; an apostrophe inside a word is kept ("don't"), a hyphen or dash splits.
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

STOPWORDS = frozenset([
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours", "yourself", "yourselves", "said", "says", "say", "told", "tells", "wrote", "writes", "write",
    "mr", "mrs", "ms", "s", "t", "d", "ll", "re", "ve", "upon", "shall", "may", "might", "must", "thus", "thee",
    "thou", "thy", "hath", "doth", "unto", "yet", "ever", "don't", "didn't", "won't", "can't", "isn't", "aren't",
    "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "couldn't", "wouldn't", "shouldn't", "it's",
    "that's", "i'm", "we're", "they're", "he's", "she's", "i've", "we've", "you're", "let's", "there's", "what's",
    "one", "many", "much", "every", "even", "whether", "within", "without",
    # connectives: "therefore" was given as a reason two passages match (a third user)
    "therefore", "hence", "however", "indeed", "moreover", "nevertheless", "thereby", "thereof", "therein",
])

# Number words, so "the fourth of November" meets "the 4th of November".
_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
        "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
        "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
NUMBER_WORDS: dict[str, str] = {w: str(i) for i, w in enumerate(_UNITS)}
NUMBER_WORDS.update({w: str(20 + 10 * i) for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({w: str(n) for w, n in _ORD.items()})
NUMBER_WORDS.update({"hundred": "100", "thousand": "1000", "million": "1000000", "dozen": "12", "half": "half"})
_ORDINAL_FIGURE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# "one" and "second" are too often not numbers ("one of us", "a second look"); they stay words.
_AMBIGUOUS_NUMBERS = frozenset({"one", "second", "zero"})


# --- the Porter stemmer (M. F. Porter, 1980) ---------------------------------------------------
_VOWELS = frozenset("aeiou")


def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in _VOWELS:
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(stem: str) -> int:
    """The number of vowel-consonant sequences in stem."""
    n, i, L = 0, 0, len(stem)
    while i < L and _cons(stem, i):
        i += 1
    while i < L:
        while i < L and not _cons(stem, i):
            i += 1
        if i >= L:
            break
        n += 1
        while i < L and _cons(stem, i):
            i += 1
    return n


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    if len(w) < 3:
        return False
    return _cons(w, len(w) - 3) and not _cons(w, len(w) - 2) and _cons(w, len(w) - 1) and w[-1] not in "wxy"


_STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
          ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"),
          ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"),
          ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"))
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""))
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
          "ate", "iti", "ous", "ive", "ize")


def _by_last(rules: tuple) -> dict[str, tuple]:
    """Suffix rules grouped by their last letter, in their order: only a word's own last letter's
    group can match, and the first match in it is the first match of all."""
    out: dict[str, list] = {}
    for r in rules:
        out.setdefault((r[0] if isinstance(r, tuple) else r)[-1], []).append(r)
    return {k: tuple(v) for k, v in out.items()}


_STEP2_BY = _by_last(_STEP2)
_STEP3_BY = _by_last(_STEP3)
_STEP4_BY = _by_last(_STEP4)


@lru_cache(maxsize=200_000)
def porter(w: str) -> str:
    if len(w) <= 2 or not w.isascii() or not w.isalpha():
        return w
    # step 1a
    if w.endswith(("sses", "ies")):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # step 1b
    extra = False
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, extra = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, extra = w[:-3], True
    if extra:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _m(w) == 1 and _cvc(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # steps 2 and 3
    for table in (_STEP2_BY, _STEP3_BY):
        for suffix, repl in table.get(w[-1], ()):
            if w.endswith(suffix):
                stem = w[: len(w) - len(suffix)]
                if _m(stem) > 0:
                    w = stem + repl
                break
    # step 4
    for suffix in _STEP4_BY.get(w[-1], ()):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if _m(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                w = stem
            break
    # step 5
    if w.endswith("e"):
        stem = w[:-1]
        if _m(stem) > 1 or (_m(stem) == 1 and not _cvc(stem)):
            w = stem
    if _m(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w


@lru_cache(maxsize=200_000)
def normal(token: str) -> str | None:
    """A content token's normal form (a stem, or a number in figures); None for a stopword."""
    if token.endswith("'s"):
        token = token[:-2]
    elif token.endswith("s'"):
        token = token[:-1]
    if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
        return None
    if token in NUMBER_WORDS and token not in _AMBIGUOUS_NUMBERS:
        return "#" + NUMBER_WORDS[token]
    m = _ORDINAL_FIGURE.match(token)
    if m:
        return "#" + str(int(m.group(1)))
    if token.isdigit():
        if not token.isdecimal():
            return None  # superscript digits: a footnote call ("comments\u00b9"), no word (int() refused them)
        return "#" + str(int(token))
    return porter(token)


def tokens(text: str) -> list[str]:
    """Every word, lower-cased, quotes and odd spaces made plain."""
    return TOKEN.findall(normalise_for_search(text).lower())


def content_words(text: str) -> list[str]:
    out = []
    for t in tokens(text):
        n = normal(t)
        if n is not None:
            out.append(n)
    return out
