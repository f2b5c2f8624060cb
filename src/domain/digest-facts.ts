/**
 * What a narrator may see: aggregated figures of a digest, never raw report text or summaries.
 * Also the rule that keeps a narrative honest: every number in it must be one of the facts' figures.
 */
import type { CountEntry, Digest } from "./digest";
import { describeWindow } from "./iso-week";

export interface NamedCount {
  name: string;
  count: number;
  /** Count in the previous week, when known. */
  previous?: number;
  /** count - previous, when the previous week is known. */
  change?: number;
}

export interface DigestFacts {
  period: string;
  /** "Mon 16 Nov – Sun 22 Nov 2026". */
  dates: string;
  reports: number;
  previousWeek: number;
  change: number;
  changePct: number | null;
  patientSafety: number;
  critical: number;
  high: number;
  openHighCritical: number;
  /** Age in days of the oldest open critical/high report, null when none is open. */
  oldestOpenDays: number | null;
  resolved: number;
  medianAckHours: number | null;
  medianResolveHours: number | null;
  /** The same medians in days (one decimal), for long waits. */
  medianAckDays: number | null;
  medianResolveDays: number | null;
  topKinds: NamedCount[];
  topSystems: NamedCount[];
  topUnits: NamedCount[];
  /** Up to 3 systems or units that rose the most since the previous week (by 2 or more), largest rise first. */
  risers: NamedCount[];
  /** "4 West × EHR". */
  topHotspots: NamedCount[];
  recurringThemes: number;
  largestThemeSize: number | null;
  training: number;
  terminology: number;
  dataQuality: number;
  dataProtection: number;
  workflow: number;
  /** Average reports per week over the trend weeks before this one (rounded), null without history. */
  trendAverage: number | null;
}

/** Something that writes 3–5 plain-language bullets from the facts (LLM or template). */
export interface DigestNarrator {
  readonly name: string;
  write(facts: DigestFacts): Promise<string[]>;
}

/** Every number a narrative may mention (plus small ordinals a sentence may need: 1–5, 12, 7, 24). */
export function allowedNumbers(facts: DigestFacts): Set<number> {
  const out = new Set<number>([1, 2, 3, 4, 5, 7, 12, 24]);
  const add = (n: number | null) => {
    if (n === null) return;
    out.add(n);
    out.add(Math.abs(n));
  };
  // Numbers inside names and dates ("4 West", "Mon 16 Nov", "2026-W47") may be repeated too.
  const addText = (text: string) => numbersIn(text).forEach(add);
  for (const value of Object.values(facts) as unknown[]) {
    if (typeof value === "number") add(value);
    else if (typeof value === "string") addText(value);
    else if (Array.isArray(value))
      for (const v of value as NamedCount[]) {
        add(v.count);
        add(v.previous ?? null);
        add(v.change ?? null);
        addText(v.name);
      }
  }
  return out;
}

/** Numbers mentioned in a text ("1,204", "12.5", "-3", "40%"). Digits inside words like "W47" count too. */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const raw = m[0].replace(/,(?=\d{3}\b)/g, "").replace(/,$/, "");
    const n = Number(raw);
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

/** Numbers in `bullets` that are not among the allowed figures (empty when the narrative is honest). */
export function unsupportedNumbers(bullets: readonly string[], facts: DigestFacts): number[] {
  const allowed = allowedNumbers(facts);
  const period = facts.period;
  return bullets.flatMap((b) => numbersIn(b.split(period).join(" ")).filter((n) => !allowed.has(n)));
}

export function factsFromDigest(digest: Digest): DigestFacts {
  const top = (entries: readonly CountEntry[], n: number) => entries.slice(0, n).map(named);
  const section = (id: string) => digest.sections.find((s) => s.id === id)?.count ?? 0;
  const before = digest.trend.slice(0, -1).filter((w) => w.total >= 0);
  const oldest = digest.openHighCritical.reduce<number | null>(
    (m, o) => (m === null ? o.ageDays : Math.max(m, o.ageDays)),
    null,
  );
  return {
    period: digest.period,
    dates: describeWindow(digest.window),
    reports: digest.totals.reports,
    previousWeek: digest.totals.previous,
    change: digest.totals.change,
    changePct: digest.totals.changePct,
    patientSafety: digest.totals.patientSafety,
    critical: digest.totals.critical,
    high: digest.totals.high,
    openHighCritical: digest.totals.openHighCritical,
    oldestOpenDays: oldest,
    resolved: digest.totals.resolved,
    medianAckHours: digest.timings.medianAckHours,
    medianResolveHours: digest.timings.medianResolveHours,
    medianAckDays: toDays(digest.timings.medianAckHours),
    medianResolveDays: toDays(digest.timings.medianResolveHours),
    topKinds: top(digest.byKind, 3),
    topSystems: top(digest.bySystem, 3),
    topUnits: top(digest.byUnit, 3),
    risers: digest.risers.map(named),
    topHotspots: digest.hotspots.slice(0, 3).map((h) => ({ name: `${h.unit} × ${h.systemLabel}`, count: h.count })),
    recurringThemes: digest.themes.length,
    largestThemeSize: digest.themes[0]?.size ?? null,
    training: section("training"),
    terminology: section("terminology"),
    dataQuality: section("data_quality"),
    dataProtection: section("data_protection"),
    workflow: section("workflow"),
    trendAverage: before.length ? Math.round(before.reduce((s, w) => s + w.total, 0) / before.length) : null,
  };
}

/** A count as a fact, with the previous week's count and the change when known. */
function named(e: { label: string; count: number; previous?: number }): NamedCount {
  return e.previous === undefined
    ? { name: e.label, count: e.count }
    : { name: e.label, count: e.count, previous: e.previous, change: e.count - e.previous };
}

function toDays(hours: number | null): number | null {
  return hours === null ? null : Math.round((hours / 24) * 10) / 10;
}
