"""schema.org structured data (JSON-LD) for search engines, and its safe embedding in a page."""

from __future__ import annotations

import json

from markupsafe import Markup

from .urls import absolute, url_for

# Characters that could end the <script> element or confuse an HTML parser,
# written as JSON escapes so the data means the same once parsed.
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_ld(data: dict) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` element; no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup("".join(_ESCAPES.get(ch, ch) for ch in text))


def government_service(cat, proc) -> dict:
    """A procedure as a schema.org GovernmentService."""
    base = cat.config.public_url
    focal = cat.focal(proc)
    if focal:
        provider = {
            "@type": "GovernmentOrganization",
            "name": focal.ten,
            "url": absolute(base, url_for("agency", focal.slug)),
            "address": focal.dia_chi,
            "telephone": focal.dien_thoai,
            "email": focal.email,
        }
    else:
        provider = {"@type": "GovernmentOrganization", "name": proc.co_quan_thuc_hien.tham_quyen}
    data = {"@context": "https://schema.org", "@type": "GovernmentService", "name": proc.ten}
    if proc.ten_thuong_goi:
        data["alternateName"] = proc.ten_thuong_goi
    data.update({
        "identifier": proc.ma,
        "url": absolute(base, url_for("procedure", proc.ma)),
        "serviceType": cat.domain(proc).ten,
        "provider": provider,
    })
    if cat.config.area:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": cat.config.area,
                              "description": cat.level_text(proc)}
    return data
