// While a need is being written, show the needs that resemble it, so that its writer can
// join one instead of registering a duplicate. Without JavaScript the form's "Show similar
// needs" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form.need-form");
  var box = document.getElementById("similar");
  if (!form || !box) { return; }
  document.documentElement.classList.add("js");
  var fields = ["title", "how_might_we", "problem"];
  var timer = null;
  function update() {
    var params = new URLSearchParams();
    fields.forEach(function (name) {
      var el = form.elements[name];
      if (el) { params.set(name, el.value); }
    });
    params.set("exclude", box.dataset.exclude || "0");
    fetch("/needs/similar?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { box.innerHTML = html; } })
      .catch(function () {});
  }
  form.addEventListener("input", function (e) {
    if (fields.indexOf(e.target.name) < 0) { return; }
    clearTimeout(timer);
    timer = setTimeout(update, 600);
  });
})();
