"""Sentence segmentation: quality on the hand-marked corpus, and speed on 5.5 MB.

    python -m bench.segmentation            # everything, one run
    python -m bench.segmentation --runs 3   # fewer timing repeats

Quality, per gold file and in total, for the reader's segmenter, the segmenter it replaced
("old", copied below as it was at the start of issue 10) and two references, syntok and
pysbd (a missing one is reported and skipped; pysbd also as "pysbd-joined", given each
paragraph with its line breaks turned into spaces, since it cuts at every newline):

- a *boundary* is the start offset of a unit. Gold boundaries come from locating the gold
  units (``tests/segmentation/<slug>.gold``, one unit a line) in order in the text, each
  run of whitespace matching any run of whitespace. A produced unit's start is moved
  forward to the first character the gold covers, so characters the gold leaves out (a
  list marker shown as "• " or "1. ") do not count against anyone. Precision, recall and F1
  are over those boundaries.
- the *fragment rate* is the share of produced units of three words or fewer that are not
  gold units (same start and end, after the same adjustment).
- Markdown is compared on the displayed text (``reader.core.sources.markdown``); syntok
  and pysbd get that same displayed text, paragraph by paragraph (blank-line separated),
  and so does every plain text file.

Speed: ``../shared/corpus/tinyshakespeare.txt`` five times over (about 5.5 MB; generated
text of the same size when the file is missing): the paragraph split, then every sentence
of every paragraph, for the reader and for the old segmenter, medians of interleaved runs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "segmentation"


# --- the old segmenter (reader/core/segmenter.py at the start of issue 10), verbatim ------------
class old:  # a namespace, lower case like a module
    _PARAGRAPH = re.compile(r"(?m)^[ \t\u00a0\u3000]*(\S[^\n]*(?:\n[ \t\u00a0\u3000]*\S[^\n]*)*)")
    _MD_HEADING = re.compile(r"#{1,6} ")
    _CAPTION = re.compile(r"\((?:photo(?:graph)?(?: by)?:? |credit:? |image:? )?[A-Z][^()\n]{1,60}\)\s*$", re.I)
    _END = re.compile(r"(?:[.!?\u2026]+|[\u3002\uff01\uff1f]+)[\"'\u201d\u2019\u00bb)\]]*")
    _OPENERS = "\"'\u201c\u2018\u00ab([\u00bf\u00a1"
    _TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
    _DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
    ABBREVIATIONS = frozenset([
        "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "dept", "gen", "gov", "sen", "rep", "lt",
        "col", "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "supt", "det", "insp", "inc", "co", "corp",
        "ltd", "bros", "assn", "univ", "vs", "no", "nos", "fig", "figs", "ft", "mt", "ave", "blvd", "rd",
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "op",
        "cf", "al",
    ])
    SENTENCE_STARTERS = frozenset([
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
        "there", "but", "and", "so", "yet", "his", "her", "its", "their", "our", "my", "in", "on", "at",
        "after", "before", "when", "while", "if", "however", "meanwhile", "then", "still", "also",
    ])
    TITLE, SUBTITLE, CAPTION, HEADING, BODY = "title", "subtitle", "caption", "heading", "body"

    @staticmethod
    def _trim_end(text, start, end):
        while end > start and text[end - 1].isspace():
            end -= 1
        return end

    @classmethod
    def split_paragraphs(cls, text):
        starts, ends, kinds = array("q"), array("q"), []
        for m in cls._PARAGRAPH.finditer(text):
            s, e = m.span(1)
            e = cls._trim_end(text, s, e)
            starts.append(s)
            ends.append(e)
        if not starts:
            return starts, ends, kinds
        first_nl = text.find("\n", starts[0], ends[0])
        if first_nl != -1:
            rest = first_nl + 1
            while rest < ends[0] and text[rest].isspace():
                rest += 1
            starts.insert(1, rest)
            ends.insert(1, ends[0])
            ends[0] = cls._trim_end(text, starts[0], first_nl)
        kinds = [cls.BODY] * len(starts)
        for i in range(len(starts)):
            s, e = starts[i], ends[i]
            if cls._MD_HEADING.match(text, s) and text.find("\n", s, e) == -1:
                kinds[i] = cls.HEADING
            elif e - s <= 300 and cls._CAPTION.search(text, s, e) and text[e - 1] == ")":
                kinds[i] = cls.CAPTION
        kinds[0] = cls.TITLE
        if len(kinds) > 2 and kinds[1] == cls.BODY and ends[1] - starts[1] <= 400 and first_nl == -1:
            kinds[1] = cls.SUBTITLE
        return starts, ends, kinds

    @classmethod
    def _is_boundary(cls, text, start, m, para_end):
        after = m.end()
        if after >= para_end:
            return False
        punct = text[m.start()]
        if punct in "\u3002\uff01\uff1f":
            return True
        if not text[after].isspace():
            return False
        j = after
        while j < para_end and text[j].isspace():
            j += 1
        while j < para_end and text[j] in cls._OPENERS:
            j += 1
        if j >= para_end:
            return False
        nxt = text[j]
        if nxt.islower():
            return False
        if punct != "." or text[m.start():m.end()].startswith(".."):
            return True
        tok = cls._TOKEN_BEFORE.search(text, max(start, m.start() - 24), m.start())
        if tok is None:
            return True
        word = tok.group(1)
        if word.lower() in cls.ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isupper():
            return False
        if cls._DOTTED.search(word):
            k = j
            while k < para_end and text[k].isalpha():
                k += 1
            return text[j:k].lower() in cls.SENTENCE_STARTERS
        return True

    @classmethod
    def split_sentences(cls, text, start, end):
        spans = []
        s = start
        for m in cls._END.finditer(text, start, end):
            if m.end() <= s or not cls._is_boundary(text, start, m, end):
                continue
            e = m.end()
            spans.append((s, e))
            s = e
            while s < end and text[s].isspace():
                s += 1
        if s < end:
            spans.append((s, end))
        return spans

    class Document:
        """The old Document's sentence path: lazy per paragraph, cached, the title one unit."""

        def __init__(self, text):
            self.text = text
            self.para_starts, self.para_ends, self.para_kinds = old.split_paragraphs(text)
            self._sentences = {}

        def sentences(self, p):
            spans = self._sentences.get(p)
            if spans is None:
                s, e = self.para_starts[p], self.para_ends[p]
                if self.para_kinds[p] == old.TITLE:
                    spans = [(s, e)]
                else:
                    spans = old.split_sentences(self.text, s, e)
                self._sentences[p] = spans
            return spans

        def all_sentences(self):
            for p in range(len(self.para_starts)):
                for i, span in enumerate(self.sentences(p)):
                    yield p, i, span

    @classmethod
    def all_sentences(cls, text):
        """As the old Document did: the title paragraph is one unit, the rest split."""
        starts, ends, kinds = cls.split_paragraphs(text)
        out = []
        for p in range(len(starts)):
            if kinds[p] == cls.TITLE:
                out.append((starts[p], ends[p]))
            else:
                out.extend(cls.split_sentences(text, starts[p], ends[p]))
        return out


