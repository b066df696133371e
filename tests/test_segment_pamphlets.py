"""Sentences of the Anti-Federalist papers (Brutus I and II, New-York Journal, 1787; public
domain, as transcribed in reggulus/pamphletariat.github.io), cut wrong in a new user's trial:
a spaced dash after a stop ran two sentences together, as did "etc." before "Others", and
"Chap. xvi. Vol. I [Book VIII]." made three units."""

from tests.sentences import units


def test_a_spaced_dash_after_a_stop_opens_the_next_sentence():
    text = ("This government is to possess absolute and uncontroulable power, legislative, executive and "
            "judicial, with respect to every object to which it extends, for by the last clause of section "
            "8th, article 1st, it is declared that the Congress shall have power to make all laws which shall "
            "be necessary and proper for carrying into execution the foregoing powers, and all other powers "
            "vested by this Constitution, in the government of the United States; or in any department or "
            "office thereof. — The government then, so far as it extends, is a complete one.")
    got = units(text)
    assert len(got) == 2 and got[1] == "— The government then, so far as it extends, is a complete one."
    assert units("He sat — He stood. And so on.") == ["He sat — He stood.", "And so on."]  # no stop: no cut


def test_etc_before_others_ends_a_sentence():
    text = ("Of this kind are the rights of conscience, the right of enjoying and defending life, etc. "
            "Others are not necessary to be resigned, in order to attain the end for which government is "
            "instituted.")
    assert units(text) == [
        "Of this kind are the rights of conscience, the right of enjoying and defending life, etc.",
        "Others are not necessary to be resigned, in order to attain the end for which government is instituted."]


def test_a_chapter_and_volume_cited_stay_in_their_sentence():
    text = ("The one is the Baron de Montesquieu, Spirit of the Laws, Chap. xvi. Vol. I [Book VIII]. "
            "“It is natural to a republic to have only a small territory, otherwise it cannot long subsist.”")
    assert units(text) == [
        "The one is the Baron de Montesquieu, Spirit of the Laws, Chap. xvi. Vol. I [Book VIII].",
        "“It is natural to a republic to have only a small territory, otherwise it cannot long subsist.”"]
    assert units("Vol. I think so.") == ["Vol.", "I think so."]  # "I" the pronoun, as before
