/* Material for MkDocs' tab target (its partials/javascripts/content.html), moved into a file so
   that the site's Content-Security-Policy needs no inline script: when the address's #fragment
   names a content tab, that tab is opened. Loaded right after the content, as Material did. */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.startsWith("__tabbed_");
  }
})();