# --- the gold corpus -------------------------------------------------------------------------------
_BLANK_PARAS = re.compile(r"(?m)^[ \t\u00a0\u3000]*(\S[^\n]*(?:\n[ \t\u00a0\u3000]*\S[^\n]*)*)")


@dataclass
class GoldFile:
    slug: str
    source: Path
    text: str  # the displayed text (for plain text, the file as it is)
    units: list[tuple[int, int]]  # gold unit spans, in order
    doc: object = None  # the reader's Document
    covered: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        self.covered = bytearray(len(self.text) + 1)
        for s, e in self.units:
            self.covered[s:e] = b"\x01" * (e - s)
        self.unit_set = set(self.units)
        self.starts = {s for s, _ in self.units}


def locate_units(text: str, units: list[str], where: str = "") -> list[tuple[int, int]]:
    """Spans of the gold units, found in order; whitespace runs match any whitespace run."""
    spans, pos = [], 0
    for u in units:
        pat = re.compile(r"\s+".join(re.escape(w) for w in u.split()))
        m = pat.search(text, pos)
        if m is None:
            raise ValueError(f"{where}: gold unit not found after offset {pos}: {u[:80]!r}")
        spans.append(m.span())
        pos = m.end()
    return spans


def read_gold(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_corpus(folder: Path = GOLD_DIR) -> list[GoldFile]:
    from reader.core.sources.articles import parse_front_matter
    from reader.core.sources.markdown import markdown_document
    from reader.core.text.document import Document

    out = []
    for gold in sorted(folder.glob("*.gold")):
        slug = gold.stem
        md = folder / f"{slug}.md"
        txt = folder / f"{slug}.txt"
        if md.exists():
            meta, body = parse_front_matter(md.read_text(encoding="utf-8"))
            doc = markdown_document(body, key=str(md), path=str(md), meta=meta)
            source = md
        else:
            meta, body = parse_front_matter(txt.read_text(encoding="utf-8"))
            doc = Document(key=str(txt), text=body, path=str(txt), meta=meta)
            source = txt
        units = locate_units(doc.text, read_gold(gold), slug)
        out.append(GoldFile(slug, source, doc.text, units, doc))
    return out


# --- the systems ---------------------------------------------------------------------------------------
def reader_units(g: GoldFile) -> list[tuple[int, int]]:
    return [span for _p, _i, span in g.doc.all_sentences()]


def old_units(g: GoldFile) -> list[tuple[int, int]]:
    return old.all_sentences(g.text)


def _paragraphs(text: str):
    for m in _BLANK_PARAS.finditer(text):
        s, e = m.span(1)
        yield s, len(text[s:e].rstrip()) + s


def _syntok():
    try:
        import syntok.segmenter as seg
    except ImportError:
        return None

    def units(g: GoldFile):
        out = []
        for ps, pe in _paragraphs(g.text):
            chunk = g.text[ps:pe]
            for para in seg.analyze(chunk):
                for sent in para:
                    toks = list(sent)
                    if toks:
                        out.append((ps + toks[0].offset, ps + toks[-1].offset + len(toks[-1].value)))
        return out
    return units


def _pysbd(join_lines: bool = False):
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False)

    def units(g: GoldFile):
        out = []
        for ps, pe in _paragraphs(g.text):
            chunk, pos = g.text[ps:pe], 0
            if join_lines:  # pysbd takes every newline for a sentence end; same length, offsets hold
                chunk = chunk.replace("\n", " ")
            for sent in seg.segment(chunk):
                s = sent.strip()
                if not s:
                    continue
                i = chunk.find(s, pos)
                if i < 0:  # pysbd changed the text: fall back to the running position
                    i = pos
                out.append((ps + i, ps + i + len(s)))
                pos = i + len(s)
        return out
    return units


