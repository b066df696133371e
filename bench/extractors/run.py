"""Measure candidate extraction libraries for the reader on real web pages and PDFs.

    python bench/extractors/run.py                 # everything, on the data shipped in data/
    python bench/extractors/run.py --section html  # html | zyte | tfeval | pdf | cost (repeatable)
    python bench/extractors/run.py --online        # also: wheel availability per platform and
                                                   #   release history, asked of pip (network)
    python bench/extractors/run.py --readability-pages DIR --zyte-root DIR --trafilatura-root DIR
                                                   # whole checkouts instead of the samples

It assumes the libraries are installed in the running interpreter (a separate venv, not
the reader's): trafilatura, readability-lxml, pypdf, pdfminer.six, pypdfium2, pdfplumber.
A missing one is reported as MISSING and its rows are skipped.

What is measured, and how, is written next to each table (and in docs/extraction.md).
Text scores are bag-of-words: lower-cased Unicode word tokens (each CJK character one
token), multiset overlap, precision/recall/F1 per page, then median and mean over pages.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import importlib.metadata as md
import json
import logging
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PDF_DIR = DATA / "pdf"

HTML_LIBS = {"trafilatura": "trafilatura", "readability-lxml": "readability"}
PDF_LIBS = {"pypdf": "pypdf", "pdfminer.six": "pdfminer", "pypdfium2": "pypdfium2", "pdfplumber": "pdfplumber"}

warnings.filterwarnings("ignore")
for name in ("pypdf", "pdfminer", "trafilatura", "htmldate", "readability", "readability.readability",
             "courlan", "charset_normalizer", "pdfplumber"):
    logging.getLogger(name).setLevel(logging.CRITICAL)


# ----------------------------------------------------------------------------- helpers

def have(module: str) -> bool:
    try:
        importlib.import_module(module)
        return True
    except Exception:
        return False


def version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "MISSING"


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else float("nan")


def mean(xs):
    xs = [x for x in xs if x is not None]
    return statistics.fmean(xs) if xs else float("nan")


def table(headers: list[str], rows: list[list], title: str = "", note: str = "") -> None:
    """Print a Markdown table (so the output can be pasted into the docs as is)."""
    if title:
        print(f"\n### {title}\n")
    if note:
        print(note.strip() + "\n")
    cells = [[fmt(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    sys.stdout.flush()


def fmt(c) -> str:
    if isinstance(c, float):
        if c != c:
            return "n/a"
        return f"{c:.3f}" if abs(c) < 10 else f"{c:.1f}"
    return str(c)


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD = re.compile(r"[^\W_]+", re.UNICODE)
CJK_SPLIT = re.compile(CJK.pattern + "|" + CJK.pattern.replace("[", "[^", 1) + "+")


def tokens(text: str) -> list[str]:
    out = []
    for w in WORD.findall(unicodedata.normalize("NFKC", text or "").lower()):
        if CJK.search(w):
            out.extend(CJK_SPLIT.findall(w))
        else:
            out.append(w)
    return out


def prf(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    if not pred or not gold:
        return (0.0, 0.0, 0.0) if gold or pred else (1.0, 1.0, 1.0)
    common = sum((collections.Counter(pred) & collections.Counter(gold)).values())
    p, r = common / len(pred), common / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table",
         "tr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "dl", "main",
         "aside", "nav", "form", "hr", "address", "details", "summary", "center", "td", "th"}


def html_blocks(html: str) -> list[str]:
    """Visible text of an HTML fragment, one string per block element (paragraph)."""
    import lxml.html

    if not html or not html.strip():
        return []
    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return []
    parts: list[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            parts.append("\n\n")
        if tag == "br":
            parts.append("\n\n")
        if el.text and tag:
            parts.append(el.text)
        for ch in el:
            walk(ch)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    text = "".join(parts)
    return [b for b in (re.sub(r"\s+", " ", x).strip() for x in re.split(r"\n\s*\n", text)) if b]


def norm_meta(s) -> str:
    if s is None:
        return ""
    if isinstance(s, (list, tuple)):
        s = "; ".join(map(str, s))
    s = unicodedata.normalize("NFKC", str(s)).lower()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^by ", "", s)
    return s


def meta_match(pred, gold) -> tuple[bool, bool]:
    """(exact after normalisation, lenient: one contains the other)."""
    p, g = norm_meta(pred), norm_meta(gold)
    if not g:
        return False, False
    if not p:
        return False, False
    return p == g, (p in g or g in p)


# ----------------------------------------------------------------------------- HTML extractors

def ex_trafilatura(raw: bytes, fast: bool = False, tables: bool = True) -> dict:
    import trafilatura

    d = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, fast=fast,
                                    include_tables=tables)
    if d is None:
        return {"text": "", "paras": [], "title": None, "author": None, "date": None, "site": None}
    text = d.text or ""
    return {"text": text, "paras": [p for p in (x.strip() for x in text.split("\n")) if p],
            "title": d.title, "author": d.author, "date": d.date, "site": d.sitename}


def ex_readability(raw: bytes) -> dict:
    from readability import Document

    doc = Document(raw)
    title = doc.short_title()
    author = doc.author()
    summary = doc.summary(html_partial=True)
    return {"summary": summary, "title": title, "author": None if author == "[no-author]" else author,
            "date": None, "site": None}


def finish_readability(r: dict) -> dict:
    paras = html_blocks(r.pop("summary", ""))
    r["paras"] = paras
    r["text"] = "\n\n".join(paras)
    return r


HTML_EXTRACTORS = {
    # name: (module needed, function, post-processing outside the timed call)
    "trafilatura": ("trafilatura", lambda raw: ex_trafilatura(raw), None),
    "trafilatura fast": ("trafilatura", lambda raw: ex_trafilatura(raw, fast=True), None),
    "trafilatura no tables": ("trafilatura", lambda raw: ex_trafilatura(raw, tables=False), None),
    "readability-lxml": ("readability", ex_readability, finish_readability),
}


def run_extractor(name: str, raw: bytes) -> tuple[dict, float, str | None]:
    _, fn, post = HTML_EXTRACTORS[name]
    t0 = time.perf_counter()
    try:
        r = fn(raw)
        err = None
    except Exception as e:
        r, err = {"text": "", "paras": [], "title": None, "author": None, "date": None, "site": None}, \
            f"{type(e).__name__}: {e}"[:120]
    dt = (time.perf_counter() - t0) * 1000
    if post and err is None:
        r = post(r)
    return r, dt, err


# ----------------------------------------------------------------------------- HTML data

def load_readability_pages(src: str | None) -> list[dict]:
    pages = []
    if src:
        from_dir = Path(src)
        synthetic = set()
        prep = HERE / "prepare_data.py"
        if prep.exists():
            m = re.search(r'SYNTHETIC = set\("""(.*?)"""', prep.read_text(), re.S)
            if m:
                synthetic = set(m.group(1).split())
        for d in sorted(from_dir.iterdir()):
            if d.name in synthetic or not (d / "source.html").exists():
                continue
            pages.append({"name": d.name, "source": (d / "source.html").read_bytes(),
                          "expected": (d / "expected.html").read_text(encoding="utf-8"),
                          "meta": json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))})
        return pages
    files: dict[str, dict] = collections.defaultdict(dict)
    with tarfile.open(DATA / "readability-pages.tar.xz") as tar:
        for m in tar.getmembers():
            if m.isfile():
                name, fname = m.name.split("/", 1)
                files[name][fname] = tar.extractfile(m).read()
    for name in sorted(files):
        f = files[name]
        pages.append({"name": name, "source": f["source.html"], "expected": f["expected.html"].decode("utf-8"),
                      "meta": json.loads(f["expected-metadata.json"])})
    return pages


def load_trafilatura_sample(src: str | None) -> list[dict]:
    if src:  # a trafilatura checkout: tests/evaldata.json and tests/eval/
        root = Path(src)
        gold = json.loads((root / "tests" / "evaldata.json").read_text(encoding="utf-8"))
        return [{"url": k, "source": (root / "tests" / "eval" / v["file"]).read_bytes(), **v}
                for k, v in gold.items() if (root / "tests" / "eval" / v["file"]).exists()]
    with tarfile.open(DATA / "trafilatura-eval-sample.tar.xz") as tar:
        gold = json.loads(tar.extractfile("evaldata.json").read())
        return [{"url": k, "source": tar.extractfile("pages/" + v["file"]).read(), **v} for k, v in gold.items()]


def load_zyte(src: str | None) -> list[dict]:
    """scrapinghub/article-extraction-benchmark: html/<id>.html.gz and ground-truth.json."""
    if src:
        import gzip

        root = Path(src)
        gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        return [{"id": k, "url": v.get("url"), "gold": v["articleBody"],
                 "source": gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes())} for k, v in sorted(gold.items())]
    with tarfile.open(DATA / "zyte-benchmark-sample.tar.xz") as tar:
        gold = json.loads(tar.extractfile("ground-truth.json").read())
        return [{"id": k, "url": v.get("url"), "gold": v["articleBody"],
                 "source": tar.extractfile(f"html/{k}.html").read()} for k, v in sorted(gold.items())]


# ----------------------------------------------------------------------------- HTML sections

def para_start_recall(out_paras: list[str], exp_paras: list[str], n: int = 6) -> tuple[int, int]:
    """Of the expected paragraphs (>= n tokens) whose first n tokens appear in the output,
    how many begin an output paragraph. Returns (kept, found)."""
    out_tok = tokens(" ".join(out_paras))
    joined = " " + " ".join(out_tok) + " "
    starts = {tuple(tokens(p)[:n]) for p in out_paras if len(tokens(p)) >= n}
    kept = found = 0
    for p in exp_paras:
        t = tokens(p)
        if len(t) < n:
            continue
        key = tuple(t[:n])
        if " " + " ".join(key) + " " in joined:
            found += 1
            kept += key in starts
    return kept, found


def section_html(pages: list[dict], results_out: dict) -> None:
    names = [n for n, (mod, _, _) in HTML_EXTRACTORS.items() if have(mod)]
    for n, (mod, _, _) in HTML_EXTRACTORS.items():
        if not have(mod):
            print(f"MISSING: {mod} (extractor '{n}' skipped)")
    if not names:
        return
    gold = {}
    for p in pages:
        paras = html_blocks(p["expected"])
        gold[p["name"]] = {"paras": paras, "tokens": tokens(" ".join(paras))}
    # warm-up (first call pays lazy imports and caches)
    for n in names:
        run_extractor(n, pages[0]["source"])
    per = {n: [] for n in names}
    for p in pages:
        g = gold[p["name"]]
        src = p["source"]
        for n in names:
            r, dt, err = run_extractor(n, src)
            toks = tokens(r["text"])
            P, R, F = prf(toks, g["tokens"])
            kept, found = para_start_recall(r["paras"], g["paras"])
            jsonld = b"application/ld+json" in src
            per[n].append({"page": p["name"], "P": P, "R": R, "F": F, "ms": dt, "err": err,
                           "empty": len(toks) == 0, "near_empty": len(toks) < 0.1 * max(1, len(g["tokens"])),
                           "kept": kept, "found": found, "n_out_paras": len(r["paras"]),
                           "n_exp_paras": len(g["paras"]), "meta": {k: r.get(k) for k in ("title", "author", "date", "site")},
                           "jsonld": jsonld, "paras": r["paras"],
                           "biggest": max((len(tokens(x)) for x in r["paras"]), default=0) / max(1, len(toks))})
    results_out["html"] = per

    rows = []
    for n in names:
        rs = per[n]
        rows.append([n, len(rs), sum(r["empty"] for r in rs), sum(r["near_empty"] for r in rs),
                     sum(1 for r in rs if r["err"]),
                     med([r["P"] for r in rs]), med([r["R"] for r in rs]), med([r["F"] for r in rs]),
                     mean([r["P"] for r in rs]), mean([r["R"] for r in rs]), mean([r["F"] for r in rs]),
                     sum(r["F"] >= 0.9 for r in rs), sum(r["F"] < 0.5 for r in rs)])
    table(["extractor", "pages", "empty", "<10% of gold", "errors", "P med", "R med", "F1 med",
           "P mean", "R mean", "F1 mean", "F1>=0.9", "F1<0.5"], rows,
          "HTML main text vs Readability.js expected.html (bag of words)",
          "Gold = text of each page's expected.html (Mozilla Readability.js output, checked in by its "
          "maintainers). Tokens: lower-cased words, CJK per character; multiset overlap.")

    rows = []
    for n in names:
        rs = per[n]
        kept = sum(r["kept"] for r in rs)
        found = sum(r["found"] for r in rs)
        ratio = med([r["n_out_paras"] / r["n_exp_paras"] for r in rs if r["n_exp_paras"]])
        one_block = sum(1 for r in rs if r["n_exp_paras"] > 5 and r["biggest"] > 0.5)
        rows.append([n, f"{kept}/{found}", kept / found if found else float("nan"), ratio, one_block])
    table(["extractor", "para starts kept", "share", "median out/gold paragraphs",
           "pages with >50% of words in one paragraph"], rows,
          "Paragraph structure",
          "A gold paragraph (>= 6 words) whose first 6 words occur in the output counts as kept when "
          "an output paragraph starts with them. trafilatura's txt output separates paragraphs with "
          "one newline; readability-lxml returns HTML, split here on block elements. Last column: "
          "pages whose gold has > 5 paragraphs but whose output puts most words in one.")

    fields = [("title", "title", "title"), ("byline", "author", "byline/author"),
              ("publishedTime", "date", "date"), ("siteName", "site", "site name")]
    rows = []
    for n in names:
        row = [n]
        for gk, ok, _ in fields:
            tot = ex = le = 0
            for p, r in zip(pages, per[n]):
                g = p["meta"].get(gk)
                if not g:
                    continue
                tot += 1
                pred = r["meta"].get(ok)
                if gk == "publishedTime":
                    e = bool(pred) and str(pred)[:10] == str(g)[:10]
                    ex += e
                    le += e
                else:
                    e, l = meta_match(pred, g)
                    ex += e
                    le += l
            row += [f"{ex}/{tot} ({ex / tot:.0%})" if tot else "n/a", f"{le}/{tot}" if tot else "n/a"]
        rows.append(row)
    table(["extractor", "title", "title lenient", "byline", "byline lenient", "date", "date lenient",
           "site", "site lenient"], rows, "Metadata vs expected-metadata.json",
          "Counted over pages whose expected-metadata.json has the field. Exact = equal after NFKC, "
          "lower-case, punctuation removed, leading 'by' dropped; lenient = one contains the other. "
          "Date compares the YYYY-MM-DD part. readability-lxml has no date or site-name API.")

    rows = []
    for n in names:
        for has in (True, False):
            sub = [(p, r) for p, r in zip(pages, per[n]) if r["jsonld"] == has]
            row = [n, "with JSON-LD" if has else "without", len(sub)]
            for gk, ok, _ in fields[1:]:
                tot = sum(1 for p, _ in sub if p["meta"].get(gk))
                if gk == "publishedTime":
                    ok_n = sum(1 for p, r in sub if p["meta"].get(gk) and r["meta"].get(ok)
                               and str(r["meta"][ok])[:10] == str(p["meta"][gk])[:10])
                else:
                    ok_n = sum(1 for p, r in sub if p["meta"].get(gk) and meta_match(r["meta"].get(ok), p["meta"][gk])[0])
                row.append(f"{ok_n}/{tot}")
            rows.append(row)
    table(["extractor", "pages", "n", "byline exact", "date", "site"], rows,
          "Metadata on pages with and without a JSON-LD block")

    rows = []
    for n in names:
        ms = [r["ms"] for r in per[n]]
        rows.append([n, med(ms), statistics.quantiles(ms, n=10)[-1] if len(ms) > 2 else max(ms), max(ms), sum(ms) / 1000])
    table(["extractor", "median ms/page", "p90 ms", "max ms", "total s"], rows, "HTML speed (same run, same pages)",
          "Wall time of the library call on the page bytes (parse + extraction + metadata), one "
          "pass after one warm-up call; readability-lxml's HTML-to-text step is not included.")

    worst = []
    for n in names:
        bad = sorted(per[n], key=lambda r: r["F"])[:5]
        worst.append([n, ", ".join(f"{r['page']} ({r['F']:.2f})" for r in bad)])
    table(["extractor", "five lowest F1 pages"], worst, "Worst pages")


LEAK_CLASSES = {  # English, German, Spanish, French keywords
    "cookie/consent": r"cookie|consent|gdpr|dsgvo|datenschutz|privacy (policy|settings)|privacidad|confidentialit",
    "comments": r"\bcomments?\b|\brepl(y|ies)\b|\bposted by\b|\bsign in to\b|\blog ?in to\b|kommentar|antworten"
                r"|comentario|commentaire|répondre",
    "related/more": r"\brelated\b|read more|more from|recommended|you may also like|most popular|trending|more stories"
                    r"|read next|see also|top stories|ähnliche|weitere artikel|lesen sie auch|mehr zum thema|meistgelesen"
                    r"|meist-|das könnte|leer más|relacionad|lire aussi|puedes ver|te puede interesar",
    "share/social": r"\bshare\b|tweet|facebook|twitter|pinterest|linkedin|whatsapp|email this|reddit|teilen|compartir|partager",
    "subscribe/ads": r"subscrib|newsletter|sign up|advertis|sponsored|abonn|suscr|anzeige|werbung|publicidad|publicité",
}


def bigrams(t: list[str]) -> set:
    return set(zip(t, t[1:]))


def section_leaks(pages: list[dict], results: dict) -> None:
    per = results.get("html")
    if per:
        names = list(per)
        gold_bi = {p["name"]: bigrams(tokens(" ".join(html_blocks(p["expected"])))) for p in pages}
        rows = []
        cases = collections.defaultdict(dict)
        for n in names:
            counts = collections.Counter()
            leaked_paras = leaked_tokens = total_tokens = 0
            for r in per[n]:
                gb = gold_bi[r["page"]]
                for para in r["paras"]:
                    t = tokens(para)
                    total_tokens += len(t)
                    if len(t) < 4:
                        continue
                    b = bigrams(t)
                    if len(b & gb) / len(b) < 0.3:
                        leaked_paras += 1
                        leaked_tokens += len(t)
                        low = para.lower()
                        for cls, rx in LEAK_CLASSES.items():
                            if re.search(rx, low):
                                counts[cls] += 1
                        cases[r["page"]].setdefault(n, []).append(para)
            rows.append([n, leaked_paras, f"{leaked_tokens / max(1, total_tokens):.1%}",
                         *[counts[c] for c in LEAK_CLASSES]])
        table(["extractor", "leaked paragraphs", "share of output words", *LEAK_CLASSES], rows,
              "What leaks into the text (Readability set)",
              "A leaked paragraph: >= 4 words, under 30% of its word bigrams in the gold text. Classes "
              "are keyword matches on those paragraphs (a paragraph can be in several).")
        print("\nPages with the most leaked words, per extractor (two leaked paragraphs each, 80 chars):\n")
        for n in names:
            worst = sorted(cases, key=lambda pg: -sum(len(tokens(x)) for x in cases[pg].get(n, [])))[:5]
            print(f"- {n}:")
            for pg in worst:
                got = cases[pg].get(n, [])
                if got:
                    words = sum(len(tokens(x)) for x in got)
                    print(f"    {pg} [{len(got)} paragraphs, {words} words]: " + "; ".join(repr(x[:80]) for x in got[:2]))
        picks = ["bbc-1", "lifehacker-post-comment-load", "wordpress", "breitbart", "yahoo-3", "theverge"]
        print("\nPages with comment sections, related-post cards or video widgets (first 3, 80 chars):\n")
        for page in picks:
            if page not in gold_bi:
                continue
            print(f"- {page}:")
            for n in names:
                got = cases.get(page, {}).get(n, [])
                shown = "; ".join(repr(x[:80]) for x in got[:3]) or "(none)"
                print(f"    {n} [{len(got)}]: {shown}")


def section_zyte(items: list[dict]) -> None:
    names = [n for n, (mod, _, _) in HTML_EXTRACTORS.items() if have(mod)]
    if not names or not items:
        return
    for n in names:
        run_extractor(n, items[0]["source"])
    rows = []
    for n in names:
        rs = []
        for it in items:
            r, dt, err = run_extractor(n, it["source"])
            toks = tokens(r["text"])
            P, R, F = prf(toks, tokens(it["gold"]))
            rs.append({"P": P, "R": R, "F": F, "ms": dt, "empty": not toks, "err": err, "id": it["id"]})
        rows.append([n, len(rs), sum(r["empty"] for r in rs), sum(1 for r in rs if r["err"]),
                     med([r["P"] for r in rs]), med([r["R"] for r in rs]), med([r["F"] for r in rs]),
                     mean([r["P"] for r in rs]), mean([r["R"] for r in rs]), mean([r["F"] for r in rs]),
                     sum(r["F"] >= 0.9 for r in rs), sum(r["F"] < 0.5 for r in rs), med([r["ms"] for r in rs])])
    table(["extractor", "pages", "empty", "errors", "P med", "R med", "F1 med", "P mean", "R mean", "F1 mean",
           "F1>=0.9", "F1<0.5", "median ms"], rows,
          "Neutral gold: Zyte article-extraction-benchmark (articleBody written by annotators)",
          "Pages fetched in Nov 2019 (news, blogs, shops' articles), gold = the annotated articleBody "
          "text. Same bag-of-words scoring as above (the benchmark's own script uses shingles).")


def section_tfeval(traf: list[dict]) -> None:
    names = [n for n, (mod, _, _) in HTML_EXTRACTORS.items() if have(mod)]
    if traf and names:
        rows = []
        kept_bp: dict[str, list[str]] = {}
        for n in names:
            tp = fn = fp = tn = empty = 0
            ms = []
            for item in traf:
                r, dt, err = run_extractor(n, item["source"])
                ms.append(dt)
                text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", r["text"] or ""))
                if not text.strip():
                    empty += 1
                for s in item["with"]:
                    if re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)) in text:
                        tp += 1
                    else:
                        fn += 1
                for s in item["without"]:
                    if re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)) in text:
                        fp += 1
                        kept_bp.setdefault(n, []).append(s)
                    else:
                        tn += 1
            P = tp / (tp + fp) if tp + fp else 0.0
            R = tp / (tp + fn) if tp + fn else 0.0
            F = 2 * P * R / (P + R) if P + R else 0.0
            rows.append([n, len(traf), empty, tp, fn, fp, tn, P, R, F, med(ms)])
        table(["extractor", "pages", "empty", "TP", "FN", "FP (boilerplate kept)", "TN", "precision", "recall",
               "F1", "median ms"], rows,
              f"Second gold: trafilatura's evaluation snippets ({len(traf)} pages)",
              "Each page has snippets that must appear ('with') and boilerplate that must not "
              "('without'), e.g. menus, cookie notes, related links, comments. Scored as in "
              "trafilatura's tests/evaluate.py. This is trafilatura's own tuning set: it favours trafilatura.")
        rows = []
        for cls, rx in LEAK_CLASSES.items():
            pool = [s_ for item in traf for s_ in item["without"] if re.search(rx, s_.lower())]
            if not pool:
                continue
            rows.append([cls, len(pool)] + [sum(1 for s_ in kept_bp.get(n, []) if re.search(rx, s_.lower()))
                                             for n in names])
        table(["boilerplate class (keyword)", "'without' snippets", *[f"kept by {n}" for n in names]], rows,
              "Which kinds of boilerplate are kept (same snippets, by keyword class)")
        print("\nBoilerplate snippets ('without') that were kept (first 12, 60 chars):\n")
        for n in names:
            got = kept_bp.get(n, [])
            print(f"- {n} [{len(got)}]: " + "; ".join(repr(x[:60]) for x in got[:12]))


# ----------------------------------------------------------------------------- PDF

# Probes were read off the rendered pages by eye: snippets in reading order (single lines).
PDF_DOCS = {
    "dmca.pdf": {
        "what": "US Copyright Office summary, 18 pp., running header + footer with page number, footnotes, hyphenation",
        "order": ["The Digital Millennium Copyright Act (DMCA)", "The DMCA is divided into five titles:",
                  "This memorandum summarizes briefly each title", "Pub. L. No. 105-304, 112 Stat. 2860",
                  "Title I implements the WIPO treaties.", "The WIPO Copyright Treaty (WCT) and the WIPO",
                  "Section 104 of the Copyright Act establishes", "Both treaties require parties to protect"],
        "paras": ["The Digital Millennium Copyright Act (DMCA)", "The DMCA is divided into five titles",
                  "This memorandum summarizes briefly", "Title I implements the WIPO treaties",
                  "The WIPO Copyright Treaty (WCT)", "Section 104 of the Copyright Act establishes",
                  "Both treaties require parties to protect"],
        "hyphen": r"was\s*imple(.{0,4}?)mented\s*in",
    },
    "naacl06-shinyama.pdf": {
        "what": "conference paper, 8 pp., two columns, figures, hyphenation (page 2 probed)",
        "order": ["We implemented a preliminary system", "2 Basic Idea", "In Unrestricted Relation Discovery",
                  "Suppose that there are two articles", "that has something in common",
                  "and the place it affected", "Generally, in a clustering task", "We can extend this table"],
        "paras": ["We implemented a preliminary system", "In Unrestricted Relation Discovery",
                  "Suppose that there are two articles", "Generally, in a clustering task", "We can extend this table"],
        "hyphen": r"good\s*perfor(.{0,4}?)mance",
    },
    "multicolumn.pdf": {
        "what": "LaTeX two-column article, 3 pp. (page 1 probed)",
        "order": ["This is a sample document with two columns", "Lorem ipsum dolor sit amet, consectetuer",
                  "Nam dui ligula, fringilla a, euismod sodales", "Nulla malesuada porttitor diam.",
                  "pellentesque ante. Phasellus adipiscing semper elit.", "Quisque ullamcorper placerat ipsum.",
                  "Fusce mauris. Vestibulum luctus nibh at lectus."],
        "paras": ["Nam dui ligula, fringilla a, euismod sodales", "Nulla malesuada porttitor diam",
                  "Quisque ullamcorper placerat ipsum", "Fusce mauris. Vestibulum luctus"],
        "hyphen": r"consectetuer\s*adip(.{0,4}?)iscing",
    },
    "federal-register-3col.pdf": {
        "what": "Federal Register page, three columns, headings",
        "order": ["This section of the FEDERAL REGISTER", "DEPARTMENT OF TRANSPORTATION",
                  "SUMMARY: The FAA proposes to", "DATES: The FAA must receive comments",
                  "Federal eRulemaking Portal", "Examining the AD Docket", "Comments Invited",
                  "proposal, explain the reason for any", "On October 29, 2018, a Boeing Model"],
        "paras": ["You may examine the AD docket", "The FAA invites you to participate",
                  "Except for Confidential Business", "CBI is commercial or financial"],
        "hyphen": None,
    },
}

FAILURE_CASES = [
    ("aes-256-userpw.pdf", None, "AES-256, user password required, none given"),
    ("aes-256-userpw.pdf", "baz", "same, with the user password"),
    ("libreoffice-password.pdf", None, "LibreOffice, open password, none given"),
    ("libreoffice-password.pdf", "openpassword", "same, with the password"),
    ("jbig2-image-only.pdf", None, "image-only page (JBIG2)"),
    ("dmca-p2-scanned.pdf", None, "scanned text page, no text layer"),
    ("dmca.pdf", None, "owner password only, RC4 40-bit (opens without one)"),
    ("@dmca.pdf:0.55", None, "first 55% of dmca.pdf (linearized; a download cut short)"),
    ("@naacl06-shinyama.pdf:0.95", None, "first 95% of naacl06-shinyama.pdf (xref table lost)"),
    ("zen-corrupted.pdf", None, "corrupted (pdfminer sample)"),
]


def pdf_text_pages(lib: str, path: Path, password: str | None = None) -> list[str]:
    """Plain text per page, each library's default text call."""
    if lib == "pypdf":
        import pypdf

        r = pypdf.PdfReader(path)
        if r.is_encrypted and password is not None:
            r.decrypt(password)
        return [p.extract_text() or "" for p in r.pages]
    if lib == "pypdf layout":
        import pypdf

        r = pypdf.PdfReader(path)
        if r.is_encrypted and password is not None:
            r.decrypt(password)
        return [p.extract_text(extraction_mode="layout") or "" for p in r.pages]
    if lib == "pdfminer.six":
        from pdfminer.high_level import extract_text

        return extract_text(path, password=password or "").split("\f")[:-1] or [""]
    if lib == "pypdfium2":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(path, password=password)
        try:
            out = []
            for page in doc:
                tp = page.get_textpage()
                out.append(tp.get_text_range())
                tp.close()
                page.close()
            return out
        finally:
            doc.close()
    if lib == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(path, password=password or "") as pdf:
            return [p.extract_text() or "" for p in pdf.pages]
    raise ValueError(lib)


