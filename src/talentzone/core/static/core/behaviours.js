// Behaviours that pages ask for with data attributes, so that no page needs inline code (the
// Content-Security-Policy forbids it: no inline <script>, no on*="" handler, no style="").
//
//   <select data-autosubmit>          submits its form when the choice changes
//   <form data-confirm="Question?">   asks before submitting; Cancel keeps the page
//   data-bs-toggle="tooltip"          a Bootstrap tooltip instead of the browser's title
//   data-width="40"                   style.width = 40%   (progress bars)
//   data-colour="#5070dd"             style.backgroundColor (legend dots, score parts)
//   data-fill="25"                    the CSS variable --w = 25% (weight bars)
//
// Widths and colours are written through the CSSOM (element.style), which the policy allows,
// as the elements arrive: this script runs in <head> and watches the document, so an element
// is styled before it is first painted, whether the parser, htmx or a formset's "Add" put it
// there.
(function () {
  "use strict";

  var STYLED = "[data-width], [data-colour], [data-fill]";

  function style(element) {
    var data = element.dataset;
    if (data.width !== undefined && data.width !== "") element.style.width = data.width + "%";
    if (data.colour) element.style.backgroundColor = data.colour;
    if (data.fill !== undefined && data.fill !== "") element.style.setProperty("--w", data.fill + "%");
  }

  function styleWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(STYLED)) style(node);
    node.querySelectorAll(STYLED).forEach(style);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      if (mutation.type === "attributes") style(mutation.target);
      else mutation.addedNodes.forEach(styleWithin);
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-width", "data-colour", "data-fill"],
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches("[data-autosubmit]") && field.form) field.form.submit();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation(); // before htmx or any other handler sees it
    }
  }, true);

  function tooltips(root) {
    if (!window.bootstrap || !root.querySelectorAll) return;
    root.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (element) {
      window.bootstrap.Tooltip.getOrCreateInstance(element);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    styleWithin(document.documentElement); // anything parsed before the observer started
    tooltips(document);
  });
  document.addEventListener("htmx:load", function (event) {
    tooltips(event.target);
  });
})();
