// Folding for matching names in the browser, as archive/text.py folds them on the server
// (case, accents; the Azerbaijani schwa as "a", the dotless i as "i").
window.parleyFold = function (text) {
  "use strict";
  return String(text).replace(/[əƏ]/g, "a").replace(/ı/g, "i").normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "").toLowerCase();
};
