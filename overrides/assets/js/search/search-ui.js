/*
 * The portal's search box: loads lunr.js, the stemmer, the engine and this language's search data
 * on first focus, then shows ranked results with type, description and audiences, and facets by
 * content type, audience and topic. Loaded with <script defer>; no inline script, no other host.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var FACETS = [["type", "type"], ["audience", "audiences"], ["topic", "topics"]];

  var box = document.querySelector("[data-portal-search]");
  if (!box) return;
  var input = box.querySelector("[data-portal-search-input]");
  var form = box.querySelector("form");
  var panel = box.querySelector("[data-portal-search-panel]");
  var status = box.querySelector("[data-portal-search-status]");
  var list = box.querySelector("[data-portal-search-results]");
  var facetBox = box.querySelector("[data-portal-search-facets]");
  var more = box.querySelector("[data-portal-search-more]");
  var closeButton = box.querySelector("[data-portal-search-close]");

  var state = { engine: null, loading: null, hits: [], shown: PAGE_SIZE, selected: {}, timer: 0 };
  FACETS.forEach(function (f) { state.selected[f[0]] = {}; });

  function t(key, values) {
    var text = box.getAttribute("data-t-" + key) || "";
    for (var name in values || {}) text = text.split("{" + name + "}").join(values[name]);
    return text;
  }

  // Downloaded in parallel, run in order (async = false), as external files (no inline script).
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function load() {
    if (state.loading) return state.loading;
    var scripts = box.getAttribute("data-scripts").split(/\s+/).filter(Boolean);
    var data = fetch(box.getAttribute("data-index"), { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("search data: HTTP " + r.status);
      return r.json();
    });
    var code = Promise.all(scripts.map(loadScript));
    state.loading = Promise.all([data, code]).then(function (results) {
      state.engine = new window.PortalSearchEngine.Engine(results[0]);
      box.setAttribute("data-portal-search-ready", "");
      return state.engine;
    });
    state.loading.catch(function () {
      state.loading = null;
      status.textContent = t("failed");
    });
    return state.loading;
  }

  function open() {
    panel.hidden = false;
    box.classList.add("portal-search--open");
  }

  function close() {
    panel.hidden = true;
    box.classList.remove("portal-search--open");
  }

  function label(kind, id) {
    var labels = state.engine.labels[kind] || {};
    return labels[id] || id;
  }

  function values(doc, kind) {
    var field = FACETS.filter(function (f) { return f[0] === kind; })[0][1];
    var value = doc[field];
    return Array.isArray(value) ? value : [value];
  }

  function passes(doc, except) {
    return FACETS.every(function (f) {
      var kind = f[0];
      if (kind === except) return true;
      var chosen = Object.keys(state.selected[kind]);
      if (!chosen.length) return true;
      var own = values(doc, kind);
      return chosen.some(function (c) { return own.indexOf(c) !== -1; });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderFacets() {
    facetBox.textContent = "";
    if (!state.hits.length) return;
    FACETS.forEach(function (f) {
      var kind = f[0];
      var counts = {};
      state.hits.forEach(function (hit) {
        if (!passes(hit.doc, kind)) return;
        values(hit.doc, kind).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Object.keys(state.selected[kind]).forEach(function (v) { counts[v] = counts[v] || 0; });
      var ids = Object.keys(counts).sort(function (a, b) {
        return (counts[b] - counts[a]) || label(kind, a).localeCompare(label(kind, b));
      });
      if (!ids.length) return;
      var set = el("fieldset", "portal-search__facet");
      set.setAttribute("data-facet", kind);
      set.appendChild(el("legend", "", t(kind)));
      ids.forEach(function (id) {
        var row = el("label", "portal-search__option");
        var box = el("input");
        box.type = "checkbox";
        box.value = id;
        box.checked = !!state.selected[kind][id];
        box.addEventListener("change", function () {
          if (box.checked) state.selected[kind][id] = true;
          else delete state.selected[kind][id];
          state.shown = PAGE_SIZE;
          render();
        });
        row.appendChild(box);
        row.appendChild(el("span", "portal-search__option-label", label(kind, id)));
        row.appendChild(el("span", "portal-search__count", String(counts[id])));
        set.appendChild(row);
      });
      facetBox.appendChild(set);
    });
  }

  function renderResults() {
    var base = box.getAttribute("data-base");
    var hits = state.hits.filter(function (hit) { return passes(hit.doc); });
    list.textContent = "";
    hits.slice(0, state.shown).forEach(function (hit) {
      var doc = hit.doc;
      var item = el("li", "portal-search__result");
      item.setAttribute("data-id", doc.id);
      var link = el("a", "portal-search__link");
      link.href = base + doc.url;
      link.appendChild(el("span", "portal-search__type", label("type", doc.type)));
      link.appendChild(el("span", "portal-search__title", doc.title));
      item.appendChild(link);
      if (doc.description) item.appendChild(el("p", "portal-search__description", doc.description));
      if (doc.audiences && doc.audiences.length) {
        item.appendChild(el("p", "portal-search__audiences", t("audiences") + " " +
          doc.audiences.map(function (a) { return label("audience", a); }).join(", ")));
      }
      list.appendChild(item);
    });
    more.hidden = hits.length <= state.shown;
    var query = input.value.trim();
    if (!hits.length) status.textContent = t("none", { q: query });
    else if (hits.length > state.shown) status.textContent = t("shown", { n: state.shown, total: hits.length });
    else status.textContent = hits.length === 1 ? t("one") : t("many", { n: hits.length });
  }

  function render() {
    renderFacets();
    renderResults();
    box.setAttribute("data-portal-search-shown", input.value);   // which query the list shows
  }

  function search() {
    var query = input.value;
    if (query.trim().length < 2) {
      state.hits = [];
      list.textContent = "";
      facetBox.textContent = "";
      more.hidden = true;
      status.textContent = t("hint");
      return;
    }
    if (!state.engine) {
      status.textContent = t("loading");
      load().then(search);
      return;
    }
    state.hits = state.engine.search(query);
    state.shown = PAGE_SIZE;
    render();
  }

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim()) open();
  });
  input.addEventListener("input", function () {
    if (!input.value) { close(); return; }
    open();
    clearTimeout(state.timer);
    state.timer = setTimeout(search, state.engine ? 40 : 0);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); return; }
    if (event.key === "ArrowDown") {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); input.focus(); return; }
    // Up and down move between the results; up from the first goes back to the box.
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at === -1) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else if (next < links.length) links[next].focus();
  });
  closeButton.addEventListener("click", function () { close(); input.focus(); });
  more.addEventListener("click", function () { state.shown += PAGE_SIZE; renderResults(); });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) close();
  });

  // /?q=word opens the results at once (the form also works that way without JavaScript's submit handler).
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    open();
    search();
  }
})();
