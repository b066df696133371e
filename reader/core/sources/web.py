"""Fetching a web page or a PDF over HTTP(S): urllib3, with limits, and one line per failure.

``fetch(url)`` returns the body of one page as bytes with what the server said about it.
It never retries and never reads more than it must:

- connect and read timeouts, and a deadline for the whole download (``READER_FETCH_TIMEOUT``
  seconds, default 20: connect within min(10, T), no pause longer than T, all of it within
  6 T), so a server that trickles bytes cannot hold the reader;
- at most 10 redirects, followed by hand; a loop is named as a loop;
- a User-Agent that says what is asking, ``Accept-Encoding: gzip, deflate``;
- the content type is checked before the body is read: HTML and XHTML are articles,
  ``application/pdf`` goes to the PDF path, anything else is refused;
- the body is streamed and refused as soon as it passes 20 MB (a declared
  ``Content-Length`` over the limit is refused before reading anything); decompressed
  bytes count, so a gzip bomb stops at the limit too.

Every failure is a ``FetchError`` of one line: network failures (DNS, refused, TLS,
timeouts, a broken connection) exit 76 (``EX_PROTOCOL``), HTTP errors and pages that are
not articles exit 69 (``EX_UNAVAILABLE``). urllib3 is imported only when a URL is fetched.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from reader import __version__
from reader.core.errors import EX_PROTOCOL, EX_UNAVAILABLE, ConfigError, FetchError

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
DEFAULT_TIMEOUT = 20.0
CHUNK = 64 * 1024
USER_AGENT = (f"reader/{__version__} (claim-reader: a terminal reader for comparing articles; "
              "fetches one page when its user opens it)")
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
TEXT_TYPES = frozenset({"text/plain"})  # court opinions, Gutenberg books, plain letters
MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
_SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/download"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

# Query parameters that only track where a click came from: not part of an article's address.
_TRACKING = re.compile(
    r"(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga|_gl|"
    r"ref_src|ref_url|cmpid|ocid|smid|smtyp|at_medium|at_campaign|at_custom\d|ito|xtor|s_cid|__twitter_impression)",
    re.I)


@dataclass
class Fetched:
    """One page as it arrived."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    mime: str  # the content type without parameters, lower case ("text/html")
    charset: str | None  # the charset parameter of the content type, if any
    body: bytes
    fetched: str  # ISO 8601, UTC, seconds
    redirects: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # etag, last-modified, date, content-type

    @property
    def kind(self) -> str:
        """"html", "pdf", "text" or "markdown" (plain text whose address ends in .md)."""
        if self.mime in PDF_TYPES or self.body.startswith(b"%PDF"):
            return "pdf"
        if self.mime in MARKDOWN_TYPES:
            return "markdown"
        if self.mime in TEXT_TYPES:
            path = urlsplit(self.final_url).path.lower()
            return "markdown" if path.endswith((".md", ".markdown")) else "text"
        return "html"


# --- addresses ---------------------------------------------------------------------------------
def is_url(arg: str) -> bool:
    """Whether arg is an http(s) address (what ``reader`` fetches)."""
    return bool(re.match(r"(?i)https?://", arg.strip()))


def normalise_url(url: str) -> str:
    """The form of an address used as a key: lower-case scheme and host, no default port, no
    fragment, no tracking parameters (``utm_*``, ``fbclid``, ...), a path of at least "/"."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:  # "http://[::1": an unclosed IPv6 host
        raise FetchError(f"{_shown(url)}: not a valid address ({exc})", EX_UNAVAILABLE) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # IPv6
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port is not None and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING.fullmatch(p.split("=", 1)[0]))
    fragment = parts.fragment if parts.fragment.startswith("!") else ""  # "#!" pages are addressed by it
    return urlunsplit((scheme, netloc, parts.path or "/", query, fragment))


def same_site(a: str, b: str) -> bool:
    """Whether two addresses are on one site (a host equal to, or a subdomain of, the other,
    ignoring www., m. and amp.): when a page's canonical URL may be trusted as its name."""
    def host(u: str) -> str:
        h = (urlsplit(u).hostname or "").lower().rstrip(".")
        return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", h)

    ha, hb = host(a), host(b)
    return bool(ha) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def _shown(url: str, limit: int = 160) -> str:
    url = " ".join(url.split())
    return url if len(url) <= limit else url[:limit - 1] + "\u2026"


