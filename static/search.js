// The search page: a small UI over Pagefind's API (pagefind.js from the output folder).
"use strict";

(function () {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  // ---------- helpers ------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  // ---------- search -----------------------------------------------------------------
  const search = document.getElementById("search");
  if (search) initSearch(search);

  async function initSearch(root) {
    const form = root.querySelector("form");
    const input = root.querySelector("input[type=search]");
    const status = root.querySelector(".search-status");
    const list = root.querySelector(".search-results");
    const filterBox = root.querySelector(".search-filters");
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    const header = document.getElementById("q");
    if (header) header.value = input.value;
    let pagefind;
    try {
      pagefind = await import(root.dataset.bundle + "pagefind.js");
      await pagefind.options({ baseUrl: root.dataset.base });
    } catch (err) {
      status.textContent = "The search index could not be loaded.";
      return;
    }
    const selects = {};
    const filters = await pagefind.filters();
    for (const name of ["nation", "season", "distance"]) {
      const values = filters[name];
      if (!values || !Object.keys(values).length) continue;
      const id = "filter-" + name;
      const select = el("select", { id, name });
      select.append(el("option", { value: "", text: "Any " + name }));
      for (const v of Object.keys(values).sort(collator.compare)) {
        const opt = el("option", { value: v, text: v });
        if (params.get(name) === v) opt.selected = true;
        select.append(opt);
      }
      selects[name] = select;
      filterBox.append(el("label", { for: id, text: name[0].toUpperCase() + name.slice(1) }), select);
      select.addEventListener("change", run);
    }
    let ticket = 0;
    async function run() {
      const query = input.value.trim();
      const chosen = {};
      for (const [name, select] of Object.entries(selects)) if (select.value) chosen[name] = select.value;
      const next = new URLSearchParams();
      if (query) next.set("q", query);
      for (const [k, v] of Object.entries(chosen)) next.set(k, v);
      history.replaceState(null, "", next.toString() ? "?" + next : location.pathname);
      const mine = ++ticket;
      if (!query && !Object.keys(chosen).length) {
        list.replaceChildren();
        status.textContent = "Type a skater, nation, city or season.";
        return;
      }
      const found = await pagefind.search(query || null, { filters: chosen });
      if (mine !== ticket) return;
      const data = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
      if (mine !== ticket) return;
      status.textContent = found.results.length === 0 ? "No results." :
        found.results.length + (found.results.length === 1 ? " result" : " results") +
        (found.results.length > 30 ? " (showing the first 30)" : "") + ".";
      list.replaceChildren(...data.map((d) => {
        const excerpt = el("p", { class: "excerpt" });
        excerpt.innerHTML = d.excerpt; // Pagefind's excerpt: escaped text with <mark> highlights
        return el("li", {},
          el("a", { href: d.url, text: d.meta.title || d.url }),
          d.meta.kind ? el("span", { class: "kind", text: d.meta.kind }) : null,
          excerpt);
      }));
    }
    let timer;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    run();
  }

})();
