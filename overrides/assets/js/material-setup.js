/* Material for MkDocs' set-up (its partials/javascripts/base.html), moved into a file so that the
   site's Content-Security-Policy needs no inline script. The scope comes from the script element's
   data-scope (the page's base URL), as Material's template wrote it into the inline version.

   One change: nothing is stored in the browser. Material keeps preferences in localStorage;
   readers of this site may be watched, and a trace in the browser's storage can show that they
   were here. __md_get answers as if nothing were stored, __md_set stores nothing. */
__md_scope = new URL(document.currentScript.dataset.scope || ".", location);
__md_hash = function (e) {
  return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
};
__md_get = function () { return null; };
__md_set = function () {};
