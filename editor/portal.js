/* The portal's format and widgets for Decap CMS, used by the local editor (`make edit`) and the
 * hosted one. Loaded as a module after decap-cms.js (manual-init.js holds Decap back), it registers
 * them and then starts the CMS.
 *
 * portal-frontmatter: reads and writes pages as the build expects them: the keys in the schema's
 *   order, the schema line editors' YAML support reads, short lists as [a, b], dates as YYYY-MM-DD,
 *   text quoted only where plain YAML could be misread (PyYAML reads YAML 1.1: `no` is false there),
 *   and no empty fields: Decap writes '' or null for an optional field left empty, which the
 *   build's validator rejects ("'' is not a date"); no file for a language that has only the fields
 *   both languages share.
 * portal-body: Decap's Markdown editor, pre-filled on a new page with the sections its type requires,
 *   in the language of the pane (Decap has one default per field, not one per language).
 * portal-translation: on the English side, records which Swedish text the English page translates
 *   (translation.source_revision), computed here exactly as portal.content.translation.revision does
 *   in Python, and shows whether the English text is up to date. A new page starts as a translation of
 *   the pre-filled Swedish sections, so it shows as out of date once the Swedish text is written,
 *   until the editor presses "Markera som översatt".
 * portal-changes: the change history (`changes`), Decap's list with the first entry of a new page
 *   filled in, in the pane's language. When a file is written, the newest entry records the revision of
 *   the text if it has none or is dated today, as `make changed` does.
 */
import { YAML } from "./yaml/index.js";

