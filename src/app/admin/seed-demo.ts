/**
 * Demo data so a new user sees a meaningful digest: a few hundred reports over the last N weeks up to
 * now, run through the real redactor and classifier, with triage history (acknowledged, resolved,
 * resolution notes) and clusters. Storylines: a BCMA scanner outage in the last complete week, a
 * printer hotspot, training needs after an EHR upgrade, some data-protection items.
 * Deterministic for a given seed and "now". Refuses a store that already holds reports unless forced.
 */
import { seededRandom } from "../../domain/seeded-random";
import { AppError } from "../../domain/errors";
import { trailingWindows, windowContaining, type DigestWindow } from "../../domain/iso-week";
import { newReport, type Report } from "../../domain/report";
import type { Classifier } from "../../ports/classifier";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { Redactor } from "../../ports/redactor";
import type { Store } from "../../ports/store";
import { redactClassification, redactFreeText } from "../pipeline/redact-free-text";
import {
  BASELINE_MESSAGES,
  BCMA_OUTAGE_MESSAGES,
  BCMA_OUTAGE_UNITS,
  DEMO_PATIENT_NAMES,
  DEMO_TRIAGERS,
  EHR_UPGRADE_MESSAGES,
  PRINTER_HOTSPOT_MESSAGES,
  PRINTER_HOTSPOT_UNIT,
  PRIVACY_MESSAGES,
  type DemoMessage,
} from "./demo-messages";

export interface SeedDemoDeps {
  store: Pick<Store, "reports">;
  redactor: Redactor;
  classifier: Classifier;
  clock: Clock;
  logger: Logger;
}

export interface SeedDemoOptions {
  weeks: number;
  seed: number;
  /** Zone the weeks are laid out in (DIGEST_TIMEZONE). */
  timeZone: string;
  units: readonly string[];
  /** Seed even when the store already holds reports. */
  force?: boolean;
}

