"""The dispute map's summary counts links in words: "(1 answers)" read as a verb."""


def test_links_counted_in_words():
    from reader.core.store.relations import counted

    assert counted({"rebuts": 2, "answers": 1}) == "2 rebuttals, 1 answer"
    assert counted({"qualifies": 1, "repeats": 3, "supports": 0}) == "1 qualification, 3 repetitions"
    assert counted({}) == ""
