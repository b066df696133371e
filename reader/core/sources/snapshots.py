"""Snapshots: every fetched or converted article, kept exactly as it was shown, for good.

A web page can change after it was read (a silent edit), and a PDF or a saved page can be
replaced. Annotations anchor to the text that was shown, so that text is stored before
it is shown, as an immutable snapshot: one JSON file holding the canonical text, the
paragraph kinds, the metadata, where it came from and when, and SHA-256 hashes of the
text and of the bytes it was made from. A fetched page's bytes are kept beside it,
gzipped (``.raw.gz``), as evidence of what the site served.

Layout (``READER_SNAPSHOTS``, else ``<user data dir>/reader/snapshots``)::

    snapshots/
      <site-and-path>-<hash of the key>/      one folder per source (Document.key)
        v0001-20261123T101500Z-<text hash>.json
        v0001-20261123T101500Z-<text hash>.raw.gz
        v0002-...
      aliases/<hash>.json                      an address as given -> the key

Versions of one source sit side by side, numbered; the newest is the highest number. A
new version is written only when the text changed. Every file is written atomically
(``atomic_write_bytes``: temp file, fsync, rename) and then made read-only; the JSON is
written last, so a failure at any point leaves no snapshot (a stray ``.raw.gz`` without
its JSON is never read). A snapshot whose text does not match its hash is ignored as
damaged.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from array import array
from dataclasses import dataclass, field
from typing import Any

import orjson

from reader.core.errors import EX_DATAERR, ArticleError, ReaderError
from reader.core.fs import atomic_write_bytes, error_for, read_regular
from reader.core.text.document import Document, Structure

SNAPSHOT_CAP = 1 << 30  # an article is at most 64 MB; its snapshot, JSON with its blocks, far less than this

SCHEMA = 1
ENV = "READER_SNAPSHOTS"
_NAME = re.compile(r"v(\d{4,9})-([0-9TZ]+)-([0-9a-f]{12})\.json")


def root() -> str:
    """The snapshot folder: ``READER_SNAPSHOTS``, else the user data dir's ``snapshots``."""
    env = os.environ.get(ENV)
    if env and env.strip():
        return os.path.abspath(os.path.expanduser(env))
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("reader", appauthor=False), "snapshots")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_hash(text: str) -> str:
    return sha256(text.encode("utf-8", "surrogatepass"))


def folder_for(key: str) -> str:
    """The folder of one source's versions: a readable slug and a hash of the key."""
    readable = re.sub(r"^[a-z]+://", "", key.lower())
    readable = re.sub(r"[^a-z0-9.]+", "-", readable).strip("-.")[-60:].strip("-.") or "source"
    return os.path.join(root(), f"{readable}-{sha256(key.encode('utf-8', 'surrogatepass'))[:16]}")


@dataclass(frozen=True)
class Snapshot:
    """One stored version of a source."""

    path: str  # the JSON file
    key: str
    version: int
    kind: str  # "web" (fetched), "html" (a saved page), "pdf"
    source: str  # the address as given, or the file's path
    fetched: str  # when it was fetched or read, ISO 8601 UTC
    text: str
    text_sha256: str
    meta: dict[str, str]
    blocks: list[tuple[str, int]]
    encoding_note: str | None = None
    origin: dict[str, Any] = field(default_factory=dict)  # final URL, redirects, HTTP headers, bytes' hash...

    @property
    def raw_path(self) -> str | None:
        """The kept bytes of a fetched page (gzipped), if any."""
        name = self.origin.get("raw_file")
        return os.path.join(os.path.dirname(self.path), name) if name else None

    @property
    def doc_path(self) -> str:
        """Document.path: the file it was read from; "" for a web page."""
        return "" if self.kind == "web" else self.source

    def document(self) -> Document:
        """The Document shown for this version (key, text and metadata as stored)."""
        meta = {k: v for k, v in self.meta.items() if isinstance(v, str)}
        meta.update({"source": self.source, "fetched": self.fetched, "snapshot": self.path,
                     "version": str(self.version)})
        return Document(key=self.key, text=self.text, path=self.doc_path, meta=meta,
                        encoding_note=self.encoding_note, structure=structure_of(self.text, self.blocks))


