"""Abbreviations that end no sentence, met in real texts a trial read."""

from __future__ import annotations


def test_a_dictionarys_parts_of_speech_and_messieurs_end_no_sentence():
    """Real lines: Bierce, The Devil's Dictionary (1911); Vos, Entre nous (1908)."""
    from reader.core.text.document import Document

    def cut(text: str) -> list[str]:
        d = Document(key="x", text=text)
        return [d.text[a:b].strip() for a, b in d.sentences(0)]

    assert len(cut('ABSCOND, v.i. To "move in a mysterious way," commonly with the property of another.')) == 1
    assert len(cut("ACCUSE, v.t. To affirm another's guilt or unworth; most commonly as a justification.")) == 1
    assert len(cut("ABSENT, adj. Peculiarly exposed to the tooth of detraction; vilified.")) == 1
    assert len(cut("Sollicit\u00e9s par nous, MM. Ligthart et Scheepstra ont bien voulu nous aider.")) == 1
    assert cut("Mm. That is good.") == ["Mm.", "That is good."]


def test_a_speakers_name_in_emphasis_is_one_unit():
    """A play in Gutenberg plain text marks speakers with underscores ("_K. John._"): the
    Cambridge Shakespeare cut 494 of them in two ("_K." | "John._")."""
    from reader.core.text.document import Document

    d = Document(key="x", text="_K. John._ Bear mine to him, and so depart in peace.")
    assert [d.text[a:b].strip() for a, b in d.sentences(0)] == ["_K. John._", "Bear mine to him, and so depart in peace."]


def test_a_section_or_clause_before_its_number_ends_no_sentence():
    """The Federal Farmer, XVI (1788): "By art. 1. sect. 8. congress will have power…" was cut
    after "sect." (a new user's finding); "a work of art. I loved it." still ends."""
    from reader.core.text.document import Document

    def cut(text: str) -> list[str]:
        d = Document(key="x", text=text)
        return [d.text[a:b].strip() for a, b in d.sentences(0)]

    assert len(cut("By art. 1. sect. 8. congress will have power to lay and collect taxes, duties, imposts and excise.")) == 1
    assert len(cut("It is in art. 1, cl. 3 of the draft.")) == 1
    assert cut("It was a work of art. I loved it.") == ["It was a work of art.", "I loved it."]


def _cut(text: str) -> list[str]:
    from reader.core.text.document import Document

    d = Document(key="x", text=text)
    return [d.text[a:b].strip() for _p, _i, (a, b) in d.all_sentences()]


def test_a_section_cited_in_brackets_joins_the_sentence_it_supports():
    """The Copyright Office's DMCA summary (1998) ends 16 sentences with "(Section 512(j))."
    and the like: each had been a sentence of its own. A translation or an aside in brackets
    stays apart."""
    assert _cut("One is an exception to the operation of the entire section, for law enforcement, intelligence "
                "and other governmental activities. (Section 1201(e)). Section 1202 is subject to it.") == [
        "One is an exception to the operation of the entire section, for law enforcement, intelligence and other "
        "governmental activities. (Section 1201(e)).", "Section 1202 is subject to it."]
    assert len(_cut("It is restored. (See 14 CFR 91.213, 121.628, and 129.14.) Then it flies.")) == 2
    assert _cut("The 105 should have a designated bike path. (La route 105 devrait avoir une piste cyclable);") == [
        "The 105 should have a designated bike path.", "(La route 105 devrait avoir une piste cyclable);"]
    assert _cut("They laughed. (Applause.) Then they left.") == ["They laughed.", "(Applause.)", "Then they left."]


def test_no_before_a_number_starts_no_sentence_after_an_initial():
    """"Title II of Pub. L. No. 105-298" was cut after "L." ("No" starts sentences)."""
    assert len(_cut("The Fairness in Musical Licensing Act, Title II of Pub. L. No. 105-298, 112 Stat. 2827, "
                    "2830-34 (Oct. 27, 1998) also adds a new section 512 to the Copyright Act.")) == 1
    assert _cut("He met J. No one else came.") == ["He met J.", "No one else came."]


def test_a_german_ordinal_before_its_noun_ends_no_sentence():
    """A German blog post (Creative Commons, CC BY): "Im Jahr des 10. | Jubiläums …" was cut."""
    assert len(_cut("Im Jahr des 10. Jubiläums der für das deutsche Recht portierten CC-Lizenzen wird es endlich "
                    "wirklich spannend.")) == 1
    assert len(_cut("Im 19. Jahrhundert war es so.")) == 1
    assert _cut("Er kam am 10. Dann ging er.") == ["Er kam am 10.", "Dann ging er."]
    assert _cut("The score was 10. Des Moines won.") == ["The score was 10.", "Des Moines won."]


def test_a_cjk_stops_closing_quote_is_its_sentences():
    """A Chinese page (gmw.cn): "…测试结果不太好。”天空实验室…" put the "”" at the next sentence's start."""
    assert _cut("他说：“测试结果不太好。”天空实验室是美国第一座空间站。") == ["他说：“测试结果不太好。”", "天空实验室是美国第一座空间站。"]
    assert _cut("「你好。」我说。") == ["「你好。」", "我说。"]
