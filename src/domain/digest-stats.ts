/** Small pure helpers of the digest computation: medians, tallies, units, report → digest item. */
import { systemLabel, type Catalogue } from "./catalogue";
import type { CountEntry, DigestItem, KindKey } from "./digest";
import { reportUnit, type Report } from "./report";
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

/** The catalogue's name for a unit the classifier found ("4w" → "4 West"), else the text as written. */
export function canonicalUnit(catalogue: Catalogue, location: string | null): string | null {
  const raw = location?.trim();
  if (!raw) return null;
  const folded = raw.toLowerCase();
  const unit = catalogue.units.find(
    (u) => u.name.toLowerCase() === folded || u.aliases.some((a) => a.toLowerCase() === folded),
  );
  return unit?.name ?? raw;
}

export function kindOf(report: Report): KindKey {
  return report.classification?.kind ?? "unclassified";
}

export function systemOf(report: Report): string {
  return report.classification?.system ?? UNKNOWN_SYSTEM;
}

export function labelOfSystem(catalogue: Catalogue, id: string): string {
  return id === UNKNOWN_SYSTEM ? "Not yet classified" : systemLabel(catalogue, id);
}

export function severityRank(report: Report): number {
  const s = report.classification?.severity;
  return s ? SEVERITY_RANK[s] : -1;
}

/** Most severe first, then patient-safety first, then oldest first, then by id. */
export function bySeverityThenAge(a: Report, b: Report): number {
  return (
    severityRank(b) - severityRank(a) ||
    Number(b.classification?.patientSafety ?? false) - Number(a.classification?.patientSafety ?? false) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.seq - b.seq
  );
}

/** A report as the digest quotes it: the classifier's one-line summary (redacted), never the message. */
export function toItem(catalogue: Catalogue, report: Report): DigestItem {
  const c = report.classification;
  const system = systemOf(report);
  return {
    id: report.id,
    summary: c?.summary.trim() || "(awaiting classification)",
    unit: canonicalUnit(catalogue, reportUnit(report)),
    system,
    systemLabel: labelOfSystem(catalogue, system),
    kind: kindOf(report),
    severity: c?.severity ?? null,
    patientSafety: c?.patientSafety ?? false,
    status: report.status,
    createdAt: report.createdAt,
  };
}

/** Up to `n` reports, one per cluster and per summary, in the given order. */
export function distinctClusters(reports: readonly Report[], n: number): Report[] {
  const seen = new Set<string>();
  const out: Report[] = [];
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
