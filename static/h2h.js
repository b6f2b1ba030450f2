// The head-to-head page: two skaters' JSON (URLs from data attributes), every race both skated.
"use strict";

(function () {
  // ---------- helpers ------------------------------------------------------------------------
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // "2003-10-17" as the site's tables write it: "17 Oct 2003"
  const showDate = (iso) => {
    const [y, m, d] = iso.split("-").map(Number);
    return d + " " + MONTHS[m - 1] + " " + y;
  };

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

  // ---------- head to head ----------------------------------------------------------------
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
          el("td", { "data-sort": ra.date }, el("time", { datetime: ra.date, text: showDate(ra.date) })),
          el("td", {}, el("a", { href: ra.competition_url, text: comps[ra.season + "/" + ra.competition] || ra.competition })),
          el("td", {}, el("a", { href: ra.url, text: ra.category[0].toUpperCase() + ra.category.slice(1) + " " + ra.distance + (ra.number ? ", race " + ra.number : "") })),
          el("td", { class: "num" + (winner === ja ? " ahead" : ""), "data-sort": ra.place == null ? 999 : ra.place, text: place(ra) }),
          el("td", { class: "num" + (winner === jb ? " ahead" : ""), "data-sort": rb.place == null ? 999 : rb.place, text: place(rb) }),
          el("td", { text: winner ? winner.name : "level" })))));
      out.replaceChildren(summary, el("div", { class: "table-scroll" }, table));
      if (window.siteSortable) window.siteSortable(table);
    }
  }
})();
