"""The browser side of the dev server: a small script injected into every served HTML page.

It listens to the Server-Sent Events stream at ``/__livereload``. Each event carries the server's
state, ``{"build": token, "error": null | {...}}``: a build token other than the one the page was
served with reloads the page; an error shows an overlay (built with ``textContent`` only, so a
hostile file name or message cannot inject markup); a state without error removes it. The script
is served from ``/__livereload.js`` (same origin, so a page's Content-Security-Policy allowing
``'self'`` scripts does not block it) and is never part of a built site.
"""

from __future__ import annotations

SCRIPT_PATH = "/__livereload.js"
EVENTS_PATH = "/__livereload"
STATUS_PATH = "/__livereload/status"
OVERLAY_ID = "site-gen-error-overlay"

CLIENT_JS = r"""
(() => {
  "use strict";
  const me = document.currentScript;
  const pageBuild = me ? me.dataset.build : "";
  const OVERLAY_ID = "__OVERLAY_ID__";
  let dismissed = null;

  function el(tag, style, text) {
    const node = document.createElement(tag);
    if (style) node.setAttribute("style", style);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clearError() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showError(err) {
    const key = JSON.stringify(err);
    if (dismissed === key) return;
    clearError();
    const box = el("div",
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(24,4,4,.97);color:#fff;font:14px/1.5 ui-monospace,monospace;");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("aria-label", err.title || "Build failed");
    const close = el("button",
      "float:right;font:inherit;padding:.2rem .7rem;cursor:pointer;", "Dismiss");
    close.type = "button";
    close.addEventListener("click", () => { dismissed = key; clearError(); });
    box.appendChild(close);
    box.appendChild(el("h2", "margin:0 0 1rem;font-size:1.3rem;color:#ff8080;",
      err.title || "Build failed"));
    for (const p of err.problems || []) {
      const item = el("div", "margin:0 0 1rem;");
      item.className = "site-gen-problem";
      item.appendChild(el("div", "white-space:pre-wrap;", p.text));
      if (p.source) {
        item.appendChild(el("pre",
          "margin:.3rem 0 0;padding:.4rem .6rem;background:#000;color:#ffd479;" +
          "white-space:pre-wrap;", p.source));
      }
      box.appendChild(item);
    }
    box.appendChild(el("p", "opacity:.75;",
      "The server keeps serving the last good site. Fix the file and save: " +
      "this page reloads by itself."));
    (document.body || document.documentElement).appendChild(box);
  }

  function apply(state) {
    if (state.error) { showError(state.error); return; }
    dismissed = null;
    clearError();
    if (state.build && state.build !== pageBuild) location.reload();
  }

  // Only visible pages hold a stream: browsers allow about six connections per host, so
  // background tabs let go of theirs and catch up (reload if stale) when shown again.
  let source = null;
  function connect() {
    if (source) return;
    source = new EventSource("__EVENTS_PATH__");
    source.addEventListener("state", (event) => apply(JSON.parse(event.data)));
  }
  function disconnect() {
    if (source) { source.close(); source = null; }
  }
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) disconnect(); else connect();
  });
  if (!document.hidden) connect();
})();
""".replace("__OVERLAY_ID__", OVERLAY_ID).replace("__EVENTS_PATH__", EVENTS_PATH)


def script_tag(build: str) -> bytes:
    """The tag injected into HTML pages; ``build`` is the token the page was served with."""
    safe = "".join(c for c in build if c.isalnum() or c in "-_.")
    return f'<script src="{SCRIPT_PATH}" data-build="{safe}"></script>'.encode()


def inject(html: bytes, build: str) -> bytes:
    """Insert the client script before the last ``</body>`` (or at the end of the page)."""
    tag = script_tag(build)
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + tag
    return html[:at] + tag + html[at:]