def pdf_lines(lib: str, path: Path) -> list[list[dict]]:
    """Per page: text lines with positions (x0, top, bottom from the top of the page, page
    height) through each library's positional API, in the library's own order."""
    pages: list[list[dict]] = []
    if lib == "pdfminer.six":
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LTTextContainer, LTTextLine

        for lay in extract_pages(path):
            H = lay.height
            lines = []

            def visit(el):
                if isinstance(el, LTTextLine):
                    x0, y0, x1, y1 = el.bbox
                    lines.append({"x0": x0, "top": H - y1, "bottom": H - y0, "text": el.get_text(), "H": H})
                elif isinstance(el, LTTextContainer):
                    for ch in el:
                        visit(ch)

            for el in lay:
                visit(el)
            pages.append(lines)
    elif lib == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for p in pdf.pages:
                pages.append([{"x0": l["x0"], "top": l["top"], "bottom": l["bottom"], "text": l["text"], "H": p.height}
                              for l in p.extract_text_lines(return_chars=False)])
    elif lib == "pypdfium2":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(path)
        for page in doc:
            H = page.get_height()
            tp = page.get_textpage()
            n = tp.count_chars()
            text = tp.get_text_range(0, n)
            lines = []
            start = 0
            # PDFium's text has one character per char index (generated \r\n included), so a
            # line's box is the union of its characters' boxes.
            for i in range(len(text) + 1):
                if i == len(text) or text[i] == "\n":
                    idx = [j for j in range(start, min(i, n)) if not text[j].isspace()]
                    if idx:
                        boxes = [tp.get_charbox(j) for j in idx]
                        lines.append({"x0": min(b[0] for b in boxes), "top": H - max(b[3] for b in boxes),
                                      "bottom": H - min(b[1] for b in boxes), "text": text[start:i], "H": H})
                    start = i + 1
            tp.close()
            pages.append(lines)
        doc.close()
    elif lib == "pypdf":
        import pypdf

        for p in pypdf.PdfReader(path).pages:
            H = float(p.mediabox.height)
            parts = []

            def visitor(text, cm, tm, font, size, parts=parts):
                if text and text.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    parts.append({"x0": x, "top": H - y - (size or 10), "bottom": H - y, "text": text, "H": H})

            p.extract_text(visitor_text=visitor)
            pages.append(parts)
    else:
        raise ValueError(lib)
    # Merge pieces of one visual line that follow each other (same baseline, left to right).
    merged_pages = []
    for lines in pages:
        merged: list[dict] = []
        for ln in lines:
            ln = dict(ln, text=re.sub(r"\s+", " ", ln["text"]).strip())
            if not ln["text"]:
                continue
            if merged and abs(merged[-1]["bottom"] - ln["bottom"]) < 2 and ln["x0"] >= merged[-1]["x0"]:
                merged[-1]["text"] += " " + ln["text"]
            else:
                merged.append(ln)
        merged_pages.append(merged)
    return merged_pages


