"""The index of highlights by position: filing many at once equals filing them one by one."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.services.highlight_index import HighlightIndex, make_highlight

spans = st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 3000), st.integers(0, 40)), max_size=60)


@settings(max_examples=60, deadline=None)
@given(spans, spans)
def test_add_many_files_as_add_does(first, then):
    """Workspace opening files 100,000 highlights with add_many (one sort); it must leave the
    index exactly as add() one at a time would, including ids filed twice."""
    def hls(items, tag):
        return [make_highlight(s, s + n, {"id": f"{tag}{i % 23}"}) for s, n, i in items]

    one, many = HighlightIndex(), HighlightIndex()
    for h in hls(first, "a"):
        one.add(h)
    many.add_many(hls(first, "a"))
    for h in hls(then, "a"):  # some ids again: moved
        one.add(h)
    many.add_many(hls(then, "a"))
    assert [(h.id, h.start, h.end) for h in one.ordered] == [(h.id, h.start, h.end) for h in many.ordered]
    for a, b in ((0, 100), (2500, 2600), (4000, 9000), (0, 9000)):
        assert [h.id for h in one.between(a, b)] == [h.id for h in many.between(a, b)]
