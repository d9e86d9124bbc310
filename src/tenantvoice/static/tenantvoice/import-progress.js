// Keeps an import's progress up to date without reloading the whole page. Without
// JavaScript the page has a "Check progress" link instead.
(function () {
  "use strict";
  var region = document.getElementById("import-progress");
  if (!region || !window.fetch || !window.DOMParser) { return; }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-progress");
        if (!fresh) { window.location.reload(); return; }
        var bar = region.querySelector("progress");
        var freshBar = fresh.querySelector("progress");
        var label = region.querySelector("label");
        var freshLabel = fresh.querySelector("label");
        if (bar && freshBar) { bar.value = freshBar.value; bar.textContent = freshBar.textContent; }
        if (label && freshLabel) { label.textContent = freshLabel.textContent; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
}());
