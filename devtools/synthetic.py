"""Seeded synthetic data in the data contract, of any size, for benchmarks.

``write_site(out, procedures=N, agencies=A, seed=S)`` writes a project folder
that the validator accepts and congkhai builds like the sample site:
``procedures/`` and ``content/data/`` (fields, agencies). Names are made from
real Vietnamese procedure vocabulary, so search and sorting meet realistic
text. About forty procedures are marked common (``thuong_gap``), as a province
marks a few dozen whatever its size. The same arguments always give the same
files. With ``months``, each agency also publishes that many monthly results
(``content/ket-qua/``), made by the results generator
(devtools/synthetic_results.py): communes and wards handle the common commune
fields, departments the fields they manage. The last month is the one before
``LAST_DATE``, so any later build date accepts it.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from congkhai.month import Month
from .synthetic_results import COMMUNE_VOLUMES, Profile, dump, simulate_agency
from congkhai.text import fold

# (slug, name, verbs, objects): procedure names are "<verb> <object> <qualifier>".
FIELDS = [
    ("ho-tich", "Hộ tịch", ["Đăng ký", "Đăng ký lại", "Cấp bản sao trích lục", "Ghi vào sổ hộ tịch việc"],
     ["khai sinh", "kết hôn", "khai tử", "giám hộ", "nhận cha, mẹ, con", "thay đổi, cải chính hộ tịch"]),
    ("chung-thuc", "Chứng thực", ["Chứng thực", "Cấp bản sao"],
     ["bản sao từ bản chính", "chữ ký", "hợp đồng, giao dịch", "văn bản thỏa thuận phân chia di sản"]),
    ("cu-tru", "Đăng ký, quản lý cư trú", ["Đăng ký", "Gia hạn", "Xóa đăng ký", "Điều chỉnh thông tin về"],
     ["thường trú", "tạm trú", "lưu trú", "thông tin cư trú"]),
    ("dat-dai", "Đất đai", ["Cấp", "Cấp đổi", "Cấp lại", "Đính chính", "Đăng ký biến động"],
     ["Giấy chứng nhận quyền sử dụng đất", "quyền sử dụng đất, tài sản gắn liền với đất", "chuyển mục đích sử dụng đất"]),
    ("xay-dung", "Hoạt động xây dựng", ["Cấp", "Gia hạn", "Điều chỉnh", "Cấp lại"],
     ["giấy phép xây dựng", "giấy phép sửa chữa, cải tạo công trình", "chứng chỉ hành nghề hoạt động xây dựng"]),
    ("duong-bo", "Đường bộ", ["Cấp", "Đổi", "Cấp lại"],
     ["giấy phép lái xe", "giấy phép kinh doanh vận tải bằng xe ô tô", "phù hiệu xe", "giấy phép lưu hành xe"]),
    ("dang-ky-kinh-doanh", "Đăng ký doanh nghiệp và hộ kinh doanh", ["Đăng ký thành lập", "Đăng ký thay đổi", "Tạm ngừng kinh doanh của", "Giải thể"],
     ["hộ kinh doanh", "công ty trách nhiệm hữu hạn", "công ty cổ phần", "doanh nghiệp tư nhân", "hợp tác xã"]),
    ("viec-lam", "Việc làm", ["Giải quyết", "Cấp", "Gia hạn", "Tạm dừng"],
     ["hưởng trợ cấp thất nghiệp", "hỗ trợ học nghề", "giấy phép lao động", "giấy phép hoạt động dịch vụ việc làm"]),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội", ["Thực hiện", "Điều chỉnh", "Thôi hưởng", "Hỗ trợ"],
     ["trợ cấp xã hội hằng tháng", "chi phí mai táng", "kinh phí chăm sóc, nuôi dưỡng", "xác nhận khuyết tật"]),
    ("y-te", "Khám bệnh, chữa bệnh", ["Cấp mới", "Cấp lại", "Điều chỉnh", "Gia hạn"],
     ["giấy phép hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám", "giấy chứng nhận đủ điều kiện kinh doanh dược"]),
    ("giao-duc", "Giáo dục và đào tạo", ["Công nhận", "Cấp", "Chuyển", "Cho phép"],
     ["văn bằng do cơ sở nước ngoài cấp", "bản sao văn bằng, chứng chỉ", "trường cho học sinh", "hoạt động giáo dục"]),
    ("cong-thuong", "Lưu thông hàng hóa trong nước", ["Cấp", "Cấp lại", "Cấp sửa đổi, bổ sung"],
     ["giấy phép bán lẻ rượu", "giấy phép bán lẻ sản phẩm thuốc lá", "giấy chứng nhận đủ điều kiện kinh doanh xăng dầu"]),
    ("can-cuoc", "Cấp, quản lý căn cước", ["Cấp", "Cấp đổi", "Cấp lại", "Xác nhận"],
     ["thẻ căn cước", "giấy chứng nhận căn cước", "thông tin về cư trú"]),
    ("nong-nghiep", "Trồng trọt và bảo vệ thực vật", ["Cấp", "Cấp lại", "Công nhận"],
     ["giấy chứng nhận đủ điều kiện buôn bán phân bón", "cây đầu dòng", "giấy chứng nhận kiểm dịch thực vật"]),
    ("van-hoa", "Văn hóa cơ sở", ["Cấp", "Công nhận", "Thông báo tổ chức"],
     ["giấy phép tổ chức lễ hội", "danh hiệu gia đình văn hóa", "giấy phép kinh doanh karaoke"]),
]
QUALIFIERS = ["", "", "", "có yếu tố nước ngoài", "cho người nước ngoài", "đối với tổ chức", "đối với cá nhân",
              "trong trường hợp bị mất, bị hỏng", "theo yêu cầu", "lần đầu", "cho trẻ em dưới 6 tuổi", "tại cấp xã"]
PLAIN_VERBS = {"Cấp": "Xin", "Cấp lại": "Làm lại", "Cấp đổi": "Đổi", "Đăng ký": "Làm", "Gia hạn": "Gia hạn"}
PLACE_SYLLABLES = ["An", "Bình", "Phú", "Hòa", "Tân", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Nam", "Bắc",
                   "Hưng", "Thịnh", "Phước", "Lộc", "Xuân", "Hà", "Sơn", "Thủy", "Quang", "Trung", "Nghĩa",
                   "Đức", "Thành", "Vĩnh", "Hải", "Lâm", "Cầu", "Giấy", "Kim", "Liên", "Ngọc", "Hồng"]
PROVINCIAL = [("so-tu-phap", "Sở Tư pháp"), ("so-tai-chinh", "Sở Tài chính"), ("so-noi-vu", "Sở Nội vụ"),
              ("so-xay-dung", "Sở Xây dựng"), ("so-nong-nghiep-va-moi-truong", "Sở Nông nghiệp và Môi trường"),
              ("so-y-te", "Sở Y tế"), ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo"),
              ("so-cong-thuong", "Sở Công Thương"), ("so-van-hoa", "Sở Văn hóa và Thể thao"),
              ("cong-an-tinh", "Công an tỉnh")]
MANAGER = {"ho-tich": 0, "chung-thuc": 0, "cu-tru": 9, "can-cuoc": 9, "dat-dai": 4, "nong-nghiep": 4,
           "xay-dung": 3, "duong-bo": 3, "dang-ky-kinh-doanh": 1, "viec-lam": 2, "bao-tro-xa-hoi": 5,
           "y-te": 5, "giao-duc": 6, "cong-thuong": 7, "van-hoa": 8}
LAST_DATE = dt.date(2026, 1, 1)
# Dossiers a department receives in a month in each field it manages.
DEPARTMENT_MONTHLY = 300
# A province marks a few dozen procedures "thường gặp" whatever its size; a small
# project at most one in four.
COMMON = 40


@dataclass(frozen=True)
class Agency:
    slug: str
    ten: str
    cap: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _agencies(count: int, rng: random.Random) -> list[Agency]:
    """The provincial departments (as many as asked for, at most all), then communes and wards."""
    agencies = [Agency(slug, f"{name} tỉnh mẫu", "tinh") for slug, name in PROVINCIAL[:count]]
    seen = {a.slug for a in agencies}
    while len(agencies) < count:
        kind = rng.choice(["xã", "phường"])
        place = " ".join(rng.sample(PLACE_SYLLABLES, 2))
        slug = _slug(f"{kind} {place}")
        if slug in seen:
            slug = f"{slug}-{len(agencies)}"
        seen.add(slug)
        agencies.append(Agency(slug, f"Ủy ban nhân dân {kind} {place}", "xa"))
    return agencies


def _procedure(code: str, field, agencies: list[Agency], rng: random.Random) -> dict:
    slug, field_name, verbs, objects = field
    verb, obj = rng.choice(verbs), rng.choice(objects)
    qualifier = rng.choice(QUALIFIERS)
    name = " ".join(part for part in (verb, obj, qualifier) if part)
    name = name[0].upper() + name[1:]
    levels = rng.choice([["xa"], ["tinh"], ["tinh", "xa"]])
    days = rng.choice([1, 3, 5, 7, 10, 15, 20, 30])
    managers = [a for a in agencies if a.cap == "tinh"]
    focal = managers[MANAGER[slug] % len(managers)] if managers else None
    # The internal process must fit in the legal limit (8 working hours a day).
    hours = [1, 4, 2, 1] if days == 1 else [2, rng.choice([4, 8]), rng.choice([2, 4]), 2]
    proc = {
        "ma": code,
        "ten": name,
        "tu_khoa": [obj, f"{PLAIN_VERBS.get(verb, verb).lower()} {obj}"],
        "linh_vuc": slug,
        "cap_thuc_hien": levels,
        "doi_tuong": rng.choice([["cong-dan"], ["cong-dan", "nguoi-nuoc-ngoai"], ["to-chuc", "doanh-nghiep"]]),
        "co_quan_thuc_hien": {"tham_quyen": "Ủy ban nhân dân cấp xã" if levels == ["xa"] else _authority(focal, field_name)},
        "cach_thuc": [
            {"hinh_thuc": "truc_tiep", "thoi_han": f"{days:02d} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
             "thoi_han_ngay": days, "phi_le_phi": rng.choice(["Miễn lệ phí", "50.000 đồng/hồ sơ", "100.000 đồng/lần"])},
            {"hinh_thuc": "truc_tuyen", "thoi_han": f"{days:02d} ngày làm việc kể từ ngày hệ thống ghi nhận hồ sơ",
             "thoi_han_ngay": days, "phi_le_phi": "Giảm 50% lệ phí khi nộp trực tuyến"},
        ],
        "trinh_tu": [
            f"Chuẩn bị hồ sơ theo hướng dẫn; điền tờ khai {obj} theo mẫu.",
            "Nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công quốc gia.",
            "Cán bộ tiếp nhận kiểm tra hồ sơ; nếu chưa đủ, hướng dẫn bổ sung một lần, bằng văn bản.",
            f"Cơ quan có thẩm quyền xem xét, giải quyết {obj}.",
            "Nhận kết quả tại nơi nộp hồ sơ, qua bưu chính hoặc trên ứng dụng VNeID.",
        ],
        "thanh_phan_ho_so": [
            {"ten": f"Tờ khai đề nghị {verb.lower()} {obj} (theo mẫu)", "ban_chinh": 1, "ban_sao": 0},
            {"ten": "Giấy tờ tùy thân còn thời hạn (căn cước hoặc hộ chiếu)", "ban_chinh": 0, "ban_sao": 1,
             "ghi_chu": "Xuất trình bản chính để đối chiếu khi nộp trực tiếp."},
            {"ten": "Giấy tờ chứng minh điều kiện theo quy định", "ban_chinh": 0, "ban_sao": rng.randint(1, 2)},
        ],
        "so_bo_ho_so": 1,
        "ket_qua": f"Văn bản chấp thuận {obj}" if rng.random() < 0.5 else f"Giấy xác nhận {obj}",
        "can_cu_phap_ly": [
            {"so_hieu": f"{rng.randint(10, 99)}/{rng.randint(2015, 2024)}/QH{rng.randint(13, 15)}",
             "trich_yeu": f"Luật về {field_name.lower()}", "ngay_ban_hanh": dt.date(2020, 6, 17),
             "co_quan_ban_hanh": "Quốc hội"},
            {"so_hieu": f"{rng.randint(10, 199)}/{rng.randint(2015, 2025)}/NĐ-CP",
             "trich_yeu": f"Nghị định quy định chi tiết về {field_name.lower()}", "ngay_ban_hanh": dt.date(2024, 11, 26),
             "co_quan_ban_hanh": "Chính phủ"},
        ],
        "yeu_cau_dieu_kien": rng.choice(["Không", "Người nộp hồ sơ phải có mặt khi nhận kết quả.",
                                         "Hồ sơ nộp trong thời hạn 15 ngày kể từ ngày phát sinh sự việc."]),
        "quy_trinh_noi_bo": [
            {"buoc": "Tiếp nhận, kiểm tra hồ sơ", "bo_phan": "Bộ phận Một cửa", "vai_tro": "Công chức tiếp nhận",
             "thoi_gian_gio": hours[0]},
            {"buoc": "Thẩm định hồ sơ", "bo_phan": "Phòng chuyên môn", "vai_tro": "Chuyên viên", "thoi_gian_gio": hours[1]},
            {"buoc": "Phê duyệt", "bo_phan": "Lãnh đạo cơ quan", "vai_tro": "Thủ trưởng hoặc cấp phó",
             "thoi_gian_gio": hours[2]},
            {"buoc": "Trả kết quả", "bo_phan": "Bộ phận Một cửa", "vai_tro": "Công chức trả kết quả",
             "thoi_gian_gio": hours[3]},
        ],
        "cap_nhat": LAST_DATE - dt.timedelta(days=rng.randint(0, 500)),
    }
    if focal:
        proc["dau_moi"] = focal.slug
    if rng.random() < 0.6:
        proc["dich_vu_cong"] = {"muc_do": rng.choice(["toan-trinh", "mot-phan"]),
                                "url": f"https://dichvucong.gov.vn/thu-tuc?ma={code}"}
    if rng.random() < 0.3:
        plain = PLAIN_VERBS.get(verb)
        if plain:
            proc["ten_thuong_goi"] = f"{plain} {obj}"
    return proc


def _authority(agency: Agency | None, field_name: str) -> str:
    return agency.ten if agency else f"Cơ quan quản lý {field_name.lower()}"


def _dump(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                              width=120), encoding="utf-8")


def write_site(out: Path, procedures: int, agencies: int, months: int = 0, seed: int = 1) -> None:
    """Write a synthetic project (procedures, fields, agencies) into ``out``."""
    rng = random.Random(seed)
    data = out / "content" / "data"
    procs_dir = out / "procedures"
    for folder in (data, procs_dir):
        folder.mkdir(parents=True, exist_ok=True)
    agency_list = _agencies(agencies, rng)
    provincial = [a for a in agency_list if a.cap == "tinh"]
    _dump(data / "co-quan.yaml", [
        {"slug": a.slug, "ten": a.ten, "cap": a.cap, "dia_chi": f"Trụ sở {a.ten}",
         "dien_thoai": f"0{rng.randint(200, 299)} {rng.randint(1000000, 9999999)}",
         "email": f"{a.slug}@example.gov.vn"} for a in agency_list])
    _dump(data / "linh-vuc.yaml", [
        {"slug": slug, "ten": name, **({"co_quan": provincial[MANAGER[slug] % len(provincial)].slug} if provincial else {})}
        for slug, name, _, _ in FIELDS])
    # Chosen by position, not drawn from rng, so the rest of the data is the same as without it.
    common_every = max(4, procedures // COMMON)
    for number in range(procedures):
        code = f"{1 + number // 900000}.{number % 900000 + 100000:06d}"
        proc = _procedure(code, FIELDS[number % len(FIELDS)], agency_list, rng)
        if number % common_every == 0:
            proc["thuong_gap"] = True
        _dump(procs_dir / f"{code}.yaml", proc)
    if months:
        _write_results(out / "content" / "ket-qua", agency_list, months, rng)


def _month_span(months: int) -> list[str]:
    """The ``months`` months that end with the one before LAST_DATE."""
    after = Month.of(LAST_DATE)
    return [str(month) for month in after.plus(-months).through(after.previous())]


def _write_results(target: Path, agencies: list[Agency], months: int, rng: random.Random) -> None:
    """content/ket-qua/<YYYY-MM>/<co-quan>.yaml for every agency and month."""
    provincial = [a for a in agencies if a.cap == "tinh"]
    span = _month_span(months)
    for agency in agencies:
        if agency.cap == "xa":
            volumes = COMMUNE_VOLUMES
        else:
            volumes = {slug: DEPARTMENT_MONTHLY for slug, _, _, _ in FIELDS
                       if provincial[MANAGER[slug] % len(provincial)] == agency}
        profiles = [Profile(field, volume) for field, volume in volumes.items()]
        for month, report in simulate_agency(rng, agency.slug, profiles, span).items():
            path = target / month / f"{agency.slug}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump(report), encoding="utf-8")
