// What the search page tries when a query as typed finds nothing. search.js loads this module
// only then, so a search that finds something never downloads it. In order, until one finds:
// 1. the query without the everyday words that say what is wanted, not which procedure
//    ("cấp đổi căn cước" -> "căn cước"), or with one word respelt as it sounds in other regions
//    (dấy -> giấy, chợ cấp -> trợ cấp), whichever finds the best match;
// 2. the query of 1 without everyday words, respelt;
// 3. each word alone: pages with more of the words first.
// The index itself already holds the "đ" typed as "d", "i" for "y", short forms and everyday
// names (congkhai/search_words.py).

// Words that say what the citizen wants done, not which procedure; phrases before the words they hold.
const EVERYDAY = [
  "như thế nào", "thế nào", "thủ tục", "hồ sơ", "giấy tờ", "ở đâu", "bao lâu", "bao nhiêu", "trực tuyến",
  "làm", "xin", "cấp", "đổi", "lại", "mới", "cần", "muốn", "nộp", "cách", "gì", "cho", "của", "tôi", "em",
  "con", "bị", "online",
];
// Consonants that sound alike in some regions: at the start of a word, and at its end.
const ONSETS = { gi: ["d", "r"], d: ["gi", "r"], r: ["d", "gi"], s: ["x"], x: ["s"], ch: ["tr"], tr: ["ch"], l: ["n"], n: ["l"] };
const CODAS = { ng: ["n"], n: ["ng"], c: ["t"], t: ["c"] };
const MOST_RESPELLINGS = 12;
// Without marks these are other words of procedure names too ("can" căn, "lai" lái, "cua" cửa):
// they are everyday words only when typed with their marks.
const AMBIGUOUS = new Set(["can", "cho", "con", "moi", "cua", "lai", "gi", "em", "bi", "cach"]);

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

// The query with one word respelt, every way, at most MOST_RESPELLINGS of them. Pagefind passes
// over a word no page holds, so a respelling counts only when some page holds it.
async function respelt(query, search) {
  const parts = words(query);
  const tries = parts.flatMap((word, i) => respellings(word).map((other) => [i, other])).slice(0, MOST_RESPELLINGS);
  const held = await Promise.all(tries.map(async ([, other]) => (await search(other)).results.length > 0));
  return tries.filter((_, k) => held[k]).map(([i, other]) => parts.map((w, j) => (j === i ? other : w)).join(" "));
}

const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
// A word typed is an everyday one as written or, typed without marks, without them ("cap" for "cấp").
const same = (typed, word) => typed === word || (typed === fold(typed) && typed === fold(word) && !AMBIGUOUS.has(typed));

function withoutEveryday(query) {
  const rest = words(query);
  for (const phrase of EVERYDAY.map(words)) {
    for (let i = 0; i + phrase.length <= rest.length;) {
      if (phrase.every((word, j) => same(rest[i + j], word))) rest.splice(i, phrase.length);
      else i += 1;
    }
  }
  return rest.join(" ");
}

// The first query of ``queries`` that finds something, the one whose best result scores highest.
async function best(queries, search) {
  const found = await Promise.all(queries.map(async (query) => [query, await search(query)]));
  const top = ([, result]) => result.results[0]?.score ?? -1;
  const [query, result] = found.reduce((a, b) => (top(b) > top(a) ? b : a), [null, { results: [] }]);
  return query && result.results.length ? [{ query }, result] : null;
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
  return ranked.length ? [{ query: parts.join(" "), partial: true }, { results: ranked.map((page) => page.r) }] : null;
}

// [used, result]: how the results were found ({query} or {query, partial: true}), or [null, nothing].
export async function forgive(query, search) {
  const relaxed = withoutEveryday(query);
  const relaxing = relaxed && relaxed !== words(query).join(" ");
  return (await best([...(relaxing ? [relaxed] : []), ...(await respelt(query, search))], search))
    || (relaxing && (await best(await respelt(relaxed, search), search)))
    || (await anyWord(relaxed || query, search))
    || [null, { results: [] }];
}
