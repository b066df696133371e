"""Markdown (golden file, parser structure, escaping properties), W3C round trip, Argdown."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.core.export.formats import render, write_export
from reader.core.export.markdown import BEGIN, END, escape_inline, merge_into_file
from tests.conftest import run_cli

GOLDEN = Path(__file__).parent / "golden"


def annotate_sample(ws, docs):
    union, mayor = docs
    def span(doc, text):
        i = doc.text.find(text)
        assert i >= 0, text
        return i, i + len(text)
    claim = ws.add_tag(union, span(union, "Your current policy forbidding Portland law enforcement agencies"), "claim")
    ws.set_note(claim["id"], "The letter's core legal claim.\n\n# not a heading | pipe <b>html</b> `code`\n- not a list")
    ws.add_tag(union, span(union, "Your policy has created a zone of terror and lawlessness."), "allegation")
    denial = ws.add_tag(mayor, span(mayor, "No such policy exists"), "denial")
    ws.link((mayor, span(mayor, "No such policy exists")), (union, span(union, "Your current policy forbidding Portland law enforcement agencies")), "rebuts", "direct denial")
    ws.link((union, span(union, "We will respond to [calls] for assistance")), (mayor, span(mayor, "We will respond to [calls] for assistance")), "repeats")
    return claim, denial


def test_markdown_golden(workspace, docs):
    annotate_sample(workspace, docs)
    out = render(workspace, "md")
    golden = GOLDEN / "shipped.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_markdown_structure_with_a_real_parser(workspace, docs):
    annotate_sample(workspace, docs)
    tokens = MarkdownIt("commonmark").enable("table").parse(render(workspace, "md"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Reading notes"
    assert "Dispute" in headings
    assert not any("not a heading" in h for h in headings)  # the note stayed text
    assert sum(t.type == "table_open" for t in tokens) == 1
    rows = sum(t.type == "tr_open" for t in tokens)
    assert rows == 3  # header + 2 claims
    html = MarkdownIt("commonmark").enable("table").render(render(workspace, "md"))
    assert "<b>html</b>" not in html and "&lt;b&gt;html&lt;/b&gt;" in html


def test_markdown_options_and_orphans(workspace, docs):
    claim, _denial = annotate_sample(workspace, docs)
    out = render(workspace, "md", tags=["denial"], notes=False, dispute=False)
    assert "No such policy exists" in out and "zone of terror" not in out
    assert "## Dispute" not in out and "core legal claim" not in out
    # a new user: with --tag denial, the dispute said no passage was tagged #claim, though two were
    filtered = render(workspace, "md", tags=["denial"])
    assert "_The tag filter leaves out the 2 passages tagged #claim or #allegation: export without it for the " \
           "dispute._" in filtered and "No passage is tagged" not in filtered
    # an annotation whose text is gone is an orphan, still exported
    from reader.core.anchors.selectors import describe
    from reader.core.text.document import Document

    ghost = Document(key="ice-union-allegation", text="Title\n\nA passage that was later removed from the article.")
    workspace.store.add_annotation("ice-union-allegation", describe(ghost, 7, len(ghost.text)), ["claim"], "gone")
    out = render(workspace, "md")
    assert "## Orphaned annotations" in out and "A passage that was later" in out


def test_an_answer_no_longer_in_its_article_does_not_answer_the_claim(workspace, docs):
    """Found by a new user: after the answer was edited out of its article, the dispute map
    and the export still counted the claim answered, with no orphan mark."""
    from reader.core.anchors.selectors import describe
    from reader.core.services.dispute import build_dispute_map
    from reader.core.text.document import Document

    union, _mayor = docs
    text = "Your current policy forbidding Portland law enforcement agencies"
    i = union.text.find(text)
    claim = workspace.add_tag(union, (i, i + len(text)), "claim")
    ghost = Document(key="mayor-rebuttal", text="Title\n\nThat answer was later edited out of the article.")
    gone = workspace.store.add_annotation("mayor-rebuttal", describe(ghost, 7, len(ghost.text)))
    workspace.store.add_link(gone["id"], claim["id"], "rebuts")
    (c,) = build_dispute_map(workspace).claims
    assert [a.orphan for a in c.answers] == [True] and not c.answered
    out = render(workspace, "md")
    assert "1 claim: 0 answered, 1 unanswered." in out
    assert "rebuts (orphan: no longer in its article)" in out
    assert "(orphan: no longer in its article)" in out.split("## Dispute")[0]  # the passage's own list
    assert "**Unanswered:**" in out


def test_export_is_byte_identical(workspace, docs):
    annotate_sample(workspace, docs)
    assert render(workspace, "md") == render(workspace, "md")
    assert render(workspace, "w3c") == render(workspace, "w3c")


def test_reexport_keeps_user_text(tmp_path, workspace, docs):
    annotate_sample(workspace, docs)
    path = tmp_path / "notes.md"
    write_export(str(path), render(workspace, "md"), "md")
    path.write_text("My intro.\n\n" + path.read_text() + "\nMy conclusion.\n")
    workspace.store.add_annotation("mayor-rebuttal", {"selector": [{"type": "TextQuoteSelector", "exact": "He asked Riddell", "prefix": "", "suffix": ""}]}, ["question"])
    write_export(str(path), render(workspace, "md"), "md")
    text = path.read_text()
    assert text.startswith("My intro.\n\n" + BEGIN)
    assert text.rstrip().endswith("My conclusion.")
    assert text.count(BEGIN) == 1 and "#question" in text


def test_export_errors(tmp_path, workspace):
    from reader.core.errors import ReaderError

    with pytest.raises(ReaderError, match="does not exist"):
        write_export(str(tmp_path / "no" / "dir" / "x.md"), "x", "md")
    with pytest.raises(ReaderError, match="directory"):
        write_export(str(tmp_path), "x", "md")
    with pytest.raises(ReaderError, match="unknown format"):
        render(workspace, "pdf")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("#|`>*_-+=[]()<>!&\\$~.1 \nabc:")) | st.characters(), max_size=60))
def test_escaped_text_never_makes_structure(text):
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    line = escape_inline(text)
    assert "\n" not in line
    # As a paragraph, a list item and a table cell, it is one inline run of text.
    for doc in (f"para {line}", f"- {line}", f"| a | b |\n| --- | --- |\n| {line} | x |"):
        tokens = md.parse(doc)
        kinds = [t.type for t in tokens]
        assert "heading_open" not in kinds and "blockquote_open" not in kinds and "html_block" not in kinds
        assert "fence" not in kinds and "code_block" not in kinds and "hr" not in kinds
        if doc.startswith("|"):
            assert kinds.count("td_open") == 2  # no extra cell from a stray pipe
        inline = [t for t in tokens if t.type == "inline"]
        for tok in inline:
            for child in tok.children or []:
                assert child.type not in ("html_inline", "link_open", "image", "code_inline", "em_open", "strong_open", "s_open")


def test_merge_without_markers_appends():
    assert merge_into_file(None, "x") == f"{BEGIN}\nx\n{END}\n"
    merged = merge_into_file("user text\n", "x")
    assert merged.startswith("user text\n\n" + BEGIN)


def test_merge_keeps_blank_lines_and_refuses_a_marker_moved_onto_a_line_of_text():
    """Found by an attacker's trial: with "Intro: <!-- reader:begin -->" the markers were not
    seen, so a second generated block was appended below the stale one; and the blank lines
    written after the end marker were removed on each export."""
    from reader.core.errors import FsError

    mine = f"# My notes\n\n{BEGIN}\nold\n{END}\n\n\nMy conclusion.\n"
    assert merge_into_file(mine, "new") == f"# My notes\n\n{BEGIN}\nnew\n{END}\n\n\nMy conclusion.\n"
    for moved in (f"Intro: {BEGIN}\nold\n{END} end\n", f"{BEGIN}\nold\n{END} and my words\n",
                  f"Intro: {BEGIN}\nold\n{END}\n"):
        with pytest.raises(FsError, match="sharing its line"):
            merge_into_file(moved, "new")


def test_w3c_round_trip(tmp_path, workspace, docs):
    annotate_sample(workspace, docs)
    exported = render(workspace, "w3c")
    items = json.loads(exported)
    anns = [i for i in items if i["motivation"] != "linking"]
    links = [i for i in items if i["motivation"] == "linking"]
    assert len(anns) == 5 and len(links) == 2
    a = anns[0]
    assert a["type"] == "Annotation" and a["@context"] == "http://www.w3.org/ns/anno.jsonld"
    kinds = {s["type"] for s in a["target"]["selector"]}
    assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
    assert a["target"]["source"].startswith("urn:reader:article:")
    assert {b["purpose"] for b in a["body"]} == {"commenting", "tagging"}
    assert {b["value"] for l in links for b in l["body"] if b["purpose"] == "classifying"} == {"rebuts", "repeats"}
    assert len(links[0]["target"]) == 2

    from reader.core.services.importing import import_file, undo_last
    from reader.core.services.workspace import Workspace
    from reader.core.store.store import Store

    store2 = Store.open(str(tmp_path / "fresh.json"))
    ws2 = Workspace(store2, list(docs))
    report = import_file(store2, exported.encode(), {d.key: d for d in docs})
    assert (report.added, report.links, report.orphans) == (5, 2, 0)
    assert render(ws2, "w3c") == exported
    assert render(ws2, "md") == render(workspace, "md")
    again = import_file(store2, exported.encode(), {d.key: d for d in docs})
    assert again.added == 0 and again.duplicates == 7
    # undoing the import that added nothing takes nothing back (it had taken back the first)
    undone, anns, links, _kept = undo_last(store2)
    assert (anns, links) == (0, 0) and len(store2.annotations_of()) == 5 and len(store2.links()) == 2
    # then the one before can be taken back
    undone, anns, links, _kept = undo_last(store2)
    assert (anns, links) == (5, 2) and not store2.annotations_of() and not store2.links()
    store2.close()


def test_hypothesis_api_import(tmp_path, workspace, docs):
    from reader.core.services.importing import import_file

    payload = {"total": 2, "rows": [
        {"id": "abc", "uri": "https://www.wweek.com/news/city/2018/07/31/portland-mayor-calls-ice/",
         "text": "Check this.", "tags": ["Denial"],
         "target": [{"source": "https://www.wweek.com/...", "selector": [
             {"type": "RangeSelector", "startContainer": "/p[5]"},
             {"type": "TextPositionSelector", "start": 10, "end": 20},
             {"type": "TextQuoteSelector", "exact": "No such policy exists", "prefix": "\u201c", "suffix": ",\u201d Wheeler"}]}]},
        {"id": "def", "uri": "https://example.com/", "text": "", "tags": [],
         "target": [{"source": "https://example.com/", "selector": [
             {"type": "TextQuoteSelector", "exact": "A sentence that no local article contains.", "prefix": "", "suffix": ""}]}]},
    ]}
    report = import_file(workspace.store, json.dumps(payload).encode(), {d.key: d for d in docs})
    assert report.added == 2 and report.orphans == 1
    mayor = docs[1]
    h = [x for x in workspace.highlights(mayor)]
    assert len(h) == 1 and mayor.text[h[0].start:h[0].end] == "No such policy exists"
    assert h[0].ann["tags"] == ["denial"] and h[0].ann["note"] == "Check this."
    kept = workspace.store.annotations_of("https://example.com/")  # unmatched: kept, under its source
    assert len(kept) == 1 and kept[0]["target"]["selector"][0]["exact"].startswith("A sentence that no")


@pytest.mark.parametrize("raw,message", [
    (b"not json", "not JSON"),
    (b'{"hello": 1}', "not annotations"),
])
def test_import_rejects_bad_files(workspace, raw, message):
    from reader.core.errors import ReaderError
    from reader.core.services.importing import import_file

    with pytest.raises(ReaderError, match=message):
        import_file(workspace.store, raw, {})


def test_argdown(workspace, docs):
    annotate_sample(workspace, docs)
    out = render(workspace, "argdown")
    assert out.startswith("===\ntitle: Reading notes\n===")
    import re

    m = re.search(r"^\[P\d+\]: Your current policy forbidding Portland law enforcement agencies #claim\n"
                  r"  - (\[P\d+\]) // note: direct denial$", out, re.M)
    assert m  # the answer named, with the link's note; its text is in its own article's section
    assert f"\n{m.group(1)}: No such policy exists #denial\n" in out and out.count(f"{m.group(1)}:") == 1
    # a claim no one has answered is on the map too
    assert "]: Your policy has created a zone of terror and lawlessness. #allegation #unanswered" in out
    # repeats: both ends share one title (an Argdown equivalence class)
    titles = [l.split("]")[0] for l in out.splitlines() if l.startswith("[") and "We will respond" in l]
    assert len(titles) == 2 and titles[0] == titles[1]
    assert "\\[calls\\]" in out  # brackets in text are escaped


def test_cli_export_and_import(tmp_path, workspace, docs):
    from tests.conftest import run_cli

    annotate_sample(workspace, docs)
    workspace.store.close()
    out = tmp_path / "notes.md"
    p = run_cli("export", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert "No such policy exists" in out.read_text()
    p = run_cli("export", "--format", "nope")
    assert p.returncode == 64 and "invalid choice: 'nope'" in p.stderr
    p = run_cli("export", "-o", str(tmp_path / "missing" / "x.md"))
    assert p.returncode == 73 and "does not exist" in p.stderr
    w3c_file = tmp_path / "a.json"
    assert run_cli("export", "--format", "w3c", "-o", str(w3c_file)).returncode == 0
    p = run_cli("import", str(w3c_file), "--db", str(tmp_path / "other.json"))
    assert p.returncode == 0 and "imported 5 annotations and 2 links" in p.stderr
    p = run_cli("import", "--undo", "--db", str(tmp_path / "other.json"))
    assert p.returncode == 0 and "removed 5 annotations and 2 links" in p.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    p = run_cli("import", str(bad))
    assert p.returncode == 65 and "not JSON" in p.stderr
    p = run_cli("import", str(tmp_path / "none.json"))
    assert p.returncode == 66


def test_quote_fidelity_word_diff(workspace, docs):
    from reader.core.text.quote_diff import ADDED, REMOVED, SAME, word_diff

    assert [k for k, _w in word_diff('"No such policy exists"', "\u201cNo such policy exists\u201d")] == [SAME]  # quotes alike
    diff = word_diff("the quick brown fox", "the quick red fox jumps")
    assert (REMOVED, "brown") in diff and (ADDED, "red") in diff and (ADDED, "jumps") in diff
    union, mayor = docs
    a = union.sentence_at(union.text.find('"At this time I am denying'))[2]
    b = mayor.sentence_at(mayor.text.find('"At this time I am denying'))[2]
    workspace.link((union, a), (mayor, b), "repeats")
    out = render(workspace, "md")
    assert "wording differs:" in out and "**wrote on June 19.**" in out and "~~wrote.~~" in out


def test_export_file_is_readable_by_others_but_store_is_private(tmp_path, workspace):
    import stat

    old = os.umask(0o022)
    try:
        path = write_export(str(tmp_path / "n.md"), render(workspace, "md"), "md")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    workspace.store.add_annotation("x", {"selector": []})
    from reader.core.store.files import annotation_file, shard_folder

    assert stat.S_IMODE(os.stat(workspace.store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.join(shard_folder(workspace.store.path), annotation_file("x"))).st_mode) == 0o600


def test_control_characters_export_as_the_reader_shows_them():
    """ESC showed as ␛ on screen but as U+FFFD in the export (found trying it cold): one
    set of stand-ins for both, so a quote reads the same in the reader and in the notes."""
    from reader.core.export.argdown import escape as argdown_escape
    from reader.core.text.safety import inert

    text = "red \x1b[31mred\x1b[0m, a bell \x07, C1 \x9b and \u202e reversed"
    shown = inert(text)
    assert "\u241b[31m" in shown and "\x1b" not in shown
    md = escape_inline(text)
    assert "\u241b" in md and "\u2407" in md and "\ufffd" in md  # ␛, ␇; C1 and bidi as �
    assert not any(c in md for c in "\x1b\x07\x9b\u202e")
    assert md.count("\ufffd") == shown.count("\ufffd")
    ad = argdown_escape(text)
    assert "\u241b" in ad and "\x1b" not in ad and "\u202e" not in ad


def test_an_export_never_writes_over_an_annotated_article_or_a_snapshot(tmp_path):
    """Found by an attacker's trial: only the two open articles were protected, so exporting
    another pair with ``-o art.txt`` appended to an annotated article (Markdown) or replaced it
    (W3C), and ``-o`` a snapshot's file replaced a read-only version of a page."""
    from tests.conftest import run_cli

    art = tmp_path / "art.txt"
    art.write_text("A title\n\nA reply is here. And more.\n")
    assert run_cli("annotate", str(art), "--quote", "A reply is here").returncode == 0
    before = art.read_bytes()
    for fmt in ("md", "w3c"):
        p = run_cli("export", "mayor-rebuttal", "ice-union-allegation", "--format", fmt, "-o", str(art))
        assert p.returncode == 73 and "annotated article" in p.stderr, p.stderr
        assert p.stderr.count("\n") == 1
    assert art.read_bytes() == before
    page = tmp_path / "page.html"
    from tests.conftest import ROOT

    page.write_bytes((ROOT / "tests" / "fixtures" / "sources" / "civil-v1.html").read_bytes())
    assert run_cli("list", str(page)).returncode in (0, 65)
    (snap,) = (tmp_path / "snapshots").rglob("v0001-*.json")
    kept = snap.read_bytes()
    p = run_cli("export", "--format", "w3c", "-o", str(snap))
    assert p.returncode == 73 and "snapshots folder" in p.stderr
    assert snap.read_bytes() == kept


