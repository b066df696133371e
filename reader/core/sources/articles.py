"""Opening articles: shipped ones by name, any other by path, with clear errors."""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

from reader.core.errors import ArticleError
from reader.core.fs import NotRegular, TooLarge, read_regular
from reader.core.text.decided import decided_date
from reader.core.text.document import Document
from reader.core.text.front_matter import split_front_matter
from reader.core.text.gutenberg import work_of
from reader.core.text.line_numbered import unnumbered
from reader.core.text.print_breaks import mend_print_breaks
from reader.core.text.safety import decode_article

SHIPPED = ("ice-union-allegation", "mayor-rebuttal")
MAX_BYTES = 64 * 1024 * 1024


def shipped_path(name: str) -> Path | None:
    """Path of a shipped article by name (with or without extension), or None."""
    stem = name[:-4] if name.endswith((".txt", ".md")) else name
    if stem not in SHIPPED:
        return None
    return Path(str(resources.files("reader.articles").joinpath(f"{stem}.txt")))


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---`` front matter from the body (see ``front_matter.split_front_matter``)."""
    return split_front_matter(text)


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ArticleError(f"{shown}: broken symbolic link") from None
        raise ArticleError(f"{shown}: no such file") from None
    except PermissionError:
        raise ArticleError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{shown}: cannot open ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ArticleError(f"{shown}: is a directory, not an article file")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleError(f"{shown}: not a regular file (a pipe, socket or device)")
    if st.st_size > MAX_BYTES:
        raise ArticleError(f"{shown}: too large ({st.st_size // 1_048_576} MB; the limit is 64 MB)", 65)
    try:
        # Non-blocking: a "regular" file whose read waits for ever (/proc/kmsg) is an error
        # at once, not a hang; for a file on disk the flag changes nothing.
        return read_regular(str(path), MAX_BYTES)
    except BlockingIOError:  # a read that would wait
        raise ArticleError(f"{shown}: cannot read (it has nothing to read now: not an article file)") from None
    except TooLarge:  # grown since the check above
        raise ArticleError(f"{shown}: too large (the limit is 64 MB)", 65) from None
    except NotRegular:  # swapped for a pipe or a device since the check above
        raise ArticleError(f"{shown}: not a regular file (a pipe, socket or device)") from None
    except PermissionError:
        raise ArticleError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{shown}: cannot read ({exc.strerror})") from None


def document_from_bytes(data: bytes, key: str, path: str = "") -> Document:
    text, note = decode_article(data, path or key)
    text = unnumbered(text) or text  # a transcript on numbered lines: its numbers and double spacing gone
    work = work_of(text)
    if work is not None:  # a Project Gutenberg e-book: its header and licence left out
        text = text[work.start:work.end]
    meta, body = parse_front_matter(mend_print_breaks(text))
    if work is not None:
        meta = {**work.meta, **meta}
    if not body.strip():
        raise ArticleError(f"{path or key}: the article has no text", 65)
    if not meta.get("date") and (decided := decided_date(body)):
        meta["date"] = decided  # "Decided November 7, 1997" atop a court opinion
    return Document(key=key, text=body, path=path, meta=meta, encoding_note=note)


def looks_like_source(arg: str) -> bool:
    """Whether an argument names an article (a path, a URL, a shipped name), not a command."""
    return (shipped_path(arg) is not None or "/" in arg or "." in arg or os.path.lexists(arg)
            or arg.startswith(("http://", "https://")))


def load_document(arg: str, *, fetch: bool = True) -> Document:
    """Open an article: a path (text, Markdown, a saved web page, a PDF), an http(s) URL,
    or a shipped article's name. ``fetch=False`` never goes to the network (a URL opens
    from its snapshot or not at all). See ``reader.core.sources.loader``."""
    from reader.core.sources.loader import load_document as load

    return load(arg, fetch=fetch)
