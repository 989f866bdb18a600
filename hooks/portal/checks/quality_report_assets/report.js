/* Sorting the quality report's tables (/kvalitet/, preview builds only). Each column header becomes
   a button (aria-sort says the order); on a phone, where the headers are hidden and rows are cards,
   a "Sortera efter" list above the table does the same. Cells sort by data-sort when they have it
   (numbers, a link's page title), else by their text, in the page's language. Without scripts the
   tables stay as built. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "sv").slice(0, 2);
  var words = {
    sv: { sortBy: "Sortera efter", asc: "stigande", desc: "fallande", none: "ordning som byggd" },
    en: { sortBy: "Sort by", asc: "ascending", desc: "descending", none: "order as built" }
  }[lang === "en" ? "en" : "sv"];
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });

  function key(row, column) {
    var cell = row.cells[column];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function sort(table, column, direction) {
    var body = table.tBodies[0];
    var numeric = table.tHead.rows[0].cells[column].hasAttribute("data-numeric");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, column), y = key(b, column);
      var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : collator.compare(x, y);
      return direction === "descending" ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (index === column) { th.setAttribute("aria-sort", direction); } else { th.removeAttribute("aria-sort"); }
    });
    var list = table.previousElementSibling;
    if (list && list.classList.contains("portal-report-sort")) {
      list.querySelector("select").value = column + ":" + direction;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.portal-report"), function (table) {
    if (table.hasAttribute("data-unsortable") || !table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) {
      return;
    }
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var label = document.createElement("label");
    label.className = "portal-report-sort";
    label.appendChild(document.createTextNode(words.sortBy));
    var select = document.createElement("select");
    var first = document.createElement("option");
    first.value = "";
    first.textContent = words.none;
    select.appendChild(first);
    headers.forEach(function (th, column) {
      var name = th.textContent.trim();
      if (!name) { return; }
      ["ascending", "descending"].forEach(function (direction) {
        var option = document.createElement("option");
        option.value = column + ":" + direction;
        option.textContent = name + " (" + (direction === "ascending" ? words.asc : words.desc) + ")";
        select.appendChild(option);
      });
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = name;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        sort(table, column, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
      });
    });
    select.addEventListener("change", function () {
      if (!select.value) { return; }
      var parts = select.value.split(":");
      sort(table, parseInt(parts[0], 10), parts[1]);
    });
    label.appendChild(select);
    table.parentNode.insertBefore(label, table);
  });
})();
