/*
 * The CMIO dashboard page: filters are form controls; every change reloads the figures from
 * /dashboard/api/summary and redraws the charts (Vega-Lite compiled to Vega in the browser, SVG).
 * Clicking a week bar, a heatmap cell or a theme bar lists those reports; each report opens its
 * history. Everything from the server is put on the page as text (textContent), never as HTML.
 */
"use strict";
(function () {
  var form = document.getElementById("filters");
  var statusLine = document.getElementById("status");
  var drill = {};
  var loadSeq = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function query() {
    var p = new URLSearchParams();
    ["from", "to", "unit", "system", "kind", "severity", "safety"].forEach(function (name) {
      var v = form.elements[name].value;
      if (v) p.set(name, v);
    });
    if (drill.week) p.set("drillWeek", drill.week);
    if (drill.unit) p.set("drillUnit", drill.unit);
    if (drill.system) p.set("drillSystem", drill.system);
    if (drill.theme) p.set("drillTheme", drill.theme);
    return p.toString();
  }

  function fillSelect(select, options) {
    var current = select.value;
    while (select.options.length > 1) select.remove(1);
    options.forEach(function (o) {
      select.appendChild(el("option", { value: o.value }, o.label));
    });
    if (current && !options.some((o) => o.value === current))
      select.appendChild(el("option", { value: current }, current));
    select.value = current;
  }

  function table(id, header, rows) {
    var t = document.getElementById(id);
    t.textContent = "";
    var head = el("tr");
    header.forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (cell, i) {
        var td = el("td", { class: i > 0 && typeof cell === "object" && cell !== null ? "num" : null });
        if (cell !== null && typeof cell === "object") {
          td.textContent = cell.text;
          if (cell.drill) {
            td.className += " drill";
            td.addEventListener("click", function () {
              setDrill(cell.drill);
            });
          }
        } else td.textContent = cell === null ? "" : String(cell);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function setDrill(next) {
    drill = next;
    void load();
  }

  function describeDrill(v) {
    var parts = [];
    if (v.drill.week) parts.push("week " + v.drill.week);
    if (v.drill.unit) parts.push(v.drill.unit);
    if (v.drill.system) {
      var s = v.options.systems.find((o) => o.id === v.drill.system);
      parts.push(s ? s.label : v.drill.system);
    }
    if (v.drill.theme) parts.push("theme “" + v.drill.theme + "”");
    return parts.join(" · ");
  }

  function renderReports(v) {
    var d = describeDrill(v);
    document.getElementById("reports-title").textContent =
      "Reports" + (d ? " — " + d : "") + " (" + v.reports.shown + " of " + v.reports.matching + ")";
    document.getElementById("clear-drill").hidden = !d;
    var list = document.getElementById("reports");
    list.textContent = "";
    v.reports.items.forEach(function (r) {
      var li = el("li", { "data-report": r.id });
      var meta = [
        r.id,
        r.createdAt.slice(0, 10),
        r.unit || "no unit",
        r.systemLabel || "unclassified",
        r.kind || "",
        r.severity || "",
        r.statusLabel,
      ];
      if (r.patientSafety) meta.push("patient safety");
      li.appendChild(el("div", { class: "report-meta" }, meta.filter(Boolean).join(" · ")));
      li.appendChild(el("p", { class: "report-text" }, r.text));
      var button = el("button", { type: "button", class: "history-button", "aria-expanded": "false" }, "History");
      var history = el("ol", { class: "history", hidden: "" });
      r.history.forEach(function (h) {
        var line = h.at.slice(0, 16).replace("T", " ") + " UTC · " + h.by + " · " + h.action;
        if (h.from || h.to) line += " (" + (h.from || "–") + " → " + (h.to || "–") + ")";
        if (h.note) line += ": " + h.note;
        history.appendChild(el("li", null, line));
      });
      button.addEventListener("click", function () {
        history.hidden = !history.hidden;
        button.setAttribute("aria-expanded", String(!history.hidden));
      });
      li.appendChild(button);
      li.appendChild(history);
      list.appendChild(li);
    });
  }

  async function render(v) {
    form.elements.from.value = v.range.from;
    form.elements.to.value = v.range.to;
    fillSelect(
      form.elements.unit,
      v.options.units.map((u) => ({ value: u, label: u })),
    );
    fillSelect(
      form.elements.system,
      v.options.systems.map((s) => ({ value: s.id, label: s.label })),
    );
    fillSelect(
      form.elements.kind,
      v.options.kinds.map((k) => ({ value: k.id, label: k.label })),
    );
    fillSelect(
      form.elements.severity,
      v.options.severities.map((s) => ({ value: s, label: s })),
    );
    document.getElementById("kpi-reports").textContent = v.totals.reports.shown;
    document.getElementById("kpi-safety").textContent = v.totals.safety.shown;
    document.getElementById("kpi-open").textContent = v.totals.open.shown;
    document.getElementById("suppression").textContent = v.suppression.method;
    document.getElementById("export").href = "/dashboard/api/export.csv?" + query();

    table(
      "trend-table",
      ["Week", "Reports", "Patient safety"],
      v.trend.map((w) => [w.week, { text: w.reports.shown, drill: { week: w.week } }, { text: w.safety.shown }]),
    );
    var cellRows = v.hotspots.cells.map((c) => [
      c.unit,
      c.systemLabel,
      { text: c.reports.shown, drill: { unit: c.unit, system: c.system } },
    ]);
    v.hotspots.units.forEach((u) =>
      cellRows.push([u.unit, "All systems", { text: u.reports.shown, drill: { unit: u.unit } }]),
    );
    v.hotspots.systems.forEach((s) =>
      cellRows.push(["All units", s.systemLabel, { text: s.reports.shown, drill: { system: s.system } }]),
    );
    cellRows.push(["All units", "All systems", { text: v.hotspots.total.shown }]);
    table("hotspot-table", ["Unit", "System", "Reports"], cellRows);
    var t = v.times;
    var hours = (h) => (h === null ? "–" : String(h));
    table(
      "times-table",
      ["Measure", "Reports", "Median (h)", "p90 (h)"],
      [
        [
          "Acknowledge",
          { text: t.acknowledge.reports.shown },
          { text: hours(t.acknowledge.medianHours) },
          { text: hours(t.acknowledge.p90Hours) },
        ],
        [
          "Resolve",
          { text: t.resolve.reports.shown },
          { text: hours(t.resolve.medianHours) },
          { text: hours(t.resolve.p90Hours) },
        ],
      ],
    );
    table(
      "themes-table",
      ["Theme", "Reports"],
      v.themes.map((th) => [th.theme, { text: th.reports.shown, drill: { theme: th.theme } }]),
    );
    renderReports(v);

    await window.DashboardCharts.drawAll(v, setDrill);
  }

  async function load() {
    var seq = ++loadSeq;
    statusLine.textContent = "Loading…";
    statusLine.className = "status";
    document.body.removeAttribute("data-loaded");
    try {
      var res = await fetch("/dashboard/api/summary?" + query(), { headers: { accept: "application/json" } });
      var body = res.headers.get("content-type") || "";
      var data = body.indexOf("json") >= 0 ? await res.json() : { error: { message: await res.text() } };
      if (seq !== loadSeq) return;
      if (!res.ok) throw new Error((data.error && data.error.message) || "HTTP " + res.status);
      await render(data);
      if (seq !== loadSeq) return;
      statusLine.textContent =
        "Weeks " +
        data.range.from +
        " to " +
        data.range.to +
        " (" +
        data.range.timeZone +
        "), " +
        data.totals.reports.shown +
        " reports.";
      document.body.setAttribute("data-loaded", query());
    } catch (err) {
      if (seq !== loadSeq) return;
      statusLine.textContent = "The dashboard could not be loaded: " + err.message;
      statusLine.className = "status error";
    }
  }

  form.addEventListener("change", function () {
    drill = {};
    void load();
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  document.getElementById("clear-drill").addEventListener("click", function () {
    setDrill({});
  });
  void load();
})();
