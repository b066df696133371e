"""The one way in: ``load_document(arg)`` turns any argument into a ``Document``.

What an argument may be, and what happens to it:

- an ``http://`` or ``https://`` address: the newest snapshot of that page when there is
  one (no network: reading works offline), else the page is fetched (``web``), its
  article extracted (``html`` or ``pdf``, by content type), stored as a snapshot
  (``snapshots``) and shown from there. Its key is the page's canonical URL, normalised
  (the page's own ``<link rel=canonical>`` when it is on the same site, else the address
  after redirects), so every version and every address of one article share their
  annotations. ``refresh`` fetches again;
- a saved page (``.html``, ``.htm``, ``.xhtml``) or a PDF (``.pdf``, or any file that starts
  with ``%PDF``): converted and stored as a snapshot too; opened again unchanged, the
  snapshot is shown without converting again; when the file changed, a new version is
  stored (``meta["previous"]`` names the version it replaced). Its key is the absolute
  path, as for text files;
- Markdown (``.md``, ``.markdown``): ``reader.core.sources.markdown.markdown_document``;
- anything else: a text file, as it always was; and the shipped articles by name.

Text files never import the web and PDF libraries: trafilatura, urllib3 and pypdfium2
are imported only when such a source is opened.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.core.errors import EX_DATAERR, EX_NOINPUT, ArticleError, ReaderError, UsageError
from reader.core.sources.articles import _read_bytes, document_from_bytes, shipped_path
from reader.core.text.document import Document
from reader.core.text.safety import clean_surrogates, decode_article, plain

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
PDF_SUFFIXES = (".pdf",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
URL, HTML, PDF, MARKDOWN, TEXT, SHIPPED = "url", "html", "pdf", "markdown", "text", "shipped"


def is_url(arg: str) -> bool:
    s = arg.strip()[:8].lower()
    return s.startswith(("http://", "https://"))


def _path_of(arg: str) -> Path:
    if arg.lower().startswith("file://"):
        return Path(unquote(urlsplit(arg).path))
    path = Path(arg).expanduser()
    if "\ufffd" in arg and not os.path.lexists(path):
        named = Path(name_of_key(str(path)))  # a key of a name that is not UTF-8: the file it stands for
        if named != path and os.path.lexists(named):
            return named
    return path


# A file name whose bytes are not UTF-8 ("caf\xe9.txt") is kept as text with each such byte
# written "\ufffd" and two hex digits: storable, and one name per file ("doc\xff" and "doc\xfe"
# were one article when both were "doc\ufffd"), and read back to the bytes to open it again.
_ESCAPED_BYTE = re.compile("\ufffd([0-9a-f]{2})")


def key_of_name(name: str) -> str:
    """A path as the store keeps it (see ``_ESCAPED_BYTE``)."""
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return clean_surrogates(name)
    return clean_surrogates("".join(f"\ufffd{ord(ch) - 0xdc00:02x}" if "\udc80" <= ch <= "\udcff" else ch
                                    for ch in name))


def name_of_key(key: str) -> str:
    """The file name a key stands for (its bytes as the file system has them, surrogate-escaped)."""
    return _ESCAPED_BYTE.sub(lambda m: chr(0xdc00 + int(m.group(1), 16)), key)


_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
                         re.I | re.S)


def looks_like_html(data: bytes, suffix: str) -> bool:
    """A saved page under another name ("page", "story.php", "index.html?id=3" as wget
    saves it): shown as its article, not as its source. A .txt or Markdown file is taken
    at its word."""
    return suffix not in MARKDOWN_SUFFIXES and suffix != ".txt" and bool(_HTML_START.match(data[:4096]))


def _refuse_credentials(url: str) -> None:
    """An address with a user name or password is refused, the password never echoed: it was
    kept as typed in the store, the snapshot and the export's outlet ("alice:s3cretpw@host"),
    and never even sent (the reader sends no credentials)."""
    try:
        parts = urlsplit(url.strip())
        has = parts.username is not None or parts.password is not None
    except ValueError:
        return  # a malformed address: the fetch says what is wrong with it
    if has:
        shown = parts._replace(netloc=parts.hostname or "").geturl()
        raise UsageError(f"{plain(clean_surrogates(shown))}: an address with a user name or password is not opened "
                         "(the reader sends no credentials, and they would be kept in the store and the notes); "
                         "give it without them, or save the page and open the file")


def source_kind(arg: str) -> str:
    """What kind of source arg names (by its form and suffix; files are not read)."""
    if is_url(arg):
        return URL
    path = _path_of(arg)
    if not path.exists() and not path.is_symlink() and shipped_path(arg) is not None:
        return SHIPPED
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return HTML
    if suffix in PDF_SUFFIXES:
        return PDF
    if suffix in MARKDOWN_SUFFIXES:
        return MARKDOWN
    return TEXT


def load_document(arg: str, *, timeout: float | None = None, fetch: bool = True) -> Document:
    """Open an article: a URL, a saved page, a PDF, Markdown, text, or a shipped name.

    ``timeout`` (seconds) overrides ``READER_FETCH_TIMEOUT`` when a page must be fetched.
    ``fetch=False`` never goes to the network: a URL without a snapshot is an ArticleError
    (for listing stored annotations without waiting on the web). Raises only ReaderError
    subclasses, each one line.
    """
    if not arg or not arg.strip():
        raise ArticleError("an empty name is not an article", EX_NOINPUT)
    if is_url(arg):
        return open_url(arg, timeout=timeout, fetch=fetch)
    if "://" in arg[:12] and not arg.lower().startswith("file://"):
        scheme = arg.split("://", 1)[0]
        raise ArticleError(f"{clean_surrogates(arg)}: only http://, https:// and file addresses can be opened, "
                           f"not {clean_surrogates(scheme)}://", EX_NOINPUT)
    shown = clean_surrogates(arg)
    path = _path_of(arg)
    if "\x00" in str(path):  # "file:///tmp/a%00b" in an import: os calls raise ValueError on it
        raise ArticleError(f"{plain(shown)}: not a file name (it holds a NUL character)", EX_NOINPUT)
    _check_name(path, shown)
    if not path.exists() and not path.is_symlink():
        shipped = shipped_path(arg)
        if shipped is not None:
            return document_from_bytes(shipped.read_bytes(), key=shipped.stem, path=str(shipped))
    data = _read_bytes(path, shown)
    key = key_of_name(str(path.resolve()))
    where = clean_surrogates(str(path))
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        return open_converted_file(data, PDF, key, where)
    if suffix in HTML_SUFFIXES or looks_like_html(data, suffix):
        return open_converted_file(data, HTML, key, where)
    if suffix in MARKDOWN_SUFFIXES:
        return _markdown(data, key, where)
    return document_from_bytes(data, key=key, path=where)


def _check_name(path: Path, shown: str) -> None:
    """A name too long for the file system: one line, 66 (it made every command an internal error)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ArticleError(f"{plain(shown)[:120]}…: cannot open (the file name is too long)", EX_NOINPUT) from None


