"""Speech transcripts and older prose, found by a new user on the Freeport debate (Douglas,
1858, Collected Works of Abraham Lincoln, public domain):

- "Fred. Douglass" was cut after "Fred." six times;
- the crowd's reactions in brackets were cut inside: "(Good, good, &c." | "Renewed laughter.)",
  "(``Exactly so.'' Exactly so!" | "Cheers.)";
- "faction.DR. HOPE" (a space lost in the source) was cut after "DR.".
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sentences import units


def test_an_abbreviated_given_name_is_not_a_sentence_end():
    text = ("As soon as he is able to hold a council with his advisers, Lovejoy, Farnsworth, and Fred. Douglass, "
            "he will frame and propound others. (Good, good.) I have reason to recollect that some people in this "
            "country think that Fred. Douglass is a very good man.")
    assert units(text) == [
        "As soon as he is able to hold a council with his advisers, Lovejoy, Farnsworth, and Fred. Douglass, he "
        "will frame and propound others.",
        "(Good, good.)",
        "I have reason to recollect that some people in this country think that Fred. Douglass is a very good man.",
    ]


def test_a_given_name_still_ends_a_sentence_before_a_sentence_starter():
    assert units("We waited for Fred. He came late. Geo. Washington did not.") == [
        "We waited for Fred.", "He came late.", "Geo. Washington did not."]


def test_a_short_bracket_is_one_aside():
    text = ("You pledged yourselves to these principles. (``Exactly so.'' Exactly so! Cheers.) You were thus "
            "committed. I know the platform of that party. (Good, good, &c. Renewed laughter.) Why call it brown? "
            "(``Right, right.'' ``Good, good,'' and cheers.) If Mr. Buchanan stands, so will I.")
    assert units(text) == [
        "You pledged yourselves to these principles.",
        "(``Exactly so.'' Exactly so! Cheers.)",
        "You were thus committed.",
        "I know the platform of that party.",
        "(Good, good, &c. Renewed laughter.)",
        "Why call it brown?",
        "(``Right, right.'' ``Good, good,'' and cheers.)",
        "If Mr. Buchanan stands, so will I.",
    ]


def test_a_bracket_inside_a_sentence_keeps_its_stops():
    assert units("He went on (he said so. It was late) and we left. Then it rained.") == [
        "He went on (he said so. It was late) and we left.", "Then it rained."]


def test_a_long_or_unclosed_bracket_is_cut_as_before():
    long_aside = "(" + " ".join(["This is a sentence inside a long aside."] * 6) + ")"
    assert len(units("Before. " + long_aside + " After it.")) > 3
    assert units("One (open. Two here. Three.") == ["One (open.", "Two here.", "Three."]
    assert units("1) First item here. 2) Second item here.") == ["1) First item here.", "2) Second item here."]


def test_a_lost_space_after_a_stop_before_a_title():
    assert units("I met the Danite faction.DR. HOPE spoke next. He was brief.") == [
        "I met the Danite faction.DR. HOPE spoke next.", "He was brief."]


_WORD = st.sampled_from(["cheers", "good", "laughter", "right", "no", "the", "crowd", "Hear", "Applause"])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.lists(_WORD, min_size=1, max_size=4), min_size=1, max_size=4),
       stops=st.lists(st.sampled_from([".", "!", "?"]), min_size=4, max_size=4))
def test_no_cut_inside_a_short_bracket(words, stops):
    inner = " ".join(" ".join(w).capitalize() + stops[i % 4] for i, w in enumerate(words))
    text = f"He spoke to them. ({inner}) Then he went on."
    got = units(text)
    assert f"({inner})" in got, got
    assert got[0] == "He spoke to them." and got[-1] == "Then he went on."
