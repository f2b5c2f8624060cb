/**
 * Digest build time for one week holding 5,000 reports, with 100k and then 1M reports stored over
 * ~4 years (goal < 1 s each; the time should follow the week's size, not the history's).
 * Embedded store always; MongoDB too when TEST_MONGODB_URI or MONGODB_URI is set.
 *   npx tsx bench/digest.ts            BENCH_SCALE=0.1 for a 10x smaller run (CI)
 *   BENCH_STEPS=100000                 other history sizes (the week keeps its 5,000 x BENCH_SCALE reports)
 *   BENCH_MONGO_STEPS=100000,300000    other sizes for the MongoDB leg (FerretDB on SQLite is slow to seed)
 * Prints wall and CPU time (this process; the machine may be shared) and a VERDICT line per store and size.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../src/adapters/store/embedded/embedded-store";
import { createMongoStore } from "../src/adapters/store/mongo/mongo-store";
import { buildDigest } from "../src/app/digest/build-digest";
import { defaultCatalogue } from "../src/config/catalogue";
import { lastCompleteWeek, previousWindow, trailingWindows, type DigestWindow } from "../src/domain/iso-week";
import { silentLogger } from "../src/ports/logger";
import type { Store } from "../src/ports/store";
import { BENCH_NOW as NOW, fillReports } from "./lib/digest-reports";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const WEEK_REPORTS = Math.round(5_000 * SCALE);
const STEPS = process.env.BENCH_STEPS
  ? process.env.BENCH_STEPS.split(",").map(Number)
  : [100_000, 1_000_000].map((n) => Math.round(n * SCALE));
const MONGO_STEPS = process.env.BENCH_MONGO_STEPS ? process.env.BENCH_MONGO_STEPS.split(",").map(Number) : STEPS;
const RUNS = 3;
/** A run slower than this is not repeated (FerretDB on SQLite scans whole collections). */
const REPEAT_BELOW_MS = 10_000;

async function fill(store: Store, week: DigestWindow, from: number, to: number): Promise<void> {
  await fillReports(store.reports, week, WEEK_REPORTS, from, to);
}

/** Where the time goes: the digest's document/count queries, timed one by one. */
async function breakdown(store: Store, week: DigestWindow): Promise<string> {
  const time = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    const result = await work();
    return { ms: performance.now() - t, n: Array.isArray(result) ? result.length : Number(result) };
  };
  const weekDocs = await time(() => store.reports.findSummaries({ createdFrom: week.from, createdTo: week.to }));
  const prev = previousWindow(week);
  const prevDocs = await time(() => store.reports.findSummaries({ createdFrom: prev.from, createdTo: prev.to }));
  const open = await time(() =>
    store.reports.findSummaries({
      statusIn: ["new", "acknowledged", "in_progress"],
      severityIn: ["critical", "high"],
    }),
  );
  const resolved = await time(() => store.reports.findSummaries({ resolvedFrom: week.from, resolvedTo: week.to }));
  const trend = await time(async () => {
    let n = 0;
    for (const w of trailingWindows(prev, 11).slice(0, -1)) {
      const counts = await store.reports.countByKind({ createdFrom: w.from, createdTo: w.to });
      n += Object.values(counts).reduce((s, c) => s + (c ?? 0), 0);
    }
    return n;
  });
  return (
    `week summaries ${fmt(weekDocs.ms)} (${weekDocs.n}), previous week ${fmt(prevDocs.ms)} (${prevDocs.n}), open high/critical ${fmt(open.ms)} (${open.n}), ` +
    `resolved in week ${fmt(resolved.ms)} (${resolved.n}), 10 grouped trend counts ${fmt(trend.ms)} (${trend.n} reports)`
  );
}

interface Timing {
  ms: number;
  cpuMs: number;
}