def _markdown(data: bytes, key: str, where: str) -> Document:
    text, note = decode_article(data, where)
    try:
        from reader.core.sources.markdown import markdown_document
    except ImportError:
        return document_from_bytes(data, key=key, path=where)
    try:
        doc = markdown_document(text, key, where, {})
    except ImportError:  # the Markdown parser is not installed: the file as plain text
        return document_from_bytes(data, key=key, path=where)
    except RecursionError:  # nested hundreds of levels deep: every word kept, as plain text
        doc = document_from_bytes(data, key=key, path=where)
        doc.encoding_note = "nested too deeply to read as Markdown: shown as plain text"
        return doc
    if not doc.text.strip():
        raise ArticleError(f"{where}: the article has no text", EX_DATAERR)
    if note and not doc.encoding_note:
        doc.encoding_note = note
    return doc


# --- converted files ---------------------------------------------------------------------------
def convert_file(data: bytes, kind: str, where: str):  # type: ignore[no-untyped-def]
    """A saved page's or a PDF's Extracted article (see html.extract_html, pdf.extract_pdf)."""
    if kind == PDF:
        from reader.core.sources.pdf import extract_pdf

        return extract_pdf(data, where)
    from reader.core.sources.html import decode_html, extract_html
    from reader.core.text.safety import looks_binary, wide_encoding

    if looks_binary(data) and wide_encoding(data) is None:  # as a text file is refused (66)
        raise ArticleError(f"{where}: looks like a binary file, not a saved page")
    text, note = decode_html(data)
    extracted = extract_html(text, name=where, file=True)
    if note:
        extracted.note = note if not extracted.note else f"{note}; {extracted.note}"
    canonical = extracted.meta.pop("canonical", "")
    if canonical:
        from reader.core.sources.web import normalise_url

        extracted.meta["url"] = normalise_url(canonical)
    return extracted


