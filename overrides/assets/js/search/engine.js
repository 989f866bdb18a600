/*
 * Portal search engine: the browser side of hooks/portal/search/engine.py and analysis.py, with the
 * same algorithm and the same numbers (tests/search/test_search_browser.py runs the query set through both).
 *
 * Needs search-ui.js's PortalSearchKeys (fold, words, bucket numbers) and the language's stemmer
 * (snowball-swedish.js or porter-english.js). Reads meta.json; the postings come in buckets
 * (addBucket). A search that needed a bucket not yet loaded says so (result.missing): load those
 * buckets and search again. No DOM access here: search-ui.js renders.
 */
(function (root) {
  "use strict";

  var keys = root.PortalSearchKeys;
  var STOP_MARK = "#";
  var CONCEPT_PREFIX = "_";
  var FUZZY_MIN_LENGTH = 6;
  var PREFIX_MIN_LENGTH = 3;
  var PREFIX_TERMS = 20;
  var ALPHABET = "abcdefghijklmnopqrstuvwxyz";
  var SPLIT_MIN_LENGTH = 7, SPLIT_MIN_MODIFIER = 3, SPLIT_MIN_HEAD = 4;
  var WEIGHT = { exact: 1.0, concept: 1.0, fuzzy: 0.3, prefix: 0.2 };
  var WEAK_SHARE = 0.5;
  var SECTION_SHARE = 0.5;
  var PERSONAL_FACTOR = 1.5;
  var TITLE_FACTOR = 2.0;
  var ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
  var LATIN = /^[a-z]+$/;
  var VOWELS = { a: 1, e: 1, i: 1, o: 1, u: 1, y: 1 };
  var SYNCOPE = { r: 1, l: 1, n: 1 };
  var has = Object.prototype.hasOwnProperty;

  function byCodePoint(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  function sortedUnique(list) {
    var seen = {};
    return list.filter(function (x) { return has.call(seen, x) ? false : (seen[x] = true); }).sort(byCodePoint);
  }

  /* Every string one edit away from a word that keeps its first `keep` letters (engine.py's edits1). */
  function edits1(word, keep) {
    var out = {};
    for (var i = keep || 0; i <= word.length; i++) {
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

  /* Snowball's R1 of a folded Swedish word (stemmers.py's _r1). */
  function r1(word) {
    for (var i = 1; i < word.length; i++) {
      if (!VOWELS[word.charAt(i)] && VOWELS[word.charAt(i - 1)]) return Math.max(i + 1, 3);
    }
    return word.length;
  }

  var stemmers = {
    /* Snowball Swedish and the portal's rules for what it leaves alone (stemmers.py's stem_sv). */
    sv: function (word) {
      var snowball = root.PortalSnowballSwedish.stem;
      var s = snowball(word), n;
      if (word.slice(-1) === "s" && s === word.slice(0, -1)) s = snowball(s);
      if (s.slice(-4) === "ning" && s.length - 4 >= 4) s = s.slice(0, -4);
      else if (s.slice(-2) === "an" && s.length - 2 >= 3) s = s.slice(0, -2);
      if (s.slice(-2) === "et" && s.length - 2 >= r1(s)) s = s.slice(0, -2);
      n = s.length;
      if (s.slice(-3) === "eln" && n > 4 && !VOWELS[s.charAt(n - 4)]) s = s.slice(0, -3) + "l";
      else if (s.slice(-2) === "el" && n > 3 && !VOWELS[s.charAt(n - 3)]) s = s.slice(0, -2) + "l";
      n = s.length;
      if (n >= 4 && SYNCOPE[s.charAt(n - 1)] && !VOWELS[s.charAt(n - 2)] && !SYNCOPE[s.charAt(n - 2)] &&
          s.slice(-2) !== "mn") s = s.slice(0, -1);
      return s;
    },
    en: function (word) { return root.PortalPorterEnglish.stem(word); }
  };

  /* American spellings written the British way (spelling.py's british), from meta.json's rules. */
  function britishSpelling(rules) {
    var suffixRules = rules.suffixRules.map(function (r) { return [new RegExp(r[0]), r[1]]; });
    return function (word) {
      if (has.call(rules.words, word)) return rules.words[word];
      for (var i = 0; i < rules.prefixes.length; i++) {
        var american = rules.prefixes[i][0], rest = word.slice(american.length);
        if (word.indexOf(american) === 0 && rest.indexOf(rules.prefixKeeps) !== 0 &&
            !rules.prefixExceptions.some(function (e) { return word.indexOf(e) === 0; })) {
          return rules.prefixes[i][1] + rest;
        }
      }
      for (var j = 0; j < suffixRules.length; j++) {
        if (suffixRules[j][0].test(word)) return word.replace(suffixRules[j][0], suffixRules[j][1]);
      }
      return word;
    };
  }

  function idfWeight(matched, pages) {
    return Math.floor(Math.log(1 + (pages - matched + 0.5) / (matched + 0.5)) * 10000 + 0.5) / 10000;
  }

  function decode(flat) {
    var out = [], ref = 0;
    for (var i = 0; i < flat.length; i += 3) {
      ref += flat[i];
      out.push([ref, flat[i + 1], flat[i + 2]]);
    }
    return out;
  }

  /* meta.json's pages as objects (engine.py's docs_of). */
  function docsOf(meta) {
    var values = meta.values;
    return meta.docs.map(function (row) {
      return { id: row[0], title: row[1], url: row[2], type: values.type[row[3]],
               audiences: row[4].map(function (i) { return values.audience[i]; }),
               topics: row[5].map(function (i) { return values.topic[i]; }) };
    });
  }

  function Engine(meta) {
    var self = this;
    this.meta = meta;
    this.lang = meta.lang;
    this.build = meta.build;
    this.docs = docsOf(meta);
    this.labels = meta.labels;
    this.limits = meta.limits;
    this.stop = {};
    meta.stopWords.forEach(function (w) { self.stop[w] = true; });
    this.british = meta.spelling ? britishSpelling(meta.spelling) : null;
    this.concepts = meta.concepts;
    this.firstPerson = {};
    meta.personal.words.forEach(function (w) { self.firstPerson[w] = true; });
    this.personalAudiences = meta.personal.audiences;
    this.longest = 0;
    Object.keys(meta.concepts).forEach(function (p) { self.longest = Math.max(self.longest, p.split(" ").length); });
    this.buckets = {};        // number -> {terms: {term: flat postings}, sorted: [terms]}
    this.decoded = {};
    this.analysed = {};
    this.titles = {};
    this.resetCaches();
  }

  Engine.prototype.resetCaches = function () {
    this.correctionCache = {};
    this.splitCache = {};
  };

  Engine.prototype.bucketOf = function (term) {
    return keys.bucketOf(keys.key(term), this.meta.buckets);
  };

  /* Add bucket n; searches before it may have missed it, so what they worked out is forgotten. */
  Engine.prototype.addBucket = function (number, data) {
    this.buckets[number] = { terms: data.terms, sorted: Object.keys(data.terms).sort() };
    this.resetCaches();
  };

  Engine.prototype.bucket = function (term) {
    var number = this.bucketOf(term);
    if (!has.call(this.buckets, number)) {
      this.missing[number] = true;
      return null;
    }
    return this.buckets[number];
  };

  Engine.prototype.postings = function (term) {
    var bucket = this.bucket(term);
    if (!bucket || !has.call(bucket.terms, term)) return [];
    if (!has.call(this.decoded, term)) this.decoded[term] = decode(bucket.terms[term]);
    return this.decoded[term];
  };

  Engine.prototype.known = function (term) {
    var bucket = this.bucket(term);
    return !!bucket && has.call(bucket.terms, term);
  };

  /* The index term of a word (analysis.py's term), or null for a stop word. */
  Engine.prototype.analyse = function (word) {
    if (has.call(this.analysed, word)) return this.analysed[word];
    var folded = keys.fold(word), result = null;
    if (has.call(this.meta.irregular, folded)) folded = this.meta.irregular[folded];
    if (!this.stop[folded]) {
      if (folded.charAt(0) === CONCEPT_PREFIX) {
        result = folded;
      } else {
        var spelled = this.british ? this.british(folded) : folded;
        var stemmed = stemmers[this.lang](spelled);
        result = has.call(this.meta.stemAliases, stemmed) ? this.meta.stemAliases[stemmed] : stemmed;
      }
    }
    return (this.analysed[word] = result);
  };

  Engine.prototype.correctable = function (folded) {
    return folded.length >= FUZZY_MIN_LENGTH && folded.length <= this.limits.correctedLetters && LATIN.test(folded);
  };

  /* First position in a bucket's sorted terms at or after a folded word. */
  function lowerBound(sorted, folded) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < folded) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  Engine.prototype.hasPrefix = function (folded) {
    var bucket = this.bucket(folded);
    if (!bucket) return false;
    var at = lowerBound(bucket.sorted, folded);
    return at < bucket.sorted.length && bucket.sorted[at].indexOf(folded) === 0;
  };

  Engine.prototype.prefixTerms = function (folded, exclude) {
    var bucket = this.bucket(folded), found = [];
    if (!bucket) return found;
    for (var at = lowerBound(bucket.sorted, folded); at < bucket.sorted.length; at++) {
      var term = bucket.sorted[at];
      if (term.indexOf(folded) !== 0) break;
      if (term !== exclude) found.push(term);
    }
    var terms = bucket.terms;
    found.sort(function (a, b) { return (terms[b].length - terms[a].length) || byCodePoint(a, b); });
    return found.slice(0, PREFIX_TERMS);
  };

  Engine.prototype.corrections = function (folded, term) {
    if (has.call(this.correctionCache, folded)) return this.correctionCache[folded];
    var found = [], self = this;
    edits1(folded, keys.KEY_LETTERS).forEach(function (candidate) {
      var t = self.analyse(candidate);
      if (t !== null && t !== term && self.known(t)) found.push(t);
    });
    return (this.correctionCache[folded] = sortedUnique(found));
  };

  Engine.prototype.split = function (folded) {
    if (!has.call(this.splitCache, folded)) this.splitCache[folded] = this.splitOnce(folded);
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

  /* [word, term or null] of the words read: up to the queryWords-th that is not a stop word (engine.py's _read). */
  Engine.prototype.read = function (found) {
    var items = [], counted = 0;
    for (var i = 0; i < found.length; i++) {
      var term = this.analyse(found[i]);
      if (term !== null) {
        if (counted === this.limits.queryWords) break;
        counted += 1;
      }
      items.push([found[i], term]);
    }
    return items;
  };

  /* [word, term or null, corrected?, compound] of the words read, an unknown compound replaced by its parts,
     which carry its position among the words read (-1 otherwise); `last`: the text's last word (engine.py's _items). */
  Engine.prototype.items = function (read, last, typing) {
    var self = this;
    var out = [], budget = this.limits.correctedWords;
    read.forEach(function (item, number) {
      var word = item[0], term = item[1];
      if (term === null) { out.push([word, null, false, -1]); return; }
      var folded = keys.fold(word), parts = null;
      var corrected = budget > 0 && !self.known(term) && self.correctable(folded);
      if (corrected) budget -= 1;
      if (corrected && folded.length >= SPLIT_MIN_LENGTH &&
          !(typing && number === last && self.hasPrefix(folded)) &&
          !self.corrections(folded, term).length) {
        parts = self.split(folded);
      }
      if (parts) {
        parts.forEach(function (part) {
          var t = self.analyse(part);
          if (t !== null) out.push([part, t, false, number]);
        });
      } else {
        out.push([word, term, corrected, -1]);
      }
    });
    return out;
  };

  Engine.prototype.matchAt = function (seq, start) {
    for (var length = Math.min(this.longest, seq.length - start); length > 0; length--) {
      var phrase = seq.slice(start, start + length).join(" ");
      if (has.call(this.concepts, phrase)) return { length: length, tokens: this.concepts[phrase] };
    }
    return { length: 0, tokens: [] };
  };

  /* A clause: a term to look up, its kind, for a concept token the word whose bucket holds it, and for a
     correction or completion the alternative it belongs to. */
  function clause(term, kind, via, alternative) {
    return { term: term, kind: kind, via: via || term, alternative: alternative || "" };
  }

  function isStopKey(key) { return key.charAt(0) === STOP_MARK; }

  Engine.prototype.plan = function (text) {
    var self = this;
    text = Array.from(text).slice(0, this.limits.queryCharacters).join("");
    var typing = ENDS_IN_WORD.test(text);
    var found = keys.words(text), read = this.read(found);
    var items = this.items(read, found.length - 1, typing);
    var seq = items.map(function (x) { return x[1] !== null ? x[1] : STOP_MARK + keys.fold(x[0]); });
    var groups = [], i = 0;
    while (i < items.length) {
      var match = this.matchAt(seq, i);
      if (match.length > 1) {
        var home = seq.slice(i, i + match.length).filter(function (k) { return !isStopKey(k); })[0];
        groups.push({ label: items.slice(i, i + match.length).map(function (x) { return x[0]; }).join(" "),
                      clauses: match.tokens.map(function (t) { return clause(t, "concept", home); }), compound: -1 });
        i += match.length;
        continue;
      }
      var word = items[i][0], term = items[i][1], corrected = items[i][2], compound = items[i][3];
      i += 1;
      if (term === null) continue;
      var clauses = [clause(term, "exact")].concat(match.tokens.map(function (t) { return clause(t, "concept", term); }));
      if (compound >= 0) {
        /* The parts of an unknown compound are one word of the query (engine.py's plan). */
        var previous = groups[groups.length - 1];
        if (previous && previous.compound === compound) previous.clauses = previous.clauses.concat(clauses);
        else groups.push({ label: read[compound][0], clauses: clauses, compound: compound });
        continue;
      }
      var folded = keys.fold(word);
      if (corrected) {
        this.corrections(folded, term).forEach(function (correction) {
          clauses.push(clause(correction, "fuzzy", correction, correction));
          self.matchAt([correction], 0).tokens.forEach(function (t) {
            clauses.push(clause(t, "fuzzy", correction, correction));
          });
        });
      }
      if (typing && i === items.length && Array.from(folded).length >= PREFIX_MIN_LENGTH) {
        this.prefixTerms(folded, term).forEach(function (t) { clauses.push(clause(t, "prefix", t, t)); });
      }
      groups.push({ label: word, clauses: clauses, compound: -1 });
    }
    return groups;
  };

  /* A concept token's postings are in the buckets of its phrases' first words (indexer.py): look there. */
  Engine.prototype.clausePostings = function (c) {
    if (c.term.charAt(0) !== CONCEPT_PREFIX) return this.postings(c.term);
    var number = this.bucketOf(c.via);
    if (!has.call(this.buckets, number)) { this.missing[number] = true; return []; }
    var terms = this.buckets[number].terms;
    if (!has.call(terms, c.term)) return [];
    if (!has.call(this.decoded, c.term)) this.decoded[c.term] = decode(terms[c.term]);
    return this.decoded[c.term];
  };

  /* Exact and concept scores add up; of the corrections and completions only the best counts (engine.py). */
  Engine.prototype.groupScores = function (group, votes) {
    var base = {}, alternatives = { fuzzy: {}, prefix: {} }, best = { fuzzy: {}, prefix: {} }, refs = {};
    for (var k = 0; k < group.clauses.length; k++) {
      var c = group.clauses[k], weight = WEIGHT[c.kind], list = this.clausePostings(c), target = base;
      if (c.kind === "fuzzy" || c.kind === "prefix") {
        target = alternatives[c.kind][c.alternative] || (alternatives[c.kind][c.alternative] = {});
      }
      for (var j = 0; j < list.length; j++) {
        var ref = list[j][0], value = list[j][1], section = list[j][2];
        var cell = votes[ref] || (votes[ref] = {});
        cell[section] = (cell[section] || 0) + weight * value;
        refs[ref] = true;
        target[ref] = (target[ref] || 0) + value;
      }
    }
    ["fuzzy", "prefix"].forEach(function (kind) {
      Object.keys(alternatives[kind]).forEach(function (name) {
        var scores = alternatives[kind][name];
        Object.keys(scores).forEach(function (ref) { best[kind][ref] = Math.max(best[kind][ref] || 0, scores[ref]); });
      });
    });
    var out = {};
    Object.keys(refs).forEach(function (ref) {
      out[ref] = (base[ref] || 0) + WEIGHT.fuzzy * (best.fuzzy[ref] || 0) + WEIGHT.prefix * (best.prefix[ref] || 0);
    });
    return out;
  };

  /* The keys of a page's title: terms, and stop words as stop keys (engine.py's title_keys). */
  Engine.prototype.titleKeys = function (ref) {
    var self = this;
    if (!has.call(this.titles, ref)) {
      this.titles[ref] = keys.words(this.docs[ref].title).map(function (w) {
        var t = self.analyse(w);
        return t !== null ? t : STOP_MARK + keys.fold(w);
      });
    }
    return this.titles[ref];
  };

  function sameKeys(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /* Is the query the page's title, or (two words or more) a run of words in it? (engine.py's in_title) */
  Engine.prototype.inTitle = function (phrase, ref) {
    var title = this.titleKeys(ref), n = phrase.length;
    if (sameKeys(phrase, title)) return true;
    if (n < 2) return false;
    for (var i = 0; i + n <= title.length; i++) if (sameKeys(title.slice(i, i + n), phrase)) return true;
    return false;
  };

  /* {hits: [{ref, score, doc, section}], leftOut: [words], missing: [bucket numbers]} (engine.py's search). */
  Engine.prototype.search = function (text) {
    var self = this;
    this.missing = {};
    var groups = this.plan(text);
    var found = keys.words(Array.from(text).slice(0, this.limits.queryCharacters).join(""));
    var personal = found.some(function (w) { return has.call(self.firstPerson, w); });
    var read = this.read(found);
    var phrase = read.map(function (x) { return x[1] !== null ? x[1] : STOP_MARK + keys.fold(x[0]); });
    var named = read.some(function (x) { return x[1] !== null; });
    var votes = {};
    var scores = groups.map(function (g) { return self.groupScores(g, votes); });
    var missing = Object.keys(this.missing).map(Number).sort(function (a, b) { return a - b; });
    var size = function (s) { return Object.keys(s).length; };
    var leftOut = groups.filter(function (g, n) { return !size(scores[n]); }).map(function (g) { return g.label; });
    var matched = scores.filter(function (s) { return size(s); });
    var pages = this.docs.length;
    /* A glossary concept is a subject of the portal, never a weak word (engine.py's search). */
    var informative = scores.filter(function (s, n) {
      return size(s) && (size(s) <= WEAK_SHARE * pages ||
                         groups[n].clauses.some(function (c) { return c.kind === "concept"; }));
    });
    if (!matched.length || (leftOut.length && !informative.length)) {
      return { hits: [], leftOut: leftOut, missing: missing };
    }
    var weights = matched.map(function (s) { return idfWeight(size(s), pages); });
    var totalWeight = weights.reduce(function (a, b) { return a + b; }, 0);
    var union = {};
    (informative.length ? informative : matched).forEach(function (s) {
      Object.keys(s).forEach(function (ref) { union[ref] = true; });
    });
    var hits = Object.keys(union).map(Number).sort(function (a, b) { return a - b; }).map(function (ref) {
      var total = 0, covered = 0;
      for (var n = 0; n < matched.length; n++) {
        if (has.call(matched[n], ref)) { total += matched[n][ref]; covered += weights[n]; }
      }
      var coverage = covered / totalWeight, score = total * coverage;
      if (personal && self.docs[ref].audiences.some(function (a) { return self.personalAudiences.indexOf(a) !== -1; })) {
        score = score * PERSONAL_FACTOR;
      }
      if (named && self.inTitle(phrase, ref)) score = score * TITLE_FACTOR;
      var cell = votes[ref] || {}, section = 0, best = -1, sum = 0;
      Object.keys(cell).map(Number).sort(function (a, b) { return a - b; }).forEach(function (s) {
        if (cell[s] > best) { best = cell[s]; section = s; }
        sum += cell[s];
      });
      if (section && best < SECTION_SHARE * sum) section = 0;
      return { ref: ref, score: score, doc: self.docs[ref], section: section };
    });
    hits.sort(function (a, b) {
      return (Math.floor(b.score * 1000 + 0.5) - Math.floor(a.score * 1000 + 0.5)) || (a.ref - b.ref);
    });
    return { hits: hits, leftOut: leftOut, missing: missing };
  };

  Engine.prototype.ids = function (text, limit) {
    return this.search(text).hits.slice(0, limit || undefined).map(function (h) { return h.doc.id; });
  };

  var api = { Engine: Engine };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PortalSearchEngine = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
