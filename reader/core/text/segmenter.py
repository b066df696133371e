"""Splitting canonical text into paragraphs and sentences, as character offsets.

Paragraphs are runs of non-blank lines (a single newline inside a paragraph is a soft
wrap), plus separator lines ("* * *", "*****", "---") which are paragraphs of their own
even without blank lines around them. That is one regular-expression pass over the
text. Sentences are found per paragraph, on demand (``Document.sentences``), so opening a
5 MB article costs the paragraph pass and nothing more.

A sentence ends at terminal punctuation (with its closing quotes, brackets, footnote calls
such as ``[12]`` and page markers such as ``{323}``) followed by a word that may start a
sentence, unless what precedes the stop is an abbreviation, an initial, a list marker (opening
the unit, or after a colon or semicolon) or a citation (``Co.``, ``v.``, ``F. Kennedy``, ``1.``,
``objects: 1st. The mode``, ``16 Pet. 1``); citation sentences
(``Olson v. United States, 292 U.S. 246, 262.``) are joined to the sentence they support;
a quotation that opens inside a sentence is not cut. Inside a paragraph, line breaks count
where they are plainly breaks: before a bullet, after a colon introducing a new line, and
between the lines of a block of short lines (page chrome, an address), but not inside verse
whose lines run on. The rules are about kinds of text, never about particular passages.
"""

from __future__ import annotations

import re
from array import array
from operator import itemgetter

TITLE, SUBTITLE, CAPTION, HEADING, BODY = "title", "subtitle", "caption", "heading", "body"
SEPARATOR = "separator"  # a line such as "* * *" or "---" between sections
LIST_ITEM = "list_item"  # Markdown: one item of a list, its marker ("• ", "1. ") part of the text
QUOTE = "quote"  # Markdown: a paragraph of a block quote
CODE = "code"  # Markdown: a code block, shown as it is, never split into sentences
TABLE = "table"  # Markdown: one row of a table, cells joined by " │ "

#: Paragraph kinds that are one unit, never split into sentences.
WHOLE_KINDS = frozenset({TITLE, HEADING, SEPARATOR, CODE, TABLE})

# Every character str.isspace() accepts except "\n", for quick membership tests.
_WS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")
_SEP_CHARS = "*\\-_=~\u00b7\u2022\u2217"
# Paragraphs: runs of non-blank lines; a line that looks like a separator ("* * *", "-----")
# does not continue the paragraph above it (a cheap look at each line's first characters).
_PARAGRAPH = re.compile(
    r"(?m)^[^\S\n]*(\S[^\n]*(?:\n[^\S\n]*(?![" + _SEP_CHARS + r"][ \t]*[" + _SEP_CHARS + r"][ \t]*["
    + _SEP_CHARS + r"][" + _SEP_CHARS + r" \t]*(?:\n|$))\S[^\n]*)*)"
)
_SEP_BODY = (
    r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,}|(?:~[ \t]*){3,}"
    r"|(?:[\u00b7\u2022\u2217][ \t]*){3,}|\u2042)"
)
_SEPARATOR = re.compile(r"[ \t]*" + _SEP_BODY + r"[ \t]*")
_SEP_FIRST = "#*-_=~\u00b7\u2022\u2042\u2217"
_MD_HEADING = re.compile(r"#{1,6} ")
_CAPTION = re.compile(r"\((?:photo(?:graph)?(?: by)?:? |credit:? |image:? )?[A-Z][^()\n]{1,60}\)\s*$", re.I)

# --- sentences -------------------------------------------------------------------------------------
# A candidate end: terminal punctuation (or a spaced ellipsis), then closing quotes, brackets,
# emphasis marks, footnote calls and page markers, then a space (or a CJK stop, which needs none).
# (a CJK stop's closing quotes and brackets are its sentence's: "…不太好。”天空…" had put the
# "”" at the start of the next one)
_CJK_STOP, _CJK_CLOSE = "\u3002\uff01\uff1f", "\u201d\u2019\u300d\u300f\uff09\u3011\u300b)"
_END = re.compile(
    r"[.!?\u2026\u3002\uff01\uff1f](?:(?<=\.)(?:[ \u00a0]\.){2,3}|[.!?\u2026\u3002\uff01\uff1f]*)"
    r"(?:[\"'\u201d\u2019\u00bb)\]_*\u300d\u300f\uff09\u3011\u300b]|\[\d{1,3}\]|\{\d{1,4}\}"
    r"|[\u00b9\u00b2\u00b3\u2070-\u2079]+)*"
    rf"(?:(?=\s)|\Z|(?<=[{_CJK_STOP}])|(?<=[{_CJK_STOP}][{_CJK_CLOSE}])|(?<=[{_CJK_STOP}][{_CJK_CLOSE}]{{2}}))"
)
_OPENERS = "\"'`\u201c\u2018\u00ab([{\u00bf\u00a1_*"  # "`": a quotation opened ``so''

_TOKEN = re.compile(r"[^\s\"'\u201c\u2018\u00ab(\[{_*]+$")  # the word before a stop, past openers and emphasis ("_K. John._")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
# A list marker or run-in ordinal that opens a unit: "1.", "1st.", "2d.", "(a)", "iv.", "A.", "First.",
# "Secondly.", "• 2."
_ORDINAL_WORDS = (
    r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Last|Lastly|Finally"
    r"|Firstly|Secondly|Thirdly|Fourthly|Fifthly|Sixthly|Seventhly|Eighthly|Ninthly|Tenthly"
    r"|FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|SECONDLY|THIRDLY|FOURTHLY|FIFTHLY)"
)
# A Roman numeral as written, in one case: "iv", "XII"; not any run of its letters ("Id.", the
# court's "ibidem", opened a sentence as if it were a list's item "Id." and joined the next)
_VALID_ROMAN = (r"(?:(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
                r"|(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))")