def structure_of(text: str, blocks: list[tuple[str, int]]) -> Structure | None:
    """Paragraph offsets of a text whose paragraphs are separated by one blank line, with
    their kinds and levels; None when the two do not agree (the plain split is used)."""
    if not blocks:
        return None
    starts, ends = array("q"), array("q")
    pos = 0
    body = text.rstrip("\n")
    for part in body.split("\n\n"):
        starts.append(pos)
        ends.append(pos + len(part))
        pos += len(part) + 2
    if len(starts) != len(blocks) or any(s == e for s, e in zip(starts, ends, strict=True)):
        return None
    return Structure(starts, ends, [k for k, _ in blocks], [lv for _, lv in blocks])


# --- reading ---------------------------------------------------------------------------------------
def _load(path: str) -> Snapshot | None:
    """A snapshot file, or None when it is unreadable or damaged (its text fails its hash)."""
    try:
        data = orjson.loads(read_regular(path, SNAPSHOT_CAP))
    except (OSError, orjson.JSONDecodeError):  # a pipe or a device planted there is no snapshot
        return None
    if not isinstance(data, dict) or data.get("format") != "reader-snapshot" or not isinstance(data.get("text"), str):
        return None
    if not isinstance(data.get("schema"), int) or data["schema"] > SCHEMA:
        return None
    version = data.get("version", 0)
    if type(version) is not int or version < 0:
        return None  # damaged ("a", null, [1] took every command that opened the page down)
    text = data["text"]
    if data.get("text_sha256") != text_hash(text):
        return None
    meta: dict[str, Any] = data["meta"] if isinstance(data.get("meta"), dict) else {}
    origin: dict[str, Any] = data["origin"] if isinstance(data.get("origin"), dict) else {}
    blocks = [(str(b[0]), int(b[1])) for b in data.get("blocks") or []
              if isinstance(b, list) and len(b) == 2 and isinstance(b[1], int)]
    return Snapshot(path=path, key=str(data.get("key", "")), version=version,
                    kind=str(data.get("kind", "")), source=str(data.get("source", "")),
                    fetched=str(data.get("fetched", "")), text=text, text_sha256=data["text_sha256"],
                    meta={str(k): str(v) for k, v in meta.items() if isinstance(v, str)}, blocks=blocks,
                    encoding_note=data.get("encoding_note") if isinstance(data.get("encoding_note"), str) else None,
                    origin=origin)


def _names(folder: str) -> list[tuple[int, str]]:
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    out = []
    for name in entries:
        m = _NAME.fullmatch(name)
        if m:
            out.append((int(m.group(1)), name))
    return sorted(out, key=lambda x: (x[0], x[1]), reverse=True)


def versions(key: str) -> list[Snapshot]:
    """Every readable version of a source, newest first."""
    folder = folder_for(key)
    out = []
    for _n, name in _names(folder):
        snap = _load(os.path.join(folder, name))
        if snap is not None and snap.key == key:
            out.append(snap)
    return out


def latest(key: str) -> Snapshot | None:
    """The newest readable version of a source, or None."""
    folder = folder_for(key)
    for _n, name in _names(folder):
        snap = _load(os.path.join(folder, name))
        if snap is not None and snap.key == key:
            return snap
    return None


def damaged(key: str, newer_than: int = 0) -> list[str]:
    """The snapshot files of key, newer than that version, that cannot be read (truncated,
    emptied, replaced by a folder, failing their hash): newest first. They were skipped in
    silence, and the page fetched again, or called unreachable when the site was down."""
    folder = folder_for(key)
    return [os.path.join(folder, name) for number, name in _names(folder)
            if number > newer_than and _load(os.path.join(folder, name)) is None]


def version(key: str, number: int) -> Snapshot:
    """One version by number; ArticleError (66) when there is none."""
    for snap in versions(key):
        if snap.version == number:
            return snap
    raise ArticleError(f"{key}: no snapshot version {number} (see the versions kept)")