def test_import_into_a_new_store_places_what_the_file_names_and_counts_no_false_orphans(tmp_path):
    """Found by an attacker's trial: imported into a store that did not know the article yet,
    every annotation was counted an orphan (then listed as anchored), and each was searched
    for, fuzzily, in every article the store knew: 15 minutes for 100,000."""
    from tests.conftest import run_cli

    art = tmp_path / "num.txt"
    art.write_text("Numbered\n\n" + "\n\n".join(" ".join(f"Sentence number {p * 10 + i} is here." for i in range(10))
                                                 for p in range(30)))
    first, fresh = str(tmp_path / "a.json"), str(tmp_path / "b.json")
    assert run_cli("annotate", str(art), "--quote", "number 5 is here", "--db", first).returncode == 0
    out = tmp_path / "x.json"
    assert run_cli("export", str(art), "mayor-rebuttal", "--format", "w3c", "-o", str(out), "--db", first).returncode == 0
    p = run_cli("import", str(out), "--db", fresh)
    assert p.returncode == 0 and "imported 1 annotations" in p.stderr and "; 0 orphans" in p.stderr, p.stderr
    (row,) = json.loads(run_cli("list", "--json", "--db", fresh).stdout)
    assert row["status"] == "anchored"
    # a file from another machine: its path is not here, but an article here holds the quotes
    items = json.loads(out.read_text())
    for n, item in enumerate(items):
        item["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
        item["target"]["source"] = "file:///elsewhere/num.txt"
    out.write_text(json.dumps(items))
    p = run_cli("import", str(out), "--db", first)
    assert p.returncode == 0 and "; 0 orphans" in p.stderr, p.stderr
    docs = {r["article"] for r in json.loads(run_cli("list", "--json", "--db", first).stdout)}
    assert len(docs) == 1


def test_a_notes_file_says_which_articles_it_is_for(tmp_path, workspace, docs):
    """The generated part carries a hash of the two articles' keys (no paths): the reader can
    tell a notes file made for another pair, and says so when an export replaces its notes."""
    from reader.core.export.markdown import articles_id, articles_in, free_notes_path, made_for_others

    annotate_sample(workspace, docs)
    mine = articles_id([d.key for d in docs])
    assert mine == articles_id([d.key for d in reversed(docs)]) and len(mine) == 12
    path = tmp_path / "notes.md"
    write_export(str(path), render(workspace, "md"), "md", articles=mine)
    text = path.read_text()
    assert articles_in(text) == mine and "/" not in text.split("reader:articles", 1)[1].split("-->", 1)[0]
    assert not made_for_others(str(path), mine) and made_for_others(str(path), "f" * 12)
    assert free_notes_path(str(path), mine) == str(path)
    assert free_notes_path(str(path), "f" * 12) == str(tmp_path / "notes-2.md")
    write_export(str(path), render(workspace, "md"), "md", articles="f" * 12)  # replaced, once
    assert articles_in(path.read_text()) == "f" * 12 and path.read_text().count("reader:articles") == 1
    assert not made_for_others(str(tmp_path / "none.md"), mine)
    # the command line leaves such a file alone unless told (a new user lost another pair's
    # notes from it, told only afterwards)
    before = path.read_bytes()
    p = run_cli("export", "-o", str(path))
    assert p.returncode == 73 and "holds the notes of other articles; nothing was written" in p.stderr
    assert path.read_bytes() == before and p.stderr.count("\n") == 1
    p = run_cli("export", "-o", str(path), "--replace")
    assert p.returncode == 0 and "held the notes of other articles" in p.stderr
    assert articles_in(path.read_text()) != "f" * 12


def test_a_link_noted_twice_keeps_its_notes_apart(workspace, docs):
    """A new user linked the same pair twice with two notes: the Markdown ran them together."""
    union, mayor = docs

    def span(doc, text):
        i = doc.text.find(text)
        return i, i + len(text)

    src, dst = (mayor, span(mayor, "No such policy exists")), (union, span(union, "Your current policy forbidding"))
    workspace.link(src, dst, "rebuts", "direct denial")
    workspace.link(src, dst, "rebuts", "and a second thought")
    out = render(workspace, "md")
    assert "\u2014 direct denial / and a second thought" in out


def test_a_w3c_target_is_not_named_as_its_annotation(tmp_path):
    """A third user: each target's id repeated its annotation's urn:uuid (one IRI for two
    resources). A target is ``urn:uuid:ID#passage``; import still reads the links back."""
    from reader.core.export.w3c import plain_id

    assert plain_id("urn:uuid:12345678-1234-4234-8234-123456789abc#passage") == "12345678-1234-4234-8234-123456789abc"
    from tests.conftest import run_cli

    db = str(tmp_path / "s.json")
    a = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--db", db).stdout.strip()
    b = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--db", db).stdout.strip()
    assert run_cli("link", b, a, "--relation", "rebuts", "--db", db).returncode == 0
    out = run_cli("export", "--format", "w3c", "--db", db)
    items = __import__("json").loads(out.stdout)
    for item in items:
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        assert all(t["id"] != item["id"] and t["id"].endswith("#passage") for t in targets)
    (tmp_path / "w3c.json").write_text(out.stdout)
    db2 = str(tmp_path / "t.json")
    assert run_cli("import", str(tmp_path / "w3c.json"), "--db", db2).returncode == 0
    again = run_cli("export", "--format", "w3c", "--db", db2)
    assert again.stdout == out.stdout


def test_a_hand_edited_tag_is_inert_in_the_markdown_export(workspace):
    """An attacker put "\\x1b[31mz" in a tag by editing the store: the export wrote the escape raw."""
    from reader.core.export.markdown import render_markdown
    from reader.core.services.snapshot import freeze

    doc = workspace.docs[0]
    s, e = doc.sentences(1)[0]
    ann = workspace.highlight(doc, s, e, tags=["claim"])
    with workspace.store.transaction("hand edit"):
        workspace.store.put("annotations", {**ann, "tags": ["my_tag", "\x1b[31mz", "[bold]b[/]"]})
    out = render_markdown(freeze(workspace))
    assert "\x1b" not in out
    assert "#my_tag" in out and "#\u241b\\[31mz" in out and "#\\[bold\\]b\\[/\\]" in out


def test_merge_into_a_file_with_windows_line_endings_keeps_them():
    """An attacker's notes file saved with CRLF was refused: "a marker sharing its line with other text"."""
    first = merge_into_file("my notes\r\n", "old", articles="abc")
    assert "\n" not in first.replace("\r\n", "")
    again = merge_into_file(first.replace("my notes", "my notes, edited"), "new", articles="abc")
    assert again.startswith("my notes, edited\r\n") and "new\r\n" in again and "old" not in again
    assert "\n" not in again.replace("\r\n", "")


def test_a_users_own_line_endings_are_kept_byte_for_byte():
    """An attacker: a notes file with one CRLF line had every other line of the user's own
    text turned CRLF on the next export."""
    before = "my notes\nline two\r\nline three\n\n"
    after = "\nmore of mine\nand a CRLF one\r\n"
    first = merge_into_file(before, "old", articles="abc")
    assert first.startswith(before.rstrip("\r\n"))
    placed = first + after
    again = merge_into_file(placed, "new", articles="abc")
    b = again.index("<!-- reader:begin")
    e = again.index("<!-- reader:end -->")
    assert again[:b] == placed[:placed.index("<!-- reader:begin")]
    assert again[again.index("\n", e) + 1:] == after
    assert "new" in again and "old" not in again


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(["words", "", "# heading", "- item", "  indented"]), max_size=6),
       st.lists(st.sampled_from(["\n", "\r\n"]), min_size=12, max_size=12),
       st.lists(st.sampled_from(["after", "", "text"]), max_size=5))
