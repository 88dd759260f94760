// The search form's "Add a filter" autocomplete: officials, countries and outlets by name, from
// /api/suggest, after the WAI-ARIA 1.2 combobox pattern (an input that controls a listbox popup,
// the option under the arrow keys named by aria-activedescendant while focus stays in the input).
// Choosing an option adds its filter to the search and sends the form. Without JavaScript the widget
// stays hidden and every facet's full list ("All N ... values") is the plain list to choose from.
(function () {
  "use strict";
  var KINDS = { official: "Official", country: "Country", source: "Source" };
  var DELAY_MS = 200;
  var MIN_CHARS = 2;

  function setUp(widget) {
    var input = widget.querySelector("[role=combobox]");
    var list = widget.querySelector("[role=listbox]");
    var status = widget.querySelector("[role=status]");
    var form = widget.closest("form");
    var endpoint = widget.getAttribute("data-endpoint");
    var allowed = (widget.getAttribute("data-fields") || "").split(" ");
    var options = [];
    var active = -1;
    var timer = null;
    var sequence = 0;
    widget.hidden = false;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      options = suggestions.filter(function (s) { return allowed.indexOf(s.field) !== -1; }).map(function (s, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.param = s.field;
        option.dataset.value = s.value;
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = s.label + (s.matched ? " (" + s.matched + ")" : "");
        var detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = KINDS[s.field] + (s.country ? ", " + s.country : "") + " · " + s.articles +
          " article" + (s.articles === 1 ? "" : "s");
        option.appendChild(name);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(detail);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(option); });
        list.appendChild(option);
        return option;
      });
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length + " suggestion" + (options.length === 1 ? "" : "s") +
          ": use the arrow keys to choose.";
      } else {
        close();
        status.textContent = "No official, country or source by that name.";
      }
      highlight(-1);
    }

    function lookUp() {
      var text = input.value.trim();
      if (text.length < MIN_CHARS) { close(); status.textContent = ""; return; }
      var mine = ++sequence;
      var url = endpoint + "?" + new URLSearchParams({ field: "any", q: text, limit: "6" }).toString();
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (mine === sequence) { show(data.suggestions || []); } })
        .catch(function () { if (mine === sequence) { close(); } });
    }

    function choose(option) {
      var name = option.dataset.param;
      var value = option.dataset.value;
      var present = Array.prototype.some.call(form.querySelectorAll("input[type=hidden]"), function (field) {
        return field.name === name && field.value === value;
      });
      if (!present) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name;
        hidden.value = value;
        form.appendChild(hidden);
      }
      close();
      input.value = option.querySelector(".name").textContent;
      status.textContent = "Adding the filter " + input.value + ".";
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { if (options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } else { lookUp(); } return; }
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (open) { highlight(active > 0 ? active - 1 : options.length - 1); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(options[active]); }
        else if (open || input.value.trim()) { event.preventDefault(); }  // never send the form with a half-typed name
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else { input.value = ""; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-combobox]"), setUp);
  });
})();
