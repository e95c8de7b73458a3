// The search page: queries the site's Pagefind index in the browser, no server.
// Progressive enhancement: without JavaScript the forms lead to the A–Z list.
// The query and the filters live in the address (?q=...&linh_vuc=...), so a
// search can be shared. README.md, "Search", says how results are ranked.

const SITE_ROOT = new URL("../", import.meta.url); // this file is in static/
const PAGE_SIZE = 10;

const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const facetsBox = document.querySelector("[data-search-facets]");
const checkboxes = [...form.elements].filter((control) => control.type === "checkbox");
const facetNames = [...new Set(checkboxes.map((box) => box.name))];
const resultsBox = document.querySelector("[data-search-results]");
const list = document.querySelector("[data-search-list]");
const more = document.querySelector("[data-search-more]");
const status = document.querySelector("[data-search-status]");
const suggestion = document.querySelector("[data-search-suggest]");
const procedureBase = new URL(resultsBox.dataset.procedureUrl, location.href);

const labels = {};
for (const box of checkboxes) {
  (labels[box.name] ??= {})[box.value] = box.dataset.label;
}

let pagefind = null;
let filtersLoaded = false;
let generation = 0;
let shown = { results: [], count: 0, query: "" };
// congkhai.search.record.STATUS_FILTER
const ABOLISHED = ["trang_thai", "bai-bo"];

// Lower case, no tone or vowel marks, đ as d: the form both sides are compared in.
function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}.]*/gu;

function words(text) {
  return [...text.matchAll(WORD)].map((match) => fold(match[0].replace(/\.$/, "")));
}

// The words to mark: the query's words, and words starting with its last word
// while that word is still being typed (no result text has it whole).
function matcher(query, texts) {
  const terms = words(query);
  const last = terms.at(-1);
  const typing = last && !/\s$/.test(query) && !texts.some((text) => words(text).includes(last));
  return (folded) => terms.includes(folded) || (typing && folded.startsWith(last));
}

// The text as nodes, each matching word wrapped in <mark>.
function highlighted(text, matches) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0].replace(/\.$/, "");
    if (matches(fold(word))) {
      nodes.push(document.createTextNode(text.slice(last, match.index)));
      const mark = document.createElement("mark");
      mark.textContent = word;
      nodes.push(mark);
      last = match.index + word.length;
    }
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function link(href, ...children) {
  const a = element("a", "", ...children);
  a.href = href;
  return a;
}

function selectedFilters() {
  const selected = {};
  for (const box of checkboxes) {
    if (box.checked) (selected[box.name] ??= []).push(box.value);
  }
  return selected;
}

// Values of one facet are alternatives (any); different facets must all hold.
function pagefindFilters(selected, except = null) {
  const filters = {};
  for (const [name, values] of Object.entries(selected)) {
    if (name !== except) filters[name] = { any: values };
  }
  return filters;
}

function writeAddress(query, selected) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, values] of Object.entries(selected)) {
    for (const value of values) params.append(name, value);
  }
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  input.value = (params.get("q") || "").normalize("NFC");
  for (const box of checkboxes) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", SITE_ROOT).href);
    await pagefind.options({ excerptLength: 0 });
  }
  return pagefind;
}

// A common procedure's name is also in its data as thuong_gap.
const META_WEIGHTS = { title: 5, thuong_gap: 3, ten_thuong_goi: 4, tu_khoa: 4 };

const marked = (query) => fold(query) !== query.toLowerCase().normalize("NFD");
const plain = (query) => query.toLowerCase().split(/\s+/).filter(Boolean);

// Optional words: they say what is wanted, not which procedure ("xin giấy phép xây dựng" finds
// "Cấp giấy phép xây dựng …"); not "đổi", "lại", which tell procedures apart. Without marks,
// those in AMBIGUOUS are other words too ("can" căn).
const EVERYDAY = [
  "như thế nào", "thế nào", "thủ tục", "hồ sơ", "giấy tờ", "ở đâu", "bao lâu", "bao nhiêu", "trực tuyến",
  "làm", "xin", "cấp", "mới", "cần", "muốn", "nộp", "cách", "gì", "cho", "của", "tôi", "em", "con", "bị", "online",
];
const AMBIGUOUS = new Set(["can", "cho", "con", "moi", "cua", "gi", "em", "bi", "cach"]);
const same = (typed, word) => typed === word || (typed === fold(typed) && typed === fold(word) && !AMBIGUOUS.has(typed));

function withoutEveryday(query) {
  const rest = plain(query);
  for (const phrase of EVERYDAY.map((p) => p.split(" "))) {
    for (let i = 0; i + phrase.length <= rest.length;) {
      if (phrase.every((word, j) => same(rest[i + j], word))) rest.splice(i, phrase.length);
      else i += 1;
    }
  }
  return rest.join(" ");
}