async function timeDigest(store: Store, week: DigestWindow): Promise<{ runs: Timing[]; reports: number }> {
  const deps = { reports: store.reports, catalogue: defaultCatalogue(), narrator: null, logger: silentLogger };
  const runs: Timing[] = [];
  let reports = 0;
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const digest = await buildDigest(deps, week, NOW);
    const used = process.cpuUsage(cpu);
    runs.push({ ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 });
    reports = digest.totals.reports;
    if ((runs[0]?.ms ?? 0) > REPEAT_BELOW_MS) break;
  }
  return { runs, reports };
}

const fmt = (ms: number) => `${Math.round(ms)} ms`;

/** Whether the server answers the week's range query with an index (FerretDB 1.24 on SQLite scans). */
async function planOf(store: Store, week: DigestWindow, uri: string | null, dbName: string): Promise<string> {
  if (store.kind === "embedded" || !uri) return "";
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(uri);
  try {
    const plan = await client
      .db(dbName)
      .collection("reports")
      .find({ createdAt: { $gte: week.from, $lt: week.to } })
      .explain();
    const text = JSON.stringify(plan);
    if (/IXSCAN/.test(text)) return " | server plan: index scan";
    if (/SCAN reports|COLLSCAN/.test(text)) return " | server plan: FULL COLLECTION SCAN (no index use on this server)";
    return "";
  } catch {
    return "";
  } finally {
    await client.close();
  }
}

async function benchStore(name: string, store: Store, steps: number[], uri: string | null, dbName: string) {
  await store.init();
  const week = lastCompleteWeek(NOW, "UTC");
  let stored = 0;
  const best: { stored: number; ms: number }[] = [];
  for (const target of steps) {
    const t0 = performance.now();
    await fill(store, week, stored, target);
    const insertMs = performance.now() - t0;
    stored = target;
    const { runs, reports } = await timeDigest(store, week);
    const fastest = [...runs].sort((a, b) => a.ms - b.ms)[0] ?? { ms: Infinity, cpuMs: Infinity };
    const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] ?? fastest;
    best.push({ stored, ms: fastest.ms });
    console.log(
      `${name.padEnd(9)} stored ${String(stored).padStart(9)} | inserted in ${fmt(insertMs).padStart(9)} | ` +
        `digest of ${week.period} (${reports} reports), ${runs.length} run(s): first ${fmt(runs[0]?.ms ?? 0)}, ` +
        `best ${fmt(fastest.ms)} (cpu ${fmt(fastest.cpuMs)}), median ${fmt(median.ms)} | ` +
        `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
    console.log(`${"".padEnd(9)} breakdown: ${await breakdown(store, week)}`);
    console.log(
      `VERDICT ${name} with ${stored.toLocaleString("en-US")} stored, ${reports.toLocaleString("en-US")} in the week: ` +
        `best ${fmt(fastest.ms)} (cpu in this process ${fmt(fastest.cpuMs)}) -> ` +
        `${fastest.ms < 1000 ? "ok (< 1 s)" : "SLOW (goal < 1 s)"}${await planOf(store, week, uri, dbName)}`,
    );
  }
  const [first, last] = [best[0], best[best.length - 1]];
  if (first && last && last.stored > first.stored) {
    console.log(
      `VERDICT ${name} growth: ${(last.stored / first.stored).toFixed(0)}x the history -> ` +
        `${(last.ms / first.ms).toFixed(2)}x the digest time (the week stays at ${WEEK_REPORTS} reports)`,
    );
  }
}

async function main(): Promise<void> {
  console.log(
    `digest bench: ${WEEK_REPORTS} reports in the digest week, ${STEPS.join(" then ")} stored (BENCH_SCALE=${SCALE})`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "digest-bench-"));
  const embedded = createEmbeddedStore({ dataDir, logger: silentLogger });
  try {
    await benchStore("embedded", embedded, STEPS, null, "");
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
    await benchStore("mongodb", mongo, MONGO_STEPS, uri, dbName);
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
