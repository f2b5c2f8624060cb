/**
 * Synthetic reports for the digest bench: one ISO week holding `weekReports`, the rest spread over
 * ~4 years of history. Deterministic (seeded by the report number), so a kept store can be topped up.
 */
import type { DigestWindow } from "../../src/domain/iso-week";
import { asRedacted } from "../../src/domain/redacted-text";
import { newReport, type Report } from "../../src/domain/report";
import { KINDS, SEVERITIES } from "../../src/domain/taxonomy";
import type { ReportStore } from "../../src/ports/report-store";

export const BENCH_NOW = new Date("2026-11-25T12:00:00Z");
const HISTORY_MS = 4 * 365 * 86_400_000;
const BATCH = 5_000;
const UNITS = ["ED", "ICU", "Med-Surg", "Oncology", "Telemetry unit", "Pediatrics", "OR", "L&D"];
const SYSTEMS = [
  "ehr",
  "bcma",
  "printer",
  "network",
  "lab_system",
  "dispensing_cabinet",
  "workstation",
  "communication",
];

/** Cheap deterministic pseudo-random numbers (no per-report allocation of a generator). */
function rand(i: number, salt: number): number {
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return (x >>> 0) / 4294967296;
}

function report(seq: number, createdAt: Date): Report {
  const r = (salt: number) => rand(seq, salt);
  const pick = <T>(items: readonly T[], salt: number): T => items[Math.floor(r(salt) * items.length)] as T;
  const unit = pick(UNITS, 1);
  const system = pick(SYSTEMS, 2);
  const base = newReport({
    seq,
    now: createdAt,
    channel: "teams",
    reporter: { ref: `bench:user-${seq % 900}`, anonymous: false, displayName: null },
    conversationKey: null,
    text: asRedacted(`${system} problem on ${unit}, report ${seq}`),
    redactions: {},
    truncated: false,
    attachmentsDropped: 0,
  });
  // Old reports were dealt with; only the last two weeks hold open ones (as in a hospital).
  const recent = BENCH_NOW.getTime() - createdAt.getTime() < 14 * 86_400_000;
  const resolved = !recent || r(3) < 0.7;
  const ackAt = new Date(createdAt.getTime() + 3_600_000 * (0.2 + r(4) * 6));
  const resolvedAt = new Date(ackAt.getTime() + 3_600_000 * (1 + r(5) * 120));
  const clusterHead =
    r(6) < 0.2 ? `R-${String(Math.max(1, seq - 1 - Math.floor(r(7) * 5))).padStart(4, "0")}` : base.id;
  return {
    ...base,
    classification: {
      isReport: true,
      kind: pick(KINDS, 8),
      system,
      severity: pick(SEVERITIES, 9),
      patientSafety: r(10) < 0.1,
      location: unit,
      summary: `${system} problem on ${unit}`,
      tags: [system],
      missing: [],
      source: "offline",
      promptVersion: null,
      model: null,
      classifiedAt: createdAt,
    },
    classifyJob: { state: "done", attempts: 1, claimedBy: null, leaseUntil: null },
    intake: { ...base.intake, stage: "confirmed" },
    status: resolved ? "resolved" : "acknowledged",
    acknowledgedAt: ackAt,
    resolvedAt: resolved && resolvedAt < BENCH_NOW ? resolvedAt : null,
    clusterId: clusterHead,
  };
}

/**
 * Inserts reports seq in [from, to): the first `weekReports` fill the digest week, the rest
 * spread over the history (never inside the digest week, so it holds exactly `weekReports`).
 */
export async function fillReports(
  reports: ReportStore,
  week: DigestWindow,
  weekReports: number,
  from: number,
  to: number,
): Promise<void> {
  const weekMs = week.to.getTime() - week.from.getTime();
  const historyStart = BENCH_NOW.getTime() - HISTORY_MS;
  for (let start = from; start < to; start += BATCH) {
    const batch: Report[] = [];
    for (let i = start; i < Math.min(to, start + BATCH); i++) {
      let at: number;
      if (i < weekReports) at = week.from.getTime() + rand(i, 11) * weekMs;
      else {
        at = historyStart + rand(i, 12) * HISTORY_MS;
        if (at >= week.from.getTime() && at < week.to.getTime()) at -= 2 * weekMs;
      }
      batch.push(report(i + 1, new Date(at)));
    }
    await reports.insertMany(batch);
  }
}
