"""Render a recurring template fragment once per build and reuse its HTML.

A procedure's list item recurs on many pages (the home page, its field, level
and audience pages, every commune's page when it is common): when communes
listed every commune-level procedure, at 5,000 procedures and 150 agencies the
same items were rendered hundreds of thousands of times. A template wraps such
a fragment in ``{% call once(key, ...) %}``; the key must name everything the
fragment depends on besides the build's catalog. The instance is made when
Pelican starts and cleared at the start of every build (``pelican --autoreload``
runs several builds in one process), so a rebuild never reuses HTML from the
data of an earlier one.
"""

from __future__ import annotations

from markupsafe import Markup


class Fragments:
    """A Jinja global: ``once(*key, caller)`` renders ``caller`` the first time a key is seen."""

    def __init__(self) -> None:
        self._rendered: dict[tuple, Markup] = {}

    def clear(self) -> None:
        """Forget every fragment: called at the start of each build, autoreload runs included."""
        self._rendered.clear()

    def __call__(self, *key, caller) -> Markup:
        html = self._rendered.get(key)
        if html is None:
            html = self._rendered[key] = caller()
        return html
