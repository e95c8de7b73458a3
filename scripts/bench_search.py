"""Search benchmark: indexing time, and the bytes a browser transfers for a first search.

    .venv/bin/python scripts/bench_search.py [--procedures 20000] [--agencies 10] [--keep DIR]

Builds the sample site and a synthetic site (devtools.synthetic) without the
index, then runs the indexer alone to time it. Each site is served on
loopback the way GitHub Pages serves it: text (HTML, CSS, JS, JSON) gzip-
compressed, Pagefind's own files (already compressed) as they are. Debian's
Chromium, with an empty cache, opens the search page with a query in the
address; the bytes are the encoded response bodies and headers of every
request until the first results are shown, then until the facets have counts.
Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import platform
import resource
import shutil
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

from pelican import Pelican
from pelican.settings import read_settings
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's congkhai, wherever the venv points

from congkhai.search.feed import candidate_patterns  # noqa: E402
from congkhai.search.index import BUNDLE_DIR, build_index  # noqa: E402
from devtools.synthetic import write_site  # noqa: E402
from devtools.scratch import scratch_cache  # noqa: E402
QUERIES = ["đăng ký khai sinh", "dang ky khai sinh"]
COMPRESSED_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "application/json")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed on request, like GitHub Pages."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or not kind.startswith(COMPRESSED_TYPES) \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def build_without_index(project: Path) -> tuple[Path, float]:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(project / "content"), "OUTPUT_PATH": str(project / "output"),
        "THEME": str(ROOT / "theme"), "PLUGIN_PATHS": [str(ROOT)],
        "CONGKHAI": {"build_date": "2026-11-23", "sample_data": False, "search": False},
    })
    started = time.perf_counter()
    Pelican(settings).run()
    return project / "output", time.perf_counter() - started


def index(site: Path) -> dict:
    pages = sum(1 for _ in site.rglob("*.html"))
    # Both sites are built with pelicanconf.py, so the same files may carry indexed text.
    took = build_index(site, candidate_patterns(read_settings(str(ROOT / "pelicanconf.py"))))
    bundle = site / BUNDLE_DIR
    return {
        "pages": pages,
        "index_s": took,
        "bundle_mb": sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) / 1e6,
        "files": sum(1 for f in bundle.rglob("*") if f.is_file()),
        # Peak resident memory of the largest child process so far (Pagefind).
        "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def first_search(browser, base: str, query: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    sizes: list[tuple[str, int]] = []

    def finished(request):
        size = request.sizes()
        sizes.append((request.url, size["responseBodySize"] + size["responseHeadersSize"]))

    page.on("requestfinished", finished)
    started = time.perf_counter()
    page.goto(base + "tim-kiem/?" + urlencode({"q": query}))
    page.wait_for_selector("[data-search-status]:not(:empty)")
    shown = time.perf_counter() - started
    page.wait_for_selector("[data-search-facets]:not([hidden])")
    page.wait_for_load_state("networkidle")
    count = page.text_content("[data-search-status]")
    context.close()
    # A search without a ticked facet needs no filter file; the page loads them
    # after the results are shown, for the counts beside each facet value.
    results = [(url, size) for url, size in sizes if f"/{BUNDLE_DIR}/filter/" not in url]
    kb = {part: sum(size for url, size in results if f"/{BUNDLE_DIR}/{part}" in url) / 1000
          for part in ("pagefind.", "wasm", "index/", "fragment/")}
    return {"query": query, "results_kb": sum(size for _, size in results) / 1000, "requests": len(results),
            "parts": kb, "facets_kb": sum(size for _, size in sizes) / 1000, "ms": shown * 1000, "status": count}


def measure(browser, name: str, site: Path, built_s: float) -> list[str]:
    stats = index(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        for query in QUERIES:
            r = first_search(browser, base, query)
            parts = r["parts"]
            rows.append(
                f"| {name} | {stats['pages']:,} | {built_s:.1f} s | {stats['index_s']:.1f} s | {stats['peak_mib']:.0f} MiB "
                f"| {stats['bundle_mb']:.1f} MB | {r['query']} | **{r['results_kb']:.0f} KB** ({r['requests']} requests) "
                f"| {parts['pagefind.']:.0f} / {parts['wasm']:.0f} / {parts['index/']:.0f} / {parts['fragment/']:.0f} KB "
                f"| {r['facets_kb']:.0f} KB | {r['ms']:.0f} ms |")
            print(f"  {name} / {query}: {r['status']}")
    finally:
        server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=20000)
    parser.add_argument("--agencies", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="keep the built sites in this folder")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-search-"))
    work.mkdir(parents=True, exist_ok=True)

    sample = work / "sample"
    shutil.rmtree(sample, ignore_errors=True)
    shutil.copytree(ROOT / "content", sample / "content")
    shutil.copytree(ROOT / "procedures", sample / "procedures")
    synthetic = work / "synthetic"
    shutil.rmtree(synthetic, ignore_errors=True)
    write_site(synthetic, args.procedures, args.agencies, 0, args.seed)

    header = ["| site | HTML pages | build without index | indexing | Pagefind peak memory | index size "
              "| query | first results: transferred | of which Pagefind JS+metadata / WebAssembly / index / results "
              "| with facet counts | time to results |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, project in (("sample", sample), (f"synthetic, {args.procedures:,} procedures", synthetic)):
            output, built_s = build_without_index(project)
            rows += measure(browser, name, output, built_s)
        browser.close()
    print(f"\nMachine: {platform.platform()}, Python {platform.python_version()}")
    print("\n".join(header + rows))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    with scratch_cache():
        main()
