"""The sentence units a text is cut into, as strings: what the segmentation tests compare."""

from reader.core.text.document import Document


def units(text: str) -> list[str]:
    """Units of a text with no title: every paragraph's sentences, as strings."""
    d = Document(key="t", text=text)
    return [d.text[s:e] for _p, _i, (s, e) in d.all_sentences()]
