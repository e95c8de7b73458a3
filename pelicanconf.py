"""Development settings: build the site to output/ with relative links."""

AUTHOR = "Ủy ban nhân dân thành phố Hà Nội"
SITENAME = "Công khai thủ tục hành chính"
SITESUBTITLE = "Thủ tục hành chính và kết quả giải quyết của thành phố Hà Nội"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

PLUGIN_PATHS = ["."]
PLUGINS = ["congkhai"]
CONGKHAI = {
    "sample_data": True,
    "area": "Thành phố Hà Nội",
    # The agency whose one-stop desk the home page shows.
    "home_desk": "trung-tam-phuc-vu-hanh-chinh-cong",
    # Licence of the open data downloads at /du-lieu/.
    "licence": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"},
}

# Announcements (thông báo) are Pelican articles; extra pages are Pelican pages.
ARTICLE_PATHS = ["thong-bao"]
PAGE_PATHS = ["trang"]
STATIC_PATHS = ["mau"]
ARTICLE_URL = "thong-bao/{slug}/"
ARTICLE_SAVE_AS = "thong-bao/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARCHIVES_SAVE_AS = "thong-bao/index.html"
DIRECT_TEMPLATES = ["index", "archives"]
INDEX_SAVE_AS = "index.html"
SLUGIFY_SOURCE = "basename"
DEFAULT_PAGINATION = False

# Pages a citizen does not need: no per-author, per-category or per-tag pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

THEME_STATIC_DIR = "static"
THEME_STATIC_PATHS = ["static"]

TYPOGRIFY = False
READERS = {"rst": None, "htm": None, "html": None}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