def paragraphs_from_lines(pages: list[list[dict]]) -> list[str]:
    """Generic paragraph rebuild from positioned lines: a new paragraph on a new page, a
    vertical gap over 0.6 line heights, a jump upwards (new column) or a first-line indent."""
    paras: list[list[str]] = []
    for lines in pages:
        prev = None
        for ln in lines:
            new = prev is None
            if prev is not None:
                lh = max(1.0, prev["bottom"] - prev["top"])
                gap = ln["top"] - prev["bottom"]
                if gap > 0.6 * lh or ln["top"] < prev["top"] - lh or abs(ln["x0"] - prev["x0"]) > 150 or ln["x0"] - prev["x0"] > 6:
                    new = True
            if new:
                paras.append([])
            paras[-1].append(ln["text"])
            prev = ln
    return [" ".join(p) for p in paras]


def drop_running_lines(pages: list[list[dict]], band: float = 0.1, share: float = 0.4) -> list[list[dict]]:
    """Drop lines in the top/bottom band whose text (digits masked) repeats on >= share of pages."""
    def key(t):
        return re.sub(r"\s+", "", re.sub(r"\d+", "#", t.lower()))

    n = len(pages)
    seen = collections.Counter()
    for lines in pages:
        ks = {key(l["text"]) for l in lines if l["top"] < band * l["H"] or l["bottom"] > (1 - band) * l["H"]}
        seen.update(ks)
    running = {k for k, c in seen.items() if n >= 3 and c >= max(2, share * n)}
    return [[l for l in lines if not ((l["top"] < band * l["H"] or l["bottom"] > (1 - band) * l["H"])
                                      and key(l["text"]) in running)] for lines in pages]