_MARKER = re.compile(
    r"\s*(?:[\u2022\u25e6\u25aa\u2023\u25cf\u25cb\u00b7*+\-\u2013]\s+)?(?:\(?(?:\d{1,3}(?:st|nd|rd|th|d)?|[A-Za-z]"
    r"|" + _VALID_ROMAN + r")[.)]|" + _ORDINAL_WORDS + r"[.:])"
)
# A numbered item run in after a colon or semicolon and a space or dash: "objects: 1st. The mode ...;
# 2d. The tenure", "objects:\u20141. The mode". Its period is the marker's, not a sentence end
# (but "at 10:30." and "Luke 3:16." end sentences: no space after the colon).
_MARKER_AFTER_COLON = re.compile(
    r"(?::(?:[ \t\n\u00a0]+|[ \t\n\u00a0]*(?:\u2014|\u2013|--?)[ \t\n\u00a0]*)(?:1|\d{1,3}(?:st|nd|rd|th|d)|"
    + _ORDINAL_WORDS + r")"
    r"|;(?:[ \t\n\u00a0]+|[ \t\n\u00a0]*(?:\u2014|\u2013|--?)[ \t\n\u00a0]*)(?:\d{1,3}(?:st|nd|rd|th|d)|\d{1,2}|"
    + _ORDINAL_WORDS + r"))\."
)
# (after a colon a plain number is a list's first item only, "objects: 1. The mode": "the
# victims' ages: 12. Police said" ends a sentence; after a semicolon, "…judges; 2. The tenure")

# Abbreviations that never end a sentence (titles before a name, "v." in case names, ...),
# compared with the token's first letter upper-cased and the rest lower ("MR" -> "Mr").
NEVER_END = frozenset([
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs", "Rev", "Revd",
    "Hon", "Gen", "Gov", "Sen", "Rep", "Reps", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Brig",
    "Cpl", "Pvt", "Supt", "Det", "Insp", "Pres", "Fr", "Msgr", "Atty", "Mssrs", "Vs", "Cf", "Viz",
])
NEVER_END_EXACT = frozenset(["MM"])  # French "Messieurs" (not "Mm.", a word of its own)
NEVER_END_LOWER = frozenset([
    "v", "vs", "pp", "cf", "viz", "e.g", "i.e", "ibid", "seq", "et", "rel",  # "United States ex rel. Briggs"
    # a dictionary's parts of speech: "ABSCOND, v.i. To move…", "ABSENT, adj. Peculiarly…"
    "adj", "adv", "pron", "prep", "conj", "interj", "v.i", "v.t",
])
# Abbreviations that may end a sentence: they do only before a word that starts sentences.
# Capitalised ones (states, reporters, months, companies) are matched capitalised only, so
# "mass." and "ill." stay words.
MAY_END = frozenset([
    "Inc", "Co", "Corp", "Cos", "Ltd", "Llc", "Plc", "Bros", "Jr", "Sr", "Esq", "St", "Ste", "Ave", "Blvd",
    "Rd", "Hwy", "Mt", "Ft", "Dept", "Univ", "Assn", "Intl", "Natl", "Ry", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
    "Fri", "Sat", "Sun", "No", "Nos", "Vol", "Vols", "Ch", "Chs", "Art", "Arts", "Sec", "Secs", "Para", "Pt",
    "Pts", "Fig", "Figs", "Ex", "Exh", "Cl", "Id", "Ibid", "Op", "Cit", "Supra", "Pet", "Wall", "Wheat",
    "Cranch", "Dall", "How", "Black", "Ed", "Eds", "Ct", "Cas", "Fed", "Supp", "App", "Div", "Cir", "Dist",
    "Super", "Crim", "Civ", "Misc", "Stat", "Reg", "Ann", "Am", "Jur", "So", "Pa", "Mass", "Cal", "Ill", "Va",
    "Md", "Mich", "Minn", "Wis", "Conn", "Tenn", "Ky", "Ga", "Ala", "Ark", "Fla", "Ind", "Kan", "La", "Miss",
    "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Tex", "Vt", "Wash", "Wyo", "Colo", "Del", "Ariz", "Ia", "Me",
    "Penn", "Eng", "Sup", "Rptr", "Cong", "Sess", "Chap", "Chaps",
    # in the names of parties and codes, as courts cite them ("Sentry Ins. Co.", "Western Elec.
    # Co.", "Tex. Bus. & Com. Code", "Ill. Const. 1970", "Mem. Op. at 11"), a trial on opinions
    "Ins", "Indus", "Elec", "Coop", "Mem", "Bus", "Com", "Const", "Mfg", "Bd", "Comm", "Educ", "Hosp", "Mut",
    "Prods", "Sav", "Serv", "Sys", "Tel", "Transp", "Util", "Admin", "Agric", "Auth", "Ctr", "Dev", "Equip",
    "Envtl", "Invs", "Mgmt",
    # the federal rules as the Supreme Court cites them ("Fed. Rule Civ. Proc. 60(b)", "Fed. Rules
    # Bkrtcy. Proc. 9024", "Fed. Rule Evid. 403"), a trial on slip opinions
    "Proc", "Bkrtcy", "Evid", "Prac",
])
# Given names written short in older texts ("Fred. Douglass", "Geo. Washington", "Wm. Lloyd
# Garrison"): like MAY_END, a sentence ends after one only before a word that starts sentences,
# so "I met Fred. He left." still ends at "Fred.".
GIVEN_NAMES = frozenset(["Fred", "Wm", "Geo", "Chas", "Thos", "Jas", "Jno", "Benj", "Saml", "Robt", "Edw",
                         "Richd", "Alex", "Jos", "Danl", "Nathl", "Theo", "Hy"])
MAY_END = MAY_END | GIVEN_NAMES
# Abbreviations that number what follows: before a Roman numeral they end nothing ("Vol. I,
# page 186", "Chap. XII"), where "I" would otherwise read as the pronoun starting a sentence.
NUMBERING = frozenset(["No", "Nos", "Vol", "Vols", "Ch", "Chs", "Chap", "Chaps", "Art", "Arts", "Sec", "Secs",
                       "Pt", "Pts", "Para"])
