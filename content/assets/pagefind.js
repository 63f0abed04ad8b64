/* Pagefind in Material's header (see site_overrides/partials/search-pagefind.html).
 * The site's root path is computed from the page's relative base_url, so
 * result links stay right when the site is served from a subpath. */
(function () {
  var script = document.currentScript;
  var root = new URL((script.dataset.baseUrl || ".") + "/", window.location.href).pathname;
  /* A large site's index is in several bundles (generator/site/pagefind.py): pagefind/shards.json
   * lists the others, which Pagefind merges into every search. */
  function start() {
    if (typeof PagefindUI === "undefined") {
      var el = document.getElementById("ba-search");
      if (el) el.textContent = "Search index not built: run `python -m generator.site.pagefind`.";
      return;
    }
    /* no-cache: after a new deploy with another number of shards, a stale list would name a missing one */
    fetch(root + "pagefind/shards.json", { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : { merge: [] }; })
      .catch(function () { return { merge: [] }; })
      .then(function (shards) {
        var merge = shards && Array.isArray(shards.merge) ? shards.merge : [];
        show(merge.filter(function (dir) { return typeof dir === "string" && /^shard-\d+\/$/.test(dir); }));
      });
  }
  function show(others) {
    new PagefindUI({
      element: "#ba-search",
      baseUrl: root,
      mergeIndex: others.map(function (dir) {
        return { bundlePath: root + "pagefind/" + dir, baseUrl: root };
      }),
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      pageSize: 8,
      excerptLength: 24,
      translations: { placeholder: script.dataset.placeholder || "Search" },
    });
    var box = document.querySelector("[data-ba-search]");
    var input = box && box.querySelector("input");
    if (!input) return;
    /* "/" or "s" focuses the search, as with Material's own; Escape closes it. */
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && (ev.key === "/" || ev.key === "s" || ev.key === "S")) {
        ev.preventDefault();
        input.focus();
      } else if (ev.key === "Escape" && t === input) {
        input.blur();
      }
    });
    input.addEventListener("focus", function () { box.classList.add("ba-search--active"); });
    /* A click outside closes the results. The event's path as dispatched, not the target's place now:
     * "Load more results" and the filters re-render on click, so their target is gone from the page
     * by the time the click reaches the document, and would look like a click outside. */
    document.addEventListener("click", function (ev) {
      if (ev.composedPath().indexOf(box) < 0) box.classList.remove("ba-search--active");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
