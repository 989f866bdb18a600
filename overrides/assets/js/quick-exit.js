/* Quick exit ("Lämna sidan snabbt"), after the GOV.UK "Exit this page" pattern.
   The link works without JavaScript; with it, the page is blanked at once and the
   current history entry is replaced, so Back does not return here. */
(function () {
  "use strict";
  var link = document.querySelector("[data-portal-exit-link]");
  if (!link) return;

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    // A held key repeats keydown events: only separate presses count.
    if (event.repeat) return;
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) leave();
  });
})();