MAY_END_LOWER = frozenset([
    "etc", "al", "ed", "eds", "approx", "id", "eff",  # "R. 37C, eff. July 1, 2000"
])
# Lower-case abbreviations only before a number ("no. 5", "art. 12", "ch. 3"); elsewhere words.
BEFORE_NUMBER_LOWER = frozenset([
    "no", "nos", "vol", "vols", "ch", "art", "arts", "sec", "secs", "fig", "figs", "p", "pp", "para", "pt",
    "op", "cir", "app", "supp", "ca", "est", "sect", "sects", "cl", "cls", "chap", "chaps", "art",
])
# Words that start a sentence after an abbreviation such as "U.S.", "Co." or an initial.
SENTENCE_STARTERS = frozenset([
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
    "but", "and", "so", "yet", "his", "her", "its", "their", "our", "my", "in", "on", "at", "after", "before",
    "when", "while", "if", "however", "meanwhile", "then", "still", "also", "as", "for", "from", "with", "by",
    "to", "not", "no", "one", "some", "many", "most", "all", "both", "each", "every", "such", "what", "which",
    "who", "whom", "whose", "why", "how", "where", "here", "now", "thus", "hence", "since", "although",
    "though", "because", "during", "under", "over", "only", "even", "once", "until", "unless", "later",
    "today", "yesterday", "moreover", "furthermore", "indeed", "instead", "nevertheless", "nonetheless",
    "accordingly", "consequently", "finally", "first", "second", "third", "nor", "or",
    "others", "few", "several", "another", "none", "neither", "either", "let",
])

# Months a day's ordinal comes before ("am 26. Oktober", "den 1. maj", "26. lokakuuta"): German,
# Scandinavian, Dutch, Finnish, Czech and Polish write a day so. English does not, and its
# "May" and "March" are also words ("I counted 12. May we go?"), so English names are not here.
MONTHS_AFTER_ORDINAL = frozenset((
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "januari",
    "februari", "maart", "mei", "augustus", "marts", "maj", "mars", "tammikuuta", "helmikuuta",
    "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta",
    "lokakuuta", "marraskuuta", "joulukuuta", "ledna", "února", "března", "dubna", "května", "června",
    "července", "srpna", "září", "října", "listopadu", "prosince", "stycznia", "lutego", "marca", "kwietnia",
    "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
))
_NUMBERED_BEFORE = re.compile(r"\b(?:chap|ch|book|bk|vol|sect|sec|art|part|pt|no|lib|cap)\.\s*$", re.I)
SHARED_MONTHS = frozenset(("april", "august", "september", "november"))
_YEAR_AFTER = re.compile(r"[^\S\n]+\d{4}(?!\d)")
# German writes an ordinal as a number and a stop ("des 10. Jubiläums", "im 19. Jahrhundert"):
# after an article or a preposition joined with one, before a noun (a capital), it ends nothing;
# before a word that starts a German sentence ("bis zum 10. Dann …") it may.
_ORDINAL_BEFORE_NOUN = re.compile(r"(?<!\w)(?:des|dem|der|den|die|das|im|am|zum|zur|vom|beim|ins)\s+$", re.I)
GERMAN_STARTERS = frozenset(("der", "die", "das", "er", "sie", "es", "ich", "wir", "ihr", "man", "dann", "doch",
                             "aber", "und", "so", "da", "nun", "ein", "eine", "dies", "diese", "dieser", "auch",
                             "in", "im", "am", "an", "auf", "mit", "nach", "wenn", "als", "wie", "was"))
_WORD_BEFORE_DAY = re.compile(r"\b(?:am|den|dem|vom|zum|bis|ab|seit|der|op|tot|van|fra|til|od|do|"
                              r"(?:mon|diens|donners|frei|sams|sonn)tag,|mittwoch,|sonnabend,)\s+$", re.I)

# A citation sentence: "Olson v. United States, 292 U.S. 246, 262.", "90 F. (2d) 603.", "Id. at 5."
_ONE_CITE = (
    r"(?:(?:[A-Z][\w'\u2019.&-]*,?\s+){0,8}?v\.\s+[^;]{1,90}?,\s+)?"
    r"\d{1,4}\s+(?:(?:[A-Z][A-Za-z.]*|[a-z]{1,3}\.)\s?(?:\(\d?[a-z]{0,2}\)\s?|\d[a-z]{1,2}\s?)?){1,5}\s*"
    r"(?:\u00a7\u00a7?\s*\d{1,5}[a-z]?(?:[.-]\d{1,5})*(?:\([0-9a-z]{1,4}\))*|\d{1,5})"  # "9 U.S.C. \u00a7 2"
    r"(?:,\s*\d{1,5}(?:[-\u2013]\d{1,5})?)*(?:,?\s*No\.\s*[\d,]{1,7})?(?:\s*\([^()]{0,40}\))?"
)
# Chapter and verse: "21:18-21", "24: 16", "1:1-3, 5"; a scripture citation: "Deut. 21:18-21",
# "2 Chron. 19:5-10", "Ex. 3:10", "Verse 21".
_CHAPTER_VERSE = re.compile(r"\d{1,3}:\s?\d{1,3}\b")
_VERSES = r"\d{1,3}:\s?\d{1,3}(?:[-\u2013]\d{1,3})?(?:,\s?\d{1,3}(?:[-\u2013]\d{1,3})?)*"
_SCRIPTURE = (r"(?:(?:[1-3]\s)?[A-Z][a-z]{1,10}\.?\s" + _VERSES + r"(?:[;,]?\s(?:and\s)?(?:[1-3]\s)?[A-Z][a-z]{1,10}\.?\s"
              + _VERSES + r")*|(?:Verses?|Ver\.|Vs\.)\s\d{1,3}(?:[-\u2013]\d{1,3})?)")
_CITATION = re.compile(
    r"(?:(?:See also|See|Cf\.|Accord|But see|Compare|E\.g\.,?)\s+)?"
    r"(?:" + _SCRIPTURE + "|"
    r"" + _ONE_CITE + r"(?:\s*[;,]\s*" + _ONE_CITE + r")*|(?:Id|Ibid)\.(?:,?\s*at\s+\d{1,5}(?:[-\u2013]\d{1,5})?)?"
    r"|(?:[A-Z][\w'\u2019-]+\s){0,2}[A-Z][\w'\u2019-]+,\s(?:p{1,2}\.\s?|at\s)?\d{1,4}(?:[-\u2013]\d{1,4})?)"
    r"\s*[.;]?[\"'\u201d\u2019]?\s*(?:\[\d{1,3}\])?\s*$"
)

# Lines inside a paragraph.
_BULLET_LINE = re.compile(r"[\u2022\u25e6\u25aa\u2023\u25cf\u25cb\u00b7\u2043]\s")
_LINE_END_PUNCT = ",;:.!?\u2014\u2013-)\"'\u201d\u2019\u2026]_*"
_LINE_CONTINUES = ",;(&-\u2014\u2013"


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _norm(s: str) -> str:
    return " ".join(s.lstrip("#").split()).casefold()


