// Docket's one script: suggestions while typing in a search box, and pickers that find a record
// or a source by name in the forms. Every page works without it (a form's Find button does what
// a picker does); the suggestions come from /suggest and /pick, which answer as the signed-in
// viewer, like any page.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // suggest attaches a list of suggestions to an input: url(q) is where to ask ("" for
  // nowhere), choose(item) what choosing one does.
  function suggest(input, url, choose) {
    var form = input.form;
    // The page's own list when it has one (the search box's #suggestions), else a new one.
    var list = document.getElementById(input.getAttribute("aria-controls") || "");
    if (!list) {
      list = document.createElement("ul");
      list.className = "suggest";
      list.setAttribute("role", "listbox");
      list.id = input.id + "-suggestions";
      list.hidden = true;
      var box = input.closest(".picker") || form;
      box.style.position = "relative";
      box.appendChild(list);
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
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
    function show(results) {
      close();
      results.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        var main = document.createElement("span");
        var name = document.createElement("span");
        name.className = "s-name";
        name.textContent = s.caption;
        main.appendChild(name);
        if (s.detail) {
          var detail = document.createElement("span");
          detail.className = "s-detail";
          detail.textContent = s.detail;
          main.appendChild(detail);
        }
        li.appendChild(main);
        if (s.schema) {
          var schema = document.createElement("span");
          schema.className = "s-schema";
          schema.textContent = s.schema;
          li.appendChild(schema);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); close(); choose(s); });
        li.item = s;
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
      var u = url(q);
      if (q.length < 2 || !u) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(u, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : {}; })
          .then(function (body) { if (mine === seq) show(body.suggestions || body.results || []); })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(Math.max(active - 1, -1)); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); var s = items[active].item; close(); choose(s); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  // The search boxes: choosing a suggestion opens its page.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    suggest(input, function (q) { return input.dataset.suggest + "?q=" + encodeURIComponent(q); },
      function (s) { location.href = s.url; });
  });

  // A reference field: choosing a record keeps its id in the form's pick field and its name in
  // the field; typing again forgets it. The property field says which records it may name.
  var value = document.querySelector("input#value");
  if (value && value.form) {
    var form = value.form;
    var pickField = function () { return form.querySelector('input[type=hidden][name=pick]'); };
    var forget = function () { var p = pickField(); if (p) p.remove(); };
    suggest(value, function (q) {
      return value.dataset.pick ? value.dataset.pick + "&q=" + encodeURIComponent(q) : "";
    }, function (s) {
      value.value = s.caption;
      var p = pickField();
      if (!p) {
        p = document.createElement("input");
        p.type = "hidden";
        p.name = "pick";
        value.parentNode.insertBefore(p, value.nextSibling);
      }
      p.value = s.id;
      value.classList.add("picked");
    });
    value.addEventListener("input", function () { forget(); value.classList.remove("picked"); });
    var prop = form.querySelector("select#property");
    if (prop) {
      var sync = function () {
        var o = prop.options[prop.selectedIndex];
        var u = o && o.dataset.pick;
        if (u) value.dataset.pick = u; else delete value.dataset.pick;
      };
      prop.addEventListener("change", function () { forget(); sync(); });
      sync();
    }
  }

  // The source field: choosing a source found by its words selects it in the list of sources.
  var sourceQ = document.querySelector("input[data-pick-source]");
  var source = document.querySelector("select#source");
  if (sourceQ && source) {
    suggest(sourceQ, function (q) { return sourceQ.dataset.pickSource + "?q=" + encodeURIComponent(q); }, function (s) {
      var opt = Array.prototype.find.call(source.options, function (o) { return o.value === s.id; });
      if (!opt) {
        opt = document.createElement("option");
        opt.value = s.id;
        opt.textContent = s.caption;
        source.insertBefore(opt, source.options[1] || null);
      }
      source.value = s.id;
      sourceQ.value = "";
      source.focus();
    });
  }

  // A form sent back with errors: move to its summary, so a screen reader reads it first.
  var errors = document.getElementById("errors");
  if (errors) errors.focus();
})();