def norm_pdf_text(t: str) -> str:
    t = unicodedata.normalize("NFKC", t).replace("\r\n", "\n").replace("\r", "\n")
    t = re.sub(r"[ \t\u00a0]+", " ", t)
    return re.sub(r" *\n *", "\n", t)


def find_loose(text: str, probe: str) -> tuple[int, bool]:
    """Position of probe in text: exact after whitespace collapse (True), else ignoring all
    whitespace (False: words split or glued). -1 if absent."""
    flat = re.sub(r"\s+", " ", text)
    p = re.sub(r"\s+", " ", probe)
    i = flat.find(p)
    if i >= 0:
        # map back to an index in text: count non-space chars
        nonspace = len(re.sub(r"\s", "", flat[:i]))
    else:
        squeezed = re.sub(r"\s", "", text)
        j = squeezed.find(re.sub(r"\s", "", probe))
        if j < 0:
            return -1, False
        nonspace = j
    k = c = 0
    while k < len(text) and c < nonspace:
        if not text[k].isspace():
            c += 1
        k += 1
    while k < len(text) and text[k].isspace():
        k += 1
    return k, i >= 0


def order_score(text: str, probes: list[str]) -> tuple[int, int, int, int]:
    """(found exactly, found only ignoring whitespace, missing, adjacent pairs in order / pairs)."""
    pos = [find_loose(text, p) for p in probes]
    exact = sum(1 for i, e in pos if i >= 0 and e)
    loose = sum(1 for i, e in pos if i >= 0 and not e)
    missing = sum(1 for i, _ in pos if i < 0)
    found = [i for i, _ in pos if i >= 0]
    in_order = sum(1 for a, b in zip(found, found[1:]) if a < b)
    return exact, loose, missing, in_order