(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;
  var DEFAULT_LOCALE = "sv";
  var SWEDISH_TEXT = "portal:swedish-text";   // event: the Swedish body changed (detail: the text)

  // The characters Python's str.strip() and str.rstrip() remove (str.isspace()), so that the hash
  // is the same as the build's.
  var SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var EDGES = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var TRAILING = new RegExp("[" + SPACE + "]+$");

  // SHA-256 (FIPS 180-4), synchronous: the file format (toFile) must record the revision of the text
  // while it writes the file, and crypto.subtle only answers later.
  var K = [];
  (function () {
    var found = 0, n = 2;
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) { if (n % d === 0) { prime = false; break; } }
      if (prime) { K.push((Math.pow(n, 1 / 3) % 1) * 4294967296 | 0); found++; }
      n++;
    }
  })();

  function sha256hex(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length, padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    var w = new Array(64);
    function rotr(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (var off = 0; off < padded.length; off += 64) {
      for (var i = 0; i < 64; i++) {
        if (i < 16) { w[i] = view.getUint32(off + i * 4); continue; }
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], e = h[4], f = h[5], g = h[6], dd = h[3], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (dd + t1) | 0; dd = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + dd, h[4] + e, h[5] + f, h[6] + g, h[7] + hh].map(function (x) { return x | 0; });
    }
    return h.map(function (x) { return ("0000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  // First 12 hex digits of the SHA-256 of the text, line endings and trailing spaces normalised.
  // Python reads files with universal newlines, so a lone CR is a line break there too.
  function revisionNow(body) {
    var lines = String(body || "").replace(/\r\n?/g, "\n").replace(EDGES, "").split("\n")
      .map(function (line) { return line.replace(TRAILING, ""); });
    return sha256hex(new TextEncoder().encode(lines.join("\n"))).slice(0, 12);
  }

  function revision(body) { return Promise.resolve(revisionNow(body)); }
  window.portalRevision = revision;   // the tests compare it with the Python function

  // Today in the editor's own time zone, YYYY-MM-DD.
  function today() {
    var now = new Date();
    return [now.getFullYear(), ("0" + (now.getMonth() + 1)).slice(-2), ("0" + now.getDate()).slice(-2)].join("-");
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "";
  }

  function isNew(props) {
    return Boolean(props.entry && props.entry.get("newRecord"));
  }

  var markdown = CMS.getWidget("markdown");

  var BodyControl = createClass({
    needsDefault: function () {
      var defaults = this.props.field.get("defaults");
      return isNew(this.props) && isEmpty(this.props.value) && defaults &&
        !isEmpty(defaults.get(this.props.locale || DEFAULT_LOCALE));
    },
    componentDidMount: function () {
      if (this.needsDefault()) {
        this.props.onChange(this.props.field.get("defaults").get(this.props.locale || DEFAULT_LOCALE));
      }
    },
    componentDidUpdate: function (previous) {
      // Decap re-renders a widget only when its own value changes, so the English side cannot see
      // the Swedish text change: the Swedish text tells it.
      if ((this.props.locale || DEFAULT_LOCALE) === DEFAULT_LOCALE && previous.value !== this.props.value) {
        document.dispatchEvent(new CustomEvent(SWEDISH_TEXT, { detail: String(this.props.value || "") }));
      }
    },
    render: function () {
      // The Markdown editor reads its value when it mounts: show it once the default is in place.
      return this.needsDefault() ? null : h(markdown.control, this.props);
    }
  });

  var TEXT = {
    swedish: "Den engelska sidan anger vilken svensk text den översätter. Inget att fylla i här.",
    none: "Inte markerad som översatt.",
    current: "Aktuell: den engelska texten översätter den nuvarande svenska texten.",
    outdated: "Inaktuell: den svenska texten har ändrats sedan översättningen. Uppdatera den engelska " +
      "texten och markera den sedan som översatt. Till dess visar den engelska sidan att " +
      "originalet har ändrats.",
    mark: "Markera som översatt",
    revision: "Svensk version nu: "
  };

  function recorded(value) {
    if (isEmpty(value)) { return null; }
    return (value.get ? value.get("source_revision") : value.source_revision) || null;
  }

  var TranslationControl = createClass({
    getInitialState: function () { return { current: null }; },
    isEnglish: function () { return Boolean(this.props.locale) && this.props.locale !== DEFAULT_LOCALE; },
    withRevision: function (hash) {
      // Values are Immutable maps; an empty one is made from the entry (the same Immutable library).
      var base = this.props.value && this.props.value.set ? this.props.value : this.props.entry.clear();
      return base.set("source_revision", hash);
    },
    componentDidMount: function () {
      if (!this.isEnglish()) { return; }
      if (isNew(this.props) && !recorded(this.props.value)) {
        this.props.onChange(this.withRevision(this.props.field.get("new_page_revision")));
      }
      this.follow = this.refresh.bind(this);
      document.addEventListener(SWEDISH_TEXT, this.follow);
      this.refresh({ detail: this.props.entry.getIn(["data", "body"]) });   // the Swedish text now
    },
    componentWillUnmount: function () {
      if (this.follow) { document.removeEventListener(SWEDISH_TEXT, this.follow); }
    },
    refresh: function (event) {
      var body = String(event.detail || "");
      this.body = body;
      var self = this;
      revision(body).then(function (hash) { if (self.body === body) { self.setState({ current: hash }); } });
    },
    mark: function () {
      if (this.state.current) { this.props.onChange(this.withRevision(this.state.current)); }
    },
    render: function () {
      var id = this.props.forID;
      if (!this.isEnglish()) {
        return h("p", { id: id, className: this.props.classNameWrapper }, TEXT.swedish);
      }
      var mine = recorded(this.props.value), current = this.state.current;
      var state = !mine ? "none" : (current === null || mine === current ? "current" : "outdated");
      return h("div", { id: id, className: this.props.classNameWrapper, "data-translation-state": state },
        h("p", { role: "status" }, TEXT[state]),
        h("p", null, h("small", null, TEXT.revision + (current || "…"))),
        h("button", { type: "button", onClick: this.mark, disabled: state === "current" || !current,
                      "data-mark-translated": "" }, TEXT.mark));
    }
  });

  function TranslationPreview() { return null; }

  // portal-changes: Decap's list, started on a new page with the first entry in the pane's language
  // ("Sidan publicerades." / "Page published."), dated today.
  var list = CMS.getWidget("list");

  var ChangesControl = createClass({
    needsDefault: function () {
      var defaults = this.props.field.get("defaults");
      var value = this.props.value;
      return isNew(this.props) && (isEmpty(value) || value.size === 0) && defaults &&
        Boolean(defaults.get(this.props.locale || DEFAULT_LOCALE));
    },
    componentDidMount: function () {
      if (this.needsDefault()) {
        var first = this.props.field.get("defaults").get(this.props.locale || DEFAULT_LOCALE);
        this.props.onChange(first.setIn([0, "date"], today()));
      }
    },
    render: function () {
      return this.needsDefault() ? null : h(list.control, this.props);
    }
  });

  // ------------------------------------------------------------------ the file format

  var FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;   // as portal.content.frontmatter
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var WORD = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;        // ids and vocabulary terms
  // Plain words PyYAML (YAML 1.1) would not read as text.
  var NOT_TEXT = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
  // Characters YAML must not see raw in a double-quoted scalar, beyond what JSON escapes.
  var UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

  function isBlank(value) {
    if (isEmpty(value)) { return true; }
    if (Array.isArray(value)) { return value.length === 0; }
    return typeof value === "object" && Object.keys(value).length === 0;
  }

  // Drops empty values at every depth, and list items that end up empty.
  function clean(value) {
    if (Array.isArray(value)) {
      return value.map(clean).filter(function (item) { return !isBlank(item); });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var item = clean(value[key]);
        if (!isBlank(item)) { out[key] = item; }
      });
      return out;
    }
    return typeof value === "string" && !value.trim() ? "" : value;
  }

  function scalar(value) {
    if (typeof value === "number" || typeof value === "boolean") { return String(value); }
    var text = String(value);
    if (DATE.test(text) || (WORD.test(text) && !NOT_TEXT.test(text))) { return text; }
    return JSON.stringify(text).replace(UNSAFE, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function isScalar(value) { return value === null || typeof value !== "object"; }

  function emit(key, value, indent, lines, comment) {
    var pad = "  ".repeat(indent);
    if (comment) { lines.push(pad + "# " + comment); }
    if (isScalar(value)) {
      lines.push(pad + key + ": " + scalar(value));
    } else if (Array.isArray(value) && value.every(isScalar)) {
      lines.push(pad + key + ": [" + value.map(scalar).join(", ") + "]");
    } else if (Array.isArray(value)) {
      lines.push(pad + key + ":");
      value.forEach(function (item) {
        var inner = [];
        Object.keys(item).forEach(function (k) { emit(k, item[k], indent + 2, inner); });
        inner[0] = pad + "  - " + inner[0].trimStart();
        Array.prototype.push.apply(lines, inner);
      });
    } else {
      lines.push(pad + key + ":");
      Object.keys(value).forEach(function (k) { emit(k, value[k], indent + 1, lines); });
    }
  }

  // The newest change entry records the text it describes (`make check` compares them): an entry
  // added in the form has no revision yet, and an entry dated today describes today's edits too.
  function recordRevision(meta, body) {
    var newest = Array.isArray(meta.changes) && meta.changes[0];
    if (newest && typeof newest === "object" && (!newest.revision || newest.date === today())) {
      newest.revision = revisionNow(body);
    }
  }

  var format = {
    fromFile: function (content) {
      var match = FRONT_MATTER.exec(content);
      if (!match) { return { body: content }; }
      var meta = YAML.parse(match[1] || "") || {};
      meta.body = content.slice(match[0].length);
      return meta;
    },
    toFile: function (data, sortedKeys, comments) {
      var meta = clean(Object.assign({}, data));
      var body = String(data.body || "").replace(/^\s*\n/, "").replace(/\s*$/, "");
      delete meta.body;
      recordRevision(meta, body);
      // Decap copies the shared fields (id, audiences, …) into every language as soon as one changes:
      // a language with neither a title nor a text of its own is no page. An empty file is one Decap
      // does not write, so a page only in Swedish stays so.
      if (!meta.title && !body) { return ""; }
      var order = (sortedKeys || []).filter(function (k) { return k in meta; });
      Object.keys(meta).forEach(function (k) { if (order.indexOf(k) < 0) { order.push(k); } });
      var lines = ["---"];
      order.forEach(function (k) { emit(k, meta[k], 0, lines, (comments || {})[k]); });
      lines.push("---", "");
      return lines.join("\n") + (body ? "\n" + body + "\n" : "");
    }
  };
  window.portalFormat = format;   // the tests write files with it

  CMS.registerCustomFormat("portal-frontmatter", "md", format);
  CMS.registerWidget("portal-body", BodyControl, markdown.preview);
  CMS.registerWidget("portal-translation", TranslationControl, TranslationPreview);
  CMS.registerWidget("portal-changes", ChangesControl, list.preview);
  CMS.init();
})();
