"""What editors should fix in one file though the site can be built: warnings found with its validation.

They depend on the file alone, so the loader finds them while the file's
lines are at hand and keeps them with its validated objects in the build
cache (congkhai.build.cache): a build that takes the file from the cache
repeats them without reading the file again. Checks across files stay in
congkhai.crossref.
"""

from __future__ import annotations

from .schema import Procedure

ONLINE_WITHOUT_ADDRESS = ("có cách nộp trực tuyến nhưng thủ tục chưa có dich_vu_cong; hãy thêm dich_vu_cong "
                          "(muc_do, url) để người dân biết nộp trực tuyến ở đâu")


def notices_of(item) -> list[tuple[tuple, str]]:
    """The warnings about one validated object, as (its field's path, message)."""
    return _online_without_address(item) if isinstance(item, Procedure) else []


def _online_without_address(proc: Procedure) -> list[tuple[tuple, str]]:
    """A procedure in force with an online channel but no address to file online at.

    A warning, not an error: records of the national database often lack the
    address, and the channel they publish is still true.
    """
    online = _first_online_channel(proc)
    return [(online, ONLINE_WITHOUT_ADDRESS)] if online and not proc.dich_vu_cong and proc.in_force else []


def _first_online_channel(proc) -> tuple | None:
    """The path of the first channel, of the procedure or of a case, that is online."""
    lists = [(("cach_thuc",), proc.cach_thuc)]
    lists += [(("truong_hop", i, "cach_thuc"), case.cach_thuc) for i, case in enumerate(proc.truong_hop or [])]
    for path, ways in lists:
        for i, way in enumerate(ways or []):
            if way.hinh_thuc == "truc_tuyen":
                return path + (i, "hinh_thuc")
    return None
