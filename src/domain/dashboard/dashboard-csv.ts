/**
 * The dashboard as CSV: exactly the figures and the list the page shows for the same query, in
 * sections (a title line, a header, rows, a blank line), with the same "<3" and "≥N" cells.
 * RFC 4180 quoting; a cell that a spreadsheet would run as a formula (= + - @, tab, CR) gets a
 * leading apostrophe, so reporter text cannot become one.
 */
import type { DashboardView } from "./dashboard-view";

type Cell = string | number | boolean | null;

function field(value: Cell): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function hours(h: number | null): string {
  return h === null ? "" : String(h);
}

export function dashboardCsv(view: DashboardView): string {
  const lines: string[] = [];
  const row = (...cells: Cell[]) => lines.push(cells.map(field).join(","));
  const section = (title: string, header: Cell[]) => {
    if (lines.length > 0) lines.push("");
    row(title);
    row(...header);
  };
  const f = view.filters;
  const d = view.drill;
  section("Clinician feedback dashboard", ["setting", "value"]);
  row("weeks", `${view.range.from} to ${view.range.to} (${view.range.timeZone})`);
  row("unit", f.unit ?? "all");
  row("system", f.system ?? "all");
  row("kind", f.kind ?? "all");
  row("severity", f.severity ?? "all");
  row("patient safety", f.safety === undefined ? "all" : f.safety ? "yes" : "no");
  row("small cells", view.suppression.method);

  section("Totals", ["figure", "reports"]);
  row("reports", view.totals.reports.shown);
  row("patient safety", view.totals.safety.shown);
  row("open", view.totals.open.shown);

  section("Trend by ISO week", ["week", "reports", "patient safety"]);
  for (const w of view.trend) row(w.week, w.reports.shown, w.safety.shown);

  section("Hotspots: unit × system", ["unit", "system", "reports"]);
  for (const c of view.hotspots.cells) row(c.unit, c.systemLabel, c.reports.shown);
  section("Hotspots: unit totals", ["unit", "reports"]);
  for (const u of view.hotspots.units) row(u.unit, u.reports.shown);
  section("Hotspots: system totals", ["system", "reports"]);
  for (const s of view.hotspots.systems) row(s.systemLabel, s.reports.shown);
  row("all units", view.hotspots.total.shown);

  section("Time to acknowledge and resolve (hours)", ["measure", "reports", "median", "p90"]);
  const t = view.times;
  row("acknowledge", t.acknowledge.reports.shown, hours(t.acknowledge.medianHours), hours(t.acknowledge.p90Hours));
  row("resolve", t.resolve.reports.shown, hours(t.resolve.medianHours), hours(t.resolve.p90Hours));

  section("Top themes", ["theme", "reports"]);
  for (const th of view.themes) row(th.theme, th.reports.shown);

  const drill = [
    d.week && `week ${d.week}`,
    d.unit && `unit ${d.unit}`,
    d.system && `system ${d.system}`,
    d.theme && `theme ${d.theme}`,
  ].filter(Boolean);
  section(
    `Reports (${drill.length ? drill.join(", ") : "all matching"}; ${view.reports.shown} of ${view.reports.matching})`,
    ["id", "created", "week", "unit", "system", "kind", "severity", "patient safety", "status", "text"],
  );
  for (const r of view.reports.items)
    row(
      r.id,
      r.createdAt,
      r.week,
      r.unit,
      r.systemLabel,
      r.kind,
      r.severity,
      r.patientSafety ? "yes" : "no",
      r.statusLabel,
      r.text,
    );
  return `${lines.join("\r\n")}\r\n`;
}