def test_merge_keeps_the_text_around_the_markers_exactly(lines_before, ends, lines_after):
    before = "".join(line + ends[i % 12] for i, line in enumerate(lines_before))
    after = "".join(line + ends[(i + 6) % 12] for i, line in enumerate(lines_after))
    block = merge_into_file(None, "old", articles="abc")
    eol = "\r\n" if "\r\n" in before + after else "\n"
    existing = before + block.replace("\n", eol) + after
    merged = merge_into_file(existing, "new [x]", articles="abc")
    b = merged.index("<!-- reader:begin")
    tail_at = merged.index("\n", merged.index("<!-- reader:end -->")) + 1
    assert merged[:b] == before and merged[tail_at:] == after
    assert "new \\[x\\]" in merged or "new [x]" in merged


def test_an_outlet_after_other_text_keeps_its_dots_and_a_partner_its_place(workspace, docs):
    """A new user's trial: a page served from 127.0.0.1 was listed as "127\\.0.0.1" (a list
    marker escaped where no list can start), and a link's other passage had no place."""
    from reader.core.export.markdown import _source_bits, escape_inline

    doc = docs[0]
    doc.meta["outlet"] = "127.0.0.1"
    assert _source_bits(doc).startswith(", 127.0.0.1")
    assert escape_inline("127.0.0.1") == "127\\.0.0.1"  # at a line's start it still must be
    tokens = MarkdownIt("commonmark").parse("- **T**, name" + _source_bits(doc))
    assert [t.type for t in tokens][:3] == ["bullet_list_open", "list_item_open", "paragraph_open"]
    annotate_sample(workspace, docs)
    assert "- rebutted by `mayor-rebuttal` ¶6.1: “No such policy exists”" in render(workspace, "md")


