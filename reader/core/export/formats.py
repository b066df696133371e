"""The one registry of export formats, used by the CLI (``choices=``), the dialog and core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.errors import UsageError
from reader.core.fs import Protected, write_output
from reader.core.services.snapshot import WorkspaceView
from reader.core.services.workspace import Workspace


@dataclass(frozen=True)
class ExportOptions:
    tags: tuple[str, ...] = ()  # keep only annotations with any of these
    notes: bool = True
    dispute: bool = True


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    extension: str
    render: Callable[[WorkspaceView, ExportOptions], str]
    keeps_user_text: bool = False  # re-exporting replaces only its own part of the file


def _markdown(ws: WorkspaceView, opt: ExportOptions) -> str:
    from reader.core.export.markdown import MarkdownOptions, render_markdown

    return render_markdown(ws, MarkdownOptions(tags=list(opt.tags), notes=opt.notes, dispute=opt.dispute))


def _w3c(ws: WorkspaceView, opt: ExportOptions) -> str:
    from reader.core.export import w3c

    return w3c.dumps(w3c.export_w3c(ws))


def _argdown(ws: WorkspaceView, opt: ExportOptions) -> str:
    from reader.core.export.argdown import render_argdown

    return render_argdown(ws)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("md", "Markdown", ".md", _markdown, keeps_user_text=True),
    ExportFormat("w3c", "W3C Web Annotation (JSON)", ".json", _w3c),
    ExportFormat("argdown", "Argdown", ".argdown", _argdown),
)}


def export_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None


def render(workspace: WorkspaceView, fmt: str, *, tags: tuple[str, ...] | list[str] = (), notes: bool = True,
           dispute: bool = True) -> str:
    return export_format(fmt).render(workspace, ExportOptions(tuple(tags), notes, dispute))


def protected_paths(workspace: Workspace) -> Protected:
    """What an export must never overwrite: the store, its companions, every article the store
    has annotations on (open or not), and the snapshots of pages and PDFs."""
    root = workspace.store.path
    from reader.core.sources import snapshots
    from reader.core.store.files import shard_folder

    known = tuple(str(info.get("path") or "") for info in workspace.store.records["documents"].values())
    articles = tuple(d.path for d in workspace.docs if d.path) + tuple(
        d.meta.get("snapshot", "") for d in workspace.docs if d.meta.get("snapshot")) + known
    return Protected(files=(root, root + ".lock", root + ".bak", workspace.store.shown) + articles,
                     folders=(shard_folder(root), snapshots.root()))


def write_export(path: str, text: str, fmt: str, protected: Protected | None = None, articles: str = "") -> str:
    """Write an export safely; Markdown replaces only the generated part of an existing file
    (and notes there which articles it is about: ``markdown.articles_id``)."""
    protected = protected or Protected()
    spec = export_format(fmt)
    data = text.encode("utf-8")
    if spec.keeps_user_text:
        from reader.core.export.markdown import merge_into_file

        def merged(existing: str | None) -> bytes:
            return merge_into_file(existing, text, path, articles).encode("utf-8")

        return write_output(path, merged, protected)
    return write_output(path, data, protected)
