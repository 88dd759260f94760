// Progressive enhancement of a facet's full list ("All N ... values"): a box that narrows the
// list to the values whose name contains what is typed. Without JavaScript the list is a
// plain list of links, and the box stays hidden.
(function () {
  "use strict";
  var fold = window.parleyFold;
  function setUp(box) {
    var section = document.getElementById(box.getAttribute("data-facet-filter"));
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    if (!section || !input) { return; }
    var items = Array.prototype.slice.call(section.querySelectorAll("li"));
    var labels = items.map(function (item) {
      var label = item.querySelector(".label");
      return fold(label ? label.textContent : item.textContent);
    });
    box.hidden = false;
    var timer = null;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      var shown = 0;
      items.forEach(function (item, i) {
        var visible = !wanted || labels[i].indexOf(wanted) !== -1;
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      // Announce the count once typing pauses, not at every key.
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = wanted ? shown + " of " + items.length + " values shown" : "";
      }, 400);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-facet-filter]"), setUp);
  });
})();