# --- settings ----------------------------------------------------------------------------------
def fetch_timeout() -> float:
    """``READER_FETCH_TIMEOUT`` in seconds (default 20), validated: a clear error, not a traceback."""
    raw = os.environ.get("READER_FETCH_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"READER_FETCH_TIMEOUT={raw!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise ConfigError(f"READER_FETCH_TIMEOUT={raw!r}: give a number of seconds above 0, at most 600")
    return value


def _pool(url: str, connect: float, read: float):  # type: ignore[no-untyped-def]
    """A pool manager for url: through the environment's proxy when one applies."""
    import urllib.request

    import urllib3

    timeout = urllib3.Timeout(connect=connect, read=read)
    kwargs: dict = {"timeout": timeout, "retries": False, "cert_reqs": "CERT_REQUIRED"}
    try:
        import certifi

        kwargs["ca_certs"] = certifi.where()
    except ImportError:  # the system's store, through ssl's defaults
        pass
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    proxies = urllib.request.getproxies()
    host = parts.hostname or ""
    proxy = proxies.get(scheme)
    if proxy and not urllib.request.proxy_bypass(host):
        return urllib3.ProxyManager(proxy, **kwargs)
    return urllib3.PoolManager(**kwargs)


# --- fetching ----------------------------------------------------------------------------------
def fetch(url: str, *, timeout: float | None = None, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET url (following up to 10 redirects) and return its body; FetchError on any failure."""
    from urllib3 import exceptions as ux

    if not is_url(url):
        raise FetchError(f"{_shown(url)}: not an http:// or https:// address", EX_UNAVAILABLE)
    limit = fetch_timeout() if timeout is None else timeout
    connect, read = min(10.0, limit), limit
    deadline = time.monotonic() + 6 * limit
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    asked = url.strip()
    current = asked
    chain = [current]
    seen = {current}  # the addresses asked for, as sent: one that only adds ?utm_source=… is no loop
    pool = _pool(current, connect, read)
    resp = None
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                host = urlsplit(current).hostname or ""
            except ValueError:
                host = ""
            if not host:
                raise FetchError(f"{_shown(current)}: not a valid address (no host)", EX_UNAVAILABLE)
            resp = _request(pool, current, headers, connect, read, ux, deadline)
            if resp.status in _REDIRECTS:
                location = resp.headers.get("Location")
                resp.close()
                if not location:
                    raise FetchError(f"{_shown(current)}: HTTP {resp.status} redirect without a Location", EX_UNAVAILABLE)
                try:
                    nxt = urljoin(current, location.strip())
                    urlsplit(nxt).hostname  # noqa: B018 - "http://[::1" raises here, not later
                except ValueError:
                    raise FetchError(f"{_shown(current)}: HTTP {resp.status} redirect to "
                                     f"{_shown(location, 80)}, which is not a valid address", EX_UNAVAILABLE) from None
                if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                    raise FetchError(f"{_shown(current)}: redirected to {_shown(nxt, 80)}, which is not a web address",
                                     EX_UNAVAILABLE)
                key = nxt
                if key in seen:
                    steps = f"{len(chain)} step{'s' if len(chain) != 1 else ''}"
                    raise FetchError(f"{_shown(asked)}: redirect loop ({steps}, back to {_shown(nxt, 80)})",
                                     EX_UNAVAILABLE)
                if len(chain) > MAX_REDIRECTS:
                    raise FetchError(f"{_shown(asked)}: too many redirects (more than {MAX_REDIRECTS})", EX_UNAVAILABLE)
                seen.add(key)
                chain.append(nxt)
                if urlsplit(nxt).scheme.lower() != urlsplit(current).scheme.lower():
                    pool.clear()
                    pool = _pool(nxt, connect, read)
                current = nxt
                continue
            break
        assert resp is not None
        _check_status(resp, current)
        mime, charset = _content_type(resp.headers.get("Content-Type", ""))
        if mime not in HTML_TYPES | PDF_TYPES | TEXT_TYPES | MARKDOWN_TYPES | _SNIFF_TYPES:
            raise FetchError(f"{_shown(current)}: the address gives {mime or 'something'}, not a web page (HTML), "
                             "a PDF or text", EX_UNAVAILABLE)
        length = resp.headers.get("Content-Length")
        length = (length or "").strip()
        if length.isdecimal() and length.isascii() and int(length) > max_bytes \
                and not resp.headers.get("Content-Encoding"):
            raise FetchError(f"{_shown(current)}: too large ({_mb(int(length))}; the limit is {_mb(max_bytes)})",
                             EX_UNAVAILABLE)
        body = _read_body(resp, current, max_bytes, deadline, limit, ux)
        if mime in _SNIFF_TYPES:
            head = body[:1024].lstrip().lower()
            if body.startswith(b"%PDF"):
                mime = "application/pdf"
            elif head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<!--")):
                mime = "text/html"
            else:
                raise FetchError(f"{_shown(current)}: the address gives {mime or 'an unnamed type'} that is neither "
                                 "a web page (HTML) nor a PDF", EX_UNAVAILABLE)
        kept = {k.lower(): v for k, v in resp.headers.items()
                if k.lower() in ("etag", "last-modified", "date", "content-type", "content-language")}
        fetched = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        return Fetched(url=asked, final_url=current, status=resp.status, mime=mime, charset=charset, body=body,
                       fetched=fetched, redirects=chain[1:], headers=kept)
    finally:
        if resp is not None:
            resp.release_conn()
        pool.clear()


def _request(pool, url: str, headers: dict, connect: float, read: float, ux,  # type: ignore[no-untyped-def]
             deadline: float | None = None):
    host = urlsplit(url).hostname or url
    try:
        if deadline is None:
            return pool.urlopen("GET", url, headers=headers, redirect=False, retries=False,
                                preload_content=False, decode_content=True)
        return _before(deadline, url, host, lambda: pool.urlopen(
            "GET", url, headers=headers, redirect=False, retries=False, preload_content=False, decode_content=True))
    except ux.NameResolutionError:
        raise FetchError(f"{_shown(url)}: cannot find the host {host} (DNS lookup failed); check the address "
                         "and the network", EX_PROTOCOL) from None
    except ux.NewConnectionError as exc:
        reason = _reason(exc)
        if "refused" in reason.lower():
            port = urlsplit(url).port or (443 if url.lower().startswith("https") else 80)
            raise FetchError(f"{_shown(url)}: cannot connect to {host}:{port} (connection refused)", EX_PROTOCOL) from None
        raise FetchError(f"{_shown(url)}: cannot connect to {host} ({reason})", EX_PROTOCOL) from None
    except ux.ConnectTimeoutError:
        raise FetchError(f"{_shown(url)}: timed out connecting to {host} (no answer in {connect:g} s)", EX_PROTOCOL) from None
    except ux.ReadTimeoutError:
        raise FetchError(f"{_shown(url)}: timed out: {host} sent nothing for {read:g} s", EX_PROTOCOL) from None
    except ux.SSLError as exc:
        raise FetchError(f"{_shown(url)}: TLS error with {host}: {_tls_reason(exc)}", EX_PROTOCOL) from None
    except ux.ProxyError as exc:
        raise FetchError(f"{_shown(url)}: the proxy failed ({_reason(exc)})", EX_PROTOCOL) from None
    except ux.ProtocolError as exc:
        raise FetchError(f"{_shown(url)}: the connection to {host} broke off ({_reason(exc)})", EX_PROTOCOL) from None
    except (ux.LocationParseError, ux.LocationValueError, ValueError):
        raise FetchError(f"{_shown(url)}: not a valid address", EX_UNAVAILABLE) from None
    except ux.HTTPError as exc:
        raise FetchError(f"{_shown(url)}: the request failed ({_reason(exc)})", EX_PROTOCOL) from None
    except OSError as exc:
        raise FetchError(f"{_shown(url)}: network error ({exc.strerror or exc})", EX_PROTOCOL) from None


def _before(deadline: float, url: str, host: str, call: Callable[[], Any]) -> Any:
    """call() (the request, up to the response's headers), given up at the deadline: a server
    sending its status line or headers a byte at a time never let a read time out, and held
    the reader far past the deadline (an attacker's: 150 s where 12 were promised, and at
    the default, half an hour). The request goes on in its thread until the server stops."""
    import threading

    box: list[Any] = []

    def run() -> None:
        try:
            box.append((True, call()))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
            box.append((False, exc))

    worker = threading.Thread(target=run, name="reader-fetch", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if not box:
        raise FetchError(f"{_shown(url)}: timed out: {host} did not finish answering in time", EX_PROTOCOL)
    ok, value = box[0]
    if not ok:
        raise value
    return value


def _read_body(resp, url: str, max_bytes: int, deadline: float, read: float, ux) -> bytes:  # type: ignore[no-untyped-def]
    host = urlsplit(url).hostname or url
    buf = bytearray()
    try:
        while True:
            chunk = resp.read1(CHUNK, decode_content=True)  # what has arrived, at most CHUNK decoded bytes
            if not chunk:
                break
            buf += chunk
            if len(buf) > max_bytes:
                resp.close()
                raise FetchError(f"{_shown(url)}: too large (over {_mb(max_bytes)}, the limit; stopped reading)",
                                 EX_UNAVAILABLE)
            if time.monotonic() > deadline:
                resp.close()
                raise FetchError(f"{_shown(url)}: timed out: the page took over {6 * read:g} s to arrive", EX_PROTOCOL)
    except FetchError:
        raise
    except ux.ReadTimeoutError:
        raise FetchError(f"{_shown(url)}: timed out: {host} sent nothing for {read:g} s", EX_PROTOCOL) from None
    except ux.DecodeError:
        raise FetchError(f"{_shown(url)}: the server sent a damaged compressed body", EX_PROTOCOL) from None
    except ux.SSLError as exc:
        raise FetchError(f"{_shown(url)}: TLS error with {host}: {_tls_reason(exc)}", EX_PROTOCOL) from None
    except (ux.ProtocolError, ux.HTTPError) as exc:
        raise FetchError(f"{_shown(url)}: the connection to {host} broke off while reading ({_reason(exc)})",
                         EX_PROTOCOL) from None
    except OSError as exc:
        raise FetchError(f"{_shown(url)}: network error while reading ({exc.strerror or exc})", EX_PROTOCOL) from None
    return bytes(buf)


_STATUS_WHY = {
    401: "the page needs a login",
    403: "the site refuses the reader (a paywall, a login or a bot filter?)",
    404: "no page at this address",
    410: "the page was removed",
    451: "the page is withheld for legal reasons",
}


def _check_status(resp, url: str) -> None:  # type: ignore[no-untyped-def]
    status = resp.status
    if 200 <= status < 300 and status != 204:
        return
    reason = " ".join(str(resp.reason or "").split())[:60]
    head = f"{_shown(url)}: HTTP {status}{' ' + reason if reason else ''}"
    resp.close()
    if status == 204:
        raise FetchError(f"{head}: the page is empty", EX_UNAVAILABLE)
    if status == 429:
        wait = retry_after(resp.headers.get("Retry-After"))
        tail = f"the site asks to wait {wait} before trying again (Retry-After)" if wait else \
            "the site limits requests; try again later"
        raise FetchError(f"{head}: {tail}", EX_UNAVAILABLE)
    if status in _STATUS_WHY:
        raise FetchError(f"{head}: {_STATUS_WHY[status]}", EX_UNAVAILABLE)
    if 500 <= status < 600:
        wait = retry_after(resp.headers.get("Retry-After"))
        tail = f"; it asks to wait {wait} (Retry-After)" if wait else "; try again later"
        raise FetchError(f"{head}: the site failed{tail}", EX_UNAVAILABLE)
    raise FetchError(f"{head}: the page cannot be had", EX_UNAVAILABLE)


def retry_after(value: str | None) -> str:
    """A Retry-After header as words: "120 seconds", "3 minutes", or "until <date>"; "" when unusable."""
    if not value:
        return ""
    value = value.strip()
    if value.isdecimal() and value.isascii():
        secs = int(value)
        if secs < 120:
            return f"{secs} second{'s' if secs != 1 else ''}"
        if secs < 7200:
            return f"{round(secs / 60)} minutes"
        return f"{round(secs / 3600)} hours"
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return "until " + when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _content_type(value: str) -> tuple[str, str | None]:
    mime, _, params = value.partition(";")
    charset = None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", params, re.I)
    if m:
        charset = m.group(1)
    return mime.strip().lower(), charset


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB"


def _reason(exc: BaseException) -> str:
    """The innermost useful words of a urllib3 exception, on one line."""
    inner = exc
    while True:
        nxt = getattr(inner, "reason", None) or inner.__cause__ or inner.__context__
        if nxt is None or nxt is inner or not isinstance(nxt, BaseException):
            break
        inner = nxt
    if isinstance(inner, OSError) and inner.strerror:
        text = inner.strerror
    else:
        text = str(inner) or type(inner).__name__
    text = re.sub(r"^<[^>]*>:\s*", "", text)  # "<urllib3.connection.HTTPConnection object at 0x..>: "
    text = re.sub(r"\s+", " ", text).strip()
    return text[:160]


def _tls_reason(exc: BaseException) -> str:
    text = _reason(exc)
    m = re.search(r"\[SSL: ([A-Z_]+)\]\s*([^(]*)", text)
    if m:
        words = m.group(2).strip() or m.group(1).lower().replace("_", " ")
        if m.group(1) == "WRONG_VERSION_NUMBER" or "record layer" in words:
            return f"{words} (is it a plain http:// server?)"
        return words
    m = re.search(r"certificate verify failed: ([^(]*)", text)
    if m:
        return "certificate verify failed: " + m.group(1).strip()
    return text
