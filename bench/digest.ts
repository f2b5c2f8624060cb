/**
 * Digest build time for one week holding 5,000 reports, with 100k and then 1M reports stored over
 * ~4 years (goal < 1 s each; the time should follow the week's size, not the history's).
 * Embedded store always; MongoDB too when TEST_MONGODB_URI or MONGODB_URI is set.
 *   npx tsx bench/digest.ts            BENCH_SCALE=0.1 for a 10x smaller run (CI)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../src/adapters/store/embedded/embedded-store";
import { createMongoStore } from "../src/adapters/store/mongo/mongo-store";
import { buildDigest } from "../src/app/build-digest";
import { defaultCatalogue } from "../src/config/catalogue";
import { lastCompleteWeek, trailingWindows, type DigestWindow } from "../src/domain/iso-week";
import { asRedacted } from "../src/domain/redacted-text";
import { newReport, type Report } from "../src/domain/report";
import { KINDS, SEVERITIES } from "../src/domain/taxonomy";
import { silentLogger } from "../src/ports/logger";
import type { Store } from "../src/ports/store";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const WEEK_REPORTS = Math.round(5_000 * SCALE);
const STEPS = [100_000, 1_000_000].map((n) => Math.round(n * SCALE));
const HISTORY_MS = 4 * 365 * 86_400_000;
const BATCH = 5_000;
const RUNS = 3;
const NOW = new Date("2026-11-25T12:00:00Z");
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
  const recent = NOW.getTime() - createdAt.getTime() < 14 * 86_400_000;
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
    resolvedAt: resolved && resolvedAt < NOW ? resolvedAt : null,
    clusterId: clusterHead,
  };
}

/** Inserts reports seq in [from, to): the first WEEK_REPORTS fill the digest week, the rest spread over the history. */
async function fill(store: Store, week: DigestWindow, from: number, to: number): Promise<void> {
  const weekMs = week.to.getTime() - week.from.getTime();
  const historyStart = NOW.getTime() - HISTORY_MS;
  for (let start = from; start < to; start += BATCH) {
    const batch: Report[] = [];
    for (let i = start; i < Math.min(to, start + BATCH); i++) {
      let at: number;
      if (i < WEEK_REPORTS) at = week.from.getTime() + rand(i, 11) * weekMs;
      else {
        at = historyStart + rand(i, 12) * HISTORY_MS;
        // Keep the digest week at exactly WEEK_REPORTS: move background reports out of it.
        if (at >= week.from.getTime() && at < week.to.getTime()) at -= 2 * weekMs;
      }
      batch.push(report(i + 1, new Date(at)));
    }
    await store.reports.insertMany(batch);
  }
}

/** Where the time goes: the digest's four document/count queries, timed one by one. */
async function breakdown(store: Store, week: DigestWindow): Promise<string> {
  const time = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    const result = await work();
    return { ms: performance.now() - t, n: Array.isArray(result) ? result.length : Number(result) };
  };
  const weekDocs = await time(() => store.reports.find({ createdFrom: week.from, createdTo: week.to }));
  const open = await time(() =>
    store.reports.find({ statusIn: ["new", "acknowledged", "in_progress"], severityIn: ["critical", "high"] }),
  );
  const resolved = await time(() => store.reports.find({ resolvedFrom: week.from, resolvedTo: week.to }));
  const trend = await time(async () => {
    let n = 0;
    for (const w of trailingWindows(week, 12).slice(0, -1)) {
      n += await store.reports.count({ createdFrom: w.from, createdTo: w.to });
      for (const kind of KINDS) await store.reports.count({ createdFrom: w.from, createdTo: w.to, kind });
    }
    return n;
  });
  return (
    `week find ${fmt(weekDocs.ms)} (${weekDocs.n} docs), open high/critical ${fmt(open.ms)} (${open.n} docs), ` +
    `resolved in week ${fmt(resolved.ms)} (${resolved.n} docs), 11-week trend counts ${fmt(trend.ms)} (${trend.n} reports)`
  );
}

async function timeDigest(store: Store, week: DigestWindow): Promise<{ times: number[]; reports: number }> {
  const deps = { reports: store.reports, catalogue: defaultCatalogue(), narrator: null, logger: silentLogger };
  const times: number[] = [];
  let reports = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const digest = await buildDigest(deps, week, NOW);
    times.push(performance.now() - t);
    reports = digest.totals.reports;
  }
  return { times, reports };
}

const fmt = (ms: number) => `${Math.round(ms)} ms`;

async function benchStore(name: string, store: Store): Promise<void> {
  await store.init();
  const week = lastCompleteWeek(NOW, "UTC");
  let stored = 0;
  for (const target of STEPS) {
    const t0 = performance.now();
    await fill(store, week, stored, target);
    const insertMs = performance.now() - t0;
    stored = target;
    const { times, reports } = await timeDigest(store, week);
    const sorted = [...times].sort((a, b) => a - b);
    const verdict = (sorted[0] ?? Infinity) < 1000 ? "ok (< 1 s)" : "SLOW (goal < 1 s)";
    console.log(
      `${name.padEnd(9)} stored ${String(stored).padStart(9)} | inserted in ${fmt(insertMs).padStart(9)} | ` +
        `digest of ${week.period} (${reports} reports): first ${fmt(times[0] ?? 0)}, best ${fmt(sorted[0] ?? 0)}, ` +
        `median ${fmt(sorted[1] ?? 0)} | ${verdict} | rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
    console.log(`${"".padEnd(9)} breakdown: ${await breakdown(store, week)}`);
  }
}

async function main(): Promise<void> {
  console.log(
    `digest bench: ${WEEK_REPORTS} reports in the digest week, ${STEPS.join(" then ")} stored (BENCH_SCALE=${SCALE})`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "digest-bench-"));
  const embedded = createEmbeddedStore({ dataDir, logger: silentLogger });
  try {
    await benchStore("embedded", embedded);
  } finally {
    await embedded.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const uri = process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  if (!uri) {
    console.log("mongodb   skipped (set TEST_MONGODB_URI or MONGODB_URI)");
    return;
  }
  const dbName = `bench_digest_${process.pid}`;
  const mongo = createMongoStore({ uri, dbName, logger: silentLogger });
  try {
    await benchStore("mongodb", mongo);
  } finally {
    await dropDatabase(uri, dbName);
    await mongo.close();
  }
}

async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(uri);
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
