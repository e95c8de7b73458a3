"""Feeds and discovery: sitemap, robots.txt, canonical and Open Graph tags, JSON-LD, the 404 page."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from pelican import Pelican

from congkhai.config import DEFAULTS
from congkhai.structured_data import json_ld
from congkhai.urls import url_of
from helpers import BUILD_DATE, ROOT, build, project_settings

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PUBLIC = "https://thutuc.example"
LOCAL = DEFAULTS["public_url"]


def sitemap_of(out) -> dict[str, str | None]:
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        lastmod = url.find(f"{SITEMAP}lastmod")
        entries[url.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return entries


def json_ld_of(page: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block)


def publish_build(project):
    """Build with the production settings (absolute SITEURL)."""
    settings = project_settings(project, "publishconf.py", SITEURL=PUBLIC)
    Pelican(settings).run()
    return project / "output"


# --- sitemap and robots.txt -------------------------------------------------------

def test_sitemap_lists_every_html_page_of_the_sample_site(sample_site):
    pages = {url_of(p.relative_to(sample_site).as_posix()) for p in sample_site.rglob("*.html")}
    pages.discard("404.html")
    assert set(sitemap_of(sample_site)) == {f"{LOCAL}/{url}" for url in pages}
    assert f"{LOCAL}/thu-tuc/1.001193/to-niem-yet/" in sitemap_of(sample_site)


def test_sitemap_dates_come_from_the_data(sample_site):
    entries = sitemap_of(sample_site)
    build_date = dt.date.fromisoformat(BUILD_DATE)
    for path in sorted((ROOT / "procedures").glob("*.yaml")):
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert entries[f"{LOCAL}/thu-tuc/{source['ma']}/"] == source["cap_nhat"].isoformat()
    for path in sorted((ROOT / "content" / "ket-qua").glob("*/*.yaml")):
        year, month = map(int, path.parent.name.split("-"))
        end = min(dt.date(year, month, calendar.monthrange(year, month)[1]), build_date)
        assert entries[f"{LOCAL}/ket-qua/{path.parent.name}/co-quan/{path.stem}/"] == end.isoformat()
        assert entries[f"{LOCAL}/ket-qua/{path.parent.name}/"] == end.isoformat()
    for path in sorted((ROOT / "content" / "thong-bao").glob("*.md")):
        meta = dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").split("\n\n")[0].splitlines())
        assert entries[f"{LOCAL}/thong-bao/{meta['Slug']}/"] == meta["Date"]


def test_robots_txt_points_at_the_sitemap(tiny):
    out = publish_build(tiny)
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots.splitlines()
    assert all(loc.startswith(f"{PUBLIC}/") for loc in sitemap_of(out))


# --- canonical and Open Graph -------------------------------------------------------

def test_published_pages_have_canonical_and_open_graph(tiny):
    out = publish_build(tiny)
    for url in ("thu-tuc/1.001193/", "thong-bao/lich-tiep-nhan-tet/", "10-noi-dung-yeu-cau/", "", "du-lieu/",
                "thu-tuc/1.001193/to-niem-yet/"):
        page = (out / url / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{PUBLIC}/{url}">' in page, url
        assert f'<meta property="og:url" content="{PUBLIC}/{url}">' in page, url
        title = re.search(r"<title>(.*?) – ", page).group(1)
        assert f'<meta property="og:title" content="{title}">' in page, url
        assert '<meta property="og:locale" content="vi_VN">' in page
    article = (out / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="article">' in article
    not_found = (out / "404.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in not_found and '<meta name="robots" content="noindex">' in not_found


def test_development_pages_have_no_canonical_or_open_graph(tiny):
    page = (build(tiny) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page
    assert "og:" not in page


# --- JSON-LD ---------------------------------------------------------------------------

def test_every_procedure_page_describes_a_government_service(sample_site):
    domains = {d["slug"]: d for d in yaml.safe_load((ROOT / "content/data/linh-vuc.yaml").read_text("utf-8"))}
    agencies = {a["slug"]: a for a in yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text("utf-8"))}
    for path in sorted((ROOT / "procedures").glob("*.yaml")):
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json_ld_of((sample_site / "thu-tuc" / source["ma"] / "index.html").read_text(encoding="utf-8"))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "GovernmentService"
        assert data["name"] == source["ten"].strip()
        assert data["identifier"] == source["ma"]
        assert data["url"] == f"{LOCAL}/thu-tuc/{source['ma']}/"
        assert data["serviceType"] == domains[source["linh_vuc"]]["ten"]
        focal = agencies[source.get("dau_moi") or domains[source["linh_vuc"]]["co_quan"]]
        assert data["provider"] == {
            "@type": "GovernmentOrganization", "name": focal["ten"], "url": f"{LOCAL}/co-quan/{focal['slug']}/",
            "address": focal["dia_chi"], "telephone": str(focal["dien_thoai"]), "email": focal["email"],
        }


def test_area_served_names_the_area_and_the_level(tiny):
    # pelicanconf.py names the area: "Thành phố Hà Nội".
    out = publish_build(tiny)
    data = json_ld_of((out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8"))
    assert data["url"] == f"{PUBLIC}/thu-tuc/1.001193/"
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "Thành phố Hà Nội", "description": "Cấp xã"}


def test_available_channels_say_where_to_go(tiny):
    data = json_ld_of((build(tiny) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8"))
    # A commune-level procedure of the commune committee: the commune's desk, then the online service.
    assert data["availableChannel"] == [
        {"@type": "ServiceChannel", "name": "Nơi nộp hồ sơ",
         "serviceLocation": {"@type": "Place", "name": "Ủy ban nhân dân cấp xã"}},
        {"@type": "ServiceChannel", "name": "Dịch vụ công trực tuyến toàn trình",
         "serviceUrl": "https://dichvucong.hanoi.gov.vn/khai-sinh"},
    ]


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "a & b <!-- c", "dòng\u2028mới"])
def test_json_ld_cannot_close_its_script_element(value):
    embedded = str(json_ld({"name": value}))
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded and "\u2028" not in embedded
    assert json.loads(embedded) == {"name": value}


# --- the 404 page ----------------------------------------------------------------------

def test_404_page_links_from_the_site_root(tiny):
    page = (build(tiny) / "404.html").read_text(encoding="utf-8")
    assert 'href="/static/site.css"' in page
    assert '<script src="/static/not-found.js" defer></script>' in page
    assert 'action="/tim-kiem/"' in page
    assert '<a href="/thu-tuc/">' in page
