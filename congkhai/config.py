"""The plugin's settings: one ``CONGKHAI`` dict in pelicanconf.py, merged with defaults."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULTS = {
    # Folders, relative to the folder that holds pelicanconf.py.
    "procedures_dir": "procedures",
    "data_dir": "content/data",
    "results_dir": "content/ket-qua",
    # Date the site is built for (ISO date); None means SOURCE_DATE_EPOCH or today.
    "build_date": None,
    # Folder where builds keep validated data and what they wrote, so the next
    # build redoes only what changed. "" is a folder of this project in the
    # user's cache (XDG_CACHE_HOME, else ~/.cache); None keeps nothing between
    # runs. It must lie outside the project: the build loads what is there, and
    # a commit must never be able to write that.
    "cache_dir": "",
    # Largest YAML file accepted, in bytes.
    "max_file_bytes": 256 * 1024,
    # Pages whose cap_nhat is older than this many days show a review note.
    "stale_after_days": 365,
    # Show the notice that the data is sample data.
    "sample_data": False,
    # Path of the Atom feed of new and changed procedures; None writes no feed
    # (set in publishconf.py, where SITEURL gives the feed absolute links).
    "feed_atom": None,
    # Build the Pagefind search index; a site without it must say so here.
    "search": True,
    # The site's full address, for what must hold a full URL even when pages
    # link relatively (QR codes, sitemap, structured data). An absolute SITEURL
    # wins; the default is the local preview server of `invoke serve`.
    "public_url": "http://localhost:8000",
    # A build for the public site (publishconf.py): a public_url on this
    # machine or a private network is an error, since printed QR codes would
    # lead nowhere; other builds mark their desk sheets as a preview instead.
    "production": False,
    # Licence of the open data downloads.
    "licence": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"},
    # The area the procedures serve (schema.org areaServed, the home page's heading), e.g. "Thành phố Hà Nội".
    "area": "",
    # Slugs of pages (content/trang) that also get an A4 poster for the one-stop desk.
    "posters": ["10-noi-dung-yeu-cau"],
    # Slug of the page (content/trang) of the one-stop desks' service commitments, linked from the footer
    # of every page when the site has it; "" for none.
    "commitments": "10-noi-dung-yeu-cau",
    # Slug of the agency whose one-stop desk the home page shows (the public service centre); "" for none.
    "home_desk": "",
}


@dataclass(frozen=True)
class Config:
    root: Path
    content: Path
    procedures: Path
    data: Path
    results: Path
    cache: Path | None
    build_date: dt.date
    max_file_bytes: int
    stale_after_days: int
    sample_data: bool
    feed_atom: str | None
    search: bool
    public_url: str
    production: bool
    licence: dict
    area: str
    posters: tuple
    commitments: str
    home_desk: str
    # Pelican's STATIC_PATHS: the folders of content/ copied to the site as they are (form templates).
    static_paths: tuple = ("mau",)
    # Pelican's ARTICLE_PATHS and PAGE_PATHS: the folders of the announcements and pages it reads.
    article_paths: tuple = ("thong-bao",)
    page_paths: tuple = ("trang",)
    # Pelican's THEME_STATIC_DIR: where the theme's files are copied in the site.
    theme_static_dir: str = "static"
    # Pelican's MARKDOWN: checks read announcements with the same Markdown as the build.
    markdown: dict = field(default_factory=dict, compare=False)

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the project, with forward slashes."""
        # On text: every data file's name passes here, and pathlib's relative_to is slow.
        text, root = str(path), str(self.root).rstrip(os.sep) + os.sep
        if text + os.sep == root:
            return "."
        if text.startswith(root):
            text = text[len(root):]
        return text.replace(os.sep, "/") if os.sep != "/" else text

    @property
    def area_in_text(self) -> str:
        """The area as it reads inside a sentence: "thành phố Hà Nội" for "Thành phố Hà Nội"."""
        return self.area[:1].lower() + self.area[1:]

    @property
    def local_preview(self) -> bool:
        """True when what is printed (QR codes) points to this machine or a private network."""
        return is_local(self.public_url)


def _build_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if value:
        return dt.date.fromisoformat(str(value))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def from_settings(settings: dict) -> Config:
    """Build the config from Pelican settings (``PATH`` is the content folder)."""
    options = {**DEFAULTS, **settings.get("CONGKHAI", {})}
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"CONGKHAI: unknown settings {sorted(unknown)}")
    content = Path(settings["PATH"]).resolve()
    root = content.parent
    return Config(
        root=root,
        content=content,
        procedures=(root / options["procedures_dir"]).resolve(),
        data=(root / options["data_dir"]).resolve(),
        results=(root / options["results_dir"]).resolve(),
        cache=_cache_folder(root, options["cache_dir"]),
        build_date=_build_date(options["build_date"]),
        max_file_bytes=int(options["max_file_bytes"]),
        stale_after_days=int(options["stale_after_days"]),
        sample_data=bool(options["sample_data"]),
        feed_atom=options["feed_atom"],
        search=bool(options["search"]),
        public_url=_public_url(settings.get("SITEURL", ""), options["public_url"]),
        production=bool(options["production"]),
        licence=dict(options["licence"]),
        area=str(options["area"]),
        posters=tuple(options["posters"]),
        commitments=str(options["commitments"]),
        home_desk=str(options["home_desk"]),
        static_paths=tuple(path.strip("/") for path in settings.get("STATIC_PATHS", ())),
        article_paths=tuple(path.strip("/") for path in settings.get("ARTICLE_PATHS", ())),
        page_paths=tuple(path.strip("/") for path in settings.get("PAGE_PATHS", ())),
        theme_static_dir=settings.get("THEME_STATIC_DIR", "theme").strip("/"),
        markdown=dict(settings.get("MARKDOWN", {})),
    )


def _cache_folder(root: Path, configured: str | None) -> Path | None:
    """Where builds of the project at ``root`` keep what the next build reuses (see DEFAULTS)."""
    if configured is None:
        return None
    if configured == "":
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        project = hashlib.blake2b(str(root).encode(), digest_size=8).hexdigest()
        return (home / "congkhai" / f"{root.name}-{project}").resolve()
    folder = (root / configured).resolve()
    if folder == root or root in folder.parents:
        raise ValueError(f"CONGKHAI: cache_dir must be outside the project folder, got {configured!r}: "
                         "a build loads what is there, and a commit must never be able to write it")
    return folder


def _public_url(siteurl: str, configured: str) -> str:
    """The absolute base URL without a trailing slash."""
    for candidate in (siteurl, configured):
        if candidate and candidate.startswith(("https://", "http://")):
            return candidate.rstrip("/")
    raise ValueError(f"CONGKHAI: public_url must be an absolute http(s) URL, got {configured!r}")


def is_local(url: str) -> bool:
    """True when ``url`` opens only on this machine or a private network (a phone in the street cannot open it)."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    if "." not in host or host.endswith((".localhost", ".local", ".internal", ".lan", ".home.arpa")):
        # "localhost", an intranet name, a name only the local network resolves.
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified


def check_settings(config: Config, problems) -> None:
    """Add to ``problems`` what makes the settings unfit for the build they are for."""
    if config.production and config.local_preview:
        problems.add("SITEURL", 0, "", (
            f"'{config.public_url}' là địa chỉ trên máy này hoặc trong mạng nội bộ, không phải địa chỉ công khai "
            "của trang; mã QR in trên tờ niêm yết sẽ không mở được trên điện thoại của người dân. Hãy đặt SITEURL "
            "là địa chỉ công khai, ví dụ: SITEURL=https://thutuc.hanoi.gov.vn ./dev publish"))
