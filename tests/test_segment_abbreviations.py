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
