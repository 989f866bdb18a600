/* Quick exit ("Lämna sidan snabbt"), after the GOV.UK "Exit this page" pattern, on every page and
   embed view. The link works without JavaScript; with it, the page is blanked at once and the
   current history entry is replaced, so Back does not return here. Shift pressed three times
   (within a second each) does the same. In an embed view the link targets the top window: the
   partner's page is replaced, not just the frame. */
(function () {
  "use strict";
  var link = document.querySelector("[data-portal-exit-link]");
  if (!link) return;

  function leave(event) {
    var target = link.target === "_top" ? window.top : window;
    try {
      target.location.replace(link.href);
    } catch (e) {
      // The browser refused (a sandboxed frame without user activation): the link itself, with
      // its target, still leaves.
      if (!event) link.click();
      return;
    }
    if (event) event.preventDefault();
    document.documentElement.style.visibility = "hidden";
    document.title = "";
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
