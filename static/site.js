// Progressive enhancement: every page is complete without JavaScript (search.js, h2h.js: their pages).
"use strict";

(function () {
  // ---------- 1. Sortable tables: a button in each column header of <table class="data">.
  // A cell's data-sort (ISO date, number) or else its text is compared, numbers as numbers; a
  // column headed <th data-order> (a calendar's dates) sorts by the order the page lists its rows in.
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    const cell = row.cells[index];
    if (!cell) return "";
    let v = cell.getAttribute("data-sort");
    if (v === null) {
      const time = cell.querySelector("time[datetime]");
      if (time) v = time.getAttribute("datetime");
      else { // a skater or team by name, not by the nation badge before it
        v = cell.textContent;
        for (const badge of cell.querySelectorAll("[class|=nat]")) v = v.replace(badge.textContent, "");
      }
    }
    return v.trim();
  }

  function isNumber(v) {
    return v !== "" && v !== "—" && !isNaN(Number(v));
  }

  function sortTable(table, index, th, listed) {
    const body = table.tBodies[0];
    if (!body) return;
    const rows = Array.from(body.rows);
    const byOrder = th.dataset.order !== undefined;
    const values = rows.map((r) => byOrder ? String(listed.indexOf(r)) : cellValue(r, index));
    const numeric = values.some(isNumber) && values.every((v) => v === "" || isNumber(v));
    const current = th.getAttribute("aria-sort");
    let dir;
    if (current === "ascending") dir = "descending";
    else if (current === "descending") dir = "ascending";
    else dir = th.dataset.sortFirst || (numeric && !byOrder && !/^(#|place|best|rank)$/i.test(th.textContent.trim()) ? "descending" : "ascending");
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
    announce("Sorted by " + th.textContent.trim() + ", " + dir +
      (table.caption ? " (" + table.caption.textContent.trim() + ")" : "") + ".");
    const frag = document.createDocumentFragment();
    for (const item of order) frag.appendChild(item.row);
    body.appendChild(frag);
  }

  // a polite live region says the new order (a change of aria-sort alone is silent in most readers)
  let live = null;
  function announce(text) {
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = text;
  }

  function makeSortable(table) {
    // a numeric column's header is right-aligned by its class in the markup (th.num)
    const rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    if (!table.tHead || rows.length < 2) return;
    const listed = Array.from(rows);
    Array.from(table.tHead.rows[0].cells).forEach((th, index) => {
      if (th.dataset.nosort !== undefined) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", () => sortTable(table, index, th, listed));
    });
  }

  // a table that fits needs no scroll box: its header row then sticks to the window
  function fit() {
    const boxes = Array.from(document.querySelectorAll(".table-scroll"));
    boxes.forEach((b) => b.classList.remove("fits"));
    const fits = boxes.map((b) => b.scrollWidth <= b.clientWidth); // reads, then writes
    boxes.forEach((b, i) => b.classList.toggle("fits", fits[i]));
  }

  document.querySelectorAll("table.data").forEach(makeSortable);
  fit();
  window.siteSortable = (table) => { makeSortable(table); fit(); }; // tables drawn later (h2h.js)

  // ---------- 2. A chart wider than the screen scrolls in its box: then it takes keyboard focus
  function chartFocus() {
    document.querySelectorAll("figure.chart").forEach((f) => {
      if (f.scrollWidth > f.clientWidth) f.tabIndex = 0;
      else f.removeAttribute("tabindex");
    });
  }
  chartFocus();
  window.addEventListener("resize", () => { chartFocus(); fit(); });

})();
