// Progressive enhancement: every page is complete without JavaScript.
// 1. sortable tables  2. the search page (Pagefind)  3. the head-to-head page.
"use strict";

(function () {
  // ---------- 1. Sortable tables -------------------------------------------------------------
  // Every <table class="sortable"> gets a button in each column header. Cells may carry
  // data-sort (a machine value: ISO date, number); otherwise the cell text is compared.
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    const cell = row.cells[index];
    if (!cell) return "";
    const v = cell.getAttribute("data-sort");
    return (v !== null ? v : cell.textContent).trim();
  }

  function isNumber(v) {
    return v !== "" && v !== "—" && !isNaN(Number(v));
  }

  function sortTable(table, index, th) {
    const body = table.tBodies[0];
    if (!body) return;
    const rows = Array.from(body.rows);
    const values = rows.map((r) => cellValue(r, index));
    const numeric = values.some(isNumber) && values.every((v) => v === "" || isNumber(v));
    const current = th.getAttribute("aria-sort");
    let dir;
    if (current === "ascending") dir = "descending";
    else if (current === "descending") dir = "ascending";
    else dir = th.dataset.sortFirst || (numeric && !/^(#|place|best|rank)$/i.test(th.textContent.trim()) ? "descending" : "ascending");
    const sign = dir === "ascending" ? 1 : -1;
    const order = rows.map((row, i) => ({ row, i, v: values[i] }));
    order.sort((a, b) => {
      if (a.v === "" && b.v !== "") return 1; // empty cells always last
      if (b.v === "" && a.v !== "") return -1;
      const c = numeric ? Number(a.v) - Number(b.v) : collator.compare(a.v, b.v);
      return c !== 0 ? sign * c : a.i - b.i;
    });
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
    const frag = document.createDocumentFragment();
    for (const item of order) frag.appendChild(item.row);
    body.appendChild(frag);
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) return;
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((th, index) => {
      if (th.dataset.nosort !== undefined) return;
      const first = table.tBodies[0].rows[0].cells[index];
      if (first && first.classList.contains("num")) th.classList.add("num");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", () => sortTable(table, index, th));
    });
    table.classList.add("is-sortable");
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);

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

  function ordinal(n) {
    const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th";
    return n + s;
  }

  // ---------- 2. Search page -----------------------------------------------------------------
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

  // ---------- 3. Head to head ----------------------------------------------------------------
  const h2h = document.getElementById("h2h");
  if (h2h) initHeadToHead(h2h);

  async function initHeadToHead(form) {
    const out = document.getElementById("h2h-result");
    const comps = JSON.parse(document.getElementById("h2h-data").textContent);
    let skaters = [];
    try {
      const res = await fetch(form.dataset.index);
      skaters = (await res.json()).skaters;
    } catch (err) {
      out.textContent = "The skater list could not be loaded.";
      return;
    }
    const bySlug = new Map(skaters.map((s) => [s.slug, s]));
    const byName = new Map();
    for (const s of skaters) {
      for (const n of [s.name, ...(s.other_names || [])]) byName.set(fold(n), s);
      byName.set(fold(s.name + " (" + s.nation + ")"), s);
    }
    function fold(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    }
    function find(value) {
      const v = fold(value);
      return bySlug.get(v) || byName.get(v) || null;
    }
    const params = new URLSearchParams(location.search);
    const [inA, inB] = [form.elements.a, form.elements.b];
    if (params.get("a") && bySlug.get(params.get("a"))) inA.value = bySlug.get(params.get("a")).name;
    if (params.get("b") && bySlug.get(params.get("b"))) inB.value = bySlug.get(params.get("b")).name;
    form.addEventListener("submit", (e) => { e.preventDefault(); compare(true); });
    if (inA.value && inB.value) compare(false);

    async function compare(push) {
      const a = find(inA.value), b = find(inB.value);
      if (!a || !b) {
        out.replaceChildren(el("p", { class: "error", text: "Pick both skaters from the list (" +
          [!a ? "first" : null, !b ? "second" : null].filter(Boolean).join(" and ") + " not found)." }));
        return;
      }
      if (a.slug === b.slug) {
        out.replaceChildren(el("p", { class: "error", text: "Pick two different skaters." }));
        return;
      }
      if (push) history.replaceState(null, "", "?a=" + encodeURIComponent(a.slug) + "&b=" + encodeURIComponent(b.slug));
      out.replaceChildren(el("p", { text: "Loading…" }));
      let ja, jb;
      try {
        [ja, jb] = await Promise.all([a, b].map((s) => fetch(s.api).then((r) => r.json())));
      } catch (err) {
        out.replaceChildren(el("p", { class: "error", text: "The results could not be loaded." }));
        return;
      }
      render(ja, jb);
    }

    function key(r) {
      return [r.season, r.competition, r.date, r.category, r.distance, r.number || 0].join("|");
    }

    function render(ja, jb) {
      const mapB = new Map(jb.results.map((r) => [key(r), r]));
      const rows = [];
      let aheadA = 0, aheadB = 0;
      for (const ra of ja.results) {
        const rb = mapB.get(key(ra));
        if (!rb) continue;
        let winner = null;
        const pa = ra.place == null ? Infinity : ra.place, pb = rb.place == null ? Infinity : rb.place;
        if (pa < pb) { winner = ja; aheadA++; } else if (pb < pa) { winner = jb; aheadB++; }
        rows.push({ ra, rb, winner });
      }
      const summary = el("p", { class: "h2h-summary" });
      if (!rows.length) {
        summary.textContent = ja.name + " and " + jb.name + " never raced in the same World Cup race.";
        out.replaceChildren(summary);
        return;
      }
      summary.append(el("strong", { text: ja.name }), " finished ahead " + aheadA + "×, ",
        el("strong", { text: jb.name }), " " + aheadB + "× in " + rows.length +
        (rows.length === 1 ? " race" : " races") + " both skated.");
      const place = (r) => r.place != null ? ordinal(r.place) : (r.status || "—");
      const table = el("table", { class: "data sortable" },
        el("caption", { text: ja.name + " vs " + jb.name }),
        el("thead", {}, el("tr", {},
          el("th", { scope: "col", text: "Date" }), el("th", { scope: "col", text: "Stop" }),
          el("th", { scope: "col", text: "Race" }), el("th", { scope: "col", text: ja.name }),
          el("th", { scope: "col", text: jb.name }), el("th", { scope: "col", text: "Ahead" }))),
        el("tbody", {}, ...rows.map(({ ra, rb, winner }) => el("tr", {},
          el("td", { "data-sort": ra.date, text: ra.date }),
          el("td", {}, el("a", { href: ra.competition_url, text: comps[ra.season + "/" + ra.competition] || ra.competition })),
          el("td", {}, el("a", { href: ra.url, text: ra.category[0].toUpperCase() + ra.category.slice(1) + " " + ra.distance + (ra.number ? " (" + ra.number + ")" : "") })),
          el("td", { class: "num" + (winner === ja ? " ahead" : ""), "data-sort": ra.place == null ? 999 : ra.place, text: place(ra) }),
          el("td", { class: "num" + (winner === jb ? " ahead" : ""), "data-sort": rb.place == null ? 999 : rb.place, text: place(rb) }),
          el("td", { text: winner ? winner.name : "level" })))));
      out.replaceChildren(summary, el("div", { class: "table-scroll" }, table));
      makeSortable(table);
    }
  }
})();
