/**
 * The weekly CMIO digest as data: what renderers (Adaptive Card, Block Kit, text) and the chart draw.
 * Pure: computed by `computeDigest` (digest-compute.ts) from reports fetched for a window.
 * All reporter-derived text here is the classifier's redacted one-line summary, never the raw message.
 */
import type { Catalogue } from "./catalogue";
import type { DigestWindow } from "./iso-week";
import type { ReportSummary } from "./report-summary";
import type { SafetyEvent } from "./safety-event";
import type { Status } from "./status";
import type { Kind, Severity } from "./taxonomy";

export type { DigestWindow } from "./iso-week";

/** Kind of a report, or "unclassified" when the classifier has not (yet) classified it. */
export type KindKey = Kind | "unclassified";

export interface CountEntry {
  /** Stable id (kind id, system id, severity, unit name, or "unclassified" / "unknown"). */
  key: string;
  label: string;
  count: number;
  /**
   * Count in the previous ISO week (same time zone; 0 when it had none). Set on byKind, bySystem and
   * byUnit; absent where the previous week is not known.
   */
  previous?: number;
}

/** A system or unit with clearly more reports than in the previous week. */
export interface Riser {
  dimension: "system" | "unit";
  key: string;
  label: string;
  count: number;
  previous: number;
}

/** One report as quoted in a digest: summary (redacted by construction), never the raw text. */
export interface DigestItem {
  id: string;
  summary: string;
  unit: string | null;
  system: string;
  systemLabel: string;
  kind: KindKey;
  severity: Severity | null;
  patientSafety: boolean;
  /** The safety event in the hospital's terms, when the reporter or a triager gave it. */
  safetyEvent: SafetyEvent | null;
  status: Status;
  createdAt: Date;
}

export interface OpenItem extends DigestItem {
  /** Whole days from creation to the end of the window. */
  ageDays: number;
}

export interface Hotspot {
  unit: string;
  system: string;
  systemLabel: string;
  count: number;
  patientSafety: number;
}

/** A recurring theme: a cluster of reports of the same problem (size >= 2 within the week). */
export interface Theme {
  clusterId: string;
  size: number;
  summary: string;
  systemLabel: string;
  kind: KindKey;
  units: string[];
  open: number;
}

export const SECTION_IDS = ["training", "terminology", "data_quality", "data_protection", "workflow"] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface DigestSection {
  id: SectionId;
  title: string;
  /** What the CMIO can do about it, one short line. */
  hint: string;
  count: number;
  /** Distinct known units among its reports. */
  units: number;
  examples: DigestItem[];
}

export interface ResolvedItem {
  id: string;
  summary: string;
  unit: string | null;
  systemLabel: string;
  resolvedAt: Date;
  /** The note IT left when resolving (from history), or null. */
  resolution: string | null;
  daysToResolve: number;
}

export interface TrendWeek {
  period: string;
  from: Date;
  counts: Partial<Record<KindKey, number>>;
  total: number;
  /** Reports flagged patient safety that week (absent where it was not counted). */
  patientSafety?: number;
}

/** A patient-safety report as the digest lists it: unresolved first, then by harm, then oldest first. */
export interface SafetyItem extends DigestItem {
  /** Still open (not resolved, merged or closed). */
  unresolved: boolean;
  /** Whole days from creation to the end of the window. */
  ageDays: number;
  /** Created before the digest's week and still open. */
  carriedOver: boolean;
}

/**
 * One line of the digest's top block: what needs a decision or attention this week, with its numbers.
 * At most five, in this order: unresolved safety, biggest riser, oldest open high-severity, training, data protection.
 */
export type AttentionItem =
  | {
      type: "safety";
      /** Unresolved patient-safety reports (this week's and older ones still open). */
      unresolved: number;
      critical: number;
      /** The first of the safety list (most harm, then oldest). */
      first: SafetyItem;
    }
  | {
      type: "riser";
      riser: Riser;
      /** Rounded percent rise, null when the previous week had none. */
      changePct: number | null;
      /** Where most of it is: the top unit of a rising system, or the top system of a rising unit. */
      mostOn: { label: string; count: number } | null;
    }
  | {
      type: "oldest_open";
      open: number;
      item: OpenItem;
      /** The same report as the safety line's first item (the line then only points to it). */
      sameAsSafety: boolean;
    }
  | { type: "training"; count: number; units: number; example: DigestItem }
  | { type: "data_protection"; count: number; example: DigestItem };

export interface DigestTotals {
  reports: number;
  previous: number;
  /** reports - previous. */
  change: number;
  /** Rounded percent change, null when the previous week had none. */
  changePct: number | null;
  patientSafety: number;
  /** Patient-safety reports still open: this week's and older ones (open critical/high). */
  patientSafetyUnresolved: number;
  critical: number;
  high: number;
  unclassified: number;
  /** Reports resolved within the window (any creation date). */
  resolved: number;
  /** Open critical/high reports at the time the digest was built (any age). */
  openHighCritical: number;
}

export interface DigestTimings {
  /** Median hours from report to acknowledgement, for reports created in the window and acknowledged in it. */
  medianAckHours: number | null;
  acknowledgedCount: number;
  /** Median hours from report to resolution, for reports resolved in the window. */
  medianResolveHours: number | null;
  resolvedCount: number;
}

export interface Digest {
  period: string;
  window: DigestWindow;
  generatedAt: Date;
  totals: DigestTotals;
  byKind: CountEntry[];
  bySystem: CountEntry[];
  bySeverity: CountEntry[];
  byUnit: CountEntry[];
  /** Up to 3 systems or units with the largest increase over the previous week (by at least 2), largest first. */
  risers: Riser[];
  /** The top block: at most five lines of what needs a decision or attention, with numbers. */
  attention: AttentionItem[];
  hotspots: Hotspot[];
  /**
   * This week's patient-safety reports plus older ones still open (among the open critical/high):
   * unresolved first, then by harm (severity), then oldest first.
   */
  patientSafety: SafetyItem[];
  openHighCritical: OpenItem[];
  timings: DigestTimings;
  themes: Theme[];
  sections: DigestSection[];
  youSaidWeDid: ResolvedItem[];
  /** 12 weeks, oldest first, the digest's own week last. */
  trend: TrendWeek[];
  /** 3–5 plain-language bullets (LLM or template); empty until a narrator writes them. */
  narrative: string[];
  narrativeSource: "llm" | "template" | "none";
}

export interface DigestInput {
  window: DigestWindow;
  /** Reports created in the window. */
  reports: readonly ReportSummary[];
  /** Number of reports created in the previous window. */
  previousCount: number;
  /**
   * Reports created in the previous ISO week (previousWindow(window)), for the per-system and per-unit
   * change; reports outside that week are ignored. Without it, kinds take their previous counts from
   * the trend and systems and units have none.
   */
  previousReports?: readonly ReportSummary[];
  /** Open reports of severity high or critical, any age. */
  openHighCritical: readonly ReportSummary[];
  /** Reports with resolvedAt in the window. */
  resolvedInWindow: readonly ReportSummary[];
  /** Weeks before the digest's own, oldest first; the digest's week is appended from `reports`. */
  trend: readonly TrendWeek[];
  catalogue: Catalogue;
  generatedAt: Date;
}

export { computeDigest } from "./digest-compute";