def split_paragraphs(text: str, title_hint: str | None = None) -> tuple[array, array, list[str]]:
    """Paragraph starts, ends and kinds (title, subtitle, caption, heading, separator, body).

    The first paragraph is the title only with a sign: a Markdown heading (``# ...``), the
    text of ``title_hint`` (front matter's ``title:``), or a short single line followed by a
    blank line. Without one there is no title paragraph.
    """
    spans = [m.span(1) for m in _PARAGRAPH.finditer(text)]
    if not spans:
        return array("q"), array("q"), []
    starts = array("q", map(itemgetter(0), spans))
    ends = array("q", map(itemgetter(1), spans))
    n = len(starts)
    kinds = [BODY] * n
    split_first = []  # paragraphs whose first line is a separator with text right below it
    for i in range(n):
        s, e = starts[i], ends[i]
        if text[e - 1] in _WS:
            e = ends[i] = _trim_end(text, s, e)
        c = text[s]
        if c in _SEP_FIRST:
            if c == "#" and _MD_HEADING.match(text, s) and text.find("\n", s, e) == -1:
                kinds[i] = HEADING
            elif _SEPARATOR.fullmatch(text, s, e):
                kinds[i] = SEPARATOR
            elif c != "#":
                nl = text.find("\n", s, e)
                if nl != -1 and _SEPARATOR.fullmatch(text, s, nl):
                    split_first.append(i)
        elif text[e - 1] == ")":
            if e - s <= 300 and _CAPTION.search(text, s, e):
                kinds[i] = CAPTION
        elif e - s <= 80 and c.isupper() and text.find("\n", s, e) == -1:
            line = text[s:e]
            if _in_capitals(line):
                kinds[i] = HEADING  # a short line in capitals: "MADISON", "II. SELF-RELIANCE."
    if text[starts[0]] == "#" and kinds[0] == BODY and _MD_HEADING.match(text, starts[0]):
        split_first.insert(0, 0)  # "# Title" with text right below it: the heading is a paragraph
    if split_first:
        starts, ends, kinds = _split_first_lines(text, starts, ends, kinds, split_first)
    if ">" in text and (text.lstrip()[:1] == ">" or _QUOTED_LINE.search(text) is not None):
        starts, ends, kinds = _split_quoted(text, starts, ends, kinds)
    if _is_title(text, starts, ends, kinds, title_hint):
        kinds[0] = TITLE
        if len(kinds) > 2 and kinds[1] == BODY and ends[1] - starts[1] <= 400:
            kinds[1] = SUBTITLE
    return starts, ends, kinds


# An e-mail's quoted line: "> text", ">> text", "> > text".
_QUOTED_LINE = re.compile(r"\n[^\S\n]*>")  # after a line break: (?m)^ costs 85 ms on 5.6 MB
_QUOTE_MARKS = re.compile(r"[^\S\n]*(?:>[^\S\n]?)+")


def _quote_depth(line: str) -> tuple[int, bool]:
    """How many ">" open the line, and whether anything follows them."""
    m = _QUOTE_MARKS.match(line)
    if m is None:
        return 0, bool(line.strip())
    return m.group().count(">"), bool(line[m.end():].strip())


def _split_quoted(text: str, starts: array, ends: array, kinds: list[str]) -> tuple[array, array, list[str]]:
    """An e-mail's quoting: a paragraph whose lines change depth ("…wrote:" | "> Hi," | ">> Hi
    folks") is cut where the depth changes, and at a quoted blank line (">", ">>"): each quoted
    paragraph of the thread is one of its own (its lines kept, see kept_lines), not all the
    thread reflowed into one with its ">" marks inline."""
    new_s, new_e, new_k = array("q"), array("q"), list[str]()
    for i in range(len(starts)):
        s, e = starts[i], ends[i]
        if kinds[i] != BODY or (text[s] != ">" and (text.find(">", s, e) == -1 or _QUOTED_LINE.search(text, s, e) is None)):
            new_s.append(s)
            new_e.append(e)
            new_k.append(kinds[i])
            continue
        group_start, group_end, group_depth = -1, -1, -1
        pos = s
        while pos < e:
            nl = text.find("\n", pos, e)
            line_end = e if nl == -1 else nl
            depth, filled = _quote_depth(text[pos:line_end])
            if group_start != -1 and (depth != group_depth or not filled):
                new_s.append(group_start)
                new_e.append(group_end)
                new_k.append(_kind(text, group_start, group_end) if group_depth == 0 else BODY)
                group_start = -1
            if filled:
                if group_start == -1:
                    group_start, group_depth = pos + len(text[pos:line_end]) - len(text[pos:line_end].lstrip()), depth
                group_end = _trim_end(text, pos, line_end)
            pos = line_end + 1
        if group_start != -1:
            new_s.append(group_start)
            new_e.append(group_end)
            new_k.append(_kind(text, group_start, group_end) if group_depth == 0 else BODY)
    return new_s, new_e, new_k