def load_file(path: str) -> Snapshot:
    """A snapshot by its file's path; ArticleError (65) when it is unreadable or damaged."""
    snap = _load(path)
    if snap is None:
        raise ArticleError(f"{path}: not a readable snapshot (damaged, or not one)", EX_DATAERR)
    return snap


# --- aliases: addresses as given -> keys ------------------------------------------------------------
def _alias_path(alias: str) -> str:
    return os.path.join(root(), "aliases", sha256(alias.encode("utf-8", "surrogatepass"))[:32] + ".json")


def resolve(alias: str) -> str | None:
    """The key an address was stored under (the address itself when it is a key), or None."""
    try:
        data = orjson.loads(read_regular(_alias_path(alias), 1 << 20))
    except (OSError, orjson.JSONDecodeError):
        data = None
    if isinstance(data, dict) and data.get("alias") == alias and isinstance(data.get("key"), str):
        return data["key"]
    if _names(folder_for(alias)):
        return alias
    return None


def remember(alias: str, key: str) -> None:
    """Note that alias names key (best effort: a failure only costs a fetch later)."""
    if not alias or (alias == key and _names(folder_for(key))) or resolve(alias) == key:
        return
    path = _alias_path(alias)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        atomic_write_bytes(path, orjson.dumps({"alias": alias, "key": key}), follow_symlinks=False)
    except (OSError, ReaderError):
        pass


# --- writing ------------------------------------------------------------------------------------------
def _write_once(path: str, data: bytes) -> None:
    atomic_write_bytes(path, data, follow_symlinks=False)  # our own folder: a planted link is replaced
    try:
        os.chmod(path, 0o400)  # immutable by intent: nothing rewrites a snapshot
    except OSError:
        pass


def save(key: str, *, kind: str, source: str, fetched: str, text: str, blocks: list[tuple[str, int]],
         meta: dict[str, str], encoding_note: str | None = None, origin: dict[str, Any] | None = None,
         raw: bytes | None = None) -> tuple[Snapshot, bool]:
    """Store a new version of key unless its text equals the newest one's.

    Returns the snapshot to show and whether it is new. ``raw`` (a fetched page's bytes) is
    kept beside it, gzipped. FsError when the folder cannot be written; then nothing is left.
    """
    digest = text_hash(text)
    newest = latest(key)
    if newest is not None and newest.text_sha256 == digest:
        return newest, False
    folder = folder_for(key)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as exc:
        raise error_for(folder, exc, "create the snapshot folder") from None
    names = _names(folder)
    number = (names[0][0] if names else 0) + 1
    stamp = re.sub(r"[^0-9TZ]", "", fetched.replace("+00:00", "Z"))[:16] or "0"
    stem = f"v{number:04d}-{stamp}-{digest[:12]}"
    origin = dict(origin or {})
    raw_path = None
    if raw is not None:
        origin["raw_file"] = stem + ".raw.gz"
        origin["raw_sha256"] = sha256(raw)
        origin["raw_size"] = len(raw)
        raw_path = os.path.join(folder, origin["raw_file"])
        _write_once(raw_path, gzip.compress(raw, compresslevel=6, mtime=0))
    record = {
        "format": "reader-snapshot", "schema": SCHEMA, "key": key, "version": number, "kind": kind,
        "source": source, "fetched": fetched, "text_sha256": digest, "meta": meta,
        "blocks": [list(b) for b in blocks], "encoding_note": encoding_note, "origin": origin, "text": text,
    }
    path = os.path.join(folder, stem + ".json")
    try:
        _write_once(path, orjson.dumps(record, option=orjson.OPT_INDENT_2))
    except BaseException:
        if raw_path:
            try:
                os.chmod(raw_path, 0o600)
                os.unlink(raw_path)
            except OSError:
                pass
        raise
    snap = _load(path)
    if snap is None:  # cannot happen unless the disk lies
        raise ArticleError(f"{path}: the snapshot just written cannot be read back", EX_DATAERR)
    return snap, True
