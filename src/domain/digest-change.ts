/**
 * Week-over-week change of the digest's counts: the previous ISO week's count per kind, system and
 * unit, and the systems and units that rose the most ("where did IT hurt care more than last week?").
 * Pure.
 */
import type { Catalogue } from "./catalogue";
import type { CountEntry, DigestInput, KindKey, Riser, TrendWeek } from "./digest";
import { kindOf, systemOf, unitOf, UNKNOWN_SYSTEM, UNKNOWN_UNIT } from "./digest-stats";
import { previousWindow, type DigestWindow } from "./iso-week";
import type { ReportSummary } from "./report-summary";

export const MAX_RISERS = 3;
/** A system or unit rises when it has at least this many more reports than the week before. */
export const MIN_RISE = 2;

export type Counts = ReadonlyMap<string, number>;

export function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** The unit key a report is tallied under (the catalogue's name, or "Unknown unit"). */
export function unitKey(catalogue: Catalogue, report: ReportSummary): string {
  return unitOf(catalogue, report) ?? UNKNOWN_UNIT;
}

/** A week's trend entry (counts per kind) from its reports. */
export function trendWeekOf(window: DigestWindow, reports: readonly ReportSummary[]): TrendWeek {
  const counts: TrendWeek["counts"] = {};
  for (const [kind, n] of countBy(reports, kindOf)) counts[kind as KindKey] = n;
  const patientSafety = reports.filter((r) => r.classification?.patientSafety).length;
  return { period: window.period, from: window.from, counts, total: reports.length, patientSafety };
}

export interface PreviousCounts {
  kinds: Counts;
  /** null when the previous week's reports were not given. */
  systems: Counts | null;
  units: Counts | null;
}

/**
 * Counts of the previous ISO week (DST-correct: the calendar week before, not 7 × 24 h earlier).
 * From the previous week's reports when given, else kinds from the trend entry of that week.
 */
export function previousCounts(input: DigestInput): PreviousCounts {
  const prev = previousWindow(input.window);
  if (input.previousReports) {
    const reports = input.previousReports.filter((r) => r.createdAt >= prev.from && r.createdAt < prev.to);
    return {
      kinds: countBy(reports, kindOf),
      systems: countBy(reports, systemOf),
      units: countBy(reports, (r) => unitKey(input.catalogue, r)),
    };
  }
  const week = input.trend.find((w) => w.period === prev.period);
  const kinds = new Map<string, number>();
  for (const [kind, n] of Object.entries(week?.counts ?? {})) if (n) kinds.set(kind, n);
  return { kinds, systems: null, units: null };
}

/** The entries with their previous week's count (0 when none); unchanged when that is unknown. */
export function withPrevious(entries: CountEntry[], previous: Counts | null): CountEntry[] {
  if (!previous) return entries;
  return entries.map((e) => ({ ...e, previous: previous.get(e.key) ?? 0 }));
}

/** The systems and units that rose the most (by at least MIN_RISE), largest rise first; unknowns left out. */
export function risersOf(bySystem: readonly CountEntry[], byUnit: readonly CountEntry[]): Riser[] {
  const rising = (dimension: Riser["dimension"], entries: readonly CountEntry[], unknown: string): Riser[] =>
    entries
      .filter((e) => e.key !== unknown && e.previous !== undefined && e.count - e.previous >= MIN_RISE)
      .map((e) => ({ dimension, key: e.key, label: e.label, count: e.count, previous: e.previous ?? 0 }));
  return [...rising("system", bySystem, UNKNOWN_SYSTEM), ...rising("unit", byUnit, UNKNOWN_UNIT)]
    .sort(
      (a, b) =>
        b.count - b.previous - (a.count - a.previous) ||
        b.count - a.count ||
        a.dimension.localeCompare(b.dimension) ||
        a.label.localeCompare(b.label),
    )
    .slice(0, MAX_RISERS);
}
