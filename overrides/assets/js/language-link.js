/* The link to the other language keeps the section the reader is at: "#anchor" of the address is
   added to it, on hover and focus (so the status bar shows it) and when it is followed. */
(function () {
  "use strict";
  var links = document.querySelectorAll("[data-portal-lang-link]");
  function withHash(link) {
    var url = new URL(link.href, location.href);
    url.hash = location.hash;
    link.href = url.href;
  }
  for (var i = 0; i < links.length; i++) {
    ["click", "focus", "mouseenter", "auxclick", "contextmenu"].forEach(function (type) {
      this.addEventListener(type, function () { withHash(this); });
    }, links[i]);
  }
})();
