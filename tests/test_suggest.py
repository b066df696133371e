"""The suggestion engine on several article pairs, none of them tuned for."""

from reader.core.articles import load_document
from reader.core.document import Document
from reader.core.suggest import Suggester

from bench.quality import evaluate, load_pairs, tfidf_rank


def test_key_pair_ranks_high_where_plain_tfidf_does_not():
    left, right = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    sugg = Suggester(left, right).suggest()
    rank = next(i for i, s in enumerate(sugg, 1)
                if "Your current policy forbidding" in s.left.text and "No such policy exists" in s.right.text)
    assert rank <= 20
    assert sugg[rank - 1].relation == "rebuts"
    assert tfidf_rank(left, right, "Your current policy forbidding", "No such policy exists") > 100


def test_shared_email_is_repeats_and_footer_is_boilerplate():
    left, right = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    sugg = Suggester(left, right).suggest()
    repeats = [s for s in sugg if s.relation == "repeats"]
    assert len(repeats) == 4 and all("resources" in s.left.text or "respond" in s.left.text or "recognize" in s.left.text or "revisit" in s.left.text for s in repeats)
    for s in sugg:
        for u in (s.left, s.right):
            assert "Willamette Week" not in u.text and "Support WW" not in u.text
            assert u.text != "(Sam Gehrke)"


def test_quality_on_every_pair():
    for row in evaluate():
        assert row["recall@20"] >= 0.5, row
        assert row["precision@10"] >= 0.4, row


def test_cap_per_passage_and_scores():
    for _name, left, right, _gold in load_pairs():
        sugg = Suggester(left, right, per_passage=2).suggest()
        from collections import Counter

        assert max(Counter(s.left.index for s in sugg).values()) <= 2
        assert max(Counter(s.right.index for s in sugg).values()) <= 2
        assert all(s.relation in {"rebuts", "supports", "answers", "qualifies", "repeats"} for s in sugg)
        assert [s.score for s in sugg] == sorted((s.score for s in sugg), reverse=True)


def test_rejected_and_linked_are_not_suggested():
    left, right = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    first = Suggester(left, right).suggest()
    rejected = {first[0].key}
    again = Suggester(left, right).suggest(rejected=rejected)
    assert first[0].key not in {s.key for s in again}
    linked = {(first[1].left.span, first[1].right.span)}
    again = Suggester(left, right).suggest(linked=linked)
    assert first[1].key not in {s.key for s in again}


def test_unrelated_articles_get_few_weak_suggestions():
    a = Document(key="a", text="Cooking Pasta\n\nBoil the water with salt. Add the pasta and stir. Drain after nine minutes.")
    b = Document(key="b", text="Repairing Bikes\n\nThe chain needs oil every month. Tyres should be checked before rides.")
    assert Suggester(a, b).suggest() == []


def test_denial_answers_claim_in_a_fresh_pair():
    a = Document(key="a", text=(
        "Union Says Mayor Closed the Library\n\n"
        "The union claims the mayor secretly ordered the central library closed on weekends. "
        "Weather was mild on Saturday. Attendance at the park rose."))
    b = Document(key="b", text=(
        "Mayor Responds\n\n"
        "The mayor said the council, not her office, set the library schedule. "
        "\"I never ordered the library closed,\" she said. The budget passed in June."))
    sugg = Suggester(a, b).suggest(top=3)
    assert any("secretly ordered" in s.left.text and "never ordered" in s.right.text and s.relation == "rebuts" for s in sugg)