def _in_capitals(line: str) -> bool:
    """Every letter a capital, and at least four: str.isupper() also holds for "CJK 全角文字",
    whose letters have no case, and a Japanese paragraph became one unsplit heading."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _kind(text: str, s: int, e: int) -> str:
    """The kind of one paragraph, as the loop in split_paragraphs decides it."""
    c = text[s]
    single = text.find("\n", s, e) == -1
    if c == "#" and _MD_HEADING.match(text, s) and single:
        return HEADING
    if c in _SEP_FIRST and _SEPARATOR.fullmatch(text, s, e):
        return SEPARATOR
    if text[e - 1] == ")" and e - s <= 300 and _CAPTION.search(text, s, e):
        return CAPTION
    if e - s <= 80 and c.isupper() and single:
        line = text[s:e]
        if _in_capitals(line):
            return HEADING
    return BODY


def _split_first_lines(
    text: str, starts: array, ends: array, kinds: list[str], which: list[int],
) -> tuple[array, array, list[str]]:
    """Make the separator line that opens each paragraph in ``which`` a paragraph of its own."""
    new_s, new_e, new_k = array("q"), array("q"), list[str]()
    prev = 0
    for i in which:
        new_s.extend(starts[prev:i])
        new_e.extend(ends[prev:i])
        new_k.extend(kinds[prev:i])
        s, e = starts[i], ends[i]
        nl = text.find("\n", s, e)
        rest = nl + 1
        while text[rest].isspace():
            rest += 1
        new_s.extend((s, rest))
        new_e.extend((_trim_end(text, s, nl), e))
        new_k.extend((HEADING if text[s] == "#" else SEPARATOR, _kind(text, rest, e)))
        prev = i + 1
    new_s.extend(starts[prev:])
    new_e.extend(ends[prev:])
    new_k.extend(kinds[prev:])
    return new_s, new_e, new_k


def _is_title(text: str, starts: array, ends: array, kinds: list[str], title_hint: str | None) -> bool:
    s, e = starts[0], ends[0]
    single = text.find("\n", s, e) == -1
    if kinds[0] == HEADING and text[s] == "#":
        return True
    if title_hint and e - s <= 400 and _norm(text[s:e]) == _norm(title_hint):
        return True
    if not single or len(starts) < 2 or e - s > 150 or kinds[0] == SEPARATOR:
        return False
    if text.count("\n", e, starts[1]) < 2:
        return False  # no blank line after it
    line = text[s:e]
    words = len(line.split())
    if words > 25 or line[-1] in ":,;":
        return False
    # ending with a stop, a sentence or two rather than a title ("II. SELF-RELIANCE." is one)
    if line[-1] == "." and not line.isupper() and (words > 12 or len(split_sentences(text, s, e)) > 1):
        return False
    # a line that ends like a sentence is a title only in capitals or title case ("Is the Mayor
    # Right?"); an e-mail's "Oh thanks." had been its title, the next line its subtitle
    return line[-1] not in ".!?" or _title_case(line)


def _title_case(line: str) -> bool:
    """Every word of four letters or more starts with a capital (or the line has no case)."""
    words = [w.lstrip(_LINE_OPENERS) for w in line.split()]
    return all(not w[:1].islower() for w in words if len(w) >= 4)


_BULLET_CHARS = "\u2022\u25e6\u25aa\u2023\u25cf\u25cb\u00b7\u2043"
_SOFT_LINE = re.compile(r"(?:[*+\-\u2013]|\d{1,2}[.)]|\([A-Za-z0-9]{1,3}\))\s")
_OPENER_SET = frozenset("\"'\u201c\u2018\u00ab([{\u00bf\u00a1_*")
_BULLET_SET = frozenset(_BULLET_CHARS)
_SOFT_SET = frozenset("*+-\u2013(0123456789")
_DROP_PUNCT = str.maketrans(dict.fromkeys(_LINE_END_PUNCT))
_LINE_OPENERS = "\"'\u201c\u2018\u00ab([{\u00bf\u00a1_*"


def _line_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets inside a multi-line paragraph where a line break starts a new unit.

    Before a bullet line; after a line ending with a colon, before a capital; between the
    lines of a block of short lines (page chrome, an address, a list without markers); and
    after an early line end in wrapped prose. Verse (lines starting with capitals, many of
    them ending with punctuation) runs on: only its sentences are cut. String methods
    first, so a paragraph with nothing to cut costs little.
    """
    para = text[start:end]
    lines = para.split("\n")
    bodies = [ln.strip() for ln in lines]
    if "" in bodies:  # a blank line inside (a Markdown hard break): keep the lines with text
        return _line_cuts_slow(text, start, lines, bodies, False, False, 0, 0)
    if len(lines) == 2:  # the most common case, decided directly
        a, b = bodies
        last, c2 = a[-1], b[0]
        if c2 in _OPENER_SET:
            c2 = b.lstrip(_LINE_OPENERS)[:1] or c2
        cut = False
        if c2 in _BULLET_SET:
            cut = b[1:2].isspace()
        elif c2 in _SOFT_SET and _SOFT_LINE.match(b):
            cut = last in ".:;!?)" or _SOFT_LINE.match(a) is not None or a[0] in _BULLET_SET
        if not cut:
            if last == ":":  # "Dear Sir:" | "I write…"; not a couplet's first line ("…to scold her:" | "She…")
                cut = c2.isupper() and not (min(len(a), len(b)) >= 20 and max(len(a), len(b)) <= 60
                                            and a.lstrip(_LINE_OPENERS)[:1].isupper())
            elif a.count("(") <= a.count(")"):
                c1 = a.lstrip(_LINE_OPENERS)[:1] if a[0] in _OPENER_SET else a[0]
                maxlen = max(len(a), len(b))
                if (c1 + c2).upper() == c1 + c2:
                    cut = maxlen <= 60 and last not in _LINE_CONTINUES
                else:
                    cut = maxlen >= 40 and len(a) * 2 < maxlen and last.isalnum() and c2.isupper()
        if not cut:
            return []
        ln = lines[1]
        return [start + len(lines[0]) + 1 + len(ln) - len(ln.lstrip())]
    firsts = "".join([b[0] for b in bodies])
    if not _OPENER_SET.isdisjoint(firsts):
        firsts = "".join([b.lstrip(_LINE_OPENERS)[:1] for b in bodies])
    lasts = "".join([b[-1] for b in bodies[:-1]])
    n = len(firsts)
    bullets = not _BULLET_SET.isdisjoint(firsts)
    soft = not _SOFT_SET.isdisjoint(firsts)
    if bullets:  # the statistics below are about the other lines
        plain = [b for b in bodies if b and b[0] not in _BULLET_CHARS]
        firsts = "".join([b.lstrip(_LINE_OPENERS)[:1] for b in plain])
        lasts = "".join([b[-1:] for b in plain[:-1]])
        n = len(firsts)
    mode = 0  # 0 prose or verse: cut only at bullets and colons; 1 short lines; 2 prose with an early line end
    maxlen = max(map(len, bodies))
    if firsts.upper() == firsts:
        if maxlen <= 60 and not (n >= 3 and (len(lasts) - len(lasts.translate(_DROP_PUNCT))) * 3 >= len(lasts)):
            mode = 1
    elif maxlen >= 40 and any(len(b) * 2 < maxlen for b in bodies[:-1]):
        mode = 2
    if not (bullets or soft or mode):
        if n >= 3 and firsts.upper() == firsts:
            return []  # verse: every line starts with a capital, and a colon at a line's end goes on
        # Only a colon at a line's end, before a capital, can cut: find those lines alone.
        breaks = []
        i = lasts.find(":")
        while i != -1:
            if bodies[i + 1][:1].isupper():
                breaks.append(i)
            i = lasts.find(":", i + 1)
        return _break_offsets(start, lines, breaks)
    if not bullets and not soft and "(" not in para:
        breaks = []
        for i, last in enumerate(lasts):
            if last == ":" and bodies[i + 1][:1].isupper():
                breaks.append(i)
            elif mode == 1:
                if last not in _LINE_CONTINUES:
                    breaks.append(i)
            elif last.isalnum() and len(bodies[i]) * 2 < maxlen and bodies[i + 1][:1].isupper():
                breaks.append(i)  # an early line end in wrapped prose: a hard break
        return _break_offsets(start, lines, breaks)
    return _line_cuts_slow(text, start, lines, bodies, bullets, soft, mode, maxlen)