// Pagefind reads its options only once a search's files are in: searches with their own wait in turn.
let queue = Promise.resolve();
function serially(task) {
  const done = queue.then(task);
  queue = done.catch(() => {});
  return done;
}

// ``exact``: only words marked as typed; ``old``: also find which results are abolished.
function searchOnce(query, filters, exact, old) {
  return serially(async () => {
    await pagefind.options({
      exactDiacritics: exact,
      ranking: { diacriticSimilarity: marked(query) ? 2 : 0, metaWeights: META_WEIGHTS },
    });
    const [result, abolished] = await Promise.all([
      pagefind.search(query || null, { filters }),
      old && pagefind.search(query || null, { filters: { ...filters, [ABOLISHED[0]]: ABOLISHED[1] } }),
    ]);
    return { result, exact, old: new Set(old ? abolished.results.map((r) => r.id) : []) };
  });
}

// In force before abolished; then, typed with marks, pages with the words as typed ("sổ đỏ")
// before others ("Sở … đối"); then by the better score, with or without optional words. The
// last search, with fewest words, finds them all: its filter counts are the counts.
async function rankedSearch(query, selected) {
  const filters = pagefindFilters(selected);
  const optional = withoutEveryday(query);
  const queries = optional && optional !== plain(query).join(" ") ? [query, optional] : [query];
  const searches = [];
  for (const q of queries) {
    if (marked(q)) searches.push(await searchOnce(q, filters, true));
    searches.push(await searchOnce(q, filters, false, q === queries.at(-1)));
  }
  const all = searches.at(-1);
  const pages = new Map();
  for (const { result, exact } of searches) {
    for (const r of result.results) {
      const page = pages.get(r.id) || { r, exact, score: 0 };
      page.exact ||= exact;
      page.score = Math.max(page.score, r.score);
      pages.set(r.id, page);
    }
  }
  const tier = (page) => (all.old.has(page.r.id) ? 2 : 0) + (page.exact ? 0 : 1);
  const results = [...pages.values()].sort((a, b) => tier(a) - tier(b) || b.score - a.score).map((page) => page.r);
  const exact = [...pages.values()].filter((page) => page.exact).length;
  return { ...all.result, results, exact, abolished: all.old, counted: queries.at(-1) };
}

function procedureDetails(data, matches) {
  const { meta, filters } = data;
  const parts = [];
  if (meta.ten_thuong_goi) {
    parts.push(element("p", "plain-name", ...highlighted(meta.ten_thuong_goi, matches)));
  }
  const facts = element("p", "meta");
  const fact = (...children) => facts.append(element("span", "", ...children));
  fact("Mã ", ...highlighted(meta.ma, matches));
  if (meta.ma_dia_phuong) fact("Mã địa phương ", ...highlighted(meta.ma_dia_phuong, matches));
  for (const name of ["linh_vuc", "cap", "co_quan", "dich_vu_cong"]) {
    const values = (filters[name] || []).map((value) => labels[name]?.[value] || value);
    if (values.length) fact(values.join(", "));
  }
  parts.push(facts);
  const aliases = (meta.tu_khoa || "").split("; ").filter((alias) => words(alias).some(matches));
  if (aliases.length) {
    parts.push(element("p", "aliases", "Còn gọi là: ", ...highlighted(aliases.join("; "), matches)));
  }
  if (filters.noi_nop) parts.push(element("p", "where", element("strong", "", "Nộp hồ sơ: "), filters.noi_nop[0]));
  if (meta.trang_thai) {
    const since = meta.ngay_bai_bo ? ` từ ngày ${meta.ngay_bai_bo}` : "";
    const note = element("p", "result-warning", `${meta.trang_thai}${since}.`);
    if (meta.thay_the) {
      note.append(" Hãy thực hiện ",
        link(new URL(`${meta.thay_the}/`, procedureBase).href, `thủ tục thay thế (mã ${meta.thay_the})`), ".");
    }
    parts.push(note);
  }
  return parts;
}

function otherDetails(data, matches) {
  const { meta } = data;
  const kind = element("p", "meta", element("span", "", meta.loai || ""));
  if (meta.ngay) kind.append(element("span", "", meta.ngay));
  const parts = [kind];
  if (meta.mo_ta) parts.push(element("p", "", ...highlighted(meta.mo_ta, matches)));
  return parts;
}

function resultItem(data, query) {
  const { meta } = data;
  const matches = matcher(query, [meta.title, meta.ten_thuong_goi, meta.tu_khoa, meta.mo_ta].filter(Boolean));
  const title = element("h2", "result-title", link(data.url, ...highlighted(meta.title || data.url, matches)));
  const details = meta.ma ? procedureDetails(data, matches) : otherDetails(data, matches);
  return element("li", meta.trang_thai ? "result result-abolished" : "result", title, ...details);
}