def test_a_notes_file_too_large_to_update_is_refused_not_cut(tmp_path, monkeypatch, workspace, docs):
    """An attacker: exporting again into a notes file over 64 MB read its first 64 MB only,
    and wrote those back: the user's own text after them was gone, with exit 0."""
    from reader.core import fs
    from reader.core.errors import FsError

    monkeypatch.setattr(fs, "UPDATE_CAP", 1 << 20)
    annotate_sample(workspace, docs)
    path = tmp_path / "notes.md"
    write_export(str(path), render(workspace, "md"), "md")
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n## My own notes\n" + "my own words. " * 80_000 + "\nTHE LAST LINE I WROTE\n")
    before = path.read_bytes()
    with pytest.raises(FsError, match="larger than 1 MB; the file was not changed"):
        write_export(str(path), render(workspace, "md"), "md")
    assert path.read_bytes() == before


def test_argdown_a_passage_repeated_by_several_keeps_its_own_title(tmp_path):
    """A user's Brutus II against Federalist 84: Brutus's sentence names three clauses that
    Hamilton quotes one by one. Each repeats link had given the sentence its source's title,
    the last winning: the sentence and clause 3 were one Argdown node, and the sentence was
    "repeated in" itself. Only a one-to-one repeat makes an equivalence class."""
    import re

    from reader.core.services.workspace import Workspace
    from reader.core.store.store import Store
    from reader.core.text.document import Document

    brutus = Document(key="brutus-ii", text=(
        "They have declared that the writ of habeas corpus shall not be suspended, that no bill of "
        "attainder shall be passed, and that no title of nobility shall be granted.\n\n"
        "The liberty of the press should be held sacred."))
    publius = Document(key="federalist-84", text=(
        "Clause 2: the writ of habeas corpus shall not be suspended.\n\n"
        "Clause 3: no bill of attainder shall be passed.\n\n"
        "Clause 7: no title of nobility shall be granted.\n\n"
        "Who can say the liberty of the press should be held sacred?"))
    store = Store.open(str(tmp_path / "s.json"))
    try:
        ws = Workspace(store, [brutus, publius])
        whole = brutus.sentences(0)[0]
        for p in range(3):
            ws.link((publius, publius.sentences(p)[0]), (brutus, whole), "repeats")
        press = brutus.text.index("liberty of the press")
        answer = publius.text.index("liberty of the press")
        ws.link((publius, (answer, answer + 40)), (brutus, (press, press + 40)), "repeats")  # one to one
        out = render(ws, "argdown")
    finally:
        store.close()
    defined = re.findall(r"^\[(P\d+)\]: (.*)$", out, re.M)
    by_title: dict[str, list[str]] = {}
    for title, text in defined:
        by_title.setdefault(title, []).append(text)
    sentence = next(t for t, texts in by_title.items() if any(x.startswith("They have declared") for x in texts))
    assert by_title[sentence] == [next(x for x in by_title[sentence])] and len(by_title[sentence]) == 1
    clauses = {t for t, texts in by_title.items() if any(x.startswith("Clause") for x in texts)}
    assert len(clauses) == 3 and sentence not in clauses
    assert out.count("// repeated in federalist-84: [P") == 3 and f"[{sentence}]" not in out.split(f"[{sentence}]:", 1)[1].split("\n\n")[0]
    # the one-to-one repeat is one statement, defined in each article, its comment naming no title
    shared = [t for t, texts in by_title.items() if len(texts) == 2]
    assert len(shared) == 1 and all("liberty of the press" in x for x in by_title[shared[0]])
    assert "// repeated in federalist-84: the same statement" in out


