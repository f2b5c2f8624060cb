/** computeDigest: the week's analytics, in process, over reports already fetched for the window. Pure. */
import type {
  Digest,
  DigestInput,
  DigestSection,
  DigestTimings,
  Hotspot,
  OpenItem,
  ResolvedItem,
  SectionId,
  Theme,
  TrendWeek,
} from "./digest";
import type { ReportSummary } from "./report-summary";
import { isOpen } from "./status";
import { KIND_LABELS, SEVERITIES, type Kind } from "./taxonomy";
import {
  bySeverityThenAge,
  DAY_MS,
  distinctClusters,
  HOUR_MS,
  kindOf,
  labelOfSystem,
  median,
  round1,
  systemOf,
  tally,
  toItem,
  unitOf,
} from "./digest-stats";
import type { Catalogue } from "./catalogue";
import { previousCounts, risersOf, trendWeekOf, unitKey, withPrevious } from "./digest-change";
import { attentionOf, safetyItems } from "./digest-attention";

export const TREND_LENGTH = 12;
export const SECTION_EXAMPLES = 3;
export const MAX_HOTSPOTS = 10;

const KIND_LABEL = (key: string) => (key === "unclassified" ? "Not yet classified" : (KIND_LABELS[key as Kind] ?? key));

/** Usability reports that are really "I don't know how to…" count as training needs too. */
const HOW_TO = /\bhow (do|to|can)\b|\bhow-to\b|not sure how|don'?t know how|confus|nobody showed|tip sheet|training/i;
const HOW_TO_TAGS = new Set(["how-to", "how to", "training", "confusion", "confusing", "education"]);

export function isHowToConfusion(report: ReportSummary): boolean {
  const c = report.classification;
  if (!c || c.kind !== "usability") return false;
  return c.tags.some((t) => HOW_TO_TAGS.has(t.toLowerCase())) || HOW_TO.test(c.summary);
}

const SECTIONS: { id: SectionId; title: string; hint: string; matches: (r: ReportSummary) => boolean }[] = [
  {
    id: "training",
    title: "Training needs",
    hint: "Candidates for tip sheets, huddles or super-user rounds.",
    matches: (r) => kindOf(r) === "training_need" || isHowToConfusion(r),
  },
  {
    id: "terminology",
    title: "Terminology",
    hint: "Order names, pick-lists and terms to standardise.",
    matches: (r) => kindOf(r) === "terminology",
  },
  {
    id: "data_quality",
    title: "Data quality",
    hint: "Wrong, missing or duplicated data and broken interfaces.",
    matches: (r) => kindOf(r) === "data_quality",
  },
  {
    id: "data_protection",
    title: "Data protection",
    hint: "Shared log-ins, exposed PHI, phishing: involve the privacy officer.",
    matches: (r) => kindOf(r) === "privacy_security",
  },
  {
    id: "workflow",
    title: "Workflow gaps",
    hint: "Double entry, paper and fax: where IT could remove a step.",
    matches: (r) => kindOf(r) === "workflow_gap",
  },
];

function sections(catalogue: Catalogue, reports: readonly ReportSummary[]): DigestSection[] {
  return SECTIONS.map(({ id, title, hint, matches }) => {
    const hits = reports.filter(matches).sort(bySeverityThenAge);
    return {
      id,
      title,
      hint,
      count: hits.length,
      units: new Set(hits.map((r) => unitOf(catalogue, r)).filter((u) => u !== null)).size,
      examples: distinctClusters(hits, SECTION_EXAMPLES).map((r) => toItem(catalogue, r)),
    };
  });
}

function hotspots(catalogue: Catalogue, reports: readonly ReportSummary[]): Hotspot[] {
  const byPair = new Map<string, Hotspot>();
  for (const r of reports) {
    const unit = unitOf(catalogue, r);
    if (!unit || !r.classification) continue;
    const system = systemOf(r);
    const key = `${unit}\u0000${system}`;
    const h = byPair.get(key) ?? {
      unit,
      system,
      systemLabel: labelOfSystem(catalogue, system),
      count: 0,
      patientSafety: 0,
    };
    h.count += 1;
    if (r.classification.patientSafety) h.patientSafety += 1;
    byPair.set(key, h);
  }
  return [...byPair.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        b.patientSafety - a.patientSafety ||
        `${a.unit}${a.system}`.localeCompare(`${b.unit}${b.system}`),
    )
    .slice(0, MAX_HOTSPOTS);
}

function themes(catalogue: Catalogue, reports: readonly ReportSummary[]): Theme[] {
  const clusters = new Map<string, ReportSummary[]>();
  for (const r of reports) {
    if (!r.clusterId) continue;
    const list = clusters.get(r.clusterId) ?? [];
    list.push(r);
    clusters.set(r.clusterId, list);
  }
  const out: Theme[] = [];
  for (const [clusterId, members] of clusters) {
    if (members.length < 2) continue;
    const head = members.find((m) => m.id === clusterId && m.classification) ?? members.find((m) => m.classification);
    const item = toItem(catalogue, head ?? (members[0] as ReportSummary));
    const units = [...new Set(members.map((m) => unitOf(catalogue, m)).filter((u): u is string => !!u))];
    out.push({
      clusterId,
      size: members.length,
      summary: item.summary,
      systemLabel: item.systemLabel,
      kind: item.kind,
      units: units.sort(),
      open: members.filter((m) => isOpen(m.status)).length,
    });
  }
  return out.sort((a, b) => b.size - a.size || b.open - a.open || a.clusterId.localeCompare(b.clusterId));
}

