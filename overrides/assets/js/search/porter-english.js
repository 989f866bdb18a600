/*
 * Porter stemmer for English as lunr.js 2.3.9 implements it (MIT licence, Oliver Nightingale), kept
 * line for line like hooks/portal/search/stemmers.py's stem_en, so the browser stems as the build does.
 * tests/search/test_search_browser.py compares both on every English word of the portal.
 */
(function (root) {
  "use strict";

  var step2list = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al",
    iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log"
  };
  var step3list = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };

  var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
  var mgr0 = new RegExp("^(" + C + ")?" + V + C);
  var meq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var mgr1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var sV = new RegExp("^(" + C + ")?" + v);

  var re1a = /^(.+?)(ss|i)es$/, re21a = /^(.+?)([^s])s$/;
  var re1b = /^(.+?)eed$/, re21b = /^(.+?)(ed|ing)$/;
  var re21b2 = /(at|bl|iz)$/, re31b2 = /([^aeiouylsz])\1$/, re41b2 = new RegExp("^" + C + v + "[^aeiouwxy]$");
  var re1c = /^(.+?[^aeiou])y$/;
  var re2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var re3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var re4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var re24 = /^(.+?)(s|t)(ion)$/;
  var re5 = /^(.+?)e$/, re51 = /ll$/, re35 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  function stem(w) {
    var m, s, firstch;
    if (w.length < 3) return w;
    firstch = w.charAt(0);
    if (firstch === "y") w = "Y" + w.slice(1);
    if ((m = re1a.exec(w))) w = m[1] + m[2];
    else if ((m = re21a.exec(w))) w = m[1] + m[2];
    if ((m = re1b.exec(w))) {
      if (mgr0.test(m[1])) w = w.slice(0, -1);
    } else if ((m = re21b.exec(w))) {
      s = m[1];
      if (sV.test(s)) {
        w = s;
        if (re21b2.test(w)) w += "e";
        else if (re31b2.test(w)) w = w.slice(0, -1);
        else if (re41b2.test(w)) w += "e";
      }
    }
    if ((m = re1c.exec(w))) w = m[1] + "i";
    if ((m = re2.exec(w)) && mgr0.test(m[1])) w = m[1] + step2list[m[2]];
    if ((m = re3.exec(w)) && mgr0.test(m[1])) w = m[1] + step3list[m[2]];
    if ((m = re4.exec(w))) {
      if (mgr1.test(m[1])) w = m[1];
    } else if ((m = re24.exec(w))) {
      s = m[1] + m[2];
      if (mgr1.test(s)) w = s;
    }
    if ((m = re5.exec(w))) {
      s = m[1];
      if (mgr1.test(s) || (meq1.test(s) && !re35.test(s))) w = s;
    }
    if (re51.test(w) && mgr1.test(w)) w = w.slice(0, -1);
    if (firstch === "y") w = "y" + w.slice(1);
    return w;
  }

  var api = { stem: stem };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PortalPorterEnglish = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