export interface SeedDemoResult {
  inserted: number;
  resolved: number;
  open: number;
  clusters: number;
  from: Date;
  to: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Planned {
  at: Date;
  message: DemoMessage;
  unit: string;
  /** Reports of one incident share a cluster (the first one heads it). */
  incident: string | null;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** A weekday-heavy daytime instant within the window (and before `now`). */
function timeIn(rng: Rng, w: DigestWindow, now: Date, dayFrom = 0, dayTo = 7): Date | null {
  const day = dayFrom + Math.floor(rng() * (dayTo - dayFrom));
  const hour = 6 + rng() * 14 + (rng() < 0.15 ? 8 : 0);
  const at = new Date(w.from.getTime() + day * DAY + hour * HOUR);
  return at < now && at < w.to ? at : null;
}

function plan(rng: Rng, weeks: DigestWindow[], now: Date, units: readonly string[]): Planned[] {
  const out: Planned[] = [];
  const add = (at: Date | null, message: DemoMessage, unit: string, incident: string | null = null) => {
    if (at) out.push({ at, message, unit, incident });
  };
  const lastComplete = weeks.length - 2;
  const upgradeWeek = Math.max(0, weeks.length - 6);
  weeks.forEach((w, i) => {
    const baseline = 14 + Math.floor(rng() * 8);
    for (let n = 0; n < baseline; n++) add(timeIn(rng, w, now), pick(rng, BASELINE_MESSAGES), pick(rng, units));
    const printer = 2 + Math.floor(rng() * 3);
    for (let n = 0; n < printer; n++)
      add(timeIn(rng, w, now), pick(rng, PRINTER_HOTSPOT_MESSAGES), PRINTER_HOTSPOT_UNIT, `printer-${w.period}`);
    if (i >= upgradeWeek) {
      const training = Math.max(1, 9 - 2 * (i - upgradeWeek) + Math.floor(rng() * 3));
      for (let n = 0; n < training; n++) add(timeIn(rng, w, now), pick(rng, EHR_UPGRADE_MESSAGES), pick(rng, units));
    }
    if (rng() < 0.6) add(timeIn(rng, w, now), pick(rng, PRIVACY_MESSAGES), pick(rng, units));
    if (i === lastComplete) {
      // Tuesday 07:00–Wednesday: the scanner outage.
      const incident = `bcma-${w.period}`;
      for (let n = 0; n < 12; n++) {
        const at = new Date(w.from.getTime() + DAY + 7 * HOUR + rng() * 30 * HOUR);
        add(at < now ? at : null, pick(rng, BCMA_OUTAGE_MESSAGES), pick(rng, BCMA_OUTAGE_UNITS), incident);
      }
    }
  });
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function fill(rng: Rng, message: DemoMessage, unit: string): string {
  return message.text
    .replace(/\{unit\}/g, unit)
    .replace(/\{patient\}/g, pick(rng, DEMO_PATIENT_NAMES))
    .replace(/\{mrn\}/g, String(10_000_000 + Math.floor(rng() * 89_999_999)));
}

/** Acknowledgement, progress and resolution as a triager would leave them, never after `now`. */
function triage(rng: Rng, report: Report, note: string, now: Date, incidentEnd: Date | null): Report {
  const triager = `demo:${pick(rng, DEMO_TRIAGERS)}`;
  const ackAt = new Date(report.createdAt.getTime() + (10 + rng() * 300) * 60_000);
  if (ackAt >= now || rng() < 0.04) return report;
  const history = [
    ...report.history,
    { at: ackAt, actor: triager, action: "status", from: "new", to: "acknowledged", note: null },
  ];
  const critical = report.classification?.severity === "critical" || report.classification?.severity === "high";
  const resolveAfter = incidentEnd
    ? incidentEnd.getTime() - ackAt.getTime()
    : (critical ? 0.2 : 1) * (4 + rng() * 100) * HOUR;
  const resolvedAt = new Date(ackAt.getTime() + Math.max(resolveAfter, 30 * 60_000));
  const base = { ...report, status: "acknowledged" as const, acknowledgedAt: ackAt, assignee: triager, history };
  if (resolvedAt >= now || (!incidentEnd && rng() < 0.12)) return { ...base, updatedAt: ackAt };
  return {
    ...base,
    status: "resolved",
    resolvedAt,
    updatedAt: resolvedAt,
    history: [
      ...history,
      { at: resolvedAt, actor: triager, action: "status", from: "acknowledged", to: "resolved", note },
    ],
  };
}

export async function seedDemo(deps: SeedDemoDeps, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = await deps.store.reports.count({});
  if (existing > 0 && !options.force)
    throw new AppError(
      "BAD_REQUEST",
      `the store already holds ${existing} report(s); seed-demo only fills an empty store (add --force to add demo data anyway)`,
    );
  if (options.units.length === 0)
    throw new AppError("BAD_REQUEST", "the catalogue has no units to place demo reports in");
  const rng = seededRandom(options.seed);
  const now = deps.clock.now();
  const weeks = trailingWindows(windowContaining(now, options.timeZone), options.weeks);
  const planned = plan(rng, weeks, now, options.units);
  const incidentEnds = new Map<string, Date>();
  const clusterHeads = new Map<string, string>();
  const reports: Report[] = [];
  for (const p of planned) {
    const redaction = redactFreeText(deps.redactor, fill(rng, p.message, p.unit));
    const output = await deps.classifier.classify(redaction.text);
    const seq = await deps.store.reports.nextSeq();
    const reporterId = `demo:clinician-${1 + Math.floor(rng() * 60)}`;
    let report = newReport({
      seq,
      now: p.at,
      channel: pick(rng, ["teams", "teams", "slack", "webchat"] as const),
      reporter: { ref: reporterId, anonymous: false, displayName: null },
      conversationKey: null,
      text: redaction.text,
      redactions: redaction.counts,
      truncated: false,
      attachmentsDropped: 0,
    });
    const classifiedAt = new Date(p.at.getTime() + 2000);
    report = {
      ...report,
      classification: {
        ...redactClassification(deps.redactor, output.result).result,
        source: output.source,
        promptVersion: output.promptVersion,
        model: output.model,
        classifiedAt,
      },
      classifyJob: { state: "done", attempts: 1, claimedBy: null, leaseUntil: null },
      intake: { ...report.intake, stage: "confirmed" },
      needsReview: output.flaggedReason !== null,
      reviewReason: output.flaggedReason,
      history: [
        ...report.history,
        {
          at: classifiedAt,
          actor: `classifier:${output.source}`,
          action: "classified",
          from: null,
          to: output.result.kind,
          note: null,
        },
      ],
    };
    let incidentEnd: Date | null = null;
    if (p.incident) {
      const head = clusterHeads.get(p.incident) ?? report.id;
      clusterHeads.set(p.incident, head);
      report = { ...report, clusterId: head };
      if (!incidentEnds.has(p.incident)) incidentEnds.set(p.incident, new Date(p.at.getTime() + 34 * HOUR));
      incidentEnd = incidentEnds.get(p.incident) ?? null;
    }
    reports.push(triage(rng, report, p.message.resolution, now, incidentEnd));
  }
  for (let i = 0; i < reports.length; i += 500) await deps.store.reports.insertMany(reports.slice(i, i + 500));
  const resolved = reports.filter((r) => r.status === "resolved").length;
  const result: SeedDemoResult = {
    inserted: reports.length,
    resolved,
    open: reports.length - resolved,
    clusters: clusterHeads.size,
    from: weeks[0]?.from ?? now,
    to: now,
  };
  deps.logger.info({ ...result }, "demo data seeded");
  return result;
}
