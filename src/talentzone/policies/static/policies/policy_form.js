// The office's policy form: show only the amount inputs the chosen formula uses (none for an
// in-kind policy), and a stage's department only for department reviewers; "Add" appends an
// empty row to a formset. Without JavaScript every input shows, and saving ignores the ones the
// formula does not use.
(function () {
  "use strict";
  var form = document.getElementById("policy-form");
  if (!form) return;
  function showFormulaInputs() {
    var kind = form.querySelector("[name=formula]").value;
    form.querySelectorAll("[data-formula]").forEach(function (block) {
      block.hidden = block.dataset.formula.split(" ").indexOf(kind) === -1;
    });
  }
  function showMoneyInputs() {
    var benefit = form.querySelector("[name=benefit]");
    var inKind = benefit && benefit.value === "in_kind";
    form.querySelectorAll("[data-benefit]").forEach(function (block) {
      block.hidden = inKind;
    });
  }
  function showDepartments() {
    form.querySelectorAll("[data-stage-row]").forEach(function (row) {
      var role = row.querySelector("select[name$='-role']");
      var department = row.querySelector("[data-department]");
      if (role && department) department.hidden = role.value !== "reviewer";
    });
  }
  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    if (name === "formula") showFormulaInputs();
    if (name === "benefit") showMoneyInputs();
    if (name.slice(-5) === "-role") showDepartments();
  });
  form.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.dataset.addRow;
      var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
      var html = document.getElementById(prefix + "-empty").innerHTML;
      document.getElementById(prefix + "-rows").insertAdjacentHTML("beforeend", html.replace(/__prefix__/g, total.value));
      total.value = parseInt(total.value, 10) + 1;
      showDepartments();
    });
  });
  showFormulaInputs();
  showMoneyInputs();
  showDepartments();
})();
