"""Text files in an encoding other than UTF-8: Western texts stay Windows-1252, the rest are detected.

Found by a trial (15): Aozora Bunko's Shift_JIS sample was shown as mojibake "decoded as Latin-1",
since after UTF-8, UTF-16 and UTF-32 only Windows-1252 and Latin-1 were tried; a Russian text in
Windows-1251 would even have decoded "cleanly" as Windows-1252.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.errors import ArticleError
from reader.core.sources.articles import load_document
from reader.core.text.safety import decode_article

TEXTS = Path(__file__).parent / "fixtures" / "texts"
THOREAU = Path(__file__).parent / "fixtures" / "gutenberg" / "thoreau-civil-disobedience.txt"


def test_shift_jis_file_is_detected_and_named():
    text, note = decode_article((TEXTS / "aozora-chukiichiran-sjis.txt").read_bytes(), "aozora")
    assert text.startswith("「注記一覧」記載例文\n青空文庫\n")
    assert "【テキスト中に現れる記号について】" in text and "福沢諭吉｜記《しるす》" in text
    assert note == "not UTF-8; decoded as Shift_JIS (detected)"


def test_shift_jis_file_opens_as_an_article(tmp_path):
    d = load_document(str(TEXTS / "aozora-chukiichiran-sjis.txt"))
    assert "Shift_JIS" in d.encoding_note and "。" in d.text and "\ufffd" not in d.text


@pytest.mark.parametrize("codec,shown", [("cp1251", "Windows-1251"), ("koi8-r", "KOI8-R")])
def test_russian_single_byte_texts_are_detected(codec, shown):
    """A Russian news text (football.ua) in Windows-1251 and KOI8-R: both decode "cleanly" as
    Windows-1252 ("Ïîäîëüñêè"), which is why a plain Western reading is checked for its letters."""
    russian = (TEXTS / "football-ua-podolski-ru.txt").read_text(encoding="utf-8")
    if codec == "koi8-r":
        russian = russian.replace("–", "-").replace("—", "-")  # KOI8-R has no dashes
    text, note = decode_article(russian.encode(codec), "ru")
    assert text == russian
    assert note == f"not UTF-8; decoded as {shown} (detected)"


def test_windows_1252_text_with_curly_quotes_stays_windows_1252():
    """Thoreau with its curly quotes and apostrophes in Windows-1252: charset_normalizer alone
    calls such a text Windows-1250; a plain Western text is read as Windows-1252."""
    thoreau = THOREAU.read_text(encoding="utf-8-sig")
    assert "“" in thoreau and "’" in thoreau
    western = thoreau.replace("\r\n", "\n")
    text, note = decode_article(western.encode("cp1252"), "thoreau")
    assert text == western and note == "not UTF-8; decoded as Windows-1252"
    short = "Title\n\nCaf\u00e9 \u201cquoted\u201d \u2014 na\u00efve."
    assert decode_article(short.encode("cp1252"), "short") == (short, "not UTF-8; decoded as Windows-1252")


def test_latin_1_spanish_text_reads_right():
    """Moratín's play saved in ISO-8859-1: Latin-1 is Windows-1252's subset, named as browsers do."""
    data = (TEXTS / "moratin-si-de-las-ninas-latin1.txt").read_bytes()
    text, note = decode_article(data, "moratin")
    assert "¿No han venido todavía?" in text and "las estampas del Hijo pródigo" in text
    assert note == "not UTF-8; decoded as Windows-1252"


def test_a_western_text_with_a_stray_undefined_byte_stays_western():
    """One byte Windows-1252 leaves undefined (0x81) in a long Western text: read as browsers
    do (a C1 control, shown as �), the rest Windows-1252, not handed to detection."""
    data = (TEXTS / "moratin-si-de-las-ninas-latin1.txt").read_bytes()
    data = data[:2000] + b"\x81" + data[2000:]
    text, note = decode_article(data, "moratin")
    assert "\x81" in text and "¿No han venido todavía?" in text and note == "not UTF-8; decoded as Windows-1252"


def test_binary_is_still_refused():
    with pytest.raises(ArticleError, match="binary"):
        decode_article(bytes(range(32)) * 100 + "日本語".encode("shift_jis") * 50, "bin")


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(lambda t: t.strip() and not t.startswith("\ufeff")))
def test_any_utf8_text_decodes_as_utf8(text):
    decoded, note = decode_article(text.encode("utf-8"), "u")
    assert decoded == text and note is None
