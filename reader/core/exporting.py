"""One entry point for every export format, and writing an export safely."""

from __future__ import annotations

import os

from reader.core.errors import EX_CANTCREAT, EX_USAGE, ReaderError, StoreError
from reader.core.storage import atomic_write_bytes

FORMATS = ("md", "w3c", "argdown")


def render(workspace, fmt: str, *, tags=(), notes: bool = True, dispute: bool = True) -> str:
    if fmt == "md":
        from reader.core.markdown_export import MarkdownOptions, render_markdown

        return render_markdown(workspace, MarkdownOptions(tags=list(tags), notes=notes, dispute=dispute))
    if fmt == "w3c":
        from reader.core import w3c

        return w3c.dumps(w3c.export_w3c(workspace))
    if fmt == "argdown":
        from reader.core.argdown_export import render_argdown

        return render_argdown(workspace)
    raise ReaderError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", EX_USAGE)


def write_export(path: str, text: str, fmt: str) -> str:
    """Write an export; Markdown replaces only the generated part of an existing file."""
    path = os.path.abspath(os.path.expanduser(path))
    if os.path.isdir(path):
        raise ReaderError(f"cannot write {path}: it is a directory", EX_CANTCREAT)
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise ReaderError(f"cannot write {path}: the folder {folder} does not exist", EX_CANTCREAT)
    if fmt == "md":
        from reader.core.markdown_export import merge_into_file

        try:
            with open(path, encoding="utf-8") as fh:
                existing = fh.read()
        except FileNotFoundError:
            existing = None
        except (OSError, UnicodeDecodeError) as exc:
            raise ReaderError(f"cannot read {path} to update it: {exc}", EX_CANTCREAT) from None
        text = merge_into_file(existing, text)
    try:
        atomic_write_bytes(path, text.encode("utf-8"), shared=True)
    except StoreError as exc:
        raise ReaderError(str(exc).replace("nothing was changed", "the file was not changed"), exc.exit_code) from None
    return path
