/*
 * The dashboard's charts: Vega-Lite specs compiled to Vega in the browser and drawn as SVG (the
 * bundles come from this server). A click on a week bar, a heatmap cell or a theme bar calls
 * `onDrill` with that selection. Suppressed counts are drawn at 1.5 (they are 1 or 2) and labelled "<3".
 */
"use strict";
(function () {
  var views = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** A plotted height for a count: a suppressed one is drawn at 1.5 (it is 1 or 2), labelled "<3". */
  function plotted(count) {
    return count.value !== null ? count.value : count.withheld === "small" ? 1.5 : count.atLeast || 0;
  }

  async function draw(name, spec, onClick) {
    var container = document.getElementById(name + "-chart");
    if (views[name]) views[name].finalize();
    container.textContent = "";
    views[name] = null;
    if (spec.data.values.length === 0) {
      container.appendChild(el("p", { class: "hint" }, "Nothing to show for these filters."));
      return;
    }
    var compiled = vegaLite.compile(spec).spec;
    var view = new vega.View(vega.parse(compiled), { renderer: "svg", container: container, hover: true });
    if (onClick)
      view.addEventListener("click", function (_event, item) {
        if (item && item.datum) onClick(item.datum);
      });
    views[name] = view;
    await view.runAsync();
  }

  async function drawAll(v, onDrill) {
    var setDrill = onDrill;
    var t = v.times;
    var trendData = v.trend.map((w) => ({
      week: w.week,
      reports: plotted(w.reports),
      reportsShown: w.reports.shown,
      safety: plotted(w.safety),
      safetyShown: w.safety.shown,
      label: w.week + ": " + w.reports.shown + " reports",
    }));
    await draw(
      "trend",
      {
        $schema: "https://vega.github.io/schema/vega-lite/v5.json",
        width: "container",
        height: 200,
        data: { values: trendData },
        encoding: { x: { field: "week", type: "ordinal", title: null, axis: { labelAngle: -45 } } },
        layer: [
          {
            mark: { type: "bar", color: "#0f6cbd", cursor: "pointer" },
            encoding: {
              y: { field: "reports", type: "quantitative", title: "Reports" },
              tooltip: [
                { field: "week" },
                { field: "reportsShown", title: "reports" },
                { field: "safetyShown", title: "patient safety" },
              ],
              description: { field: "label" },
            },
          },
          {
            mark: { type: "line", color: "#c50f1f", point: true },
            encoding: { y: { field: "safety", type: "quantitative" }, description: { field: "safetyShown" } },
          },
        ],
      },
      (d) => d.week && setDrill({ week: d.week }),
    );
    var heat = v.hotspots.cells.map((c) => ({
      unit: c.unit,
      system: c.system,
      systemLabel: c.systemLabel,
      reports: plotted(c.reports),
      shown: c.reports.shown,
      label: c.unit + " × " + c.systemLabel + ": " + c.reports.shown,
    }));
    await draw(
      "heatmap",
      {
        $schema: "https://vega.github.io/schema/vega-lite/v5.json",
        width: { step: 56 },
        height: { step: 26 },
        data: { values: heat },
        encoding: {
          x: {
            field: "systemLabel",
            type: "nominal",
            title: null,
            sort: v.hotspots.systems.map((s) => s.systemLabel),
            axis: { labelAngle: -40 },
          },
          y: { field: "unit", type: "nominal", title: null, sort: v.hotspots.units.map((u) => u.unit) },
        },
        layer: [
          {
            mark: { type: "rect", cursor: "pointer" },
            encoding: {
              color: { field: "reports", type: "quantitative", title: "Reports", scale: { scheme: "oranges" } },
              tooltip: [
                { field: "unit" },
                { field: "systemLabel", title: "system" },
                { field: "shown", title: "reports" },
              ],
              description: { field: "label" },
            },
          },
          { mark: { type: "text", fontSize: 11, cursor: "pointer" }, encoding: { text: { field: "shown" } } },
        ],
      },
      (d) => d.unit && d.system && setDrill({ unit: d.unit, system: d.system }),
    );
    var timeData = [];
    [
      ["Acknowledge", t.acknowledge],
      ["Resolve", t.resolve],
    ].forEach(function (pair) {
      if (pair[1].medianHours !== null) timeData.push({ measure: pair[0], stat: "median", hours: pair[1].medianHours });
      if (pair[1].p90Hours !== null) timeData.push({ measure: pair[0], stat: "p90", hours: pair[1].p90Hours });
    });
    await draw("times", {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      width: "container",
      height: 120,
      data: { values: timeData },
      mark: "bar",
      encoding: {
        y: { field: "measure", type: "nominal", title: null },
        yOffset: { field: "stat" },
        x: { field: "hours", type: "quantitative", title: "Hours" },
        color: { field: "stat", type: "nominal", title: null, scale: { range: ["#0f6cbd", "#8a8886"] } },
        tooltip: [{ field: "measure" }, { field: "stat" }, { field: "hours" }],
      },
    });
    await draw(
      "themes",
      {
        $schema: "https://vega.github.io/schema/vega-lite/v5.json",
        width: "container",
        data: {
          values: v.themes.map((th) => ({
            theme: th.theme,
            reports: plotted(th.reports),
            shown: th.reports.shown,
            label: th.theme + ": " + th.reports.shown + " reports",
          })),
        },
        mark: { type: "bar", color: "#5c2e91", cursor: "pointer" },
        encoding: {
          y: { field: "theme", type: "nominal", title: null, sort: "-x" },
          x: { field: "reports", type: "quantitative", title: "Reports" },
          tooltip: [{ field: "theme" }, { field: "shown", title: "reports" }],
          description: { field: "label" },
        },
      },
      (d) => d.theme && setDrill({ theme: d.theme }),
    );
  }

  window.DashboardCharts = { drawAll: drawAll };
})();
