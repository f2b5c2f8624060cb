/**
 * Builds the digest of one window: indexed queries only (created range of the week and of the week
 * before, resolved range, open high/critical, one grouped count per earlier trend week), reading report
 * summaries (a projection, not whole documents), analytics in process, then the narrative (LLM or template).
 * The window comes from the caller (the scheduled time), never from the clock.
 */
import type { Catalogue } from "../../domain/catalogue";
import { computeDigest, type Digest, type TrendWeek } from "../../domain/digest";
import { factsFromDigest, unsupportedNumbers, type DigestFacts, type DigestNarrator } from "../../domain/digest-facts";
import { trendWeekOf } from "../../domain/digest-change";
import { templateNarrator } from "../../domain/digest-template";
import { previousWindow, trailingWindows, type DigestWindow } from "../../domain/iso-week";
import { OPEN_STATUSES } from "../../domain/status";
import { KINDS } from "../../domain/taxonomy";
import type { Logger } from "../../ports/logger";
import type { ReportStore } from "../../ports/report-store";

export interface BuildDigestDeps {
  reports: ReportStore;
  catalogue: Catalogue;
  /** LLM narrator, or null for the template only. Falls back to the template on any failure. */
  narrator: DigestNarrator | null;
  logger: Logger;
}

export const TREND_WEEKS = 12;

/** Counts of one earlier week, per kind (one grouped count query) and flagged patient safety (no documents fetched). */
async function countWeek(reports: ReportStore, w: DigestWindow): Promise<TrendWeek> {
  const [byKind, patientSafety] = await Promise.all([
    reports.countByKind({ createdFrom: w.from, createdTo: w.to }),
    reports.count({ createdFrom: w.from, createdTo: w.to, patientSafety: true }),
  ]);
  const counts: TrendWeek["counts"] = {};
  let total = 0;
  for (const kind of [...KINDS, "unclassified"] as const) {
    const n = byKind[kind] ?? 0;
    if (n > 0) counts[kind] = n;
    total += n;
  }
  return { period: w.period, from: w.from, counts, total, patientSafety };
}

export async function buildDigest(deps: BuildDigestDeps, window: DigestWindow, generatedAt: Date): Promise<Digest> {
  const started = performance.now();
  // The week before is read as summaries (its per-system and per-unit counts); older weeks are only counted.
  const previous = previousWindow(window);
  const counted = trailingWindows(previous, TREND_WEEKS - 1).slice(0, -1);
  const [reports, previousReports, openHighCritical, resolvedInWindow, older] = await Promise.all([
    deps.reports.findSummaries({ createdFrom: window.from, createdTo: window.to, sort: "createdAsc" }),
    deps.reports.findSummaries({ createdFrom: previous.from, createdTo: previous.to, sort: "createdAsc" }),
    deps.reports.findSummaries({ statusIn: OPEN_STATUSES, severityIn: ["critical", "high"], sort: "createdAsc" }),
    deps.reports.findSummaries({ resolvedFrom: window.from, resolvedTo: window.to, sort: "createdAsc" }),
    Promise.all(counted.map((w) => countWeek(deps.reports, w))),
  ]);
  const trend = [...older, trendWeekOf(previous, previousReports)];
  const digest = computeDigest({
    window,
    reports,
    previousCount: previousReports.length,
    previousReports,
    // Reports created after the window (the digest may be built late) are not yet "open at week end".
    openHighCritical: openHighCritical.filter((r) => r.createdAt < window.to),
    resolvedInWindow,
    trend,
    catalogue: deps.catalogue,
    generatedAt,
  });
  const narrated = await narrate(deps, digest);
  deps.logger.info(
    {
      period: window.period,
      reports: digest.totals.reports,
      narrative: narrated.narrativeSource,
      ms: Math.round(performance.now() - started),
    },
    "digest built",
  );
  return narrated;
}

/** Adds the narrative: the narrator's bullets, or the template's when there is none or it fails. */
export async function narrate(deps: Pick<BuildDigestDeps, "narrator" | "logger">, digest: Digest): Promise<Digest> {
  const facts = factsFromDigest(digest);
  if (deps.narrator) {
    try {
      const bullets = (await deps.narrator.write(facts)).map((b) => b.trim()).filter((b) => b.length > 0);
      const problem = narrativeProblem(bullets, facts);
      if (!problem) return { ...digest, narrative: bullets, narrativeSource: "llm" };
      deps.logger.warn(
        { period: digest.period, narrator: deps.narrator.name, reason: problem },
        "digest narrative falls back to the template",
      );
      return { ...digest, narrative: await templateNarrator.write(facts), narrativeSource: "template" };
    } catch (err) {
      deps.logger.warn(
        {
          period: digest.period,
          narrator: deps.narrator.name,
          reason: err instanceof Error ? err.message : String(err),
        },
        "digest narrative falls back to the template",
      );
    }
  }
  return { ...digest, narrative: await templateNarrator.write(facts), narrativeSource: "template" };
}

/** Why a narrative cannot be used (null when it can): 3–5 bullets, every number one of the figures. */
export function narrativeProblem(bullets: readonly string[], facts: DigestFacts): string | null {
  if (bullets.length < 3 || bullets.length > 5) return `expected 3–5 bullets, got ${bullets.length}`;
  const tooLong = bullets.find((b) => b.length > 400);
  if (tooLong) return "a bullet is longer than 400 characters";
  const wrong = unsupportedNumbers(bullets, facts);
  if (wrong.length) return `numbers not in the figures: ${[...new Set(wrong)].join(", ")}`;
  return null;
}