def _line_cuts_slow(
    text: str, start: int, lines: list[str], bodies: list[str], bullets: bool, soft: bool, mode: int, maxlen: int,
) -> list[int]:
    """The general case of _line_cuts: line by line, with bracket depth."""
    cuts = []
    pos = start
    depth = 0
    prev = ""
    for i, ln in enumerate(lines):
        body = bodies[i]
        if i and body and prev:
            ls = pos + len(ln) - len(ln.lstrip())
            c2 = body[0]
            last = prev[-1]
            bullet = c2 in _BULLET_CHARS and body[1:2].isspace()
            soft_item = _SOFT_LINE.match(body) is not None and (
                last in ".:;!?)" or _SOFT_LINE.match(prev) is not None or prev[0] in _BULLET_CHARS)
            if bullet or soft_item or (last == ":" and c2.isupper()):
                cuts.append(ls)
            elif depth > 0:
                pass
            elif mode == 1:
                if last not in _LINE_CONTINUES:
                    cuts.append(ls)
            elif mode == 2 and last.isalnum() and c2.isupper() and len(prev) * 2 < maxlen:
                cuts.append(ls)  # an early line end in wrapped prose: a hard break
        if body:
            if "(" in body or ")" in body:
                depth += body.count("(") - body.count(")")
            prev = body
        pos += len(ln) + 1
    return cuts


def _break_offsets(start: int, lines: list[str], breaks: list[int]) -> list[int]:
    """Offsets of the first non-space character of the line after each break index."""
    out = []
    pos, done = start, 0
    for i in breaks:
        while done <= i:
            pos += len(lines[done]) + 1
            done += 1
        ln = lines[i + 1]
        out.append(pos + len(ln) - len(ln.lstrip()))
    return out


def _find_closer(text: str, q: int, end: int) -> int:
    """Index of the quote mark closing the one at q (within _QUOTE_SPAN_MAX), or -1."""
    end = min(end, q + _QUOTE_SPAN_MAX + 1)
    ch = text[q]
    if ch == "\u201c":
        depth, i = 0, q + 1
        while True:
            a = text.find("\u201c", i, end)
            b = text.find("\u201d", i, end)
            if b == -1:
                return -1
            if a != -1 and a < b:
                depth += 1
                i = a + 1
            elif depth:
                depth -= 1
                i = b + 1
            else:
                return b
    if ch == '"':
        return text.find('"', q + 1, end)
    if ch == "\u00ab":
        return text.find("\u00bb", q + 1, end)
    close = "\u2019" if ch == "\u2018" else "'"
    i = q + 1
    while True:
        b = text.find(close, i, end)
        if b == -1:
            return -1
        nxt = text[b + 1] if b + 1 < end else " "
        if not nxt.isalpha() and text[b - 1] in ".!?,;:\u2014-":
            return b
        i = b + 1


_ROMAN = re.compile(r"[ivxlcdm]{1,7}|[IVXLCDM]{1,7}")
_NUMBERED_AS = re.compile(r"[IVXL]{1,6}")  # a volume's or chapter's numeral ("MIX" is a word)
_INLINE_MARKER = re.compile(r"\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+[A-Z]")
_ABBR_CHAIN = re.compile(r"([A-Z][A-Za-z]{0,3})\.\s+(?:\d|[A-Z][A-Za-z]{0,3}\.)")
# An opening quote mark: after a space, a bracket, a dash or the start (a straight single
# quote only before a capital, so apostrophes are not taken for quotes).
_QUOTE_OPEN = re.compile("[\"\u201c\u2018\u00ab'](?<![^\\s(\\[{\u2014\u2013\\-/].)(?:(?<!')|(?=[A-Z]))")
_QUOTE_SPAN_MAX = 3000
_RESUMED = re.compile("[\"\u201d]\\s*\\[[^\\[\\]]{1,200}\\]\\s*$")


def _next_word(text: str, j: int, end: int) -> str:
    k = j
    while k < end and text[k].isalpha():
        k += 1
    return text[j:k]


_NUMBER_SIGN = re.compile(r"(?:No|Nos|NO|NOS)\.\s?\d")


def _starts_sentence(text: str, j: int, end: int) -> bool:
    """Whether the word at j starts a sentence after an abbreviation or an initial: a starter,
    but not "No." before a number ("Pub. L. No. 105-298" had been cut after "L.")."""
    return _next_word(text, j, end).lower() in SENTENCE_STARTERS and _NUMBER_SIGN.match(text, j, end) is None


