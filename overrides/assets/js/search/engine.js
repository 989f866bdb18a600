/*
 * Portal search engine: the browser side of hooks/portal/search/engine.py and analysis.py.
 * Keep the two in step: tests/test_search_browser.py runs the same queries through both.
 *
 * Needs lunr.js 2.3.9 (window.lunr) and, for Swedish, snowball-swedish.js (window.PortalSnowballSwedish).
 * No DOM access here: search-ui.js renders.
 */
(function (root) {
  "use strict";

  var CONCEPT_PREFIX = "_";
  var FUZZY_MIN_LENGTH = 6;
  var PREFIX_MIN_LENGTH = 3;
  var ALPHABET = "abcdefghijklmnopqrstuvwxyz";
  var SPLIT_MIN_LENGTH = 7, SPLIT_MIN_MODIFIER = 3, SPLIT_MIN_HEAD = 4;
  var BOOST = { exact: 1.0, part: 1.0, fuzzy: 0.2, prefix: 0.1, concept: 1.0 };
  var WORD = /[\p{L}\p{N}]+/gu;
  var ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
  var LATIN = /^[a-z]+$/;
  var MARKS = /[\u0300-\u036f]/g;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(MARKS, "");
  }

  function words(text) {
    var found = text.normalize("NFC").toLowerCase().match(WORD) || [];
    return found.filter(function (w) { return w.length > 1 || /^\p{N}$/u.test(w); });
  }

  /* Every string one edit away from a word, sorted as Python sorts (engine.py's edits1). */
  function edits1(word) {
    var out = {};
    for (var i = 0; i <= word.length; i++) {
      var a = word.slice(0, i), b = word.slice(i);
      if (b) out[a + b.slice(1)] = true;
      if (b.length > 1) out[a + b.charAt(1) + b.charAt(0) + b.slice(2)] = true;
      for (var k = 0; k < ALPHABET.length; k++) {
        var c = ALPHABET.charAt(k);
        if (b) out[a + c + b.slice(1)] = true;
        out[a + c + b] = true;
      }
    }
    delete out[word];
    return Object.keys(out).sort(byCodePoint);
  }

  /* Length in code points, as Python counts (an emoji or a rare letter is two UTF-16 units). */
  function codePoints(text) { return Array.from(text); }

  /* Can this folded word get typo correction and splitting? (engine.py's correctable) */
  function correctable(folded, limits) {
    return folded.length >= FUZZY_MIN_LENGTH && folded.length <= limits.correctedLetters && LATIN.test(folded);
  }

  function byCodePoint(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function isConcept(token) {
    return token.charAt(0) === CONCEPT_PREFIX;
  }

  var stemmers = {
    // Snowball Swedish, then the two endings Snowball leaves alone (stemmers.py stem_sv): -ning, -an.
    sv: function (w) {
      var s = root.PortalSnowballSwedish.stem(w);
      if (s.length - 4 >= 4 && s.slice(-4) === "ning") return s.slice(0, -4);
      if (s.length - 2 >= 3 && s.slice(-2) === "an") return s.slice(0, -2);
      return s;
    },
    en: function (w) { return root.lunr.stemmer(new root.lunr.Token(w)).toString(); }
  };

  function stem(folded, lang) {
    return isConcept(folded) ? folded : stemmers[lang](folded);
  }

  /* The pipeline functions named in the serialised index: portal-fold, portal-stop-xx, portal-stem-xx. */
  function registerPipeline(lang, stopWords) {
    var lunr = root.lunr;
    var stop = {};
    stopWords.forEach(function (w) { stop[w] = true; });
    function register(name, transform) {
      if (lunr.Pipeline.registeredFunctions[name]) return;
      var fn = function (token) {
        var value = transform(token.toString());
        if (value === null || value === "") return undefined;
        return token.update(function () { return value; });
      };
      lunr.Pipeline.registerFunction(fn, name);
    }
    register("portal-fold", fold);
    register("portal-stop-" + lang, function (s) { return stop[s] ? null : s; });
    register("portal-stem-" + lang, function (s) { return stem(s, lang); });
  }

  /* The packed index of hooks/portal/search/packing.py back into lunr's serialised form. */
  function unpack(packed) {
    var fields = packed.fields, empty = {};
    var inverted = packed.terms.map(function (term, position) {
      var entry = {};
      fields.forEach(function (f) { entry[f] = empty; });   // read-only: one shared empty posting
      var posting = packed.postings[position];
      for (var number in posting) {
        var refs = {};
        posting[number].forEach(function (ref) { refs[ref] = empty; });
        entry[fields[number]] = refs;
      }
      entry._index = position;
      return [term, entry];
    });
    var vectors = packed.vectors.map(function (v) {
      var flat = v[2], elements = new Array(flat.length), index = 0;
      for (var i = 0; i < flat.length; i += 2) {
        index += flat[i];
        elements[i] = index;
        elements[i + 1] = flat[i + 1] / 1000;
      }
      return [fields[v[1]] + "/" + v[0], elements];
    });
    return { version: packed.version, fields: fields, fieldVectors: vectors, invertedIndex: inverted,
             pipeline: packed.pipeline };
  }

  function Engine(data) {
    registerPipeline(data.lang, data.stopWords);
    this.lang = data.lang;
    this.docs = data.docs;
    this.labels = data.labels;
    this.index = root.lunr.Index.load(unpack(data.index));
    this.concepts = {};
    this.longest = 0;
    for (var phrase in data.concepts) {
      this.concepts[phrase] = data.concepts[phrase];
      this.longest = Math.max(this.longest, phrase.split(" ").length);
    }
    this.terms = data.index.terms;   // sorted
    this.whole = this.index.fields.filter(function (f) { return f.indexOf("parts_") !== 0; });
    this.parts = this.index.fields.filter(function (f) { return f.indexOf("parts_") === 0; });
    this.limits = data.limits;
    this.correctionCache = {};
    this.splitCache = {};
  }

  Engine.prototype.analyse = function (word) {
    var out = this.index.pipeline.runString(word);
    return out.length ? out[0] : null;
  };

  Engine.prototype.known = function (term) {
    return Object.prototype.hasOwnProperty.call(this.index.invertedIndex, term);
  };

  Engine.prototype.corrections = function (folded, term) {
    if (Object.prototype.hasOwnProperty.call(this.correctionCache, folded)) return this.correctionCache[folded];
    var found = {};
    var candidates = edits1(folded);
    for (var i = 0; i < candidates.length; i++) {
      var t = this.analyse(candidates[i]);
      if (t !== null && t !== term && this.known(t)) found[t] = true;
    }
    return (this.correctionCache[folded] = Object.keys(found).sort(byCodePoint));
  };

  Engine.prototype.matchAt = function (seq, start) {
    for (var length = Math.min(this.longest, seq.length - start); length > 0; length--) {
      var tokens = this.concepts[seq.slice(start, start + length).join(" ")];
      if (tokens) return { length: length, tokens: tokens };
    }
    return { length: 0, tokens: [] };
  };

  /* Does an indexed term start with this folded word? (binary search, as engine.py's bisect) */
  Engine.prototype.hasPrefix = function (folded) {
    var lo = 0, hi = this.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.terms[mid] < folded) lo = mid + 1; else hi = mid;
    }
    return lo < this.terms.length && this.terms[lo].indexOf(folded) === 0;
  };

  /* Indexed words that make up an unknown compound (engine.py's split); null if there are none. Remembered. */
  Engine.prototype.split = function (folded) {
    if (!Object.prototype.hasOwnProperty.call(this.splitCache, folded)) {
      this.splitCache[folded] = this.splitOnce(folded);
    }
    return this.splitCache[folded];
  };

  Engine.prototype.splitOnce = function (folded) {
    var passes = [true, false];
    for (var p = 0; p < passes.length; p++) {
      var linking = passes[p];
      for (var cut = SPLIT_MIN_MODIFIER + (linking ? 1 : 0); cut <= folded.length - SPLIT_MIN_HEAD; cut++) {
        var left = folded.slice(0, cut), head = folded.slice(cut);
        if (linking && left.charAt(left.length - 1) !== "s") continue;
        var headTerm = this.analyse(head);
        if (headTerm === null || !this.known(headTerm)) continue;
        var modifier = linking ? left.slice(0, -1) : left;
        var term = this.analyse(modifier);
        if (term !== null && this.known(term)) return [modifier, head];
        if (modifier.length >= SPLIT_MIN_LENGTH) {
          var inner = this.split(modifier);
          if (inner) return inner.concat([head]);
        }
      }
    }
    return null;
  };

  /* [word, term, corrected?] of the words searched, unknown compounds replaced by their parts (engine.py's _items). */
  Engine.prototype.items = function (text, typing) {
    var self = this, limits = this.limits;
    var items = [];
    words(text).forEach(function (w) {
      var t = self.analyse(w);
      if (t !== null) items.push([w, t]);
    });
    items = items.slice(0, limits.queryWords);
    var out = [], budget = limits.correctedWords;
    items.forEach(function (item, number) {
      var folded = fold(item[0]), parts = null;
      var corrected = budget > 0 && !self.known(item[1]) && correctable(folded, limits);
      if (corrected) budget -= 1;
      if (corrected && folded.length >= SPLIT_MIN_LENGTH &&
          !(typing && number === items.length - 1 && self.hasPrefix(folded)) &&
          !self.corrections(folded, item[1]).length) {
        parts = self.split(folded);
      }
      if (parts) {
        parts.forEach(function (part) {
          var t = self.analyse(part);
          if (t !== null) out.push([part, t, false]);
        });
      } else {
        out.push([item[0], item[1], corrected]);
      }
    });
    return out;
  };

  Engine.prototype.plan = function (text) {
    var self = this;
    text = codePoints(text).slice(0, this.limits.queryCharacters).join("");
    var typing = ENDS_IN_WORD.test(text);
    var items = this.items(text, typing);
    var seq = items.map(function (item) { return item[1]; });
    var groups = [];
    var i = 0;
    while (i < items.length) {
      var match = this.matchAt(seq, i);
      var conceptClauses = match.tokens.map(function (t) {
        return { term: t, fields: self.whole, boost: BOOST.concept, editDistance: 0, prefix: false };
      });
      if (match.length > 1) {
        groups.push({ label: items.slice(i, i + match.length).map(function (x) { return x[0]; }).join(" "),
                      clauses: conceptClauses });
        i += match.length;
        continue;
      }
      var word = items[i][0], term = items[i][1], corrected = items[i][2], folded = fold(word);
      var both = this.whole.concat(this.parts);
      var clauses = [{ term: term, fields: this.whole, boost: BOOST.exact, editDistance: 0, prefix: false }];
      if (this.parts.length) {
        clauses.push({ term: term, fields: this.parts, boost: BOOST.part, editDistance: 0, prefix: false });
      }
      if (corrected) {
        clauses.push({ term: term, fields: both, boost: BOOST.fuzzy, editDistance: 1, prefix: false });
        this.corrections(folded, term).forEach(function (c) {
          clauses.push({ term: c, fields: both, boost: BOOST.fuzzy, editDistance: 0, prefix: false });
        });
      }
      if (typing && i === items.length - 1 && codePoints(folded).length >= PREFIX_MIN_LENGTH) {
        clauses.push({ term: folded, fields: both, boost: BOOST.prefix, editDistance: 0, prefix: true });
      }
      groups.push({ label: word, clauses: clauses.concat(conceptClauses) });
      i += 1;
    }
    return groups;
  };

  Engine.prototype.run = function (group) {
    var lunr = root.lunr;
    var results = this.index.query(function (q) {
      group.clauses.forEach(function (c) {
        var options = {
          fields: c.fields, boost: c.boost, usePipeline: false,
          wildcard: c.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
        };
        // Only with an edit distance: lunr.js treats any editDistance key (even 0) as fuzzy, ignoring "*".
        if (c.editDistance) options.editDistance = c.editDistance;
        q.term(c.term, options);
      });
    });
    var out = {};
    results.forEach(function (r) { out[r.ref] = r.score; });
    return out;
  };

  /* Ranked hits: [{ref, score, doc}], pages matching every group (or the most groups) first by score. */
  Engine.prototype.search = function (text) {
    var groups = this.plan(text);
    if (!groups.length) return [];
    var scores = {}, matched = {}, order = [];
    for (var g = 0; g < groups.length; g++) {
      var found = this.run(groups[g]);
      for (var ref in found) {
        if (!(ref in scores)) { scores[ref] = 0; matched[ref] = 0; order.push(ref); }
        scores[ref] += found[ref];
        matched[ref] += 1;
      }
    }
    if (!order.length) return [];
    var best = Math.max.apply(null, order.map(function (r) { return matched[r]; }));
    var refs = order.filter(function (r) { return matched[r] === best; });
    function rounded(x) { return Math.round(x * 1e6) / 1e6; }
    refs.sort(function (a, b) {
      return (rounded(scores[b]) - rounded(scores[a])) || (parseInt(a, 10) - parseInt(b, 10));
    });
    var docs = this.docs;
    return refs.map(function (r) { return { ref: parseInt(r, 10), score: scores[r], doc: docs[parseInt(r, 10)] }; });
  };

  Engine.prototype.ids = function (text, limit) {
    return this.search(text).slice(0, limit || undefined).map(function (h) { return h.doc.id; });
  };

  var api = { Engine: Engine, fold: fold, words: words, stem: stem, unpack: unpack, edits1: edits1 };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PortalSearchEngine = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
