"""What each output file depends on, as one key: equal keys, equal bytes.

A page's key hashes the base that every key holds, what names the page (its
URL, template, title, breadcrumbs, last change) and the parts of the data it
shows, which the page itself names (``Page.deps`` in congkhai.pages.page):

- ``listed:<ma>``: what a page that lists or links a procedure may show of it
  (name, code, field, levels, dates...): the procedure without its
  ``OWN_ONLY`` fields; a list page names the procedures it lists, a
  procedure's page the procedures it links (its replacement, those it replaced);
- ``procedures``: the same of every procedure, for the pages that count or
  sort them all (A–Z, search filters, latest updates, the lists of agencies);
- ``commune_desk``: which procedures are filed at every commune's desk (a commune's page counts them);
- ``procedure:<ma>``: the whole file of one procedure, for its own pages;
  ``procedure_files``: every procedure's whole file (the downloads of procedures);
- ``month:<ky>``: the reports of one month; ``months``: all reports;
  ``report:<ky>/<agency>``: one agency's report of one month, for its own pages;
  ``agency_reports:<agency>``: every report of one agency (its results over the months);
  ``field_month:<ky>/<field>``: the reports of one month with rows of one field (that field's page of the month);
- ``all``: every data file.

Everything else a page can read goes into the base: the plugin's code and the
theme, the Pelican settings, the content folder (announcements, pages), the
agencies, fields and life events, the git history of the procedures, and which
agencies reported which fields in which month. Editing a procedure's documents
therefore renders its own pages again and nothing else; renaming it renders
its own pages, the lists it is on, the pages that link it and those that show
every procedure. tests/test_incremental.py checks the parts pages name against
clean builds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .cache import code_fingerprint, digest, tree_digest

# Fields of a procedure that only its own pages (the page, its desk sheet) and
# the downloads show. tests/test_incremental.py checks the claim on clean builds.
OWN_ONLY = frozenset({
    "trinh_tu", "thanh_phan_ho_so", "so_bo_ho_so", "ket_qua", "can_cu_phap_ly", "yeu_cau_dieu_kien",
    "quy_trinh_noi_bo", "truong_hop", "quyet_dinh_cong_bo",
})


def combine(*parts: str) -> str:
    """One hash of several texts."""
    return digest("\0".join(parts).encode())


# The ``listed`` digest of each procedure object of the last build of this process (the live preview's):
# the data cache gives the next build the same objects for the files that did not change, and the models
# are frozen. Keyed by id, with the object itself kept so that an id is never taken for another's.
_LISTED: dict[int, tuple[object, str]] = {}


def _listed(procedures, files: dict[str, str], last: dict[str, str]) -> dict[str, str]:
    """The ``listed`` digest of each procedure; ``files``: the digest of each procedure's file;
    ``last``: the parts of the last build made by this code, whose digest holds for a file that is the same
    (a validated procedure depends on its file and the code only: the data cache holds the same)."""
    listed, remembered = {}, {}
    for proc in procedures:
        known = _LISTED.get(id(proc))
        same_file = files.get(proc.ma) is not None and last.get(f"procedure:{proc.ma}") == files[proc.ma]
        if known and known[0] is proc:
            value = known[1]
        elif same_file and isinstance(last.get(f"listed:{proc.ma}"), str):
            value = last[f"listed:{proc.ma}"]
        else:
            value = digest(proc.model_dump_json(exclude=OWN_ONLY).encode())
        remembered[id(proc)] = (proc, value)
        listed[proc.ma] = value
    _LISTED.clear()
    _LISTED.update(remembered)
    return listed


def data_parts(catalog, files: dict[str, str], saved: dict | None = None) -> dict[str, str]:
    """The digest of each part of the data a page can depend on (see the module's notes);
    ``files``: the digest of each data file by name (``inputs``); ``saved``: what the last build of the
    output recorded (congkhai.build.reuse.Reuse.last), whose parts are reused when the code is the same."""
    config, sources = catalog.config, catalog.sources
    parts: dict[str, str] = {f"procedure:{ma}": d for ma, d in sources.procedures.items()}
    same_code = saved is not None and saved["base"].get("code") == code_fingerprint()
    listed = _listed(catalog.procedures, sources.procedures, saved["parts"] if same_code else {})
    parts.update((f"listed:{ma}", d) for ma, d in listed.items())
    parts["procedures"] = combine(*(f"{ma}={listed[ma]}" for ma in sorted(listed)))
    # Which procedures go to the one-stop desk of every commune: a commune's page counts them.
    parts["commune_desk"] = combine(*sorted(p.ma for p in catalog.commune_desk()))
    parts["procedure_files"] = combine(*sorted(f"{ma}={d}" for ma, d in sources.procedures.items()))
    months: dict[str, list[str]] = {}
    for ky, agency, file_digest in sources.reports:
        months.setdefault(ky, []).append(f"{agency}={file_digest}")
        parts[f"report:{ky}/{agency}"] = file_digest
    for ky, entries in months.items():
        parts[f"month:{ky}"] = combine(*sorted(entries))
    parts["months"] = combine(*(parts[f"month:{ky}"] for ky in sorted(months)))
    report_files = {(ky, agency): file_digest for ky, agency, file_digest in sources.reports}
    of_agency: dict[str, list[str]] = {}
    of_field_month: dict[str, list[str]] = {}
    for r in catalog.reports:
        file_digest = report_files.get((r.ky, r.co_quan), "")
        of_agency.setdefault(r.co_quan, []).append(f"{r.ky}={file_digest}")
        for domain in {row.linh_vuc for row in r.ho_so}:
            of_field_month.setdefault(f"{r.ky}/{domain}", []).append(f"{r.co_quan}={file_digest}")
    parts.update((f"agency_reports:{agency}", combine(*sorted(e))) for agency, e in of_agency.items())
    parts.update((f"field_month:{name}", combine(*sorted(e))) for name, e in of_field_month.items())
    parts["all"] = combine(*sorted(f"{name}={d}" for name, d in files.items()))
    # Which agency reported which fields in which month: links and lists on many pages follow it.
    structure = sorted(f"{r.ky}/{r.co_quan}:{','.join(sorted(row.linh_vuc for row in r.ho_so))}"
                       for r in catalog.reports)
    # Agencies, fields and life events: names and addresses that most pages show.
    data = str(config.data)  # compared as text: every data file passes here
    reference = sorted(f"{path.name}={d}" for path, d in sources.files.items() if os.path.dirname(path) == data)
    parts["base"] = combine(*structure, *reference)
    return parts


def plain_settings(value):
    """Settings as data: what can change the output, without functions and objects."""
    if isinstance(value, dict):
        return {str(k): plain_settings(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain_settings(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return type(value).__name__


def base_parts(settings: dict, catalog, parts: dict) -> dict[str, str]:
    """What every page depends on besides its own parts of the data, by name (congkhai.build.report names them)."""
    config = catalog.config
    changes = json.dumps({code: [(str(c.date), c.summary, c.new, c.fields) for c in changes]
                          for code, changes in sorted(catalog.history.items())}, ensure_ascii=False)
    return {
        "code": code_fingerprint(),
        "theme": tree_digest(Path(settings["THEME"])),
        "settings": digest(json.dumps(plain_settings(settings), ensure_ascii=False).encode()),
        "content": tree_digest(config.content, skip=(config.data, config.results, config.procedures)),
        "history": digest(changes.encode()),
        "reference": parts["base"],
    }


def inputs(catalog) -> dict[str, str]:
    """The digest of each data file, by the path editors see (what the build report lists as changed)."""
    config = catalog.config
    return {config.display(path): d for path, d in catalog.sources.files.items()}