def _boundary(text: str, s: int, m: re.Match, end: int) -> bool:
    """Whether the candidate end m (inside the unit starting at s) ends a sentence."""
    ms, me = m.span()
    punct = text[ms]
    if punct in "\u3002\uff01\uff1f":
        return me < end
    j = me
    while j < end and text[j].isspace():
        j += 1
    if j < end and text[j] == ">" and text.find("\n", me, j) != -1:  # an e-mail's next quoted line
        while j < end and (text[j] == ">" or text[j] in " \t"):
            j += 1
    while j < end and text[j] in _OPENERS:
        j += 1
    if j >= end:
        return False
    nxt = text[j]
    if nxt in "\u2014\u2013" and text[j - 1].isspace():
        # ". — Next": a spaced dash after a stop opens the next sentence (1780s printing)
        k = j + 1
        while k < end and text[k].isspace():
            k += 1
        if k > j + 1 and k < end and text[k].isupper():
            j, nxt = k, text[k]
    group = m.group()
    if nxt.islower():
        if text[j - 1] == "(" and _INLINE_MARKER.match(text, j - 1, end):
            return True  # "... is not. (a) It fails."
        # Bluebook: four dots are a sentence end and an omission; what follows is a new one.
        return group.startswith((". . . .", ".\xa0.\xa0.\xa0."))
    if not (nxt.isalpha() or nxt.isdigit()):
        return False
    if punct in "!?":
        return True
    if punct == "…" or group.startswith(("..", ". .")):
        return group.startswith(". . . .") or nxt.isupper()
    # A period. What does it follow?
    if _MARKER.fullmatch(text, s, me):
        return False  # "1.", "1st.", "(a)", "iv.", "First." opening the unit
    lo = max(s, ms - 16)
    k = max(text.rfind(":", lo, ms), text.rfind(";", lo, ms))
    if k != -1 and _MARKER_AFTER_COLON.fullmatch(text, k, me):
        return False  # "objects: 1st. The mode ...", "judges;\u20142d. The tenure ..."
    tok = _TOKEN.search(text, max(s, ms - 30), ms)
    if tok is None:
        return True
    word = tok.group()
    if word.isdigit():
        # "am 26. Oktober", "le 1. mai": a day written as an ordinal, before its month
        month = _next_word(text, j, end).lower()
        if len(word) > 2:
            return True
        if month in MONTHS_AFTER_ORDINAL:
            return False
        if _ORDINAL_BEFORE_NOUN.search(text, max(s, tok.start() - 8), tok.start()) and nxt.isupper() \
                and month not in GERMAN_STARTERS:
            return False  # "im Jahr des 10. Jubiläums": an ordinal after an article, before its noun
        # April, August, September, November are English too: only after "am", "den", "vom"..., or
        # before a year ("Bis einschließlich 9. November 2021 registrierte…" had been cut after "9.")
        return not (month in SHARED_MONTHS and (_WORD_BEFORE_DAY.search(text, max(s, tok.start() - 12), tok.start())
                                                or _YEAR_AFTER.match(text, j + len(month), end)))
    if word in ("&c", "&C"):
        word = "etc"  # "Good, good, &c. Renewed laughter": et cetera
    elif ("\u2014" in word or "\u2013" in word) and re.search(r"[\u2014\u2013][^\u2014\u2013]+$", word):
        word = re.split(r"[\u2014\u2013]", word)[-1]  # "do just that\u2014Mr. Bowe": the title after the dash
    elif "." in word and not _DOTTED.fullmatch(word) and word.rsplit(".", 1)[1].isalpha():
        word = word.rsplit(".", 1)[1]  # "faction.DR. HOPE": a space lost after a stop; "DR." is a title
    if nxt.isdigit() and _ROMAN.fullmatch(word):
        return False  # "viii. 17", "Book II. 3": chapter and verse
    if len(word) == 1:
        if word.islower():
            return False  # "c. 20", "p. 604", "letter r. or"
        if word.isalpha():  # an initial, or "Plan B."
            if j + 1 < end and text[j + 1] == "." and nxt.isupper():
                return False  # a run of initials: "L. R. A.", "J. R. R. Tolkien"
            return nxt.isupper() and _starts_sentence(text, j, end)
        return True
    if "." in word and _DOTTED.fullmatch(word):
        if word.lower().rstrip(".") in NEVER_END_LOWER:
            return False
        return nxt.isupper() and _starts_sentence(text, j, end)  # "U.S.", "p.m."
    first = word[0]
    if first.isupper():
        title = first + word[1:].lower()
        if title in NEVER_END or word in NEVER_END_EXACT:
            return False
        if len(word) <= 6 and word.isalpha():
            chain = _ABBR_CHAIN.match(text, j, end)
            if chain is not None and chain.group(1) not in NEVER_END:
                return False  # a chain of abbreviations: "Sup. Ct. Rep. 586", "Fed. Cas. 281"
        if title in NUMBERING and _NUMBERED_AS.fullmatch(_next_word(text, j, end)):
            after = j + len(_next_word(text, j, end))
            numeral = _next_word(text, j, end)
            # "Vol. I, page 186", "Chap. XII is"; but "No. I voted", "No. I'm", "Art. I think"
            # are an answer and the pronoun, or a man named Art
            if after >= end or ((text[after] in ",.;:)]" or text.startswith(" [", after)) if numeral == "I"
                                else not text[after].isalnum()):
                return False
        if len(word) <= 6 and word.isalpha() and nxt.isdigit() and _CHAPTER_VERSE.match(text, j, end):
            return False  # "Deut. 21:18-21", "2 Chron. 19:5-10": a book and its chapter and verse
        if title in MAY_END or (len(word) <= 3 and word.isalpha() and nxt.isdigit()):
            # "Co.", "Pa. 203", "Jan. 5": an abbreviation; a sentence end only before a starter
            return not nxt.isdigit() and _starts_sentence(text, j, end)
        return True
    if first.islower():
        if word in NEVER_END_LOWER:
            return False
        if _ROMAN.fullmatch(word.upper()) and _NUMBERED_BEFORE.search(text, max(s, tok.start() - 8), tok.start()):
            # "Chap. xvi. Vol. I": a numeral after what it numbers; an end only before a starter
            return _starts_sentence(text, j, end)
        if nxt.isdigit() and word in BEFORE_NUMBER_LOWER:
            return False
        if word in BEFORE_NUMBER_LOWER and _NUMBERED_AS.fullmatch(numeral := _next_word(text, j, end)) \
                and (j + len(numeral) >= end or text[j + len(numeral)] in ",.;:)]"):
            return False  # "Ill. Const. 1970, art. I, § 11": an article's numeral
        if word in MAY_END_LOWER:
            return not nxt.isdigit() and _starts_sentence(text, j, end)
    return True


