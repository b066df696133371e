"""What answers a passage, asked from the answer's side, and pairs already decided.

A new user asked what "Nothing could be farther from the facts." answers: it says so only
through the sentence before it, and the list held two passages of score 0.00. And
``suggest --at`` listed pairs already linked, which the global list never does."""

from __future__ import annotations

import json

from reader.core.sources.articles import load_document
from reader.core.suggest.engine import Engine, Options
from reader.core.text.document import Document
from tests.conftest import run_cli

CLAIM = Document(key="claim", text=(
    "The officers of the commonwealth were chosen by the people, and God was the ruler.\n\n"
    "The harbour was dredged in the spring at great cost to the town.\n\n"
    "Taxes on salt were raised twice that year by the council."))
REPLY = Document(key="reply", text=(
    "You say that the officers of the commonwealth were chosen by the people. "
    "Nothing could be farther from the facts.\n\n"
    "The dredging of the harbour was paid for by the merchants, not the town."))


def test_an_answer_is_read_with_the_sentence_introducing_it():
    eng = Engine(CLAIM, REPLY)
    at = REPLY.text.index("Nothing could")
    span = REPLY.sentence_at(at)[2]
    best = eng.answers_for("right", span, k=2)[0]
    assert best.left.text.startswith("The officers of the commonwealth")
    assert "read with the sentence before this one" in best.reasons
    plain = Engine(CLAIM, REPLY, options=Options(query_context=0.0)).answers_for("right", span, k=2)[0]
    assert plain.score < best.score


def test_the_shipped_denial_finds_the_charge_from_its_own_side():
    left, right = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    eng = Engine(left, right)
    span = right.sentence_at(right.text.index("No such policy exists"))[2]
    found = [s.left.text for s in eng.answers_for("right", span, k=4)]
    assert any(t.startswith("\"Your current policy forbidding") for t in found), found  # it was 11th


def test_linked_and_rejected_pairs_are_left_out_and_the_list_stays_full():
    left, right = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    eng = Engine(left, right)
    span = left.sentence_at(left.text.index("Your current policy forbidding"))[2]
    first = eng.answers_for("left", span, k=4)
    top = first[0]
    linked = [((top.left.start, top.left.end), (top.right.start, top.right.end))]
    again = eng.answers_for("left", span, k=4, linked=linked, rejected={first[1].key})
    assert len(again) == 4
    assert all(s.right.start not in (top.right.start, first[1].right.start) for s in again)


def test_suggest_at_leaves_out_a_linked_pair():
    a = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--tag", "claim")
    b = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--tag", "denial")
    assert a.returncode == 0 and b.returncode == 0
    before = json.loads(run_cli("suggest", "--at", "¶6.1", "--side", "right", "--top", "5", "--json").stdout)
    charge = [r for r in before if r["left"]["text"].startswith("\"Your current policy forbidding")]
    assert charge
    link = run_cli("link", b.stdout.strip().splitlines()[-1], a.stdout.strip().splitlines()[-1], "--relation", "rebuts")
    assert link.returncode == 0, link.stderr
    after = json.loads(run_cli("suggest", "--at", "¶6.1", "--side", "right", "--top", "5", "--json").stdout)
    assert len(after) == 5
    assert not [r for r in after if r["left"]["text"].startswith("\"Your current policy forbidding")]


def test_a_lists_number_is_no_shared_word():
    """"2. Marriage is a civil contract" shared only "2" with "…the Tirshatha, No. 2" and was
    offered as its rebuttal (a new user's trial)."""
    from reader.core.suggest.units import units_of

    claim = Document(key="c", text="2. Marriage is a civil contract, not religious.\n\n(3) Taxes are due.")
    reply = Document(key="r", text='This time it is "Nehemiah the Tirshatha, No. 2." The harbour is deep.')
    assert [u.words for u in units_of(claim)] == [["marriag", "civil", "contract", "religi"], ["tax", "due"]]
    span = claim.sentence_at(0)[2]
    assert all("#2" not in s.reasons[-1] and s.score == 0.0 for s in Engine(claim, reply).answers_for("left", span, k=2))


def test_candidates_sharing_nothing_say_so():
    """Always k candidates, but one with nothing in common (score 0.00) says why it is there:
    a new user took two such for the engine's answers."""
    claim = Document(key="c", text="The harbour was dredged in spring.\n\nIt cost the town dearly.")
    reply = Document(key="r", text="Taxes on salt rose twice.\n\nNo, the council never met.")
    found = Engine(claim, reply).answers_for("left", claim.sentence_at(0)[2], k=2)
    assert len(found) == 2
    assert all(s.score == 0.0 and s.reasons[0] == "nothing in common; it reads as an answer" for s in found)
