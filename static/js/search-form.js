// Progressive enhancement of the search forms: a search is sent without its empty fields and
// without the default sort, so its URL says only what was asked and can be shared as it is.
// Without JavaScript the form is sent whole and the server answers at the same clean URL.
(function () {
  "use strict";
  function cleanQuery(form) {
    var pairs = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.type === "submit" || field.type === "button") { return; }
      if ((field.type === "checkbox" || field.type === "radio") && !field.checked) { return; }
      if (field.value.trim() === "") { return; }
      pairs.push([field.name, field.value]);
    });
    return new URLSearchParams(pairs).toString();
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.search[method=get]")) { return; }
    event.preventDefault();
    var query = cleanQuery(form);
    window.location.assign(form.action + (query ? "?" + query : ""));
  });
})();
