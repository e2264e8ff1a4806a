// The office's period form: show only the inputs of the chosen kind (year, month or a range).
(function () {
  "use strict";
  const form = document.getElementById("period-form");
  if (!form) return;
  const kind = form.querySelector("[name=kind]");
  function update() {
    form.querySelectorAll("[data-kind]").forEach((group) => {
      const shown = group.dataset.kind === (kind.value || "year");
      group.hidden = !shown;
      group.querySelectorAll("input").forEach((input) => {
        input.disabled = !shown;
      });
    });
  }
  kind.addEventListener("change", update);
  update();
})();
