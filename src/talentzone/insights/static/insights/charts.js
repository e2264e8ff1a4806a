// The statistics' charts, drawn with ECharts from the figures' JSON each page embeds
// (<script id="insights-figures">: key → the API's figure JSON) into every [data-chart] element.
//
// - A bar, slice or point whose category has a drill-down URL is clickable (pointer cursor) and
//   opens the list behind it.
// - The wall screen (#overview-config) fetches its figures again from the API every `refresh`
//   seconds and redraws charts, key numbers and as-of times without reloading the page.
// - window.talentzoneCharts[key] is each chart's ECharts instance and
//   window.talentzoneFigures[key] its data (for tests and the browser console);
//   window.talentzoneItemCenter(key, index) the page position of a category's bar or point.
(function () {
  "use strict";
  if (!window.echarts) return;
  const charts = (window.talentzoneCharts = window.talentzoneCharts || {});
  const figures = (window.talentzoneFigures = window.talentzoneFigures || {});
  const locale = document.documentElement.lang === "en" ? "en" : "zh-CN";
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function formatNumber(value) {
    if (value === null || value === undefined) return "–";
    return Number(value).toLocaleString(locale, { maximumFractionDigits: 1 });
  }

  // Large values in 万/亿 (K/M/B in English), one decimal at most, as the page's template does.
  const steps =
    locale === "en"
      ? [[1e9, 1e9, "B"], [1e6, 1e6, "M"], [1e4, 1e3, "K"]]
      : [[1e8, 1e8, "亿"], [1e4, 1e4, "万"]];

  function compactNumber(value) {
    if (value === null || value === undefined) return "–";
    const number = Number(value);
    for (const [from, size, suffix] of steps) {
      if (Math.abs(number) >= from) return formatNumber(number / size) + suffix;
    }
    return formatNumber(number);
  }

  function formatAsOf(iso) {
    // The API gives the zone's local time with its offset: its first 16 characters read as-is.
    return iso ? iso.slice(0, 16).replace("T", " ") : "";
  }

  function withUnit(value, unit) {
    const text = formatNumber(value);
    return unit && value !== null && value !== undefined ? `${text} ${unit}` : text;
  }

  function cursorOf(figure, index) {
    return figure.drill[index] ? "pointer" : "default";
  }

  function optionFor(figure, element) {
    const dark = element.dataset.theme === "dark";
    const big = element.dataset.size === "large";
    const multi = figure.series.length > 1;
    const fontSize = dark ? 15 : 12;
    const common = {
      backgroundColor: "transparent",
      animation: !reducedMotion,
      textStyle: { fontSize },
      tooltip: {
        trigger: figure.chart === "pie" || figure.chart === "funnel" ? "item" : "axis",
        // Built as elements (core/chart_tooltip.js): ECharts' own markup has inline styles.
        formatter: window.talentzoneTooltip((value) => withUnit(value, figure.unit)),
      },
    };
    if (multi || figure.chart === "pie" || figure.chart === "funnel") {
      common.legend = { type: "scroll", top: 0, textStyle: { fontSize } };
    }
    if (figure.chart === "pie" || figure.chart === "funnel") {
      const values = figure.series[0] ? figure.series[0].values : [];
      const data = figure.categories.map((name, index) => ({
        name,
        value: values[index],
        cursor: cursorOf(figure, index),
      }));
      const series =
        figure.chart === "pie"
          ? {
              type: "pie",
              radius: ["35%", "65%"],
              center: ["50%", "58%"],
              data,
              label: { formatter: (p) => `${p.name}\n${formatNumber(p.value)}` },
            }
          : {
              type: "funnel",
              top: 40,
              bottom: 10,
              sort: "none",
              data,
              label: {
                position: "inside",
                formatter: (p) => `${p.name} ${formatNumber(p.value)}`,
                // readable on the light and the dark stages alike
                color: "#fff",
                textBorderColor: "rgba(0, 0, 0, 0.65)",
                textBorderWidth: 3,
              },
            };
      return { ...common, series: [series] };
    }
    const longLabels = figure.categories.some((name) => String(name).length > 6);
    const horizontal =
      figure.chart !== "line" && (figure.categories.length > 7 || (longLabels && !big));
    const categoryAxis = {
      type: "category",
      data: figure.categories,
      inverse: horizontal,
      axisLabel: { fontSize, hideOverlap: true },
    };
    const valueAxis = {
      type: "value",
      // Fewer ticks across a narrow chart, so that 万-sized labels do not run into each other.
      splitNumber: horizontal ? 3 : 5,
      axisLabel: { fontSize, formatter: compactNumber, hideOverlap: true },
      max: figure.unit === "%" ? 100 : undefined, // a share never reads past the whole
    };
    const series = figure.series.map((s) => ({
      name: s.name,
      type: figure.chart === "line" ? "line" : "bar",
      stack: figure.chart === "stacked" ? "total" : undefined,
      smooth: figure.chart === "line",
      smoothMonotone: "x", // a smoothed line never dips below a month's value of 0
      areaStyle: figure.chart === "line" && !multi ? { opacity: 0.15 } : undefined,
      barMaxWidth: 48,
      emphasis: { focus: multi ? "series" : "none" },
      label: {
        show: !multi && figure.chart !== "line",
        position: horizontal ? "right" : "top",
        formatter: (p) => compactNumber(p.value),
        fontSize,
      },
      data: s.values.map((value, index) => ({ value, cursor: cursorOf(figure, index) })),
    }));
    return {
      ...common,
      // Room on the right for the value written after the longest horizontal bar.
      grid: { left: 8, right: horizontal ? 56 : 24, top: multi ? 36 : 16, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series,
    };
  }

  function draw(element, figure) {
    const key = element.dataset.chart;
    figures[key] = figure;
    let chart = charts[key];
    if (!chart) {
      chart = window.echarts.init(element, element.dataset.theme === "dark" ? "dark" : null);
      charts[key] = chart;
      chart.on("click", (params) => {
        const url = (figures[key].drill || [])[params.dataIndex];
        if (url) window.location.href = url;
      });
    }
    chart.setOption(optionFor(figure, element), true);
    element.dataset.drawn = "1";
  }

  function drawAll(data) {
    document.querySelectorAll("[data-chart]").forEach((element) => {
      const figure = data[element.dataset.chart];
      if (figure) draw(element, figure);
    });
  }

  window.talentzoneItemCenter = function (key, index, seriesIndex) {
    const chart = charts[key];
    const layout = chart
      .getModel()
      .getSeriesByIndex(seriesIndex || 0)
      .getData()
      .getItemLayout(index);
    const box = chart.getDom().getBoundingClientRect();
    if (layout && layout.width !== undefined) {
      return { x: box.left + layout.x + layout.width / 2, y: box.top + layout.y + layout.height / 2 };
    }
    const point = Array.isArray(layout) ? layout : [layout.x, layout.y];
    return { x: box.left + point[0], y: box.top + point[1] };
  };

  // The wall screen's key numbers and refreshes ---------------------------------------------

  function keyNumber(number, figure) {
    const series = number.series
      ? figure.series.find((s) => s.key === number.series)
      : figure.series[0];
    if (!series) return null;
    if (number.category !== null && number.category !== undefined) {
      const index = figure.keys.indexOf(number.category);
      return index < 0 ? null : series.values[index];
    }
    const left = number.without ? figure.keys.indexOf(number.without) : -1;
    return series.values.reduce(
      (sum, value, index) => (index === left ? sum : sum + (value || 0)),
      0,
    );
  }

  function showMeta(key, figure) {
    document.querySelectorAll(`[data-as-of="${key}"]`).forEach((element) => {
      const full = formatAsOf(figure.as_of);
      // The wall screen leaves the year out (its period says it) to keep each chart on one line.
      element.textContent = element.dataset.short ? full.slice(5) : full;
      element.title = full;
    });
    document.querySelectorAll(`[data-range="${key}"]`).forEach((element) => {
      element.textContent = `${figure.period.start} – ${figure.period.end}`;
    });
  }

  function showNumbers(config) {
    config.numbers.forEach((number) => {
      const figure = figures[number.figure];
      const element = document.querySelector(`[data-number="${number.name}"]`);
      if (figure && element) element.textContent = compactNumber(keyNumber(number, figure));
    });
  }

  async function refresh(config) {
    const status = document.getElementById("refresh-status");
    const results = await Promise.allSettled(
      config.figures.map(async (key) => {
        const response = await fetch(`${config.api}${key}/?${config.query}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error(`${key}: ${response.status}`);
        return [key, await response.json()];
      }),
    );
    let failed = 0;
    results.forEach((result) => {
      if (result.status !== "fulfilled") {
        failed += 1;
        return;
      }
      const [key, figure] = result.value;
      figures[key] = figure;
      const element = document.querySelector(`[data-chart="${key}"]`);
      if (element) draw(element, figure);
      showMeta(key, figure);
    });
    showNumbers(config);
    if (status) {
      const now = new Date();
      status.textContent = now.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
      status.classList.toggle("text-warning", failed > 0);
    }
  }

  const source = document.getElementById("insights-figures");
  drawAll(source ? JSON.parse(source.textContent) : {});
  window.addEventListener("resize", () => Object.values(charts).forEach((chart) => chart.resize()));
  // A chart drawn while hidden (a collapsed section) takes its size once shown.
  document.addEventListener("shown.bs.tab", () => Object.values(charts).forEach((c) => c.resize()));

  const configElement = document.getElementById("overview-config");
  if (configElement) {
    const config = JSON.parse(configElement.textContent);
    if (config.refresh > 0) window.setInterval(() => refresh(config), config.refresh * 1000);
    window.talentzoneRefresh = () => refresh(config);
    const full = document.getElementById("fullscreen-button");
    if (full && document.documentElement.requestFullscreen) {
      full.addEventListener("click", () => {
        if (document.fullscreenElement) document.exitFullscreen();
        else document.documentElement.requestFullscreen();
      });
    } else if (full) {
      full.hidden = true;
    }
  }
})();
