/**
 * The dashboard's figures from report facts (pure): trend by ISO week (reports, patient safety),
 * hotspots unit × system, time to acknowledge and to resolve (median, p90), top themes, and the ids
 * of the reports the list shows. Small cells are suppressed wherever a unit is named (small-cells.ts).
 */
import type { Catalogue } from "../catalogue";
import { canonicalUnit, labelOfSystem, median, round1, HOUR_MS } from "../digest-stats";
import type { DigestWindow } from "../iso-week";
import type { ReportFact } from "../report-fact";
import { isOpen } from "../status";
import { KIND_LABELS, KINDS, SEVERITIES } from "../taxonomy";
import type { DashboardDrill, DashboardFilters } from "./dashboard-query";
import type { DashboardView, Hotspots, ThemeRow, Timing, WeekRow } from "./dashboard-view";
import { SMALL_CELL_LIMIT, totalBeside, unitCount, type Count } from "./small-cells";

export const SUPPRESSION_METHOD =
  "Counts of 1 or 2 where a unit is named show as <3; a total beside them shows as ≥N (the cells shown plus 1 per suppressed one), never exactly.";
/** Themes listed, most reports first. */
const MAX_THEMES = 10;
/** The safety flag is a figure of its own, not a theme. */
const NOT_THEMES = new Set(["patient-safety"]);

export interface DashboardInput {
  catalogue: Catalogue;
  /** Consecutive ISO weeks, oldest first. */
  windows: readonly DigestWindow[];
  /** Every report created in the windows (unfiltered: the filter controls offer what they hold). */
  facts: readonly ReportFact[];
  filters: DashboardFilters;
  drill: DashboardDrill;
}

/** A fact with its canonical unit and week, computed once. */
interface Row {
  fact: ReportFact;
  unit: string | null;
  week: number;
}