def blank_line_before(text: str, probes: list[str]) -> int:
    n = 0
    for p in probes:
        i, _ = find_loose(text, p)
        if i >= 0 and re.search(r"\n[ \t]*\n[ \t]*$", text[:i]):
            n += 1
    return n


def count_running(text: str) -> int:
    """dmca.pdf: footer 'Copyright Office Summary ... Page N' and header on pages 2-18."""
    flat = re.sub(r"\s+", " ", text)
    return len(re.findall(r"Page \d+\b", flat)) + len(re.findall(r"Digital Millennium Copyright Act of 1998", flat))


def section_pdf(results: dict) -> None:
    libs = [l for l, m in PDF_LIBS.items() if have(m)]
    for l, m in PDF_LIBS.items():
        if not have(m):
            print(f"MISSING: {l} (its PDF rows are skipped)")
    if not libs:
        return
    text_libs = [l for l in ["pypdf", "pypdf layout", "pdfminer.six", "pypdfium2", "pdfplumber"]
                 if l.split()[0] in libs]
    # warm-up
    for l in text_libs:
        pdf_text_pages(l, PDF_DIR / "multicolumn.pdf")

    rows = []
    speed = collections.defaultdict(lambda: [0.0, 0])
    texts = {}
    for doc, spec in PDF_DOCS.items():
        path = PDF_DIR / doc
        for l in text_libs:
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                pages = pdf_text_pages(l, path)
                times.append(time.perf_counter() - t0)
            t = norm_pdf_text("\n\n".join(pages))
            texts[(doc, l)] = t
            ms_page = med(times) * 1000 / max(1, len(pages))
            speed[l][0] += med(times)
            speed[l][1] += len(pages)
            ex, lo, mi, io_ = order_score(t, spec["order"])
            hy = "n/a"
            if spec["hyphen"]:
                m = re.search(spec["hyphen"], t, re.S)
                hy = {"-\n": "hyphen+newline", "": "joined", "-": "hyphen kept", "\ufffe": "U+FFFE marker",
                      "\u00ad": "soft hyphen", "- ": "hyphen+space"}.get(m.group(1), repr(m.group(1))) if m else "not found"
            rows.append([doc, l, len(pages), len(t), ms_page, f"{ex}/{len(spec['order'])}", lo, mi,
                         f"{io_}/{len(spec['order']) - 1}", f"{blank_line_before(t, spec['paras'])}/{len(spec['paras'])}", hy])
    # Words no other library produced (split or glued words, lost characters): per 1,000 words.
    main = [l for l in ("pypdf", "pdfminer.six", "pypdfium2", "pdfplumber") if l in text_libs]
    for row in rows:
        doc, l = row[0], row[1]
        mine = tokens(texts[(doc, l)].replace("\ufffe", "-"))
        others = set()
        for o in main:
            if o != l.split()[0]:
                others |= set(tokens(texts[(doc, o)].replace("\ufffe", "-")))
        odd = sum(1 for t in mine if t not in others)
        row.insert(4, round(1000 * odd / max(1, len(mine)), 1))
    table(["document", "library", "pages", "chars", "odd words /1000", "ms/page", "probes exact", "only w/o spaces",
           "missing", "pairs in order", "para start after blank line", "line-end hyphen"], rows,
          "PDF text: reading order, paragraphs, hyphenation, speed",
          "Default text call of each library ('pypdf layout' = extract_text(extraction_mode='layout'), "
          "'pdfplumber' = page.extract_text()). Probes are lines read off the rendered page in reading "
          "order; 'only w/o spaces' = found only when whitespace is ignored (a word split or glued); "
          "'odd words' = words that none of the other libraries produced on that document; "
          "'pairs in order' = consecutive found probes in the right order. ms/page = median of 5 runs.")
    results["pdf_texts"] = texts
    table(["library", "pages", "total s", "ms/page"],
          [[l, v[1], v[0], v[0] * 1000 / v[1]] for l, v in speed.items()], "PDF speed over the four text documents")

    # positions: paragraphs from lines, and running header/footer removal
    rows = []
    for l in libs:
        for doc, spec in PDF_DOCS.items():
            try:
                pages = pdf_lines(l, PDF_DIR / doc)
            except Exception as e:
                rows.append([doc, l, f"ERR {type(e).__name__}", "", "", "", ""])
                continue
            paras = paragraphs_from_lines(pages)
            starts = 0
            for p in spec["paras"]:
                q = re.sub(r"\s", "", unicodedata.normalize("NFKC", p))
                starts += any(re.sub(r"\s", "", unicodedata.normalize("NFKC", x)).startswith(q) for x in paras)
            kept = drop_running_lines(pages)
            before = sum(len(x) for x in pages)
            after = sum(len(x) for x in kept)
            text_all = norm_pdf_text("\n".join(l_["text"] for pg in pages for l_ in pg))
            text_kept = norm_pdf_text("\n".join(l_["text"] for pg in kept for l_ in pg))
            ex_b = order_score(text_all, spec["order"])
            ex_a = order_score(text_kept, spec["order"])
            run = f"{count_running(text_all)} -> {count_running(text_kept)}" if doc == "dmca.pdf" else ""
            rows.append([doc, l, f"{starts}/{len(spec['paras'])}", f"{before} -> {after}", run,
                         f"{ex_b[0] + ex_b[1]} -> {ex_a[0] + ex_a[1]} of {len(spec['order'])}",
                         f"{ex_b[3]}/{len(spec['order']) - 1}"])
    table(["document", "library", "para starts from positions", "lines before -> after header/footer drop",
           "dmca running lines", "probes kept", "order (lines)"], rows,
          "Positions: paragraphs and running headers/footers",
          "Lines with positions from each library's positional API (pdfminer LTTextLine bboxes, "
          "pdfplumber extract_text_lines, pypdfium2 character boxes grouped by its own line breaks, pypdf visitor_text), merged per "
          "baseline. Paragraphs: same rule for all (gap > 0.6 line, jump to a new column, indent > 6 pt). "
          "Running lines: top/bottom 10% of the page, digits masked, repeated on >= 40% of pages. "
          "'dmca running lines' counts 'Page N' footers + the running title (18 + 17 in the PDF).")

    # failure cases
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="pdfbench-"))
    for doc, pw, what in FAILURE_CASES:
        path = PDF_DIR / doc
        if doc.startswith("@"):  # a truncated copy, cut here
            src, frac = doc[1:].split(":")
            blob = (PDF_DIR / src).read_bytes()
            path = tmp / f"{src[:-4]}-cut{frac}.pdf"
            path.write_bytes(blob[: int(len(blob) * float(frac))])
            doc = path.name
        for l in libs:
            rows.append([doc + (f" (pw '{pw}')" if pw else ""), l, pdf_outcome(l, path, pw)])
    table(["file", "library", "outcome"], rows, "Encrypted, image-only, truncated and corrupted input",
          "\n".join(f"- {d.lstrip('@')}: {w}" for d, pw, w in FAILURE_CASES if pw is None))
    rows = []
    for src, fracs in (("dmca.pdf", (0.3, 0.55, 0.8, 0.9, 0.97, 0.995)),
                       ("naacl06-shinyama.pdf", (0.5, 0.8, 0.95)), ("multicolumn.pdf", (0.5, 0.8, 0.95))):
        blob = (PDF_DIR / src).read_bytes()
        for frac in fracs:
            path = tmp / f"{src[:-4]}-sweep{frac}.pdf"
            path.write_bytes(blob[: int(len(blob) * frac)])
            row = [src, f"{frac:.1%}"]
            for l in libs:
                out = pdf_outcome(l, path, None)
                m = re.match(r"ok: (\d+) pages, (\d+) chars", out)
                row.append(f"ok: {m.group(1)} pp., {m.group(2)} chars" if m else
                           re.sub(r"^raises (\S+?):.*", r"\1", out.split(";")[0]))
            rows.append(row)
    table(["file", "bytes kept", *libs], rows, "Truncation sweep (file cut after N% of its bytes)")
    shutil.rmtree(tmp, ignore_errors=True)
    if "pypdf" in libs:
        print("\npypdf on AES without the 'cryptography' package (subprocess, import blocked): "
              + pypdf_without_crypto())

    rows = []
    for doc in ("jbig2-image-only.pdf", "dmca-p2-scanned.pdf", "dmca.pdf"):
        for l in libs:
            rows.append([doc, l, image_count(l, PDF_DIR / doc)])
    table(["file", "library", "images on page 1 (API)"], rows, "Can the library tell an image-only page?")