def snapshot_file(data: bytes, kind: str, key: str, where: str):  # type: ignore[no-untyped-def]
    """(snapshot, new, previous): a file converted and stored (a new version only if its text changed)."""
    from reader.core.sources import snapshots

    previous = snapshots.latest(key)
    extracted = convert_file(data, kind, where)
    snap, new = snapshots.save(
        key, kind=kind, source=where, fetched=_now(), text=extracted.text, blocks=extracted.blocks,
        meta=extracted.meta, encoding_note=extracted.note,
        origin={"raw_sha256": snapshots.sha256(data), "raw_size": len(data)})
    return snap, new, previous


def open_converted_file(data: bytes, kind: str, key: str, where: str) -> Document:
    """A saved page or a PDF: its snapshot when the file is unchanged, else converted and stored."""
    from reader.core.sources import snapshots

    newest = snapshots.latest(key)
    if newest is not None and newest.origin.get("raw_sha256") == snapshots.sha256(data):
        return newest.document()
    snap, new, previous = snapshot_file(data, kind, key, where)
    doc = snap.document()
    if new and previous is not None:
        doc.meta["previous"] = str(previous.version)
    return doc


# --- web pages -------------------------------------------------------------------------------------
def open_url(url: str, *, timeout: float | None = None, fetch: bool = True) -> Document:
    """A web page: its newest snapshot (offline), else fetched, extracted and stored."""
    from reader.core.sources import snapshots
    from reader.core.sources.web import normalise_url

    _refuse_credentials(url)
    key = snapshots.resolve(normalise_url(url))
    broken: list[str] = []
    if key is not None:
        snap = snapshots.latest(key)
        broken = snapshots.damaged(key, snap.version if snap is not None else 0)
        if snap is not None:
            doc = snap.document()
            if broken:
                doc.encoding_note = (f"its newest kept copy is damaged ({os.path.basename(broken[0])}); "
                                     f"showing version {snap.version}")
            return doc
    shown = clean_surrogates(url.strip())
    if not fetch:
        if broken:
            raise ArticleError(f"{shown}: its kept copy is damaged ({broken[0]}), and fetching was not asked for",
                               EX_DATAERR)
        from reader.core.sources.snapshots import root as snapshots_root

        raise ArticleError(f"{shown}: no snapshot of this page is kept under {snapshots_root()} (READER_SNAPSHOTS), "
                           "and fetching was not asked for", EX_NOINPUT)
    try:
        snap, _new, _previous = snapshot_url(url, key=key, timeout=timeout)
    except ReaderError as exc:
        if broken:
            raise type(exc)(f"{exc} (its kept copy is damaged: {broken[0]})", exc.exit_code) from None
        raise
    doc = snap.document()
    if broken:
        doc.encoding_note = f"its kept copy was damaged ({os.path.basename(broken[0])}); the page was fetched again"
    return doc


def convert_fetched(fetched):  # type: ignore[no-untyped-def]
    """A fetched page's Extracted article, and its key (the canonical URL, normalised)."""
    from reader.core.sources.web import normalise_url, same_site

    if fetched.kind == "pdf":
        from reader.core.sources.pdf import extract_pdf

        extracted = extract_pdf(fetched.body, fetched.final_url)
        canonical = ""
    elif fetched.kind in ("text", "markdown"):
        extracted = _text_extracted(fetched)
        canonical = ""
    else:
        from reader.core.sources.html import decode_html, extract_html

        text, note = decode_html(fetched.body, fetched.charset)
        extracted = extract_html(text, url=fetched.final_url, name=fetched.url)
        if note:
            extracted.note = note
        canonical = extracted.meta.pop("canonical", "")
    if not canonical or not same_site(canonical, fetched.final_url):
        canonical = fetched.final_url
    if "outlet" not in extracted.meta:
        host = (urlsplit(fetched.final_url).hostname or "").lower()
        if host:
            extracted.meta["outlet"] = host[4:] if host.startswith("www.") else host
    return extracted, normalise_url(canonical)


