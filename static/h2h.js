// The head-to-head page: two skaters' JSON (URLs from data attributes), every race they skated
// against each other (relays in the same team apart). A race whose classification is "podium"
// lists its podium only: there two skaters are known to have met only when both were on it,
// and a pair absent from each other's podiums may still have raced (never "never raced").
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
    // a name two skaters share (namesakes) finds neither: "Name (NAT)" or the slug does
    const labels = (s) => [s.name, s.name + " (" + s.nation + ")",
      s.name + " (" + s.nation + ", " + s.slug + ")"];  // as the page's list writes them
    const names = (s) => new Set([...labels(s), ...(s.other_names || [])].map(fold));
    const owners = new Map();
    for (const s of skaters) for (const n of names(s)) owners.set(n, (owners.get(n) || 0) + 1);
    const byName = new Map();
    for (const s of skaters) for (const n of names(s)) if (owners.get(n) === 1) byName.set(n, s);
    const label = (s) => labels(s).find((n) => owners.get(fold(n)) === 1) || s.slug;
    function fold(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    }
    function find(value) {
      const v = fold(value);
      return bySlug.get(v) || byName.get(v) || null;
    }
    const params = new URLSearchParams(location.search);
    const [inA, inB] = [form.elements.a, form.elements.b];
    if (params.get("a") && bySlug.get(params.get("a"))) inA.value = label(bySlug.get(params.get("a")));
    if (params.get("b") && bySlug.get(params.get("b"))) inB.value = label(bySlug.get(params.get("b")));
    form.addEventListener("submit", (e) => { e.preventDefault(); compare(true); });
    if (inA.value && inB.value) compare(false);

    async function compare(push) {
      const a = find(inA.value), b = find(inB.value);
      if (!a || !b) {
        const shared = [inA, inB].filter((i, k) => ![a, b][k] && owners.get(fold(i.value)) > 1);
        out.replaceChildren(el("p", { class: "error", text: shared.length
          ? shared[0].value + " is the name of " + owners.get(fold(shared[0].value)) +
            " skaters: pick one from the list (with the nation)."
          : "Pick both skaters from the list (" + [!a ? "first" : null, !b ? "second" : null]
            .filter(Boolean).join(" and ") + " not found)." }));
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

    // A relay both are named in is a race against each other only when their teams differ;
    // in the same team (same nation) they skated together, and neither finished ahead.
    const together = (ra, rb) => ra.relay && rb.relay && ra.nation === rb.nation;

    // "2003-04" as headings write it: "2003–04"
    const seasonLabel = (sid) => sid.replace("-", "\u2013");
    const list = (items) => items.length < 2 ? items.join("")
      : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];

    function render(ja, jb) {
      const mapB = new Map(jb.results.map((r) => [key(r), r]));
      const full = [], podium = [], same = [];
      let aheadA = 0, aheadB = 0;
      for (const ra of ja.results) {
        const rb = mapB.get(key(ra));
        if (!rb) continue;
        if (together(ra, rb)) { same.push(ra); continue; }
        let winner = null;
        const pa = ra.place == null ? Infinity : ra.place, pb = rb.place == null ? Infinity : rb.place;
        if (pa < pb) winner = ja; else if (pb < pa) winner = jb;
        if (ra.classification === "full") {
          if (winner === ja) aheadA++; else if (winner === jb) aheadB++;
          full.push({ ra, rb, winner });
        } else podium.push({ ra, rb, winner });
      }
      // the seasons in which either skater's results are podiums only
      const unrecorded = [...new Set([...ja.results, ...jb.results]
        .filter((r) => r.classification !== "full").map((r) => r.season))].sort().map(seasonLabel);
      const place = (r) => r.place != null ? ordinal(r.place) + (r.status ? " " + r.status : "")
        : (r.status || "—");
      const stopCell = (r) => el("td", {}, el("a", { href: r.competition_url, text: comps[r.season + "/" + r.competition] || r.competition }));
      const raceCell = (r) => el("td", {}, el("a", { href: r.url, text: r.category[0].toUpperCase() + r.category.slice(1) + " " + r.distance + (r.number ? ", race " + r.number : "") }));
      const dateCell = (r) => el("td", { "data-sort": r.date }, el("time", { datetime: r.date, text: showDate(r.date) }));
      const table = (caption, rows) => el("div", { class: "table-scroll" }, el("table", { class: "data" },
        el("caption", { text: caption }),
        el("thead", {}, el("tr", {},
          el("th", { scope: "col", text: "Date" }), el("th", { scope: "col", text: "Stop" }),
          el("th", { scope: "col", text: "Race" }), el("th", { scope: "col", class: "num", text: ja.name }),
          el("th", { scope: "col", class: "num", text: jb.name }), el("th", { scope: "col", text: "Ahead" }))),
        el("tbody", {}, ...rows.map(({ ra, rb, winner }) => el("tr", {},
          dateCell(ra), stopCell(ra), raceCell(ra),
          el("td", { class: "num" + (winner === ja ? " ahead" : ""), "data-sort": ra.place == null ? 999 : ra.place, text: place(ra) }),
          el("td", { class: "num" + (winner === jb ? " ahead" : ""), "data-sort": rb.place == null ? 999 : rb.place, text: place(rb) }),
          el("td", { text: winner ? winner.name : "level" }))))));
      const summary = el("p", { class: "h2h-summary" });
      const parts = [summary];
      if (full.length) {
        summary.append(el("strong", { text: ja.name }), " finished ahead " + aheadA + "×, ",
          el("strong", { text: jb.name }), " " + aheadB + "× in " + full.length +
          (full.length === 1 ? " race" : " races") + " against each other" +
          (unrecorded.length ? " with full results." : "."));
        parts.push(table(ja.name + " vs " + jb.name, full));
      }
      // men and women race each other only in mixed relays: skaters of two categories never met
      const cats = (j) => new Set(j.results.filter((r) => r.category !== "mixed").map((r) => r.category));
      const catsB = cats(jb);
      const shareCategory = [...cats(ja)].some((c) => catsB.has(c));
      if (podium.length || (unrecorded.length && shareCategory)) {
        const met = ja.name + " and " + jb.name + " met on the podium " + podium.length +
          (podium.length === 1 ? " time" : " times") + " in " + list(unrecorded) +
          ": results below the podium are not recorded for " +
          (unrecorded.length === 1 ? "that season" : "those seasons") +
          ", so their other races against each other are not known.";
        if (full.length) parts.push(el("p", { class: "h2h-podium", text: met }));
        else summary.textContent = met;
        if (podium.length) parts.push(table(ja.name + " and " + jb.name + " on the podium together", podium));
      } else if (!full.length) {
        summary.textContent = ja.name + " and " + jb.name + " never raced against each other in a World Cup race.";
      }
      if (same.length) {
        const counted = full.length + podium.length;
        parts.push(el("p", { class: "h2h-together", text: (counted ? "They also skated " : "They skated ") +
          same.length + (same.length === 1 ? " relay" : " relays") + " in the same team" +
          (counted ? " (not counted above)." : ".") }));
        parts.push(el("div", { class: "table-scroll" }, el("table", { class: "data" },
          el("caption", { text: "Relays " + ja.name + " and " + jb.name + " skated together" }),
          el("thead", {}, el("tr", {},
            el("th", { scope: "col", text: "Date" }), el("th", { scope: "col", text: "Stop" }),
            el("th", { scope: "col", text: "Race" }), el("th", { scope: "col", text: "Team" }),
            el("th", { scope: "col", class: "num", text: "Place" }))),
          el("tbody", {}, ...same.map((r) => el("tr", {},
            dateCell(r), stopCell(r), raceCell(r), el("td", { text: r.name }),
            el("td", { class: "num", "data-sort": r.place == null ? 999 : r.place, text: place(r) })))))));
      }
      out.replaceChildren(...parts);
      if (window.siteSortable) for (const t of out.querySelectorAll("table")) window.siteSortable(t);
    }
  }
})();
