// The search page: fetches the static index (api/search.json, built from the model by
// site_gen/searchindex.py) once; every query word must start at the start of a word of an entry
// (and may run on over the next: 'hyunsoo' finds 'Hyun-soo'). The best match comes first.
"use strict";

(function () {
  const root = document.getElementById("search");
  if (!root) return;

  // ---------- folding, as site_gen.slugs.fold then lowercase: 'Bédard' → 'bedard' ---------------
  const SPECIAL = { "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "œ": "oe", "Œ": "OE", "ı": "i" };
  const SPECIAL_RE = new RegExp("[" + Object.keys(SPECIAL).join("") + "]", "g");
  function words(text) {
    const folded = text.replace(SPECIAL_RE, (c) => SPECIAL[c]).normalize("NFKD")
      .replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return folded.match(/[a-z0-9]+/g) || [];
  }

  // words run together, with where each starts: a query word matches from the start of any word
  // and may run on over the next ones ('hyunsoo', 'ahnhyunsoo' in 'ahn hyun soo')
  function joined(ws) {
    const starts = [];
    let at = 0;
    for (const w of ws) { starts.push(at); at += w.length; }
    return { all: ws.join(""), starts };
  }
  const found = (t, q) => t.starts.some((at) => t.all.startsWith(q, at));
  const whole = (t, q) => t.starts.some((at) => t.all.startsWith(q, at) &&
    (at + q.length === t.all.length || t.starts.includes(at + q.length)));
  // how well a query matches one name: 0 the whole name, 1 its start, 2 whole words of it,
  // 3 starts of its words, 4 not this name (another name, the slug, a rink)
  function tier(t, query, key) {
    if (t.all === key) return 0;
    if (t.all.startsWith(key)) return 1;
    if (query.every((q) => whole(t, q)) || whole(t, key)) return 2;
    if (query.every((q) => found(t, q)) || found(t, key)) return 3;
    return 4;
  }
  const dashed = (sid) => sid.replace("-", "\u2013");
  const count = (n, one) => n + " " + one + (n === 1 ? "" : "s");

  const KINDS = { skater: "Skater", nation: "Nation", venue: "Venue",
    competition: "World Cup stop", season: "Season" };
  const TYPES = Object.keys(KINDS);
  const FILTERS = [["nation", "Nation", "Any nation"], ["season", "Season", "Any season"],
    ["distance", "Distance", "Any distance"]];
  const LIMIT = 50;
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const filterBox = root.querySelector(".search-filters");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const header = document.getElementById("q");
  if (header) header.value = input.value;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  status.textContent = "Loading the search index…";
  fetch(root.dataset.index)
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(start, () => { status.textContent = "The search index could not be loaded."; });

  function start(index) {
    const nationNames = Object.fromEntries(index.nations);
    const entries = index.entries.map((e, i) => {
      const aka = e[9] || [];
      return { i, type: e[0], label: e[1], url: e[2], text: joined(e[3].split(" ")), nations: e[4],
        seasons: e[5], distances: e[6], podiums: e[7] || 0, wins: e[8] || 0, aka,
        names: [e[1], ...aka].map((n) => joined(words(n))) };
    });
    // filter options: [value, text]; entries hold season and distance numbers
    const byName = new Intl.Collator("en").compare;
    const options = {
      nation: index.nations.slice().sort((a, b) => byName(a[1], b[1])),
      season: index.seasons.map((s) => [s, s]).reverse(),
      distance: index.distances,
    };
    const selects = {};
    for (const [name, text, any] of FILTERS) {
      if (!options[name].length) continue;
      const select = el("select", { id: "filter-" + name, name });
      select.append(el("option", { value: "", text: any }));
      for (const [value, label] of options[name]) {
        const opt = el("option", { value, text: label });
        if (params.get(name) === value) opt.selected = true;
        select.append(opt);
      }
      selects[name] = select;
      filterBox.append(el("label", { for: select.id }, el("span", { text }), select)); // one unit: never split over two lines
      select.addEventListener("change", run);
    }

    function matches(e, query, key, chosen) {
      if (chosen.nation && !e.nations.includes(chosen.nation)) return false;
      if (chosen.season >= 0 && !e.seasons.includes(chosen.season)) return false;
      if (chosen.distance >= 0 && !e.distances.includes(chosen.distance)) return false;
      return query.every((q) => found(e.text, q)) || found(e.text, key);
    }

    // what tells namesakes apart: nations, seasons raced, podiums (then their other names)
    function context(e) {
      const meta = e.nations.map((c) => nationNames[c] || c);
      if (e.type !== "skater") return meta;
      const s = e.seasons.map((n) => dashed(index.seasons[n]));
      if (s.length) meta.push(s.length === 1 ? s[0] : s[0] + " to " + s[s.length - 1]);
      const wins = e.wins ? " (" + count(e.wins, "win") + ")" : "";
      meta.push(e.podiums ? count(e.podiums, "podium") + wins : "no podiums");
      if (e.aka.length) meta.push("also " + e.aka.join(", "));
      return meta;
    }

    function run() {
      const query = words(input.value);
      const next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      for (const [name, select] of Object.entries(selects)) if (select.value) next.set(name, select.value);
      history.replaceState(null, "", next.toString() ? "?" + next : location.pathname);
      if (!query.length && !Object.values(selects).some((s) => s.value)) {
        list.replaceChildren();
        status.textContent = "Type a skater, nation, city or season.";
        return;
      }
      const chosen = {
        nation: selects.nation ? selects.nation.value : "",
        season: selects.season ? index.seasons.indexOf(selects.season.value) : -1,
        distance: selects.distance ? index.distances.findIndex((d) => d[0] === selects.distance.value) : -1,
      };
      const key = query.join("");
      const hits = [];
      for (const e of entries) {
        if (!matches(e, query, key, chosen)) continue;
        // the best match first: the whole name, its start, whole words, starts of words, the
        // rest; then skaters, nations, venues, stops, seasons; then the most podiums and wins
        const t = key ? Math.min(...e.names.map((n) => tier(n, query, key))) : 4;
        hits.push([t, e]);
      }
      hits.sort((a, b) => a[0] - b[0] || TYPES.indexOf(a[1].type) - TYPES.indexOf(b[1].type) ||
        b[1].podiums - a[1].podiums || b[1].wins - a[1].wins ||
        b[1].seasons.length - a[1].seasons.length || a[1].i - b[1].i);
      const n = hits.length;
      status.textContent = n === 0 ? "No results." : n + (n === 1 ? " result" : " results") +
        (n > LIMIT ? " (showing the first " + LIMIT + ")" : "") + ".";
      list.replaceChildren(...hits.slice(0, LIMIT).map(([, e]) => {
        const meta = context(e);
        return el("li", {}, el("a", { href: e.url, text: e.label }),
          el("span", { class: "kind", text: KINDS[e.type] || e.type }),
          meta.length ? el("p", { class: "excerpt", text: meta.join(" · ") }) : "");
      }));
    }

    let timer;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 100); });
    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    run();
  }
})();
