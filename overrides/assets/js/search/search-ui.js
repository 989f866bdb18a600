/*
 * The portal's search box: on first focus it loads the stemmer, the engine and this language's meta.json,
 * and as the reader types, the buckets of the words typed (hooks/portal/search/layout.py), all at once;
 * then shows ranked results with type, audiences and facets, and fills in descriptions and the section
 * that answers from the fragments. Loaded with <script defer> on every page; no inline script, no
 * other host; every text is inserted as text, never as HTML.
 */
(function (root) {
  "use strict";

  /* Folding, words and bucket numbers: what the engine uses too (analysis.py, layout.py). Here, because
     the box requests the buckets of the words typed before the engine has arrived. */
  var KEY_LETTERS = 2;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /[\u0300-\u036f]/g;
  function fold(text) { return text.toLowerCase().normalize("NFD").replace(MARKS, ""); }
  function words(text) {
    var found = text.normalize("NFC").toLowerCase().match(WORD) || [];
    return found.filter(function (w) { return w.length > 1 || /^\p{N}$/u.test(w); });
  }
  function key(term) { return Array.from(term).slice(0, KEY_LETTERS).join(""); }
  function fnv1a(text) {
    var value = 0x811c9dc5;
    for (var ch of text) value = Math.imul(value ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return value;
  }
  function bucketOf(termKey, buckets) { return fnv1a(termKey) % buckets; }
  root.PortalSearchKeys = { KEY_LETTERS: KEY_LETTERS, fold: fold, words: words, key: key, bucketOf: bucketOf };

  var PAGE_SIZE = 20;
  var ROUNDS = 6;           // searches that may still find a bucket missing (splits of unknown compounds)
  var FACETS = [["type", "type"], ["audience", "audiences"], ["topic", "topics"]];

  var box = document.querySelector("[data-portal-search]");
  if (!box) return;
  var input = box.querySelector("[data-portal-search-input]");
  var form = box.querySelector("form");
  var panel = box.querySelector("[data-portal-search-panel]");
  var status = box.querySelector("[data-portal-search-status]");
  var list = box.querySelector("[data-portal-search-results]");
  var facetBox = box.querySelector("[data-portal-search-facets]");
  var filterToggle = box.querySelector("[data-portal-search-filter-toggle]");
  var more = box.querySelector("[data-portal-search-more]");
  var closeButton = box.querySelector("[data-portal-search-close]");
  var folder = box.getAttribute("data-folder");
  var bucketCount = parseInt(box.getAttribute("data-buckets"), 10);

  var state = { engine: null, loading: null, files: {}, hits: [], leftOut: [], shown: PAGE_SIZE, selected: {},
                timer: 0, query: 0 };
  FACETS.forEach(function (f) { state.selected[f[0]] = {}; });

  function t(name, values) {
    var text = box.getAttribute("data-t-" + name) || "";
    for (var v in values || {}) text = text.split("{" + v + "}").join(values[v]);
    return text;
  }

  // ------------------------------------------------------------------ loading

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

  /* A file of the search folder, fetched once. "no-cache" revalidates it, so a cached file of an
     earlier build is not used with this one's meta.json. */
  function file(name) {
    if (!state.files[name]) {
      state.files[name] = fetch(folder + name, { credentials: "same-origin", cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(name + ": HTTP " + r.status);
        return r.json();
      });
      state.files[name].catch(function () { delete state.files[name]; });
    }
    return state.files[name];
  }

  function load() {
    if (state.loading) return state.loading;
    var scripts = box.getAttribute("data-scripts").split(/\s+/).filter(Boolean);
    state.loading = Promise.all([file("meta.json"), Promise.all(scripts.map(loadScript))]).then(function (r) {
      state.engine = new root.PortalSearchEngine.Engine(r[0]);
      box.setAttribute("data-portal-search-ready", "");
      return state.engine;
    });
    state.loading.catch(function () {
      state.loading = null;
      status.textContent = t("failed");
    });
    return state.loading;
  }

  function bucket(number) { return file("t" + number + ".json"); }

  /* The buckets of the words typed, requested at once (before the engine is there, if need be). */
  function wordBuckets(query) {
    var numbers = {};
    words(query).forEach(function (w) { numbers[bucketOf(key(fold(w)), bucketCount)] = true; });
    return Object.keys(numbers).map(Number);
  }

  function prefetch(query) {
    wordBuckets(query).forEach(bucket);
  }

  /* Add buckets to the engine; a bucket of another build than meta.json's stops the search. */
  function addBuckets(engine, numbers) {
    return Promise.all(numbers.map(function (n) {
      return bucket(n).then(function (data) {
        if (data.build !== engine.build) throw new Error("search data of two builds");
        if (!engine.buckets[n]) engine.addBucket(n, data);
      });
    }));
  }

  /* A task of its own for what follows: parsing, searching and rendering are never one long task. */
  function nextTask() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  /* Search, loading what the engine finds missing, until it has all it needs. */
  function run(engine, query, round) {
    return nextTask().then(function () {
      var result = engine.search(query);
      if (!result.missing.length || round >= ROUNDS) return result;
      return addBuckets(engine, result.missing).then(function () { return run(engine, query, round + 1); });
    });
  }

  // ------------------------------------------------------------------ rendering

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
    var name = FACETS.filter(function (f) { return f[0] === kind; })[0][1];
    var value = doc[name];
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

  function selectedCount() {
    return FACETS.reduce(function (n, f) { return n + Object.keys(state.selected[f[0]]).length; }, 0);
  }

  function renderFacets() {
    facetBox.textContent = "";
    filterToggle.hidden = !state.hits.length;
    var chosen = selectedCount();
    filterToggle.textContent = chosen ? t("filters_chosen", { n: chosen }) : t("filters");
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
        var check = el("input");
        check.type = "checkbox";
        check.value = id;
        check.checked = !!state.selected[kind][id];
        check.addEventListener("change", function () {
          if (check.checked) state.selected[kind][id] = true;
          else delete state.selected[kind][id];
          state.shown = PAGE_SIZE;
          render();
        });
        row.appendChild(check);
        row.appendChild(el("span", "portal-search__option-label", label(kind, id)));
        row.appendChild(el("span", "portal-search__count", String(counts[id])));
        set.appendChild(row);
      });
      facetBox.appendChild(set);
    });
  }

  /* Descriptions and the answering section come from the fragments, for the results in view (or about to
     be), after the first results are shown. */
  var details = "IntersectionObserver" in root ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      details.unobserve(entry.target);
      entry.target.portalDetails();
    });
  }, { root: panel, rootMargin: "200px" }) : null;

  function whenShown(item, fill) {
    if (!details) { fill(); return; }
    item.portalDetails = fill;
    details.observe(item);
  }

  function fillDetails(item, hit, base) {
    var size = state.engine.meta.fragmentPages, block = Math.floor(hit.ref / size);
    file("f" + block + ".json").then(function (data) {
      if (data.build !== state.engine.build || !item.isConnected) return;
      var details = data.docs[hit.ref - block * size];
      var section = hit.section ? details[1][hit.section - 1] : null;
      if (section && section[0]) {
        var link = el("a", "portal-search__section");
        link.href = base + hit.doc.url + "#" + encodeURIComponent(section[0]);
        link.appendChild(el("span", "portal-search__section-label", t("section") + " "));
        link.appendChild(el("span", "", section[1]));
        item.insertBefore(link, item.children[1] || null);
      }
      if (details[0]) item.insertBefore(el("p", "portal-search__description", details[0]),
                                        item.querySelector(".portal-search__audiences"));
    }).catch(function () { /* a result without its description is still a result */ });
  }

  function statusText(count) {
    var parts = [];
    if (!count) {
      parts.push(state.leftOut.length ? t("left_out", { words: state.leftOut.join(", ") })
                                      : t("none", { q: input.value.trim() }));
      if (state.leftOut.length) parts.push(t("try_other"));
    } else {
      parts.push(count > state.shown ? t("shown", { n: state.shown, total: count })
                                     : count === 1 ? t("one") : t("many", { n: count }));
      if (state.leftOut.length) {
        parts[0] += ".";
        parts.push(t("left_out", { words: state.leftOut.join(", ") }));
      }
    }
    return parts.join(" ");
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
      if (doc.audiences && doc.audiences.length) {
        item.appendChild(el("p", "portal-search__audiences", t("audiences") + " " +
          doc.audiences.map(function (a) { return label("audience", a); }).join(", ")));
      }
      list.appendChild(item);
      whenShown(item, function () { fillDetails(item, hit, base); });
    });
    more.hidden = hits.length <= state.shown;
    status.textContent = statusText(hits.length);
  }

  function render() {
    renderFacets();
    renderResults();
    list.removeAttribute("aria-busy");
    box.setAttribute("data-portal-search-shown", input.value);   // which query the list shows
  }

  function clear() {
    state.query += 1;              // a search still under way is not shown
    state.hits = [];
    state.leftOut = [];
    list.textContent = "";
    facetBox.textContent = "";
    filterToggle.hidden = true;
    more.hidden = true;
    box.removeAttribute("data-portal-search-shown");
  }

  function search() {
    var query = input.value;
    if (query.trim().length < 2) {
      clear();
      status.textContent = t("hint");
      return;
    }
    var number = ++state.query;
    prefetch(query);
    list.setAttribute("aria-busy", "true");
    if (!state.engine) status.textContent = t("loading");
    load().then(function (engine) {
      // The words' own buckets first: without them every word would look unknown to the engine.
      return addBuckets(engine, wordBuckets(query)).then(function () { return run(engine, query, 0); });
    }).then(function (result) {
      return nextTask().then(function () { return result; });
    }).then(function (result) {
      if (number !== state.query) return;     // the reader has typed on
      state.hits = result.hits;
      state.leftOut = result.leftOut;
      state.shown = PAGE_SIZE;
      render();
    }).catch(function () {
      if (number === state.query) status.textContent = t("failed");
    });
  }

  // ------------------------------------------------------------------ events

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim()) open();
  });
  input.addEventListener("input", function () {
    clearTimeout(state.timer);
    // maxlength holds for typing and pasting; a value set otherwise is cut too, before it is laid out.
    var max = parseInt(input.getAttribute("maxlength"), 10);
    if (input.value.length > max) input.value = input.value.slice(0, max);
    if (!input.value.trim()) { clear(); status.textContent = t("hint"); close(); return; }
    if (input.value.trim().length < 2) clear();
    open();
    prefetch(input.value);
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
  filterToggle.addEventListener("click", function () {
    var opened = !box.classList.contains("portal-search--filters");
    box.classList.toggle("portal-search--filters", opened);
    filterToggle.setAttribute("aria-expanded", String(opened));
  });
  closeButton.addEventListener("click", function () { close(); input.focus(); });
  more.addEventListener("click", function () { state.shown += PAGE_SIZE; renderResults(); });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) close();
  });

  // /?q=word opens the results at once (the form also works that way without JavaScript's submit handler).
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = Array.from(initial).slice(0, parseInt(input.getAttribute("maxlength"), 10) || 200).join("");
    open();
    search();
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
