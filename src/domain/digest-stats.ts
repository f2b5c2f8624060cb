/** Small pure helpers of the digest computation: medians, tallies, units, report → digest item. */
import { systemLabel, type Catalogue } from "./catalogue";
import type { CountEntry, DigestItem, KindKey } from "./digest";
import type { ReportSummary } from "./report-summary";
import { SEVERITY_RANK } from "./taxonomy";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Median of the values, null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Counts by key, largest first, ties by label. */
export function tally<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  labelOf: (key: string) => string,
): CountEntry[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, count]) => ({ key, label: labelOf(key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export const UNKNOWN_UNIT = "Unknown unit";
export const UNKNOWN_SYSTEM = "unknown";

/**
 * Per catalogue unit list: folded unit name or alias → unit name (the first unit that has it, as a
 * linear search would find). Catalogues are not changed in place, so the index stays right.
 */
const unitIndexes = new WeakMap<Catalogue["units"], Map<string, string>>();

function unitIndex(catalogue: Catalogue): Map<string, string> {
  let index = unitIndexes.get(catalogue.units);
  if (!index) {
    index = new Map();
    for (const u of catalogue.units) {
      for (const key of [u.name, ...u.aliases]) {
        const folded = key.toLowerCase();
        if (!index.has(folded)) index.set(folded, u.name);
      }
    }
    unitIndexes.set(catalogue.units, index);
  }
  return index;
}

const DIRECTIONS: Record<string, string> = {
  n: "North",
  north: "North",
  s: "South",
  south: "South",
  e: "East",
  east: "East",
  w: "West",
  west: "West",
};
const NUMBERED_WING = /^(\d{1,3}[a-z]?) ?(n|north|s|south|e|east|w|west)$/;

/**
 * One spelling for a unit the catalogue does not name, so "4W", "4 west" and "4-West" count as one
 * unit in the digest and the dashboard: numbered wings spelled out ("4 West", "5 North"); otherwise
 * each word capitalised ("cardiac step down" → "Cardiac Step Down"), letters beside digits in upper
 * case ("ward 7b" → "Ward 7B"), short all-capital words kept (AMU).
 */
export function unitSpelling(raw: string): string {
  const folded = raw
    .toLowerCase()
    .replace(/[-_./]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const wing = NUMBERED_WING.exec(folded);
  if (wing?.[1] && wing[2]) return `${wing[1].toUpperCase()} ${DIRECTIONS[wing[2]]}`;
  const typed = raw
    .replace(/[-_./]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .split(" ");
  return typed
    .map((w) => {
      if (/\d/.test(w)) return w.toUpperCase();
      if (w.length <= 4 && w === w.toUpperCase()) return w; // an acronym: AMU, CCU
      return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
    })
    .join(" ");
}

/** The catalogue's name for a unit the classifier found ("CVICU" → "ICU"), else one spelling of it. */
export function canonicalUnit(catalogue: Catalogue, location: string | null): string | null {
  const raw = location?.trim();
  if (!raw) return null;
  const index = unitIndex(catalogue);
  const named = index.get(raw.toLowerCase());
  if (named) return named;
  const spelled = unitSpelling(raw);
  return index.get(spelled.toLowerCase()) ?? spelled;
}

/** The report's unit (classifier location) as the catalogue names it, or null. */
export function unitOf(catalogue: Catalogue, report: ReportSummary): string | null {
  return canonicalUnit(catalogue, report.classification?.location ?? null);
}

export function kindOf(report: ReportSummary): KindKey {
  return report.classification?.kind ?? "unclassified";
}

export function systemOf(report: ReportSummary): string {
  return report.classification?.system ?? UNKNOWN_SYSTEM;
}

/** Per catalogue system list: system id → label, filled as ids are met. */
const systemLabels = new WeakMap<Catalogue["systems"], Map<string, string>>();

export function labelOfSystem(catalogue: Catalogue, id: string): string {
  if (id === UNKNOWN_SYSTEM) return "Not yet classified";
  let labels = systemLabels.get(catalogue.systems);
  if (!labels) systemLabels.set(catalogue.systems, (labels = new Map<string, string>()));
  let label = labels.get(id);
  if (label === undefined) labels.set(id, (label = systemLabel(catalogue, id)));
  return label;
}

export function severityRank(report: ReportSummary): number {
  const s = report.classification?.severity;
  return s ? SEVERITY_RANK[s] : -1;
}

/** Most severe first, then patient-safety first, then oldest first, then by id. */
export function bySeverityThenAge(a: ReportSummary, b: ReportSummary): number {
  return (
    severityRank(b) - severityRank(a) ||
    Number(b.classification?.patientSafety ?? false) - Number(a.classification?.patientSafety ?? false) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.seq - b.seq
  );
}

/** A report as the digest quotes it: the classifier's one-line summary (redacted), never the message. */
export function toItem(catalogue: Catalogue, report: ReportSummary): DigestItem {
  const c = report.classification;
  const system = systemOf(report);
  return {
    id: report.id,
    summary: c?.summary.trim() || "(awaiting classification)",
    unit: unitOf(catalogue, report),
    system,
    systemLabel: labelOfSystem(catalogue, system),
    kind: kindOf(report),
    severity: c?.severity ?? null,
    patientSafety: c?.patientSafety ?? false,
    safetyEvent: report.safetyEvent ?? null,
    status: report.status,
    createdAt: report.createdAt,
  };
}

/** Up to `n` reports, one per cluster and per summary, in the given order. */
export function distinctClusters<R extends ReportSummary>(reports: readonly R[], n: number): R[] {
  const seen = new Set<string>();
  const out: R[] = [];
  for (const r of reports) {
    const cluster = `c:${r.clusterId ?? r.id}`;
    const summary = `s:${(r.classification?.summary ?? r.id).trim().toLowerCase()}`;
    if (seen.has(cluster) || seen.has(summary)) continue;
    seen.add(cluster);
    seen.add(summary);
    out.push(r);
    if (out.length === n) break;
  }
  return out;
}
