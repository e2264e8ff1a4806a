// "Add a row" for a formset: a button with data-add-row="<prefix>" appends a copy of the
// <template id="<prefix>-empty"> row to #<prefix>-rows and counts it in the management form.
// Without JavaScript the form still offers its empty rows; saving ignores the blank ones.
(function () {
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.dataset.addRow;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.getElementById(prefix + "-empty");
      var rows = document.getElementById(prefix + "-rows");
      if (!total || !template || !rows) return;
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, total.value));
      total.value = parseInt(total.value, 10) + 1;
      var inputs = rows.querySelectorAll("input[type=text]");
      if (inputs.length) inputs[inputs.length - 1].focus();
    });
  });
})();
