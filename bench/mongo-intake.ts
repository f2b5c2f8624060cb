/**
 * MongoDB mode (FerretDB 1.24 unless TEST_MONGODB_URI / MONGODB_URI names a server), side by side in
 * one run, for each history size (reports already stored, seeded with insertMany):
 * - intake: reports/s through the acknowledgement path (core.onMessage: redact, gate, store, reply)
 *   with 8 messages in flight, goal ≥ 100/s;
 * - a bare insertOne loop of report documents on the same database (same 8 in flight), and intake
 *   as a ratio of it (goal ≥ 0.5);
 * - once, at the first size: a 1,000-report burst drained, i.e. the time from its last
 *   acknowledgement until every report is classified, taken into triage and confirmed and nothing
 *   is left in the outbox (classification worker and outbox dispatcher as main.ts runs them,
 *   senders that only record), goal < 60 s.
 * - round trips per intake report, by command and collection (the driver's command monitor): on
 *   FerretDB 1.24 only inserts and reads of tiny collections stay cheap as history grows.
 * Every figure is printed with the load average at the moment it was measured.
 * Default sizes 10,000 (quick); BENCH_FULL=1 adds 100,000 (seeding FerretDB takes a few minutes);
 * BENCH_MONGO_SIZES=10000,100000 sets them. BENCH_SCALE shortens the timed parts.
 *   npx tsx bench/mongo-intake.ts
 */
import os from "node:os";
import type { MongoClient } from "mongodb";
import { asRedacted } from "../src/domain/redacted-text";
import { newReport, type Report } from "../src/domain/report";
import type { BotMessage } from "../src/domain/message";
import type { InboundMessage } from "../src/app/intake/core-types";
import { createClassificationDeps } from "./lib/pipeline-deps";
import { startClassificationWorker } from "../src/jobs/classification-worker";
import { startOutboxDispatcher } from "../src/jobs/outbox-dispatcher";
import type { ChannelSender } from "../src/ports/channel";
import { systemClock } from "../src/ports/clock";
import { silentLogger } from "../src/ports/logger";
import type { Store } from "../src/ports/store";
import { COLLECTIONS } from "../src/adapters/store/mongo/indexes";
import { mongoTarget, withMongoDatabase, type MongoTarget } from "./lib/mongo-target";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const SIZES = (process.env.BENCH_MONGO_SIZES ?? (process.env.BENCH_FULL === "1" ? "10000,100000" : "10000"))
  .split(",")
  .map(Number)
  .filter((n) => n >= 0);
const IN_FLIGHT = 8;
const TIMED_SECONDS = Math.max(2, 10 * SCALE);
const BURST = Math.max(50, Math.round(1000 * SCALE));
const DRAIN_LIMIT_MS = 300_000;
const TEXTS = [
  "Epic froze when opening the MAR on 4 West, had to restart twice",
  "label printer in the ED jammed again, no specimen labels for the morning draw",
  "Pyxis drawer will not open after badge scan in CVICU, pharmacy notified",
  "Vocera badge drops every call on 5 North since the update this morning",
  "bedside monitor lost the SpO2 waveform in PACU bay 3, vendor ticket open",
];

function seedReports(count: number, firstSeq: number): Report[] {
  const now = Date.now() - 30 * 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const report = newReport({
      seq: firstSeq + i,
      now: new Date(now + i * 1000),
      channel: "webchat",
      reporter: { ref: `webchat:seed-${i % 500}`, displayName: null, anonymous: false },
      conversationKey: `webchat:seed-${i % 500}`,
      text: asRedacted(`${TEXTS[i % TEXTS.length]} (seeded ${i})`),
      redactions: {},
      truncated: false,
      attachmentsDropped: 0,
    });
    // History: resolved and classified, as most stored reports are.
    return { ...report, status: "resolved", classifyJob: { ...report.classifyJob, state: "done" } };
  });
}

async function seed(store: Store, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += 5000) await store.reports.insertMany(seedReports(Math.min(5000, count - i), i + 1));
  return (performance.now() - started) / 1000;
}

function message(i: number): InboundMessage {
  const user = `bench-${i % 200}`;
  return {
    sender: { channel: "webchat", userId: user, userName: null, conversationKey: `webchat:${user}`, direct: true },
    text: `${TEXTS[i % TEXTS.length]} — run ${i}`,
    attachments: 0,
    deliveryId: `mongo-intake-${process.pid}-${i}`,
  };
}

