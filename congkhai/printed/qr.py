"""QR codes drawn at build time as inline SVG (segno: pure Python, no image files, same bytes every build)."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

from .qr_mask import drawing


def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code that opens ``url``; ``label`` is its accessible name."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"a printed QR code needs a full URL, got {url!r}")
    # Level M survives a scuffed or partly covered sheet on a desk notice board.
    with drawing():
        code = segno.make_qr(url, error="m")
    svg = code.svg_inline(border=4, omitsize=True, title=label, dark="#000", light="#fff",
                          svgclass="qr", lineclass="qr-line")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


class LazyQr:
    """A QR code drawn only when a page that shows it is rendered.

    Choosing a QR code's mask takes milliseconds; a build that carries a desk
    sheet over from the last build (congkhai.build.reuse) never draws it.
    Jinja calls ``__html__`` when the value is output.
    """

    def __init__(self, url: str, label: str):
        self.url, self.label = url, label

    def __html__(self) -> str:
        return qr_svg(self.url, self.label)
