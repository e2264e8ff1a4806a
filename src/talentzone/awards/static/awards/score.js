// The scoring page: the expert's own weighted total as they type (their points only; nothing is
// sent). Each criterion's block carries its weight and maximum (data-score-weight,
// data-score-max); the total shows once every criterion has points.
(function () {
  "use strict";
  var out = document.querySelector('[data-testid="live-total"]');
  if (!out) return;
  var criteria = Array.prototype.map.call(document.querySelectorAll("[data-score-weight]"), function (block) {
    return {
      input: block.querySelector(".score-input"),
      weight: parseFloat(block.dataset.scoreWeight),
      max: parseFloat(block.dataset.scoreMax),
    };
  });
  function update() {
    var total = 0, complete = true;
    criteria.forEach(function (criterion) {
      var value = parseFloat(criterion.input && criterion.input.value);
      if (isNaN(value)) { complete = false; return; }
      total += value / criterion.max * criterion.weight;
    });
    out.textContent = complete ? total.toFixed(2) : "—";
  }
  criteria.forEach(function (criterion) {
    if (criterion.input) criterion.input.addEventListener("input", update);
  });
  update();
})();
