"""``invoke new-procedure``: the commented skeleton of a new procedure, its code and field filled in."""

from __future__ import annotations

from pelican.settings import read_settings

from .config import from_settings
from .schema import Code, Domain, Slug, Text
from .scaffold import NewFile


def new_procedure(settings_file: str, ma: str, linh_vuc: str, ten: str | None = None) -> int:
    """Write ``procedures/<ma>.yaml``; refuses a malformed code, an unknown field and an existing file."""
    config = from_settings(read_settings(settings_file))
    new = NewFile("invoke new-procedure", config)
    new.check_options([("--ma", Code, ma), ("--linh-vuc", Slug, linh_vuc)]
                      + ([("--ten", Text, ten)] if ten is not None else []))
    new.look_up("--linh-vuc", linh_vuc, "domain", "linh-vuc.yaml", Domain)
    path = config.procedures / f"{ma}.yaml"
    new.refuse_existing(path, "Hãy sửa tệp đó, hoặc chọn mã khác.")
    if new.refused():
        return 1
    values = {"ma": ma, "ten": ten, "linh_vuc": linh_vuc, "cap_nhat": config.build_date}
    return new.write(path, "procedure", {k: v for k, v in values.items() if v is not None},
                     f"Thủ tục {ma}, tạo bằng lệnh invoke new-procedure.", "Hãy điền các trường còn trống")