def systems() -> tuple[dict, list[str]]:
    """name -> units(gold file); and the names of references that are not installed."""
    found = {"reader": reader_units, "old": old_units}
    missing = []
    for name, make in (("syntok", _syntok), ("pysbd", _pysbd), ("pysbd-joined", lambda: _pysbd(True))):
        fn = make()
        if fn is None:
            missing.append(name.split("-")[0])
        else:
            found[name] = fn
    missing = sorted(set(missing))
    return found, missing


# --- scoring --------------------------------------------------------------------------------------------
@dataclass
class Score:
    gold: int = 0
    produced: int = 0
    hits: int = 0
    short: int = 0
    fragments: int = 0
    fragment_texts: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)  # gold boundaries not produced
    extras: list[str] = field(default_factory=list)  # produced boundaries not in the gold

    def add(self, other: Score) -> None:
        for k in ("gold", "produced", "hits", "short", "fragments"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.fragment_texts += other.fragment_texts

    @property
    def precision(self) -> float:
        return self.hits / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fragment_rate(self) -> float:
        return self.fragments / self.produced if self.produced else 0.0


def score(g: GoldFile, units: list[tuple[int, int]]) -> Score:
    text, cov = g.text, g.covered
    sc = Score(gold=len(g.units))
    seen = set()
    for s, e in units:
        while s < e and not cov[s]:
            s += 1
        while e > s and not cov[e - 1]:
            e -= 1
        if s >= e:
            continue  # nothing the gold covers (a marker, a template tag)
        sc.produced += 1
        if s in g.starts and s not in seen:
            sc.hits += 1
            seen.add(s)
        else:
            sc.extras.append(text[max(0, s - 30):s] + "|" + text[s:s + 40])
        if len(text[s:e].split()) <= 3:
            sc.short += 1
            if (s, e) not in g.unit_set:
                sc.fragments += 1
                sc.fragment_texts.append(" ".join(text[s:e].split()))
    for s, _e in g.units:
        if s not in seen:
            sc.misses.append(text[max(0, s - 30):s] + "|" + text[s:s + 40])
    return sc


def quality(corpus=None) -> tuple[dict[str, dict[str, Score]], list[str]]:
    """{system: {slug or 'total': Score}}, and the missing references."""
    corpus = corpus if corpus is not None else load_corpus()
    found, missing = systems()
    out = {}
    for name, fn in found.items():
        per, total = {}, Score()
        for g in corpus:
            sc = score(g, fn(g))
            per[g.slug] = sc
            total.add(sc)
        per["total"] = total
        out[name] = per
    return out, missing


# --- speed ------------------------------------------------------------------------------------------------
def speed(runs: int = 5) -> dict:
    from bench.corpus import big_article
    from reader.core.text import segmenter
    from reader.core.text.document import Document

    text, source = big_article(5)

    def new_paras():
        return segmenter.split_paragraphs(text)

    def new_all():
        d = Document(key="big", text=text)
        t = time.process_time()
        n = sum(1 for _ in d.all_sentences())
        return n, time.process_time() - t

    def old_paras():
        return old.split_paragraphs(text)

    def old_all():
        d = old.Document(text)
        t = time.process_time()
        n = sum(1 for _ in d.all_sentences())
        return n, time.process_time() - t

    res = {"old": {"para": [], "sent": []}, "reader": {"para": [], "sent": []}}
    counts = {}
    for _ in range(runs):  # interleaved, so drift on a shared machine hits both alike
        for name, paras, alls in (("old", old_paras, old_all), ("reader", new_paras, new_all)):
            t = time.process_time()
            starts = paras()[0]
            res[name]["para"].append(time.process_time() - t)
            n, dt = alls()
            res[name]["sent"].append(dt)
            counts[name] = (len(starts), n)
    out = {"source": source, "bytes": len(text.encode("utf-8"))}
    for name in res:
        para = statistics.median(res[name]["para"])
        sent = statistics.median(res[name]["sent"])
        out[name] = {"paragraphs": counts[name][0], "sentences": counts[name][1], "para_s": para, "sent_s": sent,
                     "sent_per_s": counts[name][1] / sent if sent else 0.0}
    return out


# --- the report --------------------------------------------------------------------------------------------
def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.segmentation")
    ap.add_argument("--runs", type=int, default=5, help="timing repeats (median)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--show", metavar="SYSTEM", help="list the fragments and boundary errors of SYSTEM "
                    "(reader, old, syntok, pysbd, pysbd-joined)")
    args = ap.parse_args(argv)

    corpus = load_corpus()
    q, missing = quality(corpus)
    for name in missing:
        print(f"NOTE: {name} is not installed; its columns are skipped (pip install {name}).")
    names = list(q)
    rows = [g.slug for g in corpus] + ["total"]
    width = max(14, *(len(n) + 2 for n in names))
    print(f"\nBoundary F1 (precision/recall); {sum(len(g.units) for g in corpus)} gold units in {len(corpus)} files")
    print(f"{'file':<28} {'units':>5} " + "".join(f"{n:>{width + 4}}" for n in names))
    for slug in rows:
        cells = "".join(f"{q[n][slug].f1:>{width - 8}.3f} ({q[n][slug].precision:.2f}/{q[n][slug].recall:.2f})"
                        for n in names)
        print(f"{slug:<28} {q[names[0]][slug].gold:>5} {cells}")
    print("\nFragment rate: produced units of 3 words or fewer that are not gold units (count); target < 2%")
    print(f"{'file':<28} {'':>5} " + "".join(f"{n:>{width + 4}}" for n in names))
    for slug in rows:
        cells = "".join(f"{100 * q[n][slug].fragment_rate:>{width - 2}.1f}% ({q[n][slug].fragments:>3})" for n in names)
        print(f"{slug:<28} {'':>5} {cells}")
    print("\nold: the segmenter before issue 10. pysbd-joined: pysbd given each paragraph with its line breaks "
          "as spaces (pysbd cuts at every newline of hard-wrapped text).")

    if args.show:
        fn = systems()[0].get(args.show)
        if fn is None:
            raise SystemExit(f"no system named {args.show!r} (or it is not installed)")
        for g in corpus:
            sc = score(g, fn(g))
            if sc.misses or sc.extras or sc.fragment_texts:
                print(f"\n== {g.slug}")
                for m in sc.misses:
                    print("  MISS ", m.replace("\n", "\u23ce"))
                for x in sc.extras:
                    print("  EXTRA", x.replace("\n", "\u23ce"))
                for f in sc.fragment_texts:
                    print("  FRAG ", f)

    if args.no_speed:
        return
    sp = speed(args.runs)
    print(f"\nSpeed on {sp['source']} ({sp['bytes'] / 1e6:.1f} MB), medians of {args.runs} interleaved runs")
    print(f"{'segmenter':<10} {'paragraphs':>10} {'para split':>11} {'sentences':>10} {'all sentences':>14} {'sentences/s':>12}")
    for name in ("old", "reader"):
        r = sp[name]
        print(f"{name:<10} {r['paragraphs']:>10} {1000 * r['para_s']:>8.1f} ms {r['sentences']:>10} "
              f"{1000 * r['sent_s']:>11.1f} ms {r['sent_per_s']:>12,.0f}")
    o, n = sp["old"], sp["reader"]
    print(f"reader / old: paragraph split {n['para_s'] / o['para_s']:.2f}x (target <= 1.5x), "
          f"all sentences {n['sent_s'] / o['sent_s']:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
