// Draws the home page's "talents by tier" bar chart from the JSON the page embeds.
(function () {
  const element = document.getElementById("tier-chart");
  if (!element || !window.echarts) return;
  const names = JSON.parse(document.getElementById("tier-names").textContent);
  const counts = JSON.parse(document.getElementById("tier-counts").textContent);
  const chart = window.echarts.init(element);
  chart.setOption({
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", formatter: window.talentzoneTooltip() }, // core/chart_tooltip.js
    xAxis: { type: "value" },
    yAxis: { type: "category", data: names, inverse: true },
    series: [{ type: "bar", data: counts, label: { show: true, position: "right" } }],
  });
  window.addEventListener("resize", () => chart.resize());
})();
