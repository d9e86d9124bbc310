// Search, then pick (core/pickers.py, decisions 0027 and 0039): lists what is found as the
// officer types, from the picker's staff-only JSON search, as the same radio buttons or
// checkboxes the page shows without JavaScript (where the "Find" button sends the form back
// instead). The words come from the server, so both ways say the same. What is chosen stays
// first and ticked whatever is searched next.
(function () {
  "use strict";
  if (window.tenantvoicePicker || !window.fetch || !document.querySelectorAll) { return; }
  window.tenantvoicePicker = true;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function enhance(picker) {
    var name = picker.getAttribute("data-name");
    var baseId = picker.getAttribute("data-id");
    var url = picker.getAttribute("data-url");
    var multiple = picker.getAttribute("data-multiple") === "yes";
    var legendText = picker.getAttribute("data-legend-searched");
    var box = document.getElementById(baseId + "_q");
    var status = document.getElementById(baseId + "_status");
    var results = document.getElementById(baseId + "_results");
    var find = picker.querySelector("button[name='" + name + "_find']");
    if (!box || !status || !results || !url) { return; }
    var timer = null;
    var asked = "";

    function choice(item, checked) {
      var id = baseId + "_" + item.id;
      var div = el("div", { "class": "choice" });
      var input = el("input", { type: multiple ? "checkbox" : "radio", name: name, value: String(item.id), id: id });
      input.checked = checked;
      var label = el("label", { "for": id }, item.name);
      if (item.detail) { label.appendChild(el("span", { "class": "picker__detail" }, item.detail)); }
      div.appendChild(input);
      div.appendChild(label);
      return div;
    }

    function show(data) {
      // Keep what is ticked (its whole row, label included), then add what was found.
      var kept = [];
      var keptIds = {};
      Array.prototype.forEach.call(results.querySelectorAll("input:checked"), function (input) {
        keptIds[input.value] = true;
        kept.push(input.closest(".choice"));
      });
      status.textContent = data.status;
      results.textContent = "";
      var found = data.results.filter(function (item) { return !keptIds[String(item.id)]; });
      if (!kept.length && !found.length) { return; }
      var fieldset = el("fieldset", { "class": "fieldset" });
      fieldset.appendChild(el("legend", { "class": "fieldset__legend" }, legendText));
      var choices = el("div", { "class": "choices" });
      kept.forEach(function (row) { choices.appendChild(row); });
      found.forEach(function (item) { choices.appendChild(choice(item, false)); });
      fieldset.appendChild(choices);
      results.appendChild(fieldset);
    }

    function search() {
      var query = box.value.trim();
      if (query.length < 2 || query === asked) { return; }
      asked = query;
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) { if (box.value.trim() === query) { show(data); } })
        .catch(function () { asked = ""; });  // the "Find" button still works
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 300);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {  // Enter searches; it does not send the whole form
        event.preventDefault();
        window.clearTimeout(timer);
        asked = "";
        search();
      }
    });
    if (find) {
      find.addEventListener("click", function (event) {
        event.preventDefault();
        asked = "";
        search();
      });
    }
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), enhance); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
