"""Turning untrusted bytes into safe text: decoding, binary detection, inert characters.

Article files, file names, notes and web pages come from anywhere. Nothing in them may
reach the terminal as a control sequence or reorder what is around it, so every character
below U+0020 (but newline), DEL, the C1 range and the bidirectional overrides and
isolates are shown as visible stand-ins of the same width (one cell), which keeps offsets
and columns aligned. ``plain`` is the one function every piece of such text passes
through on its way to a screen or a terminal; front ends print it as plain text, never as
markup.
"""

from __future__ import annotations

import codecs
import re

from reader.core.errors import ArticleError

# One visible, single-cell stand-in per control character.
INERT_TABLE = {c: 0x2400 + c for c in range(0x20)}  # C0 -> control pictures (␛, ␀, ...)
INERT_TABLE[0x09] = 0x20  # a tab shows as one space: columns stay one per character
INERT_TABLE[0x0A] = 0x20  # a soft wrap inside a paragraph shows as a space
INERT_TABLE[0x7F] = 0x2421  # DEL -> ␡
INERT_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})  # C1 (CSI, OSC, ...) -> �
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): shown,
# never obeyed, so an article cannot make the screen read backwards.
INERT_TABLE.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_ESCAPE = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # surrogates surrogateescape never makes

_BINARY_MAGIC = (
    b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"SQLite format 3",
)


