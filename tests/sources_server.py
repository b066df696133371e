"""Test helpers for web and PDF sources: a misbehaving local web server, and a PDF writer.

``Site`` is an ``http.server`` on 127.0.0.1 in a thread, started by the test, serving the
article pages in ``tests/fixtures/sources/`` (real-looking pages: navigation, ads, cookie
banners, comments, scripts and JSON-LD around public-domain text) and routes that fail on
purpose: 404, 500, 429 with Retry-After, a redirect loop, a slow answer, an image, a 50 MB
body (streamed from one 64 KB block, so neither side holds 50 MB), a wrong charset, a page
with too little text, a PDF, gzip. ``site.pages`` can be changed while it runs (how the
refresh tests publish a silently edited version).

``make_pdf`` writes real PDF files (PDF 1.4, the standard Helvetica fonts, an xref table)
from positioned lines of text, with optional image-only pages: enough to test reading
order, paragraphs, running headers and footers, page numbers and hyphenation with
PDFium, with no PDF library.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
BLOCK = b"<p>" + b"filler words for a page far too large " * 1700 + b"</p>\n"  # about 64 KB


def fixture(name: str, base: str = "http://127.0.0.1") -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{{BASE}}", base).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "TestSite/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        site.hits.append(self.path)
        site.agents.append(self.headers.get("User-Agent", ""))
        try:
            if path in site.pages:
                body, ctype = site.pages[path]
                if callable(body):
                    body = body()
                if "gzip" in self.headers.get("Accept-Encoding", "") and path.endswith(".gz.html"):
                    self._send(200, gzip.compress(body), ctype, {"Content-Encoding": "gzip"})
                else:
                    self._send(200, body, ctype)
            elif path == "/missing":
                self._send(404, b"<html><body><h1>Not found</h1></body></html>")
            elif path == "/broken":
                self._send(500, b"<html><body><h1>Internal error</h1></body></html>")
            elif path == "/busy":
                self._send(429, b"<html><body>slow down</body></html>", headers={"Retry-After": "120"})
            elif path == "/forbidden":
                self._send(403, b"<html><body>no bots</body></html>")
            elif path == "/loop-a":
                self._send(302, b"", headers={"Location": "/loop-b"})
            elif path == "/loop-b":
                self._send(302, b"", headers={"Location": "/loop-a"})
            elif path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                self._send(302, b"", headers={"Location": f"/hop/{n + 1}"})
            elif path == "/slow-headers":  # a header every 0.3 s: no read ever times out
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                try:
                    for i in range(60):
                        self.wfile.write(b"X-Slow-%d: v\r\n" % i)
                        self.wfile.flush()
                        time.sleep(0.3)
                except OSError:
                    pass
                self.close_connection = True
            elif path == "/bad-location":
                self._send(302, b"", headers={"Location": "http://[::1"})  # an IPv6 host never closed
            elif path == "/track" and "utm_source=" not in self.path:  # a tracker's hop, to itself plus a tag
                self._send(302, b"", headers={"Location": "/track?utm_source=x"})
            elif path == "/track":
                self._send(200, site.pages["/essays/resistance-to-civil-government"][0])
            elif path == "/moved":
                self._send(301, b"", headers={"Location": "/essays/resistance-to-civil-government?utm_source=feed"})
            elif path == "/slow":
                time.sleep(site.slow_seconds)
                self._send(200, site.pages["/essays/resistance-to-civil-government"][0])
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(int(site.slow_seconds * 10)):
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/image.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "image/png")
            elif path == "/huge-declared":
                self._stream_huge(declared=True)
            elif path == "/huge":
                self._stream_huge(declared=False)
            else:
                self._send(404, b"<html><body>not found</body></html>")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _stream_huge(self, declared: bool) -> None:
        total = 50 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            self.send_header("Content-Length", str(total))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        sent = 0
        while sent < total:
            chunk = BLOCK[: total - sent]
            self.wfile.write(chunk)
            sent += len(chunk)
        self.server.site.huge_sent = sent  # type: ignore[attr-defined]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a client that hung up on purpose: quiet
        pass


class Site:
    """A local site for one test: ``with Site() as site: site.url("/path")``."""

    def __init__(self, certfile: str | None = None) -> None:
        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.site = self  # type: ignore[attr-defined]
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        if certfile:  # HTTPS with the given (self-signed) certificate
            import ssl

            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(certfile)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            self.base = f"https://127.0.0.1:{self.port}"
        self.hits: list[str] = []
        self.agents: list[str] = []
        self.slow_seconds = 3.0
        self.huge_sent = 0
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8") -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[path] = (body, ctype)
        return self.url(path)

    def serve_fixture(self, path: str, name: str, ctype: str = "text/html; charset=utf-8") -> str:
        return self.serve(path, fixture(name, self.base), ctype)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def self_signed_cert(folder: Path) -> str | None:
    """A self-signed certificate and key for 127.0.0.1 in one PEM file (None without openssl)."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        return None
    pem = folder / "self-signed.pem"
    res = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                          "-keyout", str(pem), "-out", str(folder / "cert.pem")], capture_output=True, timeout=60)
    if res.returncode != 0:
        return None
    pem.write_bytes(pem.read_bytes() + (folder / "cert.pem").read_bytes())
    return str(pem)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- PDFs ----------------------------------------------------------------------------------------