/** Index of the window holding `t` (windows are consecutive), -1 outside. */
function weekIndex(windows: readonly DigestWindow[], t: number): number {
  let lo = 0;
  let hi = windows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = windows[mid] as DigestWindow;
    if (t < w.from.getTime()) hi = mid - 1;
    else if (t >= w.to.getTime()) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function matches(row: Row, f: DashboardFilters): boolean {
  const x = row.fact;
  if (f.unit !== undefined && row.unit !== f.unit) return false;
  if (f.system !== undefined && x.system !== f.system) return false;
  if (f.kind !== undefined && x.kind !== f.kind) return false;
  if (f.severity !== undefined && x.severity !== f.severity) return false;
  if (f.safety !== undefined && x.patientSafety !== f.safety) return false;
  return true;
}

function themesOf(fact: ReportFact): string[] {
  return [...new Set(fact.tags.map((t) => t.trim().toLowerCase()).filter((t) => t && !NOT_THEMES.has(t)))];
}

function drilled(row: Row, d: DashboardDrill, windows: readonly DigestWindow[]): boolean {
  if (d.week !== undefined && windows[row.week]?.period !== d.week) return false;
  if (d.unit !== undefined && row.unit !== d.unit) return false;
  if (d.system !== undefined && row.fact.system !== d.system) return false;
  if (d.theme !== undefined && !themesOf(row.fact).includes(d.theme.toLowerCase())) return false;
  return true;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function largestFirst(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

function trend(rows: readonly Row[], windows: readonly DigestWindow[], unitNamed: boolean): WeekRow[] {
  const reports = new Array<number>(windows.length).fill(0);
  const safety = new Array<number>(windows.length).fill(0);
  for (const r of rows) {
    reports[r.week] = (reports[r.week] ?? 0) + 1;
    if (r.fact.patientSafety) safety[r.week] = (safety[r.week] ?? 0) + 1;
  }
  return windows.map((w, i) => ({
    week: w.period,
    reports: unitCount(reports[i] ?? 0, unitNamed),
    safety: unitCount(safety[i] ?? 0, unitNamed),
  }));
}

function hotspots(catalogue: Catalogue, rows: readonly Row[]): Hotspots {
  const placed = rows.filter((r) => r.unit !== null && r.fact.system !== null);
  const pairs = countBy(placed, (r) => `${r.unit ?? ""}\u0000${r.fact.system ?? ""}`);
  const units = largestFirst(countBy(placed, (r) => r.unit));
  const systems = largestFirst(countBy(placed, (r) => r.fact.system));
  const cells = [...pairs.entries()].map(([key, n]) => {
    const [unit = "", system = ""] = key.split("\u0000");
    return { unit, system, systemLabel: labelOfSystem(catalogue, system), reports: unitCount(n, true) };
  });
  const sumOf = (list: typeof cells) => list.reduce((s, c) => s + (pairs.get(`${c.unit}\u0000${c.system}`) ?? 0), 0);
  const unitRows = units.map((unit) => {
    const line = cells.filter((c) => c.unit === unit);
    return {
      unit,
      reports: totalBeside(
        sumOf(line),
        line.map((c) => c.reports),
        true,
      ),
    };
  });
  const systemCols = systems.map((system) => {
    const line = cells.filter((c) => c.system === system);
    return {
      system,
      systemLabel: labelOfSystem(catalogue, system),
      reports: totalBeside(
        sumOf(line),
        line.map((c) => c.reports),
        false,
      ),
    };
  });
  const unitOrder = new Map(units.map((u, i) => [u, i]));
  const systemOrder = new Map(systems.map((s, i) => [s, i]));
  cells.sort(
    (a, b) =>
      (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) ||
      (systemOrder.get(a.system) ?? 0) - (systemOrder.get(b.system) ?? 0),
  );
  return {
    units: unitRows,
    systems: systemCols,
    cells,
    total: totalBeside(
      placed.length,
      cells.map((c) => c.reports),
      false,
    ),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

function timing(hours: number[], unitNamed: boolean): Timing {
  const reports = unitCount(hours.length, unitNamed);
  if (reports.withheld || hours.length === 0) return { reports, medianHours: null, p90Hours: null };
  hours.sort((a, b) => a - b);
  const med = median(hours);
  const p90 = percentile(hours, 0.9);
  return { reports, medianHours: med === null ? null : round1(med), p90Hours: p90 === null ? null : round1(p90) };
}

function times(rows: readonly Row[], unitNamed: boolean): DashboardView["times"] {
  const ack: number[] = [];
  const res: number[] = [];
  for (const { fact } of rows) {
    const created = fact.createdAt.getTime();
    if (fact.acknowledgedAt) ack.push(Math.max(0, fact.acknowledgedAt.getTime() - created) / HOUR_MS);
    if (fact.resolvedAt) res.push(Math.max(0, fact.resolvedAt.getTime() - created) / HOUR_MS);
  }
  return { acknowledge: timing(ack, unitNamed), resolve: timing(res, unitNamed) };
}

function themes(rows: readonly Row[], unitNamed: boolean): ThemeRow[] {
  const counts = new Map<string, number>();
  for (const { fact } of rows) for (const t of themesOf(fact)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return largestFirst(counts)
    .slice(0, MAX_THEMES)
    .map((theme) => ({ theme, reports: unitCount(counts.get(theme) ?? 0, unitNamed) }));
}

export interface DashboardFigures extends Omit<DashboardView, "reports"> {
  /** The reports the list shows (filters and drill-down), newest first. */
  listIds: string[];
}

export function computeDashboard(input: DashboardInput): DashboardFigures {
  const { catalogue, windows, filters, drill } = input;
  const all: Row[] = [];
  for (const fact of input.facts) {
    const week = weekIndex(windows, fact.createdAt.getTime());
    if (week >= 0) all.push({ fact, week, unit: canonicalUnit(catalogue, fact.unit) });
  }
  const rows = all.filter((r) => matches(r, filters));
  const unitNamed = filters.unit !== undefined;
  const weeks = trend(rows, windows, unitNamed);
  const total = (pick: (w: WeekRow) => Count, n: number): Count => totalBeside(n, weeks.map(pick), unitNamed);
  const list = rows
    .filter((r) => drilled(r, drill, windows))
    .sort((a, b) => b.fact.createdAt.getTime() - a.fact.createdAt.getTime() || b.fact.id.localeCompare(a.fact.id));
  const first = windows[0] as DigestWindow;
  const last = windows[windows.length - 1] as DigestWindow;
  const systemsSeen = largestFirst(countBy(all, (r) => r.fact.system));
  return {
    range: { from: first.period, to: last.period, timeZone: first.timeZone, weeks: windows.length },
    filters,
    drill,
    options: {
      units: [...new Set(all.map((r) => r.unit).filter((u): u is string => u !== null))].sort((a, b) =>
        a.localeCompare(b),
      ),
      systems: systemsSeen.map((id) => ({ id, label: labelOfSystem(catalogue, id) })),
      kinds: KINDS.map((id) => ({ id, label: KIND_LABELS[id] })),
      severities: [...SEVERITIES],
    },
    suppression: { limit: SMALL_CELL_LIMIT, unitNamed, method: SUPPRESSION_METHOD },
    totals: {
      reports: total((w) => w.reports, rows.length),
      safety: total((w) => w.safety, rows.filter((r) => r.fact.patientSafety).length),
      open: unitCount(rows.filter((r) => isOpen(r.fact.status)).length, unitNamed),
    },
    trend: weeks,
    hotspots: hotspots(catalogue, rows),
    times: times(rows, unitNamed),
    themes: themes(rows, unitNamed),
    listIds: list.map((r) => r.fact.id),
  };
}
