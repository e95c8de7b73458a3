"""Make Pagefind's bundle byte-identical from one run to the next.

Pagefind 1.5 writes its filter index in hash-map order, which changes on every
run (its own source says so in a TODO), and the file names and the metadata
file follow from those bytes. This module rewrites exactly those files with
the same content in a fixed order; everything else Pagefind writes is already
stable. The files are gzip-compressed CBOR behind a signature, so a small
CBOR codec for the types Pagefind uses is included.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


# --- CBOR (RFC 8949): unsigned integers, text, byte strings, arrays, null and booleans ---

def _decode(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR item 0x{head:02x}")
    if major == 0:
        return arg, pos
    if major in (2, 3):
        raw = data[pos:pos + arg]
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], pos
    raise ValueError(f"unsupported CBOR item 0x{head:02x}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise ValueError("integer too large")


def _encode(item) -> bytes:
    if item is None or isinstance(item, bool):
        return bytes([0xF6 if item is None else (0xF5 if item else 0xF4)])
    if isinstance(item, int):
        return _head(0, item)
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(_encode(i) for i in item)
    raise TypeError(f"cannot encode {type(item).__name__}")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    item, _ = _decode(data, len(SIGNATURE))
    return item


def _write(folder: Path, prefix: str, suffix: str, item, digits: int) -> str:
    """Write ``item`` under a name made from its own bytes; return the name's hash part."""
    payload = SIGNATURE + _encode(item)
    name = f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def stabilise(bundle: Path) -> None:
    """Rewrite the filter index and metadata of the bundle in ``bundle`` in a fixed order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, index in entry["languages"].items():
        meta_path = bundle / f"pagefind.{index['hash']}.pf_meta"
        version, pages, chunks, filters, sorts, meta_fields = _read(meta_path)
        read = []
        for name, old_hash in sorted(filters):
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(old_path)
            read.append((name, filter_name, sorted([value, sorted(set(nums))] for value, nums in values)))
            old_path.unlink()
        stable_filters = [[name, _write(bundle / "filter", language, ".pf_filter", [filter_name, values], 7)]
                          for name, filter_name, values in read]
        meta = [version, pages, chunks, stable_filters, sorted(sorts), meta_fields]
        meta_path.unlink()
        index["hash"] = _write(bundle, f"pagefind.{language}", ".pf_meta", meta, 10).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