def split_sentences(text: str, start: int, end: int, kind: str = BODY) -> list[tuple[int, int]]:
    """Sentence spans of the paragraph text[start:end]: ordered, non-overlapping, covering it."""
    if kind in WHOLE_KINDS or start >= end:
        return [(start, end)] if start < end else []
    multiline = text.find("\n", start, end) != -1
    if not multiline and end - start <= 100 and text[end - 1].isalnum():
        return [(start, end)]  # a line without a final stop: a label, byline or dateline
    forced: list[int] = _line_cuts(text, start, end) if multiline else []
    nf = len(forced)
    fi = 0
    nextf = forced[0] if nf else end + 1
    qm = _QUOTE_OPEN.search(text, start, end)
    nextq = qm.start() if qm is not None else end + 1
    spans: list[tuple[int, int]] = []
    s = start
    quiet_until = -1  # inside a quotation that opened mid-sentence: no cuts before this offset
    asides = _asides(text, start, end)  # short brackets: "(Good, good, &c. Renewed laughter.)"
    # a Markdown list item's number, whatever its size ("1003. Felix G." had been "1003." | "Felix G.")
    marker = _ITEM_NUMBER.match(text, start, end) if kind == LIST_ITEM else None
    item_marker = marker.end() if marker is not None else -1
    ai = 0
    for m in _END.finditer(text, start, end):
        ms = m.start()
        while ai < len(asides) and asides[ai][1] < ms:
            ai += 1
        if ai < len(asides) and asides[ai][0] < ms and m.end() <= asides[ai][1]:
            continue  # a stop inside a short bracket ends nothing: the bracket is one aside
        while nextf <= ms:  # line breaks that start a unit, before this stop
            if nextf > s:
                b = nextf - 1
                while text[b - 1].isspace():
                    b -= 1
                _add(text, spans, s, b)
                s = nextf
            fi += 1
            nextf = forced[fi] if fi < nf else end + 1
        while nextq < ms:  # quotations opening before this stop
            if nextq >= s and nextq > quiet_until:
                quiet_until = _quote_quiet(text, s, end, nextq, quiet_until)
            qm = _QUOTE_OPEN.search(text, nextq + 1, end)
            nextq = qm.start() if qm is not None else end + 1
        me = m.end()
        if me <= s or me <= quiet_until or me >= end or me <= item_marker:
            continue
        if not _boundary(text, s, m, end):
            continue
        _add(text, spans, s, me)
        s = me
        while text[s].isspace():
            s += 1
    while fi < nf:
        f = forced[fi]
        if f > s:
            b = f - 1
            while text[b - 1].isspace():
                b -= 1
            _add(text, spans, s, b)
            s = f
        fi += 1
    _add(text, spans, s, end)
    return spans


_ITEM_NUMBER = re.compile(r"\d{1,9}[.)]")
_ASIDE_MAX = 160  # characters a bracket may hold and still be one aside, never cut
_BRACKETS = re.compile(r"[()\[\]]")


def _asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) of each outermost "(...)" or "[...]" in text[start:end] that holds a stop
    and closes within _ASIDE_MAX characters: a stage direction in a transcript ("(Cheers.)",
    "(Exactly so! Cheers.)"), an editor's insertion, a short parenthetical remark."""
    if text.find("(", start, end) == -1 and text.find("[", start, end) == -1:
        return []
    out = []
    stack: list[tuple[str, int]] = []
    for m in _BRACKETS.finditer(text, start, end):
        ch, at = m.group(), m.start()
        if ch in "([":
            stack.append((ch, at))
            continue
        want = "(" if ch == ")" else "["
        if not stack or stack[-1][0] != want:
            stack.clear()  # "1) First": a closer without its opener ends every bracket open
            continue
        _, o = stack.pop()
        if not stack and at - o <= _ASIDE_MAX and _STOP_INSIDE.search(text, o + 1, at):
            out.append((o, at))
    return out


_STOP_INSIDE = re.compile(r"[.!?\u2026][\"'\u201d\u2019]*\s")


# A section or statute cited in brackets after the sentence it supports: "(Section 1201(c)(3)).",
# "(17 U.S.C. 512(j))."; a number inside, no sentence inside ("(Applause.)" is one of its own).
# It opens with a number or what a citation names, so a translation in brackets stays apart
# ("The 105 should have a bike path. (La route 105 devrait…)").
_BRACKETED_CITE = re.compile(
    r"\((?=[^()]*\d)(?:\d|\u00a7|(?:Sections?|Secs?\.|Articles?|Arts?\.|Rules?|Title|Pub\.|Stat\.|Id\.|See|Cf\.|"
    r"Fig\.|Figures?|Tables?|Appendix|App\.|Chapter|Ch\.|Clause|Part|Paragraph|Para\.|Exhibit|Ex\.|pp?\.)\s)"
    r"(?:(?!\.\s+[A-Z][a-z])[^()!?]){0,60}(?:\([0-9A-Za-z]{1,4}\)[^()!?]{0,20})*\)[.;]?[\"'\u201d\u2019]?\s*$")


def _add(text: str, spans: list, a: int, b: int) -> None:
    """Append the unit [a, b); a citation sentence joins the sentence before it instead."""
    if spans and _BRACKETED_CITE.match(text, a, b):
        spans[-1] = (spans[-1][0], b)
        return
    if spans:
        k = b - 1
        while k > a and text[k] in ".;\"'\u201d\u2019":
            k -= 1
        c = text[k]
        if (c.isdigit() or c == ")" or c == "]" or (c == "d" and text.startswith(("Id.", "Ibid."), a))) \
                and _CITATION.match(text, a, b):
            spans[-1] = (spans[-1][0], b)
            return
    spans.append((a, b))


def _quote_quiet(text: str, s: int, end: int, q: int, quiet_until: int) -> int:
    """quiet_until, extended over the quotation opening at q if it opens inside the unit at s."""
    k = s
    mk = _MARKER.match(text, s, q)  # a list marker or bullet before it: still the unit's opening
    if mk is not None:
        k = mk.end()
    else:
        bl = _BULLET_LINE.match(text, s, q)
        if bl is not None:
            k = bl.end()
    while k < q and (text[k].isspace() or text[k] in _OPENERS):
        k += 1
    if k >= q:
        return quiet_until  # the unit opens with the quotation: its sentences are cut
    if text[q - 1] == " " and _RESUMED.search(text, max(s, q - 240), q):
        return quiet_until  # '..." [an editor's insertion] "...': the quotation before goes on
    c = _find_closer(text, q, end)
    if c != -1 and c - q <= _QUOTE_SPAN_MAX:
        return max(quiet_until, c)
    return quiet_until
