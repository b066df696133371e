"""The part of a PDF page a reader sees: its MediaBox cut to its CropBox and TrimBox.

A book's printer's PDF is set on a sheet larger than the page shown: around the page it
prints crop marks, a job slug ("14773_00_i-xviii_r9jm.qxd 2/10/04 3:46 PM Page i"), "4TH PASS
PAGES" and a gauge of line numbers down the margin ("1" … "31", "S32", "R33"), and its
CropBox (and TrimBox) leave them out of sight. PDFium gives their text all the same: the
Free Culture PDF read as 1,841 paragraphs that were only a number, and "born a pi-" | "S32"
| "rate nation" across a page break. A character whose box's centre lies outside what is
shown is not the page's text.

The box seen is the MediaBox cut to the CropBox and cut again to the TrimBox: a TrimBox that
is larger than the CropBox (Free Culture's second page) changes nothing. PDFium gives a
missing CropBox as the MediaBox, and a missing TrimBox as the CropBox. A box that does not
overlap the one it cuts, or leaves less than a tenth of its width or height, is taken for a
mistake and left out; a page whose MediaBox itself is degenerate has no box (nothing is
left out).
"""

from __future__ import annotations

Box = tuple[float, float, float, float]  # (left, bottom, right, top) in the page's space
_LEAST = 0.1  # the least share of a box a cut may leave


def _box(get) -> Box | None:  # type: ignore[no-untyped-def]
    try:
        left, bottom, right, top = (float(v) for v in get())
    except Exception:  # noqa: BLE001 - a damaged or odd box is no box
        return None
    if not (right > left and top > bottom):
        return None
    return left, bottom, right, top


def _cut(outer: Box, inner: Box | None) -> Box:
    """outer cut to inner, unless inner leaves (nearly) nothing of it."""
    if inner is None:
        return outer
    left, bottom = max(outer[0], inner[0]), max(outer[1], inner[1])
    right, top = min(outer[2], inner[2]), min(outer[3], inner[3])
    if right - left < _LEAST * (outer[2] - outer[0]) or top - bottom < _LEAST * (outer[3] - outer[1]):
        return outer
    return left, bottom, right, top


def page_boxes(page) -> tuple[Box | None, Box | None]:  # type: ignore[no-untyped-def]
    """(MediaBox, the box a reader sees) of a page, in the page's own space (where PDFium
    puts the characters' boxes); (None, None) when the MediaBox is degenerate."""
    media = _box(page.get_mediabox)
    if media is None:
        return None, None
    return media, _cut(_cut(media, _box(page.get_cropbox)), _box(page.get_trimbox))


def visible_box(page) -> Box | None:  # type: ignore[no-untyped-def]
    """The box of the page a reader sees, or None when the page has no usable MediaBox."""
    return page_boxes(page)[1]


def shown(box: Box, left: float, right: float, bottom: float, top: float) -> bool:
    """Whether a character whose box is (left, right, bottom, top) sits in the box seen."""
    x, y = (left + right) / 2, (bottom + top) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]