/** Runs `work(i)` for `seconds` (or `count` times) with IN_FLIGHT at once; returns completions per second. */
async function closedLoop(
  work: (i: number) => Promise<unknown>,
  limit: { seconds?: number; count?: number },
): Promise<{ done: number; perSecond: number; failed: number }> {
  let next = 0;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = limit.seconds ? started + limit.seconds * 1000 : Infinity;
  const lane = async () => {
    for (;;) {
      const i = next++;
      if ((limit.count !== undefined && i >= limit.count) || performance.now() > deadline) return;
      try {
        await work(i);
        done += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return { done, failed, perSecond: done / ((performance.now() - started) / 1000) };
}

function recordingSender(channel: ChannelSender["channel"], sent: { n: number }): ChannelSender {
  let id = 0;
  return {
    channel,
    send: (_target, _message: BotMessage) => {
      sent.n += 1;
      return Promise.resolve(`${channel}-ref-${++id}`);
    },
  };
}

const load = (): string => `load ${os.loadavg()[0]!.toFixed(1)}`;

/** What is still to do, from the store's work queues (small: counting them costs no scan of history). */
async function backlog(raw: MongoClient, dbName: string): Promise<{ unfinished: number; outbox: number }> {
  const db = raw.db(dbName);
  const [unfinished, outbox] = await Promise.all([
    db.collection(COLLECTIONS.classifyQueue).countDocuments({}),
    db.collection(COLLECTIONS.outboxQueue).countDocuments({}),
  ]);
  return { unfinished, outbox };
}

async function burstDrain(store: Store, raw: MongoClient, dbName: string): Promise<string> {
  const deps = createClassificationDeps(store);
  const filed = await closedLoop((i) => deps.core.onMessage(message(1_000_000 + i)), { count: BURST });
  const before = await backlog(raw, dbName);
  const t0 = performance.now();
  const sent = { n: 0 };
  const worker = startClassificationWorker(deps.intake, { owner: "bench", intervalMs: 200 });
  const outbox = startOutboxDispatcher({
    store,
    senders: (["webchat", "slack", "teams"] as const).map((c) => recordingSender(c, sent)),
    clock: systemClock,
    logger: silentLogger,
    owner: "bench",
    intervalMs: 200,
  });
  deps.wake.outbox = () => outbox.wake();
  try {
    for (;;) {
      const left = await backlog(raw, dbName);
      const elapsed = performance.now() - t0;
      if (left.unfinished === 0 && left.outbox === 0)
        return `${filed.done} reports filed (${filed.perSecond.toFixed(0)}/s; ${before.unfinished} to classify with the timed intake's), drained ${(elapsed / 1000).toFixed(1)} s after the last acknowledgement (${sent.n} messages sent; goal < 60 s: ${elapsed < 60_000 ? "met" : "NOT met"}; ${load()})`;
      if (elapsed > DRAIN_LIMIT_MS)
        return `${filed.done} reports filed (${before.unfinished} to classify with the timed intake's); NOT drained after ${DRAIN_LIMIT_MS / 1000} s: ${left.unfinished} unclassified, ${left.outbox} outbox messages left, ${sent.n} sent (${load()})`;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await worker.stop();
    await outbox.stop();
  }
}

async function oneSize(target: MongoTarget, size: number, withBurst: boolean): Promise<void> {
  const commands = new Map<string, number>();
  let counting = false;
  const onCommand = (c: { name: string; collection: string }): void => {
    if (!counting) return;
    const key = `${c.name} ${c.collection}`;
    commands.set(key, (commands.get(key) ?? 0) + 1);
  };
  await withMongoDatabase(target, "bench_intake", { onCommand }, async (store, raw, dbName) => {
    const seededIn = await seed(store, size);
    const deps = createClassificationDeps(store);
    const bare = raw.db(dbName).collection("reports");
    const template = seedReports(1, 0)[0]!;
    const bareRun = await closedLoop(
      (i) => {
        const id = `B-${i}`;
        return bare.insertOne({ ...template, _id: id as never, id, seq: 10_000_000 + i, version: 0 });
      },
      { seconds: TIMED_SECONDS },
    );
    const bareLoad = load();
    counting = true;
    const intake = await closedLoop((i) => deps.core.onMessage(message(i)), { seconds: TIMED_SECONDS });
    counting = false;
    const ratio = intake.perSecond / bareRun.perSecond;
    console.log(
      `  ${size.toLocaleString("en-US")} stored (seeded in ${seededIn.toFixed(0)} s): intake ${intake.perSecond.toFixed(0)} reports/s ` +
        `(goal ≥ 100: ${intake.perSecond >= 100 ? "met" : "NOT met"}; ${intake.failed} failed; ${load()}), ` +
        `bare insertOne ${bareRun.perSecond.toFixed(0)}/s (${bareLoad}), ` +
        `ratio ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? "met" : "NOT met"})`,
    );
    const perReport = [...commands]
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => `${what} ${(n / Math.max(1, intake.done)).toFixed(2)}`);
    console.log(`  ${size.toLocaleString("en-US")} stored: round trips per intake report: ${perReport.join(", ")}`);
    if (withBurst)
      console.log(`  ${size.toLocaleString("en-US")} stored, burst: ${await burstDrain(store, raw, dbName)}`);
  });
}

async function main(): Promise<void> {
  console.log(
    `mongo intake: sizes ${SIZES.join(", ")}${process.env.BENCH_FULL === "1" ? "" : " (BENCH_FULL=1 adds 100,000)"}, ` +
      `${IN_FLIGHT} in flight, ${TIMED_SECONDS} s per timed part, burst ${BURST}; ${os.cpus().length} CPUs, ${load()}`,
  );
  const target = await mongoTarget();
  if ("skip" in target) {
    console.log(`SKIPPED: ${target.skip}`);
    return;
  }
  console.log(`  server: ${target.flavor}`);
  try {
    for (const [i, size] of SIZES.entries()) await oneSize(target, size, i === 0);
  } finally {
    await target.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
