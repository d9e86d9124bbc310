// The resident picker (core/widgets.py, decision 0027): lists the residents found as the
// officer types, from the staff-only JSON search, as the same radio buttons the page shows
// without JavaScript (where the "Find" button sends the form back instead).
(function () {
  "use strict";
  if (window.tenantvoiceResidentPicker || !window.fetch || !document.querySelectorAll) { return; }
  window.tenantvoiceResidentPicker = true;

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
    var box = document.getElementById(baseId + "_q");
    var status = document.getElementById(baseId + "_status");
    var results = document.getElementById(baseId + "_results");
    var find = picker.querySelector("button[name='" + name + "_find']");
    if (!box || !status || !results || !url) { return; }
    var timer = null;
    var asked = "";

    function show(data) {
      var chosen = results.querySelector("input[type=radio]:checked");
      var keep = chosen ? chosen.value : "";
      results.textContent = "";
      if (!data.residents.length) {
        status.textContent = "No residents match \u201c" + data.query + "\u201d. Check the spelling, or try the start of the last name, the person reference or the postcode.";
        return;
      }
      var count = data.residents.length;
      status.textContent = count + " resident" + (count === 1 ? "" : "s") + " found by " + data.kind_of_search +
        (data.more ? " (the first " + count + ": type more to narrow it)" : "") + ". Choose one below.";
      var fieldset = el("fieldset", { "class": "fieldset" });
      fieldset.appendChild(el("legend", { "class": "fieldset__legend" }, "Choose the resident"));
      var choices = el("div", { "class": "choices" });
      data.residents.forEach(function (r) {
        var id = baseId + "_" + r.id;
        var choice = el("div", { "class": "choice" });
        var input = el("input", { type: "radio", name: name, value: String(r.id), id: id });
        if (String(r.id) === keep) { input.checked = true; }
        var label = el("label", { "for": id }, r.name);
        var detail = [r.reference || "No reference", r.address, r.postcode].filter(Boolean).join(", ");
        label.appendChild(el("span", { "class": "resident-picker__detail" }, detail));
        choice.appendChild(input);
        choice.appendChild(label);
        choices.appendChild(choice);
      });
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

  function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-resident-picker]"), enhance); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