def _text_extracted(fetched):  # type: ignore[no-untyped-def]
    """Plain text or Markdown served as such, read as the same file would be read."""
    from reader.core.sources.html import Extracted

    where = fetched.final_url
    data = fetched.body
    if fetched.charset and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:  # the server's charset, when it names one that reads the body
            data = data.decode(fetched.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    doc = _markdown(data, where, where) if fetched.kind == "markdown" else document_from_bytes(data, key=where,
                                                                                                path=where)
    blocks = []
    if doc.structure is not None:
        levels = doc.structure.levels if doc.structure.levels else [0] * len(doc.para_kinds)
        blocks = list(zip(doc.para_kinds, levels, strict=False))
    meta = {k: v for k, v in doc.meta.items() if isinstance(v, str)}
    return Extracted(doc.text, blocks, meta, doc.encoding_note)


def snapshot_url(url: str, *, key: str | None = None, timeout: float | None = None):  # type: ignore[no-untyped-def]
    """(snapshot, new, previous): url fetched, extracted and stored under key (by default the
    page's canonical URL, normalised); a new version only if the text changed."""
    from reader.core.sources import snapshots
    from reader.core.sources.web import fetch, normalise_url

    _refuse_credentials(url)  # here too: reader refresh fetches through this, not open_url
    fetched = fetch(url, timeout=timeout)
    extracted, canonical = convert_fetched(fetched)
    key = key or snapshots.resolve(canonical) or canonical
    previous = snapshots.latest(key)
    meta = dict(extracted.meta)
    meta["url"] = key
    origin = {"final_url": fetched.final_url, "redirects": fetched.redirects, "status": fetched.status,
              "content_type": fetched.mime, "headers": fetched.headers}
    snap, new = snapshots.save(key, kind="web", source=url.strip(), fetched=fetched.fetched, text=extracted.text,
                               blocks=extracted.blocks, meta=meta, encoding_note=extracted.note, origin=origin,
                               raw=fetched.body)
    for alias in (normalise_url(url), normalise_url(fetched.final_url), canonical):
        snapshots.remember(alias, key)
    return snap, new, previous


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def refreshable(arg: str) -> str:
    """The kind of arg if it can be refreshed (url, html, pdf); UsageError otherwise."""
    kind = source_kind(arg)
    if kind in (URL, HTML, PDF):
        return kind
    if kind == SHIPPED:
        raise UsageError(f"{arg}: a shipped article never changes; there is nothing to refresh")
    path = _path_of(arg)
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096)
            if head[:5] == b"%PDF-":
                return PDF
            if looks_like_html(head, path.suffix.lower()):
                return HTML
        except OSError:
            pass
    elif not path.exists():
        load_document(arg, fetch=False)  # the usual one line: no such file (66), another scheme (66), ...
    raise UsageError(f"{clean_surrogates(arg)}: a {kind} file is read afresh each time it is opened; "
                     "refresh works on web pages, saved pages (.html) and PDFs")


def file_source(arg: str) -> tuple[bytes, str, str]:
    """(bytes, key, shown path) of a file source, with the usual one-line errors."""
    path = _path_of(arg)
    shown = clean_surrogates(arg)
    data = _read_bytes(path, shown)
    return data, key_of_name(str(path.resolve())), clean_surrogates(str(path))


def exists_offline(arg: str) -> bool:
    """Whether a URL has a stored snapshot (so opening it needs no network)."""
    if not is_url(arg):
        return os.path.exists(arg)
    from reader.core.sources import snapshots
    from reader.core.sources.web import normalise_url

    key = snapshots.resolve(normalise_url(arg))
    return key is not None and snapshots.latest(key) is not None
