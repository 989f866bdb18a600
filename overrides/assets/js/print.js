/* "Skriv ut sidan" / "Print this page" (overrides/portal/print-button.html): the button is in the page
   hidden, so that without JavaScript there is no button that does nothing; this shows it and opens the
   browser's print dialogue. A file, not an inline script: the Content-Security-Policy allows no inline
   script. */
(function () {
  var buttons = document.querySelectorAll("[data-portal-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
