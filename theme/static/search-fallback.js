// What the search page tries when a query finds nothing, whole or without its everyday words, or,
// typed with marks, nothing with its words as typed. search.js loads this module only then.
// In order, until one finds:
// 1. the query with one word respelt as it sounds in other regions (dấy -> giấy, chợ cấp -> trợ cấp),
//    the respelling that finds the best match (with the words as typed, if that was missing);
// 2. when the query found nothing: each word but the everyday ones alone, pages with more first.
// The index itself already holds the "đ" typed as "d", "i" for "y", short forms and everyday
// names (congkhai/search/words.py).

// Consonants that sound alike in some regions: at the start of a word, and at its end.
const ONSETS = { gi: ["d", "r"], d: ["gi", "r"], r: ["d", "gi"], s: ["x"], x: ["s"], ch: ["tr"], tr: ["ch"], l: ["n"], n: ["l"] };
const CODAS = { ng: ["n"], n: ["ng"], c: ["t"], t: ["c"] };
const MOST_RESPELLINGS = 12;

const base = (letter) => letter.normalize("NFD")[0];

function words(query) {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

// Other spellings of one word, e.g. "dấy" -> ["giấy", "rấy"].
function respellings(word) {
  const found = [];
  const onset = ["gi", "ch", "tr"].find((o) => word.startsWith(o)) || (/^[drsxln]/.test(word) ? word[0] : "");
  // "n" of "ng", "nh" is another consonant; "gi" before "i" is written "g" ("gìn").
  if (onset && !/^n[gh]/.test(word)) {
    const rest = word.slice(onset.length);
    for (const other of ONSETS[onset]) {
      found.push(other === "gi" && base(rest[0] || "") === "i" ? `g${rest}` : other + rest);
    }
  }
  const coda = ["ng", "n", "c", "t"].find((c) => word.endsWith(c) && !/[cn]h$/.test(word));
  if (coda && word.length > coda.length + 1) {
    for (const other of CODAS[coda]) found.push(word.slice(0, -coda.length) + other);
  }
  return found;
}

// The query with one word respelt, every way, at most MOST_RESPELLINGS of them; ``marked``: only
// words typed with marks. Pagefind passes over a word no page holds, so a respelling counts only
// when some page holds it.
async function respelt(query, search, marked) {
  const parts = words(query);
  const tries = parts.flatMap((word, i) => (marked && word.normalize("NFD") === word && !word.includes("đ") ? []
    : respellings(word).map((other) => [i, other]))).slice(0, MOST_RESPELLINGS);
  const held = await Promise.all(tries.map(async ([, other]) => (await search(other)).results.length > 0));
  return tries.filter((_, k) => held[k]).map(([i, other]) => parts.map((w, j) => (j === i ? other : w)).join(" "));
}

// Of ``queries``, the one whose best result scores highest, among those that find something
// (``exact``: something with the words as typed).
async function best(queries, search, exact) {
  const found = await Promise.all(queries.map(async (query) => [query, await search(query)]));
  const top = ([, result]) => (result.results.length && (!exact || result.exact) ? result.results[0].score : -1);
  const [query, result] = found.reduce((a, b) => (top(b) > top(a) ? b : a), [null, { results: [] }]);
  const describe = (typed, found, filtered) =>
    `Không tìm thấy kết quả nào cho “${typed}”${filtered}. Dưới đây là ${found} cho “${query}”.`;
  return query && top([query, result]) >= 0 ? [{ query, describe }, result] : null;
}

// Each word alone; a page matching more of them comes first, abolished ones last.
async function anyWord(query, search) {
  const parts = [...new Set(words(query))];
  if (parts.length < 2) return null;
  const pages = new Map();
  for (const result of await Promise.all(parts.map((word) => search(word)))) {
    for (const r of result.results) {
      const page = pages.get(r.id) || { r, hits: 0, score: 0, abolished: result.abolished.has(r.id) };
      page.hits += 1;
      page.score = Math.max(page.score, r.score);
      pages.set(r.id, page);
    }
  }
  const ranked = [...pages.values()].sort((a, b) => a.abolished - b.abolished || b.hits - a.hits || b.score - a.score);
  const describe = (typed, found, filtered) =>
    `Không có kết quả nào chứa đủ các từ “${typed}”${filtered}. Dưới đây là ${found} chứa một phần các từ đó.`;
  const used = { query: parts.join(" "), partial: true, describe };
  return ranked.length ? [used, { results: ranked.map((page) => page.r) }] : null;
}

// [used, result]: how better results were found ({query, describe}, partial: true for some words
// only; describe gives the status), or null.
// ``relaxed``: the query without its everyday words; ``some``: the query found something, only
// not with its words as typed.
export async function forgive(query, relaxed, search, some) {
  if (some) return best(await respelt(query, search, true), search, true);
  return (await best(await respelt(query, search, false), search, false)) || anyWord(relaxed || query, search);
}
