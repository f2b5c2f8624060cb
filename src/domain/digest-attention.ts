/**
 * The digest's top block and its safety list (pure): what needs a decision or attention this week —
 * unresolved patient-safety items, the biggest riser, the oldest open high-severity item, a training
 * need, a data-protection concern — each with its numbers, at most five lines.
 */
import type { Catalogue } from "./catalogue";
import type { AttentionItem, DigestSection, OpenItem, Riser, SafetyItem } from "./digest";
import { countBy, unitKey } from "./digest-change";
import {
  DAY_MS,
  labelOfSystem,
  severityRank,
  systemOf,
  toItem,
  unitOf,
  UNKNOWN_SYSTEM,
  UNKNOWN_UNIT,
} from "./digest-stats";
import type { DigestWindow } from "./iso-week";
import type { ReportSummary } from "./report-summary";
import { safetyHarmRank } from "./safety-event";
import { isOpen } from "./status";

export const MAX_ATTENTION = 5;

/**
 * How much harm a report carries, for ordering safety items (higher is worse): the safety event the
 * reporter described (harm, monitoring, reached, near miss, unsafe condition), then its severity.
 */
export function harmRank(report: ReportSummary): number {
  return safetyHarmRank(report.safetyEvent) * 10 + severityRank(report);
}

/**
 * This week's patient-safety reports plus older ones still open (`olderOpen`, any severity the caller
 * fetched): unresolved first, then most harm, then oldest first, then by sequence.
 */
export function safetyItems(
  catalogue: Catalogue,
  window: DigestWindow,
  reports: readonly ReportSummary[],
  olderOpen: readonly ReportSummary[],
): SafetyItem[] {
  const seen = new Set<string>();
  const picked: ReportSummary[] = [];
  for (const r of [...reports, ...olderOpen.filter((o) => o.createdAt < window.from && isOpen(o.status))]) {
    if (!r.classification?.patientSafety || seen.has(r.id)) continue;
    seen.add(r.id);
    picked.push(r);
  }
  const end = window.to.getTime();
  return picked
    .sort(
      (a, b) =>
        Number(isOpen(b.status)) - Number(isOpen(a.status)) ||
        harmRank(b) - harmRank(a) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.seq - b.seq,
    )
    .map((r) => ({
      ...toItem(catalogue, r),
      unresolved: isOpen(r.status),
      ageDays: Math.max(0, Math.floor((end - r.createdAt.getTime()) / DAY_MS)),
      carriedOver: r.createdAt < window.from,
    }));
}

/** The label with the most reports among `reports` (ties by label), skipping unknowns. */
function top(reports: readonly ReportSummary[], keyOf: (r: ReportSummary) => string, unknown: string) {
  const best = [...countBy(reports, keyOf).entries()]
    .filter(([key]) => key !== unknown)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? { key: best[0], count: best[1] } : null;
}

/** Where a riser's reports concentrate: a rising system's top unit, or a rising unit's top system. */
function mostOn(catalogue: Catalogue, riser: Riser, reports: readonly ReportSummary[]) {
  if (riser.dimension === "system") {
    const best = top(
      reports.filter((r) => systemOf(r) === riser.key),
      (r) => unitKey(catalogue, r),
      UNKNOWN_UNIT,
    );
    return best ? { label: best.key, count: best.count } : null;
  }
  const best = top(
    reports.filter((r) => unitOf(catalogue, r) === riser.key),
    systemOf,
    UNKNOWN_SYSTEM,
  );
  return best ? { label: labelOfSystem(catalogue, best.key), count: best.count } : null;
}

export interface AttentionInput {
  catalogue: Catalogue;
  reports: readonly ReportSummary[];
  safety: readonly SafetyItem[];
  risers: readonly Riser[];
  openHighCritical: readonly OpenItem[];
  sections: readonly DigestSection[];
}

function sectionReports(sections: readonly DigestSection[], id: DigestSection["id"]) {
  const s = sections.find((x) => x.id === id);
  return s && s.count > 0 ? { count: s.count, example: s.examples[0] } : null;
}

export function attentionOf(input: AttentionInput): AttentionItem[] {
  const out: AttentionItem[] = [];
  const unresolved = input.safety.filter((s) => s.unresolved);
  const first = unresolved[0];
  if (first)
    out.push({
      type: "safety",
      unresolved: unresolved.length,
      critical: unresolved.filter((s) => s.severity === "critical").length,
      first,
    });
  const riser = input.risers[0];
  if (riser)
    out.push({
      type: "riser",
      riser,
      changePct: riser.previous > 0 ? Math.round(((riser.count - riser.previous) / riser.previous) * 100) : null,
      mostOn: mostOn(input.catalogue, riser, input.reports),
    });
  const oldest = input.openHighCritical.reduce<OpenItem | null>(
    (m, o) => (m === null || o.ageDays > m.ageDays ? o : m),
    null,
  );
  if (oldest)
    out.push({
      type: "oldest_open",
      open: input.openHighCritical.length,
      item: oldest,
      sameAsSafety: first?.id === oldest.id,
    });
  const training = input.sections.find((x) => x.id === "training");
  const example = training?.examples[0];
  if (training && example) out.push({ type: "training", count: training.count, units: training.units, example });
  const privacy = sectionReports(input.sections, "data_protection");
  if (privacy?.example) out.push({ type: "data_protection", count: privacy.count, example: privacy.example });
  return out.slice(0, MAX_ATTENTION);
}
