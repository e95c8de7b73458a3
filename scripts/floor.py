"""The floor congkhai's build is measured against (issue "Performance and scale").

    python scripts/floor.py PROJECT_DIR OUTPUT_DIR

The least work that turns the procedures of PROJECT_DIR/procedures/*.yaml into
one HTML page each: PyYAML's C loader, Python-Markdown for the text fields,
one Jinja template per page.  No validation, no lists, no search index.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

TEMPLATE = jinja2.Template("""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ p.ten }}</title></head>
<body><main>
<h1>{{ p.ten }}</h1>
<p>Mã {{ p.ma }} · {{ p.linh_vuc }} · {{ p.cap_thuc_hien|join(", ") }}</p>
<h2>Kết quả</h2>{{ md(p.ket_qua) }}
<h2>Yêu cầu, điều kiện</h2>{{ md(p.yeu_cau_dieu_kien) }}
<h2>Hồ sơ</h2><table>{% for d in p.thanh_phan_ho_so %}<tr><th>{{ d.ten }}</th><td>{{ d.ban_chinh }}</td><td>{{ d.ban_sao }}</td><td>{{ md(d.ghi_chu) }}</td></tr>{% endfor %}</table>
<h2>Trình tự</h2><ol>{% for s in p.trinh_tu %}<li>{{ md(s) }}</li>{% endfor %}</ol>
<h2>Cách thức</h2><table>{% for w in p.cach_thuc %}<tr><th>{{ w.hinh_thuc }}</th><td>{{ w.thoi_han }}</td><td>{{ w.phi_le_phi }}</td><td>{{ md(w.mo_ta) }}</td></tr>{% endfor %}</table>
<h2>Căn cứ pháp lý</h2><ul>{% for b in p.can_cu_phap_ly %}<li>{{ b.so_hieu }} {{ b.trich_yeu }} {{ b.ngay_ban_hanh }}</li>{% endfor %}</ul>
{% if p.quy_trinh_noi_bo %}<h2>Quy trình nội bộ</h2><table>{% for s in p.quy_trinh_noi_bo %}<tr><td>{{ s.buoc }}</td><td>{{ s.bo_phan }}</td><td>{{ s.vai_tro }}</td><td>{{ s.thoi_gian_gio }}</td></tr>{% endfor %}</table>{% endif %}
<p>Cập nhật {{ p.cap_nhat }}</p>
</main></body></html>
""", autoescape=True)


def md(text) -> str:
    return markdown.markdown(str(text)) if text else ""


def build(project: Path, output: Path) -> int:
    count = 0
    for path in sorted((project / "procedures").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        target = output / "thu-tuc" / data["ma"] / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATE.render(p=data, md=lambda t: Markup(md(t))), encoding="utf-8")
        count += 1
    return count


def main() -> None:
    project, output = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    pages = build(project, output)
    print(f"{pages} trang trong {time.perf_counter() - started:.2f} giây")


if __name__ == "__main__":
    main()