def pdf_outcome(lib: str, path: Path, pw: str | None) -> str:
    counter = collections.Counter()
    first: list[str] = []

    class H(logging.Handler):
        def emit(self, rec):
            counter[rec.levelname] += 1
            if not first:
                first.append(rec.getMessage()[:70])

    h = H(level=logging.WARNING)
    loggers = [logging.getLogger(n) for n in ("pypdf", "pdfminer", "pdfplumber")]
    saved = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(h)
        lg.setLevel(logging.WARNING)
    try:
        pages = pdf_text_pages(lib, path, pw)
        chars = sum(len(p.strip()) for p in pages)
        out = f"ok: {len(pages)} pages, {chars} chars"
        if lib == "pypdf":
            import pypdf

            r = pypdf.PdfReader(path)
            out += f" (is_encrypted={r.is_encrypted})"
    except Exception as e:
        mod = type(e).__module__.split(".")[0]
        out = f"raises {mod}.{type(e).__name__}: {str(e)[:80]!r}"
    finally:
        for lg, lv in zip(loggers, saved):
            lg.removeHandler(h)
            lg.setLevel(lv)
    if counter:
        out += f"; {sum(counter.values())} log warnings, first: {first[0]!r}"
    return out


def pypdf_without_crypto() -> str:
    code = (
        "import sys\n"
        "class B:\n"
        "    def find_spec(self, n, p=None, t=None):\n"
        "        if n == 'cryptography' or n.startswith('cryptography.') or n.startswith('Crypto'): raise ImportError(n)\n"
        "sys.meta_path.insert(0, B())\n"
        "import pypdf\n"
        f"r = pypdf.PdfReader({str(PDF_DIR / 'aes-256-userpw.pdf')!r})\n"
        "try:\n"
        "    r.decrypt('baz'); print('ok', len(r.pages[0].extract_text()))\n"
        "except Exception as e: print(type(e).__module__ + '.' + type(e).__name__ + ': ' + str(e)[:100])\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return (p.stdout.strip() or p.stderr.strip().splitlines()[-1])[:200]


def image_count(lib: str, path: Path) -> str:
    try:
        if lib == "pypdf":
            import pypdf

            return str(len(pypdf.PdfReader(path).pages[0].images))
        if lib == "pdfminer.six":
            from pdfminer.high_level import extract_pages
            from pdfminer.layout import LTFigure, LTImage

            def count(el):
                if isinstance(el, LTImage):
                    return 1
                if isinstance(el, LTFigure):
                    return sum(count(c) for c in el)
                return 0

            return str(sum(count(el) for el in next(iter(extract_pages(path)))))
        if lib == "pypdfium2":
            import pypdfium2 as pdfium
            import pypdfium2.raw as pdfium_c

            doc = pdfium.PdfDocument(path)
            n = len(list(doc[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])))
            doc.close()
            return str(n)
        if lib == "pdfplumber":
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                return str(len(pdf.pages[0].images))
    except Exception as e:
        return f"{type(e).__name__}: {str(e)[:60]}"
    return "?"


