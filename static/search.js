// The search page: fetches the static index (api/search.json, built from the model by
// site_gen/searchindex.py) once; every query word must be the start of a word of an entry.
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

  const KINDS = { skater: "Skater", nation: "Nation", venue: "Venue",
    competition: "World Cup stop", season: "Season" };
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
    const entries = index.entries.map((e, i) => ({
      i, type: e[0], label: e[1], url: e[2], words: e[3].split(" "), nations: e[4],
      seasons: e[5], distances: e[6], note: e[7] || "", labelKey: words(e[1]).join(" "),
    }));
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

    function matches(e, query, chosen) {
      if (chosen.nation && !e.nations.includes(chosen.nation)) return false;
      if (chosen.season >= 0 && !e.seasons.includes(chosen.season)) return false;
      if (chosen.distance >= 0 && !e.distances.includes(chosen.distance)) return false;
      return query.every((q) => e.words.some((w) => w.startsWith(q)));
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
      const key = query.join(" ");
      const found = [];
      for (const e of entries) {
        if (!matches(e, query, chosen)) continue;
        // rank: the whole label, then the start of the label, then anything else
        const tier = !key ? 2 : e.labelKey === key ? 0 : e.labelKey.startsWith(key) ? 1 : 2;
        found.push([tier, e]);
      }
      found.sort((a, b) => a[0] - b[0] || a[1].i - b[1].i);
      const n = found.length;
      status.textContent = n === 0 ? "No results." : n + (n === 1 ? " result" : " results") +
        (n > LIMIT ? " (showing the first " + LIMIT + ")" : "") + ".";
      list.replaceChildren(...found.slice(0, LIMIT).map(([, e]) => {
        const meta = e.nations.map((c) => nationNames[c] || c);
        if (e.note) meta.push(e.note);
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