function timings(
  window: DigestInput["window"],
  reports: readonly ReportSummary[],
  resolved: readonly ReportSummary[],
): DigestTimings {
  const ackHours = reports
    .filter((r) => r.acknowledgedAt && r.acknowledgedAt < window.to)
    .map((r) => Math.max(0, (r.acknowledgedAt as Date).getTime() - r.createdAt.getTime()) / HOUR_MS);
  const resolveHours = resolved.map(
    (r) => Math.max(0, (r.resolvedAt as Date).getTime() - r.createdAt.getTime()) / HOUR_MS,
  );
  const ack = median(ackHours);
  const res = median(resolveHours);
  return {
    medianAckHours: ack === null ? null : round1(ack),
    acknowledgedCount: ackHours.length,
    medianResolveHours: res === null ? null : round1(res),
    resolvedCount: resolveHours.length,
  };
}

/** The note IT left when it last resolved the report. */
function resolutionNote(report: ReportSummary): string | null {
  for (let i = report.history.length - 1; i >= 0; i--) {
    const h = report.history[i];
    if (h && h.to === "resolved") return h.note?.trim() || null;
  }
  return null;
}

function youSaidWeDid(catalogue: Catalogue, resolved: readonly ReportSummary[]): ResolvedItem[] {
  return [...resolved].sort(bySeverityThenAge).map((r) => {
    const item = toItem(catalogue, r);
    const resolvedAt = r.resolvedAt as Date;
    return {
      id: r.id,
      summary: item.summary,
      unit: item.unit,
      systemLabel: item.systemLabel,
      resolvedAt,
      resolution: resolutionNote(r),
      daysToResolve: round1(Math.max(0, resolvedAt.getTime() - r.createdAt.getTime()) / DAY_MS),
    };
  });
}

function openItems(input: DigestInput): OpenItem[] {
  const end = input.window.to.getTime();
  return input.openHighCritical
    .filter((r) => isOpen(r.status))
    .sort(bySeverityThenAge)
    .map((r) => ({
      ...toItem(input.catalogue, r),
      ageDays: Math.max(0, Math.floor((end - r.createdAt.getTime()) / DAY_MS)),
    }));
}

function trend(input: DigestInput): TrendWeek[] {
  const own = trendWeekOf(input.window, input.reports);
  const earlier = input.trend.filter((w) => w.period !== input.window.period && w.from < input.window.from);
  return [...earlier, own].slice(-TREND_LENGTH);
}

export function computeDigest(input: DigestInput): Digest {
  const { catalogue, reports } = input;
  const resolved = input.resolvedInWindow.filter(
    (r) =>
      r.status === "resolved" && r.resolvedAt && r.resolvedAt >= input.window.from && r.resolvedAt < input.window.to,
  );
  const sev = (s: string) => reports.filter((r) => r.classification?.severity === s).length;
  const unclassified = reports.filter((r) => !r.classification).length;
  const change = reports.length - input.previousCount;
  const open = openItems(input);
  const previous = previousCounts(input);
  const safety = safetyItems(catalogue, input.window, reports, input.openHighCritical);
  const cmio = sections(catalogue, reports);
  const bySystem = withPrevious(
    tally(reports, systemOf, (id) => labelOfSystem(catalogue, id)),
    previous.systems,
  );
  const byUnit = withPrevious(
    tally(
      reports,
      (r) => unitKey(catalogue, r),
      (u) => u,
    ),
    previous.units,
  );
  const risers = risersOf(bySystem, byUnit);
  return {
    period: input.window.period,
    window: input.window,
    generatedAt: input.generatedAt,
    totals: {
      reports: reports.length,
      previous: input.previousCount,
      change,
      changePct: input.previousCount > 0 ? Math.round((change / input.previousCount) * 100) : null,
      patientSafety: reports.filter((r) => r.classification?.patientSafety).length,
      patientSafetyUnresolved: safety.filter((s) => s.unresolved).length,
      critical: sev("critical"),
      high: sev("high"),
      unclassified,
      resolved: resolved.length,
      openHighCritical: open.length,
    },
    byKind: withPrevious(tally(reports, kindOf, KIND_LABEL), previous.kinds),
    bySystem,
    bySeverity: [
      ...SEVERITIES.map((s) => ({ key: s, label: s.charAt(0).toUpperCase() + s.slice(1), count: sev(s) })),
      ...(unclassified ? [{ key: "unclassified", label: "Not yet classified", count: unclassified }] : []),
    ],
    byUnit,
    risers,
    attention: attentionOf({ catalogue, reports, safety, risers, openHighCritical: open, sections: cmio }),
    hotspots: hotspots(catalogue, reports),
    patientSafety: safety,
    openHighCritical: open,
    timings: timings(input.window, reports, resolved),
    themes: themes(catalogue, reports),
    sections: cmio,
    youSaidWeDid: youSaidWeDid(catalogue, resolved),
    trend: trend(input),
    narrative: [],
    narrativeSource: "none",
  };
}
