"""Rebuild ``data/`` from local snapshots of the source repositories (not needed to re-run).

    python bench/extractors/prepare_data.py --readability GIT_DIR --trafilatura GIT_DIR \
        --pdfminer GIT_DIR --samplefiles GIT_DIR --zyte GIT_DIR

Each GIT_DIR is a (bare) git directory of mozilla/readability, adbar/trafilatura,
pdfminer/pdfminer.six, py-pdf/sample-files and scrapinghub/article-extraction-benchmark. Files are read with ``git show HEAD:path``
(read-only). One PDF is derived here (a scan); SOURCES.md says how. Needs pypdfium2
(for that PDF).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

# Readability's test-pages that are unit tests of one rule (a few hundred bytes of made-up
# HTML), not saved web pages. Everything else in test/test-pages/ is used.
SYNTHETIC = set(["003-metadata-preferred", "004-metadata-space-separated-properties", "005-unescape-html-entities", "base-url", "base-url-base-element", "base-url-base-element-relative", "basic-tags-cleaning", "comment-inside-script-parsing", "dev418", "embedded-videos", "hidden-nodes", "invalid-attributes", "js-link-replacement", "lazy-image-3", "metadata-content-missing", "missing-paragraphs", "normalize-spaces", "ol", "parsely-metadata", "remove-aria-hidden", "remove-extra-brs", "remove-extra-paragraphs", "remove-script-tags", "reordering-paragraphs", "replace-brs", "replace-font-tags", "rtl-1", "rtl-2", "rtl-3", "rtl-4", "social-buttons", "style-tags-removal", "svg-parsing", "title-and-h1-discrepancy", "title-en-dash", "visibility-hidden", "data-url-image", "table-style-attributes"])

TRAF_SAMPLE = 30
ZYTE_SAMPLE = 30
SEED = 20251123

PDFS = {  # name in data/pdf -> (repo key, path)
    "dmca.pdf": ("pdfminer", "samples/nonfree/dmca.pdf"),
    "naacl06-shinyama.pdf": ("pdfminer", "samples/nonfree/naacl06-shinyama.pdf"),
    "federal-register-3col.pdf": ("pdfminer", "samples/contrib/pr-00530-ml-lines.pdf"),
    "multicolumn.pdf": ("samplefiles", "026-latex-multicolumn/multicolumn.pdf"),
    "jbig2-image-only.pdf": ("pdfminer", "samples/contrib/pdf-with-jbig2.pdf"),
    "aes-256-userpw.pdf": ("pdfminer", "samples/encryption/aes-256.pdf"),
    "libreoffice-password.pdf": ("samplefiles", "005-libreoffice-writer-password/libreoffice-writer-password.pdf"),
    "zen-corrupted.pdf": ("pdfminer", "samples/zen_of_python_corrupted.pdf"),
}


def git_show(git_dir: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"],
                          check=True, capture_output=True).stdout


def git_ls(git_dir: str, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "--name-only", "HEAD", path + "/"],
                         check=True, capture_output=True, text=True).stdout
    return [line.rsplit("/", 1)[-1] for line in out.splitlines()]


def add(tar: tarfile.TarFile, name: str, blob: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(blob)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(blob))


def readability_pages(git_dir: str) -> None:
    names = [n for n in git_ls(git_dir, "test/test-pages") if n not in SYNTHETIC]
    with tarfile.open(DATA / "readability-pages.tar.xz", "w:xz", preset=9) as tar:
        for n in sorted(names):
            for f in ("source.html", "expected.html", "expected-metadata.json"):
                add(tar, f"{n}/{f}", git_show(git_dir, f"test/test-pages/{n}/{f}"))
    print("readability pages:", len(names))


def trafilatura_sample(git_dir: str) -> None:
    gold = json.loads(git_show(git_dir, "tests/evaldata.json"))
    present = set(git_ls(git_dir, "tests/eval"))
    items = sorted((k, v) for k, v in gold.items() if v["file"] in present)
    random.Random(SEED).shuffle(items)
    items = items[:TRAF_SAMPLE]
    with tarfile.open(DATA / "trafilatura-eval-sample.tar.xz", "w:xz", preset=9) as tar:
        add(tar, "evaldata.json", json.dumps(dict(items), ensure_ascii=False, indent=1).encode())
        for _, v in items:
            add(tar, "pages/" + v["file"], git_show(git_dir, "tests/eval/" + v["file"]))
    print("trafilatura eval pages:", len(items), "of", len(present))


def zyte_sample(git_dir: str) -> None:
    import gzip

    gold = json.loads(git_show(git_dir, "ground-truth.json"))
    keys = sorted(gold)
    random.Random(SEED).shuffle(keys)
    keys = keys[:ZYTE_SAMPLE]
    with tarfile.open(DATA / "zyte-benchmark-sample.tar.xz", "w:xz", preset=9) as tar:
        add(tar, "ground-truth.json", json.dumps({k: gold[k] for k in keys}, ensure_ascii=False, indent=1).encode())
        for k in keys:
            add(tar, f"html/{k}.html", gzip.decompress(git_show(git_dir, f"html/{k}.html.gz")))
    print("zyte benchmark pages:", len(keys), "of", len(gold))


def pdfs(repos: dict[str, str]) -> None:
    import pypdfium2 as pdfium

    out = DATA / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    for name, (repo, path) in PDFS.items():
        (out / name).write_bytes(git_show(repos[repo], path))
    dmca = (out / "dmca.pdf").read_bytes()
    # A scan: page 2 rendered at 150 dpi, 1-bit, written as an image-only PDF by Pillow.
    # (Truncated files are cut at run time by run.py from dmca.pdf and naacl06-shinyama.pdf.)
    img = pdfium.PdfDocument(dmca)[1].render(scale=150 / 72).to_pil().convert("L").point(
        lambda v: 255 if v > 160 else 0).convert("1")
    img.save(out / "dmca-p2-scanned.pdf", "PDF", resolution=150)
    print("pdfs:", sorted(p.name for p in out.iterdir()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readability", required=True)
    ap.add_argument("--trafilatura", required=True)
    ap.add_argument("--pdfminer", required=True)
    ap.add_argument("--samplefiles", required=True)
    ap.add_argument("--zyte", required=True, help="scrapinghub/article-extraction-benchmark")
    a = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    readability_pages(a.readability)
    trafilatura_sample(a.trafilatura)
    zyte_sample(a.zyte)
    pdfs({"pdfminer": a.pdfminer, "samplefiles": a.samplefiles})


if __name__ == "__main__":
    main()
