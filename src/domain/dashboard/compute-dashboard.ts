/**
 * The dashboard's figures from report facts (pure): trend by ISO week (reports, patient safety),
 * hotspots unit × system, time to acknowledge and to resolve (median, p90), top themes, and the ids
 * of the reports the list shows. Small cells are suppressed wherever a unit is named (small-cells.ts).
 */
import type { Catalogue } from "../catalogue";
import { canonicalUnit, labelOfSystem, round1, HOUR_MS } from "../digest-stats";
import type { DigestWindow } from "../iso-week";
import type { ReportFact } from "../report-fact";
import { isOpen } from "../status";
import { KIND_LABELS, KINDS, SEVERITIES } from "../taxonomy";
import type { DashboardDrill, DashboardFilters } from "./dashboard-query";
import type { DashboardView, HotspotCell, Hotspots, ThemeRow, Timing, WeekRow } from "./dashboard-view";
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

/** The report's themes: its tags, folded, once each, without the safety flag. */
function themesOf(fact: ReportFact): string[] {
  const out: string[] = [];
  for (const tag of fact.tags) {
    const t = tag.trim().toLowerCase();
    if (t && !NOT_THEMES.has(t) && !out.includes(t)) out.push(t);
  }
  return out;
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
  // One pass: unit → system → reports (nested maps, no key strings per report).
  const pairs = new Map<string, Map<string, number>>();
  const unitTotals = new Map<string, number>();
  const systemTotals = new Map<string, number>();
  let placed = 0;
  for (const { unit, fact } of rows) {
    const system = fact.system;
    if (unit === null || system === null) continue;
    placed++;
    let bySystem = pairs.get(unit);
    if (!bySystem) pairs.set(unit, (bySystem = new Map<string, number>()));
    bySystem.set(system, (bySystem.get(system) ?? 0) + 1);
    unitTotals.set(unit, (unitTotals.get(unit) ?? 0) + 1);
    systemTotals.set(system, (systemTotals.get(system) ?? 0) + 1);
  }
  const units = largestFirst(unitTotals);
  const systems = largestFirst(systemTotals);
  const cells: HotspotCell[] = [];
  for (const unit of units)
    for (const system of systems) {
      const n = pairs.get(unit)?.get(system) ?? 0;
      if (n > 0)
        cells.push({ unit, system, systemLabel: labelOfSystem(catalogue, system), reports: unitCount(n, true) });
    }
  return {
    units: units.map((unit) => ({
      unit,
      reports: totalBeside(
        unitTotals.get(unit) ?? 0,
        cells.filter((c) => c.unit === unit).map((c) => c.reports),
        true,
      ),
    })),
    systems: systems.map((system) => ({
      system,
      systemLabel: labelOfSystem(catalogue, system),
      reports: totalBeside(
        systemTotals.get(system) ?? 0,
        cells.filter((c) => c.system === system).map((c) => c.reports),
        false,
      ),
    })),
    cells,
    total: totalBeside(
      placed,
      cells.map((c) => c.reports),
      false,
    ),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

function timing(hours: number[], unitNamed: boolean): Timing {
  const reports = unitCount(hours.length, unitNamed);
  if (reports.withheld || hours.length === 0) return { reports, medianHours: null, p90Hours: null };
  const sorted = Float64Array.from(hours).sort(); // numeric, in place, no comparator calls
  const mid = sorted.length >> 1;
  const med = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const p90 = percentile(sorted, 0.9);
  return { reports, medianHours: round1(med), p90Hours: p90 === null ? null : round1(p90) };
}

function times(rows: readonly Row[], unitNamed: boolean): DashboardView["times"] {
  const ack: number[] = [];
  const res: number[] = [];
  for (const { fact } of rows) {
    const created = fact.createdAt;
    if (fact.acknowledgedAt !== null) ack.push(Math.max(0, fact.acknowledgedAt - created) / HOUR_MS);
    if (fact.resolvedAt !== null) res.push(Math.max(0, fact.resolvedAt - created) / HOUR_MS);
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

const seqOf = (id: string): number => Number(id.slice(2));

/** Newest first (then the higher report number); the store's oldest-first order is just reversed. */
function newestFirst(rows: Row[]): Row[] {
  const older = (a: Row, b: Row) => a.fact.createdAt - b.fact.createdAt || seqOf(a.fact.id) - seqOf(b.fact.id);
  let ascending = true;
  for (let i = 1; i < rows.length && ascending; i++) ascending = older(rows[i - 1] as Row, rows[i] as Row) <= 0;
  return ascending ? rows.reverse() : rows.sort((a, b) => older(b, a));
}

export interface DashboardFigures extends Omit<DashboardView, "reports"> {
  /** The reports the list shows (filters and drill-down), newest first. */
  listIds: string[];
}

export function computeDashboard(input: DashboardInput): DashboardFigures {
  const { catalogue, windows, filters, drill } = input;
  const all: Row[] = [];
  // Canonical unit names, once per distinct stored spelling (a year holds few units, many reports).
  const units = new Map<string | null, string | null>();
  for (const fact of input.facts) {
    const week = weekIndex(windows, fact.createdAt);
    if (week < 0) continue;
    let unit = units.get(fact.unit);
    if (unit === undefined) units.set(fact.unit, (unit = canonicalUnit(catalogue, fact.unit)));
    all.push({ fact, week, unit });
  }
  const rows = all.filter((r) => matches(r, filters));
  const unitNamed = filters.unit !== undefined;
  const weeks = trend(rows, windows, unitNamed);
  const total = (pick: (w: WeekRow) => Count, n: number): Count => totalBeside(n, weeks.map(pick), unitNamed);
  const list = newestFirst(rows.filter((r) => drilled(r, drill, windows)));
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