def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list[tuple[float, float, float, str]] | str], info: dict[str, str] | None = None,
             width: float = 612, height: float = 792) -> bytes:
    """A PDF with one page per item: a list of (x, y, font size, text) lines (y from the
    bottom; a size given as negative is bold), or the string "image" for a page that holds
    only a picture (a scan)."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    side = 64
    pixels = bytes((x * 4 + y * 3) % 256 for y in range(side) for x in range(side))
    img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
              b"/Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(zlib.compress(pixels)))
              + zlib.compress(pixels) + b"\nendstream")
    kids = []
    for page in pages:
        if page == "image":
            content = b"q 500 0 0 700 56 46 cm /Im1 Do Q"
        else:
            parts = []
            for x, y, size, text in page:
                font = b"/F2" if size < 0 else b"/F1"
                parts.append(b"BT %s %.1f Tf %.2f %.2f Td %s Tj ET" % (font, abs(size), x, y, _pdf_string(text)))
            content = b"\n".join(parts)
        stream = zlib.compress(content)
        cid = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        pid = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                  b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                  % (pages_id, width, height, cid, f1, f2, img))
        kids.append(pid)
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info_id = None
    if info:
        info_id = add(b"<< " + b" ".join(b"/%s %s" % (k.encode(), _pdf_string(v)) for k, v in info.items()) + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objs) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def article_pages(title: str, paragraphs: list[str], *, header: str | None = None, footer: str = "page",
                  per_line: int = 86, page_lines: int = 20, hyphenate: bool = True) -> list:
    """Lay an article out on letter pages as (x, y, size, text) lines: the title in bold on
    page 1, paragraphs with a first-line indent and a gap, a running header on every page,
    a footer with the page number ("page": "Page N of M", "bare": "N"), and, with
    ``hyphenate``, a long word that does not fit at a line's end broken with a hyphen
    ("govern-" / "ment", as a typesetter does; never a word with a hyphen of its own)."""
    lines: list[tuple[str, bool]] = []  # text, first line of a paragraph
    for para in paragraphs:
        words = para.split()
        cur: list[str] = []
        first = True
        i = 0
        while i < len(words):
            w = words[i]
            indent = 4 if first else 0
            if len(" ".join([*cur, w])) + indent <= per_line:
                cur.append(w)
                i += 1
                continue
            room = per_line - indent - len(" ".join(cur)) - (2 if cur else 1)  # a space and the hyphen
            letters = len(w.rstrip(".,;:!?\u201d\u2019'\""))
            if hyphenate and w.isascii() and w[:letters].isalpha() and letters >= 7 and room >= 3 and letters - room >= 3:
                lines.append((" ".join([*cur, w[:room] + "-"]), first))
                first = False
                cur = [w[room:]]
                i += 1
                continue
            lines.append((" ".join(cur), first))
            first = False
            cur = []
        if cur:
            lines.append((" ".join(cur), first))
        lines.append(("", False))  # the gap after a paragraph
    pages: list[list[tuple[float, float, float, str]]] = []
    page: list[tuple[float, float, float, str]] = []
    y = 0.0

    def new_page() -> None:
        nonlocal page, y
        page = []
        pages.append(page)
        y = 720.0

    new_page()
    page.append((72, y, -18, title))
    y -= 34
    for text, first in lines:
        if y < 80 or sum(1 for _x, _y, size, _t in page if size == 11) >= page_lines:
            new_page()
        if not text:
            y -= 8
            continue
        page.append((72 + (18 if first else 0), y, 11, text))
        y -= 14
    n = len(pages)
    for i, pg in enumerate(pages, 1):
        if header:
            pg.insert(0, (72, 752, 9, header))
        if footer == "page":
            pg.append((280, 36, 9, f"Page {i} of {n}"))
        elif footer == "bare":
            pg.append((300, 36, 9, str(i)))
    return pages
