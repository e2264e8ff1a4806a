// window.talentzoneTooltip(valueFormatter): an ECharts tooltip formatter that builds the tooltip
// as elements. ECharts' own tooltip markup carries style="" attributes, which the
// Content-Security-Policy blocks; this one has the same layout with classes (utilities.css,
// .tz-tip-*) and sets each marker's colour through the CSSOM, which the policy allows.
//
//   axis tooltip:  the category, then per series a marker, the series' name (if it has one)
//                  and the value on the right
//   item tooltip:  the series' name (if it has one), then a marker, the item's name, the value
(function () {
  "use strict";

  // ECharts names an unnamed series "series\0<index>" and shows no name for it.
  function named(name) {
    return name !== undefined && name !== null && name !== "" && String(name).indexOf("series\u0000") !== 0;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }

  function colourOf(param) {
    const colour = param.color;
    if (typeof colour === "string") return colour;
    return colour && colour.colorStops && colour.colorStops[0] ? colour.colorStops[0].color : "";
  }

  function defaultValue(value) {
    if (value === null || value === undefined || value === "") return "-";
    return typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 20 }) : String(value);
  }

  function row(param, name, format) {
    const line = element("div", "tz-tip-row");
    const marker = element("span", "tz-tip-marker");
    marker.style.backgroundColor = colourOf(param);
    line.append(marker);
    if (named(name)) line.append(element("span", "tz-tip-name", name));
    line.append(element("span", "tz-tip-value", format(param.value, param.dataIndex)));
    return line;
  }

  window.talentzoneTooltip = function (valueFormatter) {
    const format = valueFormatter || defaultValue;
    return function (params) {
      const axis = Array.isArray(params);
      const list = axis ? params : [params];
      if (!list.length) return "";
      const tip = element("div", "tz-tip");
      const header = axis ? list[0].axisValueLabel : list[0].seriesName;
      if (named(header)) tip.append(element("div", "tz-tip-header", header));
      const rows = element("div", "tz-tip-rows");
      list.forEach((param) => rows.append(row(param, axis ? param.seriesName : param.name, format)));
      tip.append(rows);
      return tip;
    };
  };
})();
