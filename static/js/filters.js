// On a phone a list's filters, sixteen fields, filled the first screens before any result: there they
// start closed, under a summary that says how many are chosen, unless the form has an error to show.
// Without this script, and on a wider screen, they are open, as the page is written.
//
// The markup it reads: <details open data-closed-on-phones [data-has-errors]>...the form...</details>
"use strict";

(function () {
  if (!window.matchMedia("(max-width: 40rem)").matches) {
    return;
  }
  document.querySelectorAll("details[data-closed-on-phones]:not([data-has-errors])").forEach(function (details) {
    details.open = false;
  });
})();