def test_a_link_to_an_article_outside_the_export_is_no_orphan(tmp_path):
    """A tester linked passages across three articles, then exported one pair: the end in the
    third article, intact there, was called "orphan: no longer in its article", and a claim
    it answered counted unanswered."""
    from reader.core.services.dispute import build_dispute_map
    from reader.core.services.workspace import Workspace
    from reader.core.store.store import Store
    from reader.core.text.document import Document

    a = Document(key="letter", text="The policy is unlawful.\n\nIt must end.")
    b = Document(key="reply", text="We will review it.")
    c = Document(key="ruling", text="The policy is lawful, the court held.")
    db = str(tmp_path / "s.json")
    store = Store.open(db)
    try:
        ws = Workspace(store, [a, b, c])
        ws.add_tag(a, a.sentences(0)[0], "claim")
        ws.link((c, c.sentences(0)[0]), (a, a.sentences(0)[0]), "rebuts")
    finally:
        store.close()
    store = Store.open(db)
    try:
        pair = Workspace(store, [a, b])
        out = render(pair, "md")
        dm = build_dispute_map(pair)
    finally:
        store.close()
    assert "no longer in its article" not in out
    assert "- rebutted by `ruling`: \u201cThe policy is lawful, the court held.\u201d (in an article not in this export)" in out
    assert "1 claim: 1 answered, 0 unanswered" in out
    assert [c.answered for c in dm.claims] == [True]
