"""schema.org structured data (JSON-LD) for search engines, and its safe embedding in a page."""

from __future__ import annotations

import json

from markupsafe import Markup

from .contact import informative
from .urls import absolute, url_for

# Characters that could end the <script> element or confuse an HTML parser,
# written as JSON escapes so the data means the same once parsed.
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_ld(data: dict) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` element; no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup("".join(_ESCAPES.get(ch, ch) for ch in text))


def _agency(cat, agency, kind: str) -> dict:
    """An agency as a schema.org ``kind`` (an organization, or a place to go); contacts it lacks are left out."""
    data = {"@type": kind, "name": agency.ten, "url": absolute(cat.config.public_url, url_for("agency", agency.slug))}
    if informative(agency.dia_chi):
        data["address"] = agency.dia_chi
    if agency.dien_thoai:
        data["telephone"] = agency.dien_thoai
    if agency.email and kind != "Place":
        data["email"] = agency.email
    return data


def _channels(cat, proc) -> list[dict]:
    """Where the service is delivered: the places of the contract's rule (congkhai.where), then online."""
    channels = [
        {"@type": "ServiceChannel", "name": "Nơi nộp hồ sơ",
         "serviceLocation": _agency(cat, place.agency, "Place") if place.agency else {"@type": "Place", "name": place.text}}
        for place in cat.where_to_go(proc).places
    ]
    if proc.dich_vu_cong:
        channels.append({"@type": "ServiceChannel", "name": cat.online_levels[proc.dich_vu_cong.muc_do],
                         "serviceUrl": proc.dich_vu_cong.url})
    return channels


def government_service(cat, proc) -> dict:
    """A procedure as a schema.org GovernmentService."""
    base = cat.config.public_url
    focal = cat.focal(proc)
    if focal:
        provider = _agency(cat, focal, "GovernmentOrganization")
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
    # An abolished procedure is no longer delivered anywhere.
    if proc.in_force:
        data["availableChannel"] = _channels(cat, proc)
    if cat.config.area:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": cat.config.area,
                              "description": cat.level_text(proc)}
    return data
