// Progressive enhancement for the article page: a "Copy citation" button.
// Without JavaScript the citation stays a selectable, read-only text box.
(function () {
  "use strict";
  function setUp(button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function (message) { if (status) { status.textContent = message; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.value).then(
          function () { done("Citation copied."); },
          function () { source.select(); done("Press Ctrl+C (or ⌘C) to copy the selected citation."); }
        );
      } else {
        source.select();
        done("Press Ctrl+C (or ⌘C) to copy the selected citation.");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy-from]"), setUp);
  });
})();