def inert(text: str) -> str:
    """Return text with every control character replaced by a visible stand-in of one cell."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(INERT_TABLE)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_inert(encoded: str) -> str:
    """JSON text with C1 controls, DEL and direction overrides written as \\u escapes: the same
    data for any JSON reader, nothing a terminal obeys when it is printed (JSON already
    escapes C0 controls). Such characters only occur inside strings, where an escape is valid."""
    if _JSON_UNSAFE.search(encoded) is None:
        return encoded
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def clean_surrogates(text: str) -> str:
    """Undecodable bytes (from a file name or an argument) as U+FFFD: storable, printable.

    ``surrogateescape`` bytes that together are valid UTF-8 become their characters; any
    other surrogate (one no decoder made, e.g. from JSON) becomes U+FFFD too.
    """
    if _SURROGATE.search(text) is None:
        return text
    text = _NOT_ESCAPE.sub("\ufffd", text)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def without_controls(text: str) -> str:
    """Typed or pasted text for a one-line field: control and direction characters and
    stray surrogates dropped, tabs and line breaks as spaces."""
    text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return _SURROGATE.sub("", _UNSAFE.sub("", text))


def plain(text: str) -> str:
    """Any text from a user, a file name or an article, made safe to show: one function."""
    return inert(clean_surrogates(text))


def looks_binary(data: bytes) -> bool:
    """True for data that is not meant to be read as text."""
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:65536]
    if not head:
        return False
    nuls = head.count(0)
    if nuls > 8 and nuls * 100 > len(head):  # more than a stray NUL or two: 1% of the bytes
        return True
    controls = sum(head.count(b) for b in (1, 2, 3, 4, 5, 6, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31))
    return controls * 20 > len(head)  # more than 5% odd control bytes


def wide_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, name shown) for UTF-32 or UTF-16 text: by its byte-order mark, or without one by
    where the zero bytes fall (Latin letters in UTF-16LE are every other byte a zero: "H\\0e\\0")."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        return "utf-32", "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    head = data[:65536]
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    zeros = [head[k:n:4].count(0) for k in range(4)]
    quarter = n // 4
    mostly = [z >= 0.9 * quarter for z in zeros]
    rarely = [z <= 0.05 * quarter for z in zeros]
    if mostly[1] and mostly[2] and mostly[3] and rarely[0]:
        return "utf-32-le", "UTF-32LE (no byte-order mark)"
    if mostly[0] and mostly[1] and mostly[2] and rarely[3]:
        return "utf-32-be", "UTF-32BE (no byte-order mark)"
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    half = n // 2
    if odd >= 0.6 * half and even <= 0.05 * half and len(data) % 2 == 0:
        return "utf-16-le", "UTF-16LE (no byte-order mark)"
    if even >= 0.6 * half and odd <= 0.05 * half and len(data) % 2 == 0:
        return "utf-16-be", "UTF-16BE (no byte-order mark)"
    return None


# Names shown for the codecs charset_normalizer answers with (Python's names otherwise).
_SHOWN = {
    "cp932": "Shift_JIS", "shift_jis": "Shift_JIS", "shift_jis_2004": "Shift_JIS", "shift_jisx0213": "Shift_JIS",
    "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP", "euc_jisx0213": "EUC-JP", "iso2022_jp": "ISO-2022-JP",
    "gb2312": "GB2312", "gbk": "GBK", "gb18030": "GB18030", "hz": "HZ-GB-2312", "big5": "Big5", "big5hkscs": "Big5-HKSCS",
    "cp950": "Big5", "euc_kr": "EUC-KR", "cp949": "EUC-KR (Windows-949)", "johab": "Johab", "iso2022_kr": "ISO-2022-KR",
    "koi8_r": "KOI8-R", "koi8_u": "KOI8-U", "mac_cyrillic": "Mac Cyrillic", "mac_roman": "Mac Roman",
    "mac_greek": "Mac Greek", "tis_620": "TIS-620 (Thai)",
}


def _shown(codec: str) -> str:
    if codec in _SHOWN:
        return _SHOWN[codec]
    if re.fullmatch(r"cp12\d\d", codec):
        return f"Windows-{codec[2:]}"
    if codec.startswith("cp"):
        return f"code page {codec[2:]}"
    if codec.startswith("iso8859_"):
        return f"ISO-8859-{codec[8:]}"
    return codec.replace("_", "-").upper()


def _reads_as_latin(text: str) -> bool:
    """True when a single-byte Western reading looks like a Western text: accented letters are
    a few among plain ones (French, German, Spanish: under a tenth). Russian in Windows-1251 or
    KOI8-R, Greek or Shift_JIS read this way is nearly all accented letters ("Ïðèâåò")."""
    letters = accented = 0
    for c in text[:65536]:
        if c.isalpha():
            letters += 1
            if c > "\x7f":
                accented += 1
    return accented * 10 <= letters * 3  # at most 30%


_UNDEFINED_1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # the bytes Windows-1252 leaves undefined
# Those five bytes as the C1 controls of the same number, as browsers (WHATWG) read them.
codecs.register_error("reader-c1", lambda exc: (exc.object[exc.start:exc.end].decode("latin-1"), exc.end))  # type: ignore[attr-defined]


def guess_encoding(data: bytes) -> tuple[str, str]:
    """(text, encoding name shown) for bytes that are not UTF-8 (nor UTF-16 or UTF-32).

    A text that reads as plain Western in Windows-1252 is Windows-1252 (Latin-1 is its subset):
    charset_normalizer, asked first, calls such a text Windows-1250 or worse. Any other is
    detected by charset_normalizer (Shift_JIS, GBK, Big5, EUC-KR, Windows-1251, KOI8-R...),
    imported only then; when it finds nothing that reads the bytes, Windows-1252 after all.
    """
    western = data.decode("cp1252", "reader-c1")
    undefined = sum(data.count(b) for b in _UNDEFINED_1252)
    if undefined * 1000 <= len(data) and _reads_as_latin(western):
        return western, "Windows-1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    codec = codecs.lookup(best.encoding).name.replace("-", "_") if best is not None else None
    if codec is not None and not codec.startswith(("utf", "ascii")) and codec not in ("cp1252", "iso8859_1"):
        try:
            return data.decode(codec), f"{_shown(codec)} (detected)"
        except UnicodeDecodeError:
            pass
    return western, "Windows-1252"


def decode_article(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode an article's bytes to canonical text (LF line ends, no BOM).

    Returns the text and a note on the encoding when it was not UTF-8.
    Raises ArticleError for empty or binary input.
    """
    note = None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    wide = wide_encoding(data)
    if wide is not None:
        codec, shown = wide
        try:
            text = data.decode(codec)
            note = f"decoded as {shown}"
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name}: not valid {shown.split(' ')[0]} text ({exc.reason})") from None
        sample = text[:32768]
        if sum(1 for c in sample if c < " " and c not in "\t\n\r\f") * 20 > len(sample):
            raise ArticleError(f"{name}: looks like a binary file, not an article")
    else:
        if looks_binary(data):
            raise ArticleError(f"{name}: looks like a binary file, not an article")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, shown = guess_encoding(data)
            note = f"not UTF-8; decoded as {shown}"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty", 65)
    return text, note


def plain_name(text: str) -> str:
    """A file name made safe to show, its line breaks as visible ␊ and ␍: ``plain`` shows a
    break as a space, and "exported to …/a b.md" named a file that does not exist."""
    return plain(text.replace("\n", "\u240a").replace("\r", "\u240d"))
