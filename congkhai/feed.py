"""An Atom feed of what changed on the site, for people and tools that follow it.

Each kind of news is one function from the catalog to entries (``SOURCES``);
today new and changed procedures.  Another kind, such as newly published
monthly results, is one more function in that list.  Dates come from the
data and its history, never from the clock, so the feed is the same on every
build of the same input.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from feedgenerator import Atom1Feed, get_tag_uri

from .catalog import Catalog
from .urls import url_for

logger = logging.getLogger(__name__)

TITLE = "Thủ tục mới và thay đổi"


@dataclass(frozen=True)
class Entry:
    """One piece of news: when, what, and the page (site-relative URL) that tells more."""

    date: dt.date
    title: str
    url: str
    summary: str


def _procedure_news(proc, change) -> str:
    if change.new:
        return "Thủ tục mới"
    if not proc.in_force and "trang_thai" in change.fields:
        return "Thủ tục bãi bỏ"
    return "Thủ tục thay đổi"


def procedure_entries(catalog: Catalog) -> list[Entry]:
    """One entry for each day a procedure was published, changed or abolished."""
    return [
        Entry(change.date, f"{_procedure_news(proc, change)}: {proc.ten}", url_for("procedure", proc.ma),
              change.summary)
        for proc in catalog.procedures
        for change in catalog.changes(proc)
    ]


SOURCES = [procedure_entries]


def entries(catalog: Catalog, limit: int | None) -> list[Entry]:
    """The newest entries of every kind, newest first, in a fixed order."""
    found = [entry for source in SOURCES for entry in source(catalog)]
    found.sort(key=lambda e: (-e.date.toordinal(), e.url, e.title))
    return found[:limit]


def write_atom(catalog: Catalog, settings: dict, output: Path) -> None:
    """Write the feed to ``output / CONGKHAI['feed_atom']`` with absolute links."""
    path = catalog.config.feed_atom
    domain = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    if not domain:
        logger.warning("congkhai: nguồn tin %s cần SITEURL (địa chỉ công khai của trang) để có liên kết đầy đủ", path)
    zone = zoneinfo.ZoneInfo(settings["TIMEZONE"])
    feed = Atom1Feed(
        title=f"{settings['SITENAME']} – {TITLE}",
        link=f"{domain}/",
        feed_url=f"{domain}/{path}",
        description=TITLE,
        language="vi",
        author_name=settings.get("AUTHOR"),
    )
    for entry in entries(catalog, settings.get("FEED_MAX_ITEMS")):
        link = f"{domain}/{entry.url}"
        when = dt.datetime.combine(entry.date, dt.time(), zone)
        feed.add_item(title=entry.title, link=link, description=entry.summary,
                      unique_id=get_tag_uri(link, entry.date), pubdate=when, updateddate=when)
    target = output / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        feed.write(out, "utf-8")