async function showMore() {
  const start = list.children.length;
  const mine = generation;
  const page = await Promise.all(shown.results.slice(start, start + PAGE_SIZE).map((r) => r.data()));
  if (mine !== generation) return;
  list.append(...page.map((data) => resultItem(data, shown.query)));
  more.hidden = list.children.length >= shown.count;
  return list.children[start];
}

// ``used``: how search-fallback.js found them; it says so itself.
function describe(query, count, selected, used) {
  const filtered = Object.keys(selected).length ? " với bộ lọc đã chọn" : "";
  const what = query ? ` cho “${query}”` : "";
  const found = `${count.toLocaleString("vi-VN")} kết quả`;
  if (!count) {
    return `Không tìm thấy kết quả nào${what}${filtered}. Hãy thử từ khác, bỏ bớt bộ lọc, hoặc tìm theo danh mục bên dưới.`;
  }
  if (used) return used.describe(query, found, filtered);
  return `Tìm thấy ${found}${what}${filtered}.`;
}

// Counts per value: for a facet with a choice made, count as if that facet
// were open, so its other values stay offered as alternatives.
function updateCounts(query, selected, result) {
  return serially(async () => {
    await pagefind.options({ exactDiacritics: false });
    if (!filtersLoaded) {
      // The first search loads only the filters it uses; load all once, then count again.
      await pagefind.filters();
      filtersLoaded = true;
      result = await pagefind.search(query || null, { filters: pagefindFilters(selected) });
    }
    const counts = {};
    for (const name of facetNames) {
      const source = selected[name]
        ? await pagefind.search(query || null, { filters: pagefindFilters(selected, name) })
        : result;
      counts[name] = source.filters?.[name] || {};
    }
    return counts;
  });
}

function showCounts(counts) {
  for (const box of checkboxes) {
    const count = counts?.[box.name]?.[box.value] || 0;
    box.labels[0].querySelector("[data-count]").textContent = counts ? `(${count.toLocaleString("vi-VN")})` : "";
    box.closest(".facet-option").hidden = !count && !box.checked;
  }
  let any = false;
  for (const fieldset of facetsBox.querySelectorAll("fieldset")) {
    fieldset.hidden = ![...fieldset.querySelectorAll(".facet-option")].some((option) => !option.hidden);
    any ||= !fieldset.hidden;
  }
  facetsBox.hidden = !any;
}

async function run() {
  const mine = ++generation;
  const query = input.value.normalize("NFC").trim();
  const selected = selectedFilters();
  writeAddress(query, selected);
  if (!query && !Object.keys(selected).length) {
    list.replaceChildren();
    resultsBox.hidden = true;
    facetsBox.hidden = true;
    suggestion.hidden = true;
    status.textContent = "";
    return;
  }
  facetsBox.setAttribute("aria-busy", "true");
  try {
    await loadPagefind();
    let result = await rankedSearch(query, selected);
    let used = null;
    // Nothing, or nothing as typed with marks ("chợ cấp" meeting "cho"): the fallback may do better.
    const some = result.results.length > 0;
    if (query && (!some || (marked(query) && !result.exact))) {
      const { forgive } = await import("./search-fallback.js");
      const search = (other) => rankedSearch(other, selected);
      [used, result] = (await forgive(query, withoutEveryday(query), search, some)) || [null, result];
    }
    if (mine !== generation) return;
    const typed = input.value.normalize("NFC");
    shown = { results: result.results, count: result.results.length, query: used?.query || typed };
    list.replaceChildren();
    await showMore();
    if (mine !== generation) return;
    resultsBox.hidden = !shown.count;
    list.hidden = !shown.count;
    suggestion.hidden = !used && shown.count > 0;
    status.textContent = describe(query, shown.count, selected, used);
    // Matches of some words have no counts: only ticked filters stay, to be unticked.
    const counts = used?.partial ? null : await updateCounts(result.counted, selected, result);
    if (mine !== generation) return;
    showCounts(counts);
    resultsBox.hidden = !shown.count && facetsBox.hidden;
  } catch (error) {
    if (mine !== generation) return;
    status.textContent = "Chưa tìm được lúc này. Bạn vẫn có thể tìm thủ tục theo danh mục bên dưới.";
    throw error;
  } finally {
    if (mine === generation) facetsBox.removeAttribute("aria-busy");
  }
}

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(run, 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  run();
});
for (const box of checkboxes) box.addEventListener("change", run);
more.addEventListener("click", async () => {
  const first = await showMore();
  first?.querySelector("a")?.focus();
});

readAddress();
run();
