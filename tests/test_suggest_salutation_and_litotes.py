"""Two faults a new user found with the Federalist against its Anti-Federalist answers (1787,
public domain): the address each paper opens with was the top suggestion ("To the Citizens of
the State of New-York." repeats "To the People of the State of New York:"), and "It will not
be denied that…" was read as a denial, so labelled "rebuts"."""

from reader.core.suggest.cues import cues_of
from reader.core.suggest.engine import Engine
from reader.core.suggest.units import units_of
from reader.core.text.document import Document

BRUTUS = Document(key="brutus-1", text=(
    "Brutus I\n\n"
    "To the Citizens of the State of New-York.\n\n"
    "History furnishes no example of a free republic, any thing like the extent of the United States. "
    "The Grecian republics were of small extent; so also was that of the Romans.\n\n"
    "In a free republic, although all laws are derived from the consent of the people, yet the people "
    "do not declare their consent by themselves in person, but by representatives, chosen by them.\n"))
PUBLIUS = Document(key="federalist-10", text=(
    "The Federalist No. 10\n\n"
    "To the People of the State of New York:\n\n"
    "The question resulting is, whether small or extensive republics are more favorable to the "
    "election of proper guardians of the public weal; and it is clearly decided in favor of the latter.\n\n"
    "It will not be denied that the representation of the Union will be most likely to possess these "
    "requisite endowments, and a large republic is in this respect preferable to a small one.\n"))


def test_the_address_a_paper_opens_with_is_no_passage():
    for doc in (BRUTUS, PUBLIUS):
        (address,) = [u for u in units_of(doc) if u.text.startswith("To the")]
        assert address.boilerplate
    engine = Engine(BRUTUS, PUBLIUS)
    assert all(not s.left.text.startswith("To the") and not s.right.text.startswith("To the")
               for s in engine.suggest(top=10))
    # ... but a sentence that only starts so is one
    doc = Document(key="x", text="Essay\n\nTo the extent that it matters, we agree with him.\n\nMore here, too.\n")
    assert not any(u.boilerplate for u in units_of(doc) if u.text.startswith("To the"))


def test_a_denial_denied_is_no_denial():
    for text in ("It will not be denied that the representation of the Union will be most likely to possess it.",
                 "The evidence of known facts will not permit us to deny that they are in some degree true.",
                 "No one can deny that the Union is large."):
        c = cues_of(text)
        assert c.denial == 0.0 and c.concede > 0, text
    assert cues_of("We deny that it was ever said.").denial > 0
