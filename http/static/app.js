// Docket's one script: suggestions while typing in a search box. Every page works without it;
// the suggestions come from /suggest, which answers as the signed-in viewer, like any page.
(function () {
  "use strict";
  function setup(input) {
    var form = input.form;
    var list = form.querySelector(".suggest");
    if (!list) {
      list = document.createElement("ul");
      list.className = "suggest";
      list.setAttribute("role", "listbox");
      list.id = input.id + "-suggestions";
      list.hidden = true;
      form.style.position = "relative";
      form.appendChild(list);
      input.setAttribute("aria-controls", list.id);
      input.setAttribute("aria-autocomplete", "list");
    }
    input.setAttribute("role", "combobox");
    var timer = null, seq = 0, active = -1, items = [];
    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      items = [];
    }
    function mark(i) {
      items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
    }
    function show(suggestions) {
      close();
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        var name = document.createElement("span");
        name.textContent = s.caption;
        var schema = document.createElement("span");
        schema.className = "s-schema";
        schema.textContent = s.schema;
        li.appendChild(name);
        li.appendChild(schema);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = s.url; });
        li.dataset.url = s.url;
        list.appendChild(li);
        items.push(li);
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (body) { if (mine === seq) show(body.suggestions || []); })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(Math.max(active - 1, -1)); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = items[active].dataset.url; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  document.querySelectorAll("input[data-suggest]").forEach(setup);
  // A form sent back with errors: move to its summary, so a screen reader reads it first.
  var errors = document.getElementById("errors");
  if (errors) errors.focus();
})();
