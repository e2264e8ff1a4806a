// The review queue: "tick all" ticks every application of the page. The listener sits on the
// document because htmx swaps the results (and the box) when the filters change.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-tick-all]")) return;
    document.querySelectorAll("[data-tick]").forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
})();