# ----------------------------------------------------------------------------- cost

IMPORTS = {"trafilatura": "trafilatura", "readability-lxml": "readability", "pypdf": "pypdf",
           "pypdf[crypto]": "pypdf", "pdfminer.six": "pdfminer.high_level", "pypdfium2": "pypdfium2",
           "pdfplumber": "pdfplumber"}


def import_ms(module: str, runs: int = 9) -> tuple[float, float, float]:
    """(median and min of -X importtime total of the modules it adds, median wall-clock delta) in ms."""
    def top_level(stmt):
        p = subprocess.run([sys.executable, "-X", "importtime", "-c", stmt], capture_output=True, text=True)
        rows = {}
        for line in p.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if m and m.group(3) == " ":
                rows[m.group(4)] = int(m.group(2))
        return rows

    subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)  # .pyc warm
    base = top_level("pass")
    it, wall = [], []
    for _ in range(runs):
        rows = top_level(f"import {module}")
        it.append(sum(v for k, v in rows.items() if k not in base) / 1000)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
        t1 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
        wall.append((t1 - t0 - (time.perf_counter() - t1)) * 1000)
    return med(it), min(it), med(wall)


def requirement_closure(spec: str) -> list[str]:
    """The installed distributions `spec` (a name, optionally with [extras]) needs, itself first."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # pip vendors it
        from pip._vendor.packaging.requirements import Requirement
    seen: dict[str, None] = {}
    done: set[tuple[str, str]] = set()
    first = Requirement(spec)
    todo = [(first.name, e) for e in ["", *first.extras]]
    while todo:
        d, extra = todo.pop(0)
        key = re.sub(r"[-_.]+", "-", d).lower()
        if (key, extra) in done:
            continue
        done.add((key, extra))
        try:
            reqs = md.requires(d) or []
        except md.PackageNotFoundError:
            continue
        seen[key] = None
        for r in reqs:
            req = Requirement(r)
            if req.marker and not req.marker.evaluate({"extra": extra}):
                continue
            if extra and not (req.marker and "extra" in str(req.marker)):
                continue  # only what the extra adds
            todo += [(req.name, e) for e in ["", *req.extras]]
    return list(seen)


def dist_size(dist: str) -> int:
    try:
        files = md.files(dist) or []
    except md.PackageNotFoundError:
        return 0
    total = 0
    for f in files:
        try:
            total += f.locate().stat().st_size
        except OSError:
            pass
    return total


def dist_licence(dist: str) -> str:
    try:
        m = md.metadata(dist)
    except md.PackageNotFoundError:
        return "?"
    lic = m.get("License-Expression")
    if lic:
        return lic
    cls = [c.split("::")[-1].strip() for c in m.get_all("Classifier") or [] if c.startswith("License ::")]
    raw = (m.get("License") or "").strip()
    if raw and len(raw) < 60 and "\n" not in raw:
        return raw + (f" [{'; '.join(cls)}]" if cls and raw not in cls else "")
    return "; ".join(cls) or (raw.splitlines()[0][:60] if raw else "?")


def base(dist: str) -> str:
    return dist.split("[")[0]


def section_cost(online: bool) -> None:
    rows = []
    timed: dict[str, tuple[float, float]] = {}
    for dist, mod in IMPORTS.items():
        if version(base(dist)) == "MISSING":
            rows.append([dist, "MISSING", "", "", "", "", "", ""])
            continue
        if mod not in timed:
            timed[mod] = import_ms(mod)
        it, it_min, wall = timed[mod]
        closure = requirement_closure(dist)
        size = sum(dist_size(d) for d in closure)
        rows.append([dist, version(base(dist)), dist_licence(base(dist)), it, it_min, wall, size / 1e6,
                     len(closure) - 1])
    table(["library", "version", "licence", "import ms median", "import ms min", "import ms (wall delta)",
           "installed MB with deps", "deps"], rows, "Import cost and footprint",
          "Cold import = a fresh interpreter (bytecode cached): -X importtime summed over the modules the "
          "import adds, median and min of 9 (this 2-core machine is shared and noisy), and the median "
          "wall-clock difference against 'python -c pass'. Size = files listed in "
          "each installed distribution's RECORD, for the library and every dependency it requires "
          "(extras only where named: pypdf[crypto] adds what AES decryption needs).")
    rows = []
    for dist in IMPORTS:
        if version(base(dist)) == "MISSING" or dist == "pypdf":
            continue
        for d in requirement_closure(dist)[1:]:
            rows.append([dist, d, version(d), dist_licence(d), dist_size(d) / 1e6])
    table(["library", "dependency", "version", "licence", "MB"], rows, "Dependencies (installed closure)")
    if online:
        section_online()
    else:
        print("\n(wheel availability per platform and release history: run with --online)")


PLATFORMS = {  # pip expands a macOS tag to every older macOS version of the same arch
    "linux x86_64": ["manylinux2014_x86_64", "manylinux_2_28_x86_64"],
    "linux aarch64": ["manylinux2014_aarch64", "manylinux_2_28_aarch64"],
    "macOS 14 arm64": ["macosx_14_0_arm64"],
    "macOS 14 x86_64": ["macosx_14_0_x86_64"],
    "macOS 12 x86_64": ["macosx_12_0_x86_64"],
    "windows amd64": ["win_amd64"],
}


def section_online() -> None:
    rows = []
    for dist in IMPORTS:
        if version(base(dist)) == "MISSING":
            continue
        row = [f"{dist} {version(base(dist))}"]
        for plat, tags in PLATFORMS.items():
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--dest", tmp,
                       "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311", "--abi", "abi3",
                       "--abi", "none"]
                for t in tags:
                    cmd += ["--platform", t]
                p = subprocess.run(cmd + [f"{dist}=={version(base(dist))}"], capture_output=True, text=True)
                if p.returncode == 0:
                    whl = sorted(os.listdir(tmp))
                    native = [w for w in whl if not w.endswith("-none-any.whl")]
                    row.append(f"yes ({len(whl)} wheels, {len(native)} native)")
                else:
                    m = re.search(r"(No matching distribution found for \S+)", p.stderr) or \
                        re.search(r"(ERROR: .*)", p.stderr)
                    row.append("NO: " + (m.group(1)[:60] if m else p.stderr.strip()[-60:]))
        rows.append(row)
    table(["library (with deps)", *PLATFORMS], rows, "Wheels only, per platform (pip download --only-binary=:all:)",
          "pip resolves the dependency tree for the target platform and CPython 3.11; 'yes' = every "
          "package of the tree came as a wheel. (Environment markers are evaluated for this machine.)")
    rows = []
    for dist in dict.fromkeys(base(d) for d in IMPORTS):
        p = subprocess.run([sys.executable, "-m", "pip", "index", "versions", dist], capture_output=True, text=True)
        m = re.search(r"Available versions: (.*)", p.stdout)
        vs = [v.strip() for v in m.group(1).split(",")] if m else []
        rows.append([dist, vs[0] if vs else "?", len(vs), ", ".join(vs[:6])])
    table(["library", "latest", "releases listed", "latest six"], rows, "Release history (pip index versions)")


# ----------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--section", action="append", choices=["html", "zyte", "tfeval", "pdf", "cost"],
                    help="html: Readability pages (text, paragraphs, metadata, speed, leaks); zyte: "
                         "Zyte benchmark text gold; tfeval: "
                         "trafilatura's snippet gold; pdf; cost: import time, size, licences")
    ap.add_argument("--readability-pages", help="a test/test-pages directory (default: data/readability-pages.tar.xz)")
    ap.add_argument("--trafilatura-root", help="a trafilatura checkout, all of tests/eval (default: the sample in data/)")
    ap.add_argument("--zyte-root", help="a scrapinghub/article-extraction-benchmark checkout (default: the sample in data/)")
    ap.add_argument("--online", action="store_true", help="ask pip about wheels per platform and releases")
    ap.add_argument("--json", help="write per-page HTML results here")
    a = ap.parse_args()
    sections = a.section or ["html", "zyte", "tfeval", "pdf", "cost"]

    print(f"# Extractor benchmark\n\nPython {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPUs")
    print("\n" + ", ".join(f"{d} {version(d)}" for d in list(HTML_LIBS) + list(PDF_LIBS)))
    missing = [d for d, m in {**HTML_LIBS, **PDF_LIBS}.items() if not have(m)]
    if missing:
        print("\nMISSING (install into this interpreter to measure): " + ", ".join(missing))
    results: dict = {}
    if "html" in sections:
        pages = load_readability_pages(a.readability_pages)
        print(f"\nReadability test pages: {len(pages)}")
        section_html(pages, results)
        section_leaks(pages, results)
    if "zyte" in sections:
        items = load_zyte(a.zyte_root)
        print(f"\nZyte benchmark pages: {len(items)}")
        section_zyte(items)
    if "tfeval" in sections:
        traf = load_trafilatura_sample(a.trafilatura_root)
        print(f"\nTrafilatura evaluation pages: {len(traf)}")
        section_tfeval(traf)
    if "pdf" in sections:
        section_pdf(results)
    if "cost" in sections:
        section_cost(a.online)
    if a.json and "html" in results:
        slim = {n: [{k: v for k, v in r.items() if k != "paras"} for r in rs] for n, rs in results["html"].items()}
        Path(a.json).write_text(json.dumps(slim, indent=1, default=str))


if __name__ == "__main__":
    main()
