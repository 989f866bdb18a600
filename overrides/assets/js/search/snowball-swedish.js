/*
 * Snowball Swedish stemmer, ported line by line to JavaScript from the Python code that
 * Snowball 3.1.1 generates from swedish.sbl (PyPI package snowballstemmer 3.1.1, files
 * swedish_stemmer.py and basestemmer.py), so that the browser stems exactly as the build does.
 * tests/search/test_search_browser.py compares both on every word of the portal.
 *
 * Copyright (c) 2001, Dr Martin Porter
 * Copyright (c) 2004,2005, Richard Boulton
 * Copyright (c) 2013, Yoshiki Shibukawa
 * Copyright (c) 2006,2007,2009,2010,2011,2014-2019, Olly Betts
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without modification, are permitted
 * provided that the following conditions are met:
 *   1. Redistributions of source code must retain the above copyright notice, this list of
 *      conditions and the following disclaimer.
 *   2. Redistributions in binary form must reproduce the above copyright notice, this list of
 *      conditions and the following disclaimer in the documentation and/or other materials provided
 *      with the distribution.
 *   3. Neither the name of the Snowball project nor the names of its contributors may be used to
 *      endorse or promote products derived from this software without specific prior written
 *      permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
 * IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
 * FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR
 * CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
 * DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER
 * IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT
 * OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
(function (root) {
  "use strict";

  function Among(s, substring_i, result) {
    this.s = s; this.substring_i = substring_i; this.result = result;
  }

  function set(chars) {
    var out = {};
    for (var i = 0; i < chars.length; i++) out[chars[i]] = true;
    return out;
  }

  var g_v = set("aeiouyäåö");
  var g_s_ending = set("bcdfghjklmnoprtvy");
  var g_ost_ending = set("iklnprtuv");

  var a_0 = ["fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit", "ilit", "mit", "nit", "pit",
    "rit", "sit", "tit", "uit", "ivit", "kvit", "xit"].map(function (s) { return new Among(s, -1, -1); });

  var a_1 = [
    new Among("a", -1, 1), new Among("arna", 0, 1), new Among("erna", 0, 1), new Among("heterna", 2, 1),
    new Among("orna", 0, 1), new Among("ad", -1, 1), new Among("e", -1, 1), new Among("ade", 6, 1),
    new Among("ande", 6, 1), new Among("arne", 6, 1), new Among("are", 6, 1), new Among("aste", 6, 1),
    new Among("en", -1, 1), new Among("anden", 12, 1), new Among("aren", 12, 1), new Among("heten", 12, 1),
    new Among("ern", -1, 1), new Among("ar", -1, 1), new Among("er", -1, 1), new Among("heter", 18, 1),
    new Among("or", -1, 1), new Among("s", -1, 2), new Among("as", 21, 1), new Among("arnas", 22, 1),
    new Among("ernas", 22, 1), new Among("ornas", 22, 1), new Among("es", 21, 1), new Among("ades", 26, 1),
    new Among("andes", 26, 1), new Among("ens", 21, 1), new Among("arens", 29, 1), new Among("hetens", 29, 1),
    new Among("erns", 21, 1), new Among("at", -1, 1), new Among("et", -1, 3), new Among("andet", 34, 1),
    new Among("het", 34, 1), new Among("ast", -1, 1)
  ];

  var a_2 = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"].map(function (s) { return new Among(s, -1, -1); });

  var a_3 = [new Among("ig", -1, 1), new Among("lig", 0, 1), new Among("els", -1, 1), new Among("fullt", -1, 3),
    new Among("öst", -1, 2)];

  function SwedishStemmer() {
    this.current = ""; this.cursor = 0; this.limit = 0; this.limit_backward = 0; this.bra = 0; this.ket = 0;
    this.I_p1 = 0;
  }

  var P = SwedishStemmer.prototype;

  P.set_current = function (value) {
    this.current = value; this.cursor = 0; this.limit = value.length; this.limit_backward = 0;
    this.bra = this.cursor; this.ket = this.limit;
  };

  P.go_in_grouping = function (s) {
    while (this.cursor < this.limit) {
      if (!s[this.current.charAt(this.cursor)]) return true;
      this.cursor += 1;
    }
    return false;
  };

  P.go_out_grouping = function (s) {
    while (this.cursor < this.limit) {
      if (s[this.current.charAt(this.cursor)]) return true;
      this.cursor += 1;
    }
    return false;
  };

  P.in_grouping_b = function (s) {
    if (this.cursor <= this.limit_backward) return false;
    if (!s[this.current.charAt(this.cursor - 1)]) return false;
    this.cursor -= 1;
    return true;
  };

  P.out_grouping_b = function (s) {
    if (this.cursor <= this.limit_backward) return false;
    if (!s[this.current.charAt(this.cursor - 1)]) {
      this.cursor -= 1;
      return true;
    }
    return false;
  };

  P.eq_s_b = function (s) {
    // Python: current.endswith(s, limit_backward, cursor)
    if (this.cursor - this.limit_backward < s.length) return false;
    if (this.current.slice(this.cursor - s.length, this.cursor) !== s) return false;
    this.cursor -= s.length;
    return true;
  };

  P.find_among_b = function (v) {
    var i = 0, j = v.length, c = this.cursor, lb = this.limit_backward;
    var common_i = 0, common_j = 0, first_key_inspected = false;
    while (true) {
      var k = i + ((j - i) >> 1), diff = 0;
      var common = Math.min(common_i, common_j);
      var w = v[k];
      for (var i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) { diff = -1; break; }
        diff = this.current.charCodeAt(c - 1 - common) - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      var w2 = v[i];
      if (common_i >= w2.s.length) {
        this.cursor = c - w2.s.length;
        return w2.result;
      }
      i = w2.substring_i;
      if (i < 0) return 0;
    }
  };

  P.replace_s = function (c_bra, c_ket, s) {
    var adjustment = s.length - (c_ket - c_bra);
    this.current = this.current.slice(0, c_bra) + s + this.current.slice(c_ket);
    this.limit += adjustment;
    if (this.cursor >= c_ket) this.cursor += adjustment;
    else if (this.cursor > c_bra) this.cursor = c_bra;
    return adjustment;
  };

  P.slice_from = function (s) {
    this.replace_s(this.bra, this.ket, s);
    this.ket = this.bra + s.length;
  };

  P.slice_del = function () { this.slice_from(""); };

  P.r_mark_regions = function () {
    this.I_p1 = this.limit;
    var v_1 = this.cursor;
    if (this.cursor + 3 > this.limit) return false;
    this.cursor += 3;
    var I_x = this.cursor;
    this.cursor = v_1;
    if (!this.go_out_grouping(g_v)) return false;
    this.cursor += 1;
    if (!this.go_in_grouping(g_v)) return false;
    this.cursor += 1;
    this.I_p1 = this.cursor;
    if (this.I_p1 < I_x) this.I_p1 = I_x;
    return true;
  };

  P.r_et_condition = function () {
    var v_1 = this.limit - this.cursor;
    if (!this.out_grouping_b(g_v)) return false;
    if (!this.in_grouping_b(g_v)) return false;
    if (this.cursor <= this.limit_backward) return false;
    this.cursor = this.limit - v_1;
    var v_2 = this.limit - this.cursor;
    if (this.find_among_b(a_0) !== 0) return false;
    this.cursor = this.limit - v_2;
    return true;
  };

  P.r_main_suffix = function () {
    if (this.cursor < this.I_p1) return false;
    var v_2 = this.limit_backward;
    this.limit_backward = this.I_p1;
    this.ket = this.cursor;
    var among_var = this.find_among_b(a_1);
    if (among_var === 0) { this.limit_backward = v_2; return false; }
    this.bra = this.cursor;
    this.limit_backward = v_2;
    if (among_var === 1) {
      this.slice_del();
    } else if (among_var === 2) {
      var v_3 = this.limit - this.cursor;
      var matched = false;
      if (this.eq_s_b("et") && this.r_et_condition()) {
        this.bra = this.cursor;
        matched = true;
      }
      if (!matched) {
        this.cursor = this.limit - v_3;
        if (!this.in_grouping_b(g_s_ending)) return false;
      }
      this.slice_del();
    } else {
      if (!this.r_et_condition()) return false;
      this.slice_del();
    }
    return true;
  };

  P.r_consonant_pair = function () {
    if (this.cursor < this.I_p1) return false;
    var v_2 = this.limit_backward;
    this.limit_backward = this.I_p1;
    var v_3 = this.limit - this.cursor;
    if (this.find_among_b(a_2) === 0) { this.limit_backward = v_2; return false; }
    this.cursor = this.limit - v_3;
    this.ket = this.cursor;
    if (this.cursor <= this.limit_backward) { this.limit_backward = v_2; return false; }
    this.cursor -= 1;
    this.bra = this.cursor;
    this.slice_del();
    this.limit_backward = v_2;
    return true;
  };

  P.r_other_suffix = function () {
    if (this.cursor < this.I_p1) return false;
    var v_2 = this.limit_backward;
    this.limit_backward = this.I_p1;
    this.ket = this.cursor;
    var among_var = this.find_among_b(a_3);
    if (among_var === 0) { this.limit_backward = v_2; return false; }
    this.bra = this.cursor;
    this.limit_backward = v_2;
    if (among_var === 1) {
      this.slice_del();
    } else if (among_var === 2) {
      if (!this.in_grouping_b(g_ost_ending)) return false;
      this.slice_from("ös");
    } else {
      this.slice_from("full");
    }
    return true;
  };

  P._stem = function () {
    var v_1 = this.cursor;
    this.r_mark_regions();
    this.cursor = v_1;
    this.limit_backward = this.cursor;
    this.cursor = this.limit;
    var v_2 = this.limit - this.cursor;
    this.r_main_suffix();
    this.cursor = this.limit - v_2;
    var v_3 = this.limit - this.cursor;
    this.r_consonant_pair();
    this.cursor = this.limit - v_3;
    var v_4 = this.limit - this.cursor;
    this.r_other_suffix();
    this.cursor = this.limit - v_4;
    this.cursor = this.limit_backward;
    return true;
  };

  P.stemWord = function (word) {
    this.set_current(word);
    this._stem();
    return this.current;
  };

  var shared = new SwedishStemmer();
  var api = { stem: function (word) { return shared.stemWord(word); } };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PortalSnowballSwedish = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
