"""Ordinals used as list markers ("1st.", "2d.", "3rd.", "Secondly.") belong to their item.

Found by a user on The Federalist No. 78 (1788), whose list of "several objects: 1st. The mode ...
2d. The tenure ... 3d. The partition ..." was cut into "1st." | "The mode ..." | "2d." | ..., and on
Brutus No. XV, whose paragraph "1st. There is no power above them ..." lost its "1st." to a sentence
of its own. An ordinal in figures with a period that opens a unit, or follows a colon or semicolon
(and perhaps a dash, as in the 1788 McLean printing), is a list marker; elsewhere ("He came in 1st.")
it may end a sentence as before.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sentences import units

FEDERALIST_78 = (
    "In unfolding the defects of the existing Confederation, the utility and necessity of a federal "
    "judicature have been clearly pointed out. It is the less necessary to recapitulate the considerations "
    "there urged, as the propriety of the institution in the abstract is not disputed; the only questions "
    "which have been raised being relative to the manner of constituting it, and to its extent. To these "
    "points, therefore, our observations shall be confined. The manner of constituting it seems to embrace "
    "these several objects: 1st. The mode of appointing the judges. 2d. The tenure by which they are to hold "
    "their places. 3d. The partition of the judiciary authority between different courts, and their "
    "relations to each other."
)


def test_federalist_78_ordinals_open_their_items():
    assert units(FEDERALIST_78)[3:] == [
        "The manner of constituting it seems to embrace these several objects: 1st. The mode of appointing "
        "the judges.",
        "2d. The tenure by which they are to hold their places.",
        "3d. The partition of the judiciary authority between different courts, and their relations to each "
        "other.",
    ]


def test_federalist_78_hard_wrapped_as_in_a_plain_text_edition():
    text = (
        "The manner of constituting it seems to embrace these several objects: 1st.\n"
        "The mode of appointing the judges. 2d. The tenure by which they are to\n"
        "hold their places. 3d. The partition of the judiciary authority between\n"
        "different courts, and their relations to each other."
    )
    got = [" ".join(u.split()) for u in units(text)]
    assert got == [
        "The manner of constituting it seems to embrace these several objects: 1st. The mode of appointing "
        "the judges.",
        "2d. The tenure by which they are to hold their places.",
        "3d. The partition of the judiciary authority between different courts, and their relations to each "
        "other.",
    ]


def test_federalist_78_with_the_dashes_of_the_1788_printing_is_one_sentence():
    # "objects:\u20141st. The mode of appointing the Judges;\u20142d. ..." : the items end in semicolons,
    # so the whole list is one sentence, and no ordinal is cut off.
    text = (
        "The manner of constituting it seems to embrace these several objects:\u20141st. The mode of "
        "appointing the Judges;\u20142d. The tenure by which they are to hold their places;\u20143d. The "
        "partition of the Judiciary authority between different courts, and their relations to each other."
    )
    assert units(text) == [text]


def test_brutus_15_paragraph_opening_with_an_ordinal():
    text = (
        "1st. There is no power above them, to controul any of their decisions. There is no authority that "
        "can remove them, and they cannot be controuled by the laws of the legislature.\n\n"
        "2d. They have the power to pass judgment on the laws themselves."
    )
    assert units(text) == [
        "1st. There is no power above them, to controul any of their decisions.",
        "There is no authority that can remove them, and they cannot be controuled by the laws of the "
        "legislature.",
        "2d. They have the power to pass judgment on the laws themselves.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every spelling of an ordinal in figures, opening the unit
        ("The powers are these. 1st. To lay taxes. 2nd. To borrow money. 3rd. To regulate commerce.",
         ["The powers are these.", "1st. To lay taxes.", "2nd. To borrow money.", "3rd. To regulate commerce."]),
        ("He named three more. 4th. The post office. 21st. The mint. 22d. The courts.",
         ["He named three more.", "4th. The post office.", "21st. The mint.", "22d. The courts."]),
        # after a semicolon
        ("Two objections remain; 1st. The expense of it. 2d. The delay.",
         ["Two objections remain; 1st. The expense of it.", "2d. The delay."]),
        # plain numbers and ordinal words after a colon are list markers too
        ("It embraces these objects: 1. The mode of appointing the judges. 2. The tenure of their places.",
         ["It embraces these objects: 1. The mode of appointing the judges.", "2. The tenure of their places."]),
        ("It embraces these objects: First. The mode of appointing the judges. Second. The tenure.",
         ["It embraces these objects: First. The mode of appointing the judges.", "Second. The tenure."]),
        # an ordinal that does not open the sentence still ends it
        ("He came in 1st. Then he left.", ["He came in 1st.", "Then he left."]),
        ("The letter is dated March 3d. The reply came a month later.",
         ["The letter is dated March 3d.", "The reply came a month later."]),
        # a colon inside a time or a verse reference is not one before a list
        ("We met at 10:30. Then we left.", ["We met at 10:30.", "Then we left."]),
        ("Read Luke 3:16. The verse is short.", ["Read Luke 3:16.", "The verse is short."]),
    ],
)
def test_ordinals_in_figures(text, expected):
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Federalist No. 78's own headings: the ordinal word heads a sentence-like item
        ("First. As to the mode of appointing the judges; this is the same with that of appointing the "
         "officers of the Union in general.",
         ["First. As to the mode of appointing the judges; this is the same with that of appointing the "
          "officers of the Union in general."]),
        ("Secondly. As to the tenure by which the judges are to hold their places: this chiefly concerns "
         "their duration in office. Thirdly. As to the partition of the judiciary authority.",
         ["Secondly. As to the tenure by which the judges are to hold their places: this chiefly concerns "
          "their duration in office.", "Thirdly. As to the partition of the judiciary authority."]),
    ],
)
def test_ordinal_words_are_not_one_word_sentences(text, expected):
    assert units(text) == expected


def ordinal(n: int, old_style: bool) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "d" if old_style else "nd", 3: "d" if old_style else "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


ITEMS = [
    "The mode of appointing the judges.",
    "The tenure by which they are to hold their places.",
    "The partition of the judiciary authority between different courts.",
    "There is no power above them, to controul any of their decisions.",
    "The legislature has no power to set aside their judgment.",
    "Their decisions are final and conclusive.",
]


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=6),
    first=st.integers(min_value=1, max_value=120),
    old_style=st.booleans(),
    lead=st.sampled_from(["", "These are the several objects: ", "These are the several objects:\u2014",
                          "Two objections remain; ", "The powers are these. "]),
)
def test_no_ordinal_is_a_unit_of_its_own(items, first, old_style, lead):
    marks = [ordinal(first + i, old_style) + ". " for i in range(len(items))]
    text = lead + "".join(m + it + " " for m, it in zip(marks, items, strict=True)).rstrip()
    got = units(text)
    # each item is one unit, opening with its ordinal; the first may keep the words leading into it
    assert len(got) == len(items) + (lead.endswith(". "))
    assert got[-len(items):][1:] == [m + it for m, it in zip(marks[1:], items[1:], strict=True)]
    assert got[-len(items)].endswith(marks[0] + items[0])
    assert all(len(u.split()) > 1 for u in got)


@pytest.mark.parametrize("text,expected", [
    ("Spirit of Laws. Vol. I, page 186. Next sentence here.", ["Spirit of Laws.", "Vol. I, page 186.", "Next sentence here."]),
    ("Chap. XII is long. It ends.", ["Chap. XII is long.", "It ends."]),
    ("He wrote it in No. I. It was good.", ["He wrote it in No. I.", "It was good."]),
    ("This is the end of No. 5. I went home.", ["This is the end of No. 5.", "I went home."]),
    # an attacker's regression: an answer "No." before the pronoun, and a man named Art
    ("Did you vote for it? No. I voted against it.", ["Did you vote for it?", "No.", "I voted against it."]),
    ("Are you leaving? No. I'm staying here.", ["Are you leaving?", "No.", "I'm staying here."]),
    ("I spoke to Art. I think he agreed.", ["I spoke to Art.", "I think he agreed."]),
    ("See Art. IV of the law. It binds.", ["See Art. IV of the law.", "It binds."]),
    # after a colon a plain number is a list's first item only
    ("The victims were aged: 12. Police said so.", ["The victims were aged: 12.", "Police said so."]),
    ("These several objects: 1. The mode of appointing. 2. The tenure.",
     ["These several objects: 1. The mode of appointing.", "2. The tenure."]),
])
def test_a_numbering_abbreviation_before_a_roman_numeral(text, expected):
    """Helper's note on The Federalist No. 78's footnote: "Vol. I, page 186" was cut at "Vol."
    ("I" read as the pronoun starting a sentence)."""
    assert units(text) == expected


def test_a_days_ordinal_before_its_month_is_no_sentence_end():
    """A trial on a German news page (Der Spiegel): "Die Geschichte beginnt am 26." | "Oktober,
    einem Freitag." was cut ten times. German, Scandinavian, Dutch, Finnish, Czech and Polish
    write a day as an ordinal before its month; English does not, and its "May" is a word."""
    assert units("Die Geschichte beginnt am 26. Oktober, einem Freitag. Es ist der 13. Dezember.") == [
        "Die Geschichte beginnt am 26. Oktober, einem Freitag.", "Es ist der 13. Dezember."]
    assert units("Am Freitag, 16. November kam er. Ab 1. Januar gilt das.") == [
        "Am Freitag, 16. November kam er.", "Ab 1. Januar gilt das."]
    # English: a number ending a sentence before a month or "May" still ends it.
    assert units("I counted 12. May we go? He scored 26. November came.") == [
        "I counted 12.", "May we go?", "He scored 26.", "November came."]


@pytest.mark.parametrize("text, expected", [
    ("Bis einschließlich 9. November 2021 registrierte die Polizei 1.246 Einreisen. Das ist viel.",
     ["Bis einschließlich 9. November 2021 registrierte die Polizei 1.246 Einreisen.", "Das ist viel."]),
    ("Seit dem 1. September 2020 gilt die Regel. Sie gilt weiter.",
     ["Seit dem 1. September 2020 gilt die Regel.", "Sie gilt weiter."]),
    ("We counted to 9. April came early.", ["We counted to 9.", "April came early."]),  # no year: English
])
def test_a_day_before_a_shared_month_name_and_a_year(text, expected):
    assert units(text) == expected
